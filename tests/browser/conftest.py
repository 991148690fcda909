"""A real Chromium (Debian's, driven by Playwright; the one `browser` of the run is in
tests/conftest.py) against the built site served on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from browserkit import PHONE


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
