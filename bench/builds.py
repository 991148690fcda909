"""Build sites in child processes and measure them: wall time and peak memory."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# Copying the project is the tests' own helper (tests/helpers.py), so both copy alike.
sys.path.insert(0, str(ROOT / "tests"))
from helpers import copy_site  # noqa: E402

CRITERIA_MARKER = re.compile(r"<!--\s*criteria:([a-z-]+)\s+([a-z0-9-]+)\s*-->")


@dataclass(frozen=True)
class Build:
    """One measured build."""

    seconds: float  # wall clock
    cpu_seconds: float  # user + system: steadier than the wall clock on a busy machine
    peak_mb: float


def build(config: Path, site_dir: Path, site_url: str = "http://127.0.0.1:8000/") -> Build:
    """`mkdocs build --strict` in a fresh interpreter; fails loudly if the build fails."""
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    cmd = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "--quiet",
        "-f",
        str(config),
        "-d",
        str(site_dir),
    ]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    output = proc.stdout.read().decode() if proc.stdout else ""
    proc.stdout and proc.stdout.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"build of {config} failed:\n{output[-3000:]}")
    return Build(
        seconds=seconds, cpu_seconds=usage.ru_utime + usage.ru_stime, peak_mb=usage.ru_maxrss / 1024
    )


def without_checker(dest: Path) -> Path:
    """The project with the checker switched off: no criteria file, no checker markers.
    The hook then has nothing to load, validate or render (the pages lack the checker)."""
    config_path = copy_site(dest)
    for path in (dest / "criteria").glob("*.yml"):
        path.unlink()
    for page in (dest / "docs").rglob("*.md"):
        page.write_text(CRITERIA_MARKER.sub("", page.read_text(encoding="utf-8")), "utf-8")
    return config_path


def practice_areas(dest: Path, count: int, languages: tuple[str, ...] = ("en",)) -> Path:
    """A site with `count` practice-area pages per language, each with its own criteria file,
    checker and factor list: copies of the real page and criteria file under new ids."""
    config_path = copy_site(dest, ("hooks", "overrides", "data"))
    (dest / "criteria").mkdir()
    shutil.copy2(ROOT / "criteria" / "schema.json", dest / "criteria" / "schema.json")
    docs = dest / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    suffixes = {lang: "" if i == 0 else f".{lang}" for i, lang in enumerate(languages)}
    criteria_text = (ROOT / "criteria" / "prosecutorial-discretion.yml").read_text("utf-8")
    page_texts = {}  # the real checker page, per language suffix
    for suffix in suffixes.values():
        shutil.copy2(ROOT / "docs" / f"index{suffix}.md", docs / f"index{suffix}.md")
        page_texts[suffix] = (ROOT / "docs" / f"self-check{suffix}.md").read_text("utf-8")
    nav: list[dict[str, str]] = [{"Home": "index.md"}]
    for n in range(1, count + 1):
        area = f"area-{n:03d}"
        text = criteria_text.replace("id: prosecutorial-discretion", f"id: {area}", 1)
        text = text.replace("page: self-check.md", f"page: {area}.md", 1)
        (dest / "criteria" / f"{area}.yml").write_text(text, encoding="utf-8")
        for suffix, page in page_texts.items():
            page = page.replace("prosecutorial-discretion -->", f"{area} -->")
            for pattern in (r"^(title: .*)$", r"^(description: .*)$", r"^(# .*)$"):
                page = re.sub(pattern, rf"\1 ({n})", page, count=1, flags=re.M)
            (docs / f"{area}{suffix}.md").write_text(page, encoding="utf-8")
        nav.append({f"Area {n}": f"{area}.md"})
    config = _read_config(ROOT / "mkdocs.yml")
    config["nav"] = nav
    # The copied home page links to pages this site does not have; do not fail on those.
    config["validation"]["links"].update(not_found="info", anchors="info")
    if len(languages) == 1:
        config["plugins"] = [p for p in config["plugins"] if "i18n" not in p]
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return config_path


def _read_config(path: Path) -> dict:
    """mkdocs.yml as data, with each `!ENV [NAME, default]` replaced by its default."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)
