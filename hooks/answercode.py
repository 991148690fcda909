"""The answer code: one short, versioned, checked code for a whole set of answers.

A reader on the phone reads it out (e.g. PD-07K3Q-M2X); staff open the self-check page with
`#code=…` and see the same summary. Pure Python, no MkDocs imports; docs/assets/checker.js
mirrors it exactly (the tests compare both).

Version 2 of the code:

- Each question asked, in order, adds one digit of a mixed-radix number (the first question is
  the lowest digit). A one-answer question's digit is the index of its option (radix: its
  number of options); a multiple question's digit is the bit mask of its ticked boxes (option
  n is bit n; radix 2 ** options). Which questions are asked depends only on earlier answers,
  so the decoder reads the digits back in the same order.
- The number is written in Crockford's base 32, padded to a fixed length of at least
  MIN_DIGITS, then two characters of version taken from the questions and options: any change
  to them changes the version, and a code made before is refused as older instead of being read
  as the wrong answers.
- Last comes a check character: Damm's algorithm over base 32, with the quasigroup
  x * y = 2x + y in GF(32) (polynomial x^5 + x^2 + 1), which is totally anti-symmetric. So
  any one wrong character, and any swap of two neighbouring ones (the check character
  included), gives "check the code" and never another person's summary.

Version 1 codes (PD-XXXX-VV, before the check character) are recognised by their length and
called older. A version 2 code is never that short (MIN_DIGITS + 3 characters at least), nor
one character away from it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

import criteria as criteria_mod

# Crockford's base 32: no I, L, O or U, which are easy to mishear or misread.
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
MIN_DIGITS = 5
V1_LENGTH = 6  # four digits and two of version, without "PD"
# JavaScript's numbers are exact up to 2 ** 53 (32 ** 10 is 2 ** 50): the decoder reads the
# whole number in one.
MAX_DIGITS = 10
# Read out loud, O sounds like 0 and I or L like 1: accept what the reader meant.
_LOOKALIKE = str.maketrans("OIL", "011")


def version(area: criteria_mod.Criteria) -> str:
    """Two characters that change whenever a question, option or show_if rule changes."""
    shape = [
        [
            q["id"],
            [[o["id"], o.get("exclusive", False)] for o in q["options"]],
            q.get("show_if"),
            q.get("multiple", False),
        ]
        for q in area.questions
    ]
    digest = hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).digest()
    number = int.from_bytes(digest[:2], "big") % (32 * 32)
    return ALPHABET[number // 32] + ALPHABET[number % 32]


def radix(question: Mapping[str, Any]) -> int:
    """How many values the question's digit can take."""
    count = len(question["options"])
    return 2**count if question.get("multiple") else count


def length(area: criteria_mod.Criteria) -> int:
    """How many base-32 digits the largest answer path needs (at least MIN_DIGITS)."""
    largest = criteria_mod.largest_product(area, radix)
    digits = MIN_DIGITS
    while 32**digits < largest:
        digits += 1
    return digits


def check_char(text: str) -> str:
    """The Damm check character of `text` (characters of ALPHABET)."""
    return ALPHABET[_damm(text)]


def _damm(text: str) -> int:
    # Interim digit after each character; with the check character appended it ends at 0.
    interim = 0
    for char in text:
        interim <<= 1
        if interim > 31:
            interim ^= 0b100101  # reduce by x^5 + x^2 + 1
        interim ^= ALPHABET.index(char)
    # The check character k makes 2 * interim + k = 0, so k = 2 * interim.
    interim <<= 1
    return interim ^ 0b100101 if interim > 31 else interim


class Codec:
    """Encodes and decodes the answer codes of one criteria file."""

    def __init__(self, area: criteria_mod.Criteria) -> None:
        self.area = area
        self.version = version(area)
        self.digits = length(area)
        if self.digits > MAX_DIGITS:
            raise ValueError(f"{area.file}: too many answers for one answer code")
        self._options = {q["id"]: [o["id"] for o in q["options"]] for q in area.questions}

    def encode(self, answers: Mapping[str, criteria_mod.Answer]) -> str:
        """The code for `answers` (answers to questions not asked are ignored)."""
        value, weight = 0, 1
        questions = {q["id"]: q for q in self.area.questions}
        for qid in criteria_mod.visible_questions(self.area, answers):
            ids, answer = self._options[qid], answers[qid]
            if questions[qid].get("multiple"):
                digit = sum(1 << ids.index(a) for a in answer)
            else:
                digit = ids.index(answer)
            value += digit * weight
            weight *= radix(questions[qid])
        text = ""
        for _ in range(self.digits):
            text = ALPHABET[value % 32] + text
            value //= 32
        body = text + self.version
        return f"PD-{text}-{self.version}{check_char(body)}"

    def decode(self, code: str) -> tuple[str, dict[str, criteria_mod.Answer]]:
        """("ok", answers); ("old", {}) for a code of an older version; ("invalid", {})."""
        text = re.sub(r"[\s-]", "", str(code).upper())
        text = text.removeprefix("PD").translate(_LOOKALIKE)
        if len(text) == V1_LENGTH and all(c in ALPHABET for c in text):
            return "old", {}
        if not MIN_DIGITS + 3 <= len(text) <= MAX_DIGITS + 3 or any(
            c not in ALPHABET for c in text
        ):
            return "invalid", {}
        if check_char(text[:-1]) != text[-1]:
            return "invalid", {}
        if text[-3:-1] != self.version:
            return "old", {}
        if len(text) != self.digits + 3:
            return "invalid", {}
        value = 0
        for char in text[:-3]:
            value = value * 32 + ALPHABET.index(char)
        answers: dict[str, criteria_mod.Answer] = {}
        for question in self.area.questions:
            if "show_if" in question and not criteria_mod.matches(question["show_if"], answers):
                continue
            ids = self._options[question["id"]]
            digit = value % radix(question)
            value //= radix(question)
            if question.get("multiple"):
                answer = tuple(i for n, i in enumerate(ids) if digit >> n & 1)
                alone = {o["id"] for o in question["options"] if o.get("exclusive")}
                if not answer or (len(answer) > 1 and alone & set(answer)):
                    return "invalid", {}  # no box, or "none" ticked with another
                answers[question["id"]] = answer
            else:
                answers[question["id"]] = ids[digit]
        return ("ok", answers) if value == 0 else ("invalid", {})

    def client_rules(self) -> dict:
        """The browser's rules (Criteria.client_rules) plus what it needs for answer codes."""
        return {
            **self.area.client_rules(),
            "code": {"version": self.version, "digits": self.digits},
        }
