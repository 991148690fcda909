"""The markers a page holds, filled for one language (markers.Language), and the check that
every criteria file is placed once, on its page (markers.Placed)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

import markers
import sitedata
from helpers import DEFAULT, LANGUAGES, ROOT, TRANSLATED
from yamlsource import SourceError

MARK = "0123456789abcdef"
HOME = "https://example.org/"


@pytest.fixture(scope="module")
def data() -> sitedata.SiteData:
    return sitedata.load(ROOT, LANGUAGES, dt.date.today())


def language(data: sitedata.SiteData, lang: str = DEFAULT) -> markers.Language:
    return markers.Language(data, lang, ROOT, HOME, MARK)


def area_id(data: sitedata.SiteData) -> str:
    return next(iter(data.areas))


def test_markdown_markers_are_filled_and_counted(data) -> None:
    area = area_id(data)
    fact = data.facts.entries[0]["id"]
    page = (
        f"Reviewed <!-- pd:reviewed -->.\n\n<!-- criteria:factors {area} -->\n\n"
        f"<!-- criteria:checker {area} -->\n\nSaid so [[cite:{fact}]]."
    )
    text, found = language(data).markdown(page, "self-check.md", "on 1 May 2026")
    assert found == Counter({("criteria:factors", area): 1, ("criteria:checker", area): 1})
    assert "Reviewed on 1 May 2026." in text
    # The factor list is the build's own part, marked; the checker waits for its event.
    assert text.count(f"<!-- pd-built {MARK} -->") == 1 == text.count(f"<!-- /pd-built {MARK} -->")
    assert f"<!-- criteria:checker {area} -->" in text
    assert "[[cite:" not in text


@pytest.mark.parametrize(
    ("page", "problem"),
    [
        ("<!-- pd:nope -->", "unknown marker <!-- pd:nope -->; use one of "),
        ("<!-- criteria:factors nope -->", 'no criteria file has id "nope"'),
        ("[[cite:no-such-fact]]", "no-such-fact"),
    ],
)
def test_a_bad_marker_or_reference_names_the_page(data, page: str, problem: str) -> None:
    with pytest.raises(SourceError) as caught:
        language(data).markdown(page, "faq.es.md", "")
    assert str(caught.value).startswith("docs/faq.es.md: ") and problem in str(caught.value)


def test_the_firm_parts_fill_their_markers_and_leave_the_checker(data) -> None:
    area = area_id(data)
    html = f"<!-- firm:cta --><!-- firm:details --><!-- criteria:checker {area} -->"
    filled = language(data).firm_parts(html, "contact.md")
    assert "<!-- firm:" not in filled and data.firm["name"] in filled
    assert filled.endswith(f"<!-- criteria:checker {area} -->")


def test_content_for_the_theme_places_the_checker_and_is_marked(data) -> None:
    area = area_id(data)
    html = f"<h1>Check</h1><!-- criteria:checker {area} -->"
    content = language(data).content_for_theme(html, "self-check.md", "self-check/")
    assert "<!-- criteria:" not in content and "data-criteria-checker" in content
    assert content.startswith("<!--") and MARK in content.split("-->", 1)[0]
    assert HOME not in content  # the original has no translation notice


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_translation_with_a_notice_links_to_its_original_under_its_heading(data, lang) -> None:
    content = language(data, lang).content_for_theme("<h1>T</h1><p>x</p>", "faq.md", f"{lang}/faq/")
    between = content.split("</h1>", 1)[1].split("<p>x</p>", 1)[0]
    if data.ui[lang].get("translation_notice"):
        assert f'href="{HOME}faq/"' in between
    else:
        assert between == ""


def test_each_criteria_file_is_placed_once_on_its_page(data) -> None:
    area = area_id(data)
    page = data.areas[area].data["page"]
    placed = markers.Placed()
    placed.record(page, Counter({("criteria:checker", area): 1, ("criteria:factors", area): 1}))
    placed.check(data, DEFAULT)
    placed.record("faq.md", Counter({("criteria:checker", area): 1}))
    with pytest.raises(SourceError, match=rf"exactly once \(found on: {page}, faq.md\)"):
        placed.check(data, DEFAULT)


UPDATES = Counter({("pd:updates", ""): 1})


def placed_updates(data: sitedata.SiteData, *sources: str) -> markers.Placed:
    """What a language's build placed: every self-check where it belongs, the updates on
    `sources`."""
    placed = markers.Placed()
    area = area_id(data)
    both = Counter({("criteria:checker", area): 1, ("criteria:factors", area): 1})
    placed.record(data.areas[area].data["page"], both)
    for src in sources:
        placed.record(src, UPDATES)
    return placed


def test_the_updates_are_on_one_page_at_most(data) -> None:
    placed_updates(data, "updates.md").check(data, DEFAULT)
    placed_updates(data).check(data, DEFAULT)  # a site may show no updates
    with pytest.raises(SourceError) as caught:
        placed_updates(data, "updates.md", "faq.md").check(data, DEFAULT)
    assert str(caught.value) == (
        "docs/faq.md: <!-- pd:updates --> is placed 2 times (on updates.md, faq.md); keep one"
    )
    twice = placed_updates(data)
    twice.record("updates.md", UPDATES + UPDATES)
    with pytest.raises(
        SourceError, match=r"^docs/updates.md: .* placed 2 times \(on updates.md, updates.md\)"
    ):
        twice.check(data, DEFAULT)


SAME_PAGE = "<!-- pd:updates --> must be on the same page in every language"


@pytest.mark.parametrize(
    ("first", "translated", "where", "said"),
    [
        (["updates.md"], [], "updates", "it is on updates.md in en, on no page in {lang}"),
        ([], ["faq.{lang}.md"], "faq", "it is on no page in en, on faq.md in {lang}"),
        (
            ["updates.md"],
            ["faq.{lang}.md"],
            "updates",
            "it is on updates.md in en, on faq.md in {lang}",
        ),
    ],
)
def test_every_language_shows_the_updates_on_the_same_page(data, first, translated, where, said):
    lang = TRANSLATED[0]
    earlier = placed_updates(data, *first)
    placed_updates(data, *first).check(data, lang, first=earlier)
    later = placed_updates(data, *(src.format(lang=lang) for src in translated))
    with pytest.raises(SourceError) as caught:
        later.check(data, lang, first=earlier)
    expected = f"docs/{where}.{lang}.md: {SAME_PAGE} ({said.format(lang=lang)})"
    assert str(caught.value) == expected
