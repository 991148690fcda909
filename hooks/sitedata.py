"""Everything the site is built from besides its pages: the facts, the words of data/ui.yml,
the policy updates, the glossary, every other data file, the firm's details (mkdocs.yml,
extra.firm) and every criteria file. One loader, used by the build (site.py, on_config) and
by `make validate` (validate.py), so that the two cannot disagree about an edit.

Pure Python, no MkDocs imports. The build stops at the first problem (`load`); validate goes
on after one and reports every broken file (`parts`, each part checked on its own).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

import criteria
import facts
import glossary
import pages
import updates
from yamlsource import (
    CONFIG_TOO_DEEP,
    FAST_LOADER,
    SourceError,
    load_checked,
    read_source,
    read_yaml,
)

# The schemas live with the code that reads the data (as facts.py's and updates.py's do).
SCHEMAS = Path(__file__).resolve().parent.parent / "data"
# Data files with a loader of their own, which checks their schema and more.
OWN_LOADERS = ("facts.yml", "updates.yml", "ui.yml", "glossary.yml")


@dataclass(frozen=True)
class SiteData:
    """The checked data of one build, in every language of the site (the default first)."""

    languages: tuple[str, ...]
    today: dt.date
    facts: facts.Facts
    ui: dict[str, dict[str, Any]]  # data/ui.yml: the words of each language
    areas: dict[str, criteria.Criteria]  # criteria file name (its id) -> the checked file
    firm: dict[str, Any]  # extra.firm as pages.check_firm returns it (with its tel: number)
    updates: list[dict[str, Any]]  # newest first; none when the site has no data/updates.yml
    glossary: glossary.Glossary | None  # None when the site has no data/glossary.yml

    @property
    def checker_page(self) -> str:
        """The page of the first self-check ("" when there is none)."""
        return next(iter(self.areas.values())).data["page"] if self.areas else ""


@dataclass(frozen=True)
class Part:
    """One thing to check: `run` takes what the parts it `needs` gave and returns what it
    loaded; `summary` says in a few words what a good one holds (for validate's "ok:" line)."""

    key: str
    name: str
    run: Callable[[dict[str, Any]], Any]
    needs: tuple[str, ...] = ()
    summary: Callable[[Any], str] = lambda _: ""


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, whose !ENV and !!python tags only matter to MkDocs itself."""


class _FastAnyTagLoader(FAST_LOADER):
    """The same, parsed by libyaml (see yamlsource.read_yaml)."""


for _loader in (_AnyTagLoader, _FastAnyTagLoader):
    _loader.add_multi_constructor("", lambda loader, suffix, node: None)
    _loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def site_config(root: Path) -> dict[str, Any]:
    """mkdocs.yml as read without MkDocs (tagged values are None), or SourceError."""
    text = read_source(root / "mkdocs.yml", "mkdocs.yml")
    return read_yaml(
        "mkdocs.yml",
        lambda loader: yaml.load(text, Loader=loader),
        (_FastAnyTagLoader, _AnyTagLoader),
        too_deep=CONFIG_TOO_DEEP,
    )


def site_languages(config: dict[str, Any]) -> tuple[str, ...]:
    """The languages of the i18n plugin in mkdocs.yml (read by site_config), default first."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            langs = plugin["i18n"]["languages"]
            return tuple(x["locale"] for x in sorted(langs, key=lambda x: not x.get("default")))
    return (config.get("theme", {}).get("language", "en"),)


def parts(
    root: Path,
    languages: tuple[str, ...],
    today: dt.date,
    *,
    firm: Any,
    criteria_files: list[Path] | None = None,
) -> Iterator[Part]:
    """What the site's data is made of, in the order it is checked: every later part needs
    the facts; the firm's details need data/ui.yml's language names."""
    root = root.resolve()
    data = root / "data"

    def name_of(path: Path) -> str:
        where = path.resolve()
        return where.relative_to(root).as_posix() if where.is_relative_to(root) else str(path)

    yield Part(
        "facts",
        "data/facts.yml",
        lambda _: _facts(read_source(data / "facts.yml", "data/facts.yml"), languages, today),
        summary=lambda got: f" ({len(got.entries)} facts)",
    )
    words = Part("ui", "data/ui.yml", lambda _: _words(data / "ui.yml", languages))
    for path in sorted(data.glob("*.yml")):
        name = f"data/{path.name}"
        if path.name == "ui.yml":
            yield words
        elif path.name == "updates.yml":  # optional, like the glossary: a site may post none
            yield Part(
                "updates",
                name,
                lambda got, path=path, name=name: updates.load(
                    path,
                    fact_ids=got["facts"].ids,
                    languages=languages,
                    today=today,
                    display_name=name,
                ),
                needs=("facts",),
            )
        elif path.name == "glossary.yml":
            yield Part(
                "glossary",
                name,
                lambda got, path=path, name=name: glossary.load(
                    path, fact_ids=got["facts"].ids, languages=languages, display_name=name
                ),
                needs=("facts",),
                summary=lambda got: f" ({len(got.terms)} terms)",
            )
        elif path.name not in OWN_LOADERS:  # other data: its schema
            yield Part(name, name, lambda _, path=path, name=name: _schema_only(path, name))
    if not (data / "ui.yml").exists():
        yield words  # which says that the file is missing
    yield Part(
        "firm",
        "mkdocs.yml (extra.firm)",
        lambda got: pages.check_firm(firm, languages, pages.language_names(got["ui"]), got["ui"]),
        needs=("ui",),
    )
    for path in criteria_files or criteria.find_criteria(root / "criteria"):
        name = name_of(path)
        yield Part(
            f"criteria:{path.stem}",
            name,
            lambda got, path=path, name=name: _criteria(
                path, path.stat().st_mtime_ns, frozenset(got["facts"].ids), languages, today, name
            ),
            needs=("facts",),
            summary=_criteria_summary,
        )


def load(
    root: Path,
    languages: tuple[str, ...],
    today: dt.date,
    *,
    firm: Any = None,
) -> SiteData:
    """Every data file, the firm's details and every criteria file, checked: the build's
    data. `firm` is extra.firm as MkDocs read it (by default, as site_config reads it).
    Raises SourceError for the first problem."""
    if firm is None:
        firm = (site_config(root).get("extra") or {}).get("firm")
    got: dict[str, Any] = {}
    for part in parts(root, languages, today, firm=firm):
        got[part.key] = part.run(got)
    return assemble(got, languages, today)


def assemble(got: dict[str, Any], languages: tuple[str, ...], today: dt.date) -> SiteData:
    """The SiteData of every part's result, by the part's key (see `parts`)."""
    return SiteData(
        languages=languages,
        today=today,
        facts=got["facts"],
        ui=got["ui"],
        areas={
            key.removeprefix("criteria:"): v for key, v in got.items() if key[:9] == "criteria:"
        },
        firm=got["firm"],
        updates=got.get("updates", []),
        glossary=got.get("glossary"),
    )


def _words(path: Path, languages: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    words = load_checked(path, SCHEMAS / "ui.schema.json", "data/ui.yml").data
    if problem := pages.missing_words(words, languages):
        raise SourceError("data/ui.yml", problem.removeprefix("data/ui.yml: "))
    return words


def _schema_only(path: Path, name: str) -> None:
    schema = SCHEMAS / f"{path.stem}.schema.json"
    if not schema.exists():
        raise SourceError(name, f"has no schema; add data/{schema.name} describing its fields")
    load_checked(path, schema, name)


@functools.lru_cache(maxsize=8)
def _facts(text: str, languages: tuple[str, ...], today: dt.date) -> facts.Facts:
    # The largest file (about 300 KB), the same on every `mkdocs serve` rebuild and on the
    # tests' many copies of the site: check the same text once.
    return facts.parse(text, "data/facts.yml", languages=languages, today=today)


@functools.lru_cache(maxsize=256)
def _criteria(
    path: Path,
    mtime_ns: int,
    fact_ids: frozenset[str],
    languages: tuple[str, ...],
    today: dt.date,
    name: str,
) -> criteria.Criteria:
    # `mkdocs serve` rebuilds with the same files: check an unchanged file once. The
    # modification time is part of the key, so a saved file is checked again.
    return criteria.load(
        path, fact_ids=set(fact_ids), languages=languages, today=today, display_name=name
    )


def _criteria_summary(area: criteria.Criteria) -> str:
    pending = area.data.get("untranslated")
    return (
        f" ({len(area.questions)} questions, {len(area.factors)} factors, "
        f"{criteria.count_paths(area)} answer paths)"
        + (f"; not yet in {', '.join(pending)}: those pages show it in English" if pending else "")
    )
