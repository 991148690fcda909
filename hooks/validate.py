"""Check the facts file and every criteria file without building the site.

Usage: python hooks/validate.py [criteria/FILE.yml ...]   (default: every file in criteria/)
Exit status 0 when all are valid, 1 with one clear message per broken file otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

import criteria
import facts
from yamlsource import SourceError

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    """Validate the named criteria files (or all of them) against the facts file."""
    try:
        site_facts = facts.load(ROOT / "data" / "facts.yml", display_name="data/facts.yml")
    except SourceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    paths = [Path(a) for a in argv] or criteria.find_criteria(ROOT / "criteria")
    failed = 0
    for path in paths:
        try:
            name = (
                str(path.resolve().relative_to(ROOT))
                if path.resolve().is_relative_to(ROOT)
                else str(path)
            )
            area = criteria.load(path, fact_ids=site_facts.ids, display_name=name)
        except SourceError as err:
            print(f"error: {err}", file=sys.stderr)
            failed += 1
        else:
            count = sum(1 for _ in criteria.answer_paths(area))
            print(
                f"ok: {name} ({len(area.questions)} questions, {len(area.factors)} factors, "
                f"{count} answer paths)"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
