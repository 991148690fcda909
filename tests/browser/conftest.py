"""A real Chromium (Debian's, driven by Playwright) against the built site served on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from browserkit import CHROMIUM, FLAGS, PHONE


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium; no browser download."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: run 'make test' as root, or set CHROMIUM=/path")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh, isolated browser profile per test (phone size)."""
    ctx = browser.new_context(viewport=PHONE)
    yield ctx
    ctx.close()


@pytest.fixture
def tab(context: BrowserContext) -> Page:
    """A page in a fresh context."""
    return context.new_page()
