"""Check every data file and every criteria file without building the site.

Usage: python hooks/validate.py [criteria/FILE.yml ...]   (default: every file in criteria/)
The data files (data/*.yml) are always checked: the facts and the policy updates as the build
reads them, the others (data/ui.yml …) against their schemas. Exit status 0 when all are
valid, 1 with one clear message per broken file otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

import criteria
import facts
import glossary
import updates
from yamlsource import SourceError, data_files, load_checked

ROOT = Path(__file__).resolve().parent.parent


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV and !!python tags only matter to MkDocs itself."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def site_languages() -> tuple[str, ...]:
    """The languages the build checks: those of the i18n plugin in mkdocs.yml, default first."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            langs = plugin["i18n"]["languages"]
            return tuple(x["locale"] for x in sorted(langs, key=lambda x: not x.get("default")))
    return (config.get("theme", {}).get("language", "en"),)


def main(argv: list[str]) -> int:
    """Validate the named criteria files (or all of them) against the facts file, in every
    language of the site, exactly as the build does."""
    languages = site_languages()
    try:
        site_facts = facts.load(
            ROOT / "data" / "facts.yml", languages=languages, display_name="data/facts.yml"
        )
    except SourceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"ok: data/facts.yml ({len(site_facts.entries)} facts)")
    failed = 0
    try:
        found = data_files(ROOT / "data", ROOT / "data")
    except SourceError as err:
        print(f"error: {err}", file=sys.stderr)
        found, failed = [], 1
    for path, schema in found:
        name, detail = f"data/{path.name}", ""
        try:
            if path.name == "updates.yml":
                updates.load(path, fact_ids=site_facts.ids, languages=languages, display_name=name)
            elif path.name == "glossary.yml":
                terms = glossary.load(
                    path, fact_ids=site_facts.ids, languages=languages, display_name=name
                )
                detail = f" ({len(terms.terms)} terms)"
            elif path.name != "facts.yml":
                load_checked(path, schema, name)
        except SourceError as err:
            print(f"error: {err}", file=sys.stderr)
            failed += 1
        else:
            if path.name != "facts.yml":
                print(f"ok: {name}{detail}")
    paths = [Path(a) for a in argv] or criteria.find_criteria(ROOT / "criteria")
    for path in paths:
        try:
            name = (
                str(path.resolve().relative_to(ROOT))
                if path.resolve().is_relative_to(ROOT)
                else str(path)
            )
            area = criteria.load(
                path, fact_ids=site_facts.ids, languages=languages, display_name=name
            )
        except SourceError as err:
            print(f"error: {err}", file=sys.stderr)
            failed += 1
        else:
            count = criteria.count_paths(area)
            print(
                f"ok: {name} ({len(area.questions)} questions, {len(area.factors)} factors, "
                f"{count} answer paths)"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
