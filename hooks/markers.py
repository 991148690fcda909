"""The markers pages hold (<!-- pd:sources -->, <!-- criteria:checker id --> …): which exist,
what each becomes, and that every criteria file is placed exactly once, on its page.

Pure Python, no MkDocs imports. The Markdown markers are filled before Markdown is read
(`fill_markdown`); the HTML ones once it is (`fill_html`): the firm's in the page's content,
the self-check once search has read the page (see site.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import criteria
import pages
import render
import security
from sitedata import SiteData
from yamlsource import SourceError

MARKER = re.compile(r"<!--\s*([a-z]+:[a-z-]+)\s*([a-z0-9-]*)\s*-->")
MARKDOWN_MARKERS = (
    "criteria:factors",
    "pd:glossary",
    "pd:reviewed",
    "pd:sources",
    "pd:timeline",
    "pd:updates",
)
HTML_MARKERS = ("criteria:checker", "firm:cta", "firm:details")


def fill_markdown(
    markdown: str,
    *,
    src: str,
    lang: str,
    ui: dict[str, Any],
    data: SiteData,
    reviewed_text: str,
    mark: str,
) -> tuple[str, Counter[tuple[str, str]]]:
    """The page's Markdown with its Markdown markers filled, and a count of the markers it
    holds, by (name, argument). Each part the build writes sits between the comments
    <!-- pd-built MARK --> and <!-- /pd-built MARK -->, by which security.check_content
    knows it (`mark`: the run's secret)."""
    found: Counter[tuple[str, str]] = Counter()

    def built(markdown: str) -> str:
        return f"\n\n<!-- pd-built {mark} -->\n\n{markdown}\n\n<!-- /pd-built {mark} -->\n\n"

    def fill(match: re.Match[str]) -> str:
        name, arg = match.groups()
        if name not in MARKDOWN_MARKERS + HTML_MARKERS:
            raise _page_error(
                src,
                f"unknown marker {match.group(0)}; use one of "
                + ", ".join(MARKDOWN_MARKERS + HTML_MARKERS),
            )
        if name.startswith("criteria:"):
            area = _area(data, src, arg)
            found[(name, arg)] += 1
            if name == "criteria:factors":
                return built(render.factor_list(area, lang=lang, ui=ui, page_path=src))
            return match.group(0)  # the checker is HTML: placed in on_page_context
        if name == "pd:reviewed":  # how current a page says it is comes from its front matter
            return reviewed_text
        if name == "pd:sources":
            page = pages.base_page(src)  # each Sources page lists its own (facts.sources_page)
            return built(render.sources(data.facts, lang=lang, ui=ui, page=page))
        if name == "pd:updates":
            if not data.updates:
                raise _page_error(src, "<!-- pd:updates --> needs data/updates.yml; add it")
            found[(name, arg)] += 1
            return built(render.updates(data.updates, lang=lang, ui=ui))
        if name == "pd:timeline":
            return built(render.timeline(data.facts, lang=lang, ui=ui))
        if name == "pd:glossary":
            if not data.glossary:
                raise _page_error(src, "<!-- pd:glossary --> needs data/glossary.yml; add it")
            return built(render.glossary(data.glossary, lang=lang, ui=ui))
        return match.group(0)

    return MARKER.sub(fill, markdown), found


def place_checkers(
    html: str, data: SiteData, *, lang: str, ui: dict[str, Any], firm: dict[str, Any]
) -> str:
    """The page's HTML with each <!-- criteria:checker id --> marker made that self-check."""
    return fill_html(
        html,
        "criteria:checker",
        lambda area_id: render.checker(data.areas[area_id], lang=lang, ui=ui, firm=firm),
    )


def without_marks(html: str, mark: str) -> str:
    """The page's HTML without the comments around the build's parts (see fill_markdown)."""
    return html.replace(f"<!-- pd-built {mark} -->", "").replace(f"<!-- /pd-built {mark} -->", "")


def fill_html(html: str, name: str, make: Callable[[str], str]) -> str:
    """Each <!-- name arg --> marker becomes make(arg); other markers wait for their event."""
    return MARKER.sub(lambda m: make(m[2]) if m[1] == name else m[0], html)


@dataclass
class Placed:
    """What one language's build has placed: the criteria markers by (marker, criteria id,
    page), the build's parts on each page (for security.check_built_page) and the page that
    shows the policy updates (their feeds link to it)."""

    criteria: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    on_page: dict[str, Counter[str]] = field(default_factory=dict)
    updates_page: str | None = None

    def record(self, src: str, found: Counter[tuple[str, str]]) -> None:
        """Note the markers fill_markdown found on the page `src`."""
        parts = self.on_page[src] = Counter()
        for (name, arg), count in found.items():
            if name.startswith("criteria:"):
                self.criteria[(name, arg, pages.base_page(src))] += count
                parts[name] += count
            elif name == "pd:updates":
                self.updates_page = pages.base_page(src)

    def parts(self, src: str) -> Counter[str]:
        """The build's parts on the page `src`, by marker name."""
        return self.on_page.get(src, Counter())

    def check_built_page(self, html: str, src: str, mark: str) -> str:
        """security.check_built_page for the page `src`, with the parts placed on it."""
        parts = self.parts(src)
        return security.check_built_page(
            html,
            f"docs/{src}",
            mark,
            checkers=parts["criteria:checker"],
            factor_lists=parts["criteria:factors"],
        )

    def check(self, data: SiteData) -> None:
        """Every criteria file's self-check and factor list are placed exactly once, on the
        page its field `page` names."""
        for area_id, area in data.areas.items():
            _check_placed(self.criteria, area_id, area)


def _check_placed(
    placed: Counter[tuple[str, str, str]], area_id: str, area: criteria.Criteria
) -> None:
    for name in ("criteria:checker", "criteria:factors"):
        where = [
            src
            for (n, a, src), count in placed.items()
            if (n, a) == (name, area_id)
            for _ in range(count)
        ]
        if where != [area.data["page"]]:
            raise SourceError(
                f"docs/{area.data['page']}",
                f"needs the marker <!-- {name} {area_id} --> "
                f"exactly once (found on: {', '.join(where) or 'no page'}); "
                f"see {area.file}, field page",
            )


def _area(data: SiteData, src: str, area_id: str) -> criteria.Criteria:
    if area_id not in data.areas:
        known = ", ".join(data.areas) or "none"
        raise _page_error(
            src,
            f'no criteria file has id "{area_id}" (known: {known}); '
            f"add criteria/{area_id}.yml or fix the marker",
        )
    return data.areas[area_id]


def _page_error(src: str, problem: str) -> SourceError:
    return SourceError(f"docs/{src}", problem)
