"""`make serve` reloads an open tab when a page is saved, and the site's policy lets only the
preview's own reload script through, only in what the preview sends."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from browserkit import PHONE, Watch
from helpers import copy_site


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`mkdocs serve` with live reload (as `make serve` runs it) on a copy of the site, at a
    free port; yields its address and the copy's folder."""
    copy_site(tmp_path)
    address = f"127.0.0.1:{free_port()}"
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--dev-addr", address],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        log = serving_log(server, seconds=180)
        if not log or "Serving on" not in log[-1]:
            pytest.fail("mkdocs serve did not start:\n" + "".join(log)[-3000:])
        # Keep reading what it logs, so that it never waits on a full pipe.
        threading.Thread(target=server.stderr.read, daemon=True).start()
        yield f"http://{address}/", tmp_path
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def serving_log(server: subprocess.Popen, seconds: float) -> list[str]:
    """What `server` logs up to and including "Serving on ...": it says so once it has built
    the site, listens and watches the files. Stops at its exit, or kills it after `seconds`."""
    watchdog = threading.Timer(seconds, server.kill)
    watchdog.start()
    log: list[str] = []
    try:
        for line in server.stderr:
            log.append(line)
            if "Serving on" in line:
                break
    finally:
        watchdog.cancel()
    return log


def test_saving_a_page_reloads_the_open_tab_with_no_policy_error(browser: Browser, preview):
    url, folder = preview
    watch = Watch(url)
    context = browser.new_context(viewport=PHONE)
    watch.attach(context)
    logs: list[str] = []
    context.on("console", lambda message: logs.append(message.text))
    tab = context.new_page()
    tab.goto(url + "faq/")
    tab.wait_for_function("() => document.readyState === 'complete'")
    policy = tab.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert "'unsafe-inline'" not in policy
    tab.evaluate("() => { window.notReloadedYet = true; }")

    page = folder / "docs" / "faq.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nSaved while the tab was open.\n", encoding="utf-8"
    )
    # Polled in every document the tab shows, the old one and the reloading one too, whose
    # body may not exist yet: the condition must hold (not throw) in each of them.
    tab.wait_for_function(
        "() => !window.notReloadedYet && document.body !== null"
        " && document.body.innerText.includes('Saved while the tab was open.')",
        timeout=120_000,
    )
    context.close()
    assert "Enabled live reload" in logs, logs
    assert not watch.errors, watch.errors
    assert not watch.foreign, watch.foreign
