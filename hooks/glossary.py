"""The glossary: plain meanings of the words the pages use, and links to them on first use.

Pure Python, no MkDocs imports.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pages
from yamlsource import check_schema, load_yaml

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "data" / "glossary.schema.json"
GLOSSARY_PAGE = "glossary.md"
# Text inside these elements never gets a glossary link: headings, links (citation numbers
# included), code, exact titles (<cite>), controls, and what the reader does not see.
SKIP = frozenset(
    [
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "code",
        "pre",
        "kbd",
        "samp",
        "cite",
        "script",
        "style",
        "template",
        "noscript",
        "textarea",
        "button",
        "label",
        "select",
        "option",
        "svg",
        "title",
    ]
)
# Elements with no closing tag: they never open a region to skip.
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
# An HTML comment, or a tag whose quoted attributes may contain ">".
TAG = re.compile(r"<!--.*?-->|<[!?/]?[A-Za-z](?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.S)
TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")


@dataclass(frozen=True)
class Glossary:
    """The validated terms, in file order."""

    file: str
    terms: list[dict[str, Any]]

    def spellings(self, lang: str) -> dict[str, str]:
        """Every spelling to link on a page in `lang`, mapped to its term's id."""
        return {s: term["id"] for term in self.terms for s in term["match"].get(lang, [])}


def load(
    path: Path,
    *,
    fact_ids: set[str],
    languages: tuple[str, ...] = ("en",),
    display_name: str | None = None,
) -> Glossary:
    """Read and validate the glossary file, or raise SourceError saying what to fix."""
    doc = load_yaml(path, display_name)
    check_schema(doc, SCHEMA_FILE, "data/glossary.schema.json")
    doc.check_unique_ids("terms")
    owner: dict[tuple[str, str], str] = {}  # (language, spelling in lower case) -> term id
    for i, term in enumerate(doc.data["terms"]):
        for field in ("term", "definition", "match"):
            doc.check_texts(("terms", i, field), term[field], languages)
        for lang in languages:
            for j, spelling in enumerate(term["match"][lang]):
                other = owner.setdefault((lang, spelling.lower()), term["id"])
                if other != term["id"]:
                    raise doc.error(
                        ("terms", i, "match", lang, j),
                        f'"{spelling}" is already a spelling of "{other}"; keep it on one term',
                    )
        for j, fact in enumerate(term.get("sources", [])):
            doc.check_fact(("terms", i, "sources", j), fact, fact_ids)
    return Glossary(doc.file, doc.data["terms"])


@functools.lru_cache(maxsize=8)
def _matcher(spellings: tuple[str, ...]) -> re.Pattern[str]:
    # Longest first, so that "removal order" wins over a shorter spelling inside it. Words in
    # capitals (NTA, I-220A) are acronyms and match only so; others match in any case.
    parts = []
    for spelling in sorted(spellings, key=len, reverse=True):
        words = r"\s+".join(re.escape(w) for w in spelling.split())
        parts.append(words if spelling == spelling.upper() else f"(?i:{words})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


def link_terms(page_html: str, spellings: dict[str, str], href: str) -> str:
    """Link the first use of each glossary term in the page's text to `href`#<term id>,
    leaving headings, links, code, <cite> and the other SKIP elements alone."""
    if not spellings:
        return page_html
    by_key = {" ".join(s.lower().split()): term_id for s, term_id in spellings.items()}
    pattern = _matcher(tuple(spellings))
    linked: set[str] = set()
    skipping: list[str] = []  # the open elements whose text is left alone, innermost last
    out: list[str] = []

    def link(match: re.Match[str]) -> str:
        term_id = by_key[" ".join(match[0].lower().split())]
        if term_id in linked:
            return match[0]
        linked.add(term_id)
        return f'<a class="pd-term" href="{html.escape(href)}#{term_id}">{match[0]}</a>'

    position = 0
    for tag in TAG.finditer(page_html):
        text = page_html[position : tag.start()]
        out.append(text if skipping else pattern.sub(link, text))
        out.append(tag[0])
        position = tag.end()
        name_match = TAG_NAME.match(tag[0])
        if not name_match or tag[0].endswith("/>"):
            continue  # a comment, a doctype or a self-closed element
        name = name_match[1].lower()
        if tag[0].startswith("</"):
            if name in skipping:
                del skipping[len(skipping) - 1 - skipping[::-1].index(name) :]
        elif name in SKIP and name not in VOID:
            skipping.append(name)
    rest = page_html[position:]
    out.append(rest if skipping else pattern.sub(link, rest))
    return "".join(out)


def page_url(files: Iterable[Any]) -> str | None:
    """The address of the glossary page among a language's pages (MkDocs' files, each with
    its src_uri and url), or None when the site has none."""
    return next((f.url for f in files if pages.base_page(f.src_uri) == GLOSSARY_PAGE), None)


def link_page(
    page_html: str,
    terms: Glossary | None,
    *,
    lang: str,
    src: str,
    page_url: str,
    glossary_url: str | None,
) -> str:
    """A page's HTML (`src`, at `page_url`) with its first use of each term linked to the
    glossary page (at `glossary_url`); as it is on the glossary page itself, or without one."""
    if not terms or not glossary_url or pages.base_page(src) == GLOSSARY_PAGE:
        return page_html
    return link_terms(page_html, terms.spellings(lang), href_from(page_url, glossary_url))


def href_from(page_url: str, glossary_url: str) -> str:
    """The glossary's address relative to a page, both given as site URLs ("es/forms/")."""
    link = posixpath.relpath(glossary_url, posixpath.dirname(page_url) or ".")
    return link + "/" if glossary_url.endswith("/") else link
