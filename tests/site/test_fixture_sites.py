"""Fixture sites: a second practice area gives a second checker; broken input stops the build."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, build_site, soup

MINI = ROOT / "tests" / "fixtures" / "criteria" / "mini.yml"
FACTS = """reviewed: "2026-01-01"
facts:
  - {id: fact-a, title: "A memo", official: "An office", summary: {en: "It says so."}, source: "A copy"}
"""


def make_site(folder: Path, areas: dict[str, str], pages: dict[str, str]) -> Path:
    """A minimal site using the real hooks and templates, with the given criteria and pages."""
    for sub in ("criteria", "data", "docs"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "criteria" / "schema.json", folder / "criteria" / "schema.json")
    shutil.copy(ROOT / "data" / "ui.yml", folder / "data" / "ui.yml")
    (folder / "data" / "facts.yml").write_text(FACTS)
    for name, text in areas.items():
        (folder / "criteria" / f"{name}.yml").write_text(text)
    for name, text in {"sources.md": "<!-- pd:sources -->", **pages}.items():
        meta = f"---\ntitle: {name}\ndescription: {'A fixture page used by the tests. ' * 2}\n" \
               f"reviewed: 2026-01-01\n---\n\n# {name}\n\n"
        (folder / "docs" / name).write_text(meta + text + "\n\n## Why { #why }\n")
    config = {
        "site_name": "Fixture", "site_url": "http://127.0.0.1/",
        "theme": {"name": "material", "custom_dir": str(ROOT / "overrides"), "font": False},
        "hooks": [str(ROOT / "hooks" / "site.py")],
        "extra": {"firm": {"name": "A Firm", "city": "Miami, Florida",
                           "phone": "305-373-5385", "cta": {"en": "Call us"}}},
        "markdown_extensions": ["attr_list", "md_in_html", "toc"],
        "validation": {"links": {"anchors": "warn", "not_found": "warn"}},
    }
    (folder / "mkdocs.yml").write_text(json.dumps(config))
    return folder / "mkdocs.yml"


def checker_page(area_id: str) -> str:
    return f"<!-- criteria:checker {area_id} -->\n\n<!-- criteria:factors {area_id} -->"


def test_a_second_criteria_file_gives_a_second_independent_checker(tmp_path: Path) -> None:
    second = MINI.read_text().replace("id: mini", "id: second").replace("mini.md", "second.md")
    second = second.replace("Where is your case?", "Is this the second check?")
    config = make_site(tmp_path / "src", {"mini": MINI.read_text(), "second": second},
                       {"mini.md": checker_page("mini"), "second.md": checker_page("second")})
    out = build_site(config, tmp_path / "out")
    first, other = soup(out / "mini" / "index.html"), soup(out / "second" / "index.html")
    rules = [json.loads(d.select_one("[data-criteria-checker]")["data-rules"]) for d in (first, other)]
    assert [r["id"] for r in rules] == ["mini", "second"]
    assert other.select_one("legend .pd-q").get_text() == "Is this the second check?"
    assert first.select_one("#pd-factors-mini") and other.select_one("#pd-factors-second")
    assert not first.select("#pd-factors-second") and not other.select("#pd-factors-mini")


def run_build(config: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )


@pytest.mark.parametrize(
    "areas, pages, message",
    [
        ({"mini": MINI.read_text().replace("kind: helps", "kind: helpful")},
         {"mini.md": checker_page("mini")},
         "criteria/mini.yml:31: factors[1].kind: 'helpful' is not allowed"),
        ({"mini": MINI.read_text()}, {"mini.md": "<!-- criteria:checker mini -->"},
         "docs/mini.md: needs the marker <!-- criteria:factors mini --> exactly once "
         "(found on: no page); see criteria/mini.yml, field page"),
        ({"mini": MINI.read_text()},
         {"mini.md": checker_page("mini"), "other.md": "<!-- criteria:checker minnie -->"},
         'docs/other.md: no criteria file has id "minnie" (known: mini)'),
        ({"mini": MINI.read_text()}, {"mini.md": checker_page("mini") + "\n[[cite:fact-z]]"},
         "docs/mini.md: [[cite:fact-z]] names no fact"),
        ({"mini": MINI.read_text()}, {"mini.md": checker_page("mini") + "\n<!-- pd:unknown -->"},
         "docs/mini.md: unknown marker <!-- pd:unknown -->"),
    ],
    ids=["bad criteria", "missing marker", "unknown criteria id", "unknown fact", "unknown marker"],
)
def test_broken_input_stops_the_build_with_one_clear_message(tmp_path, areas, pages, message):
    result = run_build(make_site(tmp_path, areas, pages))
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
