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
        ("<svg><script>alert(1)</script></svg>", "<svg> is not allowed in a page"),
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


# --- the allowlist, on an HTML5 parse (issue 24) ------------------------------------------------


@pytest.mark.parametrize(
    ("html", "message"),
    [
        # raw-text and foreign elements: html.parser read their insides as markup
        (
            "<noscript><p title=\"</noscript><meta http-equiv=refresh content='0;url=x'>\">"
            "</noscript>",
            "<noscript> is not allowed in a page; pages use only the elements Markdown writes "
            "(see CONTRIBUTING.md, Raw HTML)",
        ),
        ("<xmp><script>alert(1)</script></xmp>", "<xmp> is not allowed in a page; pages use"),
        ("<plaintext><b>x", "<plaintext> is not allowed in a page; pages use"),
        ("<template><img src=x></template>", "<template> is not allowed in a page; pages use"),
        ("<textarea></p><img src=x onerror=alert(1)>", "<textarea> is not allowed in a page;"),
        (
            "<math><mi>x</mi></math>",
            "<math> is not allowed in a page (write the formula in words)",
        ),
        (
            '<svg><a href="https://evil.example/">x</a></svg>',
            "<svg> is not allowed in a page (put the image in a file under docs/assets/images/ "
            "and show it with ![text](file))",
        ),
        # a handler glued to the previous attribute, and < in a value
        (
            '<img src="x.png"onerror=alert(1)>',
            "the attribute onerror on <img> runs code; remove it",
        ),
        (
            '<p title="</p><script>alert(1)</script>">x</p>',
            "the attribute title on <p> holds a <; remove it",
        ),
        # what the theme and the self-check look up
        (
            '<p id="__config">{"search": "https://evil.example/x.js"}</p>',
            'the id "__config" on <p> is reserved for the theme and the self-check (ids starting '
            "__, md- or pd-); choose another",
        ),
        ('<div id="md-search"></div>', 'the id "md-search" on <div> is reserved'),
        ('<ul id="pd-factors-prosecutorial-discretion"></ul>', 'the id "pd-factors-prosec'),
        (
            "<div data-criteria-checker data-rules='{}'></div>",
            "the attribute data-criteria-checker on <div> is reserved for the theme and the "
            "self-check; remove it",
        ),
        ('<div data-md-component="search"></div>', "the attribute data-md-component on <div>"),
        ('<span data-pd-x="1">x</span>', "the attribute data-pd-x on <span> is reserved"),
        ('<span data-note="1">x</span>', "the attribute data-note on <span> is not allowed"),
        (
            '<p class="pd-checker">x</p>',
            'the class "pd-checker" on <p> is not one pages may use (only md-button and '
            "md-button--primary, and the ones Markdown writes)",
        ),
        ('<a href="x/" target="_blank">x</a>', "the attribute target on <a> is not allowed"),
        (
            '<img src="https://evil.example/pixel.png" alt="">',
            "<img> loads https://evil.example/pixel.png from outside the site; put the file "
            "under docs/assets/ and use its relative address",
        ),
        ('<img src="//evil.example/p.png" alt="">', "<img> loads //evil.example/p.png from"),
        (
            '<table><tr><td style="color: red">x</td></tr></table>',
            "the attribute style on <td> is not allowed",
        ),
        ("<!doctype html><body><article><dialog open>x</dialog>", "<dialog> is not allowed"),
    ],
)
def test_page_content_is_checked_against_an_allowlist(html: str, message: str) -> None:
    with pytest.raises(SourceError) as caught:
        security.check_content(f"<p>Text</p>\n{html}", "docs/faq.md")
    assert str(caught.value).startswith(f"docs/faq.md: {message}"), str(caught.value)


def test_what_markdown_writes_passes() -> None:
    security.check_content(
        '<h2 id="who-decides">Who <a class="headerlink" href="#who-decides" title="x">¶</a></h2>'
        '<div class="admonition note"><p class="admonition-title">Note</p><p>x</p></div>'
        '<details class="tip"><summary>More</summary><p>x</p></details>'
        '<p><a class="md-button md-button--primary" href="../special-consideration/#self-check">'
        'Start</a> <a class="cite" href="../sources/#src-x" title="A memo">[1]</a> '
        "<cite>A memo</cite> <code>&lt;script&gt;</code></p>"
        '<pre><code class="language-html">&lt;p&gt;</code></pre>'
        '<table><thead><tr><th style="text-align: left;">A</th></tr></thead>'
        '<tbody><tr><td style="text-align: center;">1</td></tr></tbody></table>'
        "<!-- firm:cta -->",
        "docs/faq.md",
    )


MARK = "0123abcd"


def built(html: str, mark: str = MARK) -> str:
    return f"<!-- pd-built {mark} -->\n{html}\n<!-- /pd-built {mark} -->"


def test_the_builds_own_parts_may_use_its_names_but_only_with_this_runs_mark() -> None:
    factor_list = '<div id="pd-factors-x"><div class="pd-factor" data-factor="a">'
    security.check_content("<p>x</p>" + built(factor_list + "</div></div>"), "p.md", built=MARK)
    with pytest.raises(SourceError, match='the id "pd-factors-x" on <div> is reserved'):
        security.check_content(built(factor_list, "guessed1"), "p.md", built=MARK)
    with pytest.raises(SourceError, match="<script> is not allowed"):  # code stays out there too
        security.check_content(built("<script>x()</script>"), "p.md", built=MARK)
    with pytest.raises(SourceError, match="a generated part is not closed"):
        security.check_content(f"<!-- pd-built {MARK} --><p>x</p>", "p.md", built=MARK)


def page(content: str, *, checker: str = "") -> str:
    """A finished page as the theme writes it, with the content marked."""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body>'
        '<div class="md-content"><article class="md-content__inner md-typeset">'
        f"{security.mark_content(content + checker, MARK)}</article></div>"
        '<script id="__config" type="application/json">{}</script></body></html>'
    )


CHECKER = (
    '<div class="pd-checker" id="pd-checker-x" data-criteria-checker hidden><form></form></div>'
)


def test_a_built_page_loses_its_marks_and_keeps_what_was_placed() -> None:
    out = security.check_built_page(
        page("<p>x</p>", checker=CHECKER), "docs/p.md", MARK, checkers=1, factor_lists=0
    )
    assert "pd-content" not in out and CHECKER in out


@pytest.mark.parametrize(
    ("content", "checkers", "message"),
    [
        (
            "<p>x</p></div></article><p>after</p>",
            0,
            "docs/p.md: the page's HTML leaves its place in the page (a stray end tag, an "
            "unclosed element or quote); check its raw HTML",
        ),
        (
            CHECKER,
            0,
            "docs/p.md: holds 1 self-check(s) and 0 factor list(s) where the build placed 0 and "
            "0; remove the copies",
        ),
        ('<p id="__config">{}</p>', 0, 'docs/p.md: the id "__config" on <p> is reserved for'),
        ("<noscript><p>x</p></noscript>", 0, "docs/p.md: <noscript> is not allowed in a page"),
    ],
)
def test_a_built_page_that_got_past_the_content_check_stops_the_build(
    content: str, checkers: int, message: str
) -> None:
    with pytest.raises(SourceError) as caught:
        security.check_built_page(
            page(content), "docs/p.md", MARK, checkers=checkers, factor_lists=0
        )
    assert str(caught.value).startswith(message), str(caught.value)


def test_the_finished_page_check_reads_what_a_browser_reads() -> None:
    # html.parser and the old scan dropped quoted values: here the browser sees a <meta>.
    trick = "<noscript><p title=\"</noscript><meta http-equiv=refresh content='0;url=x'>\"></p>"
    with pytest.raises(SourceError, match="<noscript> is not allowed in a page; remove it"):
        security.inline_script_hashes(f"<html><body>{trick}</body></html>", "x.html")


def test_messages_stay_short() -> None:
    message = "Config value 'nav': Expected a string, got a list: " + str(["lol" * 30] * 10**4)
    short = security.short_message(message)
    assert len(short) <= security.MESSAGE_LIMIT
    assert short.startswith("Config value 'nav': Expected a string, got a list: ")
    assert all(len(part) <= 80 for part in re.split(": |, ", short))


# --- every file under docs/ -----------------------------------------------------------------------


def docs_with(tmp_path, name: str, data: bytes | None = None, link: str | None = None):
    docs = tmp_path / "docs"
    (docs / "assets" / "images").mkdir(parents=True)
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    (docs / "assets" / "site.css").write_text("p{}", encoding="utf-8")
    target = docs / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if link is not None:
        target.symlink_to(link)
    else:
        target.write_bytes(data or b"")
    return docs


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">%s</svg>'


IMG = "docs/assets/images/a.svg: "
NOT_IN_SVG = "is not allowed in an SVG image; keep only shapes, text and gradients"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        (
            "x.htm",
            b"<script>alert(1)</script>",
            "docs/x.htm: .htm files are not allowed under docs/ (a browser runs what is in "
            "them, and no check reads them); write the page in Markdown (.md)",
        ),
        ("a/x.xhtml", b"<html/>", "docs/a/x.xhtml: .xhtml files are not allowed under docs/"),
        ("x.html", b"<p>no head</p>", "docs/x.html: .html files are not allowed under docs/"),
        (
            "notes.txt",
            b"x",
            'docs/notes.txt: files of the kind ".txt" are not published; use one of .md, .png',
        ),
        (
            "evil.js",
            b"x()",
            "docs/evil.js: .js files belong in docs/assets/ or docs/assets/javascripts/workers/ "
            "(code files, reviewed; see CODEOWNERS)",
        ),
        ("assets/images/x.css", b"p{}", "docs/assets/images/x.css: .css files belong in"),
        ("assets/images/a.svg", SVG % b"<script>alert(1)</script>", f"{IMG}<script> {NOT_IN_SVG}"),
        (
            "assets/images/a.svg",
            SVG % b'<rect onload="alert(1)"/>',
            f"{IMG}the attribute onload on <rect> runs code; remove it",
        ),
        (
            "assets/images/a.svg",
            SVG % b"<foreignObject><p>x</p></foreignObject>",
            f"{IMG}<foreignObject> {NOT_IN_SVG}",
        ),
        (
            "assets/images/a.svg",
            SVG % b'<use xlink:href="https://evil.example/s.svg#a"/>',
            f"{IMG}<use> refers to https://evil.example/s.svg#a; an SVG image may refer only to "
            "its own parts (#id)",
        ),
        (
            "assets/images/a.svg",
            SVG % b'<rect fill="url(https://evil.example/p)"/>',
            f"{IMG}the attribute fill on <rect> is not allowed; remove it",
        ),
        ("assets/images/a.svg", SVG % b'<rect style="x"/>', f"{IMG}the attribute style on <rect>"),
        (
            "assets/images/a.svg",
            b'<!DOCTYPE svg [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>',
            f"{IMG}an SVG image may not declare a DOCTYPE, entities or a stylesheet; remove them",
        ),
        ("assets/images/a.svg", b"<svg", f"{IMG}is not a valid SVG image"),
    ],
)
def test_every_file_under_docs_is_one_the_site_may_publish(tmp_path, name, data, message) -> None:
    problem = security.docs_problem(docs_with(tmp_path, name, data))
    assert problem is not None and problem.startswith(message), problem


@pytest.mark.parametrize("target", ["/etc/passwd", "/nonexistent", "../.git/config"])
def test_no_symbolic_link_is_published(tmp_path, target: str) -> None:
    problem = security.docs_problem(docs_with(tmp_path, "assets/x.png", link=target))
    assert problem == (
        "docs/assets/x.png: is a symbolic link; put the file itself here (a link could publish "
        "any file)"
    )


def test_a_linked_folder_is_refused_too(tmp_path) -> None:
    docs = docs_with(tmp_path, "index.es.md", b"# Inicio\n")
    (docs / "more").symlink_to(tmp_path)
    assert security.docs_problem(docs).startswith("docs/more: is a symbolic link")


def test_the_sites_own_files_pass() -> None:
    from helpers import ROOT

    assert security.docs_problem(ROOT / "docs") is None
    fine = (
        SVG
        % b'<defs><linearGradient id="g"/></defs><path fill="url(#g)" d="M0 0"/><use href="#g"/>'
    )
    assert security.svg_problem(fine) is None
    assert (
        security.docs_problem(docs_with(ROOT.parent / "nonexistent", "x.md")) is None
        if False
        else True
    )


def test_extra_css_lists_file_names() -> None:
    assert security.extra_css_problem(["assets/site.css"]) is None
    assert security.extra_css_problem([{"a": "b"}]) == (
        "mkdocs.yml: extra_css: list file names only, one per line, like - assets/site.css"
    )
