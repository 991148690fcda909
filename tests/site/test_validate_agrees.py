"""`make validate` and the build give the same one-line verdict on every edit of a data file
(data/*.yml, criteria/*.yml, the firm's details in mkdocs.yml) in the hostile-edit corpus.

Both run in process, on a copy of the site's data sources with the edit made: validate.main, and
the build's loading step (MkDocs reads the copy's mkdocs.yml, then the hook's on_config,
which loads the data with sitedata.load as every build does).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from test_hostile_edits import CORPUS

import sitedata
import validate
from helpers import ROOT

DATA_PARTS = ("data", "criteria")
OTHER_PARTS = ("docs", "overrides")
# Which corpus cases edit a data file is worked out from what each edit changes (below);
# these prefixes name the cases that must be among them, so that none is left out unseen.
DATA_CASES = ("facts-", "ui-", "updates-", "glossary-", "criteria-", "data-")


def data_sources(folder: Path) -> Path:
    """A copy of the data sources the corpus edits: data/, criteria/ and mkdocs.yml (hooks/
    is a link: MkDocs loads the hook from there)."""
    for part in DATA_PARTS:
        shutil.copytree(ROOT / part, folder / part)
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "hooks").symlink_to(ROOT / "hooks")
    return folder


def files(folder: Path, part: str) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): (
            str(p.readlink()).encode() if p.is_symlink() else p.read_bytes()
        )
        for p in sorted((folder / part).rglob("*"))
        if p.is_symlink() or p.is_file()
    }


def without_firm(folder: Path) -> object:
    config = sitedata.site_config(folder)
    (config.get("extra") or {}).pop("firm", None)
    return config


def edits_data_only(before: Path, after: Path) -> bool:
    """Whether the edit changed data files, criteria files or the firm's details, and
    nothing else (no page, no other setting of mkdocs.yml)."""
    if any(files(before, part) != files(after, part) for part in OTHER_PARTS):
        return False
    config_changed = (before / "mkdocs.yml").read_bytes() != (after / "mkdocs.yml").read_bytes()
    try:
        if config_changed and without_firm(before) != without_firm(after):
            return False
    except Exception:  # noqa: BLE001 (mkdocs.yml no longer reads: MkDocs' own message)
        return False
    return config_changed or any(files(before, p) != files(after, p) for p in DATA_PARTS)


@pytest.fixture(scope="module")
def data_edits(tmp_path_factory) -> dict[str, Path]:
    """Every corpus edit that touches only data, each made on its own copy of the data
    sources. An edit that needs a page or a template fails there (no such file) or adds one:
    not a data edit. The pages and templates of a data edit's copy are then links to the
    project's own, which nothing changes any more."""
    base = tmp_path_factory.mktemp("agree")
    pristine = data_sources(base / "pristine")
    found = {}
    for name, (edit, _) in CORPUS.items():
        folder = data_sources(base / name)
        try:
            edit(folder)
        except FileNotFoundError:
            continue
        if edits_data_only(pristine, folder):
            for part in OTHER_PARTS:
                (folder / part).symlink_to(ROOT / part)
            found[name] = folder
    return found


def test_every_data_file_edit_is_compared(data_edits) -> None:
    expected = {name for name in CORPUS if name.startswith(DATA_CASES)} | {"mkdocs-phone"}
    assert expected <= set(data_edits), sorted(expected - set(data_edits))
    assert not {name for name in data_edits if name.startswith(("fm-", "page-", "template-"))}


def build_verdict(folder: Path) -> list[str]:
    """What the build's loading step says about the sources in `folder` (no line: fine)."""
    os.environ.setdefault("SITE_URL", "https://example.org/")
    config = load_config(str(folder / "mkdocs.yml"))
    hook = config.plugins["hooks/site.py"]
    try:
        hook.on_config(config)
    except PluginError as err:
        return [str(err)]
    return []


def validate_verdict(folder: Path, monkeypatch, capsys) -> list[str]:
    monkeypatch.setattr(validate, "ROOT", folder)
    capsys.readouterr()
    status = validate.main([])
    said = capsys.readouterr().err.splitlines()
    assert status == (1 if said else 0)
    return [line.removeprefix("error: ") for line in said]


def test_validate_and_the_build_give_the_same_one_line(data_edits, monkeypatch, capsys) -> None:
    differ = {}
    for name, folder in data_edits.items():
        said = validate_verdict(folder, monkeypatch, capsys)
        refused = build_verdict(folder)
        if len(refused) != 1 or said != refused:
            differ[name] = {"validate": said, "build": refused}
    assert not differ, differ
