"""The answer code: every answer path has its own code, and the code gives the path back."""

from __future__ import annotations

import copy

import pytest

import answercode
import criteria


@pytest.fixture(scope="module")
def paths(area: criteria.Criteria) -> list[dict[str, str]]:
    return list(criteria.answer_paths(area))


def test_every_path_has_its_own_code_and_decodes_to_itself(area, paths) -> None:
    digits = answercode.length(area)
    codes = [answercode.encode(area, answers, digits) for answers in paths]
    assert len(set(codes)) == len(paths)
    for answers, code in zip(paths, codes, strict=True):
        assert answercode.decode(area, code, digits) == ("ok", answers), code


def test_the_code_is_short_and_easy_to_read_out(area, paths) -> None:
    digits = answercode.length(area)
    assert digits == 4, "the current questions fit in four characters"
    code = answercode.encode(area, paths[-1], digits)
    assert len(code) == len("PD-") + 4 + len("-") + 2
    assert not set(code) & set("ILOU"), "no letters that read like digits"


def test_a_code_read_out_loosely_still_decodes(area, paths) -> None:
    digits = answercode.length(area)
    code = answercode.encode(area, paths[123], digits)
    loose = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert answercode.decode(area, loose, digits) == ("ok", paths[123])


def test_answers_to_questions_not_asked_do_not_change_the_code(area, paths) -> None:
    digits = answercode.length(area)
    answers = paths[0]
    noisy = {**{q["id"]: q["options"][0]["id"] for q in area.questions}, **answers}
    assert answercode.encode(area, noisy, digits) == answercode.encode(area, answers, digits)


def test_a_code_from_an_older_version_says_so(area, paths) -> None:
    digits = answercode.length(area)
    code = answercode.encode(area, paths[5], digits)
    changed = copy.deepcopy(area.data)
    changed["questions"][-1]["options"].append({"id": "new", "text": {"en": "New"}})
    newer = criteria.Criteria(area.file, changed)
    assert answercode.version(newer) != answercode.version(area)
    assert answercode.decode(newer, code, answercode.length(newer)) == ("old", {})


@pytest.mark.parametrize("code", ["", "PD-", "PD-!!!!-XX", "PD-ZZZZ", "PD-0000000-"])
def test_a_mistyped_code_is_invalid(area, code) -> None:
    digits = answercode.length(area)
    version = answercode.version(area)
    assert answercode.decode(area, code.replace("XX", version), digits)[0] in ("invalid", "old")
    assert answercode.decode(area, f"PD-ZZZZ-{version}", digits) == ("invalid", {})
    assert answercode.decode(area, f"PD-00000-{version}", digits) == ("invalid", {})


def test_the_browser_gets_the_version_and_length(area) -> None:
    rules = answercode.client_rules(area)
    assert rules["code"] == {"version": answercode.version(area), "digits": 4}
    assert [q["options"] for q in rules["questions"]] == [
        [o["id"] for o in q["options"]] for q in area.questions
    ]
    assert set(rules["gates"]) == {"stage", "has-order"}
