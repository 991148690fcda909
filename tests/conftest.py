"""Shared fixtures: the site is built once per test run, in strict mode, into a temp folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_site(config_file: Path, out: Path) -> Path:
    """Build the MkDocs site at `config_file` into `out` in strict mode; return `out`."""
    cfg = load_config(str(config_file), site_dir=str(out), strict=True)
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    return out


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once."""
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def html_pages(site: Path) -> dict[str, Path]:
    """Every built HTML page, keyed by its URL path ("" for home, "faq/" …)."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        url = "" if rel == "index.html" else rel.removesuffix("index.html")
        pages[url] = path
    return pages


def soup(path: Path) -> BeautifulSoup:
    """Parse a built page."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="session")
def page(site: Path):
    """page("faq/") -> BeautifulSoup of that built page."""

    def load(url: str) -> BeautifulSoup:
        return soup(site / url / "index.html") if not url.endswith(".html") else soup(site / url)

    return load


def pytest_collection_modifyitems(items: list[pytest.Item]) -> Iterator[None] | None:
    """Mark everything under tests/browser as a browser test."""
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
    return None
