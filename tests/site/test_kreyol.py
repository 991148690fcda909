"""The Kreyòl edition (/ht/): what a Kreyòl reader gets besides the pages' parity
(test_i18n.py): the translation notice, the theme's words, search without accents, the
structured data, the 404, and the self-check's texts."""

from __future__ import annotations

import json
import re

import pytest
import yaml

import criteria
import facts
from yamlsource import SourceError

from helpers import DEFAULT, LANGUAGES, ROOT, site_path, soup

UI = yaml.safe_load((ROOT / "data" / "ui.yml").read_text())
CRITERIA = sorted((ROOT / "criteria").glob("*.yml"))


def test_kreyol_is_a_language_of_the_site() -> None:
    assert "ht" in LANGUAGES


def test_every_kreyol_page_says_under_its_heading_that_english_governs(html_pages, base_url):
    pages = [u for u in html_pages if u.startswith("ht/") and not u.endswith("404.html")]
    assert len(pages) > 10
    for url in pages:
        doc = soup(html_pages[url])
        notice = doc.select("article .pd-translation")
        assert len(notice) == 1, f"/{url}: {len(notice)} translation notices"
        assert notice[0].find_previous_sibling("h1"), f"/{url}: the notice is not under the h1"
        assert UI["ht"]["translation_notice"] in " ".join(notice[0].get_text(" ").split())
        link = notice[0].select_one("a")
        assert link["hreflang"] == DEFAULT and link.get_text() == UI["ht"]["translation_link"]
        english = url.removeprefix("ht/")
        assert site_path(link["href"], base_url, url) == "/" + english, f"/{url}"
        assert english in html_pages
    english = [u for u in html_pages if not u.startswith(("ht/", "es/"))]
    assert not any(soup(html_pages[u]).select(".pd-translation") for u in english)


def test_kreyol_pages_carry_kreyol_structured_data_and_locale(page) -> None:
    for url in ("ht/", "ht/faq/"):
        doc = page(url)
        data = json.loads(doc.select_one('script[type="application/ld+json"]').string)
        languages = set(re.findall(r'"inLanguage": "([^"]*)"', json.dumps(data)))
        assert languages == {"ht"}, (url, languages)
        assert doc.select_one('meta[property="og:locale"]')["content"] == "ht_HT"


def test_the_kreyol_404_speaks_kreyol(site) -> None:
    doc = soup(site / "ht" / "404.html")
    assert doc.html["lang"] == "ht"
    assert doc.select_one("h1").get_text(strip=True) == UI["ht"]["not_found_title"]


def test_kreyol_search_matches_words_with_or_without_accents(site) -> None:
    index = json.loads((site / "search" / "search_index.ht.json").read_text())
    # Plain words, accents folded by the stand-in worker (search-on-demand.js); the browser
    # test (tests/browser/test_search.py) searches both spellings.
    assert index["config"]["fold"] is True and index["config"]["pipeline"] == ["trimmer"]
    assert all(d["location"].startswith("ht/") for d in index["docs"])


def test_kreyol_dates_use_kreyol_month_names() -> None:
    assert facts.format_date("2026-12-07", "ht") == "7 desanm 2026"
    assert facts.format_date("2025-07", "ht") == "jiyè 2025"


@pytest.mark.parametrize("path", CRITERIA, ids=[p.name for p in CRITERIA])
def test_every_criteria_text_has_a_kreyol_version(path, tmp_path) -> None:
    """Every text of the self-check has a non-empty Kreyòl version: the file loads with the
    site's languages, ht required. While the file still lists ht as `untranslated` (its
    Kreyòl pages show the English texts), the texts must really be missing: the line goes
    with the last of them, and from then on the build requires ht everywhere."""
    ids = facts.load(ROOT / "data" / "facts.yml", languages=LANGUAGES).ids
    text = path.read_text(encoding="utf-8")
    required = tmp_path / path.name
    required.write_text(re.sub(r"(?m)^untranslated:.*\n", "", text), encoding="utf-8")
    if "ht" in (yaml.safe_load(text).get("untranslated") or []):
        with pytest.raises(SourceError, match=r'\.ht: the "ht" text is missing or empty'):
            criteria.load(required, fact_ids=ids, languages=LANGUAGES)
        pytest.xfail(f"{path.name}: the Kreyòl texts are still to come (untranslated: [ht])")
    criteria.load(required, fact_ids=ids, languages=LANGUAGES)


def test_the_kreyol_glossary_gives_each_term_in_english_and_spanish_beside_it(page) -> None:
    terms = yaml.safe_load((ROOT / "data" / "glossary.yml").read_text())["terms"]
    doc = page("ht/glossary/")
    for term in terms:
        heading = doc.select_one(f"article h2#{term['id']}")
        assert term["term"]["ht"] in heading.get_text()
        beside = heading.find_next_sibling(class_="pd-beside")
        assert beside.find_previous_sibling("h2") == heading, term["id"]
        for lang in ("en", "es"):
            assert beside.select_one(f'[lang="{lang}"]').get_text() == term["term"][lang]
    assert not page("es/glossary/").select(".pd-beside")
