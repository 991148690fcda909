"""Shared fixtures: the site is built once per test run, in strict mode, into a temp folder."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from helpers import ROOT, build_site, soup


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep pytest output readable
        pass


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the site is built."""
    return tmp_path_factory.mktemp("site")


@pytest.fixture(scope="session")
def server_url(site_dir: Path) -> Iterator[str]:
    """An HTTP server on a free local port, serving the site folder (built or not yet)."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def site(site_dir: Path, server_url: str) -> Path:
    """The real site, built once. Its site_url is the test server, as on a real host:
    Material's instant navigation only takes over links to the origin in the sitemap."""
    return build_site(ROOT / "mkdocs.yml", site_dir, site_url=server_url)


@pytest.fixture(scope="session")
def base_url(site: Path, server_url: str) -> str:
    """The address of the built site."""
    return server_url


@pytest.fixture(scope="session")
def html_pages(site: Path) -> dict[str, Path]:
    """Every built HTML page, keyed by its URL path ("" for home, "faq/" …)."""
    pages = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        url = "" if rel == "index.html" else rel.removesuffix("index.html")
        pages[url] = path
    return pages


@pytest.fixture(scope="session")
def page(site: Path):
    """page("faq/") -> BeautifulSoup of that built page."""

    def load(url: str) -> BeautifulSoup:
        return soup(site / url / "index.html") if not url.endswith(".html") else soup(site / url)

    return load


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark everything under tests/browser as a browser test."""
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def area():
    """The real criteria file, loaded and validated like the build does."""
    import criteria
    import facts

    site_facts = facts.load(ROOT / "data" / "facts.yml")
    return criteria.load(
        ROOT / "criteria" / "prosecutorial-discretion.yml", fact_ids=site_facts.ids
    )


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, one per test process: Playwright's sync API runs one at a time, so
    every browser test (tests/browser and the hostile edits) shares it, in any order."""
    from playwright.sync_api import sync_playwright

    from browserkit import CHROMIUM, FLAGS

    if not Path(CHROMIUM).exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: run 'make test' as root, or set CHROMIUM=/path")
    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()
