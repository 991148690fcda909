"""The Content-Security-Policy helpers."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

import material_html
import security
from yamlsource import SourceError


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


THEME = material_html.THEME_SCRIPTS


def theme(name_start: str, scope: str = "..") -> str:
    text = next(text for name, text in THEME.items() if name.startswith(name_start))
    return text.replace("{scope}", scope)


def test_only_the_themes_inline_code_is_hashed() -> None:
    html = (
        f"<script>{theme('start-up')}</script>"
        f"<SCRIPT>{theme('start-up', '../..')}</SCRIPT>"
        '<script src="x.js"></script>'
        '<script type="application/json">{"a":1}</script>'
        '<script type="application/ld+json">{}</script>'
        f"<script>{theme('content tabs')}</script >"
    )
    assert security.inline_script_hashes(html, "faq/index.html") == {
        sha(theme("start-up")),
        sha(theme("start-up", "../..")),
        sha(theme("content tabs")),
    }


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("<script>alert(1)</script>", "an inline <script> that is not one of the theme's own"),
        ("<ScRiPt >alert(1)</sCrIpT>", "an inline <script> that is not one of the theme's own"),
        (f"<script>{theme('content tabs')};alert(1)</script>", "not one of the theme's own"),
        (
            "<script>" + theme("start-up", '",alert(1),"') + "</script>",
            "not one of the theme's own",
        ),
        ('<script type="module">alert(1)</script>', "not one of the theme's own"),
        ('<script type="text/plain">alert(1)</script>', "not one of the theme's own"),
        ('<img src="x" onerror="alert(1)">', "<img> has an event-handler attribute"),
        ('<p class="a"\nONCLICK=alert(1)>', "<p> has an event-handler attribute"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "<meta http-equiv>"),
        ('<META HTTP-EQUIV="refresh" content="0">', "<meta http-equiv>"),
        ('<base href="https://evil.example/">', "<base> is not allowed"),
        ('<iframe src="https://evil.example"></iframe>', "<iframe> is not allowed"),
    ],
)
def test_anything_else_that_runs_or_redirects_stops_the_build(html: str, message: str) -> None:
    with pytest.raises(SourceError, match=re.escape(message)) as caught:
        security.inline_script_hashes(f"<html><head></head><body>{html}</body></html>", "x.html")
    assert str(caught.value).startswith("x.html: ")


def test_quoted_text_that_looks_like_a_handler_is_fine() -> None:
    html = '<div data-rules=\'{"a": " onclick=1"}\' title="x onload=y">'
    assert security.inline_script_hashes(html, "x.html") == set()


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("<script>alert(1)</script>", "<script> is not allowed in a page"),
        ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "<script> is not allowed in a page"),
        ("<svg><script>alert(1)</script></svg>", "<script> is not allowed in a page"),
        ("<style>body{display:none}</style>", "<style> is not allowed in a page"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example">', "<meta> is not"),
        ('<base href="https://evil.example/">', "<base> is not allowed"),
        ("<iframe src=https://evil.example></iframe>", "<iframe> is not allowed"),
        ('<object data="x.swf"></object>', "<object> is not allowed"),
        ('<embed src="x.swf">', "<embed> is not allowed"),
        ('<form action="https://evil.example"><input></form>', "<form> is not allowed"),
        ('<link rel="stylesheet" href="https://evil.example/x.css">', "<link> is not allowed"),
        ('<img src="x.png" OnError="alert(1)">', "the attribute onerror on <img> runs code"),
        ('<p style="display:none">x</p>', "the attribute style on <p> is not allowed"),
        ('<a href=" JaVaScRiPt:alert(1)">x</a>', 'a "javascript:" address on <a>'),
        ('<a href="java&#x09;script:alert(1)">x</a>', 'a "javascript:" address on <a>'),
        ('<img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;">', 'a "data:" address'),
    ],
)
def test_page_content_may_not_carry_code_styles_or_redirects(html: str, message: str) -> None:
    with pytest.raises(SourceError, match=re.escape(message)) as caught:
        security.check_content(f"<p>Text</p>\n{html}", "docs/faq.md")
    assert str(caught.value).startswith("docs/faq.md: ")


def test_ordinary_page_content_passes() -> None:
    security.check_content(
        '<h2 id="a">A</h2><p>Text <a href="../forms/#x" title="t">link</a> <cite>x</cite></p>'
        '<details><summary>More</summary><img src="../assets/images/a.svg" alt=""></details>',
        "docs/faq.md",
    )


def test_the_preview_allows_its_own_reload_script_only_where_it_sends_it() -> None:
    html = security.add_policy('<html><head><meta charset="utf-8"></head>', "script-src 'self'")
    out = security.allow_script(html, "livereload(1, 2);")
    assert f"script-src {sha('livereload(1, 2);')} 'self'" in out
    assert "unsafe-inline" not in out


def test_policy_allows_only_this_site_and_hashed_scripts() -> None:
    csp = security.policy({sha("x")})
    assert "default-src 'self'" in csp
    assert f"script-src 'self' {sha('x')}" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    for directive in ("object-src 'none'", "base-uri 'self'", "form-action 'none'"):
        assert directive in csp


def test_policy_goes_first_in_head_and_replaces_an_old_one() -> None:
    head = '<html><head><meta charset="utf-8">'
    html = head + '<meta http-equiv="Content-Security-Policy" content="old"></head>'
    out = security.add_policy(html, "new")
    assert out.startswith(head + '<meta http-equiv="Content-Security-Policy" content="new">')
    assert "old" not in out
    assert '<meta name="referrer" content="no-referrer">' in out
