"""Front matter and firm details: clear errors, nothing invented."""

from __future__ import annotations

import datetime as dt

import pytest

import pages
from yamlsource import SourceError

TODAY = dt.date(2026, 11, 27)
GOOD = {"title": "FAQ", "description": "x" * 60, "reviewed": dt.date(2026, 11, 27)}


def test_good_front_matter_gives_the_review_date_text() -> None:
    assert pages.check_meta(GOOD, "faq.md", TODAY) == {
        "reviewed": "2026-11-27",
        "reviewed_text": "November 27, 2026",
    }


@pytest.mark.parametrize(
    "change, message",
    [
        ({"title": ""}, 'docs/faq.md: front matter has no "title"; add title: … at the top'),
        (
            {"description": None},
            'docs/faq.md: front matter has no "description"; add description: … at the top',
        ),
        (
            {"description": "short"},
            "docs/faq.md: description: description is 5 characters; write 50 to 160",
        ),
        (
            {"reviewed": "27/11/2026"},
            'docs/faq.md: reviewed: "27/11/2026" is not a date; write YYYY-MM-DD',
        ),
        (
            {"reviewed": dt.date(2026, 12, 1)},
            "docs/faq.md: reviewed: 2026-12-01 is in the future; use the day the page was reviewed",
        ),
    ],
)
def test_bad_front_matter_names_page_field_and_fix(change, message) -> None:
    with pytest.raises(SourceError) as caught:
        pages.check_meta({**GOOD, **change}, "faq.md", TODAY)
    assert str(caught.value) == message


def test_firm_phone_becomes_a_tel_number() -> None:
    firm = {"name": "F", "city": "Miami, Florida", "phone": "305-373-5385", "cta": "Call"}
    assert pages.check_firm(firm)["tel"] == "+13053735385"


@pytest.mark.parametrize(
    "firm, message",
    [
        (None, "mkdocs.yml: extra.firm is missing; add the firm's details there"),
        (
            {"name": "F", "city": "", "phone": "1", "cta": "c"},
            "mkdocs.yml: extra.firm.city is empty; fill it in",
        ),
        (
            {"name": "F", "city": "M", "phone": "373-5385", "cta": "c"},
            'mkdocs.yml: extra.firm.phone "373-5385" is not a US number like 305-373-5385',
        ),
    ],
)
def test_bad_firm_details_are_named(firm, message) -> None:
    with pytest.raises(SourceError) as caught:
        pages.check_firm(firm)
    assert str(caught.value) == message


def test_tidy_theme_html_drops_autocomplete_from_checkboxes_only() -> None:
    html = (
        '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
        '<form autocomplete="off"><input type="search" autocomplete="off"></form>'
    )
    assert pages.tidy_theme_html(html) == (
        '<input class="md-toggle" type="checkbox" id="__drawer">'
        '<form autocomplete="off"><input type="search" autocomplete="off"></form>'
    )
