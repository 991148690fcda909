"""Content-Security-Policy for a static host, and the checks that keep code out of pages.

Pure Python, no MkDocs imports. The policy allows only this site's own files and, inline,
exactly the theme's own scripts (material_html.THEME_SCRIPTS): any other inline script stops
the build, so the hash list can never grow to admit one. Page content (the HTML made from a
page's Markdown) may not carry scripts, styles, event handlers, redirects or embedded
documents at all.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from html.parser import HTMLParser

import material_html
from yamlsource import SourceError

_INLINE_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.I | re.S)
_HEAD_START = re.compile(r"<head[^>]*>(\s*<meta charset=[^>]*>)?")
# Scripts of these types are data, not code: the browser never runs them, CSP ignores them.
_DATA_TYPE = re.compile(r"""\stype\s*=\s*["']?application/(ld\+)?json["'\s]*$""", re.I)
_SRC = re.compile(r"\ssrc\s*=", re.I)
# In a finished page: a tag's attributes, quoted values removed (they may hold any text).
_TAG = re.compile(r"""<([a-zA-Z][\w:-]*)((?:"[^"]*"|'[^']*'|[^'">])*)>""")
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")
_HANDLER = re.compile(r"(?:^|[\s/])on[a-z]+\s*=", re.I)
_NEVER_IN_OUTPUT = {"base", "iframe", "object", "embed", "frame", "frameset"}

DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self' {hashes}",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
)


def script_hash(body: str) -> str:
    """The CSP source expression ('sha256-…') that lets exactly this inline script run."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_script_hashes(html: str, where: str) -> set[str]:
    """The hashes of a finished page's inline scripts, each one of the theme's own; any other
    inline script, event-handler attribute, <meta http-equiv>, <base> or embedded document
    stops the build with one line naming the page (`where`)."""
    hashes = set()
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match["attrs"]
        if _SRC.search(attrs) or _DATA_TYPE.search(attrs):
            continue
        if material_html.theme_script(match["body"]) is None:
            raise SourceError(
                where,
                "an inline <script> that is not one of the theme's own; scripts go in files "
                "under docs/assets/",
            )
        hashes.add(script_hash(match["body"]))
    for tag in _TAG.finditer(html):
        name, attrs = tag[1].lower(), _QUOTED.sub('""', tag[2])
        if _HANDLER.search(attrs):
            raise SourceError(where, f"<{name}> has an event-handler attribute (on…=); remove it")
        if name in _NEVER_IN_OUTPUT or (name == "meta" and "http-equiv" in attrs.lower()):
            what = "<meta http-equiv>" if name == "meta" else f"<{name}>"
            raise SourceError(where, f"{what} is not allowed in a page; remove it")
    return hashes


# Elements that run code, restyle the page, send readers elsewhere or embed another
# document; Markdown pages need none of them.
_FORBIDDEN_ELEMENTS = {
    "script": "scripts go in files under docs/assets/",
    "style": "styles go in docs/assets/site.css",
    "meta": "pages may not redirect or set headers",
    "base": "it would change where every link leads",
    "iframe": "link to the page instead",
    "frame": "link to the page instead",
    "object": "link to the file instead",
    "embed": "link to the file instead",
    "form": "only the self-check has a form, and the build places it",
    "link": "stylesheets and scripts are listed in mkdocs.yml",
}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
_CODE_SCHEMES = re.compile(r"(javascript|data|vbscript):", re.I)
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]")


class _ContentChecker(HTMLParser):
    """Finds the first element or attribute of page content that the site refuses."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problem: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.problem:
            return
        if tag in _FORBIDDEN_ELEMENTS:
            self.problem = f"<{tag}> is not allowed in a page ({_FORBIDDEN_ELEMENTS[tag]})"
            return
        for name, value in attrs:
            if name.startswith("on"):
                self.problem = f"the attribute {name} on <{tag}> runs code; remove it"
                return
            if name in ("style", "srcdoc"):
                self.problem = f"the attribute {name} on <{tag}> is not allowed; remove it"
                return
            scheme = _CODE_SCHEMES.match(_IGNORED_IN_SCHEME.sub("", value or ""))
            if name in _URL_ATTRIBUTES and scheme:
                self.problem = (
                    f'a "{scheme[1].lower()}:" address on <{tag}> is not allowed; link to a '
                    "page or an https:// address"
                )
                return

    handle_startendtag = handle_starttag


def check_content(html: str, where: str) -> None:
    """Refuse page content (HTML made from a page's Markdown) that holds a script, a style,
    an event handler, a redirect, a form or an embedded document: one line naming the page."""
    if "<" not in html:
        return
    checker = _ContentChecker()
    checker.feed(html)
    checker.close()
    if checker.problem:
        raise SourceError(where, checker.problem)


def policy(hashes: Iterable[str]) -> str:
    """The Content-Security-Policy value for these inline-script hashes."""
    return "; ".join(DIRECTIVES).format(hashes=" ".join(sorted(hashes))).replace("  ", " ")


def without_policy(html: str) -> str:
    """The page without the policy tags that add_policy put there (an earlier language's
    build may have finished this page already)."""
    if 'http-equiv="Content-Security-Policy"' in html:  # a search of the whole page is slow
        html = re.sub(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    if '<meta name="referrer"' in html:
        html = re.sub(r'\s*<meta name="referrer"[^>]*>', "", html)
    return html


def add_policy(html: str, csp: str) -> str:
    """Put the CSP and a no-referrer policy at the top of <head> (after the charset),
    replacing any earlier ones."""
    tags = (
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="referrer" content="no-referrer">'
    )
    return _HEAD_START.sub(lambda m: m.group(0) + tags, without_policy(html), count=1)


_POLICY_SCRIPTS = re.compile(
    r'(<meta http-equiv="Content-Security-Policy" content="[^"]*script-src)'
)


def allow_script(html: str, body: str) -> str:
    """The page with its policy also allowing this one inline script. For `mkdocs serve`'s
    reload script only: the preview adds it to each page it sends, never to a built file."""
    return _POLICY_SCRIPTS.sub(lambda m: f"{m[1]} {script_hash(body)}", html, count=1)


def headers_file(csp: str) -> str:
    """A `_headers` file (Netlify, Cloudflare Pages) sending the same policy as HTTP headers."""
    return (
        f"/*\n  Content-Security-Policy: {csp}; frame-ancestors 'none'\n"
        "  Referrer-Policy: no-referrer\n  X-Content-Type-Options: nosniff\n"
    )
