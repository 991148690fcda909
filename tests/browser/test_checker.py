"""The self-check in Chromium: keyboard only, same answers as Python, no stale state."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

import criteria
import facts
from browserkit import CHECKER_PAGE, complete_checker, shot, summary_order, wait_ready
from helpers import ROOT

ROOT_SELECTOR = "[data-criteria-checker]"


def active(page: Page, when: str = "") -> dict:
    """Describe the focused element; fail if focus was lost to <body>."""
    info = page.evaluate(
        """() => { const el = document.activeElement;
        const style = getComputedStyle(el);
        return {tag: el.tagName.toLowerCase(), type: el.type || '', value: el.value || '',
                action: el.dataset ? (el.dataset.action || '') : '',
                submit: el.type === 'submit', visible: el.matches(':focus-visible'),
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
                inChecker: !!el.closest('[data-criteria-checker]')}; }"""
    )
    assert info["tag"] != "body", f"keyboard focus was lost to <body> {when}"
    return info


def press_until(page: Page, key: str, wanted, limit: int = 80) -> dict:
    """Press `key` until the focused element satisfies `wanted`; check focus stays visible."""
    for n in range(limit):
        page.keyboard.press(key)
        info = active(page, f"after {key} #{n + 1}")
        if info["inChecker"]:
            assert info["visible"] and info["outline"], f"focus is not visible on {info}"
        if wanted(info):
            return info
    pytest.fail(f"pressing {key} {limit} times never reached the wanted element")


def answer_by_keyboard(page: Page, area: criteria.Criteria, answers: dict[str, str]) -> None:
    """Answer each visible question with Tab, arrows and Space, then Enter on Next."""
    questions = {q["id"]: q for q in area.questions}
    for qid in criteria.visible_questions(area, answers):
        step = page.locator(f'.pd-step[data-question="{qid}"]')
        assert step.is_visible(), f"question {qid} should be on screen"
        options = [o["id"] for o in questions[qid]["options"]]
        press_until(page, "Tab", lambda i: i["type"] == "radio" and i["inChecker"])
        if page.evaluate("document.activeElement.checked") is False:
            page.keyboard.press("Space")
        current = page.evaluate("document.activeElement.value")
        moves = options.index(answers[qid]) - options.index(current)
        for _ in range(abs(moves)):
            page.keyboard.press("ArrowDown" if moves > 0 else "ArrowUp")
        assert page.evaluate("document.activeElement.value") == answers[qid]
        press_until(page, "Tab", lambda i: i["submit"])
        page.keyboard.press("Enter")


def shown_factors(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        ".pd-result [data-factor]", "els => els.map(e => e.dataset.factor)"
    )


def open_checker(tab: Page, base_url: str) -> None:
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    # The page starts with nothing focused; the first Tab or two may still land on <body>.
    for _ in range(3):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement !== document.body"):
            break
    press_until(tab, "Tab", lambda i: i["type"] == "radio" and i["inChecker"], limit=200)
    press_until(tab, "Shift+Tab", lambda i: not i["inChecker"])


PATHS = {
    "not in proceedings": {
        "stage": "none",
        "military": "no",
        "family-petition": "no",
        "humanitarian": "no",
        "law-enforcement": "no",
        "record": "none",
    },
    "court, hearing soon, veteran": {
        "stage": "court",
        "hearing-soon": "yes",
        "military": "self",
        "family-petition": "approved",
        "humanitarian": "yes",
        "law-enforcement": "yes",
        "record": "conviction",
    },
    "unsure everywhere": {
        "stage": "unsure",
        "military": "unsure",
        "family-petition": "unsure",
        "humanitarian": "unsure",
        "law-enforcement": "unsure",
        "record": "unsure",
    },
    "detained with an arrest": {
        "stage": "detained",
        "military": "relative",
        "family-petition": "pending",
        "humanitarian": "no",
        "law-enforcement": "no",
        "record": "arrest",
    },
}


@pytest.mark.parametrize("answers", PATHS.values(), ids=PATHS.keys())
def test_keyboard_path_gives_the_python_result(tab: Page, base_url: str, area, answers) -> None:
    open_checker(tab, base_url)
    answer_by_keyboard(tab, area, answers)
    result = tab.locator(".pd-result")
    assert result.is_visible()
    assert active(tab)["tag"] == "h3", "focus should move to the summary heading"
    assert shown_factors(tab) == summary_order(area, answers)
    urgent = [f["id"] for f in area.factors if f["kind"] == "urgent"]
    shown = shown_factors(tab)
    first_non_urgent = next((i for i, f in enumerate(shown) if f not in urgent), len(shown))
    assert all(f in urgent for f in shown[:first_non_urgent]) and not set(
        shown[first_non_urgent:]
    ) & set(urgent)
    assert "not legal advice" in result.inner_text()
    assert facts.format_date(area.data["as_of"], "en") in result.inner_text()
    assert "eligib" not in result.inner_text().lower()
    if answers["stage"] == "court":
        shot(tab, "checker-result-phone")


def test_change_and_start_over_by_keyboard(tab: Page, base_url: str, area) -> None:
    answers = PATHS["not in proceedings"]
    open_checker(tab, base_url)
    answer_by_keyboard(tab, area, answers)
    press_until(tab, "Tab", lambda i: i["action"] == "change")
    tab.keyboard.press("Enter")
    assert tab.locator('.pd-step[data-question="stage"]').is_visible()
    assert active(tab)["tag"] == "fieldset"
    assert tab.locator("#pd-prosecutorial-discretion-stage-none").is_checked(), "answers are kept"
    changed = {**answers, "stage": "court", "hearing-soon": "no"}
    answer_by_keyboard(tab, area, changed)
    assert shown_factors(tab) == summary_order(area, changed)
    press_until(tab, "Tab", lambda i: i["action"] == "restart")
    tab.keyboard.press("Enter")
    assert tab.locator(".pd-checker input:checked").count() == 0, "start over clears every answer"
    assert tab.locator('.pd-step[data-question="stage"]').is_visible()


def test_next_without_an_answer_explains_and_keeps_focus(tab: Page, base_url: str) -> None:
    open_checker(tab, base_url)
    press_until(tab, "Tab", lambda i: i["submit"])
    tab.keyboard.press("Enter")
    error = tab.locator('.pd-step[data-question="stage"] .pd-error')
    assert error.is_visible()
    described = tab.get_attribute('.pd-step[data-question="stage"] fieldset', "aria-describedby")
    assert error.get_attribute("id") in described.split()
    assert active(tab)["type"] == "radio"
    tab.keyboard.press("Space")
    assert not error.is_visible()


def test_back_returns_to_the_previous_question(tab: Page, base_url: str, area) -> None:
    open_checker(tab, base_url)
    tab.check("#pd-prosecutorial-discretion-stage-court")
    tab.click(".pd-nav [type=submit]")
    assert tab.locator('.pd-step[data-question="hearing-soon"]').is_visible()
    tab.click('[data-action="back"]')
    assert tab.locator('.pd-step[data-question="stage"]').is_visible()
    tab.check("#pd-prosecutorial-discretion-stage-none")
    tab.click(".pd-nav [type=submit]")
    assert tab.locator('.pd-step[data-question="military"]').is_visible(), (
        "hearing question skipped"
    )


def test_javascript_and_python_agree_on_every_answer_path(tab: Page, base_url: str, area) -> None:
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    paths = list(criteria.answer_paths(area))
    # Also feed stale answers to questions that are hidden: both sides must ignore them.
    first = {q["id"]: q["options"][0]["id"] for q in area.questions}
    noisy = [{**first, **p} for p in paths]
    cases = paths + noisy
    rules = area.client_rules()
    js = tab.evaluate(
        """async ([url, rules, cases]) => {
            const m = await import(url);
            return cases.map(a => [m.evaluate(rules, a), m.visibleQuestions(rules, a)]);
        }""",
        [base_url + "assets/checker.js", rules, cases],
    )
    assert len(js) == len(cases) == 2 * 4032
    for answers, (js_factors, js_visible) in zip(cases, js, strict=True):
        assert js_factors == criteria.evaluate(area, answers), answers
        assert js_visible == criteria.visible_questions(area, answers), answers


def test_instant_navigation_away_and_back_leaves_no_stale_answers(tab: Page, base_url: str, area):
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    complete_checker(tab, area, PATHS["not in proceedings"])
    # The address changes before the new page is in: mark the form seen, and wait for pages.
    tab.evaluate("document.querySelector('[data-criteria-checker]').dataset.seen = ''")
    # Follow a link inside the result (copied from the factor list) to another page.
    tab.click('.pd-result a[href*="request/"]')
    tab.wait_for_url("**/request/#not-in-proceedings")
    tab.wait_for_selector("#not-in-proceedings")
    tab.go_back()
    tab.wait_for_url("**/" + CHECKER_PAGE)
    tab.wait_for_selector("[data-criteria-checker][data-ready]:not([hidden]):not([data-seen])")
    assert tab.locator(".pd-checker input:checked").count() == 0
    assert not tab.locator(".pd-result").is_visible()
    assert tab.locator('.pd-step[data-question="stage"]').is_visible()
    assert tab.locator("[data-criteria-checker]").count() == 1
    # Instant navigation really was used: the page was not reloaded.
    assert tab.evaluate("performance.getEntriesByType('navigation').length") == 1
    # And it still works after the swap.
    tab.check("#pd-prosecutorial-discretion-stage-detained")
    tab.click(".pd-nav [type=submit]")
    assert tab.locator('.pd-step[data-question="military"]').is_visible()


def test_every_step_and_result_fit_a_phone_without_sideways_scrolling(tab: Page, base_url, area):
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    answers = PATHS["court, hearing soon, veteran"]
    for n, qid in enumerate(criteria.visible_questions(area, answers), start=1):
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        tab.locator(f'.pd-step[data-question="{qid}"]').screenshot(
            path=str(ROOT / "artifacts" / "screenshots" / f"checker-step-{n}-phone.png")
        )
        tab.check(f'input[name="pd-prosecutorial-discretion-{qid}"][value="{answers[qid]}"]')
        tab.click(".pd-nav [type=submit]")
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_zoom_200_percent_keeps_the_checker_usable(browser, base_url: str) -> None:
    # 200 % zoom on a 720 px window lays out like a 360 px one at twice the size.
    context = browser.new_context(viewport={"width": 640, "height": 800}, device_scale_factor=2)
    tab = context.new_page()
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    tab.evaluate("document.body.style.zoom = '200%'")
    assert tab.locator('.pd-step[data-question="stage"] legend').is_visible()
    tab.check("#pd-prosecutorial-discretion-stage-none")
    tab.click(".pd-nav [type=submit]")
    assert tab.locator('.pd-step[data-question="military"]').is_visible()
    context.close()
