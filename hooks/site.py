"""MkDocs events only: each hands its work to the pure modules (sitedata, markers, pages,
security, seo, glossary, languages, material_html, finish) and turns their one-line
SourceError into MkDocs' PluginError. mkdocs-static-i18n builds the other languages inside
the first one's build, each through every event: the data is loaded once (`on_config` of the
first), and each language starts in `on_pre_build`, the first event that sees its language.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.metadata
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import buildcache
import finish
import glossary
import languages
import markers
import material_html
import pages
import render
import security
import seo
import sitedata
from yamlsource import SourceError

# What decides how the theme's templates compile, besides their text (see buildcache).
_THEME_VERSIONS = "theme-mkdocs{}-material{}".format(
    *(importlib.metadata.version(name) for name in ("mkdocs", material_html.THEME_PACKAGE))
)
# This run's secret mark for the parts the build writes into pages (security.check_content
# and check_built_page tell them from a page's own text by it; no page can know it).
_MARK = secrets.token_hex(8)


@dataclass
class _Build:
    """What a build knows besides MkDocs' config: set by on_config (once per build, for all
    its languages), then by on_pre_build and on_nav for each language."""

    data: sitedata.SiteData
    root: Path  # the folder of mkdocs.yml: the site's sources
    homes: dict[str, str]  # language -> its home page: the site root, <root><lang>/ else
    language: markers.Language | None = None  # the language under way: fills its pages
    placed: markers.Placed = field(default_factory=markers.Placed)  # by this language
    first_placed: markers.Placed | None = None  # by the first language (see on_env)
    glossary_url: str | None = None


_build: _Build
# `mkdocs serve` keeps addresses relative: a reader of the preview may open it as localhost
# rather than the 127.0.0.1 it was built for, and absolute ones would point elsewhere.
_command = {"name": "build"}
_not_found = languages.NotFoundPages()
_switcher = languages.SwitcherLinks()


def _one_line(event: Callable[..., Any]) -> Callable[..., Any]:
    """The event, with SourceError or material_html.ThemeChanged as MkDocs' one-line error."""

    @functools.wraps(event)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return event(*args, **kwargs)
        except (SourceError, material_html.ThemeChanged) as err:
            raise PluginError(str(err)) from None

    return run


def on_startup(command: str, dirty: bool) -> None:
    """Note which MkDocs command runs, and quiet mkdocs-static-i18n's switcher warning."""
    _command["name"] = command
    languages.quiet_switcher_warning()


@_one_line
def on_config(config: Any) -> Any:
    """Check the files under docs/, then load the site's data afresh (as `make validate`)."""
    if languages.building_another(config):
        return config  # the same files, checked and loaded by the first language's build
    # Every file under docs/ first: MkDocs reads them all next (a dangling link stops it).
    if problem := pages.docs_problem(Path(config.docs_dir), config.extra_css):
        raise PluginError(problem)
    root, langs = Path(config.config_file_path).parent, languages.of_config(config)
    data = sitedata.load(root, langs, dt.date.today(), firm=config.extra.get("firm"))
    config.extra["firm"] = data.firm
    homes = languages.homes(config.site_url, langs)
    global _build
    _build = _Build(data, root, homes)
    return config


def on_pre_build(config: Any) -> None:
    """Start a language's build: its words, and a fresh count of placed markers."""
    lang = config.theme["language"]
    original_home = _build.homes[_build.data.languages[0]]
    _build.language = markers.Language(_build.data, lang, _build.root, original_home, _MARK)
    _build.placed = markers.Placed()
    config.extra["ui"] = _build.language.ui
    # The heading links' name ("Permanent link") is the toc extension's, not the theme's.
    config.mdx_configs.setdefault("toc", {})["permalink_title"] = _build.language.ui["permalink"]
    config.extra["home_url"] = home = _build.homes[lang]
    config.extra["checker_url"] = home + pages.page_address(_build.data.checker_page)
    _switcher.keep(config)


def on_files(files: Any, config: Any) -> Any:
    """Every page exists in every language and is UTF-8 text (checked once, on the whole
    docs folder, before MkDocs reads a page and stops with a traceback on bad bytes)."""
    if problem := pages.files_problem(Path(config.docs_dir), _build.data.languages):
        raise PluginError(problem)
    return files


def on_nav(nav: Any, config: Any, files: Any) -> Any:
    """Note where this language's glossary page is, for the links to its terms (known once
    mkdocs-static-i18n has given each language's files their addresses)."""
    _build.glossary_url = glossary.page_url(files.documentation_pages())
    return nav


@_one_line
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Check front matter, fill the Markdown markers and expand fact references."""
    src, language = page.file.src_uri, _build.language
    pages.check_page(markdown, page.meta, src, _build.data.today, language.lang)
    page.update_date = page.meta["reviewed"]  # the sitemap's lastmod: when it was reviewed
    markdown, found = language.markdown(markdown, src, page.meta["reviewed_text"])
    _build.placed.record(src, found)
    # The head names the updates feed on the updates page only (see seo.html).
    page.meta["feed"] = any(name == "pd:updates" for name, _ in found)
    return markdown


@_one_line
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Refuse scripts, styles, redirects and embedded documents in the page's own content,
    read a FAQ page's questions and answers, link each glossary term's first use on the page
    to the glossary, then place the firm's call-to-action and details (the self-check comes
    in on_page_context, so it gets no links)."""
    src, lang = page.file.src_uri, _build.language.lang
    security.check_content(html, f"docs/{src}", built=_MARK)
    html = markers.without_marks(html, _MARK)
    # Before the firm's markers are filled: an answer ends where the page's text does.
    page.meta["faq_entries"] = seo.faq_entries(html) if page.meta.get("faq") else None
    terms, glossary_url = _build.data.glossary, _build.glossary_url
    html = glossary.link_page(
        html, terms, lang=lang, src=src, page_url=page.url, glossary_url=glossary_url
    )
    return _build.language.firm_parts(html, src)


@_one_line
def on_env(env: Any, config: Any, files: Any) -> Any:
    """Before any page is written: every criteria file is placed exactly once, on its page,
    and the updates where the first language has them. The theme's templates compile once
    and are reused by later builds and languages."""
    env.bytecode_cache = buildcache.template_cache(_THEME_VERSIONS)
    env.filters["pd_header"] = material_html.extend_header  # see overrides/main.html
    if config.theme.custom_dir:
        render.compile_templates(env, Path(config.theme.custom_dir), _build.root)
    _build.placed.check(_build.data, _build.language.lang, first=_build.first_placed)
    _build.first_placed = _build.first_placed or _build.placed
    return env


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Let the preview's reload script run: `mkdocs serve` adds it to each page it sends,
    so that page's policy allows it; the built site's files never do."""
    inject = getattr(server, "_inject_js_into_html", None)
    if inject is None:
        raise PluginError(
            "mkdocs serve no longer adds its reload script as hooks/site.py expects; "
            "update on_serve"
        )

    server._inject_js_into_html = lambda content, epoch: security.allow_preview_script(
        content, inject(content, epoch)
    )
    return server


@event_priority(-50)  # after search (0) has indexed page.content (the self-check)
@_one_line
def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    """Undo mkdocs-static-i18n's per-page switcher links (see languages.py), give the page
    its head's metadata, and place its self-check and a translation's notice."""
    _switcher.restore(config)
    lang, firm, url = _build.language.lang, _build.data.firm, page.canonical_url
    meta = seo.page_metadata(
        page.meta, firm, homes=_build.homes, lang=lang, url=url, site=config.site_name
    )
    page.meta.update(meta)
    # Once search has read the page: the self-check repeats the factor list, which search
    # finds already (a third less to parse), and every translated page has the same notice.
    page.content = _build.language.content_for_theme(page.content, page.file.src_uri, page.url)
    return context


@_one_line
def on_post_page(output: str, page: Any, config: Any) -> str:
    """Check the page as the theme wrote it (its content still in place, nothing in it the
    content check refuses but the build's own parts); keep it valid HTML, with search
    loaded on demand."""
    output = _build.placed.check_built_page(output, page.file.src_uri, _MARK)
    return _finish_page(output, page.canonical_url, served_at_page_url=True)


@_one_line
def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """Tidy template-only pages such as 404.html, and give each language its own 404 page:
    the default language's at /404.html, the others' at /<lang>/404.html."""
    output = _finish_page(output_content, config.site_url, served_at_page_url=False)
    if template_name != "404.html":
        return output
    return _not_found.place(
        output,
        lang=_build.language.lang,
        default=_build.data.languages[0],
        site_dir=Path(config.site_dir),
    )


@event_priority(-200)  # after mkdocs-static-i18n (-100) has built every language
@_one_line
def on_post_build(config: Any) -> None:
    """Finish the whole site once, when its last language is built (mkdocs-static-i18n
    builds the others inside the first language's build, each with this event)."""
    if languages.building_another(config):
        return
    site, updates_page = Path(config.site_dir), _build.placed.updates_page
    docs = Path(config.docs_dir)
    finish.finish_site(site, _build.data, docs=docs, homes=_build.homes, updates_page=updates_page)


def _finish_page(html: str, page_url: str | None, *, served_at_page_url: bool) -> str:
    absolute = _command["name"] != "serve"
    return material_html.finish_page(
        html, page_url, absolute=absolute, served_at_page_url=served_at_page_url
    )
