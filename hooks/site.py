"""MkDocs events only: wire the pure modules to the build. No logic worth testing lives here."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

import criteria
import facts
import pages
import render
from yamlsource import SourceError, load_yaml

MARKER = re.compile(r"<!--\s*([a-z]+:[a-z-]+)\s*([a-z0-9-]*)\s*-->")
MARKDOWN_MARKERS = ("criteria:factors", "pd:sources", "pd:timeline")
HTML_MARKERS = ("criteria:checker", "firm:cta")
LANG = "en"

_state: dict[str, Any] = {}


def on_config(config: Any) -> Any:
    """Load facts, words and every criteria file afresh on each build."""
    root = Path(config.config_file_path).parent
    today = dt.date.today()
    try:
        site_facts = facts.load(
            root / "data" / "facts.yml", today=today, display_name="data/facts.yml"
        )
        ui = load_yaml(root / "data" / "ui.yml", "data/ui.yml").data
        areas = {
            path.stem: criteria.load(
                path, fact_ids=site_facts.ids, today=today, display_name=f"criteria/{path.name}"
            )
            for path in criteria.find_criteria(root / "criteria")
        }
        config.extra["firm"] = pages.check_firm(config.extra.get("firm"))
    except SourceError as err:
        raise PluginError(str(err)) from None
    config.extra["ui"] = ui[LANG]
    _state.clear()
    _state.update(facts=site_facts, ui=ui[LANG], areas=areas, placed=Counter(), today=today)
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Check front matter, fill the Markdown markers and expand fact references."""
    src = page.file.src_uri
    try:
        page.meta.update(pages.check_meta(page.meta, src, _state["today"]))
    except SourceError as err:
        raise PluginError(str(err)) from None

    def fill(match: re.Match[str]) -> str:
        name, arg = match.groups()
        if name not in MARKDOWN_MARKERS + HTML_MARKERS:
            raise _page_error(
                src,
                f"unknown marker {match.group(0)}; use one of "
                + ", ".join(MARKDOWN_MARKERS + HTML_MARKERS),
            )
        if name.startswith("criteria:"):
            area = _area(src, arg)
            _state["placed"][(name, arg, src)] += 1
            if name == "criteria:factors":
                return render.factor_list(area, lang=LANG, ui=_state["ui"], page_path=src)
            return match.group(0)  # the checker is HTML: placed in on_page_content
        if name == "pd:sources":
            return render.sources(_state["facts"])
        if name == "pd:timeline":
            return render.timeline(_state["facts"])
        return match.group(0)

    markdown = MARKER.sub(fill, markdown)
    return facts.expand_references(
        markdown, _state["facts"], src, on_error=lambda problem: _page_error(src, problem)
    )


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Place the HTML-only parts: the self-check and the firm's call-to-action."""

    def fill(match: re.Match[str]) -> str:
        name, arg = match.groups()
        if name == "criteria:checker":
            return render.checker(
                _state["areas"][arg], lang=LANG, ui=_state["ui"], firm=config.extra["firm"]
            )
        if name == "firm:cta":
            return render.firm_cta(config.extra["firm"], _state["ui"])
        return match.group(0)

    return MARKER.sub(fill, html)


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Before any page is written: every criteria file is placed exactly once, on its page."""
    placed = _state["placed"]
    for area_id, area in _state["areas"].items():
        for name in ("criteria:checker", "criteria:factors"):
            where = [
                src
                for (n, a, src), count in placed.items()
                if (n, a) == (name, area_id)
                for _ in range(count)
            ]
            if where != [area.data["page"]]:
                raise PluginError(
                    f"docs/{area.data['page']}: needs the marker <!-- {name} {area_id} --> "
                    f"exactly once (found on: {', '.join(where) or 'no page'}); "
                    f"see {area.file}, field page"
                )
    return env


def _area(src: str, area_id: str) -> criteria.Criteria:
    if area_id not in _state["areas"]:
        known = ", ".join(_state["areas"]) or "none"
        raise _page_error(
            src,
            f'no criteria file has id "{area_id}" (known: {known}); '
            f"add criteria/{area_id}.yml or fix the marker",
        )
    return _state["areas"][area_id]


def _page_error(src: str, problem: str) -> PluginError:
    return PluginError(f"docs/{src}: {problem}")


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Keep every written page valid HTML."""
    return pages.tidy_theme_html(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The same for pages built from templates alone, such as 404.html."""
    return pages.tidy_theme_html(output_content)
