"""Helpers for the real-browser tests: Chromium flags, axe-core, request and console watch."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import BrowserContext, Page

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def answer_box(question: str, value: str) -> str:
    """The selector of one answer's box (radio or checkbox) in the self-check."""
    return f'[data-question="{question}"] input[value="{value}"]'


def shot(page: Page, name: str) -> None:
    """Save a full-page screenshot under artifacts/screenshots for a reviewer."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHECKER_PAGE = "self-check/"


class Watch:
    """Everything a page did that the suite cares about: requests, console errors."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.foreign: list[str] = []
        self.errors: list[str] = []

    def attach(self, context: BrowserContext) -> None:
        """Refuse and record every request that leaves the local server."""

        def route(route, request) -> None:
            if request.url.startswith(self.base_url) or request.url.startswith("data:"):
                route.continue_()
            else:
                self.foreign.append(request.url)
                route.abort()

        context.route("**/*", route)
        context.on("page", self.watch_page)

    def watch_page(self, page: Page) -> None:
        """Record console errors (CSP violations land there too) and uncaught exceptions."""
        page.on(
            "console", lambda m: m.type == "error" and self.errors.append(f"{page.url}: {m.text}")
        )
        page.on("pageerror", lambda e: self.errors.append(f"{page.url}: {e}"))


def run_axe(page: Page) -> list[str]:
    """Run axe-core with the WCAG A/AA tags; return one line per violating element."""
    # Measure colours at rest, not halfway through a fade.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {', '.join(node['target'])} — {node['failureSummary']}"
        for v in result["violations"]
        for node in v["nodes"]
    ]


def wait_ready(page: Page) -> None:
    """Wait until the page's scripts have run (Material's bundle, and the checker if present)."""
    page.wait_for_load_state("load")
    page.wait_for_selector(".md-content", state="attached")
    page.wait_for_function("() => typeof window.component$ !== 'undefined'")  # Material's bundle
    if page.locator("[data-criteria-checker]").count():
        page.wait_for_selector("[data-criteria-checker][data-ready]", state="attached")


def complete_checker(page: Page, area, answers: dict[str, str], on_step=None) -> None:
    """Answer the visible questions with the mouse, calling on_step(n) before each step."""
    import criteria

    for n, qid in enumerate(criteria.visible_questions(area, answers), start=1):
        if on_step:
            on_step(n)
        for answer in [answers[qid]] if isinstance(answers[qid], str) else answers[qid]:
            page.check(answer_box(qid, answer))
        page.click(".pd-nav [type=submit]")
    page.wait_for_selector(".pd-review:not([hidden])")  # "Check your answers"
    page.click(".pd-nav [type=submit]")
    page.wait_for_selector(".pd-result:not([hidden])")


def summary_order(area, answers: dict[str, str]) -> list[str]:
    """The factor ids the summary should show for `answers`, in display order (Python)."""
    import criteria

    found = set(criteria.evaluate(area, answers))
    return [f["id"] for _, group in area.factors_by_kind() for f in group if f["id"] in found]
