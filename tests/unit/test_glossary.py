"""The glossary file, and linking each term's first use on a page to it."""

from __future__ import annotations

from pathlib import Path

import pytest

import glossary
from helpers import ROOT
from yamlsource import SourceError

SAMPLE = """terms:
  - id: nta
    term: {en: Notice to Appear (NTA), es: Aviso de Comparecencia (NTA)}
    definition: {en: The paper that starts a case., es: El papel que inicia un caso.}
    sources: [memo-a]
    match:
      en: [Notice to Appear, NTA]
      es: [Aviso de Comparecencia, NTA]
  - id: bond
    term: {en: Bond, es: Fianza}
    definition: {en: Money paid for release., es: Dinero que se paga para salir.}
    match:
      en: [bond, bonds]
      es: [fianza]
"""
SPELLINGS = {"Notice to Appear": "nta", "NTA": "nta", "bond": "bond", "removal order": "order"}


def load(tmp_path: Path, text: str = SAMPLE) -> glossary.Glossary:
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    return glossary.load(
        path, fact_ids={"memo-a"}, languages=("en", "es"), display_name="glossary.yml"
    )


def link(text: str, spellings: dict[str, str] = SPELLINGS) -> str:
    return glossary.link_terms(text, spellings, "../glossary/")


def term(term_id: str, text: str) -> str:
    return f'<a class="pd-term" href="../glossary/#{term_id}">{text}</a>'


def test_the_real_glossary_is_valid_and_covers_the_terms_the_issue_names() -> None:
    real = glossary.load(
        ROOT / "data" / "glossary.yml",
        fact_ids={
            line.split("id: ")[1]
            for line in (ROOT / "data" / "facts.yml").read_text(encoding="utf-8").splitlines()
            if line.startswith("  - id: ")
        },
        languages=("en", "es"),
    )
    ids = {t["id"] for t in real.terms}
    assert {
        "nta", "in-absentia", "expedited-removal", "parole", "stay-of-removal",
        "administrative-closure", "relief", "a-number", "i-220a", "i-220b", "bond", "detainer",
        "prosecutorial-discretion", "removal-order", "motion-to-reopen", "bia", "opla", "eoir",
        "check-in", "deferred-action", "notario",
    } <= ids  # fmt: skip


def test_spellings_map_each_language_to_term_ids(tmp_path: Path) -> None:
    terms = load(tmp_path)
    assert terms.spellings("es") == {
        "Aviso de Comparecencia": "nta",
        "NTA": "nta",
        "fianza": "bond",
    }


def test_only_the_first_use_on_a_page_is_linked() -> None:
    html = "<p>Get the NTA. Read the NTA again.</p><p>The NTA.</p>"
    assert link(html) == f"<p>Get the {term('nta', 'NTA')}. Read the NTA again.</p><p>The NTA.</p>"


def test_two_spellings_of_one_term_count_as_one_use() -> None:
    html = "<p>A Notice to Appear (NTA) starts it.</p>"
    assert link(html) == f"<p>A {term('nta', 'Notice to Appear')} (NTA) starts it.</p>"


def test_words_match_in_any_case_but_acronyms_only_in_capitals() -> None:
    assert link("<p>Bond is set.</p>") == f"<p>{term('bond', 'Bond')} is set.</p>"
    assert link("<p>The nta and notice To appear.</p>") == (
        f"<p>The nta and {term('nta', 'notice To appear')}.</p>"
    )


def test_only_whole_words_match() -> None:
    html = "<p>Bonds, vagabond, bond-like and NTAs come before a bond.</p>"
    assert (
        link(html)
        == f"<p>Bonds, vagabond, bond-like and NTAs come before a {term('bond', 'bond')}.</p>"
    )


def test_a_term_may_break_across_lines() -> None:
    split = "removal\norder"
    assert link(f"<p>A {split}.</p>") == f"<p>A {term('order', split)}.</p>"


@pytest.mark.parametrize(
    "html",
    [
        '<h2 id="bond">Bond</h2>',
        '<p><a href="x/">a bond</a></p>',
        '<p><a class="cite" href="s/#src-x" title="A bond memo">[1]</a></p>',
        "<p><code>bond</code></p>",
        "<pre><code>bond\n</code></pre>",
        "<p><cite>Bond Hearings Memo</cite></p>",
        "<button>Bond</button>",
        '<label for="q">Bond?</label>',
        "<!-- criteria:checker bond -->",
        '<p title="bond">x</p>',
    ],
)
def test_headings_links_code_titles_controls_and_markup_are_left_alone(html: str) -> None:
    assert link(html) == html


def test_text_after_a_skipped_element_is_linked() -> None:
    html = "<h2>Bond</h2><p>Ask about <code>x</code> <em>bond</em>.</p>"
    assert (
        link(html)
        == f"<h2>Bond</h2><p>Ask about <code>x</code> <em>{term('bond', 'bond')}</em>.</p>"
    )


def test_a_skipped_element_with_void_and_nested_tags_ends_where_it_closes() -> None:
    html = "<h3>A <br> NTA <em>x</em></h3><p>NTA</p>"
    assert link(html) == f"<h3>A <br> NTA <em>x</em></h3><p>{term('nta', 'NTA')}</p>"


def test_no_spellings_leave_the_page_as_it_was() -> None:
    assert link("<p>bond</p>", {}) == "<p>bond</p>"


@pytest.mark.parametrize(
    "page_url, glossary_url, expected",
    [
        ("forms/", "glossary/", "../glossary/"),
        ("", "glossary/", "glossary/"),
        ("es/forms/", "es/glossary/", "../glossary/"),
        ("es/", "es/glossary/", "glossary/"),
        ("forms.html", "glossary.html", "glossary.html"),
    ],
)
def test_the_glossary_link_is_relative_to_the_page(page_url, glossary_url, expected) -> None:
    assert glossary.href_from(page_url, glossary_url) == expected


@pytest.mark.parametrize(
    "change, message",
    [
        (
            ("sources: [memo-a]", "sources: [memo-b]"),
            'glossary.yml:5: terms[0].sources[0]: no fact has id "memo-b"; '
            "use an id from data/facts.yml",
        ),
        (
            ("      es: [fianza]", "      es: [fianza, NTA]"),
            'glossary.yml:14: terms[1].match.es[1]: "NTA" is already a spelling of "nta"; '
            "keep it on one term",
        ),
        (
            ("  - id: bond", "  - id: nta"),
            'glossary.yml:9: terms[1].id: "nta" is used twice; ids must be unique',
        ),
        (
            ("es: Dinero que se paga para salir.", "fr: Argent."),
            'glossary.yml:11: terms[1].definition: unknown field "fr"; check its spelling; '
            "allowed fields: en, es, ht",
        ),
        (
            (", es: Dinero que se paga para salir.", ""),
            'glossary.yml:11: terms[1].definition.es: the "es" text is missing or empty; write it',
        ),
        (
            ("en: [bond, bonds]", "en: [bond, <b>bonds</b>]"),
            "glossary.yml:13: terms[1].match.en[1]: '<b>bonds</b>' has the wrong form; write the "
            "words as they appear on pages, one space between words, without < > &",
        ),
    ],
)
def test_broken_glossary_stops_with_exact_message(tmp_path: Path, change, message) -> None:
    with pytest.raises(SourceError) as caught:
        load(tmp_path, SAMPLE.replace(*change))
    assert str(caught.value) == message
