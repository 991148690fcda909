"""Trim what readers do not need from the built site: theme CSS rules that can match nothing
on any page, and the comments and spaces in our own CSS and JS; and have the browser compile
the theme's script before it is needed. No MkDocs imports.

Material ships one stylesheet for every feature it has (admonitions, tabs, code, tables…);
this site uses a few. A rule is kept when every class, id and attribute it needs occurs
somewhere in the site's HTML or JavaScript (so classes that Material's script adds later
are kept too); a rule that needs a word found nowhere can never apply, and goes.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

import rcssmin
import rjsmin
import tinycss2

import material_html

# At-rules whose block holds rules (filtered like the top level); others are kept whole.
_GROUPING = {"media", "supports", "layer", "container", "scope"}
_WORD = re.compile(r"[A-Za-z_][\w-]*")
_TAG_OR_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>|<[A-Za-z][^>]*>", re.S)
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
# Inside these, a missing word does not stop the selector from matching, so ignore them.
_LENIENT = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\(")
# Nearly every function in Material's bundle runs while a page loads. With this first line
# (V8's explicit compile hints, Chromium 136+), Chromium compiles them all on a background
# thread as the file streams in, rather than one by one on the main thread when each is
# first called; other browsers read a comment. Measured on the self-check page at 4x CPU:
# main-thread compiles while the bundle runs went from 346 to 2, its run from 301 to 193 ms.
EAGER_HINT = "//# allFunctionsCalledOnLoad\n"
_NEEDS = re.compile(
    r"[.#]([A-Za-z_][\w-]*)|\[\s*([A-Za-z_][\w-]*)\s*(?:[~|^$*]?=\s*[\"']?([\w-]+))?"
)


def trim_site(
    site: Path, own: Iterable[str], pages_html: Iterable[str], unused_features: Iterable[str] = ()
) -> None:
    """In a built site: drop the theme's CSS rules that can match nothing, minify our own
    CSS and JS (`own`: paths in the site) and give the theme's bundle the eager-compile hint.
    What the pages' scripts may add to a page later counts as used, so their words join the
    pages' own, except words naming a theme feature the site never turns on
    (`unused_features`, prefixes): a script cannot add those to a page."""
    ours = {}  # our own files, minified
    for path in (site / p for p in own if p.endswith((".css", ".js"))):
        minify = minify_css if path.suffix == ".css" else minify_js
        ours[path] = minify(path.read_text(encoding="utf-8"))
        path.write_text(ours[path], encoding="utf-8")
    bundles = sorted(site.glob(material_html.BUNDLES))
    scripts = [_compile_eagerly(bundle) for bundle in bundles] + [
        text for p, text in ours.items() if p.parent == site / "assets" and p.suffix == ".js"
    ]
    markup = markup_of(pages_html)
    inline = [m for m in markup if m.startswith("<script")]
    in_scripts = without_features(words_in([*inline, *scripts]), unused_features)
    words = (words_in(markup - set(inline)) | in_scripts) - material_html.NOT_WORTH_A_RESTYLE
    purged = {
        path: purge_css(path.read_text(encoding="utf-8"), words)
        for path in (site / "assets" / "stylesheets").glob("*.css")
    }
    used = properties_used([*purged.values(), *scripts, *ours.values()])
    for path, css in purged.items():
        path.write_text(drop_unused_properties(css, used), encoding="utf-8")


def with_eager_hint(script: str) -> str:
    """`script` with the first line that has Chromium compile all of it ahead of time."""
    return script if script.startswith(EAGER_HINT) else EAGER_HINT + script


def markup_of(pages_html: Iterable[str]) -> set[str]:
    """The distinct tags and inline scripts of the pages: all that a selector can match
    (their text cannot), and pages share most of it, so it is quick to search."""
    found: set[str] = set()
    for html in pages_html:
        found.update(_TAG_OR_SCRIPT.findall(html))
    return found


def words_in(texts: Iterable[str]) -> frozenset[str]:
    """Every identifier-like word in the given HTML and JavaScript texts."""
    found: set[str] = set()
    for text in texts:
        found.update(_WORD.findall(text))
    return frozenset(found)


def without_features(words: frozenset[str], features: Iterable[str]) -> frozenset[str]:
    """`words` less those that start with one of the `features` prefixes."""
    prefixes = tuple(features)
    return frozenset(w for w in words if not (prefixes and w.startswith(prefixes)))


def may_match(selector: str, words: frozenset[str]) -> bool:
    """False only when `selector` needs a class, id or attribute word that occurs nowhere."""
    return all(
        word in words
        for match in _NEEDS.finditer(_strict_part(selector))
        for word in match.groups()
        if word
    )


def purge_css(css: str, words: frozenset[str]) -> str:
    """`css` without the style rules that can match nothing, minified."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return rcssmin.cssmin(_serialize(rules, words))


def properties_used(texts: Iterable[str]) -> frozenset[str]:
    """Every custom property read with var(--name) in the given CSS or JavaScript."""
    return frozenset(name for text in texts for name in _VAR.findall(text))


def drop_unused_properties(css: str, used: frozenset[str]) -> str:
    """`css` without declarations of custom properties that nothing reads (most are icons)."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return rcssmin.cssmin("".join(_without_properties(rule, used) for rule in rules))


def minify_css(css: str) -> str:
    """Our own CSS without comments and spaces."""
    return rcssmin.cssmin(css)


def minify_js(js: str) -> str:
    """Our own JavaScript without comments and spaces (names are kept: tests call them)."""
    return rjsmin.jsmin(js)


def _compile_eagerly(bundle: Path) -> str:
    """Give the theme's bundle the eager-compile hint and return the bundle's text."""
    script = bundle.read_text(encoding="utf-8")
    hinted = with_eager_hint(script)
    if hinted == script:
        return script  # already done (a rebuild that kept the file)
    bundle.write_text(hinted, encoding="utf-8")
    return hinted


_SOURCE_MAP_COMMENT = re.compile(r"\n?(//# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")


def drop_source_maps(site: Path) -> None:
    """Remove the theme's source maps and the comments that name them: readers never need
    them, and they would publish the theme's sources beside the site."""
    assets = site / "assets"
    for path in [*assets.rglob("javascripts/**/*.js"), *assets.rglob("stylesheets/*.css")]:
        text = path.read_text(encoding="utf-8")
        dropped = _SOURCE_MAP_COMMENT.sub("", text)
        if dropped != text:
            path.write_text(dropped, encoding="utf-8")
    for source_map in assets.rglob("*.map"):
        source_map.unlink()


def own_assets(docs_assets: Path) -> list[str]:
    """The site's own files under docs/assets/, as site addresses ("assets/site.css")."""
    return [f"assets/{p.relative_to(docs_assets).as_posix()}" for p in docs_assets.rglob("*")]


def versions(site: Path, own: Iterable[str]) -> dict[str, str]:
    """A version of each of the site's own CSS and JS files as they ship (minified): the
    start of a hash of its content, for the addresses the pages give them."""
    return {
        name: hashlib.sha256((site / name).read_bytes()).hexdigest()[:10]
        for name in own
        if name.endswith((".css", ".js"))
    }


def _serialize(rules: list, words: frozenset[str]) -> str:
    out = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [
                s for s in _split_selectors(tinycss2.serialize(rule.prelude)) if may_match(s, words)
            ]
            if selectors:
                out.append(f"{','.join(selectors)}{{{tinycss2.serialize(rule.content)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPING and rule.content:
            inner = tinycss2.parse_blocks_contents(
                rule.content, skip_comments=True, skip_whitespace=True
            )
            body = _serialize([r for r in inner if r.type != "declaration"], words)
            if body:
                prelude = tinycss2.serialize(rule.prelude)
                out.append(f"@{rule.at_keyword}{prelude}{{{body}}}")
        elif rule.type == "at-rule":
            out.append(rule.serialize())
    return "".join(out)


def _without_properties(rule, used: frozenset[str]) -> str:
    if rule.type == "qualified-rule":
        items = tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True)
        kept = [
            item.serialize() if item.type != "declaration" else _declaration(item)
            for item in items
            if not (
                item.type == "declaration" and item.name.startswith("--") and item.name not in used
            )
        ]
        return f"{tinycss2.serialize(rule.prelude)}{{{';'.join(kept)}}}" if kept else ""
    if rule.type == "at-rule" and rule.lower_at_keyword in _GROUPING and rule.content:
        inner = tinycss2.parse_blocks_contents(
            rule.content, skip_comments=True, skip_whitespace=True
        )
        body = "".join(_without_properties(r, used) for r in inner if r.type != "declaration")
        return f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{body}}}" if body else ""
    return rule.serialize()


def _declaration(item) -> str:
    important = "!important" if item.important else ""
    return f"{item.name}:{tinycss2.serialize(item.value).strip()}{important}"


def _split_selectors(prelude: str) -> list[str]:
    """Split a selector list at its top-level commas."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:i].strip())
            start = i + 1
    parts.append(prelude[start:].strip())
    return [p for p in parts if p]


def _strict_part(selector: str) -> str:
    """The selector without the contents of :not(), :is() and the like."""
    out, i = [], 0
    for match in _LENIENT.finditer(selector):
        if match.start() < i:
            continue
        out.append(selector[i : match.end()])
        depth, j = 1, match.end()
        while j < len(selector) and depth:
            depth += {"(": 1, ")": -1}.get(selector[j], 0)
            j += 1
        out.append(")")
        i = j
    out.append(selector[i:])
    return "".join(out)
