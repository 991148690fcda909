"""Careless and hostile edits, each on its own copy of the site, built with `make build`.

Every edit must stop the build with exactly one line that names the file (and, where there
is one, the line and field), never a traceback; `site/` must still hold the previous good
build, with nothing half written beside it; and so no injected script or redirect ever
reaches a built page. The edits are spread over every data file, the pages, their front
matter, the self-check files, the templates and mkdocs.yml.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from helpers import ROOT

SITE_PARTS = ("docs", "criteria", "data", "overrides", "hooks")
VENV = Path(os.environ.get("VIRTUAL_ENV") or ROOT / ".venv")
PAGE = "docs/faq.md"
CRITERIA = "criteria/prosecutorial-discretion.yml"
PREVIOUS = "<!doctype html><title>the previous good build</title>"

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
    return replace(CRITERIA, "    explanation:\n      en: >-\n        ", f"    explanation:\n      en: >-\n        {start}")


def write_bytes(path: str, data: bytes) -> Edit:
    return lambda site: (site / path).write_bytes(data)


def nested(depth: int) -> str:
    return "[" * depth + "1" + "]" * depth


# name: (edit, the one line the build must print). In messages, "{n}" stands for any line
# or list position and "{any}" for a list that grows (ids, allowed keys): they move as
# editors add facts, words and updates.
CORPUS: dict[str, tuple[Edit, str]] = {
    # --- front matter ------------------------------------------------------------------------
    "fm-author-script": (front_matter('author: "<script>alert(1)</script>"'), "docs/faq.md: author: front matter field \"author\" is not allowed; use only title, description, reviewed, faq, template"),
    "fm-subtitle": (front_matter("subtitle: <img src=x onerror=alert(1)>"), "docs/faq.md: subtitle: front matter field \"subtitle\" is not allowed; use only title, description, reviewed, faq, template"),
    "fm-redirect-template": (front_matter("template: redirect.html"), "docs/faq.md: template: \"redirect.html\" is not allowed; only the home pages use template: home.html"),
    "fm-redirect-location": (front_matter("location: https://evil.example/"), "docs/faq.md: location: front matter field \"location\" is not allowed; use only title, description, reviewed, faq, template"),
    "fm-hide": (front_matter("hide: [navigation, toc]"), "docs/faq.md: hide: front matter field \"hide\" is not allowed; use only title, description, reviewed, faq, template"),
    "fm-title-list": (field("title", "[Questions, answers]"), "docs/faq.md: title: must be one line of text, not a list"),
    "fm-title-mapping": (field("title", "{en: Questions}"), "docs/faq.md: title: must be one line of text, not a mapping"),
    "fm-title-number": (field("title", "2026"), "docs/faq.md: title: must be one line of text, not a number"),
    "fm-title-html": (field("title", "Questions <b>people</b> ask"), "docs/faq.md: title: HTML, template syntax and straight quotes (\") are not allowed here; write plain text (curly quotes “ ” are fine)"),
    "fm-title-template": (field("title", '"{{ config.extra }}"'), "docs/faq.md: title: HTML, template syntax and straight quotes (\") are not allowed here; write plain text (curly quotes “ ” are fine)"),
    "fm-description-quote": (
        field("description", "'Short answers about \"prosecutorial discretion\" and dismissals.'"),
        "docs/faq.md: description: HTML, template syntax and straight quotes (\") are not allowed here; write plain text (curly quotes “ ” are fine)",
    ),
    "fm-description-short": (field("description", "Answers."), "docs/faq.md: description: description is 8 characters; write 50 to 160"),
    "fm-description-empty": (field("description", '""'), "docs/faq.md: front matter has no \"description\"; add description: … at the top"),
    "fm-reviewed-time": (field("reviewed", "2026-11-27 10:00"), "docs/faq.md: reviewed: \"2026-11-27 10:00\" is not a date; write YYYY-MM-DD"),
    "fm-reviewed-newline": (field("reviewed", '"2026-11-27\\n"'), "docs/faq.md: reviewed: \"2026-11-27\\n\" is not a date; write YYYY-MM-DD"),
    "fm-reviewed-compact": (field("reviewed", '"20261127"'), "docs/faq.md: reviewed: \"20261127\" is not a date; write YYYY-MM-DD"),
    "fm-reviewed-missing-day": (field("reviewed", "2026-02-30"), "docs/faq.md: front matter has a date that does not exist (day is out of range for month)"),
    "fm-reviewed-future": (field("reviewed", "2099-01-01"), "docs/faq.md: reviewed: 2099-01-01 is in the future; use the day the page was reviewed"),
    "fm-faq-text": (field("faq", '"yes"'), "docs/faq.md: faq: must be true or false, not \"yes\""),
    "fm-yaml-colon": (
        field("description", "Short answers: dismissals, criminal records and timing here."),
        "docs/faq.md:3: front matter is not valid YAML: mapping values are not allowed here; check indentation, colons and quotes (a text with \": \" goes in double quotes)",
    ),
    "fm-yaml-deep": (front_matter(f"hide: {nested(3000)}"), "docs/faq.md: front matter nests lists or mappings too deeply; check it"),
    "fm-not-a-mapping": (write_bytes(PAGE, b"---\n- Questions\n- Answers\n---\n# Questions\n"), "docs/faq.md: front matter must be lines of the form key: value"),
    # --- page content -----------------------------------------------------------------------
    "page-script": (append(PAGE, "<script>alert(1)</script>"), "docs/faq.md: <script> is not allowed in a page (scripts go in files under docs/assets/)"),
    "page-script-upper": (append(PAGE, '<SCRIPT SRC="https://evil.example/x.js"></SCRIPT>'), "docs/faq.md: <script> is not allowed in a page (scripts go in files under docs/assets/)"),
    "page-img-onerror": (append(PAGE, '<img src="x.png" onerror="alert(1)">'), "docs/faq.md: the attribute onerror on <img> runs code; remove it"),
    "page-svg-onload": (append(PAGE, '<svg onload="alert(1)"></svg>'), "docs/faq.md: the attribute onload on <svg> runs code; remove it"),
    "page-style": (append(PAGE, "<style>body { display: none }</style>"), "docs/faq.md: <style> is not allowed in a page (styles go in docs/assets/site.css)"),
    "page-meta-refresh": (
        append(PAGE, '<meta http-equiv="refresh" content="0; url=https://evil.example/">'),
        "docs/faq.md: <meta> is not allowed in a page (pages may not redirect or set headers)",
    ),
    "page-iframe": (append(PAGE, '<iframe src="https://evil.example/"></iframe>'), "docs/faq.md: <iframe> is not allowed in a page (link to the page instead)"),
    "page-object": (append(PAGE, '<object data="https://evil.example/x"></object>'), "docs/faq.md: <object> is not allowed in a page (link to the file instead)"),
    "page-embed": (append(PAGE, '<embed src="https://evil.example/x">'), "docs/faq.md: <embed> is not allowed in a page (link to the file instead)"),
    "page-form": (append(PAGE, '<form action="https://evil.example/"><input></form>'), "docs/faq.md: <form> is not allowed in a page (only the self-check has a form, and the build places it)"),
    "page-base": (append(PAGE, '<base href="https://evil.example/">'), "docs/faq.md: <base> is not allowed in a page (it would change where every link leads)"),
    "page-link": (append(PAGE, '<link rel="stylesheet" href="https://evil.example/x.css">'), "docs/faq.md: <link> is not allowed in a page (stylesheets and scripts are listed in mkdocs.yml)"),
    "page-html-javascript-link": (append(PAGE, '<a href="javascript:alert(1)">x</a>'), "docs/faq.md: a \"javascript:\" address on <a> is not allowed; link to a page or an https:// address"),
    "page-entity-javascript-link": (
        append(PAGE, '<a href="jav&#x61;script:alert(1)">x</a>'),
        "docs/faq.md: a \"javascript:\" address on <a> is not allowed; link to a page or an https:// address",
    ),
    "page-markdown-javascript-link": (append(PAGE, "[Call us](javascript:alert(1))"), "docs/faq.md:{n}: a \"javascript:\" link is not allowed; link to a page or an https:// address"),
    "page-markdown-data-link": (append(PAGE, "[See](data:text/html,x)"), "docs/faq.md:{n}: a \"data:\" link is not allowed; link to a page or an https:// address"),
    "page-attr-list-onclick": (append(PAGE, '[Forms](forms.md){ onclick="alert(1)" }'), "docs/faq.md: the attribute onclick on <a> runs code; remove it"),
    "page-attr-list-style": (append(PAGE, 'Hidden text.\n{: style="display:none" }'), "docs/faq.md: the attribute style on <p> is not allowed; remove it"),
    "page-md-in-html-handler": (
        append(PAGE, '<div markdown onmouseover="alert(1)">\nText\n</div>'),
        "docs/faq.md: the attribute onmouseover on <div> runs code; remove it",
    ),
    "page-not-utf8": (
        write_bytes(PAGE, "---\ntitle: Preguntas\n---\nAsesor\xeda\n".encode("latin-1")),
        "docs/faq.md: byte 31 is not UTF-8 text; save the file as UTF-8",
    ),
    "page-unknown-fact": (append(PAGE, "See [[cite:no-such-fact]]."), "docs/faq.md: [[cite:no-such-fact]] names no fact; use an id from data/facts.yml, e.g. {any}"),
    "page-unknown-marker": (append(PAGE, "<!-- pd:sourcez -->"), "docs/faq.md: unknown marker <!-- pd:sourcez -->; use one of criteria:factors, pd:glossary, pd:reviewed, pd:sources, pd:timeline, pd:updates, criteria:checker, firm:cta, firm:details"),
    # --- data/facts.yml ---------------------------------------------------------------------
    "facts-url-fragment": (
        replace("data/facts.yml", '    url: "https://', '    url: "https://evil.example#'),
        "data/facts.yml:{n}: facts[{n}].url: \"evil.example\" is not an official host; link only to ice.gov, uscis.gov, govinfo.gov, justice.gov, supremecourt.gov, trac.syr.edu, federalregister.gov, dhs.gov, congress.gov, floridabar.org",
    ),
    "facts-url-backslash": (
        replace("data/facts.yml", '    url: "https://', '    url: "https://evil.example\\\\'),
        "data/facts.yml:{n}: facts[{n}].url: 'https://evil.example\\\\trac.syr.edu/immigration/reports/474/' has the wrong form; write a full https:// address on an official host, with no spaces, backslashes or quotes",
    ),
    "facts-url-http": (replace("data/facts.yml", '    url: "https://', '    url: "http://'), "data/facts.yml:{n}: facts[{n}].url: 'http://trac.syr.edu/immigration/reports/474/' has the wrong form; write a full https:// address on an official host, with no spaces, backslashes or quotes"),
    "facts-url-lookalike": (
        replace(
            "data/facts.yml",
            '    url: "https://www.ice.gov',
            '    url: "https://www.ice.gov.evil.example',
        ),
        "data/facts.yml:{n}: facts[{n}].url: \"www.ice.gov.evil.example\" is not an official host; link only to ice.gov, uscis.gov, govinfo.gov, justice.gov, supremecourt.gov, trac.syr.edu, federalregister.gov, dhs.gov, congress.gov, floridabar.org",
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
        "data/facts.yml:{n}: the key \"source\" appears twice; keep one of them",
    ),
    "facts-deep": (replace("data/facts.yml", "facts:\n", f"extra: {nested(3000)}\nfacts:\n"), "data/facts.yml: lists and mappings nest more than 40 levels deep; check the [ ] { } brackets"),
    "facts-alias": (replace("data/facts.yml", "facts:\n", "a: &x [1]\nb: *x\nfacts:\n"), "data/facts.yml:{n}: aliases (&name / *name) are not supported; write the value out"),
    "facts-tab": (replace("data/facts.yml", "    title: ", "\ttitle: "), "data/facts.yml:{n}: YAML syntax error: found character '\\t' that cannot start any token; check indentation, colons and quotes"),
    "facts-not-utf8": (
        lambda site: (site / "data/facts.yml").write_bytes(
            (site / "data/facts.yml").read_bytes().replace(b"reviewed", b"revi\xe9wed", 1)
        ),
        "data/facts.yml: cannot be read as UTF-8 text (UnicodeDecodeError)",
    ),
    # --- data/ui.yml ------------------------------------------------------------------------
    "ui-missing-key": (replace("data/ui.yml", "  back: Atrás\n", ""), "data/ui.yml:{n}: es: missing field \"back\"; add it (see data/ui.schema.json)"),
    "ui-empty-value": (replace("data/ui.yml", "  call: Call\n", '  call: ""\n'), "data/ui.yml:{n}: en.call: '' has the wrong form; write plain text: not empty, no < or >"),
    "ui-blank-value": (replace("data/ui.yml", "  call: Call\n", "  call:\n"), "data/ui.yml:{n}: en.call: expected text, found NoneType: None"),
    "ui-unknown-key": (replace("data/ui.yml", "  call: Call\n", "  call: Call\n  cal: Call\n"), "data/ui.yml:{n}: en: unknown field \"cal\"; check its spelling; allowed fields: {any}"),
    "ui-script": (
        replace("data/ui.yml", "  call: Call\n", '  call: "<script>alert(1)</script>"\n'),
        "data/ui.yml:{n}: en.call: '<script>alert(1)</script>' has the wrong form; write plain text: not empty, no < or >",
    ),
    "ui-list": (replace("data/ui.yml", "  call: Call\n", "  call: [Call, us]\n"), "data/ui.yml:{n}: en.call: expected text, found list: ['Call', 'us']"),
    "ui-missing-kind": (replace("data/ui.yml", "    urgent: Lea esto primero\n", ""), "data/ui.yml:{n}: es.kinds: missing field \"urgent\"; add it (see data/ui.schema.json)"),
    "ui-no-spanish": (lambda site: _keep_before(site / "data/ui.yml", "\nes:\n"), "data/ui.yml:{n}: missing field \"es\"; add it (see data/ui.schema.json)"),
    "ui-yaml": (replace("data/ui.yml", "  call: Call\n", "  call: Call: us\n"), "data/ui.yml:{n}: YAML syntax error: mapping values are not allowed here; check indentation, colons and quotes"),
    "ui-deep": (replace("data/ui.yml", "  call: Call\n", f"  call: {nested(3000)}\n"), "data/ui.yml: lists and mappings nest more than 40 levels deep; check the [ ] { } brackets"),
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
        "data/updates.yml:{n}: updates[0].date: \"2026-02-30\" is not a real date",
    ),
    "updates-unknown-source": (
        replace("data/updates.yml", "sources: [dismiss-to-er-2025", "sources: [dismiss-to-er-2052"),
        "data/updates.yml:{n}: updates[0].sources[0]: no fact has id \"dismiss-to-er-2052\"; use an id from data/facts.yml",
    ),
    "updates-unknown-field": (
        replace(
            "data/updates.yml", "    title:\n", "    link: https://evil.example/\n    title:\n"
        ),
        "data/updates.yml:{n}: updates[0]: unknown field \"link\"; check its spelling; allowed fields: date, id, sources, text, title",
    ),
    # --- criteria/*.yml ---------------------------------------------------------------------
    "criteria-image": (explanation("![x](https://evil.example/x.png) "), "criteria/prosecutorial-discretion.yml:{n}: factors[0].explanation.en: images are not allowed in texts; remove the ![…](…)"),
    "criteria-attr-list": (explanation("{: onclick=alert(1) } "), "criteria/prosecutorial-discretion.yml:{n}: factors[0].explanation.en: attribute lists ({ … }) are not allowed in texts; remove the braces"),
    "criteria-link-definition": (explanation("[x]: javascript:alert(1) "), "criteria/prosecutorial-discretion.yml:{n}: factors[0].explanation.en: link definitions ([name]: address) are not allowed in texts; write the link as [words](page.md#section)"),
    "criteria-html": (explanation("<b>x</b> "), "criteria/prosecutorial-discretion.yml:{n}: factors[0].explanation.en: HTML is not allowed in texts; remove the < > characters"),
    "criteria-javascript-link": (explanation("[x](javascript:alert(1)) "), "criteria/prosecutorial-discretion.yml:{n}: factors[0].explanation.en: the link \"javascript:alert(1\" is not allowed; link to a page of this site (page.md#section) or to an https:// address"),
    # --- templates, mkdocs.yml, a new data file ---------------------------------------------
    "template-main": (replace("overrides/main.html", "{% endblock %}", "{% endblok %}"), "overrides/main.html:6: template syntax error: Encountered unknown tag 'endblok'. Jinja was looking for the following tags: 'endblock'. The innermost block that needs to be closed is 'block'.; check the {{ }} and {% %} pairs"),
    "template-partial": (
        replace("overrides/partials/sources.html", "{% endfor %}", "{% endfo %}"),
        "overrides/partials/sources.html:8: template syntax error: Encountered unknown tag 'endfo'. Jinja was looking for the following tags: 'endfor' or 'else'. The innermost block that needs to be closed is 'for'.; check the {{ }} and {% %} pairs",
    ),
    "mkdocs-phone": (replace("mkdocs.yml", "phone: 305-373-5385", "phone: call us"), "mkdocs.yml: extra.firm.phone \"call us\" is not a US number like 305-373-5385"),
    "data-without-schema": (write_bytes("data/glossary-draft.yml", b"terms: []\n"), "data/glossary-draft.yml: has no schema; add data/glossary-draft.schema.json describing its fields"),
}


# Edits that may build, because the text is printed escaped: no page may then carry the
# markup as markup. (Each also hides in a place the page rules above never read.)
ESCAPED: dict[str, tuple[Edit, str]] = {
    "mkdocs-firm-name-handler": (
        replace(
            "mkdocs.yml",
            "    name: Sánchez-Roig Law Firm, P.A.",
            '    name: "<b onmouseover=alert(1)>Firm</b>"',
        ),
        "<b onmouseover",
    ),
    "mkdocs-copyright-script": (
        replace(
            "mkdocs.yml",
            "copyright: Sánchez-Roig Law Firm, P.A.",
            'copyright: "<script>alert(1)</script>"',
        ),
        "<script>alert(1)",
    ),
    "facts-summary-script": (
        first_line("data/facts.yml", "      en: ", '"<script>alert(1)</script> A summary."'),
        "<script>alert(1)",
    ),
    "updates-title-refresh": (
        first_line(
            "data/updates.yml",
            "      en: ",
            "'<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">'",
        ),
        '<meta http-equiv="refresh"',
    ),
}


def _keep_before(path: Path, marker: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index(marker) + 1], encoding="utf-8")


def make_build(folder: Path) -> subprocess.CompletedProcess[str]:
    """`make build` in a copy, with this checkout's virtual environment (already installed)."""
    stamp = VENV / ".installed"
    return subprocess.run(
        ["make", "--no-print-directory", "build", f"VENV={VENV}", "-o", str(stamp)],
        cwd=folder,
        capture_output=True,
        text=True,
        # The address a publishing build names (make build refuses without one).
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://example.org/"},
        timeout=300,
        check=False,
    )


def copy_site(folder: Path) -> None:
    for part in SITE_PARTS:
        shutil.copytree(ROOT / part, folder / part, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "Makefile"):
        shutil.copy(ROOT / name, folder / name)
    (folder / "site").mkdir()
    (folder / "site" / "index.html").write_text(PREVIOUS, encoding="utf-8")


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, tuple[subprocess.CompletedProcess[str], Path]]:
    """Each edit on its own copy, built two at a time."""
    base = tmp_path_factory.mktemp("hostile")

    def attempt(name: str) -> tuple[subprocess.CompletedProcess[str], Path]:
        folder = base / name
        copy_site(folder)
        {**CORPUS, **ESCAPED}[name][0](folder)
        return make_build(folder), folder

    with ThreadPoolExecutor(max_workers=2) as pool:
        names = [*CORPUS, *ESCAPED]
        return dict(zip(names, pool.map(attempt, names), strict=True))


def test_the_corpus_is_large_and_spread_over_every_source() -> None:
    assert len(CORPUS) >= 60
    kinds = {name.split("-")[0] for name in CORPUS}
    assert {"fm", "page", "facts", "ui", "updates", "criteria", "template", "mkdocs"} <= kinds


def errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The build's ERROR lines, without their prefix."""
    return [
        re.sub(r"^ERROR\s+-\s+", "", line)
        for line in result.stderr.splitlines()
        if line.startswith("ERROR")
    ]


@pytest.mark.parametrize("name", list(CORPUS))
def test_each_edit_stops_the_build_with_one_clear_line(builds, name: str) -> None:
    result, folder = builds[name]
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{name}: the build did not stop"
    assert "Traceback" not in output, output[-3000:]
    lines = [line for line in errors(result) if not line.startswith("Error reading page")]
    assert len(lines) == 1, output[-3000:]
    expected = CORPUS[name][1]
    pattern = re.escape(expected).replace(re.escape("{n}"), r"\d+").replace(re.escape("{any}"), ".+")
    assert re.fullmatch(pattern, lines[0]), f"{name}: expected\n{expected}\ngot\n{lines[0]}"
    # all or nothing: the previous build stays, nothing half written beside it
    assert [p.name for p in (folder / "site").iterdir()] == ["index.html"]
    assert (folder / "site" / "index.html").read_text(encoding="utf-8") == PREVIOUS
    assert not (folder / ".site.new").exists() and not (folder / ".site.old").exists()


@pytest.mark.parametrize("name", list(ESCAPED))
def test_markup_in_texts_reaches_no_page_as_markup(builds, name: str) -> None:
    result, folder = builds[name]
    assert "Traceback" not in result.stdout + result.stderr
    marker = ESCAPED[name][1]
    if result.returncode != 0:  # refused: then the previous build must be there, untouched
        assert (folder / "site" / "index.html").read_text(encoding="utf-8") == PREVIOUS
        return
    pages = list((folder / "site").rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert marker not in page.read_text(encoding="utf-8"), page
