"""Rules for page front matter and the firm's details. Pure Python, no MkDocs imports."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from facts import format_date
from yamlsource import SourceError

DESCRIPTION_LENGTH = (50, 160)
FIRM_REQUIRED = ("name", "city", "phone", "cta")


def check_meta(meta: dict[str, Any], src: str, today: dt.date) -> dict[str, str]:
    """Check a page's front matter; return the normalised review date and its display text."""
    where = f"docs/{src}"
    for field in ("title", "description", "reviewed"):
        if not str(meta.get(field) or "").strip():
            raise SourceError(where, f'front matter has no "{field}"; add {field}: … at the top')
    low, high = DESCRIPTION_LENGTH
    length = len(str(meta["description"]).strip())
    if not low <= length <= high:
        raise SourceError(
            where, f"description is {length} characters; write {low} to {high}", path="description"
        )
    reviewed = meta["reviewed"]
    try:
        day = reviewed if isinstance(reviewed, dt.date) else dt.date.fromisoformat(str(reviewed))
    except ValueError:
        raise SourceError(
            where, f'"{reviewed}" is not a date; write YYYY-MM-DD', path="reviewed"
        ) from None
    if day > today:
        raise SourceError(
            where, f"{day} is in the future; use the day the page was reviewed", path="reviewed"
        )
    return {"reviewed": day.isoformat(), "reviewed_text": format_date(day.isoformat())}


def check_firm(firm: dict[str, Any] | None) -> dict[str, Any]:
    """Check extra.firm in mkdocs.yml; return it with a tel: number derived from the phone."""
    if not isinstance(firm, dict):
        raise SourceError("mkdocs.yml", "extra.firm is missing; add the firm's details there")
    for field in FIRM_REQUIRED:
        if not str(firm.get(field) or "").strip():
            raise SourceError("mkdocs.yml", f"extra.firm.{field} is empty; fill it in")
    digits = re.sub(r"\D", "", str(firm["phone"]))
    if len(digits) == 10:
        digits = "1" + digits
    if len(digits) != 11 or not digits.startswith("1"):
        raise SourceError(
            "mkdocs.yml", f'extra.firm.phone "{firm["phone"]}" is not a US number like 305-373-5385'
        )
    return {**firm, "tel": "+" + digits}


_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')


def tidy_theme_html(html: str) -> str:
    """Remove what the theme emits but the HTML standard forbids: autocomplete on checkboxes."""
    return _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
