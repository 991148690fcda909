"""What Material for MkDocs writes, and how the build adjusts it: the theme-specific HTML
surgery lives here and only here, so that a Material upgrade touches this one file.

Pure Python, no MkDocs imports. Most functions take a finished page and return it changed;
search_files_on_demand finishes the search files of the built site. THEME_SCRIPTS names the
inline scripts that Material's templates write (two of them as the site's partials replace
them, read from overrides/partials/javascripts/), the only inline scripts the site's
Content-Security-Policy allows (see security.py). ThemeChanged says that Material no longer
writes what a function expects.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

# Features of Material this site never turns on (see mkdocs.yml: no code blocks, content
# tabs, annotations, tooltips, tags, versions, repository facts, Mermaid or footnotes). The
# theme's bundle names their classes, so trim.py would keep their CSS (nearly 4 KB gzipped,
# most of it code highlighting) for a script that can never add them. A page that does use
# one keeps its rules all the same: every word in the pages' own tags counts.
UNUSED_FEATURES = (
    "data-md-annotation",
    "data-md-copying",
    "footnote",
    "highlight",
    "keys",
    "md-annotation",
    "md-code",
    "md-dialog",
    "md-source",
    "md-status",
    "md-tag",
    "md-tooltip",
    "md-version",
    "mermaid",
    "tabbed-",
    "tooltip",
)
# The theme's Python package (its version decides how its templates compile).
THEME_PACKAGE = "mkdocs-material"
# Where the theme's script bundle is in a built site.
BUNDLES = "assets/javascripts/bundle.*.js"
# Material sets this attribute on <body> at every page load, not only when the reader
# switches colours, and its one rule (no transitions during a switch) made the browser
# restyle the whole page twice per load. Without it a switch fades instead of snapping
# (trim.trim_site drops the rule).
NOT_WORTH_A_RESTYLE = frozenset({"data-md-color-switching"})
# The theme's classes a page may use (attr_list's { .name }): the button look.
PAGE_CLASSES = ("md-button", "md-button--primary")
# The ids and data attributes the theme's code looks up: a page that used one would replace
# or knock out the real element (the theme's configuration is the element id="__config").
RESERVED_ID_PREFIXES = ("__", "md-")
RESERVED_DATA_PREFIXES = ("data-md-",)


class ThemeChanged(ValueError):
    """Material no longer writes what a function here expects: the message says which
    function to update."""


_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*\btype="checkbox"[^>]*?)\s+autocomplete="off"')


_SEARCH_DIALOG = re.compile(r'<div class="md-search" data-md-component="search" role="dialog"')
_SEARCH_INPUT_LABEL = re.compile(r'<input [^>]*class="md-search__input"[^>]*aria-label="([^"]*)"')


# Material puts the language roots in <head> as hreflang alternates of every page.
_ROOT_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def tidy_theme_html(html: str) -> str:
    """Fix what the theme emits but the standards forbid: autocomplete on checkboxes (HTML),
    a search dialog without a name (ARIA): it takes the search field's label, and hreflang
    links that call each language's home page the translation of every page (search
    engines read the right pairs from the sitemap; Material fetched a sitemap per link)."""
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    html = _ROOT_ALTERNATE.sub("", html)
    label = _SEARCH_INPUT_LABEL.search(html)
    if label:
        html = _SEARCH_DIALOG.sub(lambda m: f'{m.group(0)} aria-label="{label.group(1)}"', html)
    return html


# Whitespace that only indents markup: a run with a line break in it. Inside pre, textarea,
# script and style it is content, and inside a tag it may be part of an attribute's value:
# both are kept. Only spaces, tabs and line breaks count: a no-break space is text.
_INDENT_OR_KEPT = re.compile(
    r"(<(pre|textarea|script|style)\b.*?</\2\s*>|<[^>]*>)|[ \t\r\f]*\n[ \t\r\n\f]*",
    re.S | re.I,
)


def collapse_indentation(html: str) -> str:
    """Turn each run of whitespace with a line break into one line break (the theme's
    templates indent deeply: about 3 % of a page, gzipped). A browser shows either as one
    space at most, so the page looks and reads the same."""
    return _INDENT_OR_KEPT.sub(lambda m: m.group(1) or "\n", html)


# The address values Material's instant navigation rewrites when its bundle starts: every
# href or src but those already of the form "scheme://…" or "//…". Other schemes (tel:,
# mailto:) are absolute too; an empty value means this page and is left as it is.
_RELATIVE_ADDRESS = re.compile(r'(\s(?:href|src)=")(?![a-zA-Z][a-zA-Z0-9+.-]*:|//)([^"]+)(")')


def absolute_links(html: str, page_url: str, *, served_at_page_url: bool = True) -> str:
    """Give every link and asset address of a page its absolute form, resolved against
    `page_url`. Material's instant navigation does this to each one when its bundle starts,
    so that links keep working while pages are swapped; done there, every stylesheet is
    parsed again and every link restyled, a long pause on a cheap phone just after the page
    appears. A page served at any address (the 404 page) keeps its "#…" links relative."""

    parts = urlsplit(page_url)
    origin, folder = f"{parts.scheme}://{parts.netloc}", parts.path[: parts.path.rfind("/") + 1]

    def resolve(value: str) -> str:
        # What urljoin(page_url, value) gives, ten times faster for the forms MkDocs writes
        # ("#x", "/x", "../x/"): a site of 100 pages has some 30,000 links.
        if value.startswith("#"):
            return page_url + value
        if value.startswith("/"):
            return origin + value
        base = folder or "/"
        while value.startswith("../"):
            value, base = value[3:], base[: base.rstrip("/").rfind("/") + 1] or "/"
        value = value.removeprefix("./")
        if value.startswith((".", "?")) or "/." in value:  # rare forms: the standard way
            return urljoin(origin + base, value)
        return origin + base + value

    def absolute(match: re.Match[str]) -> str:
        if match[2].startswith("#") and not served_at_page_url:
            return match[0]
        return match[1] + resolve(match[2]) + match[3]

    return _RELATIVE_ADDRESS.sub(absolute, html)


# Material names its worker in __config: "search": "…/javascripts/workers/search.<hash>.min.js"
_SEARCH_WORKER = re.compile(r'("search": "[^"]*/)(search\.[0-9a-f]+\.min\.js)"')
_PAGE_LANG = re.compile(r'<html lang="([a-z]{2})"')
SEARCH_STAND_IN = "search-on-demand.js"  # docs/assets/javascripts/workers/


def search_on_demand(html: str) -> str:
    """Start the stand-in search worker instead of Material's, telling it the page's language
    (it searches that language's index). Material's worker stays named after "#", for a
    reader of the page; the stand-in ignores it and loads the bundle the build wrote into it
    (pin_search_bundle), and the index, on the first search."""
    if 'id="__config"' not in html:
        return html
    lang, count = _PAGE_LANG.search(html), 0
    if lang:
        html, count = _SEARCH_WORKER.subn(rf'\1{SEARCH_STAND_IN}?lang={lang[1]}#\2"', html)
    if count != 1:
        raise ThemeChanged(
            "Material's page names no search worker or no <html lang> here; its template "
            "changed, so update material_html.search_on_demand and docs/assets/javascripts/workers/"
        )
    return html


def search_index_config(config: dict[str, Any], lang: str) -> dict[str, Any]:
    """One language's search settings, from Material's index settings for every language.

    A language the search plugin lists (`search: lang`) keeps lunr's stemmer for it. Material's
    worker loads lunr's file for any other language it is given, and lunr has none for some
    (Kreyòl): such a language is searched as plain words, lunr's English pipeline stripped of
    its stop words and stemmer ("pipeline": only "trimmer"), with accents folded away at
    index and query time ("fold": the stand-in worker, search-on-demand.js, does it), so
    "depotasyon" finds "depòtasyon"."""
    if lang in config.get("lang", []):
        return {**config, "lang": [lang]}
    return {**config, "lang": ["en"], "pipeline": ["trimmer"], "fold": True}


_BUNDLE_PLACEHOLDER = '"search.THEME-BUNDLE.min.js"'
_BUNDLE_NAME = re.compile(r"search\.[0-9a-f]+\.min\.js")


def pin_search_bundle(stand_in: str, bundles: list[str]) -> str:
    """The stand-in search worker with the theme's search bundle named in it: the one file
    `search.<hash>.min.js` beside it (`bundles`, the names found there). It imports that
    file and no other, whatever a page's configuration names."""
    names = [name for name in bundles if _BUNDLE_NAME.fullmatch(name)]
    if len(names) == 1 and f'"{names[0]}"' in stand_in and _BUNDLE_PLACEHOLDER not in stand_in:
        return stand_in  # pinned already (by the build of another language)
    if len(names) != 1 or stand_in.count(_BUNDLE_PLACEHOLDER) != 1:
        raise ThemeChanged(
            f"Material's search worker is not one file search.<hash>.min.js (found: "
            f"{', '.join(names) or 'none'}) or {SEARCH_STAND_IN} does not name "
            f"{_BUNDLE_PLACEHOLDER} once; update material_html.pin_search_bundle"
        )
    return stand_in.replace(_BUNDLE_PLACEHOLDER, f'"{names[0]}"')


# The inline scripts of Material's templates (base.html), the only inline scripts the
# site's policy lets run. Each is matched whole, as the theme writes it; "{scope}" stands
# for the page's way back to the site root (".", "..", "/" …), the one part that varies.
# Two of them the site replaces (overrides/partials/javascripts/): read from there.
_OWN_SCRIPTS = Path(__file__).resolve().parent.parent / "overrides" / "partials" / "javascripts"
_SCOPE_EXPRESSION = "{{ config.extra.scope | d(base_url) }}"


def _own_script(name: str) -> str:
    """The one inline script of the partial overrides/partials/javascripts/`name`."""
    text = (_OWN_SCRIPTS / name).read_text(encoding="utf-8")
    (body,) = re.findall(r"<script>(.*?)</script>", text, re.S)
    body = body.replace(_SCOPE_EXPRESSION, "{scope}")
    if "{{" in body or "{%" in body:
        raise ThemeChanged(
            f"overrides/partials/javascripts/{name}: its script may use no template "
            f"value but {_SCOPE_EXPRESSION}; update material_html._own_script"
        )
    return body


THEME_SCRIPTS = {
    "start-up (base.html: no-js to js, and the theme's local memory)": _own_script("base.html"),
    "colour palette (base.html: the reader's colour scheme before the first paint)": (
        _own_script("palette.html")
    ),
    "content tabs (base.html: the tab named in the address)": (
        "var target=document.getElementById(location.hash.slice(1));target&&target.name&&"
        '(target.checked=target.name.startsWith("__tabbed_"))'
    ),
}
# The scope is a quoted string without quotes or backslashes: it cannot end the literal.
_SCOPE = re.compile(r'(__md_scope=new URL\(")[^"\\]*(",location\))')
_SCRIPT_NAMES = {text: name for name, text in THEME_SCRIPTS.items()}


def theme_script(body: str) -> str | None:
    """The name of the theme's inline script whose text `body` is, or None."""
    return _SCRIPT_NAMES.get(_SCOPE.sub(r"\1{scope}\2", body, count=1))


def version_own_assets(html: str, versions: dict[str, str]) -> str:
    """Give each of the site's own files (`versions`: "assets/site.css" -> a hash of its
    content) that the page names its version in the address ("assets/site.css?v=1a2b…"),
    where the theme's templates wrote it (extra_css, extra_javascript, the search worker in
    __config). A new release then never pairs new pages with a cached old script."""
    if not versions:
        return html
    names = "|".join(re.escape(path) for path in sorted(versions, key=len, reverse=True))
    # An earlier language's build may have versioned the page already: replace that.
    pattern = re.compile(rf'(?<=[/"])({names})(?:\?v=[0-9a-f]+)?(["#?&])')

    def add(match: re.Match[str]) -> str:
        version, after = f"?v={versions[match[1]]}", match[2]
        return match[1] + version + ("&" if after in "?&" else after)

    return pattern.sub(add, html)


# Material's header: the site's name (its first topic), and the search button after it.
_HEADER_SITE_NAME = re.compile(
    r'<div class="md-header__topic">\s*<span class="md-ellipsis">.*?</span>', re.S
)
_HEADER_SEARCH = re.compile(r'<label class="md-header__button md-icon" for="__search">')
# Its second topic: the page's title, shown once the page's own heading has scrolled away.
_HEADER_PAGE_TITLE = re.compile(
    r'<div class="md-header__topic" data-md-component="header-topic">\s*'
)


def extend_header(header: str, short_name: str, call: str, short_title: str = "") -> str:
    """Material's header with the site's short name beside its full one (CSS shows the one
    that fits), the page's short title (if any) before its full one, and the call link
    before the search button (or at the end of the bar)."""
    steps = [(_HEADER_SITE_NAME, short_name, "site name")]
    if short_title:
        steps.append((_HEADER_PAGE_TITLE, short_title, "page title"))
    for pattern, added, part in steps:
        header, found = pattern.subn(lambda m, added=added: m[0] + added, header, count=1)
        if not found:
            raise ThemeChanged(
                f"Material's header has no {part} where material_html.extend_header looks "
                "for it: its template changed, so update material_html.extend_header"
            )
    if _HEADER_SEARCH.search(header):
        return _HEADER_SEARCH.sub(lambda m: call + m[0], header, count=1)
    return header.replace("</nav>", call + "</nav>", 1)


def split_search_index(index_json: str, languages: Sequence[str]) -> tuple[str, dict[str, str]]:
    """Material's search index for every language -> (the empty index Material fetches on
    every page, {language: that language's index}, which the stand-in worker fetches on the
    first search). Pages of a language other than the first live under "<lang>/"; each
    index keeps only its own language's stemmer and stop words (or, for a language lunr has
    none for, plain accent-folded words: search_index_config)."""
    index = json.loads(index_json)
    default, *others = languages

    def language_of(location: str) -> str:
        return next((lang for lang in others if location.startswith(f"{lang}/")), default)

    def compact(value: dict) -> str:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)

    stub = {"config": index["config"], "docs": []}
    return compact(stub), {
        lang: compact(
            {
                "config": search_index_config(index["config"], lang),
                "docs": [d for d in index["docs"] if language_of(d["location"]) == lang],
            }
        )
        for lang in languages
    }


def finish_page(
    html: str, page_url: str | None, *, absolute: bool, served_at_page_url: bool
) -> str:
    """A page as the theme wrote it, finished: tidied (tidy_theme_html), its addresses made
    absolute when `absolute` (absolute_links; not for `mkdocs serve`, whose reader may open
    the preview at another host name), search loaded on demand, its indentation collapsed."""
    html = tidy_theme_html(html)
    if page_url and absolute:
        html = absolute_links(html, page_url, served_at_page_url=served_at_page_url)
    return collapse_indentation(search_on_demand(html))


def search_files_on_demand(site: Path, languages: Sequence[str]) -> None:
    """Material fetches search/search_index.json on every page: leave it the empty index,
    and one index per language beside it (search_index.<lang>.json) for the stand-in
    worker's first search, so that a Spanish page finds Spanish pages."""
    index = site / "search" / "search_index.json"
    if index.exists():
        stub, by_language = split_search_index(index.read_text(encoding="utf-8"), languages)
        for lang, text in by_language.items():
            (site / "search" / f"search_index.{lang}.json").write_text(text, encoding="utf-8")
        index.write_text(stub, encoding="utf-8")
    workers = site / "assets" / "javascripts" / "workers"
    stand_in = workers / SEARCH_STAND_IN
    if stand_in.exists():
        text = pin_search_bundle(
            stand_in.read_text(encoding="utf-8"), sorted(p.name for p in workers.iterdir())
        )
        stand_in.write_text(text, encoding="utf-8")
