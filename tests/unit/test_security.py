"""The Content-Security-Policy helpers."""

from __future__ import annotations

import base64
import hashlib

import security


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_only_inline_code_is_hashed() -> None:
    html = (
        "<script>var a=1</script>"
        '<script src="x.js"></script>'
        '<script type="application/json">{"a":1}</script>'
        '<script type="application/ld+json">{}</script>'
        "<script>\nvar b=2\n</script>"
    )
    assert security.inline_script_hashes(html) == {sha("var a=1"), sha("\nvar b=2\n")}


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
