"""The answer code: one short, versioned code for a whole set of answers (e.g. PD-07K3-M2).

A reader on the phone reads it out; staff open the self-check page with `#code=…` and see the
same summary. Pure Python, no MkDocs imports; docs/assets/checker.js mirrors it exactly (the
tests compare both on every answer path).

Each question asked, in order, adds the index of its option as one digit of a mixed-radix
number whose radix is that question's number of options (the first question is the lowest
digit). Which questions are asked depends only on earlier answers, so the decoder reads the
digits back in the same order. The number is written in Crockford's base 32, padded to a fixed
length, and followed by a two-character version taken from the questions and options: any
change to them changes the version, and an older code is then refused as older instead of
being read as the wrong answers.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Mapping

import criteria as criteria_mod

# Crockford's base 32: no I, L, O or U, which are easy to mishear or misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
MIN_DIGITS = 4
# Read out loud, O sounds like 0 and I or L like 1: accept what the reader meant.
_LOOKALIKE = str.maketrans("OIL", "011")


def version(area: criteria_mod.Criteria) -> str:
    """Two characters that change whenever a question, option or show_if rule changes."""
    shape = [[q["id"], [o["id"] for o in q["options"]], q.get("show_if")] for q in area.questions]
    digest = hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).digest()
    number = int.from_bytes(digest[:2], "big") % (32 * 32)
    return ALPHABET[number // 32] + ALPHABET[number % 32]


def length(area: criteria_mod.Criteria) -> int:
    """How many base-32 digits the largest answer path needs (at least MIN_DIGITS)."""
    sizes = [len(q["options"]) for q in area.questions]
    largest = max(
        math.prod(size for size, chosen in zip(sizes, row, strict=True) if chosen is not None)
        for row in criteria_mod.path_rows(area)
    )
    digits = MIN_DIGITS
    while 32**digits < largest:
        digits += 1
    return digits


class Codec:
    """Encodes and decodes the answer codes of one criteria file."""

    def __init__(self, area: criteria_mod.Criteria) -> None:
        self.area = area
        self.version = version(area)
        self.digits = length(area)
        self._options = {q["id"]: [o["id"] for o in q["options"]] for q in area.questions}

    def encode(self, answers: Mapping[str, str]) -> str:
        """The code for `answers` (answers to questions not asked are ignored)."""
        value, weight = 0, 1
        for qid in criteria_mod.visible_questions(self.area, answers):
            value += self._options[qid].index(answers[qid]) * weight
            weight *= len(self._options[qid])
        text = ""
        for _ in range(self.digits):
            text = ALPHABET[value % 32] + text
            value //= 32
        return f"PD-{text}-{self.version}"

    def decode(self, code: str) -> tuple[str, dict[str, str]]:
        """("ok", answers), ("old", {}) for a code of another version, or ("invalid", {})."""
        text = re.sub(r"[\s-]", "", code.upper())
        text = text.removeprefix("PD").translate(_LOOKALIKE)
        if len(text) < 3 or any(c not in ALPHABET for c in text):
            return "invalid", {}
        if text[-2:] != self.version:
            return "old", {}
        if len(text) != self.digits + 2:
            return "invalid", {}
        value = 0
        for char in text[:-2]:
            value = value * 32 + ALPHABET.index(char)
        answers: dict[str, str] = {}
        for question in self.area.questions:
            if "show_if" in question and not criteria_mod.matches(question["show_if"], answers):
                continue
            ids = self._options[question["id"]]
            answers[question["id"]] = ids[value % len(ids)]
            value //= len(ids)
        return ("ok", answers) if value == 0 else ("invalid", {})

    def client_rules(self) -> dict:
        """The browser's rules (Criteria.client_rules) plus what it needs for answer codes."""
        return {
            **self.area.client_rules(),
            "code": {"version": self.version, "digits": self.digits},
        }
