"""Criteria files: load, validate, evaluate. Pure Python, no MkDocs imports.

A criteria file lists questions and factors; each factor has a `when` rule over the answers.
The rule language is deliberately tiny and mirrored exactly by docs/assets/checker.js:

    {all: [rule, ...]}   every rule matches          {not: rule}    the rule does not match
    {any: [rule, ...]}   at least one rule matches   {always: true} always matches
    {question-id: [option-id, ...]}   the question was asked and answered with one of these
                                      (multiple: true: at least one ticked option is listed)

An answer is an option id, or for a question with `multiple: true` the tuple of ticked option
ids in file order (at least one; an `exclusive: true` option only alone).
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yamlsource import Document, SourceError, check_schema, load_yaml

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "criteria" / "schema.json"
KINDS = ("urgent", "helps", "complicates", "information")
OPERATORS = ("all", "any", "not", "always")
# The meaning checks search the answers (see _Search); past this many distinct states the
# file is too tangled for a reader anyway, so say so instead of hanging the build.
MAX_PATHS = 200_000
# A multiple question's answers are the sets of its boxes: 2**12 - 1 at most.
MAX_FREE_OPTIONS = 12

CriteriaError = SourceError
Rule = Mapping[str, Any]
Answer = str | tuple[str, ...]
Answers = Mapping[str, Answer]


@dataclass(frozen=True)
class Criteria:
    """A validated criteria file: plain data, as written, plus where it came from."""

    file: str
    data: dict[str, Any]

    @property
    def id(self) -> str:
        """The practice area's id."""
        return self.data["id"]

    @property
    def questions(self) -> list[dict[str, Any]]:
        """Questions in the order they are asked."""
        return self.data["questions"]

    @property
    def factors(self) -> list[dict[str, Any]]:
        """Factors in file order."""
        return self.data["factors"]

    def factors_by_kind(self) -> list[tuple[str, list[dict[str, Any]]]]:
        """Factors grouped by kind, in display order, leaving out empty groups."""
        groups = [(kind, [f for f in self.factors if f["kind"] == kind]) for kind in KINDS]
        return [(kind, factors) for kind, factors in groups if factors]

    def client_rules(self) -> dict[str, Any]:
        """The minimum the browser needs to run the same rules and answer codes: ids, option
        ids, show_if, when, kind, and which questions decide what else is asked."""
        return {
            "id": self.id,
            "questions": [
                {
                    "id": q["id"],
                    "options": [o["id"] for o in q["options"]],
                    **({"showIf": q["show_if"]} if "show_if" in q else {}),
                    **(
                        {"multiple": [o["id"] for o in q["options"] if o.get("exclusive")]}
                        if q.get("multiple")
                        else {}
                    ),
                }
                for q in self.questions
            ],
            "gates": sorted({qid for q in self.questions for qid in _named(q.get("show_if"))}),
            "factors": [
                {"id": f["id"], "kind": f["kind"], "when": f["when"]} for f in self.factors
            ],
        }


def _named(rule: Rule | None) -> set[str]:
    # The question ids a rule reads: the questions whose answers can change what is asked.
    if rule is None:
        return set()
    ((key, value),) = rule.items()
    if key in ("all", "any"):
        return set().union(*map(_named, value))
    if key == "not":
        return _named(value)
    return set() if key == "always" else {key}


def matches(rule: Rule, answers: Answers) -> bool:
    """Return whether `rule` holds for `answers` (the reference semantics)."""
    ((key, value),) = rule.items()
    if key == "always":
        return True
    if key == "all":
        return all(matches(r, answers) for r in value)
    if key == "any":
        return any(matches(r, answers) for r in value)
    if key == "not":
        return not matches(value, answers)
    return _holds(answers.get(key), value)


def _holds(answer: Answer | None, options: Sequence[str]) -> bool:
    # One option chosen, or (multiple) any of the ticked ones listed.
    if answer is None or isinstance(answer, str):
        return answer in options
    return any(option in options for option in answer)


def choices(question: Mapping[str, Any]) -> list[Answer]:
    """Every answer a reader can give: each option id, or for a multiple question each set
    of ticked options (at least one, an exclusive option only alone), in file order."""
    ids = [o["id"] for o in question["options"]]
    if not question.get("multiple"):
        return ids
    alone = [o["id"] for o in question["options"] if o.get("exclusive")]
    free = [i for i in ids if i not in alone]
    sets = [
        tuple(i for n, i in enumerate(free) if mask >> n & 1) for mask in range(1, 1 << len(free))
    ]
    return sorted(sets, key=len) + [(i,) for i in alone]


def effective_answers(criteria: Criteria, answers: Answers) -> dict[str, Answer]:
    """Keep only answers to questions that are asked, given the earlier answers."""
    kept: dict[str, str] = {}
    for question in criteria.questions:
        shown = "show_if" not in question or matches(question["show_if"], kept)
        if shown and question["id"] in answers:
            kept[question["id"]] = answers[question["id"]]
    return kept


def visible_questions(criteria: Criteria, answers: Answers) -> list[str]:
    """Ids of the questions asked, given the answers so far."""
    kept = effective_answers(criteria, answers)
    return [
        q["id"] for q in criteria.questions if "show_if" not in q or matches(q["show_if"], kept)
    ]


def evaluate(criteria: Criteria, answers: Answers) -> list[str]:
    """Ids of the factors that apply to `answers`, in file order."""
    kept = effective_answers(criteria, answers)
    return [f["id"] for f in criteria.factors if matches(f["when"], kept)]


def answer_paths(criteria: Criteria, limit: int | None = None) -> list[dict[str, Answer]]:
    """Every complete set of answers a reader can give, one per path through the questions,
    the first question varying slowest. With `limit`, stop once there are more than that.
    (Multiple questions make this grow fast: see sample_paths for those files.)"""
    ids = [q["id"] for q in criteria.questions]
    return [_answers(ids, row) for row in path_rows(criteria, limit)]


def path_rows(criteria: Criteria, limit: int | None = None) -> list[tuple[Answer | None, ...]]:
    """Every answer path as a row of option ids, one per question (None: not asked)."""
    # Tuples are much cheaper to grow than dicts, and their columns come out in one zip.
    ids = [q["id"] for q in criteria.questions]
    rows: list[tuple[Answer | None, ...]] = [()]
    for question in criteria.questions:
        asked_if = question.get("show_if")
        options = choices(question)
        grown: list[tuple[Answer | None, ...]] = []
        for row in rows:
            if asked_if is not None and not matches(asked_if, _answers(ids, row)):
                grown.append((*row, None))
            else:
                grown.extend([(*row, option) for option in options])
        rows = grown
        if limit is not None and len(rows) > limit:
            break  # a path never splits into fewer, so the final count is over the limit too
    return rows


def _answers(ids: list[str], row: tuple[Answer | None, ...]) -> dict[str, Answer]:
    # While the paths grow, a row is shorter than ids: it covers the questions so far.
    return {q: option for q, option in zip(ids, row, strict=False) if option is not None}


def routes(criteria: Criteria) -> list[dict[str, Answer]]:
    """One path per way through the questions: of the answers to each question, one per
    distinct effect on which later questions are asked; the others stay at their first."""
    search = _Search(criteria)
    found: list[dict[str, Answer]] = []

    def walk(i: int, asked_if: tuple, chosen: dict[str, Answer]) -> None:
        if i == len(search.questions):
            found.append(chosen)
            return
        qid = search.questions[i]["id"]
        later = asked_if[1:]
        if asked_if[0] is not True:
            walk(i + 1, tuple(_answer(f, qid, None) for f in later), chosen)
            return
        groups: dict[tuple, Answer] = {}
        for answer in search.choices[i]:
            groups.setdefault(tuple(_answer(f, qid, answer) for f in later), answer)
        for rest, answer in groups.items():
            walk(i + 1, rest, {**chosen, qid: answer})

    walk(0, search.asked_if, {})
    return found


def covering_paths(criteria: Criteria, sample: int = 2000, seed: int = 23) -> list[dict]:
    """Paths that give every answer of every question on every route that asks it (the rest
    of each path drawn at random), plus `sample` whole paths drawn at random, all from `seed`:
    what Python and JavaScript are compared on when there are too many paths to list."""
    rng = random.Random(seed)
    options = {q["id"]: choices(q) for q in criteria.questions}

    def complete(given: Mapping[str, Answer]) -> dict[str, Answer]:
        kept: dict[str, Answer] = {}
        for q in criteria.questions:
            if "show_if" not in q or matches(q["show_if"], kept):
                kept[q["id"]] = given.get(q["id"]) or rng.choice(options[q["id"]])
        return kept

    found = [
        complete({**route, qid: answer})
        for route in routes(criteria)
        for qid in visible_questions(criteria, route)
        for answer in options[qid]
    ]
    return found + [complete({}) for _ in range(sample)]


def agreement_paths(criteria: Criteria) -> list[dict[str, Answer]]:
    """What the tests compare Python and JavaScript on: every path while there are at most
    MAX_PATHS, else the covering paths (every answer on every route, and a seeded sample)."""
    if count_paths(criteria) <= MAX_PATHS:
        return answer_paths(criteria)
    return covering_paths(criteria)


def load(
    path: Path,
    *,
    fact_ids: set[str],
    languages: tuple[str, ...] = ("en",),
    today: dt.date | None = None,
    display_name: str | None = None,
) -> Criteria:
    """Read and fully validate one criteria file, or raise CriteriaError saying what to fix."""
    doc = load_yaml(path, display_name)
    check_schema(doc, SCHEMA_FILE, "criteria/schema.json")
    _check_meaning(doc, path, fact_ids, languages, today or dt.date.today())
    criteria = Criteria(doc.file, doc.data)
    _check_reachable(doc, criteria)
    return criteria


def _check_meaning(
    doc: Document, path: Path, fact_ids: set[str], languages: tuple[str, ...], today: dt.date
) -> None:
    data = doc.data
    if data["id"] != path.stem:
        raise doc.error(("id",), f'must equal the file name "{path.stem}"; rename one of them')
    doc.check_date(("as_of",), data["as_of"], today=today, fix="use the date policy was checked")
    languages = _translated(doc, languages)
    _check_text(doc, ("title",), data["title"], languages, plain=True)
    doc.check_unique_ids("questions")
    doc.check_unique_ids("factors")
    for i, fact in enumerate(data["sources"]):
        doc.check_fact(("sources", i), fact, fact_ids)
    options: dict[str, list[str]] = {}
    for qi, question in enumerate(data["questions"]):
        base = ("questions", qi)
        doc.check_unique_ids(*base, "options")
        if "show_if" in question:
            _check_rule(doc, (*base, "show_if"), question["show_if"], options)
        options[question["id"]] = [o["id"] for o in question["options"]]
        for field in ("text", "hint", "why"):
            if field in question:
                _check_text(doc, (*base, field), question[field], languages, plain=True)
        for oi, option in enumerate(question["options"]):
            _check_text(doc, (*base, "options", oi, "text"), option["text"], languages, plain=True)
            if option.get("exclusive") and not question.get("multiple"):
                raise doc.error(
                    (*base, "options", oi, "exclusive"),
                    "only a question with multiple: true has exclusive options; remove it",
                )
        free = [o for o in question["options"] if not o.get("exclusive")]
        if question.get("multiple") and not 1 <= len(free) <= MAX_FREE_OPTIONS:
            raise doc.error(
                (*base, "options"),
                f"a question with multiple: true needs 1 to {MAX_FREE_OPTIONS} options that "
                f"are not exclusive, not {len(free)}; split it",
            )
    for fi, factor in enumerate(data["factors"]):
        base = ("factors", fi)
        _check_rule(doc, (*base, "when"), factor["when"], options)
        for i, fact in enumerate(factor["sources"]):
            doc.check_fact((*base, "sources", i), fact, fact_ids)
        _check_text(doc, (*base, "title"), factor["title"], languages, plain=True)
        _check_text(doc, (*base, "explanation"), factor["explanation"], languages, plain=False)
        for field in ("next_steps", "documents"):
            for i, text in enumerate(factor.get(field, [])):
                _check_text(doc, (*base, field, i), text, languages, plain=False)


def _translated(doc: Document, languages: tuple[str, ...]) -> tuple[str, ...]:
    """The languages whose texts the file must have: the site's, less those `untranslated`
    lists (never the first, whose texts the others fall back to)."""
    pending = doc.data.get("untranslated", [])
    if languages[0] in pending:
        raise doc.error(
            ("untranslated", pending.index(languages[0])),
            f'"{languages[0]}" texts are always required (the others fall back to them); remove it',
        )
    return tuple(lang for lang in languages if lang not in pending)


def text_language(criteria: Criteria, lang: str, default: str = "en") -> str:
    """The language a page in `lang` shows the file's texts in: `default` (English, which
    every text has) while the file lists `lang` as untranslated."""
    return default if lang in criteria.data.get("untranslated", []) else lang


def _check_rule(doc: Document, path: tuple, rule: Rule, earlier: dict[str, list[str]]) -> None:
    ((key, value),) = rule.items()
    if key in ("all", "any"):
        for i, sub in enumerate(value):
            _check_rule(doc, (*path, key, i), sub, earlier)
    elif key == "not":
        _check_rule(doc, (*path, key), value, earlier)
    elif key != "always":
        if key not in earlier:
            which = "earlier question" if path[0] == "questions" else "question"
            raise doc.error(
                (*path, key),
                f'no {which} has id "{key}"; use one of: {", ".join(earlier) or "(none yet)"}',
            )
        for i, option in enumerate(value):
            if option not in earlier[key]:
                raise doc.error(
                    (*path, key, i),
                    f'question "{key}" has no option "{option}"; '
                    f"use one of: {', '.join(earlier[key])}",
                )


# Inline Markdown links in factor texts: only pages of this site or https addresses.
_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_SAFE_TARGET = re.compile(
    r"^(https://[^\s\"'<>]+|[a-z0-9][a-z0-9/-]*\.md(#[a-z0-9-]+)?|#[a-z0-9-]+)$"
)


# Markdown that would add attributes, images or links the checks above never see.
_NOT_IN_TEXTS = (
    (re.compile(r"!\["), "images are not allowed in texts; remove the ![…](…)"),
    (
        re.compile(r"\{[^{}]*\}"),
        "attribute lists ({ … }) are not allowed in texts; remove the braces",
    ),
    (
        re.compile(r"^[ \t]*\[[^\]]+\]:", re.M),
        "link definitions ([name]: address) are not allowed in texts; write the link as "
        "[words](page.md#section)",
    ),
)


def _check_text(
    doc: Document, path: tuple, text: Mapping[str, str], languages: tuple[str, ...], *, plain: bool
) -> None:
    doc.check_texts(path, text, languages)
    for lang, value in text.items():
        if "<" in value or ">" in value:
            raise doc.error(
                (*path, lang), "HTML is not allowed in texts; remove the < > characters"
            )
        for pattern, problem in _NOT_IN_TEXTS:
            if pattern.search(value):
                raise doc.error((*path, lang), problem)
        targets = _LINK.findall(value)
        if plain and targets:
            raise doc.error((*path, lang), "links are not allowed here; write plain text")
        for target in targets:
            if not _SAFE_TARGET.match(target):
                raise doc.error(
                    (*path, lang),
                    f'the link "{target}" is not allowed; link to a page of this site '
                    "(page.md#section) or to an https:// address",
                )


# The meaning checks. Enumerating every answer path stops working once a question lets the
# reader tick several boxes (8 boxes alone give 255 answers), so the checks search instead:
# questions are answered in order and each rule is simplified as answers come in (an atom
# {q: [options]} becomes true or false once q is answered or skipped). Two partial paths that
# leave the same simplified rules behind have the same futures, so each such state is searched
# once; and of a question's answers, only one per pattern of the atoms still open is tried,
# since the others simplify the rules identically. That makes the search exact (it finds a
# path whenever one exists) and small. tests/unit/test_evaluator.py compares it with plain
# enumeration.

Formula = bool | tuple


def _formula(rule: Rule) -> Formula:
    ((key, value),) = rule.items()
    if key == "always":
        return True
    if key in ("all", "any"):
        return _join("and" if key == "all" else "or", tuple(map(_formula, value)))
    if key == "not":
        return _negate(_formula(value))
    return ("in", key, tuple(value))


def _join(op: str, parts: tuple) -> Formula:
    # Simplify and/or: a decided part decides everything or drops out.
    stop = op == "or"  # the value that decides an "or" is True, an "and" False
    kept = []
    for part in parts:
        if part is stop:
            return stop
        if part is not (not stop):
            kept.append(part)
    if not kept:
        return not stop
    return kept[0] if len(kept) == 1 else (op, tuple(kept))


def _negate(part: Formula) -> Formula:
    return (not part) if isinstance(part, bool) else ("not", part)


@functools.lru_cache(maxsize=1 << 16)
def _answer(formula: Formula, question: str, answer: Answer | None) -> Formula:
    # The formula once `question` is answered with `answer` (None: skipped).
    if isinstance(formula, bool):
        return formula
    op = formula[0]
    if op == "in":
        return _holds(answer, formula[2]) if formula[1] == question else formula
    if op == "not":
        return _negate(_answer(formula[1], question, answer))
    return _join(op, tuple(_answer(part, question, answer) for part in formula[1]))


def _atoms(formula: Formula, question: str, found: set) -> set:
    # The option lists that formula tests `question` against.
    if isinstance(formula, tuple):
        if formula[0] == "in":
            if formula[1] == question:
                found.add(formula[2])
        elif formula[0] == "not":
            _atoms(formula[1], question, found)
        else:
            for part in formula[1]:
                _atoms(part, question, found)
    return found


class _Search:
    """Finds answer paths with a given property, searching each state once (see above)."""

    def __init__(self, criteria: Criteria) -> None:
        self.questions = criteria.questions
        self.choices = [choices(q) for q in self.questions]
        self.asked_if = tuple(_formula(q.get("show_if", {"always": True})) for q in self.questions)
        self.seen: dict[tuple, tuple | None] = {}

    def find(self, target: Formula, want: bool) -> dict[str, Answer] | None:
        """Some path whose answers make `target` come out as `want`, or None."""
        found = self._find(0, self.asked_if, target, want)
        if found is None:
            return None
        ids = [q["id"] for q in self.questions]
        return {q: a for q, a in zip(ids, found, strict=True) if a is not None}

    def _find(self, i: int, asked_if: tuple, target: Formula, want: bool) -> tuple | None:
        if isinstance(target, bool) and target is not want:
            return None  # decided the wrong way: no later answer changes it
        if i == len(self.questions):
            return ()
        key = (i, asked_if, target, want)
        if key in self.seen:
            return self.seen[key]
        if len(self.seen) >= MAX_PATHS:
            raise OverflowError
        qid = self.questions[i]["id"]
        later = asked_if[1:]
        # show_if names earlier questions only, so it is decided by now.
        options = self._distinct(qid, i, (*later, target)) if asked_if[0] is True else [None]
        found = None
        for answer in options:
            rest = self._find(
                i + 1,
                tuple(_answer(f, qid, answer) for f in later),
                _answer(target, qid, answer),
                want,
            )
            if rest is not None:
                found = (answer, *rest)
                break
        self.seen[key] = found
        return found

    def _distinct(self, qid: str, i: int, formulas: tuple) -> list[Answer]:
        # One answer per pattern of the open atoms on this question: the rest are the same.
        atoms: set = set()
        for formula in formulas:
            _atoms(formula, qid, atoms)
        picked: dict[tuple, Answer] = {}
        for answer in self.choices[i]:
            picked.setdefault(tuple(_holds(answer, a) for a in sorted(atoms)), answer)
        return list(picked.values())


def _check_reachable(doc: Document, criteria: Criteria) -> None:
    search = _Search(criteria)
    try:
        whens = [_formula(f["when"]) for f in criteria.factors]
        empty = search.find(_join("or", tuple(whens)), want=False)
        if empty is not None:
            chosen = ", ".join(
                f"{q}={o if isinstance(o, str) else '+'.join(o)}" for q, o in empty.items()
            )
            raise doc.error(
                ("factors",),
                f"the answers {chosen} produce no factor; add a factor whose `when` matches them",
            )
        for qi, question in enumerate(criteria.questions):
            if "show_if" in question and search.find(search.asked_if[qi], want=True) is None:
                raise doc.error(
                    ("questions", qi, "show_if"),
                    f'question "{question["id"]}" is never asked; no earlier answers match show_if',
                )
        for fi, (factor, when) in enumerate(zip(criteria.factors, whens, strict=True)):
            if search.find(when, want=True) is None:
                raise doc.error(
                    ("factors", fi, "when"),
                    f'factor "{factor["id"]}" never appears; no answers match its rule',
                )
    except OverflowError:
        raise doc.error(
            ("questions",),
            f"more than {MAX_PATHS} states to check; split the questions into simpler ones",
        ) from None


def count_paths(criteria: Criteria) -> int:
    """How many complete answer paths there are (counted, not listed)."""
    return _fold(criteria, lambda n, rest: n * rest, sum)


def largest_product(criteria: Criteria, radix: Any) -> int:
    """The largest product of radix(question) over the questions asked on any one path."""
    return _fold(criteria, lambda q, rest: radix(q) * rest, max, per_question=True)


def _fold(criteria: Criteria, step: Any, combine: Any, *, per_question: bool = False) -> int:
    # Walks the questions like _Search, but over all paths: counts or maximises.
    search = _Search(criteria)
    memo: dict[tuple, int] = {}

    def walk(i: int, asked_if: tuple) -> int:
        if i == len(search.questions):
            return 1
        if (i, asked_if) in memo:
            return memo[(i, asked_if)]
        question = search.questions[i]
        later = asked_if[1:]
        if asked_if[0] is not True:
            value = walk(i + 1, tuple(_answer(f, question["id"], None) for f in later))
        else:
            groups: dict[tuple, list] = {}
            for answer in search.choices[i]:
                groups.setdefault(
                    tuple(_answer(f, question["id"], answer) for f in later), []
                ).append(answer)
            value = combine(
                step(question if per_question else len(same), walk(i + 1, rest))
                for rest, same in groups.items()
            )
        memo[(i, asked_if)] = value
        return value

    return walk(0, search.asked_if)


def find_criteria(directory: Path) -> list[Path]:
    """All criteria files in `directory`, in a stable order."""
    return sorted(p for p in directory.glob("*.yml"))
