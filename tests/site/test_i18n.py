"""English at /, Spanish under /es/: the same pages, structure, figures, citations and checker."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree
from urllib.parse import urljoin, urlparse

import pytest
import yaml

import answercode

from helpers import ROOT, site_path, soup

UI = yaml.safe_load((ROOT / "data" / "ui.yml").read_text())
FIGURE = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?%|\b(?:19|20)\d\d\b")


def english_urls(html_pages: dict) -> list[str]:
    return [url for url in html_pages if not url.startswith("es/")]


def article(doc):
    return doc.select_one("article")


def local_links(doc, url: str, base_url: str) -> list[str]:
    """Internal link targets in the article, as site paths with the language prefix removed.
    Links to the glossary on a term's first use are left out: each language words its pages
    in its own way, so their terms come in their own order (test_glossary_pages checks them)."""
    out = []
    for a in article(doc).select("a[href]"):
        if {"headerlink", "pd-term"} & set(a.get("class", [])):
            continue
        target = urlparse(site_path(a["href"], base_url, url))
        if target.scheme:  # another site, or tel:
            continue
        path = target.path.removeprefix("/es")
        out.append(path + ("#" + target.fragment if target.fragment else ""))
    return out


def test_every_page_exists_in_both_languages(html_pages: dict) -> None:
    english = set(english_urls(html_pages))
    spanish = {url.removeprefix("es/") for url in html_pages if url.startswith("es/")}
    assert english == spanish


@pytest.mark.parametrize("lang", ["en", "es"])
def test_html_lang_and_no_misleading_hreflang_in_head(html_pages: dict, lang: str) -> None:
    # Material would name the language roots as every page's translations; the right
    # pairs are in the sitemap (next test), and the switcher finds the same page through
    # docs/assets/language.js (tests/browser/test_languages.py proves it).
    for url in english_urls(html_pages):
        here = url if lang == "en" else "es/" + url
        doc = soup(html_pages[here])
        assert doc.html["lang"] == lang, f"/{here}"
        assert not doc.select('head link[rel="alternate"][hreflang]'), f"/{here}"


def test_sitemap_lists_every_page_with_hreflang_and_x_default(site, html_pages, base_url) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ElementTree.parse(site / "sitemap.xml")
    entries = {}
    for url in tree.getroot().findall("s:url", ns):
        loc = url.findtext("s:loc", namespaces=ns)
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)}
        entries[loc] = (alternates, url.findtext("s:lastmod", namespaces=ns))
    pages = [u for u in html_pages if not u.endswith("404.html")]
    assert set(entries) == {base_url + u for u in pages}, "sitemap and built pages differ"
    for loc, (alternates, lastmod) in entries.items():
        english = loc.replace(base_url + "es/", base_url)
        spanish = english.replace(base_url, base_url + "es/", 1)
        assert alternates == {"en": english, "es": spanish, "x-default": english}, loc
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod or ""), f"{loc}: no lastmod"
    assert (site / "es" / "sitemap.xml").read_text() == (site / "sitemap.xml").read_text()


def test_spanish_pages_match_english_structure_links_figures_and_citations(html_pages, base_url):
    checked = 0
    for url in english_urls(html_pages):
        en, es = soup(html_pages[url]), soup(html_pages["es/" + url])
        for level in ("h1", "h2", "h3", "h4"):
            assert len(article(en).select(level)) == len(article(es).select(level)), f"{url} {level}"
        ids = lambda d: [h.get("id") for h in article(d).select("h2, h3, h4")]  # noqa: E731
        assert ids(en) == ids(es), f"/{url}: heading ids differ"
        links = local_links(en, url, base_url)
        assert links == local_links(es, "es/" + url, base_url), f"/{url}: links differ"
        checked += len(links)
        cites = lambda d: [a["href"].split("#")[1] for a in article(d).select("a.cite")]  # noqa: E731
        assert cites(en) == cites(es), f"/{url}: citations differ"
        figures = lambda d: sorted(FIGURE.findall(article(d).get_text(" ")))  # noqa: E731
        assert figures(en) == figures(es), f"/{url}: figures or years differ"
        assert [c.get_text() for c in article(en).select("cite")] == [
            c.get_text() for c in article(es).select("cite")], f"/{url}: cited titles differ"
    assert checked > 50, "no internal links compared"


def test_spanish_footer_carries_every_required_item(html_pages: dict) -> None:
    disclaimer = " ".join(UI["es"]["disclaimer"].split())
    for url, path in html_pages.items():
        if not url.startswith("es/"):
            continue
        footer = " ".join(soup(path).select_one("footer.pd-footer").get_text(" ").split())
        for needed in ("Sánchez-Roig Law Firm, P.A.", "Miami, Florida", "305-373-5385", disclaimer):
            assert needed in footer, f"/{url}: footer lacks {needed!r}"
        if url != "es/404.html":
            assert UI["es"]["last_reviewed"] in footer
            assert re.search(r"\d{1,2} de [a-z]+ de \d{4}", footer), f"/{url}: no Spanish date"


def test_both_checkers_carry_the_same_rules_and_factors(page, area) -> None:
    roots = [page(p).select_one("[data-criteria-checker]") for p in
             ("special-consideration/", "es/special-consideration/")]
    rules = [json.loads(r["data-rules"]) for r in roots]
    assert rules[0] == rules[1] == answercode.Codec(area).client_rules()
    lists = [page(p).select("[data-factor]") for p in
             ("special-consideration/", "es/special-consideration/")]
    assert [f["data-factor"] for f in lists[0]] == [f["data-factor"] for f in lists[1]]
    es_root = roots[1]
    for question in area.questions:
        legend = es_root.select_one(f'[data-question="{question["id"]}"] legend .pd-q')
        # split(): "EE. UU." is joined by a no-break space so that it stays on one line.
        assert " ".join(legend.get_text().split()) == question["text"]["es"]
    for element, factor_id in ((f, f["data-factor"]) for f in lists[1]):
        factor = next(f for f in area.factors if f["id"] == factor_id)
        assert factor["title"]["es"] in element.get_text(" ")


def test_spanish_search_finds_spanish_pages(site) -> None:
    index = json.loads((site / "search" / "search_index.es.json").read_text())
    spanish = [d for d in index["docs"] if d["location"].startswith("es/")]
    assert spanish == index["docs"], "the Spanish index holds other languages' pages"
    hits = [d["location"] for d in spanish if "discreción procesal" in d["text"].lower()]
    assert hits, "searching Spanish text finds no Spanish page"
    assert index["config"]["lang"] == ["es"]


def _english_theme_strings() -> set[str]:
    """Every English string the theme could put on a page: Material's own words, the colour
    toggle's names in mkdocs.yml, the heading links' name, and the templates' words."""
    import material

    languages = Path(material.__file__).parent / "templates" / "partials" / "languages"
    pairs = dict(re.findall(r'"([a-z.]+)": "([^"]*)"', (languages / "en.html").read_text()))
    spanish = dict(re.findall(r'"([a-z.]+)": "([^"]*)"', (languages / "es.html").read_text()))
    words = {v for k, v in pairs.items() if not k.startswith(("search.config", "language"))}
    words -= set(spanish.values())
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    words |= {p["toggle"]["name"] for p in config["theme"]["palette"]}
    words.add("Permanent link")

    def leaves(value) -> list[str]:
        if isinstance(value, dict):
            return [leaf for v in value.values() for leaf in leaves(v)]
        return [str(value)]

    # Language names are left out: the switcher names each language in its own language.
    ui_en, ui_es = ({k: v for k, v in UI[x].items() if k != "language_names"} for x in "en es".split())
    words |= set(leaves(ui_en)) - set(leaves(ui_es))
    return {w for w in words if len(w) >= 4 and "#" not in w}


ENGLISH_THEME = _english_theme_strings()


def test_spanish_pages_carry_no_english_theme_text(html_pages: dict) -> None:
    """The theme's words on a Spanish page (attributes, header, menus, footer, the search's
    messages) are all Spanish; the page's own text may quote English terms, so it is left out."""
    assert {"Switch to dark mode", "Permanent link", "Skip to content"} <= ENGLISH_THEME
    for url, path in html_pages.items():
        if not url.startswith("es/"):
            continue
        doc = soup(path)
        found = [
            value
            for tag in doc.find_all(True)
            for name in ("title", "aria-label", "placeholder", "alt", "content")
            if (value := tag.get(name)) and value in ENGLISH_THEME
        ]
        config = json.loads(doc.select_one("#__config").string)
        found += [v for v in config.get("translations", {}).values() if v in ENGLISH_THEME]
        # The table of contents repeats the page's own headings, which may name an English
        # term (the "CBP Home" app); its label and the rest of the menus are still checked.
        for toc_list in doc.select(".md-nav--secondary > .md-nav__list"):
            toc_list.decompose()
        chrome = " ".join(
            el.get_text(" ", strip=True)
            for el in doc.select("header, nav, footer, .md-skip, .md-top, .md-search")
        )
        found += [w for w in ENGLISH_THEME if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", chrome)]
        assert not found, f"/{url}: English theme text {found}"
