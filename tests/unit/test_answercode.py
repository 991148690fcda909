"""The answer code (version 2): every path has its own code, the code gives the path back,
and a mistyped code, an old code or a malformed one never gives somebody else's summary."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import answercode
import pytest

import criteria

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "criteria"


@pytest.fixture(scope="module")
def paths(area: criteria.Criteria) -> list[dict]:
    return criteria.agreement_paths(area)


@pytest.fixture(scope="module")
def codec(area: criteria.Criteria) -> answercode.Codec:
    return answercode.Codec(area)


@pytest.fixture(scope="module")
def multi() -> criteria.Criteria:
    return criteria.load(FIXTURES / "multi.yml", fact_ids={"fact-a"}, today=dt.date(2026, 11, 27))


def body(code: str) -> str:
    return code.removeprefix("PD-").replace("-", "")


def test_every_path_has_its_own_code_and_decodes_to_itself(codec, paths) -> None:
    codes = [codec.encode(answers) for answers in paths]
    assert len(set(codes)) == len({tuple(sorted(p.items())) for p in paths})
    for answers, code in zip(paths, codes, strict=True):
        assert codec.decode(code) == ("ok", answers), code


def test_multiple_questions_round_trip_on_every_path(multi) -> None:
    codec = answercode.Codec(multi)
    paths = criteria.answer_paths(multi)
    assert len({codec.encode(p) for p in paths}) == len(paths)
    for answers in paths:
        assert codec.decode(codec.encode(answers)) == ("ok", answers)


def test_a_box_pattern_no_reader_can_tick_is_invalid(multi) -> None:
    codec = answercode.Codec(multi)
    status = next(q for q in multi.questions if q["id"] == "status")
    ids = [o["id"] for o in status["options"]]
    alone = [o["id"] for o in status["options"] if o.get("exclusive")]
    free = [i for i in ids if i not in alone]
    # Build the codes by hand: encode() only takes answers a reader can give.
    for ticked in [(), (free[0], alone[0]), tuple(alone)]:
        stage = next(q for q in multi.questions if q["id"] == "stage")
        value = len(stage["options"]) * sum(1 << ids.index(i) for i in ticked)
        digits = ""
        for _ in range(codec.digits):
            digits = answercode.ALPHABET[value % 32] + digits
            value //= 32
        text = digits + codec.version
        assert codec.decode(text + answercode.check_char(text)) == ("invalid", {}), ticked


def test_the_code_is_short_and_easy_to_read_out(codec, paths) -> None:
    code = codec.encode(paths[-1])
    assert len(body(code)) == codec.digits + 3
    assert codec.digits >= answercode.MIN_DIGITS
    assert not set(code) & set("ILOU"), "no letters that read like digits"


def test_a_code_read_out_loosely_still_decodes(codec, paths) -> None:
    answers = paths[len(paths) // 2]
    code = codec.encode(answers)
    loose = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert codec.decode(loose) == ("ok", answers)


def test_every_one_character_typo_says_check_the_code(codec, paths) -> None:
    for answers in paths[:: max(1, len(paths) // 40)]:
        text = body(codec.encode(answers))
        for n, right in enumerate(text):
            for wrong in answercode.ALPHABET.replace(right, ""):
                typo = text[:n] + wrong + text[n + 1 :]
                assert codec.decode(typo) == ("invalid", {}), (text, typo)


def test_every_swap_of_two_neighbours_says_check_the_code(codec, paths) -> None:
    for answers in paths[:: max(1, len(paths) // 400)]:
        text = body(codec.encode(answers))
        for n in range(len(text) - 1):
            if text[n] != text[n + 1]:
                swapped = text[:n] + text[n + 1] + text[n] + text[n + 2 :]
                assert codec.decode(swapped) == ("invalid", {}), (text, swapped)


def test_a_dropped_or_added_character_never_reads_as_another_summary(codec, paths) -> None:
    # Not promised to say "check the code" (a dropped leading 0 keeps the check character
    # right), but never somebody else's summary.
    for answers in paths[:: max(1, len(paths) // 20)]:
        text = body(codec.encode(answers))
        for n in range(len(text)):
            assert codec.decode(text[:n] + text[n + 1 :])[0] != "ok"
            for extra in answercode.ALPHABET[::5]:
                assert codec.decode(text[:n] + extra + text[n:])[0] != "ok"


def test_answers_to_questions_not_asked_do_not_change_the_code(area, codec, paths) -> None:
    answers = paths[0]
    noisy = {**{q["id"]: criteria.choices(q)[0] for q in area.questions}, **answers}
    assert codec.encode(noisy) == codec.encode(answers)


def test_a_code_from_an_older_version_says_so(area, codec, paths) -> None:
    code = codec.encode(paths[5])
    changed = copy.deepcopy(area.data)
    changed["questions"][-1]["options"].append({"id": "new", "text": {"en": "New"}})
    newer = answercode.Codec(criteria.Criteria(area.file, changed))
    assert newer.version != codec.version
    assert newer.decode(code) == ("old", {})


@pytest.mark.parametrize("code", ["PD-07K3-M2", "pd 0000 aa", "PD-ZZZZ-ZZ"])
def test_a_version_1_code_says_it_is_from_an_older_version(codec, code) -> None:
    assert codec.decode(code) == ("old", {})


MALFORMED = ["", "PD-", "%", "PD-%ZZ", "PD-!!!!-AA", "<img src=x onerror=alert(1)>", "A" * 300]


@pytest.mark.parametrize("code", MALFORMED, ids=range(len(MALFORMED)))
def test_a_malformed_code_is_invalid(codec, code) -> None:
    assert codec.decode(code) == ("invalid", {})


def test_the_check_character_is_damms_over_base_32() -> None:
    # Appending the check character brings Damm's interim digit back to 0.
    for text in ["0", "PD", "07K3QM2", "ZZZZZZZZ"]:
        text = text.replace("P", "Q").replace("D", "E")
        assert answercode._damm(text + answercode.check_char(text)) == answercode._damm("")


def test_the_browser_gets_the_version_and_length(area, codec) -> None:
    rules = codec.client_rules()
    assert rules["code"] == {"version": codec.version, "digits": codec.digits}
    assert [q["options"] for q in rules["questions"]] == [
        [o["id"] for o in q["options"]] for q in area.questions
    ]
    assert set(rules["gates"]) == {
        qid for q in area.questions for qid in criteria._named(q.get("show_if"))
    }
