"""Content-Security-Policy for a static host: hash the theme's inline scripts, add a meta tag.

Pure Python, no MkDocs imports. The policy allows only this site's own files; inline scripts
run only if their exact text was hashed at build time.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable

_INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL)
_HEAD_START = re.compile(r"<head[^>]*>(\s*<meta charset=[^>]*>)?")
# Scripts of these types are data, not code: the browser never runs them, CSP ignores them.
_DATA_TYPES = re.compile(r'\btype="(application/(ld\+)?json|text/template)"')

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


def inline_script_hashes(html: str) -> set[str]:
    """CSP source expressions ('sha256-…') for every inline script the browser would run."""
    hashes = set()
    for match in _INLINE_SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if "src=" in attrs or _DATA_TYPES.search(attrs):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return hashes


def policy(hashes: Iterable[str]) -> str:
    """The Content-Security-Policy value for these inline-script hashes."""
    return "; ".join(DIRECTIVES).format(hashes=" ".join(sorted(hashes))).replace("  ", " ")


def add_policy(html: str, csp: str) -> str:
    """Put the CSP and a no-referrer policy at the top of <head> (after the charset),
    replacing any earlier ones."""
    if 'http-equiv="Content-Security-Policy"' in html:  # a search of the whole page is slow
        html = re.sub(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    if '<meta name="referrer"' in html:
        html = re.sub(r'\s*<meta name="referrer"[^>]*>', "", html)
    tags = (
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="referrer" content="no-referrer">'
    )
    return _HEAD_START.sub(lambda m: m.group(0) + tags, html, count=1)


def headers_file(csp: str) -> str:
    """A `_headers` file (Netlify, Cloudflare Pages) sending the same policy as HTTP headers."""
    return (
        f"/*\n  Content-Security-Policy: {csp}; frame-ancestors 'none'\n"
        "  Referrer-Policy: no-referrer\n  X-Content-Type-Options: nosniff\n"
    )
