"""Check the facts file, the glossary and every criteria file without building the site.

Usage: python hooks/validate.py [criteria/FILE.yml ...]   (default: every file in criteria/)
Exit status 0 when all are valid, 1 with one clear message per broken file otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

import criteria
import facts
import glossary
from yamlsource import SourceError

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "data" / "glossary.yml"  # optional: a site may have no glossary


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
    failed = 0
    if GLOSSARY.exists():
        try:
            terms = glossary.load(
                GLOSSARY,
                fact_ids=site_facts.ids,
                languages=languages,
                display_name="data/glossary.yml",
            )
        except SourceError as err:
            print(f"error: {err}", file=sys.stderr)
            failed += 1
        else:
            print(f"ok: data/glossary.yml ({len(terms.terms)} terms)")
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
            count = len(criteria.answer_paths(area))
            print(
                f"ok: {name} ({len(area.questions)} questions, {len(area.factors)} factors, "
                f"{count} answer paths)"
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
