"""What mkdocs-static-i18n needs from the build (languages.py), with MkDocs' config stood in
for by plain objects: the hook reads only these attributes of it."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

import languages


class Extra(dict):
    """MkDocs' `extra`: a mapping whose keys can also be set as attributes, as
    mkdocs-static-i18n sets `alternate`; templates read the attribute first."""

    def __setattr__(self, name: str, value: object) -> None:
        self[name] = value


def config(i18n: object = None, **extra: object) -> SimpleNamespace:
    plugins = {"i18n": i18n} if i18n is not None else {}
    return SimpleNamespace(plugins=plugins, extra=Extra(extra), theme={"language": "en"})


def i18n(*locales: str, building: bool = False) -> SimpleNamespace:
    listed = [SimpleNamespace(locale=x, default=x == "en") for x in locales]
    return SimpleNamespace(config=SimpleNamespace(languages=listed), building=building)


def test_the_languages_come_default_first() -> None:
    assert languages.of_config(config(i18n("es", "en", "ht"))) == ("en", "es", "ht")
    assert languages.of_config(config()) == ("en",)  # no i18n plugin: the theme's language


def test_each_language_has_its_home() -> None:
    assert languages.homes("https://e.org", ("en", "es")) == {
        "en": "https://e.org/",
        "es": "https://e.org/es/",
    }
    assert languages.homes(None, ("en", "ht"))["ht"] == "/ht/"  # mkdocs serve: relative


def test_the_other_languages_are_built_inside_the_first() -> None:
    assert not languages.building_another(config())
    assert not languages.building_another(config(i18n("en", "es")))
    assert languages.building_another(config(i18n("en", "es", building=True)))


def test_the_switcher_links_come_back_on_every_page() -> None:
    homes = [{"name": "English", "link": "/"}, {"name": "Español", "link": "/es/"}]
    site = config(alternate=homes)
    switcher = languages.SwitcherLinks()
    switcher.keep(site)
    site.extra.alternate = [{"name": "Español", "link": "/es/faq/"}]  # as the plugin does
    switcher.restore(site)
    assert site.extra["alternate"] == homes and site.extra["alternate"] is not homes


def test_a_site_without_switcher_links_is_left_alone() -> None:
    site = config()
    switcher = languages.SwitcherLinks()
    switcher.keep(site)
    switcher.restore(site)
    assert "alternate" not in site.extra


def test_each_language_gets_its_own_404_page(tmp_path: Path) -> None:
    pages = languages.NotFoundPages()
    kw = {"default": "en", "site_dir": tmp_path}
    assert pages.place("<p>Not found</p>", lang="en", **kw) == "<p>Not found</p>"
    # The other language's build writes to /404.html too: it gets the default's page back.
    assert pages.place("<p>No encontrada</p>", lang="es", **kw) == "<p>Not found</p>"
    assert (tmp_path / "es" / "404.html").read_text(encoding="utf-8") == "<p>No encontrada</p>"


def test_the_switcher_warning_is_quieted_once() -> None:
    logger = logging.getLogger("mkdocs.plugins.mkdocs_static_i18n.reconfigure")
    languages.quiet_switcher_warning()
    languages.quiet_switcher_warning()
    quieting = [f for f in logger.filters if type(f).__name__ == "_InstantSwitcherIsFine"]
    assert len(quieting) == 1
    record = logger.makeRecord(logger.name, logging.WARNING, "", 0, "", (), None)
    record.msg = "The language switcher contextual link is not compatible with instant"
    assert not quieting[0].filter(record)
