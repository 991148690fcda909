"""English at /, each other language under /<lang>/ (Spanish /es/, Kreyòl /ht/): the same
pages, structure, links, figures, dates, citations and checker. The languages come from
mkdocs.yml's i18n plugin, like the build's."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree
from urllib.parse import urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

import answercode
import criteria
import facts

from helpers import DEFAULT, FIRM, LANGUAGES, ROOT, TRANSLATED, fresh_soup, site_path, soup

UI = yaml.safe_load((ROOT / "data" / "ui.yml").read_text())
FIGURE = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?%|\b(?:19|20)\d\d\b")


def _date_pattern(lang: str) -> re.Pattern[str]:
    """Full dates as hooks/facts.py writes them in `lang` ("November 17, 2000", "17 de
    noviembre de 2000", "17 novanm 2000")."""
    months = "|".join(facts.MONTHS[lang])
    day = r"(?P<day>\d{1,2})"
    year = r"(?P<year>(?:19|20)\d\d)"
    shape = {
        "en": rf"(?P<month>{months}) {day}, {year}",
        "es": rf"{day} de (?P<month>{months}) de {year}",
    }.get(lang, rf"{day} (?P<month>{months}) {year}")
    return re.compile(rf"(?<!\w){shape}(?!\w)")


def dates(text: str, lang: str) -> list[str]:
    """Every full date in the text, as YYYY-MM-DD, sorted."""
    return sorted(
        f"{m['year']}-{facts.MONTHS[lang].index(m['month']) + 1:02}-{int(m['day']):02}"
        for m in _date_pattern(lang).finditer(" ".join(text.split()))
    )


def urls_in(html_pages: dict, lang: str) -> list[str]:
    """The built pages of one language, by their address without the language's prefix."""
    if lang == DEFAULT:
        return [u for u in html_pages if not any(u.startswith(f"{x}/") for x in TRANSLATED)]
    return [u.removeprefix(f"{lang}/") for u in html_pages if u.startswith(f"{lang}/")]


def in_lang(url: str, lang: str) -> str:
    return url if lang == DEFAULT else f"{lang}/{url}"


def article(doc):
    return doc.select_one("article")


def local_links(doc, url: str, base_url: str) -> list[str]:
    """Internal link targets in the article, as site paths with the language prefix removed.
    Links to the glossary on a term's first use are left out: each language words its pages
    in its own way, so their terms come in their own order (test_glossary_pages checks them).
    So is a translation's link to the original (test_kreyol checks it)."""
    out = []
    for a in article(doc).select("a[href]"):
        if {"headerlink", "pd-term"} & set(a.get("class", [])) or a.find_parent(
            class_="pd-translation"
        ):
            continue
        target = urlparse(site_path(a["href"], base_url, url))
        if target.scheme:  # another site, or tel:
            continue
        path = target.path
        for lang in TRANSLATED:
            path = re.sub(rf"^/{lang}(?=/)", "", path)
        out.append(path + ("#" + target.fragment if target.fragment else ""))
    return out


def own_words(doc) -> str:
    """The article's text without the names of documents and issuers (<cite>, .pd-official),
    which stay as the fact sheet records them in every language."""
    copy = soup_copy(article(doc))
    for name in copy.select("cite, .pd-official"):
        name.decompose()
    return copy.get_text(" ")


def soup_copy(element):
    return BeautifulSoup(str(element), "html.parser")


def test_every_page_exists_in_every_language(html_pages: dict) -> None:
    assert len(LANGUAGES) >= 3, "mkdocs.yml lists fewer languages than the site has"
    english = set(urls_in(html_pages, DEFAULT))
    for lang in TRANSLATED:
        assert set(urls_in(html_pages, lang)) == english, lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_html_lang_and_no_misleading_hreflang_in_head(html_pages: dict, lang: str) -> None:
    # Material would name the language roots as every page's translations; the right
    # pairs are in the sitemap (next test), and the switcher finds the same page through
    # docs/assets/language.js (tests/browser/test_languages.py proves it).
    for url in urls_in(html_pages, DEFAULT):
        here = in_lang(url, lang)
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
        english = loc
        for lang in TRANSLATED:
            english = english.replace(base_url + f"{lang}/", base_url, 1)
        expected = {lang: english.replace(base_url, base_url + in_lang("", lang), 1)
                    for lang in LANGUAGES}
        assert alternates == {**expected, "x-default": english}, loc
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", lastmod or ""), f"{loc}: no lastmod"
    for lang in TRANSLATED:
        assert (site / lang / "sitemap.xml").read_text() == (site / "sitemap.xml").read_text()


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translated_pages_match_english_sections_links_citations_figures_and_dates(
    html_pages, base_url, lang
):
    """The parity test: every page of every translation has the English page's sections
    (heading ids), links, [[cite:…]] citations and cited titles, figures and full dates."""
    checked = 0
    for url in urls_in(html_pages, DEFAULT):
        en, other = soup(html_pages[url]), soup(html_pages[in_lang(url, lang)])
        for level in ("h1", "h2", "h3", "h4"):
            assert len(article(en).select(level)) == len(article(other).select(level)), (
                f"/{lang}/{url} {level}")
        ids = lambda d: [h.get("id") for h in article(d).select("h2, h3, h4")]  # noqa: E731
        assert ids(en) == ids(other), f"/{lang}/{url}: heading ids differ"
        links = local_links(en, url, base_url)
        assert links == local_links(other, in_lang(url, lang), base_url), (
            f"/{lang}/{url}: links differ")
        checked += len(links)
        cites = lambda d: [a["href"].split("#")[1] for a in article(d).select("a.cite")]  # noqa: E731
        assert cites(en) == cites(other), f"/{lang}/{url}: citations differ"
        figures = lambda d: sorted(FIGURE.findall(article(d).get_text(" ")))  # noqa: E731
        assert figures(en) == figures(other), f"/{lang}/{url}: figures or years differ"
        assert dates(own_words(en), DEFAULT) == dates(own_words(other), lang), (
            f"/{lang}/{url}: dates differ")
        assert [c.get_text() for c in article(en).select("cite")] == [
            c.get_text() for c in article(other).select("cite")], f"/{lang}/{url}: cited titles differ"
    assert checked > 50, "no internal links compared"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translated_footer_carries_every_required_item(html_pages: dict, lang: str) -> None:
    disclaimer = " ".join(UI[lang]["disclaimer"].split())
    for url, path in html_pages.items():
        if not url.startswith(f"{lang}/"):
            continue
        footer = " ".join(soup(path).select_one("footer.pd-footer").get_text(" ").split())
        for needed in (FIRM["name"], FIRM["city"], FIRM["phone"], disclaimer):
            assert needed in footer, f"/{url}: footer lacks {needed!r}"
        if url != f"{lang}/404.html":
            assert UI[lang]["last_reviewed"] in footer
            assert dates(footer, lang), f"/{url}: no date in {lang}"


def test_every_checker_carries_the_same_rules_and_factors(page, area) -> None:
    where = [in_lang(area.data["page"].removesuffix(".md") + "/", lang) for lang in LANGUAGES]
    roots = [page(p).select_one("[data-criteria-checker]") for p in where]
    rules = [json.loads(r["data-rules"]) for r in roots]
    assert all(r == answercode.Codec(area).client_rules() for r in rules)
    lists = [[f["data-factor"] for f in page(p).select("[data-factor]")] for p in where]
    assert all(factors == lists[0] for factors in lists)
    for lang, path, root in zip(LANGUAGES, where, roots, strict=True):
        shown = criteria.text_language(area, lang)
        for question in area.questions:
            legend = root.select_one(f'[data-question="{question["id"]}"] legend .pd-q')
            # split(): "EE. UU." is joined by a no-break space so that it stays on one line.
            assert " ".join(legend.get_text().split()) == question["text"][shown], lang
            assert legend.get("lang", lang) == shown, f"{lang}: the texts' language is unmarked"
        for element in page(path).select("[data-factor]"):
            factor = next(f for f in area.factors if f["id"] == element["data-factor"])
            assert factor["title"][shown] in element.get_text(" ")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_searches_its_own_pages(site, lang) -> None:
    index = json.loads((site / "search" / f"search_index.{lang}.json").read_text())
    mine = [d for d in index["docs"] if urls_in({d["location"]: 0}, lang)]
    assert mine == index["docs"], f"the {lang} index holds other languages' pages"
    assert len(mine) > 20


def test_spanish_search_finds_spanish_pages(site) -> None:
    index = json.loads((site / "search" / "search_index.es.json").read_text())
    hits = [d["location"] for d in index["docs"] if "discreción procesal" in d["text"].lower()]
    assert hits, "searching Spanish text finds no Spanish page"
    assert index["config"]["lang"] == ["es"]


def _theme_words(lang: str) -> dict[str, str]:
    """Material's words for a language: its own file, or the site's (overrides/partials)."""
    import material

    name = Path("partials") / "languages" / f"{lang}.html"
    own = ROOT / "overrides" / name
    path = own if own.exists() else Path(material.__file__).parent / "templates" / name
    return dict(re.findall(r'"([a-z.]+)": "([^"]*)"', path.read_text()))


def _leaves(value) -> list[str]:
    if isinstance(value, dict):
        return [leaf for v in value.values() for leaf in _leaves(v)]
    return [str(value)]


def foreign_theme_strings(lang: str) -> set[str]:
    """Every English string the theme could put on a page (Material's own words, the colour
    toggle's names in mkdocs.yml, the heading links' name, the templates' words) and, for
    Kreyòl, Material's French ones (the nearest language it has): less those `lang` says
    the same way."""
    words = set()
    for other in ("en", "fr") if lang == "ht" else ("en",):
        words |= {v for k, v in _theme_words(other).items()
                  if not k.startswith(("search.config", "language", "direction"))}
    words -= set(_theme_words(lang).values())
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    words |= {p["toggle"]["name"] for p in config["theme"]["palette"]}
    words.add("Permanent link")
    # Language names are left out: the switcher names each language in its own language.
    ui_en, ui_lang = ({k: v for k, v in UI[x].items() if k != "language_names"}
                      for x in (DEFAULT, lang))
    words |= set(_leaves(ui_en)) - set(_leaves(ui_lang))
    return {w for w in words if len(w) >= 4 and "#" not in w}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translated_pages_carry_no_foreign_theme_text(html_pages: dict, lang: str) -> None:
    """The theme's words on a translated page (attributes, header, menus, footer, the
    search's messages) are all in its language; the page's own text may quote English
    terms, so it is left out."""
    foreign = foreign_theme_strings(lang)
    assert {"Switch to dark mode", "Permanent link", "Skip to content"} <= foreign
    if lang == "ht":
        assert {"Rechercher", "Retour en haut de la page", "Table des matières"} <= foreign
    for url, path in html_pages.items():
        if not url.startswith(f"{lang}/"):
            continue
        doc = fresh_soup(path)
        found = [
            value
            for tag in doc.find_all(True)
            for name in ("title", "aria-label", "placeholder", "alt", "content")
            if (value := tag.get(name)) and value in foreign
        ]
        # Texts marked as another language (lang="en": the self-check's texts while its
        # file lists this language as untranslated) are that language's, not the theme's.
        for other in doc.select(f"body [lang]:not([lang={lang}])"):
            other.decompose()
        config = json.loads(doc.select_one("#__config").string)
        found += [v for v in config.get("translations", {}).values() if v in foreign]
        # The table of contents repeats the page's own headings, which may name an English
        # term (the "CBP Home" app); its label and the rest of the menus are still checked.
        for toc_list in doc.select(".md-nav--secondary > .md-nav__list"):
            toc_list.decompose()
        chrome = " ".join(
            el.get_text(" ", strip=True)
            for el in doc.select("header, nav, footer, .md-skip, .md-top, .md-search")
        )
        found += [w for w in foreign if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", chrome)]
        assert not found, f"/{url}: theme text not in {lang}: {found}"
