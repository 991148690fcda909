"""The site's facts file: load it, expand [[cite:…]], [[title:…]] and [[date:…]] in pages.

Pure Python, no MkDocs imports.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from yamlsource import Document, check_schema, parse_yaml, read_source

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "data" / "facts.schema.json"
SOURCES_PAGE = "sources.md"
# Sources dated from this year on have a page of their own: one list of them all weighed more
# than a phone's page budget (make bench), and readers look for the recent changes apart.
RECENT_SOURCES_PAGE = "sources-2025.md"
RECENT_FROM_YEAR = 2025
OFFICIAL_HOSTS = (
    "ice.gov",
    "uscis.gov",
    "govinfo.gov",
    "justice.gov",
    "supremecourt.gov",
    "trac.syr.edu",
    "federalregister.gov",
    "dhs.gov",
    "congress.gov",
    "floridabar.org",
)
LABEL_WORDS = 8  # a timeline label is read at a glance
REFERENCE = re.compile(r"\[\[(cite|title|date):\s*([^\]]*)\]\]")
MONTHS = {
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    "es": (
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ),
    "ht": (
        "janvye",
        "fevriye",
        "mas",
        "avril",
        "me",
        "jen",
        "jiyè",
        "out",
        "septanm",
        "oktòb",
        "novanm",
        "desanm",
    ),
}


@dataclass(frozen=True)
class Facts:
    """The validated facts, in file order, with their citation numbers."""

    file: str
    reviewed: str
    entries: list[dict[str, Any]]

    @property
    def ids(self) -> set[str]:
        """Every fact id."""
        return {fact["id"] for fact in self.entries}

    def get(self, fact_id: str) -> dict[str, Any]:
        """The fact with this id (KeyError if none)."""
        return self._by_id[fact_id]

    def number(self, fact_id: str) -> int:
        """The citation number shown on the Sources pages."""
        return self._numbers[fact_id]

    def listed_on(self, page: str) -> list[dict[str, Any]]:
        """The facts that the Sources page `page` (a path in docs/) lists, in number order."""
        return [fact for fact in self._in_number_order if sources_page(fact) == page]

    def timeline(self) -> list[tuple[str, list[dict[str, Any]]]]:
        """Timeline entries grouped by year, oldest first."""
        years: dict[str, list[dict[str, Any]]] = {}
        for fact in sorted((f for f in self.entries if f.get("timeline")), key=lambda f: f["date"]):
            years.setdefault(fact["date"][:4], []).append(fact)
        return list(years.items())

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {f["id"]: f for f in self.entries})
        # Numbered page by page (the older Sources page first), in file order on each.
        ordered = sorted(self.entries, key=lambda f: sources_page(f) == RECENT_SOURCES_PAGE)
        object.__setattr__(self, "_in_number_order", ordered)
        object.__setattr__(self, "_numbers", {f["id"]: n for n, f in enumerate(ordered, start=1)})


def sources_page(fact: dict[str, Any]) -> str:
    """The Sources page (a path in docs/) that lists `fact`: by the year of its date."""
    year = str(fact.get("date", ""))[:4]
    return RECENT_SOURCES_PAGE if year and int(year) >= RECENT_FROM_YEAR else SOURCES_PAGE


def load(
    path: Path,
    *,
    languages: tuple[str, ...] = ("en",),
    today: dt.date | None = None,
    display_name: str | None = None,
) -> Facts:
    """Read and validate the facts file, or raise SourceError saying what to fix."""
    name = display_name or str(path)
    return parse(read_source(path, name), name, languages=languages, today=today)


def parse(
    text: str, name: str, *, languages: tuple[str, ...] = ("en",), today: dt.date | None = None
) -> Facts:
    """Validate the facts file's `text` (`name` is how messages call the file), or raise
    SourceError saying what to fix."""
    doc = parse_yaml(text, name)
    check_schema(doc, SCHEMA_FILE, "data/facts.schema.json")
    doc.check_unique_ids("facts")
    for i, fact in enumerate(doc.data["facts"]):
        if fact.get("timeline") and "date" not in fact:
            raise doc.error(("facts", i, "date"), "a timeline entry needs a date; add one")
        for field in ("date", "effective"):
            if field in fact:
                doc.check_date(("facts", i, field), fact[field])
        doc.check_texts(("facts", i, "summary"), fact["summary"], languages)
        _check_label(doc, i, fact, languages)
        problem = official_link_problem(fact["url"]) if "url" in fact else None
        if problem:
            raise doc.error(("facts", i, "url"), problem)
    reviewed = doc.data["reviewed"]
    doc.check_date(
        ("reviewed",), reviewed, today=today or dt.date.today(), fix="use the date of the check"
    )
    return Facts(doc.file, reviewed, doc.data["facts"])


def _check_label(doc: Document, i: int, fact: dict[str, Any], languages: tuple[str, ...]) -> None:
    # The label leads the fact's timeline entry: official titles are long and hard to read,
    # so a reader scanning the timeline gets a few plain words first.
    if "label" not in fact:
        if fact.get("timeline"):
            raise doc.error(
                ("facts", i, "label"),
                "a timeline entry needs a short plain label in each language; add label: "
                + ", ".join(languages),
            )
        return
    doc.check_texts(("facts", i, "label"), fact["label"], languages)
    for lang in languages:
        words = fact["label"][lang].split()
        if len(words) > LABEL_WORDS:
            raise doc.error(
                ("facts", i, "label", lang),
                f"{len(words)} words; a label has at most {LABEL_WORDS}, shorten it",
            )


# Characters that browsers and URL parsers read differently: "https://evil.example\\x.gov"
# is a path on evil.example to one and a host ending in .gov to another.
_AMBIGUOUS = re.compile(r"[\s\\\"'<>`]")


def official_link_problem(url: str) -> str | None:
    """Why `url` is not an https address on an official host (the host is one of
    OFFICIAL_HOSTS or ends with "." and one of them), or None when it is."""
    if _AMBIGUOUS.search(url):
        return "the address has a space, backslash or quote; copy it again from the address bar"
    try:
        parts = urlsplit(url)
        host, port = (parts.hostname or "").rstrip("."), parts.port
    except ValueError:
        return f'"{url}" is not a web address; copy it again from the address bar'
    if parts.scheme != "https":
        return f'"{url}" must start with https://'
    official = any(host == h or host.endswith("." + h) for h in OFFICIAL_HOSTS)
    if not official or parts.username is not None or port is not None:
        return f'"{parts.netloc}" is not an official host; link only to {", ".join(OFFICIAL_HOSTS)}'
    return None


def format_date(text: str, lang: str = "en") -> str:
    """Format 2000-11-17 as "November 17, 2000" (es: "17 de noviembre de 2000", ht: "17 novanm
    2000"), 2017-06 as "June 2017" ("junio de 2017", "jen 2017") and 2017 as "2017"."""
    parts = text.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[lang][int(parts[1]) - 1]
    if lang == "es":
        day = f"{int(parts[2])} de " if len(parts) == 3 else ""
        return f"{day}{month} de {parts[0]}"
    if lang == "ht":
        return f"{int(parts[2])} {month} {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{month} {int(parts[2])}, {parts[0]}"


def escape_markdown(text: str) -> str:
    """Make plain text safe to put into Markdown: no HTML, no accidental formatting."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\`*_\[\]{}#|!])", r"\\\1", text)


def expand_references(
    markdown: str,
    facts: Facts,
    page_path: str,
    on_error: Callable[[str], Exception],
    lang: str = "en",
) -> str:
    """Replace [[cite:a,b]], [[title:a]] and [[date:a]] with Markdown, checking every id."""
    here = posixpath.dirname(page_path) or "."

    def expand(match: re.Match[str]) -> str:
        verb, ids = match.group(1), [i.strip() for i in match.group(2).split(",")]
        for fact_id in ids:
            if fact_id not in facts.ids:
                raise on_error(
                    f"{match.group(0)} names no fact; use an id from {facts.file}, "
                    f"e.g. {sorted(facts.ids)[0]}"
                )
        if verb == "cite":
            return "".join(_citation(facts, fact_id, here) for fact_id in ids)
        if len(ids) != 1:
            raise on_error(f"{match.group(0)} takes exactly one id")
        fact = facts.get(ids[0])
        if verb == "title":
            return f"<cite>{escape_markdown(fact['title'])}</cite>"
        if "date" not in fact:
            raise on_error(f'{match.group(0)}: the fact "{ids[0]}" has no date')
        return format_date(fact["date"], lang)

    return REFERENCE.sub(expand, markdown)


def _citation(facts: Facts, fact_id: str, here: str) -> str:
    # A number only, as in print: a title tooltip on each would weigh 3 KB on the self-check
    # page, and a phone never shows it; the Sources page names each one.
    page = posixpath.relpath(sources_page(facts.get(fact_id)), here)
    return f"[\\[{facts.number(fact_id)}\\]]({page}#src-{fact_id}){{ .cite }}"
