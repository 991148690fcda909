"""`make build` is all or nothing even when it is killed: stopped after any step of its
recipe, the last good site is still there (in site/ or, between the two renames, in
.site.old), and the next build puts it back before anything else, even when that build
fails. MkDocs is replaced by a stand-in that writes a one-line site (or fails), so each
step costs milliseconds; the recipe itself is the Makefile's, read with `make -n`."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from helpers import ROOT

OLD, NEW = "the last good site", "the new site"


def _stand_in(folder: Path, *, builds: bool) -> None:
    """A stand-in for the virtual environment's Python: it "builds" (writes .site.new) or
    fails, as MkDocs would."""
    python = folder / "venv" / "bin" / "python"
    python.parent.mkdir(parents=True, exist_ok=True)
    body = f'mkdir -p .site.new && printf "{NEW}" > .site.new/index.html' if builds else "exit 1"
    python.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    python.chmod(0o755)
    (folder / "venv" / ".installed").touch()


def _project(folder: Path) -> dict[str, str]:
    """A folder with the Makefile, a previous good site/ and a stand-in that builds; the
    environment make needs."""
    shutil.copy(ROOT / "Makefile", folder / "Makefile")
    (folder / "site").mkdir()
    (folder / "site" / "index.html").write_text(OLD, encoding="utf-8")
    _stand_in(folder, builds=True)
    return {**os.environ, "SITE_URL": "https://example.org/"}


def _make(folder: Path, env: dict[str, str], *flags: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", *flags, "build", "VENV=venv", "-o", "venv/.installed"],
        cwd=folder, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def _steps(folder: Path, env: dict[str, str]) -> list[str]:
    printed = _make(folder, env, "-n").stdout.splitlines()
    return [line for line in printed if line.strip()]


def test_the_recipe_has_the_steps_this_test_stops_between(tmp_path: Path) -> None:
    steps = _steps(tmp_path, _project(tmp_path))
    assert any("mv site .site.old" in s for s in steps)
    assert any("mv .site.new site" in s for s in steps)
    assert any("mv .site.old site" in s for s in steps[:1]), "the restore must come first"


@pytest.mark.parametrize("stopped_after", range(8))
def test_a_build_killed_after_any_step_loses_nothing(tmp_path: Path, stopped_after: int) -> None:
    env = _project(tmp_path)
    steps = _steps(tmp_path, env)
    if stopped_after > len(steps):
        pytest.skip(f"the recipe has {len(steps)} steps")
    for step in steps[:stopped_after]:  # the build, killed after this many steps
        subprocess.run(["sh", "-c", step], cwd=tmp_path, env=env, check=False)
    kept = [p / "index.html" for p in (tmp_path / "site", tmp_path / ".site.old")]
    assert any(p.exists() for p in kept), f"no good site left after {stopped_after} steps"
    # The next build fails: the site readers get is still a whole one, in site/.
    _stand_in(tmp_path, builds=False)
    failed = _make(tmp_path, env)
    assert failed.returncode != 0
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") in (OLD, NEW)
    assert not (tmp_path / ".site.new").exists()
