"""The theme-specific HTML surgery: each change to Material's pages, on small examples."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import pytest

import material_html


def test_tidy_theme_html_drops_autocomplete_from_checkboxes_only() -> None:
    html = (
        '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">'
        '<form autocomplete="off"><input type="search" autocomplete="off"></form>'
    )
    assert material_html.tidy_theme_html(html) == (
        '<input class="md-toggle" type="checkbox" id="__drawer">'
        '<form autocomplete="off"><input type="search" autocomplete="off"></form>'
    )


def test_the_stand_in_search_worker_is_told_the_page_language() -> None:
    config = '<script id="__config">{"search": "../assets/javascripts/workers/search.ab12.min.js"}'
    html = material_html.search_on_demand(f'<html lang="es" class="no-js">{config}')
    assert '"../assets/javascripts/workers/search-on-demand.js?lang=es#search.ab12.min.js"' in html
    with pytest.raises(ValueError, match="search_on_demand"):
        material_html.search_on_demand(f"<html>{config}")


def test_links_and_assets_get_their_absolute_address() -> None:
    html = (
        '<link rel="canonical" href="https://x.org/es/faq/">'
        '<link rel="stylesheet" href="../../assets/stylesheets/main.1a2b.min.css">'
        '<link rel="icon" href="/assets/images/favicon.svg">'
        '<a href="#q1">¶</a> <a href="../"><img src="../logo.svg"></a> <a href="">here</a>'
        '<a href="tel:+13053735385">Call</a> <a href="//cdn.example/x">x</a>'
        '<a data-href="../x" title="href=&quot;y&quot;">z</a>'
    )
    assert material_html.absolute_links(html, "https://x.org/es/faq/") == (
        '<link rel="canonical" href="https://x.org/es/faq/">'
        '<link rel="stylesheet" href="https://x.org/assets/stylesheets/main.1a2b.min.css">'
        '<link rel="icon" href="https://x.org/assets/images/favicon.svg">'
        '<a href="https://x.org/es/faq/#q1">¶</a> <a href="https://x.org/es/">'
        '<img src="https://x.org/es/logo.svg"></a> <a href="">here</a>'
        '<a href="tel:+13053735385">Call</a> <a href="//cdn.example/x">x</a>'
        '<a data-href="../x" title="href=&quot;y&quot;">z</a>'
    )


@pytest.mark.parametrize(
    "page_url", ["https://x.org/", "https://x.org/es/faq/", "http://h:8/a/b/c/"]
)
@pytest.mark.parametrize(
    "value",
    [
        "#q",
        "/",
        "/assets/a.css",
        "./",
        "../",
        "../../../../x/",
        "x/",
        "./x/y.svg",
        "../x/#y",
        "..",
        ".",
        "x/../y/",
        "?q=1",
        "a.html?x#y",
        "../../assets/i.svg",
    ],
)
def test_absolute_addresses_are_what_the_browser_would_resolve(page_url, value) -> None:
    html = material_html.absolute_links(f'<a href="{value}">', page_url)
    assert html == f'<a href="{urljoin(page_url, value)}">'


def test_a_page_served_at_any_address_keeps_its_fragment_links() -> None:
    html = '<a href="#main">Skip</a><link rel="stylesheet" href="/assets/site.css">'
    assert material_html.absolute_links(html, "https://x.org/", served_at_page_url=False) == (
        '<a href="#main">Skip</a><link rel="stylesheet" href="https://x.org/assets/site.css">'
    )


def test_indentation_collapses_to_one_line_break_and_content_whitespace_stays() -> None:
    kept = (
        "<pre>\n    code\n</pre>",
        "<textarea>\n  text\n</textarea>",
        "<script>\n  const s = `a\n    b`;\n</script>",
        "<STYLE>\n  p { }\n</STYLE>",
        '<p title="one\n    two">',
        "\n\u00a0\u00a0no-break",
    )
    html = "<div>\n    <p>\n      Words  \n   here\n    </p>" + "\n  ".join(kept) + "\n</div>\n"
    assert material_html.collapse_indentation(html) == (
        "<div>\n<p>\nWords\nhere\n</p>" + "\n".join(kept[:-1]) + kept[-1] + "\n</div>\n"
    )


def test_own_assets_get_their_version_in_the_address_once() -> None:
    versions = {"assets/site.css": "aa11", "assets/javascripts/workers/w.js": "bb22"}
    html = (
        '<link href="https://x.org/assets/site.css"><link href="../assets/site.css">'
        '<script src="/assets/site.css.js"></script><a href="../other/assets/site.css#x">'
        '{"search": "../assets/javascripts/workers/w.js?lang=es#search.1.min.js"}'
    )
    once = material_html.version_own_assets(html, versions)
    assert once == (
        '<link href="https://x.org/assets/site.css?v=aa11"><link href="../assets/site.css?v=aa11">'
        '<script src="/assets/site.css.js"></script><a href="../other/assets/site.css?v=aa11#x">'
        '{"search": "../assets/javascripts/workers/w.js?v=bb22&lang=es#search.1.min.js"}'
    )
    again = material_html.version_own_assets(once, {**versions, "assets/site.css": "cc33"})
    assert again == once.replace("aa11", "cc33")


HEADER = (
    '<nav><div class="md-header__topic">\n  <span class="md-ellipsis">\n  Site\n  </span>\n</div>'
    '<div class="md-header__topic" data-md-component="header-topic">'
    '<span class="md-ellipsis">Page</span></div>'
    '<label class="md-header__button md-icon" for="__search">S</label></nav>'
)


def test_extend_header_adds_the_short_name_after_the_site_name_and_the_call_before_search():
    out = material_html.extend_header(HEADER, "<b>short</b>", "<a>call</a>")
    assert "  Site\n  </span><b>short</b>\n</div>" in out
    assert out.count("<b>short</b>") == 1
    assert '<a>call</a><label class="md-header__button md-icon" for="__search">' in out
    no_search = HEADER.replace(
        '<label class="md-header__button md-icon" for="__search">S</label>', ""
    )
    assert material_html.extend_header(no_search, "", "<a>call</a>").endswith("<a>call</a></nav>")


def test_extend_header_fails_loudly_when_materials_header_changes() -> None:
    with pytest.raises(ValueError, match=r"update material_html\.extend_header"):
        material_html.extend_header("<nav></nav>", "s", "c")


def test_the_stand_in_imports_only_the_themes_own_search_bundle() -> None:
    stand_in = 'const BUNDLE = "search.THEME-BUNDLE.min.js";\nimportScripts(new URL(BUNDLE, x))'
    names = ["search-on-demand.js", "search.a7633da7.min.js"]
    pinned = material_html.pin_search_bundle(stand_in, names)
    assert pinned.startswith('const BUNDLE = "search.a7633da7.min.js";')
    assert material_html.pin_search_bundle(pinned, names) == pinned  # the next language's build
    for wrong in (["search-on-demand.js"], [*names, "search.bbbb.min.js"]):
        with pytest.raises(ValueError, match=r"is not one file search\.<hash>\.min\.js"):
            material_html.pin_search_bundle(stand_in, wrong)


def test_the_shipped_stand_in_reads_no_worker_name_from_its_address() -> None:
    from helpers import ROOT

    js = (ROOT / "docs/assets/javascripts/workers/search-on-demand.js").read_text("utf-8")
    assert "importScripts(new URL(BUNDLE, location).href)" in js
    assert "location.hash" not in js


def test_a_language_without_a_lunr_stemmer_is_searched_as_plain_folded_words() -> None:
    config = {"lang": ["en", "es"], "separator": "[\\s]+", "pipeline": ["stopWordFilter"]}
    assert material_html.search_index_config(config, "es") == {**config, "lang": ["es"]}
    assert material_html.search_index_config(config, "ht") == {
        **config,
        "lang": ["en"],
        "pipeline": ["trimmer"],
        "fold": True,
    }


def test_extend_header_puts_a_short_title_before_the_pages_full_title() -> None:
    out = material_html.extend_header(HEADER, "", "", "<i>short</i>")
    assert 'data-md-component="header-topic"><i>short</i><span class="md-ellipsis">Page' in out
    assert material_html.extend_header(HEADER, "", "", "") == material_html.extend_header(
        HEADER, "", ""
    )


def test_extend_header_names_the_page_title_when_materials_header_loses_it() -> None:
    no_title = HEADER.replace(' data-md-component="header-topic"', "")
    with pytest.raises(ValueError) as caught:
        material_html.extend_header(no_title, "", "", "<i>short</i>")
    assert str(caught.value) == (
        "Material's header has no page title where material_html.extend_header looks for it: "
        "its template changed, so update material_html.extend_header"
    )


def test_each_language_gets_its_own_search_index_and_pages_an_empty_one() -> None:
    config = {"lang": ["en", "es"], "separator": "[\\s]+"}
    docs = [{"location": loc, "title": loc, "text": "x"} for loc in ("", "faq/", "es/", "es/faq/")]
    stub, by_language = material_html.split_search_index(
        json.dumps({"config": config, "docs": docs}), ["en", "es"]
    )
    assert json.loads(stub) == {"config": config, "docs": []}
    en, es = (json.loads(by_language[lang]) for lang in ("en", "es"))
    assert [d["location"] for d in en["docs"]] == ["", "faq/"]
    assert [d["location"] for d in es["docs"]] == ["es/", "es/faq/"]
    assert en["config"] == {**config, "lang": ["en"]} and es["config"]["lang"] == ["es"]
