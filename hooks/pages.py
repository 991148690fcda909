"""Rules for page front matter and the firm's details. Pure Python, no MkDocs imports."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Collection, Sequence
from typing import Any
from urllib.parse import urljoin, urlsplit

from facts import format_date
from yamlsource import SourceError

DESCRIPTION_LENGTH = (50, 160)
FIRM_REQUIRED = ("name", "city", "phone", "cta")


def check_meta(meta: dict[str, Any], src: str, today: dt.date, lang: str = "en") -> dict[str, str]:
    """Check a page's front matter; return the normalised review date and its display text."""
    where = f"docs/{src}"
    for field in ("title", "description", "reviewed"):
        if not str(meta.get(field) or "").strip():
            raise SourceError(where, f'front matter has no "{field}"; add {field}: … at the top')
    for field in ("title", "description"):
        if _UNSAFE_TEXT.search(str(meta[field])):
            raise SourceError(
                where,
                'HTML, template syntax and straight quotes (") are not allowed here; write plain '
                "text (curly quotes “ ” are fine)",
                path=field,
            )
    low, high = DESCRIPTION_LENGTH
    length = len(str(meta["description"]).strip())
    if not low <= length <= high:
        raise SourceError(
            where, f"description is {length} characters; write {low} to {high}", path="description"
        )
    reviewed = meta["reviewed"]
    try:
        day = reviewed if isinstance(reviewed, dt.date) else dt.date.fromisoformat(str(reviewed))
    except ValueError:
        raise SourceError(
            where, f'"{reviewed}" is not a date; write YYYY-MM-DD', path="reviewed"
        ) from None
    if day > today:
        raise SourceError(
            where, f"{day} is in the future; use the day the page was reviewed", path="reviewed"
        )
    return {"reviewed": day.isoformat(), "reviewed_text": format_date(day.isoformat(), lang)}


# The theme puts title and description into HTML attributes without escaping them.
_UNSAFE_TEXT = re.compile(r'[<>"]|\{\{|\{%')
_UNSAFE_LINK = re.compile(r"\]\(\s*<?\s*(javascript|data|vbscript):", re.IGNORECASE)


def check_links(markdown: str, src: str) -> None:
    """Refuse Markdown links that would run code or embed data (javascript:, data:, vbscript:)."""
    match = _UNSAFE_LINK.search(markdown)
    if match:
        line = markdown.count("\n", 0, match.start()) + 1
        raise SourceError(
            f"docs/{src}",
            f'a "{match.group(1)}:" link is not allowed; link to a page or an https:// address',
            line=line,
        )


def check_firm(
    firm: dict[str, Any] | None,
    languages: tuple[str, ...] = ("en",),
    language_names: Collection[str] = ("en", "es"),
) -> dict[str, Any]:
    """Check extra.firm in mkdocs.yml; return it with a tel: number derived from the phone,
    and without the optional details left empty (absent, so nothing shows them)."""
    if not isinstance(firm, dict):
        raise SourceError("mkdocs.yml", "extra.firm is missing; add the firm's details there")
    for field in FIRM_REQUIRED:
        if not str(firm.get(field) or "").strip():
            raise SourceError("mkdocs.yml", f"extra.firm.{field} is empty; fill it in")
    cta = firm["cta"]
    for lang in languages:
        if not isinstance(cta, dict) or not str(cta.get(lang) or "").strip():
            raise SourceError(
                "mkdocs.yml", f"extra.firm.cta.{lang} is empty; write the call-to-action in {lang}"
            )
    digits = re.sub(r"\D", "", str(firm["phone"]))
    if len(digits) == 10:
        digits = "1" + digits
    if len(digits) != 11 or not digits.startswith("1"):
        raise SourceError(
            "mkdocs.yml", f'extra.firm.phone "{firm["phone"]}" is not a US number like 305-373-5385'
        )
    checked = {k: v for k, v in firm.items() if k not in FIRM_OPTIONAL or _given(v)}
    checked.setdefault("short_name", firm["name"])
    _check_firm_details(checked, language_names)
    return {**checked, "tel": "+" + digits}


# Optional details: empty until the firm gives them, and then neither shown nor described.
FIRM_OPTIONAL = (
    "short_name",
    "email",
    "website",
    "street_address",
    "postal_code",
    "opening_hours",
    "languages",
    "attorney",
    "map_url",
)
# schema.org's form of opening hours: "Mo-Fr 09:00-17:00", "Sa 10:00-13:00".
_DAY = "(?:Mo|Tu|We|Th|Fr|Sa|Su)"
OPENING_HOURS = re.compile(rf"^{_DAY}(?:-{_DAY})?(?:,{_DAY}(?:-{_DAY})?)* \d\d:\d\d-\d\d:\d\d$")


def _given(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_given(v) for v in value.values())
    if isinstance(value, list):
        return any(_given(v) for v in value)
    return bool(str(value or "").strip())


def _check_firm_details(firm: dict[str, Any], language_names: Collection[str]) -> None:
    def fail(field: str, problem: str) -> SourceError:
        return SourceError("mkdocs.yml", f"extra.firm.{field}: {problem}")

    for field in ("short_name", "street_address", "postal_code", "map_url"):
        if field in firm and not isinstance(firm[field], str | int):
            raise fail(field, "write one line of text")
    if "postal_code" in firm and not re.fullmatch(r"\d{5}(-\d{4})?", str(firm["postal_code"])):
        raise fail("postal_code", f'"{firm["postal_code"]}" is not a ZIP code like 33131')
    if "map_url" in firm and not str(firm["map_url"]).startswith("https://"):
        raise fail("map_url", "write the map's full https:// address")
    for field in ("opening_hours", "languages"):
        if field in firm and not isinstance(firm[field], list):
            raise fail(field, "write a list, one item per line starting with -")
    for hours in firm.get("opening_hours", []):
        if not OPENING_HOURS.match(str(hours)):
            raise fail("opening_hours", f'"{hours}" is not like "Mo-Fr 09:00-17:00"')
    for code in firm.get("languages", []):
        if code not in language_names:
            known = ", ".join(sorted(language_names))
            raise fail(
                "languages",
                f'"{code}" is not a language code data/ui.yml names (language_names: {known})',
            )
    attorney = firm.get("attorney")
    if attorney is not None:
        if not isinstance(attorney, dict) or not str(attorney.get("name") or "").strip():
            raise fail("attorney.name", "is empty; write the responsible attorney's full name")
        number = str(attorney.get("florida_bar_number") or "").strip()
        if number and not number.isdigit():
            raise fail("attorney.florida_bar_number", f'"{number}" is not a number; digits only')
        firm["attorney"] = {"name": str(attorney["name"]).strip()} | (
            {"florida_bar_number": number} if number else {}
        )


# Material's header: the site's name (its first topic), and the search button after it.
_HEADER_SITE_NAME = re.compile(
    r'<div class="md-header__topic">\s*<span class="md-ellipsis">.*?</span>', re.S
)
_HEADER_SEARCH = re.compile(r'<label class="md-header__button md-icon" for="__search">')


def extend_header(header: str, short_name: str, call: str) -> str:
    """Material's header with the site's short name beside its full one (CSS shows the one
    that fits) and the call link before the search button (or at the end of the bar)."""
    header, found = _HEADER_SITE_NAME.subn(lambda m: m[0] + short_name, header, count=1)
    if not found:
        raise ValueError(
            "Material's header has no site name where pages.extend_header looks for it: its "
            "template changed, so update pages.extend_header"
        )
    if _HEADER_SEARCH.search(header):
        return _HEADER_SEARCH.sub(lambda m: call + m[0], header, count=1)
    return header.replace("</nav>", call + "</nav>", 1)


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
    (it searches that language's index) and naming Material's worker after "#" (the stand-in
    loads it, and the index, on the first search)."""
    if 'id="__config"' not in html:
        return html
    lang, count = _PAGE_LANG.search(html), 0
    if lang:
        html, count = _SEARCH_WORKER.subn(rf'\1{SEARCH_STAND_IN}?lang={lang[1]}#\2"', html)
    if count != 1:
        raise ValueError(
            "Material's page names no search worker or no <html lang> here; its template "
            "changed, so update pages.search_on_demand and docs/assets/javascripts/workers/"
        )
    return html


def split_search_index(index_json: str, languages: Sequence[str]) -> tuple[str, dict[str, str]]:
    """Material's search index for every language -> (the empty index Material fetches on
    every page, {language: that language's index}, which the stand-in worker fetches on the
    first search). Pages of a language other than the first live under "<lang>/"; each
    index keeps only its own language's stemmer and stop words."""
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
                "config": {**index["config"], "lang": [lang]},
                "docs": [d for d in index["docs"] if language_of(d["location"]) == lang],
            }
        )
        for lang in languages
    }


_LOCALE_SUFFIX = re.compile(r"\.([a-z]{2})\.md$")


def base_page(src: str) -> str:
    """The page a translation belongs to: "faq.es.md" -> "faq.md"."""
    return _LOCALE_SUFFIX.sub(".md", src)


def missing_translations(sources: list[str], languages: tuple[str, ...]) -> list[str]:
    """Pages that lack a version in one of the languages (the first language has no suffix)."""
    default, *others = languages
    pages = {base_page(s) for s in sources if s.endswith(".md")}
    present = set(sources)
    problems = []
    for page in sorted(pages):
        for lang in (default, *others):
            wanted = page if lang == default else page.removesuffix(".md") + f".{lang}.md"
            if wanted not in present:
                problems.append(f"docs/{wanted} is missing: every page needs a version in '{lang}'")
    return problems


_ALTERNATE = re.compile(
    r'(?P<indent>[ \t]*)<xhtml:link rel="alternate" '
    r'hreflang="(?P<lang>[^"]+)" href="(?P<href>[^"]+)"/>'
)


def add_x_default(sitemap: str, default_lang: str) -> str:
    """Add an x-default alternate (the default language's URL) to every sitemap entry."""

    def add(match: re.Match[str]) -> str:
        if match.group("lang") != default_lang:
            return match.group(0)
        x_default = (
            f'<xhtml:link rel="alternate" hreflang="x-default" href="{match.group("href")}"/>'
        )
        return f"{match.group(0)}\n{match.group('indent')}{x_default}"

    if 'hreflang="x-default"' in sitemap:
        return sitemap
    return _ALTERNATE.sub(add, sitemap)


_CHANGEFREQ = re.compile(r"[ \t]*<changefreq>[^<]*</changefreq>\n?")


def without_changefreq(sitemap: str) -> str:
    """Drop every <changefreq>: mkdocs-static-i18n says "daily" for every page, which is not
    true, and search engines ignore the field."""
    return _CHANGEFREQ.sub("", sitemap)
