"""The built site: every page there, the firm on every page, facts consistent, no outside assets."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urljoin, urlparse

import pytest
import yaml

import facts
from facts import RECENT_SOURCES_PAGE, SOURCES_PAGE
from helpers import LANGUAGES, ROOT, TEL, TRANSLATED, fresh_soup, lang_of, prefix, site_path, soup

REQUIRED_PAGES = [
    "", "what-is-pd/", "safety/", "forms/", "self-check/", "special-consideration/", "history/", "request/", "faq/",
    "contact/", "sources/", "privacy/",
]
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
FIRM = CONFIG["extra"]["firm"]
FACTS = yaml.safe_load((ROOT / "data" / "facts.yml").read_text())["facts"]
# The Sources pages, in the order they number their entries (facts.sources_page).
SOURCES_URLS = tuple(p.removesuffix(".md") + "/" for p in (SOURCES_PAGE, RECENT_SOURCES_PAGE))
NUMBERED = sorted(FACTS, key=lambda f: facts.sources_page(f) == RECENT_SOURCES_PAGE)


def source_items(page, lang: str) -> list:
    """Every entry of the language's Sources pages, in number order."""
    return [li for url in SOURCES_URLS for li in page(prefix(lang) + url).select(".pd-sources > li")]
UI = yaml.safe_load((ROOT / "data" / "ui.yml").read_text())
FORBIDDEN = re.compile(
    r"eligib|guarantee|expert|specialist|you qualify|elegib|garantí|garantiz|experto|especialista"
    r"|califica",
    re.IGNORECASE,
)
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def content_pages(html_pages):
    return {url: path for url, path in html_pages.items() if not url.endswith("404.html")}


def main_text(doc) -> str:
    return doc.select_one("article").get_text(" ", strip=True)


def test_every_required_page_is_built_and_one_tap_from_home(html_pages, page, base_url) -> None:
    home_links = {site_path(a["href"], base_url) for a in page("").select("a[href]")}
    for url in REQUIRED_PAGES:
        assert url in html_pages, f"missing page /{url}"
        assert "/" + url in home_links, f"/{url} is not linked from the home page"


def test_every_page_has_title_description_and_one_h1(html_pages) -> None:
    seen_titles, seen_descriptions = {}, {}
    for url, path in content_pages(html_pages).items():
        doc = soup(path)
        title = doc.title.get_text(strip=True)
        description = doc.select_one('meta[name="description"]')["content"]
        assert len(doc.select("article h1")) == 1, f"/{url}: expected exactly one h1"
        assert 50 <= len(description) <= 160, f"/{url}: description length {len(description)}"
        assert title not in seen_titles, f"/{url} repeats the title of /{seen_titles.get(title)}"
        assert description not in seen_descriptions, f"/{url} repeats a description"
        seen_titles[title], seen_descriptions[description] = url, url


def test_every_page_footer_has_firm_disclaimer_and_review_date(html_pages) -> None:
    for url, path in html_pages.items():
        disclaimer = " ".join(UI[lang_of(url)]["disclaimer"].split())
        footer = soup(path).select_one("footer.pd-footer")
        assert footer is not None, f"/{url}: no firm footer"
        text = " ".join(footer.get_text(" ", strip=True).split())
        for needed in (FIRM["name"], FIRM["city"], FIRM["phone"], disclaimer):
            assert needed in text, f"/{url}: footer lacks {needed!r}"
        if not url.endswith("404.html"):
            reviewed = footer.select_one(".pd-footer__reviewed time")
            assert reviewed is not None, f"/{url}: footer lacks the last-reviewed date"
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", reviewed["datetime"])


def test_every_tel_link_is_the_firms_number(html_pages) -> None:
    numbers = set()
    for path in html_pages.values():
        numbers |= {a["href"] for a in soup(path).select('a[href^="tel:"]')}
    assert numbers == {TEL}


def test_firm_details_come_only_from_config(html_pages) -> None:
    # Pages must use the firm:cta marker, never type the firm's details by hand.
    for source in (ROOT / "docs").glob("*.md"):
        text = source.read_text()
        for detail in ("305", "5385", "Sánchez", "Sanchez"):
            assert detail not in text, f"{source.name} types {detail!r}; use <!-- firm:cta -->"


def test_no_forbidden_words(html_pages) -> None:
    # Our own words only: the exact titles of the documents we cite (every <cite>, including
    # the page each fact was checked on) are quotations, such as a court's "Bond Eligible
    # Class", not claims made to the reader.
    for url, path in html_pages.items():
        page = fresh_soup(path)
        for title in page.select("cite"):
            title.decompose()
        hit = FORBIDDEN.search(page.get_text(" "))
        assert hit is None, f"/{url}: says {hit.group(0)!r}"


def test_no_asset_from_another_host(html_pages, site, base_url) -> None:
    own_host = urlparse(base_url).netloc  # stylesheets and the icon name it, see pages.py
    for url, path in html_pages.items():
        doc = soup(path)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
                          ("source", "src"), ("video", "src"), ("audio", "src")):
            for el in doc.find_all(tag):
                target = el.get(attr)
                if target and el.name == "link" and "stylesheet" not in el.get("rel", []) \
                        and "preload" not in el.get("rel", []) and "icon" not in el.get("rel", []):
                    continue
                if target:
                    assert urlparse(target).netloc in ("", own_host), f"/{url}: <{tag}> loads {target}"
    for css in site.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", css.read_text()), f"{css} loads a remote url()"


# ---- facts: everything the pages state comes from data/facts.yml -------------------------

FACT_TEXT = " ".join(str(v) for fact in FACTS for v in fact.values())
FACT_DATES = {f[k] for f in FACTS for k in ("date", "effective") if k in f}


def dates_stated_in_facts() -> set[str]:
    """The full dates the facts' own words give, as YYYY-MM-DD: "Feb. 3, 2026", "February 3,
    2026" and "3 de febrero de 2026" in a title or summary are dates the facts vouch for."""
    import facts

    found = set()
    short = [m[:3] for m in facts.MONTHS["en"]]
    english = rf"\b({'|'.join(short)})[a-z]*\.? (\d{{1,2}}), (\d{{4}})"
    for month, day, year in re.findall(english, FACT_TEXT):
        found.add(f"{year}-{short.index(month) + 1:02d}-{int(day):02d}")
    spanish = rf"\b(\d{{1,2}}) de ({'|'.join(facts.MONTHS['es'])}) de (\d{{4}})"
    for day, month, year in re.findall(spanish, FACT_TEXT):
        found.add(f"{year}-{facts.MONTHS['es'].index(month) + 1:02d}-{int(day):02d}")
    return found
FACT_TITLES = {f["title"] for f in FACTS}
# The Sources page also names, as a title, the document each fact was checked in.
CITABLE_TITLES = FACT_TITLES | {f["source"] for f in FACTS}
REVIEWED_YEAR = {"2026"}


def long_date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{MONTHS.split('|')[int(month) - 1]} {int(day)}, {year}"


def test_every_year_on_a_page_is_in_the_facts(html_pages) -> None:
    years_in_facts = set(re.findall(r"\b(?:19|20)\d\d\b", FACT_TEXT)) | REVIEWED_YEAR
    for url, path in content_pages(html_pages).items():
        for year in set(re.findall(r"\b(?:19|20)\d\d\b", main_text(soup(path)))):
            assert year in years_in_facts, f"/{url} mentions {year}, which no fact has"


def test_every_full_date_on_a_page_is_a_fact_date(html_pages) -> None:
    import facts

    # Besides the facts' dates (and the dates their words state), pages show the site's own:
    # each self-check's as_of and the dates of the policy-update notes.
    own = {yaml.safe_load(f.read_text())["as_of"] for f in (ROOT / "criteria").glob("*.yml")}
    own |= {u["date"] for u in yaml.safe_load((ROOT / "data" / "updates.yml").read_text())["updates"]}
    full = [d for d in FACT_DATES | own | dates_stated_in_facts() if len(d) == 10]
    allowed = {facts.format_date(d, lang) for d in full for lang in LANGUAGES}
    spanish = "|".join(facts.MONTHS["es"])
    kreyol = "|".join(facts.MONTHS["ht"])
    pattern = (
        rf"(?:{MONTHS}) \d{{1,2}}, \d{{4}}|\d{{1,2}} de (?:{spanish}) de \d{{4}}"
        rf"|\b\d{{1,2}} (?:{kreyol}) \d{{4}}"
    )
    for url, path in content_pages(html_pages).items():
        doc = fresh_soup(path)
        for cite in doc.select("article cite"):  # exact document titles keep their own dates
            cite.decompose()
        for found in re.findall(pattern, main_text(doc)):
            assert found in allowed, f"/{url}: {found} is not the date of any fact"


def test_every_figure_on_a_page_is_in_the_facts(html_pages) -> None:
    for url, path in content_pages(html_pages).items():
        text = main_text(soup(path))
        for figure in re.findall(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?%", text):
            assert figure in FACT_TEXT, f"/{url} quotes {figure}, which no fact has"


def test_every_cited_title_is_a_fact_title(html_pages) -> None:
    for url, path in content_pages(html_pages).items():
        for cite in soup(path).select("article cite"):
            assert cite.get_text() in CITABLE_TITLES, f"/{url}: <cite>{cite.get_text()}</cite>"


def test_every_citation_resolves_to_an_entry_on_its_sources_page(html_pages, page, base_url):
    listed = {
        f"/{prefix(lang)}{url}#{li['id']}": li
        for lang in LANGUAGES
        for url in SOURCES_URLS
        for li in page(prefix(lang) + url).select("ol.pd-sources > li")
    }
    assert len(listed) == len(LANGUAGES) * len(FACTS)
    cited = 0
    for url, path in content_pages(html_pages).items():
        for a in soup(path).select("a.cite"):
            target = site_path(a["href"], base_url, url)
            assert target in listed, f"/{url}: citation {a['href']} resolves nowhere"
            assert target.startswith(f"/{prefix(lang_of(url))}"), f"/{url}: {a['href']}"
            cited += 1
    assert cited > 50


def test_sources_pages_split_by_year_and_number_like_their_citations(page) -> None:
    items = source_items(page, LANGUAGES[0])
    assert [li["id"] for li in items] == [f"src-{f['id']}" for f in NUMBERED]
    later = page(SOURCES_URLS[1]).select_one("ol.pd-sources")
    assert later["start"] == str(len(page(SOURCES_URLS[0]).select("ol.pd-sources > li")) + 1)
    for li, fact in zip(items, NUMBERED, strict=True):
        recent = int(str(fact.get("date", "0"))[:4]) >= facts.RECENT_FROM_YEAR
        assert li.find_parent("article").h1["id"] == ("sources-2025" if recent else "sources")
    number = {li["id"]: n for n, li in enumerate(items, start=1)}
    for a in page("history/").select("a.cite") + page("status-ended/").select("a.cite"):
        assert a.get_text() == f"[{number[a['href'].split('#')[1]]}]"


def test_timeline_lists_every_timeline_fact_in_date_order(page) -> None:
    timeline = page("history/").select_one(".pd-timeline")
    expected = sorted((f for f in FACTS if f.get("timeline")), key=lambda f: f["date"])
    titles = [c.get_text() for c in timeline.select("li cite")]
    assert titles == [f["title"] for f in expected]
    # A plain label leads each entry, in the page's language; the exact title comes after.
    for lang, url in ((lang, f"{prefix(lang)}history/") for lang in LANGUAGES):
        entries = page(url).select(".pd-timeline li")
        leads = [li.find(True).get_text() for li in entries]
        assert [lead.split(": ", 1)[1] for lead in leads] == [
            f"{f['label'][lang]}." for f in expected
        ], url
        assert all(li.find(True).name == "strong" for li in entries), url


@pytest.mark.parametrize(
    "url", [prefix(lang) + page for lang in LANGUAGES for page in ("sources/", "history/")]
)
def test_facts_from_news_reports_carry_a_visible_mark(page, url) -> None:
    words = UI[lang_of(url)]["reported"]
    if "sources" in url:
        shown, items = NUMBERED, source_items(page, lang_of(url))
        assert any(f.get("reported") for f in shown), "no fact from news reports to check"
    else:
        timeline = (f for f in FACTS if f.get("timeline"))
        shown = sorted(timeline, key=lambda f: f["date"])
        items = page(url).select(".pd-timeline li")
    for fact, item in zip(shown, items, strict=True):
        mark = item.select_one(".pd-reported")
        assert (mark is not None) == bool(fact.get("reported")), f"/{url}: {fact['id']}"
        assert mark is None or mark.get_text().startswith(words), f"/{url}: {fact['id']}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sources_say_who_issued_each_document_in_the_page_language(page, lang) -> None:
    for fact, item in zip(NUMBERED, source_items(page, lang), strict=True):
        who = fact.get(f"official_{lang}") or fact["official"]
        assert " ".join(who.split()) in " ".join(item.get_text().split()), fact["id"]


def test_translated_timeline_and_sources_use_no_english_words_of_ours(page) -> None:
    for url in (prefix(lang) + page for lang in TRANSLATED for page in (*SOURCES_URLS, "history/")):
        text = page(url).select_one("article").get_text(" ")
        for words in ("signer not confirmed", "Plaintiff organizations", "joined by", "dissenting",
                      "News reports", "Checked via", "Official copy"):  # fmt: skip
            assert words not in text, f"/{url}: {words!r}"


def test_unverified_facts_are_not_published() -> None:
    for fact_id in ("mrny-dc-cir-2026", "mayorkas-formal-rescission", "doyle-2025-status"):
        assert fact_id not in {f["id"] for f in FACTS}


@pytest.mark.parametrize("url", REQUIRED_PAGES)
def test_page_says_when_it_was_last_reviewed(page, url) -> None:
    assert page(url).select_one(".pd-footer__reviewed time")["datetime"] <= date.today().isoformat()
