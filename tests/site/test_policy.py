"""The built site's Content-Security-Policy lets exactly the theme's own inline scripts run:
no other hash, no 'unsafe-inline', and never the preview's reload script."""

from __future__ import annotations

import re

import material_html
import security

SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


def test_the_policy_hashes_exactly_the_theme_scripts_on_the_pages(site, html_pages) -> None:
    ran, policies = set(), set()
    for url, path in html_pages.items():
        html = path.read_text(encoding="utf-8")
        (policy,) = POLICY.findall(html)
        policies.add(policy)
        for match in SCRIPT.finditer(html):
            if "src=" in match["attrs"] or "json" in match["attrs"]:
                continue
            assert material_html.theme_script(match["body"]), f"/{url}: {match['body'][:80]}"
            ran.add(security.script_hash(match["body"]))
    (policy,) = policies  # one policy for the whole site
    script_src = next(d for d in policy.split("; ") if d.startswith("script-src "))
    assert set(script_src.split()[2:]) == ran
    assert script_src.split()[1] == "'self'"
    assert "unsafe" not in policy and "nonce" not in policy
    assert f"Content-Security-Policy: {policy}; frame-ancestors 'none'" in (
        site / "_headers"
    ).read_text(encoding="utf-8")


def test_no_built_page_has_a_reload_script_or_a_redirect(html_pages) -> None:
    for url, path in html_pages.items():
        html = path.read_text(encoding="utf-8").lower()
        assert "livereload" not in html, url
        assert 'http-equiv="refresh"' not in html, url
