"""The answer code: every answer path has its own code, and the code gives the path back."""

from __future__ import annotations

import copy

import answercode
import pytest

import criteria


@pytest.fixture(scope="module")
def paths(area: criteria.Criteria) -> list[dict[str, str]]:
    return list(criteria.answer_paths(area))


@pytest.fixture(scope="module")
def codec(area: criteria.Criteria) -> answercode.Codec:
    return answercode.Codec(area)


def test_every_path_has_its_own_code_and_decodes_to_itself(codec, paths) -> None:
    codes = [codec.encode(answers) for answers in paths]
    assert len(set(codes)) == len(paths)
    for answers, code in zip(paths, codes, strict=True):
        assert codec.decode(code) == ("ok", answers), code


def test_the_code_is_short_and_easy_to_read_out(codec, paths) -> None:
    assert codec.digits == 4, "the current questions fit in four characters"
    code = codec.encode(paths[-1])
    assert len(code) == len("PD-") + 4 + len("-") + 2
    assert not set(code) & set("ILOU"), "no letters that read like digits"


def test_a_code_read_out_loosely_still_decodes(codec, paths) -> None:
    code = codec.encode(paths[123])
    loose = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert codec.decode(loose) == ("ok", paths[123])


def test_answers_to_questions_not_asked_do_not_change_the_code(area, codec, paths) -> None:
    answers = paths[0]
    noisy = {**{q["id"]: q["options"][0]["id"] for q in area.questions}, **answers}
    assert codec.encode(noisy) == codec.encode(answers)


def test_a_code_from_an_older_version_says_so(area, codec, paths) -> None:
    code = codec.encode(paths[5])
    changed = copy.deepcopy(area.data)
    changed["questions"][-1]["options"].append({"id": "new", "text": {"en": "New"}})
    newer = answercode.Codec(criteria.Criteria(area.file, changed))
    assert newer.version != codec.version
    assert newer.decode(code) == ("old", {})


@pytest.mark.parametrize("code", ["", "PD-", "PD-!!!!-{v}", "PD-ZZZZ-{v}", "PD-00000-{v}"])
def test_a_mistyped_code_is_invalid(codec, code) -> None:
    assert codec.decode(code.format(v=codec.version)) == ("invalid", {})


def test_the_browser_gets_the_version_and_length(area, codec) -> None:
    rules = codec.client_rules()
    assert rules["code"] == {"version": codec.version, "digits": 4}
    assert [q["options"] for q in rules["questions"]] == [
        [o["id"] for o in q["options"]] for q in area.questions
    ]
    assert set(rules["gates"]) == {"stage", "has-order"}
