"""Front matter and firm details: clear errors, nothing invented. And the search split."""

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
            {"short_title": "x" * (pages.SHORT_TITLE_LENGTH + 1)},
            f"docs/faq.md: short_title: short_title is {pages.SHORT_TITLE_LENGTH + 1} characters; "
            f"write at most {pages.SHORT_TITLE_LENGTH}, or leave it out",
        ),
        (
            {"short_title": 7},
            "docs/faq.md: short_title: must be one line of text, not a number",
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
    firm = {
        "name": "F",
        "city": "Miami, Florida",
        "phone": "305-373-5385",
        "cta": {"en": "Call", "es": "Llame"},
    }
    assert pages.check_firm(firm, ("en", "es"))["tel"] == "+13053735385"


def test_firm_call_to_action_is_needed_in_every_language() -> None:
    firm = {"name": "F", "city": "M", "phone": "305-373-5385", "cta": {"en": "Call"}}
    with pytest.raises(SourceError) as caught:
        pages.check_firm(firm, ("en", "es"))
    assert str(caught.value) == (
        "mkdocs.yml: extra.firm.cta.es is empty; write the call-to-action in es"
    )


def test_missing_translations_name_each_page_and_language() -> None:
    found = ["index.md", "index.es.md", "faq.md", "contact.es.md"]
    assert pages.missing_translations(found, ("en", "es")) == [
        "docs/contact.md is missing: every page needs a version in 'en'",
        "docs/faq.es.md is missing: every page needs a version in 'es'",
    ]


@pytest.mark.parametrize(
    "firm, message",
    [
        (None, "mkdocs.yml: extra.firm is missing; add the firm's details there"),
        (
            {"name": "F", "city": "", "phone": "1", "cta": {"en": "c"}},
            "mkdocs.yml: extra.firm.city is empty; fill it in",
        ),
        (
            {"name": "F", "city": "M", "phone": "373-5385", "cta": {"en": "c"}},
            'mkdocs.yml: extra.firm.phone "373-5385" is not a US number like 305-373-5385',
        ),
    ],
)
def test_bad_firm_details_are_named(firm, message) -> None:
    with pytest.raises(SourceError) as caught:
        pages.check_firm(firm)
    assert str(caught.value) == message


def test_sitemap_entries_get_an_x_default_alternate() -> None:
    sitemap = (
        "<url>\n  <loc>https://x.org/faq/</loc>\n"
        '  <xhtml:link rel="alternate" hreflang="en" href="https://x.org/faq/"/>\n'
        '  <xhtml:link rel="alternate" hreflang="es" href="https://x.org/es/faq/"/>\n</url>'
    )
    out = pages.add_x_default(sitemap, "en")
    assert '  <xhtml:link rel="alternate" hreflang="x-default" href="https://x.org/faq/"/>' in out
    assert pages.add_x_default(out, "en") == out


@pytest.mark.parametrize(
    "title",
    ["<script>alert(1)</script>", 'Q" onmouseover="x', "{{ config.extra }}", "{% raw %}", "Pá<b>g"],
)
def test_html_or_template_syntax_in_front_matter_is_refused(title: str) -> None:
    with pytest.raises(SourceError) as caught:
        pages.check_meta({**GOOD, "title": title}, "faq.md", TODAY)
    assert str(caught.value) == (
        'docs/faq.md: title: HTML, template syntax and straight quotes (") are not allowed '
        "here; write plain text (curly quotes “ ” are fine)"
    )


@pytest.mark.parametrize(
    "markdown",
    [
        "[x](javascript:alert(1))",
        "Hola\n\n[x]( JavaScript:void(0))",
        "[x](<data:text/html,hi>)",
        "[x](vbscript:msgbox)",
    ],
)
def test_code_running_links_in_pages_are_refused(markdown: str) -> None:
    with pytest.raises(SourceError, match=r'docs/faq.es.md:\d+: a "\w+:" link is not allowed'):
        pages.check_links(markdown, "faq.es.md")


def test_ordinary_links_pass() -> None:
    pages.check_links("[a](faq.md#x) [b](https://www.ice.gov/) [c](#top)", "faq.md")


FIRM = {"name": "F", "city": "Miami, Florida", "phone": "305-373-5385", "cta": {"en": "Call"}}
DETAILS = {
    "street_address": "1 Main Street",
    "postal_code": "33100",
    "opening_hours": ["Mo-Fr 09:00-17:00"],
    "languages": ["en", "es"],
    "attorney": {"name": "A. Lawyer", "florida_bar_number": "12345"},
    "map_url": "https://maps.example/office",
}


def test_empty_optional_firm_details_are_absent_not_empty() -> None:
    empty = {
        "email": "",
        "street_address": "",
        "postal_code": "",
        "opening_hours": [],
        "languages": [],
        "attorney": {"name": "", "florida_bar_number": ""},
        "map_url": "",
    }
    checked = pages.check_firm({**FIRM, **empty})
    assert not set(empty) & set(checked)
    assert checked["short_name"] == "F"  # the full name, when no short one is given


def test_given_firm_details_are_kept() -> None:
    checked = pages.check_firm({**FIRM, **DETAILS, "short_name": "Short"})
    assert {k: checked[k] for k in DETAILS} == DETAILS
    assert checked["short_name"] == "Short"


@pytest.mark.parametrize(
    "change, message",
    [
        ({"postal_code": "Miami"}, 'extra.firm.postal_code: "Miami" is not a ZIP code like 33131'),
        ({"map_url": "maps.example"}, "extra.firm.map_url: write the map's full https:// address"),
        (
            {"opening_hours": ["9 to 5"]},
            'extra.firm.opening_hours: "9 to 5" is not like "Mo-Fr 09:00-17:00"',
        ),
        (
            {"opening_hours": "Mo-Fr 09:00-17:00"},
            "extra.firm.opening_hours: write a list, one item per line starting with -",
        ),
        (
            {"languages": ["pt"]},
            'extra.firm.languages: "pt" is not a language code data/ui.yml names '
            "(language_names: en, es)",
        ),
        (
            {"attorney": {"name": "", "florida_bar_number": "12345"}},
            "extra.firm.attorney.name: is empty; write the responsible attorney's full name",
        ),
        (
            {"attorney": {"name": "A", "florida_bar_number": "FL-1"}},
            'extra.firm.attorney.florida_bar_number: "FL-1" is not a number; digits only',
        ),
        # issue 24: a plain address only (it becomes a mailto: link), texts only, short lines
        (
            {"email": "info@example.com?bcc=someone@evil.example"},
            'extra.firm.email: "info@example.com?bcc=someone@evil.example" is not a plain '
            "address like name@example.com",
        ),
        (
            {"email": "Firm <info@example.com>"},
            'extra.firm.email: "Firm <info@example.com>" is not a plain address like '
            "name@example.com",
        ),
        (
            {"languages": [["en"]]},
            "extra.firm.languages: \"['en']\" is not a language code data/ui.yml names "
            "(language_names: en, es)",
        ),
        ({"name": ["A", "B"]}, "extra.firm.name: write one line of text"),
        ({"city": {"a": "b"}}, "extra.firm.city: write one line of text"),
        (
            {"cta": {"en": "Call\x1b[2Jus", "es": "Llame"}},
            "extra.firm.cta.en: holds the control character U+001B, which no page can show; "
            "remove it",
        ),
        (
            {"languages": [[[[[[["en"]]]]]]]},
            "extra.firm: lists and mappings nest too deeply; write each detail as text or a list "
            "of texts",
        ),
        (
            {"postal_code": "9" * 5000},
            f'extra.firm.postal_code: "{"9" * 77}…" is not a ZIP code like 33131',
        ),
    ],
)
def test_bad_optional_firm_details_are_named(change, message) -> None:
    with pytest.raises(SourceError) as caught:
        pages.check_firm({**FIRM, **DETAILS, **change})
    assert str(caught.value) == "mkdocs.yml: " + message


def test_sitemap_loses_changefreq() -> None:
    entry = "<url>\n<loc>x</loc>\n<changefreq>daily</changefreq>\n<lastmod>y</lastmod>\n</url>"
    assert pages.without_changefreq(entry) == "<url>\n<loc>x</loc>\n<lastmod>y</lastmod>\n</url>"


def test_firm_email_takes_a_plain_address() -> None:
    assert pages.check_firm({**FIRM, "email": "info@sanchez-roig.example"})["email"]


@pytest.mark.parametrize("title", ["Questions\x00", "Questions\x7f", "Preguntas\u0085"])
def test_control_characters_in_front_matter_are_refused(title: str) -> None:
    with pytest.raises(SourceError) as caught:
        pages.check_meta({**GOOD, "title": title}, "faq.md", TODAY)
    code = f"U+{ord(title[-1]):04X}"
    assert str(caught.value) == (
        f"docs/faq.md: title: holds the control character {code}, which no page can show; remove it"
    )


@pytest.mark.parametrize(
    ("sources", "problem"),
    [
        (
            ["faq.md", "faq/index.md"],
            "docs/faq/index.md: would be the page /faq/, as docs/faq.md is; rename or remove "
            "one of them",
        ),
        (["faq.es.md", "faq/index.es.md"], "docs/faq/index.es.md: would be the page /es/faq/,"),
        (["index.md", "README.md"], "docs/index.md: would be the page /, as docs/README.md is"),
        (["faq.md", "faq.es.md", "forms/faq.md", "index.md"], None),
    ],
)
def test_two_pages_at_one_address_are_named(sources: list[str], problem: str | None) -> None:
    found = pages.same_address(sources)
    assert found == problem if problem is None else found.startswith(problem), found


WORDS = {
    "en": {"language_names": {"en": "English", "es": "Spanish", "ht": "Haitian Creole"}},
    "ht": {"language_names": {"en": "angle", "es": "panyòl", "ht": "kreyòl ayisyen"}},
}


@pytest.mark.parametrize(
    "cta, spoken, named, code",
    [
        ({"en": "Call", "ht": "Rele. Nou pale kreyòl."}, [], "kreyol", "ht"),
        ({"en": "Call us: se habla espanol", "ht": "Rele"}, ["en"], "espanol", "es"),
        ({"en": "Haitian Creole spoken", "ht": "Rele"}, ["en", "es"], "creole", "ht"),
    ],
)
def test_a_call_to_action_names_no_language_the_office_does_not_list(
    cta, spoken, named, code
) -> None:
    firm = {**FIRM, "cta": cta, "languages": spoken}
    words = {**WORDS, "es": {"language_names": {"en": "inglés", "es": "español", "ht": "x"}}}
    with pytest.raises(SourceError) as caught:
        pages.check_firm(firm, ("en", "ht"), {"en", "es", "ht"}, words)
    lang = next(lang for lang, text in cta.items() if text not in ("Call", "Rele"))
    assert str(caught.value) == (
        f'mkdocs.yml: extra.firm.cta.{lang} names "{named}", but extra.firm.languages does '
        f"not list {code}: never promise staff who speak it; list {code} there only if the "
        "office speaks it"
    )


def test_a_call_to_action_may_name_a_language_the_office_lists() -> None:
    firm = {**FIRM, "cta": {"en": "Call", "ht": "Nou pale kreyòl"}, "languages": ["ht"]}
    assert pages.check_firm(firm, ("en", "ht"), {"en", "es", "ht"}, WORDS)["languages"] == ["ht"]


def test_words_are_needed_for_every_language_and_a_notice_needs_its_link() -> None:
    assert pages.missing_words(WORDS, ("en", "ht")) is None
    assert pages.missing_words(WORDS, ("en", "es", "ht")) == (
        "data/ui.yml: no words for es; add a block (copy the en one)"
    )
    half = {**WORDS, "ht": {"translation_notice": "Tradiksyon"}}
    assert pages.missing_words(half, ("en", "ht")) == (
        "data/ui.yml: ht.translation_notice needs ht.translation_link too; add it"
    )
