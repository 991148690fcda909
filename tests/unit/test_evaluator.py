"""The reference evaluator over the real criteria file: every answer of every question on every
route through it, plus a seeded sample of whole paths (criteria.covering_paths), since a
multiple-choice question makes the paths too many to list."""

from __future__ import annotations

import pytest

import criteria
from helpers import ROOT

FILE = ROOT / "criteria" / "prosecutorial-discretion.yml"


@pytest.fixture(scope="module")
def paths(area: criteria.Criteria) -> list[dict[str, criteria.Answer]]:
    return criteria.covering_paths(area)


@pytest.fixture(scope="module")
def shown(area, paths) -> list[tuple[dict[str, criteria.Answer], set[str]]]:
    """Each path with the factors the evaluator shows for it, worked out once for the module."""
    return [(answers, set(criteria.evaluate(area, answers))) for answers in paths]


def ticked(answers: dict, question: str) -> set[str]:
    """The option ids chosen for a question: one, several (multiple choice) or none."""
    answer = answers.get(question)
    return set(answer) if isinstance(answer, tuple) else {answer} - {None}


def kinds(area: criteria.Criteria, ids: list[str]) -> set[str]:
    by_id = {f["id"]: f["kind"] for f in area.factors}
    return {by_id[i] for i in ids}


def test_every_path_answers_exactly_the_questions_it_asks(area, paths) -> None:
    for answers in paths:
        assert list(answers) == criteria.visible_questions(area, answers), answers


def test_a_result_is_never_empty(shown) -> None:
    assert all(found for _, found in shown)


def test_every_factor_and_option_is_reachable(area, paths, shown) -> None:
    produced = {f for _, found in shown for f in found}
    assert produced == {f["id"] for f in area.factors}
    for q in area.questions:
        chosen = {answers.get(q["id"]) for answers in paths}
        assert chosen >= set(criteria.choices(q)), q["id"]


@pytest.mark.parametrize(
    "notice, expected_when",
    [
        ("no-contact-ice", lambda a: a["stage"] in ("none", "unsure")),
        ("detained-call-now", lambda a: a["stage"] == "detained"),
        ("hearing-soon-call-now", lambda a: a.get("hearing-soon") == "yes"),
        ("removal-order-act-fast", lambda a: a["stage"] == "order" or a.get("has-order") == "yes"),
        (
            "order-appeal-deadline",
            lambda a: (
                a.get("order-when") in ("recent", "unsure")
                and a.get("order-present") in ("yes", "unsure")
            ),
        ),
        ("order-missed-hearing", lambda a: a.get("order-present") in ("no", "unsure")),
        ("check-ins", lambda a: a["stage"] == "reporting" or a.get("reports") == "yes"),
        ("court-basics", lambda a: a["stage"] == "court"),
        ("dismissal-caution", lambda a: a.get("dismissal") == "yes"),
        ("find-detained-person", lambda a: a["stage"] == "detained" and a["who"] == "other"),
        ("hearing-this-week", lambda a: a.get("hearing-soon") == "week"),
        ("before-a-plea", lambda a: a.get("criminal-open") in ("plea", "open")),
        ("keep-proof-of-time", lambda a: a["stage"] in ("reporting", "none", "unsure")),
        ("status-ended", lambda a: bool(ticked(a, "status") & {"tps-ended", "parole-ended"})),
        (
            "keep-uscis-appointments",
            lambda a: bool(ticked(a, "status") & {"daca", "uscis-pending"}),
        ),
        ("asylum-pending", lambda a: "asylum" in ticked(a, "status")),
        (
            "asylum-dismissal",
            lambda a: "asylum" in ticked(a, "status") and a.get("dismissal") == "yes",
        ),
    ],
)
def test_safety_notices_appear_exactly_when_their_rule_says(shown, notice, expected_when):
    for answers, found in shown:
        assert (notice in found) == expected_when(answers), answers


def test_every_im_not_sure_answer_leads_to_something_to_find_out(area, shown) -> None:
    for answers, found in shown:
        if any("unsure" in ticked(answers, q) for q in answers):
            assert "information" in kinds(area, found), answers


def test_no_urgent_notice_is_lost_when_several_situations_are_true(shown) -> None:
    # Detained with a removal order, in court while reporting to ICE: both cards appear.
    for answers, found in shown:
        if answers["stage"] == "detained" and answers.get("has-order") == "yes":
            assert {"detained-call-now", "removal-order-act-fast"} <= found, answers
        if answers["stage"] in ("court", "order") and answers.get("reports") == "yes":
            assert "check-ins" in found, answers
        if answers["stage"] == "reporting" and answers.get("has-order") == "yes":
            assert {"check-ins", "removal-order-act-fast"} <= found, answers


def test_every_removal_order_leads_to_act_now_and_never_to_no_appeal(area, shown) -> None:
    texts = {f["id"]: f for f in area.factors}
    for answers, found in shown:
        if "order-when" in answers:
            assert "removal-order-act-fast" in found, answers
    for factor in texts.values():
        for lang in ("en", "es"):
            words = " ".join(factor["explanation"][lang].split()).lower()
            assert "there is no appeal" not in words and "no hay apelación" not in words


def test_a_conviction_of_any_kind_is_answered_with_the_conviction_card(area) -> None:
    record = next(q for q in area.questions if q["id"] == "record")
    conviction = next(o for o in record["options"] if o["id"] == "conviction")["text"]["en"]
    hint = " ".join(record["hint"]["en"].split())
    for words in ("no contest", "withheld", "probation", "sealed", "expunged"):
        assert words in conviction or words in hint, words
    assert "traffic" in hint and "without a license" in hint
    answers = {"stage": "none", "record": "conviction"}
    assert "criminal-conviction" in criteria.evaluate(area, answers)
    assert "criminal-arrest" not in criteria.evaluate(area, answers)


def test_hearing_question_is_asked_only_for_court_cases(area: criteria.Criteria) -> None:
    assert "hearing-soon" in criteria.visible_questions(area, {"stage": "court"})
    assert "hearing-soon" not in criteria.visible_questions(area, {"stage": "none"})


def test_stale_answers_to_hidden_questions_are_ignored(area: criteria.Criteria) -> None:
    answers = {
        "stage": "none",
        "hearing-soon": "yes",
        "military": "no",
        "family-petition": "no",
        "humanitarian": "no",
        "law-enforcement": "no",
        "record": "none",
    }
    assert "hearing-soon-call-now" not in criteria.evaluate(area, answers)
    assert criteria.effective_answers(area, answers).get("hearing-soon") is None


def test_rule_operators() -> None:
    answers = {"a": "x", "b": "y"}
    assert criteria.matches({"always": True}, {})
    assert criteria.matches({"a": ["x", "z"]}, answers)
    assert not criteria.matches({"c": ["x"]}, answers)
    assert criteria.matches({"all": [{"a": ["x"]}, {"b": ["y"]}]}, answers)
    assert not criteria.matches({"all": [{"a": ["x"]}, {"b": ["n"]}]}, answers)
    assert criteria.matches({"any": [{"a": ["n"]}, {"b": ["y"]}]}, answers)
    assert criteria.matches({"not": {"a": ["n"]}}, answers)
    assert not criteria.matches({"not": {"a": ["x"]}}, answers)


def test_client_rules_carry_no_texts(area: criteria.Criteria) -> None:
    rules = area.client_rules()
    assert set(rules) == {"id", "questions", "gates", "factors"}
    assert all(set(f) == {"id", "kind", "when"} for f in rules["factors"])
    assert all(set(q) <= {"id", "options", "showIf", "multiple"} for q in rules["questions"])
