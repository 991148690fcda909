"""Content-Security-Policy for a static host, and the checks that keep code out of pages.

Pure Python, no MkDocs imports. The policy allows only this site's own files and, inline,
exactly the theme's own scripts (material_html.THEME_SCRIPTS): any other inline script stops
the build, so the hash list can never grow to admit one. Page content (the HTML made from a
page's Markdown) may not carry scripts, styles, event handlers, redirects or embedded
documents at all.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from selectolax.lexbor import LexborHTMLParser

import material_html
from yamlsource import SourceError

_INLINE_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.I | re.S)
_HEAD_START = re.compile(r"<head[^>]*>(\s*<meta charset=[^>]*>)?")
# Scripts of these types are data, not code: the browser never runs them, CSP ignores them.
_DATA_TYPE = re.compile(r"""\stype\s*=\s*["']?application/(ld\+)?json["'\s]*$""", re.I)
_NEVER_IN_OUTPUT = {"base", "iframe", "object", "embed", "frame", "frameset", "noscript"}

DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self' {hashes}",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
)


def script_hash(body: str) -> str:
    """The CSP source expression ('sha256-…') that lets exactly this inline script run."""
    digest = hashlib.sha256(body.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_script_hashes(html: str, where: str) -> set[str]:
    """The hashes of a finished page's inline scripts, each one of the theme's own; any other
    inline script, event-handler attribute, <meta http-equiv>, <base> or embedded document
    stops the build with one line naming the page (`where`). The page is parsed as a browser
    parses it (HTML5), so nothing hides in a quoted value or a raw-text element."""
    bodies = {match["body"] for match in _INLINE_SCRIPT.finditer(html)}
    hashes = set()
    for node in LexborHTMLParser(html).root.traverse(include_text=False):
        name, attrs = node.tag, node.attributes
        for attr in attrs:
            if attr.startswith("on"):
                raise SourceError(
                    where, f"<{name}> has an event-handler attribute (on…=); remove it"
                )
        if name in _NEVER_IN_OUTPUT or (name == "meta" and "http-equiv" in attrs):
            what = "<meta http-equiv>" if name == "meta" else f"<{name}>"
            raise SourceError(where, f"{what} is not allowed in a page; remove it")
        if name != "script" or "src" in attrs or _DATA_TYPE.search(f" type={attrs.get('type')}"):
            continue
        body = node.text(deep=True)
        # The parse and the text must agree on the script: what is hashed is what runs.
        if body not in bodies or material_html.theme_script(body) is None:
            raise SourceError(
                where,
                "an inline <script> that is not one of the theme's own; scripts go in files "
                "under docs/assets/",
            )
        hashes.add(script_hash(body))
    return hashes


# Elements that run code, restyle the page, send readers elsewhere or embed another
# document: each refusal says where the thing goes instead.
_FORBIDDEN_ELEMENTS = {
    "script": "scripts go in files under docs/assets/",
    "style": "styles go in docs/assets/site.css",
    "meta": "pages may not redirect or set headers",
    "base": "it would change where every link leads",
    "iframe": "link to the page instead",
    "frame": "link to the page instead",
    "object": "link to the file instead",
    "embed": "link to the file instead",
    "form": "only the self-check has a form, and the build places it",
    "link": "stylesheets and scripts are listed in mkdocs.yml",
    "svg": "put the image in a file under docs/assets/images/ and show it with ![text](file)",
    "math": "write the formula in words",
}
# An allowlist, not a blocklist: the elements Markdown writes with this site's extensions
# (admonition, attr_list, md_in_html, tables, toc, pymdownx.details) and plain text markup.
# Anything else (noscript, xmp, template, textarea, svg, math, …) is refused by name.
CONTENT_ELEMENTS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})  # fmt: skip
# The build's own parts add these (overrides/partials: the self-check's form, the home
# page's lead); only the check of the built page, which knows where they are, accepts them.
_BUILT_ELEMENTS = CONTENT_ELEMENTS | {
    "form", "fieldset", "legend", "label", "input", "button", "section", "template",
}  # fmt: skip
_GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
_ATTRIBUTES = {
    "a": {"href", "hreflang", "rel", "type"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "style", "scope"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "del": {"datetime"},
    "ins": {"datetime"},
    "details": {"open"},
    "col": {"span"},
    "colgroup": {"span"},
}
# Attributes the build's own parts use (the self-check: its form and its data for checker.js).
_BUILT_ATTRIBUTES = frozenset(
    {"role", "tabindex", "hidden", "for", "name", "value", "type", "autocomplete", "novalidate"}
)
# The only style Markdown writes: a table column's alignment.
_TABLE_ALIGN = re.compile(r"text-align: (left|right|center);")
# The classes a page may give (attr_list's { .name }) or Markdown writes: the button look,
# admonition types, heading permalinks, citation links (facts.py).
CONTENT_CLASSES = frozenset({
    *material_html.PAGE_CLASSES, "headerlink", "cite", "admonition", "admonition-title",
    "note", "abstract", "info", "tip", "success", "question", "warning", "failure", "danger",
    "bug", "example", "quote",
})  # fmt: skip
# A fenced code block's language (```html), which MkDocs' fenced_code writes on <code>.
_CODE_LANGUAGE = re.compile(r"language-[a-z0-9+#-]+")
# Names the theme's and the self-check's code look up: a page that used one would replace
# or knock out the real element (material_html has the theme's).
_RESERVED_IDS = (*material_html.RESERVED_ID_PREFIXES, "pd-")
_RESERVED_DATA = (*material_html.RESERVED_DATA_PREFIXES, "data-criteria-", "data-pd-")
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
_CODE_SCHEMES = re.compile(r"(javascript|data|vbscript):", re.I)
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20]")
_OUTSIDE = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*:|//|\\\\)")


def _parse(html: str) -> LexborHTMLParser:
    # A page's content sits in <body>, inside Material's <article>: parsed there, as a
    # browser parses it (the HTML5 algorithm; html.parser reads <noscript>, <xmp> and
    # attribute values differently).
    return LexborHTMLParser("<!doctype html><html><head></head><body><article>" + html)


def short(value: str, limit: int = 80) -> str:
    """A value quoted in a message: one line, at most `limit` characters."""
    text = json.dumps(value, ensure_ascii=False)[1:-1]
    return text if len(text) <= limit else text[: limit - 1] + "…"


MESSAGE_LIMIT = 1000  # characters: the longest of the build's own (a list of allowed fields) is 800


def short_message(message: str) -> str:
    """A message cut to one short line: each part (between ", " or ": ") of at most 80
    characters, the whole at most MESSAGE_LIMIT."""
    parts = re.split(r"(: |, )", message.replace("\n", " ")[: MESSAGE_LIMIT * 40])
    text = "".join(p if len(p) <= 80 else p[:79] + "…" for p in parts)
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"


def _element_problem(node: Any, *, built: bool) -> str | None:
    """Why this element may not be in a page's content, or None."""
    tag = node.tag
    if tag in _FORBIDDEN_ELEMENTS and not (built and tag == "form"):
        return f"<{tag}> is not allowed in a page ({_FORBIDDEN_ELEMENTS[tag]})"
    if tag not in (_BUILT_ELEMENTS if built else CONTENT_ELEMENTS):
        return (
            f"<{short(tag, 30)}> is not allowed in a page; pages use only the elements "
            "Markdown writes (see CONTRIBUTING.md, Raw HTML)"
        )
    allowed = _ATTRIBUTES.get(tag, ())
    for name, value in node.attributes.items():
        value = value or ""
        if name.startswith("on"):
            return f"the attribute {short(name, 30)} on <{tag}> runs code; remove it"
        scheme = _CODE_SCHEMES.match(_IGNORED_IN_SCHEME.sub("", value))
        if name in _URL_ATTRIBUTES and scheme:
            return (
                f'a "{scheme[1].lower()}:" address on <{tag}> is not allowed; link to a '
                "page or an https:// address"
            )
        if "<" in value:
            return f"the attribute {short(name, 30)} on <{tag}> holds a <; remove it"
        if name == "src" and _OUTSIDE.match(value.strip()):
            return (
                f"<{tag}> loads {short(value.strip(), 60)} from outside the site; put the "
                "file under docs/assets/ and use its relative address"
            )
        if name == "style" and not (tag in ("td", "th") and _TABLE_ALIGN.fullmatch(value)):
            return f"the attribute style on <{tag}> is not allowed; remove it"
        reserved = next((p for p in _RESERVED_DATA if name.startswith(p)), None)
        if reserved and not (built and reserved == "data-criteria-"):
            return (
                f"the attribute {short(name, 40)} on <{tag}> is reserved for the theme and the "
                "self-check; remove it"
            )
        if name == "id" and value.startswith(_RESERVED_IDS) and not built:
            return (
                f'the id "{short(value, 40)}" on <{tag}> is reserved for the theme and the '
                f"self-check (ids starting {', '.join(_RESERVED_IDS[:-1])} or "
                f"{_RESERVED_IDS[-1]}); choose another"
            )
        if name == "id" and value.startswith(material_html.RESERVED_ID_PREFIXES):
            return (
                f'the id "{short(value, 40)}" on <{tag}> is reserved for the theme; choose another'
            )
        if name == "class" and not built:
            unknown = [
                c
                for c in value.split()
                if c not in CONTENT_CLASSES and not (tag == "code" and _CODE_LANGUAGE.fullmatch(c))
            ]
            if unknown:
                return (
                    f'the class "{short(unknown[0], 40)}" on <{tag}> is not one pages may use '
                    f"(only {' and '.join(material_html.PAGE_CLASSES)}, and the ones Markdown "
                    "writes)"
                )
        if name in _GLOBAL_ATTRIBUTES or name in allowed:
            continue
        if built and (name in _BUILT_ATTRIBUTES or name.startswith(("aria-", "data-"))):
            continue
        return f"the attribute {short(name, 30)} on <{tag}> is not allowed; remove it"
    return None


def check_content(html: str, where: str, built: str | None = None) -> None:
    """Refuse page content (HTML made from a page's Markdown) that holds anything but the
    elements, attributes and classes Markdown writes: no script, style, event handler,
    redirect, form, embedded document, raw-text or foreign element, no < in an attribute,
    no id or data attribute the theme or the self-check looks up. One line naming the page.

    `built` is the build's secret mark: the parts the build itself wrote into the page's
    Markdown (factor list, sources, timeline, glossary, updates) sit between the comments
    <!--pd-built MARK--> and <!--/pd-built MARK-->, and may use the build's own names."""
    if "<" not in html:
        return
    inside = 0
    for node in _parse(html).body.traverse(include_text=False):
        if node.is_comment_node:
            text = (node.comment_content or "").strip()
            if built and text == f"pd-built {built}":
                inside += 1
            elif built and text == f"/pd-built {built}":
                inside -= 1
            continue
        if node.tag in ("body", "article"):
            continue
        problem = _element_problem(node, built=inside > 0)
        if problem:
            raise SourceError(where, problem)
    if inside:
        raise SourceError(where, "a generated part is not closed; check the page's raw HTML")


_CONTENT_MARK = "pd-content {}"


def mark_content(html: str, mark: str) -> str:
    """The page's content between two comments that check_built_page finds again."""
    return f"<!--{_CONTENT_MARK.format(mark)}-->{html}<!--/{_CONTENT_MARK.format(mark)}-->"


def check_built_page(html: str, where: str, mark: str, *, checkers: int, factor_lists: int) -> str:
    """Check a page as the theme wrote it, parsed whole as a browser parses it: the content
    (between mark_content's comments) must still be one run of elements inside one parent,
    hold nothing the content check refuses but the build's own parts, and exactly
    `checkers` self-checks and `factor_lists` factor lists; the page has one element with
    id="__config". Returns the page without the marks, or raises one line naming it."""
    start, end = f"<!--{_CONTENT_MARK.format(mark)}-->", f"<!--/{_CONTENT_MARK.format(mark)}-->"
    if html.count(start) != 1 or html.count(end) != 1:
        raise SourceError(where, "the theme placed the page's content more or less than once")
    tree = LexborHTMLParser(html)
    marks = [
        n
        for n in tree.root.traverse(include_text=False)
        if n.is_comment_node
        and (n.comment_content or "").strip().endswith(_CONTENT_MARK.format(mark))
    ]
    if len(marks) != 2 or marks[0].parent != marks[1].parent:
        raise SourceError(
            where,
            "the page's HTML leaves its place in the page (a stray end tag, an unclosed "
            "element or quote); check its raw HTML",
        )
    counts = {"checker": 0, "factors": 0}
    node = marks[0].next
    while node is not None and node != marks[1]:
        if not node.is_text_node and not node.is_comment_node:
            for element in node.traverse(include_text=False):
                if element.is_comment_node:
                    continue
                problem = _element_problem(element, built=True)
                if problem:
                    raise SourceError(where, problem)
                attributes = element.attributes
                counts["checker"] += "data-criteria-checker" in attributes
                counts["factors"] += (attributes.get("id") or "").startswith("pd-factors-")
        node = node.next
    if counts != {"checker": checkers, "factors": factor_lists}:
        raise SourceError(
            where,
            f"holds {counts['checker']} self-check(s) and {counts['factors']} factor list(s) "
            f"where the build placed {checkers} and {factor_lists}; remove the copies",
        )
    configs = tree.css('[id="__config"]')
    if len(configs) > 1:
        raise SourceError(where, 'more than one element has id="__config"; remove the copy')
    return html.replace(start, "", 1).replace(end, "", 1)


def policy(hashes: Iterable[str]) -> str:
    """The Content-Security-Policy value for these inline-script hashes."""
    return "; ".join(DIRECTIVES).format(hashes=" ".join(sorted(hashes))).replace("  ", " ")


def without_policy(html: str) -> str:
    """The page without the policy tags that add_policy put there (an earlier language's
    build may have finished this page already)."""
    if 'http-equiv="Content-Security-Policy"' in html:  # a search of the whole page is slow
        html = re.sub(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    if '<meta name="referrer"' in html:
        html = re.sub(r'\s*<meta name="referrer"[^>]*>', "", html)
    return html


def add_policy(html: str, csp: str) -> str:
    """Put the CSP and a no-referrer policy at the top of <head> (after the charset),
    replacing any earlier ones."""
    tags = (
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="referrer" content="no-referrer">'
    )
    return _HEAD_START.sub(lambda m: m.group(0) + tags, without_policy(html), count=1)


_POLICY_SCRIPTS = re.compile(
    r'(<meta http-equiv="Content-Security-Policy" content="[^"]*script-src)'
)


def allow_script(html: str, body: str) -> str:
    """The page with its policy also allowing this one inline script. For `mkdocs serve`'s
    reload script only: the preview adds it to each page it sends, never to a built file."""
    return _POLICY_SCRIPTS.sub(lambda m: f"{m[1]} {script_hash(body)}", html, count=1)


def allow_preview_script(content: bytes, sent: bytes) -> bytes:
    """The page `mkdocs serve` sends (`sent`: `content` with its reload script added before
    </body>), with its policy allowing that script (allow_script); `sent` as it is when what
    was added is not a script."""
    added = sent[content.rfind(b"</body>") :][: len(sent) - len(content)]
    if content.rfind(b"</body>") < 0 or not added.startswith(b"<script>"):
        return sent
    script = added.decode("utf-8").removeprefix("<script>").removesuffix("</script>")
    return allow_script(sent.decode("utf-8"), script).encode("utf-8")


def headers_file(csp: str) -> str:
    """A `_headers` file (Netlify, Cloudflare Pages) sending the same policy as HTTP headers."""
    return (
        f"/*\n  Content-Security-Policy: {csp}; frame-ancestors 'none'\n"
        "  Referrer-Policy: no-referrer\n  X-Content-Type-Options: nosniff\n"
    )


def site_policy(site: Path) -> tuple[dict[Path, str], str]:
    """Every built page of the site (without a policy) and one Content-Security-Policy for
    them all, allowing exactly the inline scripts they hold, each one of the theme's own;
    the policy is written to the site's _headers file too."""
    texts = {
        path: without_policy(path.read_text(encoding="utf-8"))
        for path in sorted(site.rglob("*.html"))
    }
    try:
        hashes = set().union(
            *(
                inline_script_hashes(text, path.relative_to(site).as_posix())
                for path, text in texts.items()
            )
        )
    except SourceError as err:
        raise SourceError(
            f"the built page {err.file}", err.problem, path=err.path, line=err.line
        ) from None
    csp = policy(hashes)
    (site / "_headers").write_text(headers_file(csp), encoding="utf-8")
    return texts, csp


# Every file under docs/ is published as it is: only these kinds, in these places.
_PAGE_KINDS = (".md",)
_IMAGE_KINDS = (".png", ".jpg", ".jpeg", ".webp", ".avif", ".gif", ".ico", ".svg")
_FONT_KINDS = (".woff2", ".woff")
# Our own CSS and JavaScript, in the folders mkdocs.yml and the build name.
_CODE_PLACES = {".css": ("assets",), ".js": ("assets", "assets/javascripts/workers")}
# Files a browser would read as a page (and so run scripts in), whatever their place.
_HTML_LIKE = (
    ".html", ".htm", ".xhtml", ".xht", ".shtml", ".mht", ".mhtml", ".xml", ".xsl", ".xslt",
    ".svgz", ".hta", ".php", ".swf", ".pdf",
)  # fmt: skip


def docs_problem(docs: Path) -> str | None:
    """The first file under `docs` (the docs folder) that the site may not publish, as one
    line naming it; None when every file is fine. Not published: symbolic links (they could
    publish any file of the computer that builds), HTML-like files (a browser runs their
    scripts, and no page check reads them), kinds of file the site does not use, CSS or
    JavaScript outside docs/assets/, and SVG images that could run or load anything."""
    for folder, dirs, files in os.walk(docs):
        here = Path(folder)
        for name in sorted(dirs + files):
            path = here / name
            rel = path.relative_to(docs).as_posix()
            where = f"docs/{rel}"
            if name.startswith("."):
                continue  # MkDocs publishes no hidden file or folder
            if path.is_symlink():
                return (
                    f"{where}: is a symbolic link; put the file itself here (a link could "
                    "publish any file)"
                )
            if name in dirs:
                continue
            problem = _file_problem(path, rel)
            if problem:
                return f"{where}: {problem}"
        dirs[:] = [d for d in dirs if not d.startswith(".")]
    return None


def _file_problem(path: Path, rel: str) -> str | None:
    suffix = path.suffix.lower()
    if suffix in _HTML_LIKE:
        return (
            f"{suffix} files are not allowed under docs/ (a browser runs what is in them, and "
            "no check reads them); write the page in Markdown (.md)"
        )
    if suffix in _CODE_PLACES:
        folder = rel.rpartition("/")[0]
        if folder not in _CODE_PLACES[suffix]:
            places = " or ".join(f"docs/{p}/" for p in _CODE_PLACES[suffix])
            return f"{suffix} files belong in {places} (code files, reviewed; see CODEOWNERS)"
        return None
    if suffix == ".svg":
        return svg_problem(path.read_bytes())
    if suffix in _PAGE_KINDS + _IMAGE_KINDS + _FONT_KINDS:
        return None
    kinds = ", ".join(_PAGE_KINDS + _IMAGE_KINDS + _FONT_KINDS)
    kind = short(suffix or path.name, 20)
    return f'files of the kind "{kind}" are not published; use one of {kinds}'


def extra_css_problem(extra_css: Any) -> str | None:
    """mkdocs.yml's extra_css must list file names (MkDocs stops with a traceback on others)."""
    if all(isinstance(item, str) for item in extra_css or []):
        return None
    return "mkdocs.yml: extra_css: list file names only, one per line, like - assets/site.css"


# SVG images: drawing elements only, links only to the image's own parts ("#id").
SVG_ELEMENTS = frozenset({
    "svg", "g", "path", "circle", "ellipse", "line", "polyline", "polygon", "rect", "title",
    "desc", "defs", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "symbol",
    "use", "text", "tspan", "metadata",
})  # fmt: skip
_SVG_NS = "{http://www.w3.org/2000/svg}"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def svg_problem(data: bytes) -> str | None:
    """Why an SVG file may not be published (a script, an event handler, a foreign object, a
    reference to another file or address, a style), or None."""
    text = data.decode("utf-8", errors="replace")
    if re.search(r"<!(DOCTYPE|ENTITY)|<\?xml-stylesheet", text, re.I):
        return "an SVG image may not declare a DOCTYPE, entities or a stylesheet; remove them"
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as err:
        return f"is not a valid SVG image ({short(str(err), 60)}); save it again as plain SVG"
    for element in root.iter():
        tag = element.tag if isinstance(element.tag, str) else "?"
        name = tag.removeprefix(_SVG_NS)
        if name not in SVG_ELEMENTS or (name != tag and not tag.startswith(_SVG_NS)):
            name = "script" if name.endswith("script") else short(name.split("}")[-1], 30)
            return f"<{name}> is not allowed in an SVG image; keep only shapes, text and gradients"
        for attr, value in element.attrib.items():
            local = attr.split("}")[-1].lower()
            if local.startswith("on"):
                return f"the attribute {short(local, 30)} on <{name}> runs code; remove it"
            if local == "style" or (
                "url(" in value and not re.fullmatch(r"\s*url\(\s*#[^)]*\)\s*", value)
            ):
                return f"the attribute {short(local, 30)} on <{name}> is not allowed; remove it"
            if (attr in ("href", _XLINK_HREF) or local == "href") and not value.startswith("#"):
                return (
                    f"<{name}> refers to {short(value, 60)}; an SVG image may refer only to its "
                    "own parts (#id)"
                )
    return None
