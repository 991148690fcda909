"""MkDocs events only: wire the pure modules to the build. No logic worth testing lives here.

mkdocs-static-i18n runs one build per language; `on_pre_build` is the first event that sees
the language of the build under way, so language-specific state is set there.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import gzip
import hashlib
import importlib.metadata
import logging
import re
import secrets
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import buildcache
import criteria
import facts
import glossary
import material_html
import pages
import render
import security
import seo
import trim
import updates
from yamlsource import SourceError, data_files, load_checked

MARKER = re.compile(r"<!--\s*([a-z]+:[a-z-]+)\s*([a-z0-9-]*)\s*-->")
MARKDOWN_MARKERS = (
    "criteria:factors",
    "pd:glossary",
    "pd:reviewed",
    "pd:sources",
    "pd:timeline",
    "pd:updates",
)
HTML_MARKERS = ("criteria:checker", "firm:cta", "firm:details")

_state: dict[str, Any] = {}
# What decides how the theme's templates compile, besides their text (see buildcache).
_THEME_VERSIONS = "theme-mkdocs{}-material{}".format(
    *(importlib.metadata.version(name) for name in ("mkdocs", "mkdocs-material"))
)
# The schemas live with the code that reads the data (as facts.py's and updates.py's do).
SCHEMAS = Path(__file__).resolve().parent.parent / "data"
# Data files with a loader of their own, which checks their schema and more.
_LOADED_ON_THEIR_OWN = ("facts.yml", "updates.yml", "ui.yml", "glossary.yml")
# The default language's 404 page, kept across the per-language builds of one run.
_not_found: dict[str, str] = {}
# `mkdocs serve` keeps addresses relative: a reader of the preview may open it as localhost
# rather than the 127.0.0.1 it was built for, and absolute ones would point elsewhere.
_command = {"name": "build"}
# This run's secret mark for the parts the build writes into pages (security.check_content
# and check_built_page tell them from a page's own text by it; no page can know it).
_MARK = secrets.token_hex(8)


class _InstantSwitcherIsFine(logging.Filter):
    """mkdocs-static-i18n warns that its per-page language links break instant navigation.
    They do (Material fetches sitemap.xml beside every alternate link), so `on_page_context`
    puts back the language-root links that Material expects, and docs/assets/language.js
    points them at the same page in the other language (tests/browser prove it). The
    warning no longer applies and must not fail strict builds."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "language switcher contextual link" not in record.getMessage()


def on_startup(command: str, dirty: bool) -> None:
    """Install the log filter once per MkDocs command, and note which command it is."""
    _command["name"] = command
    logger = logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure")
    if not any(isinstance(f, _InstantSwitcherIsFine) for f in logger.filters):
        logger.addFilter(_InstantSwitcherIsFine())


def _languages(config: Any) -> tuple[str, ...]:
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return (config.theme["language"],)
    ordered = sorted(i18n.config.languages, key=lambda lang: not lang.default)
    return tuple(lang.locale for lang in ordered)


def on_config(config: Any) -> Any:
    """Load facts, words and every criteria file afresh on each build."""
    root = Path(config.config_file_path).parent
    today = dt.date.today()
    languages = _languages(config)
    # Every file under docs/ first: MkDocs reads them all next (a dangling link stops it).
    docs = Path(config.docs_dir)
    pages_found = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if p.is_file()]
    problem = (
        security.docs_problem(docs)
        or pages.same_address(pages_found)
        or security.extra_css_problem(config.extra_css)
    )
    if problem:
        raise PluginError(problem)
    try:
        site_facts = facts.load(
            root / "data" / "facts.yml",
            languages=languages,
            today=today,
            display_name="data/facts.yml",
        )
        ui = load_checked(root / "data" / "ui.yml", SCHEMAS / "ui.schema.json", "data/ui.yml")
        if problem := pages.missing_words(ui.data, languages):
            raise PluginError(problem)
        for path, schema in data_files(root / "data", SCHEMAS):
            if path.name not in _LOADED_ON_THEIR_OWN:  # other data: its schema, every build
                load_checked(path, schema, f"data/{path.name}")
        areas = {
            path.stem: _load_criteria(
                path, path.stat().st_mtime_ns, frozenset(site_facts.ids), languages, today
            )
            for path in criteria.find_criteria(root / "criteria")
        }
        config.extra["firm"] = pages.check_firm(
            config.extra.get("firm"), languages, pages.language_names(ui.data), ui.data
        )
        updates_file = root / "data" / "updates.yml"  # optional: a site may post none
        policy_updates = (
            updates.load(
                updates_file,
                fact_ids=site_facts.ids,
                languages=languages,
                today=today,
                display_name="data/updates.yml",
            )
            if updates_file.exists()
            else []
        )
        glossary_file = root / "data" / "glossary.yml"  # optional, like the updates
        terms = (
            glossary.load(
                glossary_file,
                fact_ids=site_facts.ids,
                languages=languages,
                display_name="data/glossary.yml",
            )
            if glossary_file.exists()
            else None
        )
    except SourceError as err:
        raise PluginError(str(err)) from None
    _state.clear()
    _state.update(
        facts=site_facts,
        ui_all=ui.data,
        areas=areas,
        today=today,
        languages=languages,
        updates=policy_updates,
        glossary=terms,
    )
    return config


@functools.lru_cache(maxsize=256)
def _load_criteria(
    path: Path, mtime_ns: int, fact_ids: frozenset[str], languages: tuple[str, ...], today: Any
) -> criteria.Criteria:
    # mkdocs-static-i18n runs on_config once per language: validate an unchanged file once.
    # The modification time is part of the key, so `mkdocs serve` re-reads a saved file.
    return criteria.load(
        path,
        fact_ids=set(fact_ids),
        languages=languages,
        today=today,
        display_name=f"criteria/{path.name}",
    )


def on_pre_build(config: Any) -> None:
    """Start a language's build: its words, and a fresh count of placed markers."""
    lang = config.theme["language"]
    _state.update(lang=lang, ui=_state["ui_all"][lang], placed=Counter())
    config.extra["ui"] = _state["ui"]
    # The heading links' name ("Permanent link") is the toc extension's, not the theme's.
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = _state["ui"]["permalink"]
    home = _home_url(config, lang)
    checker_page = next(iter(_state["areas"].values())).data["page"] if _state["areas"] else ""
    config.extra["home_url"] = home
    config.extra["checker_url"] = home + checker_page.removesuffix(".md") + "/"
    # mkdocs-static-i18n has just set the language-root links of the switcher; keep them.
    _state["alternate"] = copy.deepcopy(config.extra.get("alternate"))


def on_files(files: Any, config: Any) -> Any:
    """Every page exists in every language and is UTF-8 text (checked once, on the whole
    docs folder, before MkDocs reads a page and stops with a traceback on bad bytes)."""
    sources = [
        str(p.relative_to(config.docs_dir).as_posix()) for p in Path(config.docs_dir).rglob("*.md")
    ]
    problems = pages.missing_translations(sources, _state["languages"]) + [
        problem
        for src in sources
        if (problem := pages.not_utf8(Path(config.docs_dir) / src, f"docs/{src}"))
    ]
    if problems:
        raise PluginError("; ".join(problems))
    return files


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    """Note where this language's glossary page is, for the links to its terms (known once
    mkdocs-static-i18n has given each language's files their addresses)."""
    _state["glossary_url"] = next(
        (
            f.url
            for f in files.documentation_pages()
            if pages.base_page(f.src_uri) == glossary.GLOSSARY_PAGE
        ),
        None,
    )
    return nav


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Check front matter, fill the Markdown markers and expand fact references."""
    src, lang, ui = page.file.src_uri, _state["lang"], _state["ui"]
    parts = _state.setdefault("parts", {})[src] = Counter()  # what the build places here
    try:
        unread = None if page.meta else pages.front_matter_error(markdown, src)
        if unread:
            raise unread
        page.meta.update(pages.check_meta(page.meta, src, _state["today"], lang))
        pages.check_links(markdown, src)
        page.update_date = page.meta["reviewed"]  # the sitemap's lastmod: when it was reviewed
    except SourceError as err:
        raise PluginError(str(err)) from None

    def built(markdown: str) -> str:
        # The build's own part, between the marks security.check_content knows it by.
        return f"\n\n<!-- pd-built {_MARK} -->\n\n{markdown}\n\n<!-- /pd-built {_MARK} -->\n\n"

    def fill(match: re.Match[str]) -> str:
        name, arg = match.groups()
        if name not in MARKDOWN_MARKERS + HTML_MARKERS:
            raise _page_error(
                src,
                f"unknown marker {match.group(0)}; use one of "
                + ", ".join(MARKDOWN_MARKERS + HTML_MARKERS),
            )
        if name.startswith("criteria:"):
            area = _area(src, arg)
            _state["placed"][(name, arg, pages.base_page(src))] += 1
            parts[name] += 1
            if name == "criteria:factors":
                return built(render.factor_list(area, lang=lang, ui=ui, page_path=src))
            return match.group(0)  # the checker is HTML: placed in on_page_context
        if name == "pd:reviewed":  # how current a page says it is comes from its front matter
            return page.meta["reviewed_text"]
        if name == "pd:sources":
            listed = render.sources(_state["facts"], lang=lang, ui=ui, page=pages.base_page(src))
            return built(listed)
        if name == "pd:updates":
            if not _state["updates"]:
                raise _page_error(src, "<!-- pd:updates --> needs data/updates.yml; add it")
            _state["updates_page"] = pages.base_page(src)
            page.meta["feed"] = True  # the head names the feed here only (see seo.html)
            return built(render.updates(_state["updates"], lang=lang, ui=ui))
        if name == "pd:timeline":
            return built(render.timeline(_state["facts"], lang=lang, ui=ui))
        if name == "pd:glossary":
            if not _state["glossary"]:
                raise _page_error(src, "<!-- pd:glossary --> needs data/glossary.yml; add it")
            return built(render.glossary(_state["glossary"], lang=lang, ui=ui))
        return match.group(0)

    markdown = _template_errors(src, _root(config), lambda: MARKER.sub(fill, markdown))
    return facts.expand_references(
        markdown, _state["facts"], src, lambda problem: _page_error(src, problem), lang
    )


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Refuse scripts, styles, redirects and embedded documents in the page's own content,
    read a FAQ page's questions and answers, link each glossary term's first use on the page
    to the glossary, then place the firm's call-to-action and details (the self-check comes
    in on_page_context, so it gets no links)."""
    lang, ui, firm = _state["lang"], _state["ui"], config.extra["firm"]
    try:
        security.check_content(html, f"docs/{page.file.src_uri}", built=_MARK)
    except SourceError as err:
        raise PluginError(str(err)) from None
    html = html.replace(f"<!-- pd-built {_MARK} -->", "").replace(f"<!-- /pd-built {_MARK} -->", "")
    # Before the firm's markers are filled: an answer ends where the page's text does.
    page.meta["faq_entries"] = seo.faq_entries(html) if page.meta.get("faq") else None
    target = _state.get("glossary_url")
    if (
        _state["glossary"]
        and target
        and pages.base_page(page.file.src_uri) != glossary.GLOSSARY_PAGE
    ):
        href = glossary.href_from(page.url, target)
        html = glossary.link_terms(html, _state["glossary"].spellings(lang), href)

    def fill() -> str:
        placed = _fill_markers(html, "firm:cta", lambda _: render.firm_cta(firm, ui, lang))
        return _fill_markers(placed, "firm:details", lambda _: render.firm_details(firm, ui))

    return _template_errors(page.file.src_uri, _root(config), fill)


def _fill_markers(html: str, name: str, make: Callable[[str], str]) -> str:
    # Each <!-- name arg --> marker becomes make(arg); other markers wait for their event.
    return MARKER.sub(lambda m: make(m[2]) if m[1] == name else m[0], html)


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Before any page is written: every criteria file is placed exactly once, on its page.
    The theme's templates compile once and are reused by later builds and languages."""
    env.bytecode_cache = buildcache.template_cache(_THEME_VERSIONS)
    env.filters["pd_header"] = material_html.extend_header  # see overrides/main.html
    if config.theme.custom_dir:
        root = Path(config.config_file_path).parent
        _compile_templates(env, Path(config.theme.custom_dir), root)
    placed = _state["placed"]
    for area_id, area in _state["areas"].items():
        for name in ("criteria:checker", "criteria:factors"):
            where = [
                src
                for (n, a, src), count in placed.items()
                if (n, a) == (name, area_id)
                for _ in range(count)
            ]
            if where != [area.data["page"]]:
                raise PluginError(
                    f"docs/{area.data['page']}: needs the marker <!-- {name} {area_id} --> "
                    f"exactly once (found on: {', '.join(where) or 'no page'}); "
                    f"see {area.file}, field page"
                )
    return env


def _compile_templates(env: Any, folder: Path, root: Path) -> None:
    # A syntax error in one of the site's templates would end the build with a traceback
    # from deep in the page loop; compiled here first, it is one line with its place.
    # render.py's partials share the folder but use filters of their own: an unknown filter
    # there is left to render.py's environment, whose errors _template_errors words.
    for path in sorted(folder.rglob("*.html")):
        try:
            env.get_template(path.relative_to(folder).as_posix())
        except jinja2.TemplateAssertionError as err:
            if path.parent != folder / "partials":  # there: render.py's, see above
                raise PluginError(_template_problem(path, root, err)) from None
        except jinja2.TemplateSyntaxError as err:
            raise PluginError(_template_problem(Path(err.filename or path), root, err)) from None


def _template_errors(src: str, root: Path, make: Callable[[], str]) -> str:
    """make(), with a template's error as one line naming the template (or the page)."""
    try:
        return make()
    except jinja2.TemplateSyntaxError as err:
        raise PluginError(_template_problem(Path(err.filename or "?"), root, err)) from None
    except jinja2.TemplateError as err:
        raise _page_error(src, f"a template failed ({err}); check overrides/partials/") from None


def _template_problem(path: Path, root: Path, err: jinja2.TemplateSyntaxError | None = None) -> str:
    where = path.resolve()
    shown = where.relative_to(root).as_posix() if where.is_relative_to(root) else str(path)
    if err is None:
        return f"{shown}: template error: it uses a filter that no template environment has"
    return (
        f"{shown}:{err.lineno}: template syntax error: {err.message}; check the {{{{ }}}} and "
        "{% %} pairs"
    )


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Let the preview's own reload script run. `mkdocs serve` adds it to every page it sends,
    with numbers that change on each request, so each sent page's policy allows that one
    script; the files in the site folder, like every built site, never do."""
    inject = getattr(server, "_inject_js_into_html", None)
    if inject is None:
        raise PluginError(
            "mkdocs serve no longer adds its reload script as hooks/site.py expects; "
            "update on_serve"
        )

    def inject_allowed(content: bytes, epoch: int) -> bytes:
        sent = inject(content, epoch)
        added = sent[content.rfind(b"</body>") :][: len(sent) - len(content)]
        if content.rfind(b"</body>") < 0 or not added.startswith(b"<script>"):
            return sent
        script = added.decode("utf-8").removeprefix("<script>").removesuffix("</script>")
        return security.allow_script(sent.decode("utf-8"), script).encode("utf-8")

    server._inject_js_into_html = inject_allowed
    return server


@event_priority(-50)  # after search (0) has indexed page.content (the self-check)
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Undo mkdocs-static-i18n's per-page switcher links (see _InstantSwitcherIsFine), give
    the page its search metadata, and place its self-check."""
    if _state.get("alternate"):
        # mkdocs-static-i18n sets it as an attribute, which templates read before the item.
        config.extra.alternate = copy.deepcopy(_state["alternate"])
    lang, ui, root = _state["lang"], _state["ui"], _site_root(config)
    page.meta["structured_data"] = seo.structured_data(
        firm=config.extra["firm"],
        site_url=root,
        home_url=config.extra["home_url"],
        page_url=page.canonical_url,
        title=page.meta["title"],
        description=page.meta["description"],
        reviewed=page.meta["reviewed"],
        lang=lang,
        languages=list(_state["languages"]),
        site_name=config.site_name,
        faq=page.meta["faq_entries"],
    )
    page.meta["html_title"] = seo.html_title(page.meta["title"], config.extra["firm"]["short_name"])
    page.meta["og"] = {
        "locale": seo.LOCALES.get(lang, lang),
        "alternates": [seo.LOCALES.get(x, x) for x in _state["languages"] if x != lang],
        "image": f"{root}assets/share-{lang}.png",
    }
    # The self-check goes in once search has read the page: its questions and results repeat
    # the factor list, which search finds already, and a page's search parse costs a third less.
    firm = config.extra["firm"]
    page.content = _template_errors(
        page.file.src_uri,
        _root(config),
        lambda: _fill_markers(
            page.content,
            "criteria:checker",
            lambda area_id: render.checker(_state["areas"][area_id], lang=lang, ui=ui, firm=firm),
        ),
    )
    # A translation says so under its heading, with a link to the original (not searched:
    # every page of the language has the same line).
    original = _home_url(config, _state["languages"][0]) + page.url.removeprefix(f"{lang}/")
    notice = render.translation_notice(ui, url=original, original_lang=_state["languages"][0])
    if notice:
        heading, end, rest = page.content.partition("</h1>")
        page.content = f"{heading}{end}\n{notice}\n{rest}" if end else notice + page.content
    # Marked, so that the built page's check finds where the theme put it (on_post_page).
    page.content = security.mark_content(page.content, _MARK)
    return context


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Check the page as the theme wrote it (its content still in place, nothing in it the
    content check refuses but the build's own parts); keep it valid HTML, with search
    loaded on demand."""
    parts = _state.get("parts", {}).get(page.file.src_uri, Counter())
    try:
        output = security.check_built_page(
            output,
            f"docs/{page.file.src_uri}",
            _MARK,
            checkers=parts["criteria:checker"],
            factor_lists=parts["criteria:factors"],
        )
    except SourceError as err:
        raise PluginError(str(err)) from None
    return _finish_theme_html(output, page.canonical_url, served_at_page_url=True)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """Tidy template-only pages such as 404.html, and give each language its own 404 page:
    the default language's at /404.html, the others' at /<lang>/404.html."""
    output = _finish_theme_html(output_content, config.site_url, served_at_page_url=False)
    if template_name != "404.html":
        return output
    lang, default = _state["lang"], _state["languages"][0]
    _not_found[lang] = output
    if lang == default:
        return output
    target = Path(config.site_dir) / lang / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return _not_found[default]  # MkDocs writes this one to /404.html again


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
def on_post_build(config: Any) -> None:
    """Finish the whole site: one Content-Security-Policy from the theme's inline scripts
    (any other stops the build), feeds, search on demand, trimmed CSS and JS named by
    version, no source maps, robots.txt, share images and the sitemaps. mkdocs-static-i18n
    builds the other languages inside the default language's build, each with this event:
    the site is finished once, when the last of them is done."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return
    site = Path(config.site_dir)
    files = sorted(site.rglob("*.html"))
    texts = {path: security.without_policy(path.read_text(encoding="utf-8")) for path in files}
    try:
        hashes = set().union(
            *(
                security.inline_script_hashes(text, f"{path.relative_to(site).as_posix()}")
                for path, text in texts.items()
            )
        )
    except SourceError as err:
        raise PluginError(f"the built page {err}") from None
    csp = security.policy(hashes)
    (site / "_headers").write_text(security.headers_file(csp), encoding="utf-8")
    # Every language root gets the sitemap: Material's switcher reads it from there, and
    # every entry names its alternates, x-default included.
    _write_feeds(config, site)
    _search_on_demand(site)
    docs_assets = Path(config.docs_dir) / "assets"
    own = [f"assets/{p.relative_to(docs_assets).as_posix()}" for p in docs_assets.rglob("*")]
    trim.trim_site(
        site, own=own, pages_html=texts.values(), unused_features=material_html.UNUSED_FEATURES
    )
    trim.drop_source_maps(site)
    # Versions of our files as they ship (minified), for the addresses the pages give them.
    versions = {
        name: hashlib.sha256((site / name).read_bytes()).hexdigest()[:10]
        for name in own
        if name.endswith((".css", ".js"))
    }
    for path, text in texts.items():
        text = material_html.version_own_assets(text, versions)
        path.write_text(security.add_policy(text, csp), encoding="utf-8")
    (site / "robots.txt").write_text(seo.robots_txt(config.site_url or "/"), encoding="utf-8")
    for lang, words in _state["ui_all"].items():
        seo.share_image(
            site / "assets" / f"share-{lang}.png",
            words["share_title"],
            f"{words['share_subtitle']} · {config.extra['firm']['name']}",
        )
    sitemap = site / "sitemap.xml"
    if sitemap.exists():
        text = pages.add_x_default(sitemap.read_text(encoding="utf-8"), _state["languages"][0])
        text = pages.without_changefreq(text)
        sitemap.write_text(text, encoding="utf-8")
        # MkDocs gzipped the sitemap before it was finished: the copy says the same again.
        (site / "sitemap.xml.gz").write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
        for lang in _state["languages"][1:]:
            (site / lang / "sitemap.xml").write_text(text, encoding="utf-8")


def _finish_theme_html(html: str, page_url: str | None, *, served_at_page_url: bool) -> str:
    try:
        html = material_html.tidy_theme_html(html)
        if page_url and _command["name"] != "serve":
            html = material_html.absolute_links(
                html, page_url, served_at_page_url=served_at_page_url
            )
        return material_html.collapse_indentation(material_html.search_on_demand(html))
    except ValueError as err:
        raise PluginError(str(err)) from None


def _search_on_demand(site: Path) -> None:
    """Material fetches search/search_index.json on every page: leave it the empty index,
    and one index per language beside it (search_index.<lang>.json) for the stand-in
    worker's first search, so that a Spanish page finds Spanish pages."""
    index = site / "search" / "search_index.json"
    if index.exists():
        stub, by_language = pages.split_search_index(
            index.read_text(encoding="utf-8"), _state["languages"]
        )
        for lang, text in by_language.items():
            (site / "search" / f"search_index.{lang}.json").write_text(text, encoding="utf-8")
        index.write_text(stub, encoding="utf-8")
    workers = site / "assets" / "javascripts" / "workers"
    stand_in = workers / material_html.SEARCH_STAND_IN
    if stand_in.exists():
        try:
            text = material_html.pin_search_bundle(
                stand_in.read_text(encoding="utf-8"), sorted(p.name for p in workers.iterdir())
            )
        except ValueError as err:
            raise PluginError(str(err)) from None
        stand_in.write_text(text, encoding="utf-8")


def _root(config: Any) -> Path:
    """The folder of mkdocs.yml: the site's sources."""
    return Path(config.config_file_path).parent


def _site_root(config: Any) -> str:
    """The site's address, ending in "/"."""
    return (config.site_url or "/").rstrip("/") + "/"


def _home_url(config: Any, lang: str) -> str:
    """A language's home page: the site root for the default language, <root><lang>/ else."""
    prefix = "" if lang == _state["languages"][0] else f"{lang}/"
    return _site_root(config) + prefix


def _write_feeds(config: Any, site: Path) -> None:
    """One Atom feed of the policy updates per language, beside that language's home page."""
    page = _state.get("updates_page")
    if not page:
        return
    root = _site_root(config)
    for lang in _state["languages"]:
        home = _home_url(config, lang)
        words = _state["ui_all"][lang]
        feed = updates.atom_feed(
            _state["updates"],
            lang=lang,
            title=words["updates_feed_title"],
            page_url=home + page.removesuffix(".md") + "/",
            feed_url=home + "updates.xml",
            author=config.extra["firm"]["name"],
        )
        target = site / home.removeprefix(root) / "updates.xml"
        target.write_text(feed, encoding="utf-8")


def _area(src: str, area_id: str) -> criteria.Criteria:
    if area_id not in _state["areas"]:
        known = ", ".join(_state["areas"]) or "none"
        raise _page_error(
            src,
            f'no criteria file has id "{area_id}" (known: {known}); '
            f"add criteria/{area_id}.yml or fix the marker",
        )
    return _state["areas"][area_id]


def _page_error(src: str, problem: str) -> PluginError:
    return PluginError(f"docs/{src}: {problem}")
