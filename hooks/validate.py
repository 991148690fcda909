"""Check every data file and every criteria file without building the site.

Usage: python hooks/validate.py [criteria/FILE.yml ...]   (default: every file in criteria/)
The data files (data/*.yml) are always checked: the facts, the policy updates and the glossary
with the build's loaders, the others (data/ui.yml …) against their schemas; so are the firm's
details in mkdocs.yml (extra.firm), with the build's own check. Exit status 0 when all are
valid, 1 with one clear message per broken file otherwise.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

import criteria
import facts
import glossary
import pages
import updates
from yamlsource import SourceError, data_files, load_checked

ROOT = Path(__file__).resolve().parent.parent


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV and !!python tags only matter to MkDocs itself."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)


def site_config() -> dict:
    """mkdocs.yml as read here (tagged values are None)."""
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)


def site_languages() -> tuple[str, ...]:
    """The languages the build checks: those of the i18n plugin in mkdocs.yml, default first."""
    config = site_config()
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            langs = plugin["i18n"]["languages"]
            return tuple(x["locale"] for x in sorted(langs, key=lambda x: not x.get("default")))
    return (config.get("theme", {}).get("language", "en"),)


def main(argv: list[str]) -> int:
    """Validate the data files, the firm's details and the named criteria files (or all of
    them) against the facts file, in every language of the site, with the build's loaders and
    checks. Unlike the build, it goes on after an error and reports every broken file."""
    languages = site_languages()
    try:
        site_facts = facts.load(
            ROOT / "data" / "facts.yml", languages=languages, display_name="data/facts.yml"
        )
    except SourceError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"ok: data/facts.yml ({len(site_facts.entries)} facts)")
    failed, words = 0, None
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
                doc = load_checked(path, schema, name)
                words = doc.data if path.name == "ui.yml" else words
                if path.name == "ui.yml" and (problem := pages.missing_words(words, languages)):
                    raise SourceError(name, problem.removeprefix(f"{name}: "))
        except SourceError as err:
            print(f"error: {err}", file=sys.stderr)
            failed += 1
        else:
            if path.name != "facts.yml":
                print(f"ok: {name}{detail}")
    if words is not None:  # the firm's languages are checked against data/ui.yml's names
        firm = (site_config().get("extra") or {}).get("firm")
        try:
            pages.check_firm(firm, languages, pages.language_names(words), words)
        except SourceError as err:
            print(f"error: {err}", file=sys.stderr)
            failed += 1
        else:
            print("ok: mkdocs.yml (extra.firm)")
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
                + (
                    f"; not yet in {', '.join(area.data['untranslated'])}: those pages show "
                    "it in English"
                    if area.data.get("untranslated")
                    else ""
                )
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
