"""The Policy updates page and its Atom feeds, in both languages."""

from __future__ import annotations

from urllib.parse import urljoin
from xml.etree import ElementTree as ET

import yaml

from helpers import LANGUAGES, ROOT, site_path

ATOM = "{http://www.w3.org/2005/Atom}"
UPDATES = yaml.safe_load((ROOT / "data" / "updates.yml").read_text())["updates"]


def test_updates_page_lists_every_update_newest_first_and_is_linked_from_home(page, base_url):
    newest_first = [u["id"] for u in sorted(UPDATES, key=lambda u: u["date"], reverse=True)]
    for prefix in ("", "es/"):
        doc = page(prefix + "updates/")
        ids = [h["id"].removeprefix("update-") for h in doc.select(".pd-updates h2")]
        assert ids == newest_first
        dates = [t["datetime"] for t in doc.select(".pd-updates time")]
        assert dates == sorted(dates, reverse=True)
        home_links = [site_path(a["href"], base_url, prefix) for a in page(prefix).select("article a")]
        assert f"/{prefix}updates/" in home_links


def test_feeds_are_atom_with_one_entry_per_update(site, base_url, page) -> None:
    for lang in LANGUAGES:
        prefix = "" if lang == LANGUAGES[0] else f"{lang}/"
        feed = ET.parse(site / prefix / "updates.xml").getroot()
        assert feed.tag == f"{ATOM}feed"
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        assert feed.findtext(f"{ATOM}id") == f"{base_url}{prefix}updates.xml"
        entries = feed.findall(f"{ATOM}entry")
        assert len(entries) == len(UPDATES)
        page_ids = {h["id"] for h in page(prefix + "updates/").select("[id]")}
        for entry in entries:
            link = entry.find(f"{ATOM}link").get("href")
            assert link.startswith(f"{base_url}{prefix}updates/#")
            assert link.split("#")[1] in page_ids
        head = page(prefix + "updates/").select_one('link[type="application/atom+xml"]')
        assert head["href"] == f"{base_url}{prefix}updates.xml"
        # Elsewhere no feed link: Material would fetch a sitemap for it on every page load.
        assert not page(prefix).select('link[type="application/atom+xml"]')
