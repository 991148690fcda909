"""What the build trims from every page load: the search index until a reader searches,
theme CSS that matches nothing, and the comments and spaces of our own assets."""

from __future__ import annotations

import json
import re
from pathlib import Path

from material import templates

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
        lang = "es" if url.startswith("es/") else "en"
        assert stand_in.endswith(f"/javascripts/workers/search-on-demand.js?lang={lang}"), (
            f"/{url}: {worker}"
        )
        assert (site / "assets" / "javascripts" / "workers" / material).is_file(), material


def test_pages_get_an_empty_index_and_each_language_its_own_beside_it(site) -> None:
    def index(name: str) -> dict:
        return json.loads((site / "search" / name).read_text(encoding="utf-8"))

    stub, en, es = (index(f"search_index{n}.json") for n in ("", ".en", ".es"))
    assert stub["docs"] == [] and stub["config"]["lang"] == ["en", "es"]
    assert en["config"]["lang"] == ["en"] and es["config"]["lang"] == ["es"]
    english = {d["location"].split("/")[0] for d in en["docs"]}
    assert {"", "faq", "special-consideration"} <= english and "es" not in english
    assert es["docs"] and all(d["location"].startswith("es/") for d in es["docs"])
    assert {d["location"] for d in es["docs"]} >= {"es/faq/", "es/special-consideration/"}


def test_search_skips_the_self_check_form_but_not_the_factor_list(site, page, area) -> None:
    """The form's questions and results repeat the factor list; search finds that list."""
    question = area.questions[0]
    built = page("special-consideration/")
    form = built.select_one("[data-criteria-checker]")
    assert form.get_text().count(question["text"]["en"])
    form_ids = {el["id"] for el in form.select("[id]")} | {form["id"]}
    for lang in ("en", "es"):
        index = json.loads((site / "search" / f"search_index.{lang}.json").read_text("utf-8"))
        text = " ".join(d["title"] + " " + d["text"] for d in index["docs"])
        assert question["text"][lang] not in text, lang
        assert area.factors[0]["title"][lang] in text, lang
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
    for url in ("", "es/", "special-consideration/"):
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


def test_the_theme_bundle_asks_to_be_compiled_ahead_and_keeps_its_source_map(site) -> None:
    """Material's bundle starts with the eager-compile hint, once, and its source map moved
    down the one line the hint takes (a map's ";" starts a line)."""
    (bundle,) = (site / "assets" / "javascripts").glob("bundle.*.min.js")
    lines = bundle.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "//# allFunctionsCalledOnLoad" and lines[1].startswith('"use strict"')
    assert lines.count("//# allFunctionsCalledOnLoad") == 1
    source_map = json.loads(bundle.with_name(bundle.name + ".map").read_text(encoding="utf-8"))
    assert source_map["mappings"].startswith(";") and not source_map["mappings"].startswith(";;")


def test_the_search_dialog_has_a_name_in_each_language(page) -> None:
    for url, name in (("", "Search"), ("es/", "Búsqueda")):
        dialog = page(url).select_one(".md-search[role=dialog]")
        assert dialog.get("aria-label") == name, url


def test_pages_carry_no_template_indentation(html_pages) -> None:
    """The theme indents its markup deeply; pages keep one line break per run (3 % gzipped)."""
    content = re.compile(r"<(pre|textarea|script|style)\b.*?</\1>", re.S)
    for url, path in html_pages.items():
        markup = content.sub("", path.read_text(encoding="utf-8"))
        indented = re.search(r".{0,40}\n[ \t]+.{0,40}", markup)
        assert not indented, f"/{url}: {indented.group(0)!r}"
