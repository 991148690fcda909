"""Both languages in Chromium: the switcher lands on the same page; the Spanish checker
gives the same answers as the English one and as Python."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page

import criteria
import facts
from browserkit import DESKTOP, complete_checker, summary_order, wait_ready


@pytest.mark.parametrize(
    "start, target, other", [("", "faq/", "es/faq/"), ("es/", "es/forms/", "forms/")]
)
def test_language_switcher_lands_on_the_same_page_after_instant_navigation(
    browser, base_url: str, start: str, target: str, other: str
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    tab.goto(base_url + start)
    wait_ready(tab)
    tab.evaluate("() => { window.notReloaded = true; }")
    tab.click(f'.md-sidebar--primary a[href$="{target.removeprefix("es/")}"]')
    tab.wait_for_url(base_url + target)
    wait_ready(tab)
    assert tab.evaluate("() => window.notReloaded === true"), "instant navigation was not used"
    tab.hover(".md-header .md-select")
    lang = "es" if other.startswith("es/") else "en"
    tab.click(f'.md-header .md-select a[hreflang="{lang}"]')
    tab.wait_for_url(base_url + other)
    wait_ready(tab)
    assert tab.evaluate("() => document.documentElement.lang") == lang
    context.close()


def test_spanish_checker_gives_the_same_factors_as_python(tab: Page, base_url: str, area) -> None:
    answers = {
        "stage": "court",
        "hearing-soon": "unsure",
        "dismissal": "yes",
        "reports": "no",
        "status": ("tps-ended", "asylum"),
        "military": "self",
        "family-petition": "approved",
        "humanitarian": "no",
        "law-enforcement": "yes",
        "record": "conviction",
        "criminal-open": "plea",
    }
    tab.goto(base_url + "es/special-consideration/")
    wait_ready(tab)
    complete_checker(tab, area, answers)
    shown = tab.eval_on_selector_all(
        ".pd-result [data-factor]", "els => els.map(e => e.dataset.factor)"
    )
    assert shown == summary_order(area, answers)
    text = tab.locator(".pd-result").inner_text()
    assert "no es asesoría legal" in text.lower() or "no asesoría legal" in text.lower()
    assert facts.format_date(area.data["as_of"], "es") in text


def test_spanish_javascript_agrees_with_python_on_every_path(tab: Page, base_url: str, area):
    tab.goto(base_url + "es/special-consideration/")
    wait_ready(tab)
    # Every path while they can be listed, else every answer on every route plus a sample.
    paths = json.loads(json.dumps(criteria.agreement_paths(area)))
    js = tab.evaluate(
        """async ([url, paths]) => {
            const m = await import(url);
            const root = document.querySelector('[data-criteria-checker]');
            const rules = JSON.parse(root.dataset.rules);
            return paths.map(a => m.evaluate(rules, a));
        }""",
        [base_url + "assets/checker.js", paths],
    )
    assert js == [criteria.evaluate(area, p) for p in paths]
