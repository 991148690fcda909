"""Policy updates: validation, ordering, Atom feeds; and the review-age listing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import review_ages

import updates
from yamlsource import SourceError

SAMPLE = """updates:
  - id: older
    date: "2025-01-29"
    title: {en: Older, es: Anterior}
    text: {en: Text., es: Texto.}
    sources: [fact-a]
  - id: newer
    date: "2026-11-27"
    title: {en: Newer, es: Reciente}
    text: {en: "Text <b>.", es: Texto.}
    sources: [fact-a]
"""
ATOM = "{http://www.w3.org/2005/Atom}"


def load(tmp_path: Path, text: str = SAMPLE) -> list[dict]:
    path = tmp_path / "updates.yml"
    path.write_text(text, encoding="utf-8")
    return updates.load(
        path,
        fact_ids={"fact-a"},
        languages=("en", "es"),
        today=dt.date(2026, 11, 27),
        display_name="updates.yml",
    )


def test_updates_come_newest_first(tmp_path: Path) -> None:
    assert [e["id"] for e in load(tmp_path)] == ["newer", "older"]


@pytest.mark.parametrize(
    "change, message",
    [
        (
            ('date: "2026-11-27"', 'date: "2026-12-01"'),
            "updates.yml:8: updates[1].date: 2026-12-01 is in the future; "
            "use the date of the change",
        ),
        (
            ("sources: [fact-a]\n", "sources: [fact-z]\n"),
            'updates.yml:6: updates[0].sources[0]: no fact has id "fact-z"; '
            "use an id from data/facts.yml",
        ),
        (
            ("{en: Older, es: Anterior}", "{en: Older}"),
            'updates.yml:4: updates[0].title.es: the "es" text is missing or empty; write it',
        ),
    ],
)
def test_broken_updates_stop_with_a_clear_message(tmp_path: Path, change, message) -> None:
    with pytest.raises(SourceError) as caught:
        load(tmp_path, SAMPLE.replace(*change, 1))
    assert str(caught.value) == message


def test_atom_feed_has_the_required_elements_and_escapes_text(tmp_path: Path) -> None:
    xml = updates.atom_feed(
        load(tmp_path),
        lang="en",
        title="Updates",
        page_url="https://x.org/updates/",
        feed_url="https://x.org/updates.xml",
        author="A Firm",
    )
    feed = ET.fromstring(xml)
    assert feed.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{tag}") is not None
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "https://x.org/updates.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Newer", "Older"]
    assert entries[0].findtext(f"{ATOM}id") == "https://x.org/updates/#update-newer"
    assert entries[0].findtext(f"{ATOM}summary") == "Text <b>."
    assert feed.findtext(f"{ATOM}updated") == "2026-11-27T00:00:00Z"


def test_review_ages_list_pages_oldest_first(tmp_path: Path) -> None:
    for name, day in (("a.md", "2026-01-02"), ("b.md", "2025-05-01"), ("c.es.md", "2026-01-01")):
        (tmp_path / name).write_text(f"---\ntitle: x\nreviewed: {day}\n---\n# x\n")
    assert review_ages.reviewed_dates(tmp_path) == [
        ("b.md", dt.date(2025, 5, 1)),
        ("c.es.md", dt.date(2026, 1, 1)),
        ("a.md", dt.date(2026, 1, 2)),
    ]
