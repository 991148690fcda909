"""The markers pages hold (<!-- pd:sources -->, <!-- criteria:checker id --> …): which exist,
what each becomes, and that every criteria file is placed exactly once, on its page.

Pure Python, no MkDocs imports. The Markdown markers are filled before Markdown is read
(`Language.markdown`); the HTML ones once it is: the firm's in the page's content
(`firm_parts`), the self-check once search has read the page (`content_for_theme`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import criteria
import facts
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
Found = Counter[tuple[str, str]]  # the markers on a page, by (name, argument)
T = TypeVar("T")


@dataclass(frozen=True)
class Language:
    """One language's pages, filled: from the site's data, the folder of mkdocs.yml (a broken
    template is named from it), the original language's home (a translation links to the
    original there) and the run's secret mark (by which security.check_content tells the
    build's parts from a page's own text)."""

    data: SiteData
    lang: str
    root: Path
    original_home: str
    mark: str

    @property
    def ui(self) -> dict[str, Any]:
        """The language's words (data/ui.yml)."""
        return self.data.ui[self.lang]

    def markdown(self, markdown: str, src: str, reviewed_text: str) -> tuple[str, Found]:
        """The page's Markdown with its Markdown markers filled and its fact references
        expanded, and a count of the markers it holds, by (name, argument)."""
        markdown, found = self._render(
            src, lambda: _fill_markdown(markdown, src, reviewed_text, self)
        )
        error = functools.partial(_page_error, src)
        return facts.expand_references(markdown, self.data.facts, src, error, self.lang), found

    def firm_parts(self, html: str, src: str) -> str:
        """The page's HTML with the firm's call-to-action and details in their markers."""
        firm, ui = self.data.firm, self.ui

        def fill() -> str:
            cta = fill_html(html, "firm:cta", lambda _: render.firm_cta(firm, ui, self.lang))
            return fill_html(cta, "firm:details", lambda _: render.firm_details(firm, ui))

        return self._render(src, fill)

    def content_for_theme(self, html: str, src: str, url: str) -> str:
        """The content of the page at `url` as the theme gets it: each
        <!-- criteria:checker id --> made that self-check, a translation's notice under its
        heading, and all of it marked, so that security.check_built_page finds it."""
        data, ui = self.data, self.ui

        def checker(area_id: str) -> str:
            return render.checker(data.areas[area_id], lang=self.lang, ui=ui, firm=data.firm)

        html = self._render(src, lambda: fill_html(html, "criteria:checker", checker))
        original = self.original_home + url.removeprefix(f"{self.lang}/")
        html = render.with_translation_notice(
            html, ui, url=original, original_lang=data.languages[0]
        )
        return security.mark_content(html, self.mark)

    def _render(self, src: str, make: Callable[[], T]) -> T:
        return render.template_errors(src, self.root, make)


def _fill_markdown(
    markdown: str, src: str, reviewed_text: str, language: Language
) -> tuple[str, Found]:
    # Each part the build writes sits between <!-- pd-built MARK --> and <!-- /pd-built MARK -->.
    data, lang, ui, mark = language.data, language.lang, language.ui, language.mark
    found: Found = Counter()

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


def without_marks(html: str, mark: str) -> str:
    """The page's HTML without the comments around the build's parts (see Language.markdown)."""
    return html.replace(f"<!-- pd-built {mark} -->", "").replace(f"<!-- /pd-built {mark} -->", "")


def fill_html(html: str, name: str, make: Callable[[str], str]) -> str:
    """Each <!-- name arg --> marker becomes make(arg); other markers wait for their event."""
    return MARKER.sub(lambda m: make(m[2]) if m[1] == name else m[0], html)


@dataclass
class Placed:
    """What one language's build has placed: the criteria markers by (marker, criteria id,
    page), the self-checks and factor lists on each page (for security.check_built_page)
    and the pages that show the policy updates (their feeds link to it)."""

    criteria: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    on_page: dict[str, Counter[str]] = field(default_factory=dict)
    updates_on: list[str] = field(default_factory=list)  # pages (src) with <!-- pd:updates -->

    def record(self, src: str, found: Found) -> None:
        """Note the markers Language.markdown found on the page `src`."""
        parts = self.on_page[src] = Counter()
        for (name, arg), count in found.items():
            if name.startswith("criteria:"):
                self.criteria[(name, arg, pages.base_page(src))] += count
                parts[name] += count
            elif name == "pd:updates":
                self.updates_on += [src] * count

    @property
    def updates_page(self) -> str | None:
        """The page that shows the policy updates, without its language ("updates.md")."""
        return pages.base_page(self.updates_on[0]) if self.updates_on else None

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

    def check(self, data: SiteData, lang: str, first: Placed | None = None) -> None:
        """Every criteria file's self-check and factor list are placed exactly once, on the
        page its field `page` names; the updates are on one page at most, the one where the
        first language's build (`first`) has them."""
        for area_id, area in data.areas.items():
            _check_placed(self.criteria, area_id, area)
        if len(self.updates_on) > 1:
            times, where = len(self.updates_on), ", ".join(self.updates_on)
            raise _page_error(
                self.updates_on[-1],
                f"<!-- pd:updates --> is placed {times} times (on {where}); keep one",
            )
        if first is not None and self.updates_page != first.updates_page:
            page = first.updates_page or self.updates_page or ""
            raise _page_error(
                page.removesuffix(".md") + f".{lang}.md",
                f"<!-- pd:updates --> must be on the same page in every language "
                f"(it is on {first.updates_page or 'no page'} in {data.languages[0]}, "
                f"on {self.updates_page or 'no page'} in {lang})",
            )


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
