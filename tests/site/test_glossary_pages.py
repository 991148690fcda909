"""The Glossary page in both languages, and the links from each page's first use of a term."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from helpers import LANGUAGES, ROOT, lang_of, prefix, site_path, soup

TERMS = yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))["terms"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_page_lists_every_term_with_its_meaning_and_sources(page, lang) -> None:
    doc = page(f"{prefix(lang)}glossary/")
    headings = doc.select(".pd-glossary h2")
    assert [h["id"] for h in headings] == [t["id"] for t in TERMS]
    for heading, term in zip(headings, TERMS, strict=True):
        assert heading.get_text().removesuffix("¶").strip() == term["term"][lang]
        meaning = heading.find_next_sibling("p")
        text = " ".join(meaning.get_text(" ").split())
        assert text.startswith(" ".join(term["definition"][lang].split())), term["id"]
        cited = [a["href"].split("#src-")[1] for a in meaning.select("a.cite")]
        assert cited == term.get("sources", []), term["id"]


def test_pages_link_each_term_once_to_the_glossary_of_their_language(html_pages, base_url):
    ids = {t["id"] for t in TERMS}
    linked = 0
    for url, path in html_pages.items():
        if url.endswith("404.html"):
            continue
        article = soup(path).select_one("article")
        links = article.select("a.pd-term")
        if url.removeprefix(prefix(lang_of(url))) == "glossary/":
            assert not links, f"/{url}: the glossary links to itself"
            continue
        glossary = f"/{prefix(lang_of(url))}glossary/"
        targets = [site_path(a["href"], base_url, url) for a in links]
        for target in targets:
            where, _, term_id = target.partition("#")
            assert where == glossary and term_id in ids, f"/{url}: term link to {target}"
        assert not [t for t, n in Counter(targets).items() if n > 1], f"/{url}: a term twice"
        for a in links:
            assert not a.find_parent(["h1", "h2", "h3", "h4", "a", "cite", "code"]), f"/{url}"
            assert not a.find_parent(attrs={"data-criteria-checker": True}), f"/{url}: checker"
        linked += len(links)
    assert linked > 40, f"only {linked} term links on the whole site"


def test_glossary_sits_before_sources_in_the_menu_in_every_language(page) -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    names = {x["locale"]: x.get("nav_translations", {}) for x in i18n["languages"]}
    for lang in LANGUAGES:
        label, sources = (names[lang].get(x, x) for x in ("Glossary", "Sources"))
        items = [
            a.get_text(" ", strip=True)
            for a in page(prefix(lang)).select(".md-nav--primary a")
        ]
        assert label in items, f"/{prefix(lang)}: no {label} in the menu"
        assert items.index(label) + 1 == items.index(sources)
