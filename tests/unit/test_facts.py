"""The facts file and the [[cite:]], [[title:]], [[date:]] references."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import facts
from yamlsource import SourceError

SAMPLE = """reviewed: "2026-11-27"
facts:
  - id: memo-a
    date: "2000-11-17"
    title: "Exercising *Discretion*"
    official: "An official"
    label: {en: "A plain label", es: "Una etiqueta sencilla"}
    summary: {en: "A summary.", es: "Un resumen."}
    source: "Where it was checked"
    timeline: true
  - id: stat-b
    date: "2017-06"
    title: "A statistic"
    official: "TRAC"
    summary: {en: "Numbers.", es: "Cifras."}
    source: "TRAC"
    url: "https://trac.syr.edu/immigration/reports/474/"
"""


def load(tmp_path: Path, text: str = SAMPLE) -> facts.Facts:
    path = tmp_path / "facts.yml"
    path.write_text(text, encoding="utf-8")
    return facts.load(path, today=dt.date(2026, 11, 27), display_name="facts.yml")


def fail(problem: str) -> Exception:
    return ValueError(problem)


def test_citations_are_numbered_links_to_the_sources_page(tmp_path: Path) -> None:
    out = facts.expand_references("Said so [[cite:memo-a,stat-b]].", load(tmp_path), "faq.md", fail)
    assert out == (
        "Said so [\\[1\\]](sources.md#src-memo-a){ .cite }"
        "[\\[2\\]](sources.md#src-stat-b){ .cite }."
    )


def test_links_from_a_nested_page_climb_to_the_sources_page(tmp_path: Path) -> None:
    out = facts.expand_references("[[cite:memo-a]]", load(tmp_path), "es/faq.md", fail)
    assert "(../sources.md#src-memo-a" in out


def test_titles_and_dates_come_from_the_file(tmp_path: Path) -> None:
    out = facts.expand_references(
        "[[title:memo-a]] of [[date:memo-a]], [[date:stat-b]]", load(tmp_path), "x.md", fail
    )
    assert out == "<cite>Exercising \\*Discretion\\*</cite> of November 17, 2000, June 2017"


def test_unknown_fact_id_names_the_reference(tmp_path: Path) -> None:
    with pytest.raises(
        ValueError, match=r"\[\[cite:nope\]\] names no fact; use an id from facts.yml"
    ):
        facts.expand_references("[[cite:nope]]", load(tmp_path), "x.md", fail)


@pytest.mark.parametrize(
    "change, message",
    [
        (
            ('date: "2000-11-17"', 'date: "2000-13-01"'),
            'facts.yml:4: facts[0].date: "2000-13-01" is not a real date',
        ),
        (
            ("id: stat-b", "id: memo-a"),
            'facts.yml:11: facts[1].id: "memo-a" is used twice; ids must be unique',
        ),
        (
            ("https://trac.syr.edu/immigration/reports/474/", "https://example.com/x"),
            'facts.yml:17: facts[1].url: "example.com" is not an official host; link only to '
            + ", ".join(facts.OFFICIAL_HOSTS),
        ),
        (
            ('reviewed: "2026-11-27"', 'reviewed: "2026-12-01"'),
            "facts.yml:1: reviewed: 2026-12-01 is in the future; use the date of the check",
        ),
        (
            ('    source: "TRAC"\n', ""),
            'facts.yml:11: facts[1]: missing field "source"; add it (see data/facts.schema.json)',
        ),
    ],
)
def test_broken_facts_file_stops_with_exact_message(tmp_path: Path, change, message) -> None:
    with pytest.raises(SourceError) as caught:
        load(tmp_path, SAMPLE.replace(*change))
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "change, message",
    [
        (
            ('    label: {en: "A plain label", es: "Una etiqueta sencilla"}\n', ""),
            "facts.yml:3: facts[0].label: a timeline entry needs a short plain label in each "
            "language; add label: en, es",
        ),
        (
            ('{en: "A plain label", es: "Una etiqueta sencilla"}', '{en: "A plain label"}'),
            'facts.yml:7: facts[0].label.es: the "es" text is missing or empty; write it',
        ),
        (
            ('en: "A plain label"', 'en: "One two three four five six seven eight nine"'),
            "facts.yml:7: facts[0].label.en: 9 words; a label has at most 8, shorten it",
        ),
    ],
)
def test_timeline_entries_need_a_short_label_in_every_language(
    tmp_path: Path, change, message
) -> None:
    path = tmp_path / "facts.yml"
    path.write_text(SAMPLE.replace(*change), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        facts.load(
            path, languages=("en", "es"), today=dt.date(2026, 11, 27), display_name="facts.yml"
        )
    assert str(caught.value) == message


def test_a_fact_off_the_timeline_needs_no_label(tmp_path: Path) -> None:
    text = SAMPLE.replace('    label: {en: "A plain label", es: "Una etiqueta sencilla"}\n', "")
    assert load(tmp_path, text.replace("timeline: true", "timeline: false")).get("memo-a")


@pytest.mark.parametrize(
    "text, expected",
    [("2000-11-17", "November 17, 2000"), ("2017-06", "June 2017"), ("1975", "1975")],
)
def test_format_date(text: str, expected: str) -> None:
    assert facts.format_date(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("2000-11-17", "17 de noviembre de 2000"), ("2017-06", "junio de 2017"), ("1975", "1975")],
)
def test_format_date_in_spanish(text: str, expected: str) -> None:
    assert facts.format_date(text, "es") == expected


def test_missing_spanish_summary_names_the_fact(tmp_path: Path) -> None:
    path = tmp_path / "facts.yml"
    path.write_text(SAMPLE.replace(', es: "Cifras."', ""), encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        facts.load(
            path, languages=("en", "es"), today=dt.date(2026, 11, 27), display_name="facts.yml"
        )
    assert str(caught.value) == (
        'facts.yml:15: facts[1].summary.es: the "es" text is missing or empty; write it'
    )


def test_escape_markdown_makes_html_and_markup_inert() -> None:
    assert facts.escape_markdown("<script>*x*</script> [a](javascript:1)") == (
        "&lt;script&gt;\\*x\\*&lt;/script&gt; \\[a\\](javascript:1)"
    )


@pytest.mark.parametrize(
    "url",
    [
        "https://www.ice.gov/doclib/x.pdf",
        "https://ice.gov/",
        "https://trac.syr.edu/immigration/reports/474/",
        "https://www.federalregister.gov/d/2021-20491#p-1",
        "https://WWW.USCIS.GOV/x",
        "https://www.ice.gov./x",
    ],
)
def test_links_to_official_hosts_pass(url: str) -> None:
    assert facts.official_link_problem(url) is None


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("https://evil.example#ice.gov", '"evil.example" is not an official host'),
        ("https://evil.example/?x=.ice.gov", '"evil.example" is not an official host'),
        ("https://evil.example\\phish.trac.syr.edu", "has a space, backslash or quote"),
        ("https://notice.gov/x", '"notice.gov" is not an official host'),
        ("https://ice.gov.evil.example/", '"ice.gov.evil.example" is not an official host'),
        ("https://ice.gov@evil.example/", '"ice.gov@evil.example" is not an official host'),
        ("https://user@www.ice.gov/", '"user@www.ice.gov" is not an official host'),
        ("https://www.ice.gov:8443/", '"www.ice.gov:8443" is not an official host'),
        ("http://www.ice.gov/", '"http://www.ice.gov/" must start with https://'),
        ("javascript://www.ice.gov/%0aalert(1)", "must start with https://"),
        ("https://www.ice.gov /x", "has a space, backslash or quote"),
        ('https://www.ice.gov/"onmouseover=x', "has a space, backslash or quote"),
        ("https://[::1/", "is not a web address"),
    ],
)
def test_links_are_checked_by_their_parsed_host(url: str, message: str) -> None:
    assert message in (facts.official_link_problem(url) or "")


def test_timeline_entries_lead_with_the_label_and_mark_news_reports(tmp_path: Path) -> None:
    import render

    text = SAMPLE.replace("    timeline: true\n", "    timeline: true\n    reported: true\n", 1)
    out = render.timeline(load(tmp_path, text), lang="es", ui={"reported": "Según la prensa"})
    assert (
        '- **17 de noviembre de 2000: Una etiqueta sencilla.** <strong class="pd-reported">'
        "Según la prensa:</strong> Un resumen. [[cite:memo-a]] "
        '<span class="pd-timeline__title"><cite>Exercising \\*Discretion\\*</cite></span>'
    ) in out


def test_sources_name_the_official_in_the_page_language_when_given(tmp_path: Path) -> None:
    import render

    text = SAMPLE.replace(
        '    official: "TRAC"\n', '    official: "TRAC"\n    official_es: "TRAC (EE. UU.)"\n'
    )
    words = {"official_copy": "Copia oficial", "checked_via": "Consultado en", "reported": "x"}
    spanish = render.sources(load(tmp_path, text), lang="es", ui=words, page="sources.md")
    english = render.sources(load(tmp_path, text), lang="en", ui=words, page="sources.md")
    official = '<span class="pd-official">{}</span>, {}.'
    assert "</cite>. " + official.format("TRAC (EE. UU.)", "junio de 2017") in spanish
    assert "</cite>. " + official.format("TRAC", "June 2017") in english
    assert official.format("An official", "17 de noviembre de 2000") in spanish  # as written


def test_sources_from_2025_on_have_their_own_page_numbered_after_the_others(tmp_path) -> None:
    loaded = load(tmp_path, SAMPLE.replace('date: "2000-11-17"', 'date: "2025-01-20"'))
    out = facts.expand_references("[[cite:memo-a,stat-b]]", loaded, "es/faq.md", fail)
    assert out == (
        "[\\[2\\]](../sources-2025.md#src-memo-a){ .cite }"
        "[\\[1\\]](../sources.md#src-stat-b){ .cite }"
    )
    assert [f["id"] for f in loaded.listed_on("sources-2025.md")] == ["memo-a"]
    assert [f["id"] for f in loaded.listed_on("sources.md")] == ["stat-b"]
