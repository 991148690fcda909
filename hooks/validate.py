"""Check every data file and every criteria file without building the site.

Usage: python hooks/validate.py [criteria/FILE.yml ...]   (default: every file in criteria/)
The data files (data/*.yml) and the firm's details in mkdocs.yml (extra.firm) are always
checked, by the loader the build uses (sitedata.py): the same edit gets the same one-line
verdict from both. Exit status 0 when all are valid, 1 with one clear message per broken file
otherwise.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import sitedata
from yamlsource import SourceError

ROOT = Path(__file__).resolve().parent.parent


def site_config() -> dict[str, Any]:
    """mkdocs.yml as read here (tagged values are None)."""
    return sitedata.site_config(ROOT)


def site_languages() -> tuple[str, ...]:
    """The languages the build checks: those of the i18n plugin in mkdocs.yml, default first."""
    return sitedata.site_languages(site_config())


def main(argv: list[str]) -> int:
    """Check the data files, the firm's details and the named criteria files (or all of
    them) with the build's own loader (sitedata), in every language of the site. Unlike the
    build, it goes on after an error and reports every broken file; a part that needs a
    broken one (every part needs the facts) is left out."""
    try:
        config = site_config()
    except SourceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    got: dict[str, Any] = {}
    failed = 0
    for part in sitedata.parts(
        ROOT,
        sitedata.site_languages(config),
        dt.date.today(),
        firm=(config.get("extra") or {}).get("firm"),
        criteria_files=[Path(a) for a in argv] or None,
    ):
        if any(need not in got for need in part.needs):
            continue
        try:
            got[part.key] = part.run(got)
        except SourceError as err:
            print(f"error: {err}", file=sys.stderr)
            failed += 1
        else:
            print(f"ok: {part.name}{part.summary(got[part.key])}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
