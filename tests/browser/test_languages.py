"""Every language in Chromium: the switcher lands on the same page in each; the Spanish and
Kreyòl checkers give the same answers as the English one and as Python, and a Kreyòl answer
code opens the same summary in English."""

from __future__ import annotations

import json

import answercode
import pytest
import yaml
from playwright.sync_api import Page
from test_checker import REST, ROUTES, open_first_urgent_summary, switch_language

import criteria
import facts
from browserkit import CHECKER_PAGE, DESKTOP, complete_checker, summary_order, wait_ready
from helpers import LANGUAGES, ROOT, TEL, prefix

UI = yaml.safe_load((ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))
# Each language's name in the menu, as mkdocs.yml's i18n plugin gives it.
_CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
LANGUAGE_NAMES = {
    x["locale"]: x["name"]
    for p in _CONFIG["plugins"]
    if isinstance(p, dict) and "i18n" in p
    for x in p["i18n"]["languages"]
}


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
    tab.goto(base_url + "es/" + CHECKER_PAGE)
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
    tab.goto(base_url + "es/" + CHECKER_PAGE)
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


def test_the_language_menu_moves_between_every_language(browser, base_url: str) -> None:
    """From each language, the menu offers every language by its own name and lands on the
    same page in the one chosen: English -> Español -> Kreyòl ayisyen -> English."""
    names = dict(LANGUAGE_NAMES)
    assert names["ht"] == "Kreyòl ayisyen"
    context = browser.new_context(viewport=DESKTOP)
    tab = context.new_page()
    tab.goto(base_url + "faq/")
    wait_ready(tab)
    for lang in [*LANGUAGES[1:], LANGUAGES[0]]:
        offered = tab.eval_on_selector_all(
            ".md-header .md-select a[hreflang]",
            "els => els.map(a => [a.hreflang, a.textContent.trim()])",
        )
        assert dict(offered) == names, offered
        tab.hover(".md-header .md-select")
        tab.click(f'.md-header .md-select a[hreflang="{lang}"]')
        tab.wait_for_url(base_url + prefix(lang) + "faq/")
        wait_ready(tab)
        assert tab.evaluate("() => document.documentElement.lang") == lang
    context.close()


# Detained, a relative answers: tests/browser/test_checker.py's route to an urgent card.
URGENT_ROUTE = {**REST, **ROUTES["detained, a relative answers (find-detained-person)"]}


def test_a_kreyol_route_to_an_urgent_card_and_its_code_opens_the_same_summary_in_english(
    browser, base_url: str, area
) -> None:
    """A Kreyòl reader reaches an urgent card with the firm's call button in it; the answer
    code read out to the firm opens the same summary, with the same answers, in English."""
    answers = {
        q: a for q, a in URGENT_ROUTE.items() if q in criteria.visible_questions(area, URGENT_ROUTE)
    }
    urgent = {f["id"] for f in area.factors if f["kind"] == "urgent"}
    assert urgent & set(criteria.evaluate(area, answers)), "the route reaches no urgent card"
    context = browser.new_context(viewport={"width": 360, "height": 740})
    tab = context.new_page()
    tab.goto(base_url + "ht/" + CHECKER_PAGE)
    wait_ready(tab)
    assert tab.locator(".pd-nav [type=submit]").inner_text() == UI["ht"]["next"]
    complete_checker(tab, area, answers)
    shown = tab.eval_on_selector_all(
        ".pd-result [data-factor]", "els => els.map(e => e.dataset.factor)"
    )
    assert shown == summary_order(area, answers)
    card = tab.locator(".pd-result .pd-factor--urgent").first
    assert card.locator(f'a[href="{TEL}"]').count() == 1
    assert tab.locator(".pd-result h3").first.inner_text() == UI["ht"]["result_title"]
    assert facts.format_date(area.data["as_of"], "ht") in tab.locator(".pd-result").inner_text()
    code = tab.locator(".pd-result [data-code]").inner_text()
    assert code == answercode.Codec(area).encode(answers)
    staff = context.new_page()
    staff.goto(base_url + CHECKER_PAGE + "#code=" + code)
    wait_ready(staff)
    staff.wait_for_selector(".pd-result:not([hidden])")
    assert staff.evaluate("() => document.documentElement.lang") == "en"
    assert (
        staff.eval_on_selector_all(
            ".pd-result [data-factor]", "els => els.map(e => e.dataset.factor)"
        )
        == shown
    )
    count = "document.querySelectorAll('.pd-result .pd-answers dt').length"
    assert staff.evaluate(count) == tab.evaluate(count) == len(answers)
    context.close()


def test_the_language_menu_keeps_a_self_check_summary_through_every_language(
    browser, base_url: str, area
) -> None:
    """The summary travels with the reader: English -> Español -> Kreyòl -> English, the same
    cards and the same answer code each time (the code in the address fragment only)."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    tab = context.new_page()
    answers, code = open_first_urgent_summary(tab, base_url, area)
    for lang in [*LANGUAGES[1:], LANGUAGES[0]]:
        switch_language(tab, lang)
        tab.wait_for_url(base_url + prefix(lang) + CHECKER_PAGE + "#code=" + code)
        wait_ready(tab)
        tab.wait_for_selector(".pd-result:not([hidden])")
        assert tab.evaluate("document.documentElement.lang") == lang
        shown = tab.eval_on_selector_all(
            ".pd-result [data-factor]", "els => els.map(e => e.dataset.factor)"
        )
        assert shown == summary_order(area, answers), lang
        assert tab.locator(".pd-result [data-code]").inner_text() == code, lang
    context.close()
