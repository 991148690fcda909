"""Rules for pages (front matter, links, one version per language, addresses), the firm's
details, and the finished sitemaps. Pure Python, no MkDocs imports."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import unicodedata
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

import yaml

import security
from facts import format_date
from yamlsource import SourceError, control_character

DESCRIPTION_LENGTH = (50, 160)
# What fits in the header of a 360-pixel-wide phone beside its buttons (tests/browser).
SHORT_TITLE_LENGTH = 22
FIRM_REQUIRED = ("name", "city", "phone", "cta")


# The front matter keys a page may use, and what each must hold. Material prints some
# other keys into the page unescaped (author, subtitle) or sends readers elsewhere with them
# (template: redirect.html and location), so every key not listed here is refused.
FRONT_MATTER = {
    "title": "text",
    "description": "text",
    "reviewed": "a date written YYYY-MM-DD",
    "short_title": f"text of at most {SHORT_TITLE_LENGTH} characters, the header's on phones",
    "faq": "true or false",
    "template": "home.html (the home pages only)",
}
_TEMPLATES = ("home.html",)
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def check_meta(meta: dict[str, Any], src: str, today: dt.date, lang: str = "en") -> dict[str, str]:
    """Check a page's front matter; return the normalised review date and its display text."""
    where = f"docs/{src}"
    for key in meta:
        if key not in FRONT_MATTER:
            raise SourceError(
                where,
                f'front matter field "{key}" is not allowed; use only ' + ", ".join(FRONT_MATTER),
                path=str(key),
            )
    for field in ("title", "description", "reviewed"):
        if meta.get(field) is None or not str(meta[field]).strip():
            raise SourceError(where, f'front matter has no "{field}"; add {field}: … at the top')
    for field in ("title", "description", "short_title"):
        if field not in meta:
            continue
        if not isinstance(meta[field], str):
            raise SourceError(
                where, f"must be one line of text, not {_kind(meta[field])}", path=field
            )
        if control_character(meta[field]):
            raise SourceError(where, control_character(meta[field]), path=field)
        if _UNSAFE_TEXT.search(meta[field]):
            raise SourceError(
                where,
                'HTML, template syntax and straight quotes (") are not allowed here; write plain '
                "text (curly quotes “ ” are fine)",
                path=field,
            )
    if "faq" in meta and not isinstance(meta["faq"], bool):
        raise SourceError(where, f"must be true or false, not {_quoted(meta['faq'])}", path="faq")
    if "template" in meta and meta["template"] not in _TEMPLATES:
        raise SourceError(
            where,
            f"{_quoted(meta['template'])} is not allowed; only the home pages use "
            "template: home.html",
            path="template",
        )
    if len(meta.get("short_title", "")) > SHORT_TITLE_LENGTH:
        raise SourceError(
            where,
            f"short_title is {len(meta['short_title'])} characters; write at most "
            f"{SHORT_TITLE_LENGTH}, or leave it out",
            path="short_title",
        )
    low, high = DESCRIPTION_LENGTH
    length = len(meta["description"].strip())
    if not low <= length <= high:
        raise SourceError(
            where, f"description is {length} characters; write {low} to {high}", path="description"
        )
    day = _review_day(meta["reviewed"])
    if day is None:
        raise SourceError(
            where, f"{_quoted(meta['reviewed'])} is not a date; write YYYY-MM-DD", path="reviewed"
        )
    if day > today:
        raise SourceError(
            where, f"{day} is in the future; use the day the page was reviewed", path="reviewed"
        )
    return {"reviewed": day.isoformat(), "reviewed_text": format_date(day.isoformat(), lang)}


def _review_day(value: Any) -> dt.date | None:
    # YAML reads 2026-11-27 as a date and "2026-11-27 10:00" as a date with a time: only the
    # first, or the same written as text, is a review date.
    if type(value) is dt.date:
        return value
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _quoted(value: Any) -> str:
    # In double quotes, with a line break or tab shown as \n or \t: the message stays one
    # line; at most 80 characters, so a huge value cannot make a huge message.
    text = json.dumps(str(value)[:200], ensure_ascii=False)
    return text if len(text) <= 80 else text[:78] + '…"'


def _kind(value: Any) -> str:
    return {list: "a list", dict: "a mapping", bool: "true/false"}.get(type(value), "a number")


# MkDocs' own pattern for a front matter block: when its YAML fails, MkDocs keeps the block
# as page text and reads no field at all, so the page seems to have no title.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)


def check_page(markdown: str, meta: dict[str, Any], src: str, today: dt.date, lang: str) -> None:
    """Check a page's front matter (`meta`, as MkDocs read it: checked, it gains "reviewed"
    and "reviewed_text") and its links, or raise SourceError."""
    unread = None if meta else front_matter_error(markdown, src)
    if unread:
        raise unread
    meta.update(check_meta(meta, src, today, lang))
    check_links(markdown, src)


def front_matter_error(markdown: str, src: str) -> SourceError | None:
    """Why MkDocs read no front matter from a page that has a front matter block, with the
    line in the page; None when the page has no such block."""
    match = _FRONT_MATTER.match(markdown)
    if not match:
        return None
    where = f"docs/{src}"
    try:
        data = yaml.load(match[1], Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        return SourceError(
            where,
            f"front matter is not valid YAML: {err.problem or err.context}; check indentation, "
            'colons and quotes (a text with ": " goes in double quotes)',
            line=mark.line + 2 if mark else None,  # the block starts on the page's line 2
        )
    except RecursionError:
        return SourceError(where, "front matter nests lists or mappings too deeply; check it")
    except (ValueError, yaml.YAMLError) as err:
        return SourceError(where, f"front matter has a date that does not exist ({err})")
    if not isinstance(data, dict):
        return SourceError(where, "front matter must be lines of the form key: value")
    return None


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
    words_by_language: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Check extra.firm in mkdocs.yml; return it with a tel: number derived from the phone,
    and without the optional details left empty (absent, so nothing shows them). Given
    data/ui.yml's words, a call-to-action may name a language (a promise of staff who speak
    it) only when extra.firm.languages lists it."""
    if not isinstance(firm, dict):
        raise SourceError("mkdocs.yml", "extra.firm is missing; add the firm's details there")
    if _depth(firm) > 4:  # the deepest detail (attorney.name) is 2 levels down
        raise SourceError(
            "mkdocs.yml",
            "extra.firm: lists and mappings nest too deeply; write each detail as "
            "text or a list of texts",
        )
    for field, value in _texts(firm, "extra.firm"):
        if control_character(value):
            raise SourceError("mkdocs.yml", f"{field}: {control_character(value)}")
    for field in FIRM_REQUIRED:
        if not str(firm.get(field) or "").strip():
            raise SourceError("mkdocs.yml", f"extra.firm.{field} is empty; fill it in")
        if field != "cta" and not isinstance(firm[field], str | int):
            raise SourceError("mkdocs.yml", f"extra.firm.{field}: write one line of text")
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
            "mkdocs.yml",
            f"extra.firm.phone {_quoted(firm['phone'])} is not a US number like 305-373-5385",
        )
    checked = {k: v for k, v in firm.items() if k not in FIRM_OPTIONAL or _given(v)}
    checked.setdefault("short_name", firm["name"])
    _check_firm_details(checked, language_names)
    if words_by_language:
        _check_cta_languages(cta, checked.get("languages", []), words_by_language)
    return {**checked, "tel": "+" + digits}


def _depth(value: Any) -> int:
    # How deep lists and mappings nest, counted without recursion (a value may nest 10,000 deep).
    deepest, todo = 0, [(value, 0)]
    while todo:
        item, depth = todo.pop()
        deepest = max(deepest, depth)
        if isinstance(item, dict | list) and depth <= 100:
            todo.extend((x, depth + 1) for x in (item.values() if isinstance(item, dict) else item))
    return deepest


def _texts(value: Any, path: str) -> list[tuple[str, str]]:
    # Every text in a block of mkdocs.yml, with where it is ("extra.firm.cta.en").
    if isinstance(value, dict):
        return [pair for key, item in value.items() for pair in _texts(item, f"{path}.{key}")]
    if isinstance(value, list):
        return [pair for i, item in enumerate(value) for pair in _texts(item, f"{path}[{i}]")]
    return [(path, value)] if isinstance(value, str) else []


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


# A plain address: no name, no "mailto:", no ?subject= or other parts a link would carry.
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


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
        raise fail("postal_code", f"{_quoted(firm['postal_code'])} is not a ZIP code like 33131")
    if "email" in firm and not _EMAIL.fullmatch(str(firm["email"])):
        raise fail(
            "email", f"{_quoted(firm['email'])} is not a plain address like name@example.com"
        )
    if "map_url" in firm and not str(firm["map_url"]).startswith("https://"):
        raise fail("map_url", "write the map's full https:// address")
    for field in ("opening_hours", "languages"):
        if field in firm and not isinstance(firm[field], list):
            raise fail(field, "write a list, one item per line starting with -")
    for hours in firm.get("opening_hours", []):
        if not isinstance(hours, str) or not OPENING_HOURS.match(hours):
            raise fail("opening_hours", f'{_quoted(hours)} is not like "Mo-Fr 09:00-17:00"')
    for code in firm.get("languages", []):
        if not isinstance(code, str) or code not in language_names:
            known = ", ".join(sorted(language_names))
            raise fail(
                "languages",
                f"{_quoted(code)} is not a language code data/ui.yml names "
                f"(language_names: {known})",
            )
    attorney = firm.get("attorney")
    if attorney is not None:
        if not isinstance(attorney, dict) or not str(attorney.get("name") or "").strip():
            raise fail("attorney.name", "is empty; write the responsible attorney's full name")
        number = str(attorney.get("florida_bar_number") or "").strip()
        if number and not number.isdigit():
            raise fail(
                "attorney.florida_bar_number",
                f"{_quoted(number)} is not a number; digits only",
            )
        firm["attorney"] = {"name": str(attorney["name"]).strip()} | (
            {"florida_bar_number": number} if number else {}
        )


def _folded(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFD", text.casefold()) if not unicodedata.combining(c)
    )


def _check_cta_languages(
    cta: dict[str, Any], spoken: list[str], words_by_language: dict[str, Any]
) -> None:
    # Each language's names, in every language of data/ui.yml ("Haitian Creole", "kreyòl
    # ayisyen"), and each of their words: "Hablamos criollo" names it as much as the full name.
    names: dict[str, set[str]] = {}
    for words in words_by_language.values():
        for code, name in (words.get("language_names") or {}).items():
            name = _folded(str(name))
            names.setdefault(code, set()).update({name, *re.findall(r"\w{4,}", name)})
    for lang, text in cta.items():
        said = _folded(str(text))
        for code in sorted(set(names) - set(spoken)):
            named = sorted(
                n for n in names[code] if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", said)
            )
            if named:
                raise SourceError(
                    "mkdocs.yml",
                    f'extra.firm.cta.{lang} names "{named[0]}", but extra.firm.languages does '
                    f"not list {code}: never promise staff who speak it; list {code} there "
                    "only if the office speaks it",
                )


def missing_words(words_by_language: dict[str, Any], languages: Sequence[str]) -> str | None:
    """The problem when data/ui.yml has no block of words for a language of the site."""
    missing = [lang for lang in languages if lang not in words_by_language]
    if missing:
        return f"data/ui.yml: no words for {', '.join(missing)}; add a block (copy the en one)"
    pair = ("translation_notice", "translation_link")
    for lang, words in words_by_language.items():
        given = [key for key in pair if key in words]
        if len(given) == 1:
            other = next(key for key in pair if key not in given)
            return f"data/ui.yml: {lang}.{given[0]} needs {lang}.{other} too; add it"
    return None


def language_names(words_by_language: dict[str, Any]) -> set[str]:
    """The language codes every language of data/ui.yml has a name for (check_firm's
    language_names)."""
    blocks = [words.get("language_names") or {} for words in words_by_language.values()]
    return set.intersection(*(set(names) for names in blocks)) if blocks else set()


def not_utf8(path: Path, name: str) -> str | None:
    """A one-line problem when the page file is not UTF-8 text, else None."""
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        return f"{name}: byte {err.start} is not UTF-8 text; save the file as UTF-8"
    return None


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


def finish_sitemaps(site: Path, languages: Sequence[str]) -> None:
    """The sitemap with x-default alternates and no changefreq, gzipped again, and a copy at
    every language root: Material's language switcher reads it from there."""
    sitemap = site / "sitemap.xml"
    if not sitemap.exists():
        return
    text = without_changefreq(add_x_default(sitemap.read_text(encoding="utf-8"), languages[0]))
    sitemap.write_text(text, encoding="utf-8")
    # MkDocs gzipped the sitemap before it was finished: the copy says the same again.
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    for lang in languages[1:]:
        (site / lang / "sitemap.xml").write_text(text, encoding="utf-8")


def docs_problem(docs: Path, extra_css: Any) -> str | None:
    """The first problem with the files under docs/ (security.docs_problem), two pages at one
    address, or mkdocs.yml's extra_css; None when there is none."""
    found = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if p.is_file()]
    return (
        security.docs_problem(docs) or same_address(found) or security.extra_css_problem(extra_css)
    )


def files_problem(docs: Path, languages: tuple[str, ...]) -> str | None:
    """Every page is in every language and is UTF-8 text (checked on the whole docs folder,
    before MkDocs reads a page and stops with a traceback on bad bytes); None when so."""
    sources = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md")]
    problems = missing_translations(sources, languages) + [
        problem for src in sources if (problem := not_utf8(docs / src, f"docs/{src}"))
    ]
    return "; ".join(problems) or None


def page_address(src: str) -> str:
    """The address MkDocs gives a page, without its language: "faq.md", "faq/index.md" and
    "faq.es.md" are all "faq/"; "index.md" and "README.md" are ""."""
    parts = base_page(src).removesuffix(".md").split("/")
    if parts[-1] in ("index", "README"):
        parts = parts[:-1]
    return "/".join(parts) + "/" if parts else ""


def same_address(sources: list[str]) -> str | None:
    """One line naming two pages that would be written to the same address (the second
    would silently replace the first), or None."""
    seen: dict[tuple[str, str], str] = {}
    for src in sorted(sources):
        locale = _LOCALE_SUFFIX.search(src)
        key = (locale[1] if locale else "", page_address(src))
        if key in seen:
            address = (f"{key[0]}/" if key[0] else "") + key[1]
            return (
                f"docs/{src}: would be the page /{address}, as docs/{seen[key]} is; rename or "
                "remove one of them"
            )
        seen[key] = src
    return None
