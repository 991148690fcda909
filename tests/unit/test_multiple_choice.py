"""Questions with `multiple: true`, and the meaning checks that search instead of listing."""

from __future__ import annotations

import datetime as dt
import math
import random
from pathlib import Path

import pytest

import criteria
from criteria import CriteriaError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "criteria"
MULTI = (FIXTURES / "multi.yml").read_text(encoding="utf-8")
TODAY = dt.date(2026, 11, 27)


def load_text(tmp_path: Path, text: str) -> criteria.Criteria:
    path = tmp_path / "multi.yml"
    path.write_text(text, encoding="utf-8")
    return criteria.load(
        path, fact_ids={"fact-a"}, languages=("en", "es"), today=TODAY, display_name="multi.yml"
    )


@pytest.fixture
def multi(tmp_path: Path) -> criteria.Criteria:
    return load_text(tmp_path, MULTI)


def question(area: criteria.Criteria, qid: str) -> dict:
    return next(q for q in area.questions if q["id"] == qid)


def test_a_multiple_question_offers_every_set_of_boxes_and_each_exclusive_alone(multi) -> None:
    status = question(multi, "status")
    alone = [o["id"] for o in status["options"] if o.get("exclusive")]
    free = [o["id"] for o in status["options"] if not o.get("exclusive")]
    found = criteria.choices(status)
    assert len(found) == len(set(found)) == 2 ** len(free) - 1 + len(alone)
    assert all(found) and all(set(a) <= set(free) or len(a) == 1 for a in found)
    assert [(a,) for a in alone] == found[-len(alone) :]


def test_a_rule_on_a_multiple_question_holds_when_any_ticked_box_is_listed() -> None:
    assert criteria.matches({"status": ["tps", "parole"]}, {"status": ("daca", "parole")})
    assert not criteria.matches({"status": ["tps"]}, {"status": ("daca", "parole")})
    assert not criteria.matches({"status": ["tps"]}, {})
    both = {"all": [{"status": ["tps"]}, {"status": ["daca"]}]}
    assert criteria.matches(both, {"status": ("tps", "daca")})
    assert not criteria.matches(both, {"status": ("tps",)})


def test_a_multiple_question_can_decide_what_else_is_asked(multi) -> None:
    ask = criteria.visible_questions(multi, {"stage": "court", "status": ("daca", "parole")})
    skip = criteria.visible_questions(multi, {"stage": "court", "status": ("daca",)})
    assert "soon" in ask and "soon" not in skip


def test_the_browser_learns_which_questions_are_multiple_and_their_exclusive_options(multi):
    rules = multi.client_rules()
    by_id = {q["id"]: q for q in rules["questions"]}
    status = question(multi, "status")
    assert by_id["status"]["multiple"] == [o["id"] for o in status["options"] if o.get("exclusive")]
    assert "multiple" not in by_id["stage"]
    assert "status" in rules["gates"]


CASES = {
    "exclusive option in a one-answer question": (
        (
            "      - {id: court, text: {en: In court, es: En la corte}}",
            "      - {id: court, exclusive: true, text: {en: In court, es: En la corte}}",
        ),
        "multi.yml:10: questions[0].options[0].exclusive: only a question with multiple: true "
        "has exclusive options; remove it",
    ),
    "every option of a multiple question exclusive": (
        ("      - {id: tps, text", "      - {id: tps, exclusive: true, text"),
        None,
    ),
    "an empty result that needs two boxes": (
        ("    when: {status: [tps, parole]}", "    when: {status: [tps]}"),
        "multi.yml:29: factors: the answers stage=court, status=parole, soon=no produce no factor; "
        "add a factor whose `when` matches them",
    ),
    "a factor that needs an exclusive box with another": (
        ('    when: {soon: ["yes"]}', "    when: {all: [{status: [none]}, {status: [tps]}]}"),
        'multi.yml:36: factors[0].when: factor "urgent-hearing" never appears; '
        "no answers match its rule",
    ),
}


@pytest.mark.parametrize("change, message", CASES.values(), ids=CASES.keys())
def test_broken_multiple_questions_stop_with_exact_message(tmp_path, change, message) -> None:
    old, new = change
    assert old in MULTI, f"fixture changed: {old!r} not found"
    text = MULTI.replace(old, new, 1)
    if message is None:
        # Every box exclusive: the question is then one-answer in effect, which is allowed
        # only with at least one box that is not.
        text = text.replace(
            "      - {id: parole, text", "      - {id: parole, exclusive: true, text"
        )
        text = text.replace("      - {id: daca, text", "      - {id: daca, exclusive: true, text")
        message = (
            "multi.yml:17: questions[1].options: a question with multiple: true needs 1 to "
            f"{criteria.MAX_FREE_OPTIONS} options that are not exclusive, not 0; split it"
        )
    with pytest.raises(CriteriaError) as caught:
        load_text(tmp_path, text)
    assert str(caught.value) == message


def test_too_many_boxes_stop_with_a_message(tmp_path) -> None:
    extra = "".join(
        f"      - {{id: x{n}, text: {{en: X{n}, es: X{n}}}}}\n"
        for n in range(criteria.MAX_FREE_OPTIONS)
    )
    anchor = "      - {id: none, exclusive: true"
    with pytest.raises(CriteriaError, match=r"questions\[1\]\.options: .* not 15; split it"):
        load_text(tmp_path, MULTI.replace(anchor, extra + anchor, 1))


# The search (criteria._Search) against plain enumeration, on random small criteria files.


def random_rule(rng: random.Random, questions: list[dict], depth: int = 0) -> dict:
    roll = rng.random()
    if depth < 2 and roll < 0.35:
        op = rng.choice(["all", "any"])
        return {op: [random_rule(rng, questions, depth + 1) for _ in range(rng.randint(1, 3))]}
    if depth < 2 and roll < 0.45:
        return {"not": random_rule(rng, questions, depth + 1)}
    if roll > 0.97:
        return {"always": True}
    q = rng.choice(questions)
    ids = [o["id"] for o in q["options"]]
    return {q["id"]: rng.sample(ids, rng.randint(1, len(ids) - 1))}


def random_area(seed: int) -> criteria.Criteria:
    rng = random.Random(seed)
    questions: list[dict] = []
    for n in range(rng.randint(2, 6)):
        size = rng.randint(2, 5)
        q: dict = {"id": f"q{n}", "options": [{"id": f"o{k}"} for k in range(size)]}
        if rng.random() < 0.4:
            q["multiple"] = True
            for option in q["options"][size - rng.randint(0, 2) :][: size - 1]:
                option["exclusive"] = True
        if questions and rng.random() < 0.5:
            q["show_if"] = random_rule(rng, questions)
        questions.append(q)
    factors = [{"id": f"f{n}", "when": random_rule(rng, questions)} for n in range(6)]
    return criteria.Criteria(
        "random.yml", {"id": "random", "questions": questions, "factors": factors}
    )


@pytest.mark.parametrize("seed", range(150))
def test_the_search_finds_exactly_what_listing_every_path_finds(seed: int) -> None:
    area = random_area(seed)
    paths = criteria.answer_paths(area)
    assert criteria.count_paths(area) == len(paths)
    search = criteria._Search(area)
    results = [criteria.evaluate(area, p) for p in paths]
    whens = tuple(criteria._formula(f["when"]) for f in area.factors)
    empty = search.find(criteria._join("or", whens), want=False)
    assert (empty is not None) == (not all(results))
    if empty is not None:
        assert criteria.evaluate(area, empty) == [] and empty in paths
    for factor in area.factors:
        found = search.find(criteria._formula(factor["when"]), want=True)
        assert (found is not None) == any(factor["id"] in r for r in results), factor
        assert found is None or factor["id"] in criteria.evaluate(area, found)
    for qi, q in enumerate(area.questions):
        asked = any(q["id"] in p for p in paths)
        assert (search.find(search.asked_if[qi], want=True) is not None) == asked, q["id"]
    sizes = {q["id"]: len(q["options"]) for q in area.questions}
    widest = max(math.prod(sizes[q] for q in p) for p in paths)
    assert criteria.largest_product(area, lambda q: sizes[q["id"]]) == widest


@pytest.mark.parametrize("seed", range(0, 150, 15))
def test_covering_paths_give_every_answer_of_every_question_on_every_route(seed: int) -> None:
    area = random_area(seed)

    def reached(paths: list[dict]) -> set[tuple]:
        # (question, the questions asked before it, its answer) for every step of every path
        found = set()
        for p in paths:
            asked = criteria.visible_questions(area, p)
            found |= {(q, tuple(asked[:n]), p[q]) for n, q in enumerate(asked)}
        return found

    paths = criteria.answer_paths(area)
    covered = criteria.covering_paths(area, sample=20, seed=seed)
    assert all(p in paths for p in covered)
    assert reached(covered) == reached(paths)


def test_the_multi_fixture_is_checked_like_the_enumeration(multi) -> None:
    paths = criteria.answer_paths(multi)
    assert criteria.count_paths(multi) == len(paths)
    assert all(criteria.evaluate(multi, p) for p in paths)
