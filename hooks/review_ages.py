"""List every page by how long ago it was last reviewed, oldest first (make review-ages).

Usage: python hooks/review_ages.py [--today YYYY-MM-DD]
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def reviewed_dates(docs: Path) -> list[tuple[str, dt.date]]:
    """(page, reviewed date) for every Markdown page under `docs`, oldest review first."""
    found = []
    for path in sorted(docs.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---", 2)[1]) if text.startswith("---") else {}
        reviewed = (meta or {}).get("reviewed")
        day = reviewed if isinstance(reviewed, dt.date) else dt.date.fromisoformat(str(reviewed))
        found.append((path.relative_to(docs).as_posix(), day))
    return sorted(found, key=lambda item: (item[1], item[0]))


def main(argv: list[str]) -> int:
    """Print a table of pages with their review date and age in days."""
    today = dt.date.fromisoformat(argv[1]) if argv[:1] == ["--today"] else dt.date.today()
    print(f"{'page':<34} {'reviewed':<11} age (days)")
    for page, day in reviewed_dates(ROOT / "docs"):
        print(f"{page:<34} {day.isoformat():<11} {(today - day).days}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
