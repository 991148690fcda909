"""What mkdocs-static-i18n, which builds one site per language, needs from this project: the
site's languages in order, which build is under way, its switcher's links and warning, and a
404 page per language.

Pure Python, no MkDocs imports (the config is read as MkDocs hands it over).
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path
from typing import Any


class _InstantSwitcherIsFine(logging.Filter):
    """mkdocs-static-i18n warns that its per-page language links break instant navigation.
    They do (Material fetches sitemap.xml beside every alternate link), so SwitcherLinks
    puts back, on every page, the language-root links that Material expects, and
    docs/assets/language.js points them at the same page in the other language
    (tests/browser prove it). The warning no longer applies and must not fail strict builds."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "language switcher contextual link" not in record.getMessage()


def quiet_switcher_warning() -> None:
    """Install the log filter above, once."""
    logger = logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure")
    if not any(isinstance(f, _InstantSwitcherIsFine) for f in logger.filters):
        logger.addFilter(_InstantSwitcherIsFine())


def of_config(config: Any) -> tuple[str, ...]:
    """The site's languages, as the i18n plugin of MkDocs' config lists them, default first
    (the theme's language for a site without the plugin)."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return (config.theme["language"],)
    ordered = sorted(i18n.config.languages, key=lambda lang: not lang.default)
    return tuple(lang.locale for lang in ordered)


def building_another(config: Any) -> bool:
    """Whether mkdocs-static-i18n is building a language other than the first: it builds them
    one by one inside the first one's build (from its on_post_build), each through every
    MkDocs event, on_config and on_post_build included."""
    return bool(getattr(config.plugins.get("i18n"), "building", False))


def homes(site_url: str | None, languages: tuple[str, ...]) -> dict[str, str]:
    """Each language's home page, default language first: the site's address (ending in
    "/") for the default language, <address><lang>/ for the others."""
    root = (site_url or "/").rstrip("/") + "/"
    return {lang: root + ("" if lang == languages[0] else f"{lang}/") for lang in languages}


class SwitcherLinks:
    """The language switcher's links to each language's home page, as mkdocs-static-i18n sets
    them (Material's extra.alternate) when a language's build starts; it then points them at
    the page itself on each page, and `restore` puts them back (see _InstantSwitcherIsFine)."""

    def __init__(self) -> None:
        self._links: Any = None

    def keep(self, config: Any) -> None:
        """Keep the links as mkdocs-static-i18n has just set them for this language."""
        self._links = copy.deepcopy(config.extra.get("alternate"))

    def restore(self, config: Any) -> None:
        """Put the kept links back, before the page's templates read them."""
        if self._links:
            # mkdocs-static-i18n sets an attribute, which templates read before the item.
            config.extra.alternate = copy.deepcopy(self._links)


class NotFoundPages:
    """Each language's own 404 page: the default language's at /404.html, the others' at
    /<lang>/404.html (each language's build writes its 404.html to /404.html)."""

    def __init__(self) -> None:
        self._pages: dict[str, str] = {}  # kept across the per-language builds of one run

    def place(self, html: str, *, lang: str, default: str, site_dir: Path) -> str:
        """What MkDocs should write to /404.html for this language's build: the default
        language's page; any other language's goes to /<lang>/404.html here."""
        self._pages[lang] = html
        if lang == default:
            return html
        target = site_dir / lang / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
        return self._pages[default]  # MkDocs writes this one to /404.html again
