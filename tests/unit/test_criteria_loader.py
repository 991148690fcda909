"""The criteria loader: a valid file loads; each broken file stops with one exact message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import criteria
from criteria import CriteriaError

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "criteria" / "mini.yml"
VALID = FIXTURE.read_text(encoding="utf-8")
TODAY = dt.date(2026, 11, 27)
FACTS = {"fact-a", "fact-b"}


def load_text(tmp_path: Path, text: str, languages: tuple[str, ...] = ("en",)) -> criteria.Criteria:
    path = tmp_path / "mini.yml"
    path.write_text(text, encoding="utf-8")
    return criteria.load(
        path, fact_ids=FACTS, languages=languages, today=TODAY, display_name="mini.yml"
    )


def broken(old: str, new: str) -> str:
    assert old in VALID, f"fixture changed: {old!r} not found"
    return VALID.replace(old, new, 1)


def test_the_valid_fixture_loads(tmp_path: Path) -> None:
    area = load_text(tmp_path, VALID)
    assert [q["id"] for q in area.questions] == ["stage", "soon"]
    assert [f["id"] for f in area.factors] == ["urgent-hearing", "not-in-court", "always-ask"]


CASES = {
    "yaml syntax error": (
        broken("title: {en: Mini check}", "title: {en: Mini check"),
        "mini.yml:3: YAML syntax error: expected ',' or '}', but got ':'; "
        "check indentation, colons and quotes",
    ),
    "bad indentation": (
        broken("  - id: soon\n", "  - id: soon\n   show: x\n"),
        "mini.yml:15: YAML syntax error: expected <block end>, but found '<block mapping start>'; "
        "check indentation, colons and quotes",
    ),
    "empty file": ("", "mini.yml: expected a mapping (key: value), found NoneType: None"),
    "missing field": (
        broken('as_of: "2026-01-01"\n', ""),
        'mini.yml:1: missing field "as_of"; add it (see criteria/schema.json)',
    ),
    "unknown top-level field (typo)": (
        broken("page: mini.md", "page: mini.md\npages: other.md"),
        'mini.yml:1: unknown field "pages"; check its spelling; allowed fields: as_of, '
        "factors, id, page, questions, sources, title, untranslated",
    ),
    "unknown field in a question": (
        broken("    hint: {en: Look at your papers.}", "    hnt: {en: Look at your papers.}"),
        'mini.yml:7: questions[0]: unknown field "hnt"; check its spelling; allowed fields: '
        "hint, id, multiple, options, show_if, text, why",
    ),
    "wrong type": (
        broken("sources: [fact-a]\nquestions", "sources: fact-a\nquestions"),
        "mini.yml:5: sources: expected a list, found str: 'fact-a'",
    ),
    "duplicate key": (
        broken("page: mini.md", "page: mini.md\npage: again.md"),
        'mini.yml:5: the key "page" appears twice; keep one of them',
    ),
    "duplicate question id": (
        broken("  - id: soon\n", "  - id: stage\n"),
        'mini.yml:14: questions[1].id: "stage" is used twice; ids must be unique',
    ),
    "duplicate option id": (
        broken("{id: none, text", "{id: court, text"),
        'mini.yml:12: questions[0].options[1].id: "court" is used twice; ids must be unique',
    ),
    "duplicate factor id": (
        broken("  - id: always-ask", "  - id: not-in-court"),
        'mini.yml:38: factors[2].id: "not-in-court" is used twice; ids must be unique',
    ),
    "unknown kind": (
        broken("kind: helps", "kind: help"),
        "mini.yml:31: factors[1].kind: 'help' is not allowed; use one of: urgent, helps, "
        "complicates, information",
    ),
    "id differs from file name": (
        broken("id: mini\n", "id: other\n"),
        'mini.yml:1: id: must equal the file name "mini"; rename one of them',
    ),
    "id with capitals": (
        broken("id: mini\n", "id: Mini\n"),
        "mini.yml:1: id: 'Mini' has the wrong form; use lower-case letters, digits and "
        "single hyphens, e.g. hearing-soon",
    ),
    "impossible date": (
        broken('as_of: "2026-01-01"', 'as_of: "2026-02-30"'),
        'mini.yml:3: as_of: "2026-02-30" is not a real date',
    ),
    "date in the future": (
        broken('as_of: "2026-01-01"', 'as_of: "2027-01-01"'),
        "mini.yml:3: as_of: 2027-01-01 is in the future; use the date policy was checked",
    ),
    "show_if names a later question": (
        broken("    show_if: {stage: [court]}", "    show_if: {soon: [court]}"),
        'mini.yml:15: questions[1].show_if.soon: no earlier question has id "soon"; '
        "use one of: stage",
    ),
    "rule names an unknown option": (
        broken('when: {soon: ["yes"]}', 'when: {soon: ["maybe"]}'),
        'mini.yml:29: factors[0].when.soon[0]: question "soon" has no option "maybe"; '
        "use one of: yes, no",
    ),
    "rule names an unknown question": (
        broken("when: {not: {stage: [court, unsure]}}", "when: {not: {stag: [court]}}"),
        'mini.yml:37: factors[1].when.not.stag: no question has id "stag"; use one of: stage, soon',
    ),
    "rule with two keys": (
        broken('when: {soon: ["yes"]}', 'when: {soon: ["yes"], stage: [court]}'),
        "mini.yml:29: factors[0].when: must have exactly one key, found: soon, stage",
    ),
    "unknown fact in the sources": (
        broken("sources: [fact-a]\nquestions", "sources: [fact-z]\nquestions"),
        'mini.yml:5: sources[0]: no fact has id "fact-z"; use an id from data/facts.yml',
    ),
    "unknown fact in a factor": (
        broken(
            "    sources: [fact-a]\n    when: {soon", "    sources: [fact-b, fakt]\n    when: {soon"
        ),
        'mini.yml:28: factors[0].sources[1]: no fact has id "fakt"; use an id from data/facts.yml',
    ),
    "missing English text": (
        broken("title: {en: Call now}", "title: {es: Llame ya}"),
        'mini.yml:23: factors[0].title: missing field "en"; add it (see criteria/schema.json)',
    ),
    "empty text": (
        broken("explanation: {en: Time matters.}", 'explanation: {en: ""}'),
        "mini.yml:24: factors[0].explanation.en: must not be empty",
    ),
    "HTML in a text": (
        broken(
            "explanation: {en: Time matters.}", 'explanation: {en: "<script>alert(1)</script>"}'
        ),
        "mini.yml:24: factors[0].explanation.en: HTML is not allowed in texts; "
        "remove the < > characters",
    ),
    "javascript link": (
        broken("See [the page](mini.md#why).", "See [the page](javascript:alert(1))."),
        'mini.yml:41: factors[2].explanation.en: the link "javascript:alert(1" is not allowed; '
        "link to a page of this site (page.md#section) or to an https:// address",
    ),
    "link in a plain-text field": (
        broken('text: {en: "Where is your case?"}', "text: {en: 'Where is [it](mini.md)?'}"),
        "mini.yml:8: questions[0].text.en: links are not allowed here; write plain text",
    ),
    "learn_more to another site": (
        broken("learn_more: mini.md#why", "learn_more: http://example.com/"),
        "mini.yml:27: factors[0].learn_more: 'http://example.com/' has the wrong form; write the "
        "page (and section) that explains this factor, e.g. special-consideration.md#military",
    ),
    "question never asked": (
        broken(
            "    show_if: {stage: [court]}",
            "    show_if: {all: [{stage: [court]}, {stage: [none]}]}",
        ),
        'mini.yml:15: questions[1].show_if: question "soon" is never asked; '
        "no earlier answers match show_if",
    ),
    "factor never produced": (
        broken(
            "when: {not: {stage: [court, unsure]}}",
            "when: {all: [{stage: [court]}, {stage: [none]}]}",
        ),
        'mini.yml:37: factors[1].when: factor "not-in-court" never appears; '
        "no answers match its rule",
    ),
    "answers that produce nothing": (
        broken("when: {always: true}", "when: {stage: [court]}"),
        "mini.yml:21: factors: the answers stage=unsure produce no factor; "
        "add a factor whose `when` matches them",
    ),
    "image in a text": (
        broken("See [the page](mini.md#why).", "See ![x](https://evil.example/x.png)."),
        "mini.yml:41: factors[2].explanation.en: images are not allowed in texts; "
        "remove the ![…](…)",
    ),
    "attribute list in a text": (
        broken("See [the page](mini.md#why).", "See [the page](mini.md#why){ onclick=x }."),
        "mini.yml:41: factors[2].explanation.en: attribute lists ({ … }) are not allowed in "
        "texts; remove the braces",
    ),
    "link definition in a text": (
        broken("See [the page](mini.md#why).", "See [the page][p].\n\n[p]: javascript:x"),
        "mini.yml:41: factors[2].explanation.en: link definitions ([name]: address) are not "
        "allowed in texts; write the link as [words](page.md#section)",
    ),
    "too few options": (
        broken('      - {id: "no", text: {en: "No"}}\n', ""),
        "mini.yml:18: questions[1].options: must not be empty",
    ),
}


@pytest.mark.parametrize("text, message", CASES.values(), ids=CASES.keys())
def test_broken_file_stops_with_exact_message(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(CriteriaError) as caught:
        load_text(tmp_path, text)
    assert str(caught.value) == message


def test_missing_translation_names_language_and_field(tmp_path: Path) -> None:
    with pytest.raises(CriteriaError) as caught:
        load_text(tmp_path, VALID, languages=("en", "es"))
    assert str(caught.value) == 'mini.yml:2: title.es: the "es" text is missing or empty; write it'


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CriteriaError, match=r"nowhere\.yml: file not found"):
        criteria.load(tmp_path / "nowhere.yml", fact_ids=FACTS, display_name="nowhere.yml")


def test_the_real_criteria_file_is_valid() -> None:
    import facts
    from helpers import ROOT

    site_facts = facts.load(ROOT / "data" / "facts.yml")
    area = criteria.load(
        ROOT / "criteria" / "prosecutorial-discretion.yml", fact_ids=site_facts.ids
    )
    assert area.id == "prosecutorial-discretion"


def test_a_language_listed_as_untranslated_is_not_required_yet(tmp_path: Path) -> None:
    pending = VALID.replace("as_of:", "untranslated: [es]\nas_of:", 1)
    area = load_text(tmp_path, pending, languages=("en", "es"))
    assert criteria.text_language(area, "es") == "en"
    assert criteria.text_language(area, "en") == "en"
    assert criteria.text_language(load_text(tmp_path, VALID), "es") == "es"


def test_the_first_language_can_never_be_untranslated(tmp_path: Path) -> None:
    pending = VALID.replace("as_of:", "untranslated: [en]\nas_of:", 1)
    with pytest.raises(CriteriaError) as caught:
        load_text(tmp_path, pending, languages=("en", "es"))
    assert str(caught.value) == (
        'mini.yml:3: untranslated[0]: "en" texts are always required (the others fall back '
        "to them); remove it"
    )
