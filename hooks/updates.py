"""Policy updates: short dated notes, shown on a page and published as Atom feeds.

Pure Python, no MkDocs imports.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from yamlsource import check_schema, load_yaml

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "data" / "updates.schema.json"
ATOM = "http://www.w3.org/2005/Atom"


def load(
    path: Path,
    *,
    fact_ids: set[str],
    languages: tuple[str, ...] = ("en",),
    today: dt.date | None = None,
    display_name: str | None = None,
) -> list[dict[str, Any]]:
    """Read and validate the updates file; return the entries newest first."""
    doc = load_yaml(path, display_name)
    check_schema(doc, SCHEMA_FILE, "data/updates.schema.json")
    doc.check_unique_ids("updates")
    for i, entry in enumerate(doc.data["updates"]):
        doc.check_date(
            ("updates", i, "date"),
            entry["date"],
            today=today or dt.date.today(),
            fix="use the date of the change",
        )
        for field in ("title", "text"):
            doc.check_texts(("updates", i, field), entry[field], languages)
        for j, fact in enumerate(entry["sources"]):
            doc.check_fact(("updates", i, "sources", j), fact, fact_ids)
    return sorted(doc.data["updates"], key=lambda e: e["date"], reverse=True)


def atom_feed(
    entries: list[dict[str, Any]],
    *,
    lang: str,
    title: str,
    page_url: str,
    feed_url: str,
    author: str,
) -> str:
    """An Atom 1.0 feed (RFC 4287) of the updates in one language, newest first."""
    ET.register_namespace("", ATOM)

    def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": lang})
    add(feed, "id", feed_url)
    add(feed, "title", title)
    add(feed, "updated", _timestamp(entries[0]["date"]))
    add(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    add(feed, "link", rel="alternate", type="text/html", href=page_url)
    add(add(feed, "author"), "name", author)
    for entry in entries:
        item = add(feed, "entry")
        link = f"{page_url}#update-{entry['id']}"
        add(item, "id", link)
        add(item, "title", entry["title"][lang])
        add(item, "updated", _timestamp(entry["date"]))
        add(item, "link", rel="alternate", type="text/html", href=link)
        add(item, "summary", entry["text"][lang], type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def write_feeds(
    site: Path,
    entries: list[dict[str, Any]],
    *,
    page: str,
    site_url: str,
    homes: dict[str, str],
    titles: dict[str, str],
    author: str,
) -> None:
    """One Atom feed of the updates per language (`homes`: language -> its home page's
    address; `titles`: language -> the feed's title), beside that language's home page;
    `page` is the updates page (docs-relative, "updates.md")."""
    for lang, home in homes.items():
        feed = atom_feed(
            entries,
            lang=lang,
            title=titles[lang],
            page_url=home + page.removesuffix(".md") + "/",
            feed_url=home + "updates.xml",
            author=author,
        )
        target = site / home.removeprefix(site_url) / "updates.xml"
        target.write_text(feed, encoding="utf-8")


def _timestamp(day: str) -> str:
    return f"{day}T00:00:00Z"
