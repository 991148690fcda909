"""Trimming the theme's CSS: rules that can match nothing go, everything else stays."""

from __future__ import annotations

import trim

WORDS = frozenset({"md-header", "md-search", "js", "data-md-color-primary", "indigo", "open"})


def test_a_selector_needing_an_unknown_class_id_or_attribute_cannot_match() -> None:
    assert trim.may_match(".md-header .md-search", WORDS)
    assert trim.may_match("html body > p:first-child::after", WORDS)  # no class needed
    assert not trim.may_match(".md-header .admonition", WORDS)
    assert not trim.may_match("#tabbed", WORDS)
    assert trim.may_match("[data-md-color-primary=indigo] .md-header", WORDS)
    assert not trim.may_match('[data-md-color-primary="red"]', WORDS)
    assert not trim.may_match("[data-md-toggle=search]", WORDS)


def test_words_inside_not_is_and_where_do_not_decide() -> None:
    # .md-header:not(.admonition) matches every header, the absent class notwithstanding.
    assert trim.may_match(".md-header:not(.admonition)", WORDS)
    assert trim.may_match(":is(.tabbed, .md-search) .md-header", WORDS)
    assert not trim.may_match(".tabbed:not(.md-header)", WORDS)


def test_purge_keeps_used_rules_groups_and_other_at_rules() -> None:
    css = (
        '@charset "UTF-8";.md-header{color:red}.admonition{color:blue}'
        ".admonition,.md-search{margin:0}"
        "@media screen{.admonition{top:0}}@media print{.md-header{display:none}}"
        "@keyframes pulse{0%{opacity:0}}@font-face{font-family:x}"
    )
    out = trim.purge_css(css, WORDS)
    assert ".md-header{color:red}" in out
    assert ".md-search{margin:0}" in out and ".admonition" not in out
    assert "@media print{.md-header{display:none}}" in out
    assert "@media screen" not in out  # nothing left inside
    assert "@keyframes pulse" in out and "@font-face" in out


def test_unread_custom_properties_are_dropped_and_read_ones_kept() -> None:
    css = ":root{--md-icon:url(x.svg);--md-color:#000;color:var(--md-color)}.a{--gone:1}"
    used = trim.properties_used([css])
    out = trim.drop_unused_properties(css, used)
    assert "--md-color:#000" in out and "color:var(--md-color)" in out
    assert "--md-icon" not in out and "--gone" not in out and ".a" not in out


def test_our_assets_are_minified_not_renamed() -> None:
    assert trim.minify_css("/* why */\n.a {\n  color: red;\n}\n") == ".a{color:red}"
    assert trim.minify_js("// why\nconst a = 1;\n") == "const a=1;"


def test_only_markup_and_inline_scripts_count_not_text() -> None:
    html = '<p class="md-header">admonition</p><script>el.classList.add("md-top")</script>'
    words = trim.words_in(trim.markup_of([html]))
    assert {"p", "class", "md-header", "md-top"} <= words
    assert "admonition" not in words


def test_the_eager_compile_hint_is_the_first_line_once() -> None:
    script = '"use strict";(()=>{})();\n//# sourceMappingURL=bundle.js.map\n'
    hinted = trim.with_eager_hint(script)
    assert hinted == "//# allFunctionsCalledOnLoad\n" + script
    assert trim.with_eager_hint(hinted) == hinted


def test_source_maps_and_their_comments_are_not_shipped(tmp_path) -> None:
    js, css = tmp_path / "assets/javascripts", tmp_path / "assets/stylesheets"
    js.mkdir(parents=True)
    css.mkdir()
    (js / "bundle.1.min.js").write_text('"use strict";\n//# sourceMappingURL=bundle.1.min.js.map')
    (js / "bundle.1.min.js.map").write_text("{}")
    (css / "main.1.min.css").write_text("a{b:c}/*# sourceMappingURL=main.1.min.css.map */")
    (css / "main.1.min.css.map").write_text("{}")
    trim.drop_source_maps(tmp_path)
    assert (js / "bundle.1.min.js").read_text() == '"use strict";'
    assert (css / "main.1.min.css").read_text() == "a{b:c}"
    assert not list(tmp_path.rglob("*.map"))


def test_an_unused_theme_feature_named_only_by_scripts_loses_its_rules(tmp_path) -> None:
    (tmp_path / "assets/javascripts").mkdir(parents=True)
    (tmp_path / "assets/stylesheets").mkdir()
    bundle = tmp_path / "assets/javascripts/bundle.1.min.js"
    bundle.write_text('a.classList.add("md-tooltip","md-top","highlight")', encoding="utf-8")
    css = tmp_path / "assets/stylesheets/main.css"
    css.write_text(".md-tooltip{a:1}.md-top{b:2}.highlight .cm{c:3}.gone{d:4}", encoding="utf-8")
    page = '<pre class="highlight"><span class="cm">x</span></pre>'  # a page that uses one

    trim.trim_site(tmp_path, own=[], pages_html=[page], unused_features=("md-tooltip", "highlight"))

    assert css.read_text(encoding="utf-8") == ".md-top{b:2}.highlight .cm{c:3}"
