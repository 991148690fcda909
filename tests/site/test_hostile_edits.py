# ruff: noqa: E501  (the corpus keeps each edit and its message on one line)
"""Careless and hostile edits, each on its own copy of the site.

Every edit must stop the build with exactly one line that names the file (and, where there
is one, the line and field), never a traceback; and so no injected script or redirect ever
reaches a built page. The edits are spread over every data file, the pages, their front
matter, the self-check files, the templates and mkdocs.yml.

Each edit's line is checked in process, by the checks the build makes, in the build's order
(helpers.site_problem); a handful go through `make build` (BUILT), which must print that one
line, no traceback, and leave `site/` as the previous good build, with nothing half written
beside it.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.etree import ElementTree

import pytest

import facts
import helpers
import pages
import security
import updates
import yamlsource
from helpers import ROOT, SITE_PARTS, error_lines, make_build, site_problem

PAGE = "docs/faq.md"
CRITERIA = "criteria/prosecutorial-discretion.yml"
PREVIOUS = "<!doctype html><title>the previous good build</title>"
# Read from the sources, so that a new field or a moved template line keeps the corpus true.
ALLOWED_FIELDS = ", ".join(pages.FRONT_MATTER)


def line_of(path: str, text: str) -> int:
    """The 1-based line of the first occurrence of text in a project file."""
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if text in line)


Edit = Callable[[Path], None]


def replace(path: str, old: str, new: str) -> Edit:
    def edit(site: Path) -> None:
        text = (site / path).read_text(encoding="utf-8")
        assert old in text, f"{path}: {old!r} not found"
        (site / path).write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def front_matter(line: str) -> Edit:
    """Add a line at the top of the FAQ page's front matter."""
    return replace(PAGE, "---\n", f"---\n{line}\n")


def field(name: str, value: str) -> Edit:
    """Set a front matter field of the FAQ page (replacing its line)."""

    def edit(site: Path) -> None:
        text = (site / PAGE).read_text(encoding="utf-8")
        old = re.search(rf"^{name}:.*\n", text, re.M)[0]
        (site / PAGE).write_text(text.replace(old, f"{name}: {value}\n", 1), encoding="utf-8")

    return edit


def append(path: str, text: str) -> Edit:
    def edit(site: Path) -> None:
        old = (site / path).read_text(encoding="utf-8")
        (site / path).write_text(old.rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")

    return edit


def first_line(path: str, prefix: str, value: str) -> Edit:
    """Give the first line of `path` that starts with `prefix` a new value."""

    def edit(site: Path) -> None:
        text = (site / path).read_text(encoding="utf-8")
        old = re.search(rf"^{re.escape(prefix)}.*\n", text, re.M)[0]
        (site / path).write_text(text.replace(old, prefix + value + "\n", 1), encoding="utf-8")

    return edit


def explanation(start: str) -> Edit:
    """Put `start` at the start of the first factor explanation of the self-check file."""
    return replace(
        CRITERIA,
        "    explanation:\n      en: >-\n        ",
        f"    explanation:\n      en: >-\n        {start}",
    )


def write_bytes(path: str, data: bytes) -> Edit:
    return lambda site: (site / path).write_bytes(data)


def nested(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


# name: (edit, the one line the build must print). In messages, "{n}" stands for any line
# or list position and "{any}" for a list that grows (ids, allowed keys): they move as
# editors add facts, words and updates.
CORPUS: dict[str, tuple[Edit, str]] = {
    # --- front matter ------------------------------------------------------------------------
    "fm-author-script": (
        front_matter('author: "<script>alert(1)</script>"'),
        'docs/faq.md: author: front matter field "author" is not allowed; use only '
        + ALLOWED_FIELDS,
    ),
    "fm-subtitle": (
        front_matter("subtitle: <img src=x onerror=alert(1)>"),
        'docs/faq.md: subtitle: front matter field "subtitle" is not allowed; use only '
        + ALLOWED_FIELDS,
    ),
    "fm-redirect-template": (
        front_matter("template: redirect.html"),
        'docs/faq.md: template: "redirect.html" is not allowed; only the home pages use template: home.html',
    ),
    "fm-redirect-location": (
        front_matter("location: https://evil.example/"),
        'docs/faq.md: location: front matter field "location" is not allowed; use only '
        + ALLOWED_FIELDS,
    ),
    "fm-hide": (
        front_matter("hide: [navigation, toc]"),
        'docs/faq.md: hide: front matter field "hide" is not allowed; use only ' + ALLOWED_FIELDS,
    ),
    "fm-title-list": (
        field("title", "[Questions, answers]"),
        "docs/faq.md: title: must be one line of text, not a list",
    ),
    "fm-title-mapping": (
        field("title", "{en: Questions}"),
        "docs/faq.md: title: must be one line of text, not a mapping",
    ),
    "fm-title-number": (
        field("title", "2026"),
        "docs/faq.md: title: must be one line of text, not a number",
    ),
    "fm-title-html": (
        field("title", "Questions <b>people</b> ask"),
        'docs/faq.md: title: HTML, template syntax and straight quotes (") are not allowed here; write plain text (curly quotes “ ” are fine)',
    ),
    "fm-title-template": (
        field("title", '"{{ config.extra }}"'),
        'docs/faq.md: title: HTML, template syntax and straight quotes (") are not allowed here; write plain text (curly quotes “ ” are fine)',
    ),
    "fm-description-quote": (
        field("description", "'Short answers about \"prosecutorial discretion\" and dismissals.'"),
        'docs/faq.md: description: HTML, template syntax and straight quotes (") are not allowed here; write plain text (curly quotes “ ” are fine)',
    ),
    "fm-description-short": (
        field("description", "Answers."),
        "docs/faq.md: description: description is 8 characters; write 50 to 160",
    ),
    "fm-description-empty": (
        field("description", '""'),
        'docs/faq.md: front matter has no "description"; add description: … at the top',
    ),
    "fm-reviewed-time": (
        field("reviewed", "2026-11-27 10:00"),
        'docs/faq.md: reviewed: "2026-11-27 10:00" is not a date; write YYYY-MM-DD',
    ),
    "fm-reviewed-newline": (
        field("reviewed", '"2026-11-27\\n"'),
        'docs/faq.md: reviewed: "2026-11-27\\n" is not a date; write YYYY-MM-DD',
    ),
    "fm-reviewed-compact": (
        field("reviewed", '"20261127"'),
        'docs/faq.md: reviewed: "20261127" is not a date; write YYYY-MM-DD',
    ),
    "fm-reviewed-missing-day": (
        field("reviewed", "2026-02-30"),
        "docs/faq.md: front matter has a date that does not exist (day is out of range for month)",
    ),
    "fm-reviewed-future": (
        field("reviewed", "2099-01-01"),
        "docs/faq.md: reviewed: 2099-01-01 is in the future; use the day the page was reviewed",
    ),
    "fm-faq-text": (field("faq", '"yes"'), 'docs/faq.md: faq: must be true or false, not "yes"'),
    "fm-yaml-colon": (
        field("description", "Short answers: dismissals, criminal records and timing here."),
        'docs/faq.md:3: front matter is not valid YAML: mapping values are not allowed here; check indentation, colons and quotes (a text with ": " goes in double quotes)',
    ),
    "fm-yaml-deep": (
        front_matter(f"hide: {nested(3000)}"),
        "docs/faq.md: front matter nests lists or mappings too deeply; check it",
    ),
    "fm-not-a-mapping": (
        write_bytes(PAGE, b"---\n- Questions\n- Answers\n---\n# Questions\n"),
        "docs/faq.md: front matter must be lines of the form key: value",
    ),
    # --- page content -----------------------------------------------------------------------
    "page-script": (
        append(PAGE, "<script>alert(1)</script>"),
        "docs/faq.md: <script> is not allowed in a page (scripts go in files under docs/assets/)",
    ),
    "page-script-upper": (
        append(PAGE, '<SCRIPT SRC="https://evil.example/x.js"></SCRIPT>'),
        "docs/faq.md: <script> is not allowed in a page (scripts go in files under docs/assets/)",
    ),
    "page-img-onerror": (
        append(PAGE, '<img src="x.png" onerror="alert(1)">'),
        "docs/faq.md: the attribute onerror on <img> runs code; remove it",
    ),
    "page-svg-onload": (
        append(PAGE, '<svg onload="alert(1)"></svg>'),
        "docs/faq.md: <svg> is not allowed in a page (put the image in a file under docs/assets/images/ and show it with ![text](file))",
    ),
    "page-style": (
        append(PAGE, "<style>body { display: none }</style>"),
        "docs/faq.md: <style> is not allowed in a page (styles go in docs/assets/site.css)",
    ),
    "page-meta-refresh": (
        append(PAGE, '<meta http-equiv="refresh" content="0; url=https://evil.example/">'),
        "docs/faq.md: <meta> is not allowed in a page (pages may not redirect or set headers)",
    ),
    "page-iframe": (
        append(PAGE, '<iframe src="https://evil.example/"></iframe>'),
        "docs/faq.md: <iframe> is not allowed in a page (link to the page instead)",
    ),
    "page-object": (
        append(PAGE, '<object data="https://evil.example/x"></object>'),
        "docs/faq.md: <object> is not allowed in a page (link to the file instead)",
    ),
    "page-embed": (
        append(PAGE, '<embed src="https://evil.example/x">'),
        "docs/faq.md: <embed> is not allowed in a page (link to the file instead)",
    ),
    "page-form": (
        append(PAGE, '<form action="https://evil.example/"><input></form>'),
        "docs/faq.md: <form> is not allowed in a page (only the self-check has a form, and the build places it)",
    ),
    "page-base": (
        append(PAGE, '<base href="https://evil.example/">'),
        "docs/faq.md: <base> is not allowed in a page (it would change where every link leads)",
    ),
    "page-link": (
        append(PAGE, '<link rel="stylesheet" href="https://evil.example/x.css">'),
        "docs/faq.md: <link> is not allowed in a page (stylesheets and scripts are listed in mkdocs.yml)",
    ),
    "page-html-javascript-link": (
        append(PAGE, '<a href="javascript:alert(1)">x</a>'),
        'docs/faq.md: a "javascript:" address on <a> is not allowed; link to a page or an https:// address',
    ),
    "page-entity-javascript-link": (
        append(PAGE, '<a href="jav&#x61;script:alert(1)">x</a>'),
        'docs/faq.md: a "javascript:" address on <a> is not allowed; link to a page or an https:// address',
    ),
    "page-markdown-javascript-link": (
        append(PAGE, "[Call us](javascript:alert(1))"),
        'docs/faq.md:{n}: a "javascript:" link is not allowed; link to a page or an https:// address',
    ),
    "page-markdown-data-link": (
        append(PAGE, "[See](data:text/html,x)"),
        'docs/faq.md:{n}: a "data:" link is not allowed; link to a page or an https:// address',
    ),
    "page-attr-list-onclick": (
        append(PAGE, '[Forms](forms.md){ onclick="alert(1)" }'),
        "docs/faq.md: the attribute onclick on <a> runs code; remove it",
    ),
    "page-attr-list-style": (
        append(PAGE, 'Hidden text.\n{: style="display:none" }'),
        "docs/faq.md: the attribute style on <p> is not allowed; remove it",
    ),
    "page-md-in-html-handler": (
        append(PAGE, '<div markdown onmouseover="alert(1)">\nText\n</div>'),
        "docs/faq.md: the attribute onmouseover on <div> runs code; remove it",
    ),
    "page-not-utf8": (
        write_bytes(PAGE, "---\ntitle: Preguntas\n---\nAsesor\xeda\n".encode("latin-1")),
        "docs/faq.md: byte 31 is not UTF-8 text; save the file as UTF-8",
    ),
    "page-unknown-fact": (
        append(PAGE, "See [[cite:no-such-fact]]."),
        "docs/faq.md: [[cite:no-such-fact]] names no fact; use an id from data/facts.yml, e.g. {any}",
    ),
    "page-unknown-marker": (
        append(PAGE, "<!-- pd:sourcez -->"),
        "docs/faq.md: unknown marker <!-- pd:sourcez -->; use one of criteria:factors, pd:glossary, pd:reviewed, pd:sources, pd:timeline, pd:updates, criteria:checker, firm:cta, firm:details",
    ),
    "page-updates-one-language": (
        replace("docs/updates.ht.md", "<!-- pd:updates -->", ""),
        "docs/updates.ht.md: <!-- pd:updates --> must be on the same page in every language (it is on updates.md in en, on no page in ht)",
    ),
    # --- data/facts.yml ---------------------------------------------------------------------
    "facts-url-fragment": (
        replace("data/facts.yml", '    url: "https://', '    url: "https://evil.example#'),
        'data/facts.yml:{n}: facts[{n}].url: "evil.example" is not an official host; link only to ice.gov, uscis.gov, govinfo.gov, justice.gov, supremecourt.gov, trac.syr.edu, federalregister.gov, dhs.gov, congress.gov, floridabar.org',
    ),
    "facts-url-backslash": (
        replace("data/facts.yml", '    url: "https://', '    url: "https://evil.example\\\\'),
        "data/facts.yml:{n}: facts[{n}].url: 'https://evil.example\\\\trac.syr.edu/immigration/reports/474/' has the wrong form; write a full https:// address on an official host, with no spaces, backslashes or quotes",
    ),
    "facts-url-http": (
        replace("data/facts.yml", '    url: "https://', '    url: "http://'),
        "data/facts.yml:{n}: facts[{n}].url: 'http://trac.syr.edu/immigration/reports/474/' has the wrong form; write a full https:// address on an official host, with no spaces, backslashes or quotes",
    ),
    "facts-url-lookalike": (
        replace(
            "data/facts.yml",
            '    url: "https://www.ice.gov',
            '    url: "https://www.ice.gov.evil.example',
        ),
        'data/facts.yml:{n}: facts[{n}].url: "www.ice.gov.evil.example" is not an official host; link only to ice.gov, uscis.gov, govinfo.gov, justice.gov, supremecourt.gov, trac.syr.edu, federalregister.gov, dhs.gov, congress.gov, floridabar.org',
    ),
    "facts-title-blank-line": (
        first_line("data/facts.yml", "    title: ", '"One\\n\\nTwo"'),
        "data/facts.yml:{n}: facts[{n}].title: 'One\\n\\nTwo' has the wrong form; write the title on one line, with no blank line inside it",
    ),
    "facts-reviewed-newline": (
        replace("data/facts.yml", "reviewed: 2026-11-29", 'reviewed: "2026-11-29\\n"'),
        "data/facts.yml:{n}: reviewed: '2026-11-29\\n' has the wrong form; write the date the facts were last checked as YYYY-MM-DD",
    ),
    "facts-reviewed-time": (
        replace("data/facts.yml", "reviewed: 2026-11-29", "reviewed: 2026-11-29 10:00"),
        "data/facts.yml:{n}: reviewed: '2026-11-29 10:00' has the wrong form; write the date the facts were last checked as YYYY-MM-DD",
    ),
    "facts-duplicate-key": (
        replace("data/facts.yml", "    title: ", "    source: x\n    title: "),
        'data/facts.yml:{n}: the key "source" appears twice; keep one of them',
    ),
    "facts-deep": (
        replace("data/facts.yml", "facts:\n", f"extra: {nested(3000)}\nfacts:\n"),
        "data/facts.yml: lists and mappings nest more than 40 levels deep; check the [ ] { } brackets",
    ),
    "facts-alias": (
        replace("data/facts.yml", "facts:\n", "a: &x [1]\nb: *x\nfacts:\n"),
        "data/facts.yml:{n}: aliases (&name / *name) are not supported; write the value out",
    ),
    "facts-tab": (
        replace("data/facts.yml", "    title: ", "\ttitle: "),
        "data/facts.yml:{n}: YAML syntax error: found character '\\t' that cannot start any token; check indentation, colons and quotes",
    ),
    "facts-not-utf8": (
        lambda site: (site / "data/facts.yml").write_bytes(
            (site / "data/facts.yml").read_bytes().replace(b"reviewed", b"revi\xe9wed", 1)
        ),
        "data/facts.yml: cannot be read as UTF-8 text (UnicodeDecodeError)",
    ),
    # --- data/ui.yml ------------------------------------------------------------------------
    "ui-missing-key": (
        replace("data/ui.yml", "  back: Atrás\n", ""),
        'data/ui.yml:{n}: es: missing field "back"; add it (see data/ui.schema.json)',
    ),
    "ui-empty-value": (
        replace("data/ui.yml", "  call: Call\n", '  call: ""\n'),
        "data/ui.yml:{n}: en.call: '' has the wrong form; write plain text: not empty, no < or >",
    ),
    "ui-blank-value": (
        replace("data/ui.yml", "  call: Call\n", "  call:\n"),
        "data/ui.yml:{n}: en.call: expected text, found NoneType: None",
    ),
    "ui-unknown-key": (
        replace("data/ui.yml", "  call: Call\n", "  call: Call\n  cal: Call\n"),
        'data/ui.yml:{n}: en: unknown field "cal"; check its spelling; allowed fields: {any}',
    ),
    "ui-script": (
        replace("data/ui.yml", "  call: Call\n", '  call: "<script>alert(1)</script>"\n'),
        "data/ui.yml:{n}: en.call: '<script>alert(1)</script>' has the wrong form; write plain text: not empty, no < or >",
    ),
    "ui-list": (
        replace("data/ui.yml", "  call: Call\n", "  call: [Call, us]\n"),
        "data/ui.yml:{n}: en.call: expected text, found list: ['Call', 'us']",
    ),
    "ui-missing-kind": (
        replace("data/ui.yml", "    urgent: Lea esto primero\n", ""),
        'data/ui.yml:{n}: es.kinds: missing field "urgent"; add it (see data/ui.schema.json)',
    ),
    "ui-no-spanish": (
        lambda site: _keep_before(site / "data/ui.yml", "\nes:\n"),
        "data/ui.yml: no words for es, ht; add a block (copy the en one)",
    ),
    "ui-yaml": (
        replace("data/ui.yml", "  call: Call\n", "  call: Call: us\n"),
        "data/ui.yml:{n}: YAML syntax error: mapping values are not allowed here; check indentation, colons and quotes",
    ),
    "ui-deep": (
        replace("data/ui.yml", "  call: Call\n", f"  call: {nested(3000)}\n"),
        "data/ui.yml: lists and mappings nest more than 40 levels deep; check the [ ] { } brackets",
    ),
    # --- data/updates.yml -------------------------------------------------------------------
    "updates-date-time": (
        replace("data/updates.yml", 'date: "2026-11-27"', "date: 2026-11-27 10:00"),
        "data/updates.yml:{n}: updates[0].date: '2026-11-27 10:00' has the wrong form; write the date of the change as YYYY-MM-DD",
    ),
    "updates-date-newline": (
        replace("data/updates.yml", 'date: "2026-11-27"', 'date: "2026-11-27\\n"'),
        "data/updates.yml:{n}: updates[0].date: '2026-11-27\\n' has the wrong form; write the date of the change as YYYY-MM-DD",
    ),
    "updates-date-missing-day": (
        replace("data/updates.yml", 'date: "2026-11-27"', 'date: "2026-02-30"'),
        'data/updates.yml:{n}: updates[0].date: "2026-02-30" is not a real date',
    ),
    "updates-unknown-source": (
        replace("data/updates.yml", "sources: [dismiss-to-er-2025", "sources: [dismiss-to-er-2052"),
        'data/updates.yml:{n}: updates[0].sources[0]: no fact has id "dismiss-to-er-2052"; use an id from data/facts.yml',
    ),
    "updates-unknown-field": (
        replace(
            "data/updates.yml", "    title:\n", "    link: https://evil.example/\n    title:\n"
        ),
        'data/updates.yml:{n}: updates[0]: unknown field "link"; check its spelling; allowed fields: date, id, sources, text, title',
    ),
    # --- criteria/*.yml ---------------------------------------------------------------------
    "criteria-image": (
        explanation("![x](https://evil.example/x.png) "),
        "criteria/prosecutorial-discretion.yml:{n}: factors[0].explanation.en: images are not allowed in texts; remove the ![…](…)",
    ),
    "criteria-attr-list": (
        explanation("{: onclick=alert(1) } "),
        "criteria/prosecutorial-discretion.yml:{n}: factors[0].explanation.en: attribute lists ({ … }) are not allowed in texts; remove the braces",
    ),
    "criteria-link-definition": (
        explanation("[x]: javascript:alert(1) "),
        "criteria/prosecutorial-discretion.yml:{n}: factors[0].explanation.en: link definitions ([name]: address) are not allowed in texts; write the link as [words](page.md#section)",
    ),
    "criteria-html": (
        explanation("<b>x</b> "),
        "criteria/prosecutorial-discretion.yml:{n}: factors[0].explanation.en: HTML is not allowed in texts; remove the < > characters",
    ),
    "criteria-javascript-link": (
        explanation("[x](javascript:alert(1)) "),
        'criteria/prosecutorial-discretion.yml:{n}: factors[0].explanation.en: the link "javascript:alert(1" is not allowed; link to a page of this site (page.md#section) or to an https:// address',
    ),
    # --- templates, mkdocs.yml, a new data file ---------------------------------------------
    "template-main": (
        replace("overrides/main.html", "{% endblock %}", "{% endblok %}"),
        f"overrides/main.html:{line_of('overrides/main.html', '{% endblock %}')}"
        ": template syntax error: Encountered unknown tag 'endblok'. Jinja was looking for the following tags: 'endblock'. The innermost block that needs to be closed is 'block'.; check the {{ }} and {% %} pairs",
    ),
    "template-partial": (
        replace("overrides/partials/sources.html", "{% endfor %}", "{% endfo %}"),
        f"overrides/partials/sources.html:{line_of('overrides/partials/sources.html', '{% endfor %}')}"
        ": template syntax error: Encountered unknown tag 'endfo'. Jinja was looking for the following tags: 'endfor' or 'else'. The innermost block that needs to be closed is 'for'.; check the {{ }} and {% %} pairs",
    ),
    "mkdocs-phone": (
        replace("mkdocs.yml", "phone: 305-373-5385", "phone: call us"),
        'mkdocs.yml: extra.firm.phone "call us" is not a US number like 305-373-5385',
    ),
    "data-without-schema": (
        write_bytes("data/glossary-draft.yml", b"terms: []\n"),
        "data/glossary-draft.yml: has no schema; add data/glossary-draft.schema.json describing its fields",
    ),
    "glossary-unknown-fact": (
        replace("data/glossary.yml", "[bia-appeal-30-days]", "[bia-appeal]"),
        'data/glossary.yml:{n}: terms[{n}].sources[0]: no fact has id "bia-appeal"; use an id from data/facts.yml',
    ),
    # --- issue 24: what only a build shows (files under docs/, two pages at one address, the
    # check of the built page, MkDocs' own messages about mkdocs.yml); the rest is in process,
    # in IN_PROCESS below ---------------------------------------------------------------------
    "docs-htm-script": (
        write_bytes("docs/guide.htm", b"<script>alert(1)</script>"),
        "docs/guide.htm: .htm files are not allowed under docs/ (a browser runs what is in them, and no check reads them); write the page in Markdown (.md)",
    ),
    "docs-html-no-head": (
        write_bytes("docs/assets/x.html", b'<img src="x"onerror=alert(1)>'),
        "docs/assets/x.html: .html files are not allowed under docs/ (a browser runs what is in them, and no check reads them); write the page in Markdown (.md)",
    ),
    "docs-svg-script": (
        write_bytes(
            "docs/assets/images/logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        ),
        "docs/assets/images/logo.svg: <script> is not allowed in an SVG image; keep only shapes, text and gradients",
    ),
    "docs-symlink-passwd": (
        lambda site: (site / "docs/assets/passwd.txt").symlink_to("/etc/passwd"),
        "docs/assets/passwd.txt: is a symbolic link; put the file itself here (a link could publish any file)",
    ),
    "docs-symlink-dangling": (
        lambda site: (site / "docs/gone.md").symlink_to("/nonexistent/gone.md"),
        "docs/gone.md: is a symbolic link; put the file itself here (a link could publish any file)",
    ),
    "docs-two-pages-one-address": (
        lambda site: [
            (site / "docs/faq").mkdir(),
            *(
                shutil.copy(site / f"docs/faq{s}.md", site / f"docs/faq/index{s}.md")
                for s in ("", ".es")
            ),
        ],
        "docs/faq/index.es.md: would be the page /es/faq/, as docs/faq.es.md is; rename or remove one of them",
    ),
    "page-stray-end-tag": (
        append(PAGE, "Text </article></div> and more."),
        "docs/faq.md: the page's HTML leaves its place in the page (a stray end tag, an unclosed element or quote); check its raw HTML",
    ),
    "mkdocs-deep-3000": (
        replace("mkdocs.yml", "    languages: []", f"    languages: {nested(3000)}"),
        "mkdocs.yml: lists and mappings nest too deeply; check the [ ] { } brackets",
    ),
    "mkdocs-billion-laughs": (
        lambda site: (site / "mkdocs.yml").write_text(
            "\n".join(
                f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10) if i else ', '.join(['lol' * 12] * 10)}]"
                for i in range(6)
            )
            + "\n"
            + re.sub(
                r"(?ms)^nav:\n.*?(?=^\S)",
                "nav: [*l5]\n",
                (site / "mkdocs.yml").read_text(encoding="utf-8"),
            ),
            encoding="utf-8",
        ),
        "Config value 'nav': Expected nav item to be a string or dict, got a list: {any}",
    ),
}


# Edits that build, because what they add is printed as text or never runs: no page may then
# carry the markup as markup, and a browser opening the page sees no script run, no
# navigation and no request to another site. All of them go into one copy, built once.
# name: (edit, the page to open, text that must not appear in any page as it is).
INERT: dict[str, tuple[Edit, str, str]] = {
    "mkdocs-firm-name-handler": (
        replace(
            "mkdocs.yml",
            "    name: Sánchez-Roig Law Firm, P.A.",
            '    name: "<b onmouseover=alert(1)>Firm</b>"',
        ),
        "contact/",
        "<b onmouseover",
    ),
    "mkdocs-copyright-script": (
        replace(
            "mkdocs.yml",
            "copyright: Sánchez-Roig Law Firm, P.A.",
            'copyright: "<script>alert(1)</script>"',
        ),
        "",
        "<script>alert(1)",
    ),
    "facts-summary-script": (
        first_line("data/facts.yml", "      en: ", '"<script>alert(1)</script> A summary."'),
        "history/",
        "<script>alert(1)",
    ),
    "updates-title-refresh": (
        first_line(
            "data/updates.yml",
            "      en: ",
            '\'<meta http-equiv="refresh" content="0;url=https://evil.example/">\'',
        ),
        "updates/",
        '<meta http-equiv="refresh"',
    ),
    "page-code-block-script": (
        append(PAGE, "```html\n<script>alert(1)</script>\n```"),
        "faq/",
        "<script>alert(1)",
    ),
    "page-inline-code-noscript": (
        append(
            PAGE,
            "Write `<noscript><meta http-equiv=refresh content=0;url=https://evil.example/></noscript>` never.",
        ),
        "faq/",
        "<noscript>",
    ),
    # Markdown prints a tag it cannot read (a handler glued to the previous value) as text.
    "page-glued-handler": (
        append(PAGE, '<img src="x.png"onerror="alert(1)">'),
        "faq/",
        '<img src="x.png"onerror',
    ),
    "page-entities": (
        append(PAGE, "&lt;script&gt;alert(1)&lt;/script&gt; stays text."),
        "faq/",
        "<script>alert(1)",
    ),
}


def _keep_before(path: Path, marker: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index(marker) + 1], encoding="utf-8")


# What only a build shows: the markers compared across pages and languages, the templates
# (compiled by the build's events), the page as the theme wrote it, and a mkdocs.yml MkDocs
# refuses or cannot read.
BUILD_ONLY = (
    "page-updates-one-language",  # the languages are compared once each is built
    "page-stray-end-tag",
    "template-main",
    "template-partial",
    "mkdocs-deep-3000",
    "mkdocs-billion-laughs",  # MkDocs' own message, made short by hooks/mkdocs_cli.py
)
# The edits given to `make build`, each on its own copy: those, and a spread over a page, a
# data file, a criteria file and the firm's details, with security refusals among them.
# The others give their line in process only (helpers.site_problem).
BUILT = (
    *BUILD_ONLY,
    "page-script",
    "facts-url-lookalike",
    "criteria-javascript-link",
    "mkdocs-phone",
)
# A site's sources, without the code and templates (no edit checked in process touches them).
SOURCES = ("mkdocs.yml", "docs", "criteria", "data")


def copy_site(folder: Path, parts: tuple[str, ...] = (*SITE_PARTS, "Makefile")) -> None:
    helpers.copy_site(folder, parts)
    (folder / "site").mkdir(exist_ok=True)
    (folder / "site" / "index.html").write_text(PREVIOUS, encoding="utf-8")


def pattern(message: str) -> str:
    return re.escape(message).replace(re.escape("{n}"), r"\d+").replace(re.escape("{any}"), ".+")


@pytest.mark.parametrize("name", [name for name in CORPUS if name not in BUILD_ONLY])
def test_each_edit_gives_its_one_line(tmp_path: Path, name: str) -> None:
    """The build's checks, run in process on the edited copy (helpers.site_problem)."""
    edit, expected = CORPUS[name]
    helpers.copy_site(tmp_path, SOURCES)
    edit(tmp_path)
    problem = site_problem(tmp_path, PAGE.removeprefix("docs/"))
    assert problem is not None, f"{name}: no check refused the edit"
    assert re.fullmatch(pattern(expected), problem), f"{name}: expected\n{expected}\ngot\n{problem}"
    assert len(problem) <= security.MESSAGE_LIMIT


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, tuple[subprocess.CompletedProcess[str], Path]]:
    """Each BUILT edit on its own copy, built with `make build` two at a time."""
    base = tmp_path_factory.mktemp("hostile")

    def attempt(name: str) -> tuple[subprocess.CompletedProcess[str], Path]:
        folder = base / name
        copy_site(folder)
        CORPUS[name][0](folder)
        return make_build(folder), folder

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(BUILT, pool.map(attempt, BUILT), strict=True))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def inert(tmp_path_factory) -> Iterator[tuple[subprocess.CompletedProcess[str], Path, str]]:
    """Every INERT edit on one copy, built once for the address it is then served at."""
    folder = tmp_path_factory.mktemp("inert")
    copy_site(folder)
    for edit, _, _ in INERT.values():
        edit(folder)
    handler = functools.partial(_Quiet, directory=str(folder / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        yield make_build(folder, url), folder, url
    finally:
        server.shutdown()


def test_the_corpus_is_large_and_spread_over_every_source() -> None:
    assert len(CORPUS) >= 60
    kinds = {name.split("-")[0] for name in CORPUS}
    assert {"fm", "page", "facts", "ui", "updates", "criteria", "template", "mkdocs"} <= kinds
    assert set(BUILD_ONLY) <= set(BUILT) <= set(CORPUS)
    assert {name.split("-")[0] for name in BUILT} >= {
        "page",
        "facts",
        "criteria",
        "template",
        "mkdocs",
    }


@pytest.mark.parametrize("name", BUILT)
def test_make_build_stops_with_one_line_and_leaves_site_alone(builds, name: str) -> None:
    result, folder = builds[name]
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{name}: the build did not stop"
    assert "Traceback" not in output, output[-3000:]
    lines = [
        line
        for line in error_lines(result.stderr)
        if not line.startswith(("Error reading page", "Error building page"))
    ]
    assert all(len(line) <= security.MESSAGE_LIMIT for line in lines), "no giant lines"
    assert len(lines) == 1, output[-3000:]
    expected = CORPUS[name][1]
    assert re.fullmatch(pattern(expected), lines[0]), (
        f"{name}: expected\n{expected}\ngot\n{lines[0]}"
    )
    # all or nothing: the previous build stays, nothing half written beside it
    assert [p.name for p in (folder / "site").iterdir()] == ["index.html"]
    assert (folder / "site" / "index.html").read_text(encoding="utf-8") == PREVIOUS
    assert not (folder / ".site.new").exists() and not (folder / ".site.old").exists()


@pytest.mark.parametrize("name", list(INERT))
def test_markup_in_texts_reaches_no_page_as_markup(inert, name: str) -> None:
    result, folder, _ = inert
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode == 0, output[-3000:]
    pages = list((folder / "site").rglob("*.html"))
    assert len(pages) > 20
    marker = INERT[name][2]
    for page in pages:
        assert marker not in page.read_text(encoding="utf-8"), page


@pytest.mark.browser
@pytest.mark.parametrize("name", list(INERT))
def test_an_inert_edit_runs_nothing_in_a_browser(inert, browser, name: str) -> None:
    """The page the edit shows on, opened in Chromium: no script of the edit runs (no dialog,
    no policy violation), the page stays where it was opened, and every request stays on
    the site."""
    result, _, url = inert
    assert result.returncode == 0
    target = url + INERT[name][1]
    seen: dict[str, list[str]] = {"dialogs": [], "navigations": [], "elsewhere": []}
    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.add_init_script(
            "addEventListener('securitypolicyviolation', e => (window.__violations ||= [])"
            ".push(e.violatedDirective + ' ' + e.blockedURI), true)"
        )
        tab.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
        tab.on("framenavigated", lambda f: f.parent_frame or seen["navigations"].append(f.url))
        tab.on("request", lambda r: r.url.startswith(url) or seen["elsewhere"].append(r.url))
        tab.goto(target, wait_until="networkidle")
        violations = tab.evaluate("window.__violations || []")
        final = tab.url
    finally:
        context.close()
    # (Material's start-up replaces the history entry with the same address: a same-page event.)
    assert seen["dialogs"] == [] and seen["elsewhere"] == []
    assert set(seen["navigations"]) == {target}, seen["navigations"]
    assert violations == [] and final == target


# --- issue 24, in process: each case given to the pure function the build calls, with the
# same one line the build prints -----------------------------------------------------------------


def page_content(text: str) -> None:
    """The FAQ page with `text` appended, made HTML as MkDocs makes it, then checked."""
    source = (ROOT / PAGE).read_text(encoding="utf-8").split("---\n", 2)[2] + "\n\n" + text
    security.check_content(helpers.page_html(source), PAGE)


def firm(**change: object) -> None:
    """mkdocs.yml's firm details with `change`, checked as the build checks them."""
    config = helpers.read_config()
    pages.check_firm({**config["extra"]["firm"], **change}, ("en", "es"))


def updates_title(title: str) -> Callable[[Path], None]:
    """The first update's English title set to `title` (YAML double-quoted), then loaded."""

    def check(folder: Path) -> None:
        text = (ROOT / "data/updates.yml").read_text(encoding="utf-8")
        text, count = re.subn(
            r"(    title:\n      en: ).*", lambda m: m[1] + f'"{title}"', text, count=1
        )
        assert count == 1
        (folder / "updates.yml").write_text(text, encoding="utf-8")
        ids = facts.load(ROOT / "data/facts.yml", languages=("en", "es")).ids
        updates.load(
            folder / "updates.yml",
            fact_ids=ids,
            languages=("en", "es"),
            display_name="data/updates.yml",
        )

    return check


def loaded(text: str, name: str) -> Callable[[Path], None]:
    def check(folder: Path) -> None:
        (folder / "x.yml").write_text(text, encoding="utf-8")
        yamlsource.load_yaml(folder / "x.yml", name)

    return check


def schema_gone(folder: Path) -> None:
    doc = yamlsource.load_yaml(ROOT / "data/ui.yml", "data/ui.yml")
    yamlsource.check_schema(doc, folder / "ui.schema.json", "data/ui.schema.json")


NOT_MARKDOWN = "is not allowed in a page; pages use only the elements Markdown writes (see CONTRIBUTING.md, Raw HTML)"
RESERVED_ID = (
    "is reserved for the theme and the self-check (ids starting __, md- or pd-); choose another"
)
RESERVED_DATA = "is reserved for the theme and the self-check; remove it"

# name: (a check that raises, given a scratch folder; the one line it must give).
IN_PROCESS: dict[str, tuple[Callable[[Path], None], str]] = {
    "page-noscript-refresh": (
        lambda _: page_content(
            "<noscript><p title=\"</noscript><meta http-equiv=refresh content='0;url=https://evil.example/'>\"></noscript>"
        ),
        f"docs/faq.md: <noscript> {NOT_MARKDOWN}",
    ),
    "page-noscript-script-src": (
        lambda _: page_content(
            '<noscript><p title="</noscript><script src=../assets/language.js></script>"></p></noscript>'
        ),
        f"docs/faq.md: <noscript> {NOT_MARKDOWN}",
    ),
    "page-script-src-own-file": (
        lambda _: page_content('<script src="../assets/checker.js"></script>'),
        "docs/faq.md: <script> is not allowed in a page (scripts go in files under docs/assets/)",
    ),
    "page-xmp": (
        lambda _: page_content("<xmp><p title='</xmp><img src=x onerror=alert(1)>'></xmp>"),
        f"docs/faq.md: <xmp> {NOT_MARKDOWN}",
    ),
    "page-plaintext": (
        lambda _: page_content("<plaintext>"),
        f"docs/faq.md: <plaintext> {NOT_MARKDOWN}",
    ),
    "page-template": (
        lambda _: page_content("<template><img src=x></template>"),
        f"docs/faq.md: <template> {NOT_MARKDOWN}",
    ),
    "page-svg-anchor": (
        lambda _: page_content('<svg><a href="https://evil.example/"><text>x</text></a></svg>'),
        "docs/faq.md: <svg> is not allowed in a page (put the image in a file under docs/assets/images/ and show it with ![text](file))",
    ),
    "page-math": (
        lambda _: page_content("<math><mtext>x</mtext></math>"),
        "docs/faq.md: <math> is not allowed in a page (write the formula in words)",
    ),
    "page-lt-in-attribute": (
        lambda _: page_content('<a href="x/" title="</a><script>alert(1)</script>">x</a>'),
        "docs/faq.md: the attribute title on <a> holds a <; remove it",
    ),
    "page-config-attr-list": (
        lambda _: page_content("Search settings.\n{: #__config }"),
        f'docs/faq.md: the id "__config" on <p> {RESERVED_ID}',
    ),
    "page-config-raw": (
        lambda _: page_content('<div id="__config">{"search": "https://evil.example/x.js"}</div>'),
        f'docs/faq.md: the id "__config" on <div> {RESERVED_ID}',
    ),
    "page-md-id": (
        lambda _: page_content("## Search { #md-search }"),
        f'docs/faq.md: the id "md-search" on <h2> {RESERVED_ID}',
    ),
    "page-fake-checker": (
        lambda _: page_content("<div data-criteria-checker data-rules='{}'></div>"),
        f"docs/faq.md: the attribute data-criteria-checker on <div> {RESERVED_DATA}",
    ),
    "page-fake-factor-list": (
        lambda _: page_content("## Factors { #pd-factors-prosecutorial-discretion }"),
        f'docs/faq.md: the id "pd-factors-prosecutorial-discretion" on <h2> {RESERVED_ID}',
    ),
    "page-data-md": (
        lambda _: page_content('<div data-md-component="search"></div>'),
        f"docs/faq.md: the attribute data-md-component on <div> {RESERVED_DATA}",
    ),
    "page-data-pd": (
        lambda _: page_content('<span data-pd-step="0">x</span>'),
        f"docs/faq.md: the attribute data-pd-step on <span> {RESERVED_DATA}",
    ),
    "page-class-lookalike": (
        lambda _: page_content("Checker.\n{: .pd-checker }"),
        'docs/faq.md: the class "pd-checker" on <p> is not one pages may use (only md-button and md-button--primary, and the ones Markdown writes)',
    ),
    "page-external-image": (
        lambda _: page_content("![x](https://evil.example/pixel.png)"),
        "docs/faq.md: <img> loads https://evil.example/pixel.png from outside the site; put the file under docs/assets/ and use its relative address",
    ),
    "updates-title-control": (
        updates_title("Ends \\x01 here."),
        "data/updates.yml:{n}: updates[0].title.en: holds the control character U+0001, which no page can show; remove it",
    ),
    "updates-title-c1": (
        updates_title("Ends \\x85 here."),
        "data/updates.yml:{n}: updates[0].title.en: holds the control character U+0085, which no page can show; remove it",
    ),
    "data-deep-400": (
        loaded(f"a: {nested(400)}\n", "data/ui.yml"),
        "data/ui.yml:1: lists and mappings nest more than 40 levels deep here; check the indentation and the [ ] { } brackets",
    ),
    "data-schema-deleted": (
        schema_gone,
        "data/ui.schema.json: is missing; restore it (git checkout -- data/ui.schema.json)",
    ),
    "mkdocs-firm-deep-400": (
        lambda _: firm(languages=functools.reduce(lambda inner, _: [inner], range(400), "en")),
        "mkdocs.yml: extra.firm: lists and mappings nest too deeply; write each detail as text or a list of texts",
    ),
    "mkdocs-firm-name-list": (
        lambda _: firm(name=["A", "B"]),
        "mkdocs.yml: extra.firm.name: write one line of text",
    ),
    "mkdocs-firm-city-mapping": (
        lambda _: firm(city={"en": "Miami"}),
        "mkdocs.yml: extra.firm.city: write one line of text",
    ),
    "mkdocs-firm-languages-nested": (
        lambda _: firm(languages=[["en"]]),
        "mkdocs.yml: extra.firm.languages: \"['en']\" is not a language code data/ui.yml names (language_names: en, es)",
    ),
    "mkdocs-firm-hours-mapping": (
        lambda _: firm(opening_hours=[{"Mo": "9"}]),
        "mkdocs.yml: extra.firm.opening_hours: \"{'Mo': '9'}\" is not like \"Mo-Fr 09:00-17:00\"",
    ),
    "mkdocs-firm-email-params": (
        lambda _: firm(email="info@example.com?bcc=x@evil.example"),
        'mkdocs.yml: extra.firm.email: "info@example.com?bcc=x@evil.example" is not a plain address like name@example.com',
    ),
    "mkdocs-firm-phone-laughs": (
        lambda _: firm(phone="lol " * 10**6),
        f'mkdocs.yml: extra.firm.phone "{"lol " * 19}l…" is not a US number like 305-373-5385',
    ),
    "mkdocs-firm-control": (
        lambda _: firm(cta={"en": "Call\x1b]8;;https://evil.example\x07", "es": "Llame"}),
        "mkdocs.yml: extra.firm.cta.en: holds the control character U+001B, which no page can show; remove it",
    ),
    "mkdocs-extra-css-mapping": (
        lambda _: (_ for _ in ()).throw(
            yamlsource.SourceError(
                "mkdocs.yml", security.extra_css_problem([{"a": "b"}]).split(": ", 1)[1]
            )
        ),
        "mkdocs.yml: extra_css: list file names only, one per line, like - assets/site.css",
    ),
}


@pytest.mark.parametrize("name", list(IN_PROCESS))
def test_each_edit_gives_its_one_line_in_process(tmp_path: Path, name: str) -> None:
    check, expected = IN_PROCESS[name]
    with pytest.raises(yamlsource.SourceError) as caught:
        check(tmp_path)
    pattern = re.escape(expected).replace(re.escape("{n}"), r"\d+")
    assert re.fullmatch(pattern, str(caught.value)), (
        f"{name}: expected\n{expected}\ngot\n{caught.value}"
    )
    assert len(str(caught.value)) <= security.MESSAGE_LIMIT


def test_feeds_stay_well_formed_xml_whatever_the_text() -> None:
    entry = {
        "id": "x",
        "date": "2026-11-27",
        "title": {"en": 'A & B <c> "d" ]]> \u2028'},
        "text": {"en": "x"},
        "sources": [],
    }
    feed = updates.atom_feed(
        [entry],
        lang="en",
        title="T & <t>",
        page_url="https://e.org/u/",
        feed_url="https://e.org/u.xml",
        author="A & B",
    )
    root = ElementTree.fromstring(feed)
    assert (
        root.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}title").text
        == entry["title"]["en"]
    )
