"""What the build trims from every page load: the search index until a reader searches,
theme CSS that matches nothing, and the comments and spaces of our own assets."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from material import templates

import criteria
from helpers import LANGUAGES, TRANSLATED, lang_of, prefix

THEME_CSS = Path(templates.__file__).parent / "assets" / "stylesheets"


def test_every_page_starts_the_stand_in_search_worker_naming_materials(site, html_pages):
    for url, path in html_pages.items():
        config = re.search(
            r'<script id="__config" type="application/json">(.*?)</script>',
            path.read_text(encoding="utf-8"),
            re.S,
        )
        assert config, f"/{url}: no __config"
        worker = json.loads(config.group(1))["search"]
        stand_in, material = worker.split("#")
        lang = lang_of(url)
        assert re.search(
            rf"/javascripts/workers/search-on-demand\.js\?v=[0-9a-f]{{10}}&lang={lang}$", stand_in
        ), f"/{url}: {worker}"
        assert (site / "assets" / "javascripts" / "workers" / material).is_file(), material


def test_pages_get_an_empty_index_and_each_language_its_own_beside_it(site) -> None:
    def index(name: str) -> dict:
        return json.loads((site / "search" / name).read_text(encoding="utf-8"))

    stub, en = index("search_index.json"), index("search_index.en.json")
    # Languages with a lunr stemmer keep theirs; Kreyòl has none (material_html).
    stemmed = stub["config"]["lang"]
    assert stub["docs"] == [] and stemmed == ["en", "es"]
    assert en["config"]["lang"] == ["en"]
    english = {d["location"].split("/")[0] for d in en["docs"]}
    assert {"", "faq", "self-check"} <= english and not english & set(TRANSLATED)
    for lang in TRANSLATED:
        other = index(f"search_index.{lang}.json")
        assert other["config"]["lang"] == ([lang] if lang in stemmed else ["en"]), lang
        assert other["docs"] and all(d["location"].startswith(f"{lang}/") for d in other["docs"])
        wanted = {f"{lang}/faq/", f"{lang}/self-check/"}
        assert {d["location"] for d in other["docs"]} >= wanted


def test_search_skips_the_self_check_form_but_not_the_factor_list(site, page, area) -> None:
    """The form's questions and results repeat the factor list; search finds that list."""
    question = area.questions[0]
    built = page("self-check/")
    form = built.select_one("[data-criteria-checker]")
    assert form.get_text().count(question["text"]["en"])
    form_ids = {el["id"] for el in form.select("[id]")} | {form["id"]}
    for lang in LANGUAGES:
        index = json.loads((site / "search" / f"search_index.{lang}.json").read_text("utf-8"))
        text = " ".join(d["title"] + " " + d["text"] for d in index["docs"])
        shown = criteria.text_language(area, lang)
        assert question["text"][shown] not in text, lang
        assert area.factors[0]["title"][shown] in text, lang
        sections = {d["location"].partition("#")[2] for d in index["docs"]}
        assert not sections & form_ids, lang  # no search result leads into the form


def test_theme_css_keeps_what_pages_use_and_drops_unused_features(site) -> None:
    built = next((site / "assets" / "stylesheets").glob("main.*.css")).read_text()
    original = next(THEME_CSS.glob("main.*.min.css")).read_text()
    assert len(built) < 0.7 * len(original)
    for used in (
        ".md-header",
        ".md-search__input",
        ".md-search-result__meta",
        ".md-typeset",
        ".md-nav__link--active",
        ".md-footer",
        ".md-top",
        ".md-select",
        ".admonition",  # the safety page's free-help box (docs/safety.md, !!! tip)
        "@media print",
        ".admonition",  # the key-points and free-help boxes
        "--md-admonition-icon--note:",
        "--md-admonition-icon--tip:",
    ):
        assert used in built, used
    for unused in ("md-source__repository", "md-banner", "md-tabs", "tabbed-set"):
        rule = re.compile(rf"\.{unused}(?![\w-])")
        assert rule.search(original) and not rule.search(built), unused
    assert "--md-admonition-icon--bug:" in original and "--md-admonition-icon--bug" not in built


def test_nothing_makes_the_browser_restyle_a_shown_page_at_load(site, page) -> None:
    """What Material's bundle sets at every load must already be in place, or change nothing:
    no rule reads its colour-switching mark, both colour schemes are declared in the head, and
    the page is marked as scripted before its body is styled."""
    original = next(THEME_CSS.glob("palette.*.min.css")).read_text()
    built = next((site / "assets" / "stylesheets").glob("palette.*.css")).read_text()
    assert "data-md-color-switching" in original and "data-md-color-switching" not in built
    for url in (*(prefix(lang) for lang in LANGUAGES), "self-check/"):
        head = page(url).head
        assert head.select_one('meta[name="color-scheme"]')["content"] == "light dark", url
        first_script = head.find("script", src=False, type=False).string
        assert first_script.startswith('document.documentElement.classList.replace("no-js","js")')


def test_our_assets_ship_minified(site) -> None:
    for name in (
        "checker.js",
        "language.js",
        "checker.css",
        "site.css",
        "javascripts/workers/search-on-demand.js",
    ):
        text = (site / "assets" / name).read_text(encoding="utf-8")
        assert "\n  " not in text and "/*" not in text and "\n//" not in text, name


def test_the_theme_bundle_asks_to_be_compiled_ahead_and_ships_no_source_map(site) -> None:
    """Material's bundle starts with the eager-compile hint, once; no source map is published
    and no file names one."""
    (bundle,) = (site / "assets" / "javascripts").glob("bundle.*.min.js")
    lines = bundle.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "//# allFunctionsCalledOnLoad" and lines[1].startswith('"use strict"')
    assert lines.count("//# allFunctionsCalledOnLoad") == 1
    assert not list(site.rglob("*.map"))
    for path in [*site.rglob("*.js"), *site.rglob("*.css")]:
        assert "sourceMappingURL" not in path.read_text(encoding="utf-8"), path


def test_our_own_files_are_named_by_the_version_of_their_content(site, html_pages) -> None:
    """Every page names each of our CSS and JS files with a hash of what was shipped, so a
    cache never pairs a new page with an old script."""
    own = ("checker.js", "language.js", "checker.css", "site.css")
    for url, path in html_pages.items():
        html = path.read_text(encoding="utf-8")
        for name in own:
            digest = hashlib.sha256((site / "assets" / name).read_bytes()).hexdigest()[:10]
            found = re.findall(rf'/assets/{re.escape(name)}(\?v=[0-9a-f]+)?"', html)
            assert found == [f"?v={digest}"], f"/{url}: {name} {found}"


def test_the_search_dialog_has_a_name_in_each_language(page) -> None:
    for url, name in (("", "Search"), ("es/", "Búsqueda"), ("ht/", "Chèche")):
        dialog = page(url).select_one(".md-search[role=dialog]")
        assert dialog.get("aria-label") == name, url


def test_pages_carry_no_template_indentation(html_pages) -> None:
    """The theme indents its markup deeply; pages keep one line break per run (3 % gzipped)."""
    content = re.compile(r"<(pre|textarea|script|style)\b.*?</\1>", re.S)
    for url, path in html_pages.items():
        markup = content.sub("", path.read_text(encoding="utf-8"))
        indented = re.search(r".{0,40}\n[ \t]+.{0,40}", markup)
        assert not indented, f"/{url}: {indented.group(0)!r}"
