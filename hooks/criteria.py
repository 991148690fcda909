"""Criteria files: load, validate, evaluate. Pure Python, no MkDocs imports.

A criteria file lists questions and factors; each factor has a `when` rule over the answers.
The rule language is deliberately tiny and mirrored exactly by docs/assets/checker.js:

    {all: [rule, ...]}   every rule matches          {not: rule}    the rule does not match
    {any: [rule, ...]}   at least one rule matches   {always: true} always matches
    {question-id: [option-id, ...]}   the question was asked and answered with one of these
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yamlsource import Document, SourceError, check_schema, load_yaml

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "criteria" / "schema.json"
KINDS = ("urgent", "helps", "complicates", "information")
OPERATORS = ("all", "any", "not", "always")
# Enumerating every answer path proves reachability; past this many the file is too
# tangled for a reader anyway, so say so instead of hanging the build.
MAX_PATHS = 200_000

CriteriaError = SourceError
Rule = Mapping[str, Any]
Answers = Mapping[str, str]


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
    return answers.get(key) in value


def effective_answers(criteria: Criteria, answers: Answers) -> dict[str, str]:
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


def answer_paths(criteria: Criteria, limit: int | None = None) -> list[dict[str, str]]:
    """Every complete set of answers a reader can give, one per path through the questions,
    the first question varying slowest. With `limit`, stop once there are more than that."""
    ids = [q["id"] for q in criteria.questions]
    return [_answers(ids, row) for row in path_rows(criteria, limit)]


def path_rows(criteria: Criteria, limit: int | None = None) -> list[tuple[str | None, ...]]:
    """Every answer path as a row of option ids, one per question (None: not asked)."""
    # Tuples are much cheaper to grow than dicts, and their columns come out in one zip.
    ids = [q["id"] for q in criteria.questions]
    rows: list[tuple[str | None, ...]] = [()]
    for question in criteria.questions:
        asked_if = question.get("show_if")
        options = [o["id"] for o in question["options"]]
        grown: list[tuple[str | None, ...]] = []
        for row in rows:
            if asked_if is not None and not matches(asked_if, _answers(ids, row)):
                grown.append((*row, None))
            else:
                grown.extend([(*row, option) for option in options])
        rows = grown
        if limit is not None and len(rows) > limit:
            break  # a path never splits into fewer, so the final count is over the limit too
    return rows


def _answers(ids: list[str], row: tuple[str | None, ...]) -> dict[str, str]:
    # While the paths grow, a row is shorter than ids: it covers the questions so far.
    return {q: option for q, option in zip(ids, row, strict=False) if option is not None}


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
    try:
        as_of = dt.date.fromisoformat(data["as_of"])
    except ValueError:
        raise doc.error(("as_of",), f'"{data["as_of"]}" is not a real date') from None
    if as_of > today:
        raise doc.error(("as_of",), f"{as_of} is in the future; use the date policy was checked")
    languages = _translated(doc, languages)
    _check_text(doc, ("title",), data["title"], languages, plain=True)
    _check_unique(doc, "questions")
    _check_unique(doc, "factors")
    for i, fact in enumerate(data["sources"]):
        _check_fact(doc, ("sources", i), fact, fact_ids)
    options: dict[str, list[str]] = {}
    for qi, question in enumerate(data["questions"]):
        base = ("questions", qi)
        _check_unique(doc, *base, "options")
        if "show_if" in question:
            _check_rule(doc, (*base, "show_if"), question["show_if"], options)
        options[question["id"]] = [o["id"] for o in question["options"]]
        for field in ("text", "hint", "why"):
            if field in question:
                _check_text(doc, (*base, field), question[field], languages, plain=True)
        for oi, option in enumerate(question["options"]):
            _check_text(doc, (*base, "options", oi, "text"), option["text"], languages, plain=True)
    for fi, factor in enumerate(data["factors"]):
        base = ("factors", fi)
        _check_rule(doc, (*base, "when"), factor["when"], options)
        for i, fact in enumerate(factor["sources"]):
            _check_fact(doc, (*base, "sources", i), fact, fact_ids)
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


def _check_unique(doc: Document, *path: str | int) -> None:
    items = doc.data
    for key in path:
        items = items[key]
    seen: set[str] = set()
    for i, item in enumerate(items):
        if item["id"] in seen:
            raise doc.error((*path, i, "id"), f'"{item["id"]}" is used twice; give each a new id')
        seen.add(item["id"])


def _check_fact(doc: Document, path: tuple, fact: str, fact_ids: set[str]) -> None:
    if fact not in fact_ids:
        raise doc.error(path, f'no fact has id "{fact}"; use an id from data/facts.yml')


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
    for lang in languages:
        if not text.get(lang, "").strip():
            raise doc.error((*path, lang), f'the "{lang}" text is missing or empty; write it')
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


def rule_masks(rules: Sequence[Rule], paths: Sequence[Answers]) -> list[int]:
    """For each rule, the answer paths where it holds, as a bit mask (bit i is paths[i]).

    Same meaning as `matches`, but whole sets of paths are combined with integer and/or/not,
    so a site with many criteria files still builds in seconds."""
    columns = {
        question: list(map(operator.methodcaller("get", question), paths))
        for question in set().union(*paths)
    }
    return _masks(rules, columns, len(paths))


def _masks(
    rules: Sequence[Rule], columns: dict[str, Sequence[str | None]], count: int
) -> list[int]:
    # columns: for each question, the option each path chose (None: not asked).
    chosen: dict[tuple[str, str], int] = {}
    for question, answered in columns.items():
        # One byte per path names the option chosen (0: not asked); an option's mask is then
        # read in one go, bit i from byte i (so the bytes are reversed). map() keeps the
        # per-path work out of Python's loop: a site may have a hundred of these files.
        code = {option: n for n, option in enumerate(sorted(set(answered) - {None}), start=1)}
        code[None] = 0
        column = bytes(map(code.__getitem__, answered))[::-1]
        for option, n in code.items():
            if option is not None:
                table = bytes(49 if byte == n else 48 for byte in range(256))  # "1" / "0"
                chosen[(question, option)] = int(column.translate(table), 2)
    every = (1 << count) - 1

    def mask(rule: Rule) -> int:
        ((key, value),) = rule.items()
        if key == "always":
            return every
        if key == "all":
            return functools.reduce(operator.and_, map(mask, value), every)
        if key == "any":
            return functools.reduce(operator.or_, map(mask, value), 0)
        if key == "not":
            return every & ~mask(value)
        return functools.reduce(operator.or_, (chosen.get((key, o), 0) for o in value), 0)

    return [mask(rule) for rule in rules]


def _check_reachable(doc: Document, criteria: Criteria) -> None:
    rows = path_rows(criteria, limit=MAX_PATHS)
    if len(rows) > MAX_PATHS:
        raise doc.error(
            ("questions",),
            f"more than {MAX_PATHS} answer paths; split the questions into simpler ones",
        )
    # A path holds only the questions asked, so it already is its own effective answers.
    ids = [q["id"] for q in criteria.questions]
    columns = dict(zip(ids, zip(*rows, strict=True), strict=True))
    masks = _masks([f["when"] for f in criteria.factors], columns, len(rows))
    empty = ((1 << len(rows)) - 1) & ~functools.reduce(operator.or_, masks, 0)
    if empty:
        first = _answers(ids, rows[(empty & -empty).bit_length() - 1])
        chosen = ", ".join(f"{q}={o}" for q, o in first.items())
        raise doc.error(
            ("factors",),
            f"the answers {chosen} produce no factor; add a factor whose `when` matches them",
        )
    asked = {question for question, answered in columns.items() if set(answered) != {None}}
    for qi, question in enumerate(criteria.questions):
        if question["id"] not in asked:
            raise doc.error(
                ("questions", qi, "show_if"),
                f'question "{question["id"]}" is never asked; no earlier answers match show_if',
            )
    for fi, (factor, where) in enumerate(zip(criteria.factors, masks, strict=True)):
        if not where:
            raise doc.error(
                ("factors", fi, "when"),
                f'factor "{factor["id"]}" never appears; no answers match its rule',
            )


def find_criteria(directory: Path) -> list[Path]:
    """All criteria files in `directory`, in a stable order."""
    return sorted(p for p in directory.glob("*.yml"))
