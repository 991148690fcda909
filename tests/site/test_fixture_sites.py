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


def make_site(
    folder: Path, areas: dict[str, str], pages: dict[str, str], firm: dict | None = None
) -> Path:
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
                           "phone": "305-373-5385", "cta": {"en": "Call us"}, **(firm or {})}},
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
        ({"mini": MINI.read_text()}, {"mini.md": "<!-- criteria:checker mini -->"},
         "docs/mini.md: needs the marker <!-- criteria:factors mini --> exactly once "
         "(found on: no page); see criteria/mini.yml, field page"),
        ({"mini": MINI.read_text()},
         {"mini.md": checker_page("mini"), "other.md": "<!-- criteria:checker minnie -->"},
         'docs/other.md: no criteria file has id "minnie" (known: mini)'),
        ({"mini": MINI.read_text()}, {"mini.md": checker_page("mini") + "\n<!-- pd:unknown -->"},
         "docs/mini.md: unknown marker <!-- pd:unknown -->"),
    ],
    ids=["missing marker", "unknown criteria id", "unknown marker"],
)
def test_broken_input_stops_the_build_with_one_clear_message(tmp_path, areas, pages, message):
    """What the build's events check (the markers), on a small site: a criteria file or a
    fact reference that is wrong is refused before them, as test_hostile_edits and
    test_editor_guide check in process."""
    result = run_build(make_site(tmp_path, areas, pages))
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_the_firms_details_show_on_the_contact_page_and_in_its_data_when_given(tmp_path):
    details = {
        "street_address": "1 Fixture Street", "postal_code": "33100",
        "opening_hours": ["Mo-Fr 09:00-17:00", "Sa 10:00-12:00"], "languages": ["es", "en"],
        "attorney": {"name": "A. Fixture", "florida_bar_number": "12345"},
        "map_url": "https://maps.example/fixture",
    }
    config = make_site(tmp_path / "src", {"mini": MINI.read_text()},
                       {"mini.md": checker_page("mini"),
                        "contact.md": "<!-- firm:cta -->\n\n<!-- firm:details -->"},
                       firm=details)
    doc = soup(build_site(config, tmp_path / "out") / "contact" / "index.html")
    shown = doc.select_one(".pd-firm-details")
    rows = {dt.get_text(): [dd.get_text(" ") for dd in dt.find_next_siblings("dd")]
            for dt in shown.select("dt")}
    assert rows["Address"][0] == "A Firm 1 Fixture Street Miami, Florida 33100"
    assert "Monday–Friday: 09:00–17:00" in rows["Office hours"]
    assert "Saturday: 10:00–12:00" in rows["Office hours"]
    assert "Spanish, English" in rows["Languages spoken"]
    assert "A. Fixture, Florida Bar No. 12345" in rows["Responsible attorney"]
    assert shown.select_one("a")["href"] == "https://maps.example/fixture"
    ld = json.loads(doc.select_one('script[type="application/ld+json"]').string)[0]
    assert ld["address"]["streetAddress"] == "1 Fixture Street"
    assert ld["address"]["postalCode"] == "33100"
    assert ld["openingHours"] == details["opening_hours"]
    assert ld["knowsLanguage"] == ["es", "en"]
    assert ld["hasMap"] == "https://maps.example/fixture"
    assert ld["employee"]["name"] == "A. Fixture"
    assert ld["employee"]["identifier"]["value"] == "12345"
