"""Every page in Chromium: accessible (axe-core, WCAG A/AA), private, error-free, readable
without JavaScript, and printable."""

from __future__ import annotations

import json
from collections import Counter
from typing import ClassVar

import pytest
from playwright.sync_api import Browser

import criteria
from browserkit import (
    ARTIFACTS,
    CHECKER_PAGE,
    DESKTOP,
    PHONE,
    Watch,
    complete_checker,
    run_axe,
    shot,
    wait_ready,
)
from helpers import FIRM, LANGUAGES, TEL, lang_of, prefix

ANSWERS = {
    "stage": "court",
    "hearing-soon": "yes",
    "dismissal": "no",
    "reports": "yes",
    "military": "relative",
    "family-petition": "unsure",
    "humanitarian": "yes",
    "law-enforcement": "no",
    "record": "arrest",
    "criminal-open": "plea",
    "status": ["tps-ended", "asylum"],
}


def name_of(url: str) -> str:
    return url.strip("/").replace("/", "-").removesuffix(".html") or "home"


class _EveryPage:
    """Every page and every step of the self-check at one screen size, in both colour
    schemes and every language. The longest test of the suite: each size is a class, which
    pytest-xdist (--dist loadscope) runs as one unit, so that the two sizes run at once."""

    size = ""
    viewport: ClassVar[dict[str, int]] = {}

    @pytest.mark.parametrize("lang", LANGUAGES)
    @pytest.mark.parametrize("scheme", ["light", "dark"])
    def test_every_page_and_checker_step_is_accessible_private_and_error_free(
        self, browser: Browser, base_url: str, html_pages: dict, area, scheme: str, lang: str
    ) -> None:
        """Visit every page of a language, run axe-core (WCAG A/AA) on it and on every step of
        its self-check, and record requests that leave the local server and console errors
        (CSP included)."""
        size = self.size
        context = browser.new_context(viewport=self.viewport, color_scheme=scheme)
        watch = Watch(base_url)
        watch.attach(context)
        page = context.new_page()
        axe: dict[str, list[str]] = {}
        pages = [url for url in html_pages if lang_of(url) == lang]
        checker = prefix(lang) + CHECKER_PAGE
        for url in pages:
            page.goto(base_url + url)
            wait_ready(page)
            axe[f"/{url}"] = run_axe(page)
            if scheme == "light" or url in (prefix(lang), checker):
                shot(page, f"{name_of(url)}-{size}-{scheme}")
        page.goto(base_url + checker)
        wait_ready(page)

        def check_step(n: int) -> None:
            axe[f"/{checker} step {n}"] = run_axe(page)

        complete_checker(page, area, ANSWERS, on_step=check_step)
        axe[f"/{checker} result"] = run_axe(page)
        page.locator(".pd-result").screenshot(
            path=str(
                ARTIFACTS
                / "screenshots"
                / f"{prefix(lang).replace('/', '-')}checker-result-{size}-{scheme}.png"
            )
        )
        context.close()
        problems = [f"axe {where}: {v}" for where, found in axe.items() for v in found]
        problems += [f"request to another host: {url}" for url in watch.foreign]
        problems += [f"console: {line}" for line in watch.errors]
        steps = len(criteria.visible_questions(area, ANSWERS)) + 1
        assert pages and len(axe) == len(pages) + steps
        assert not problems, f"[{scheme}, {size}, {lang}]\n" + "\n".join(problems)


class TestOnAPhone(_EveryPage):
    size, viewport = "phone", PHONE


def test_nothing_is_stored_after_browsing_and_using_the_checker(browser, base_url, area):
    context = browser.new_context(viewport=PHONE)
    watch = Watch(base_url)
    watch.attach(context)
    page = context.new_page()
    for url in ("", "faq/", CHECKER_PAGE):
        page.goto(base_url + url)
        wait_ready(page)
    complete_checker(page, area, ANSWERS)
    page.click('[data-action="change"]')
    page.click(".pd-nav [type=submit]")
    stored = page.evaluate(
        """async () => ({
            local: Object.keys(localStorage), session: Object.keys(sessionStorage),
            indexedDB: (await indexedDB.databases()).map(d => d.name),
            caches: await caches.keys(), cookie: document.cookie })"""
    )
    assert stored == {"local": [], "session": [], "indexedDB": [], "caches": [], "cookie": ""}
    assert context.cookies() == []
    assert not watch.foreign
    page.reload()
    wait_ready(page)
    assert page.locator(".pd-checker input:checked").count() == 0, "answers survive a reload"
    context.close()


def test_every_page_is_readable_without_javascript(browser: Browser, base_url, html_pages):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    for url in html_pages:
        page.goto(base_url + url)
        assert page.locator("article h1").is_visible(), f"/{url}: no visible heading"
        hidden = page.evaluate(
            """() => [...document.querySelectorAll(
                    'article :is(p, li, h2, h3, h4, a, table, dl)')]
                .filter(el => !el.closest('[data-criteria-checker], details:not([open])'))
                // A page title's permalink is hidden with or without JavaScript (site.css).
                .filter(el => !el.matches('h1 > .headerlink'))
                .filter(el => el.getClientRects().length === 0)
                .map(el => el.outerHTML.slice(0, 80))"""
        )
        assert not hidden, f"/{url}: hidden without JavaScript: {hidden}"
        assert page.locator("footer.pd-footer").is_visible()
    page.goto(base_url + CHECKER_PAGE)
    assert not page.locator("[data-criteria-checker]").is_visible(), "a dead form is shown"
    fallback = page.locator("[data-checker-fallback]")
    assert fallback.is_visible()
    assert fallback.locator(f'a[href="{TEL}"]').is_visible()
    assert page.locator("#pd-factors-prosecutorial-discretion [data-factor]").count() > 0
    assert page.locator("#pd-factors-prosecutorial-discretion").is_visible()
    shot(page, "self-check-phone-nojs")
    context.close()


@pytest.mark.parametrize(("scheme", "palette"), [("dark", "slate"), ("light", "default")])
def test_the_first_paint_already_has_the_readers_colours(browser, base_url, scheme, palette):
    """The page is styled for the reader's system setting before Material's bundle runs (here
    it never does), so a dark-mode phone never flashes a light page; scripting is marked."""
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    context.route("**/javascripts/bundle.*.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(base_url)
    assert page.evaluate("document.body.dataset.mdColorScheme") == palette
    assert page.evaluate("document.documentElement.className") == "js js-focus-visible"
    # Material's bundle would set these on every load; with them in place it changes nothing.
    assert (
        page.evaluate("getComputedStyle(document.body).colorScheme")
        == {"dark": "dark", "light": "light"}[scheme]
    )
    context.close()


def test_materials_start_up_restyles_no_page_already_styled(browser, base_url):
    """Material's bundle starts on a page the browser has already styled. It must not make the
    browser restyle all of it: no stylesheet read again, no class changed on <html>, no new
    color-scheme, no link given a new address. Each of these once cost a cheap phone a
    restyle of the self-check page (see partials/javascripts/base.html,
    material_html.absolute_links)."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    browser.start_tracing(
        page=page,
        categories=[
            "devtools.timeline",
            "disabled-by-default-devtools.timeline.invalidationTracking",
        ],
    )
    page.goto(base_url + CHECKER_PAGE)
    wait_ready(page)
    # Material's palette then gives the page its theme-color and, on the next animation frame,
    # ends its colour switch: the trace must cover that restyle too.
    page.wait_for_function(
        """() => !!document.querySelector('meta[name="theme-color"][content^="#"]')
        && !document.body.hasAttribute('data-md-color-switching')"""
    )
    events = json.loads(browser.stop_tracing())["traceEvents"]
    context.close()

    bundle = min(
        (e for e in events if e["name"] == "EvaluateScript"),
        key=lambda e: ("/bundle." not in e["args"]["data"].get("url", ""), e["ts"]),
    )
    # The trace covers the whole browser: keep the page's own renderer (the browser's own
    # pages, such as a print preview another test opened, parse stylesheets too).
    events = [e for e in events if e.get("pid") == bundle["pid"]]
    later = [
        (e["name"], e.get("args", {}).get("data") or {})
        for e in events
        if e.get("ts", 0) >= bundle["ts"]
    ]
    whole_page = [
        (name, data.get("reason"), data.get("nodeName"))
        for name, data in later
        if data.get("reason") == "PlatformColorChange"
        or any(i.get("allDescendantsMightBeInvalid") for i in data.get("invalidationList", []))
    ]
    assert not whole_page, whole_page
    readdressed = {  # language.js retargets the language links: that one is ours, and meant
        data.get("nodeName", "").split(" ")[0]
        for _, data in later
        if data.get("changedAttribute") in ("href", "src")
        and "/bundle." in (data.get("stackTrace") or [{}])[0].get("url", "")
    }
    assert not readdressed, f"the bundle rewrote the address of {readdressed} elements"
    parsed = Counter(
        e["args"]["data"]["styleSheetUrl"] for e in events if e["name"] == "ParseAuthorStyleSheet"
    )
    assert parsed and set(parsed.values()) == {1}, parsed


def test_materials_bundle_is_compiled_before_it_runs(browser, base_url):
    """Chromium compiles Material's bundle on a background thread as it arrives (the hint in
    hooks/trim.py), so the main thread hardly compiles while the bundle runs: without the hint
    it compiled about 350 functions there, one at a time, on the self-check page."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    browser.start_tracing(
        page=page, categories=["devtools.timeline", "disabled-by-default-v8.compile"]
    )
    page.goto(base_url + CHECKER_PAGE)
    wait_ready(page)
    events = json.loads(browser.stop_tracing())["traceEvents"]
    context.close()

    (run,) = (
        e
        for e in events
        if e["name"] == "EvaluateScript" and "/bundle." in e["args"]["data"].get("url", "")
    )
    compiled_during_run = [
        e
        for e in events
        if e["name"] == "V8.CompileCode"
        and (e["pid"], e["tid"]) == (run["pid"], run["tid"])
        and run["ts"] <= e["ts"] <= run["ts"] + run["dur"]
    ]
    assert len(compiled_during_run) < 35, len(compiled_during_run)


def test_the_colour_switch_still_switches(browser, base_url):
    """The dark/light toggle keeps working (its transition rule is trimmed, see hooks/trim.py),
    and the page's own scrollbar and controls (the root's color-scheme) follow it."""
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    page = context.new_page()
    page.goto(base_url)
    wait_ready(page)
    root_scheme = "getComputedStyle(document.documentElement).colorScheme"
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert page.evaluate(root_scheme) == "dark"
    page.click("label[title='Switch to light mode']")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
    assert page.evaluate(root_scheme) == "light"  # the page's scrollbar follows the switch
    page.click("label[title='Switch to dark mode']")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    assert page.evaluate(root_scheme) == "dark"
    context.close()


def test_printing_the_result_shows_summary_disclaimer_and_phone_only(browser, base_url, area):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(base_url + CHECKER_PAGE)
    wait_ready(page)
    complete_checker(page, area, ANSWERS)
    page.emulate_media(media="print")
    assert page.locator(".pd-result h3").is_visible()
    assert page.locator(".pd-result [data-factor]").first.is_visible()
    assert page.locator(".pd-result .pd-disclaimer").is_visible()
    # The printout names the firm and its phone at the top; call buttons are for screens.
    assert FIRM["phone"] in page.locator(".pd-result .pd-print-head").inner_text()
    for chrome in (
        ".pd-result a[href^='tel:']",
        ".md-header",
        ".md-sidebar--primary",
        ".pd-actions",
        "#pd-factors-prosecutorial-discretion",
        "article > h1",
    ):
        assert not page.locator(chrome).first.is_visible(), f"{chrome} shows in print"
    page.pdf(path=str(ARTIFACTS / "checker-result.pdf"))
    context.close()


class TestOnADesktop(_EveryPage):  # last in the file: the other size's unit runs in between
    size, viewport = "desktop", DESKTOP
