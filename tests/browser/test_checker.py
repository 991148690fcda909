"""The self-check in Chromium: keyboard only, same answers as Python, no stale state."""

from __future__ import annotations

import json
import re

import answercode
import pytest
from playwright.sync_api import Page, expect

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
        "dismissal": "yes",
        "reports": "yes",
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
        "has-order": "yes",
        "order-when": "recent",
        "order-present": "no",
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
    changed = {
        **answers,
        "stage": "court",
        "hearing-soon": "no",
        "dismissal": "no",
        "reports": "no",
    }
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
    expect(tab.locator('.pd-step[data-question="stage"]')).to_be_visible()
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
    codec = answercode.Codec(area)
    rules = codec.client_rules()
    # As JSON text both ways: Playwright's own argument transfer is slow for 90,000 items.
    js = json.loads(
        tab.evaluate(
            """async ([url, rules, cases]) => {
                const m = await import(url);
                return JSON.stringify(JSON.parse(cases).map(a => {
                    const code = m.encode(rules, a);
                    return [m.evaluate(rules, a), m.visibleQuestions(rules, a), code,
                            m.decode(rules, code)];
                }));
            }""",
            [base_url + "assets/checker.js", rules, json.dumps(cases)],
        )
    )
    assert len(js) == len(cases) == 2 * 44928
    for answers, (js_factors, js_visible, code, decoded) in zip(cases, js, strict=True):
        assert js_factors == criteria.evaluate(area, answers), answers
        assert js_visible == criteria.visible_questions(area, answers), answers
        assert code == codec.encode(answers), answers
        assert tuple(decoded) == codec.decode(code), code
    # Codes that are not right: both sides refuse them the same way.
    version = rules["code"]["version"]
    bad = ["", "PD-", "pd-7k3q-zz", f"PD-ZZZZ-{version}", f"PD-00000-{version}", "PD-!!!!-AA"]
    bad += [f"pd 0o1l {version.lower()}"]
    js_bad = tab.evaluate(
        """async ([url, rules, codes]) => {
            const m = await import(url);
            return codes.map(c => m.decode(rules, c));
        }""",
        [base_url + "assets/checker.js", rules, bad],
    )
    for code, decoded in zip(bad, js_bad, strict=True):
        assert tuple(decoded) == codec.decode(code), code


def test_a_learn_more_link_and_back_keeps_the_summary_in_page_memory(tab: Page, base_url, area):
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    complete_checker(tab, area, PATHS["not in proceedings"])
    code = tab.locator(".pd-result [data-code]").inner_text()
    # The address changes before the new page is in: mark the form seen, and wait for pages.
    tab.evaluate("document.querySelector('[data-criteria-checker]').dataset.seen = ''")
    # Follow a link inside the result (copied from the factor list) to another page.
    tab.click('.pd-result a[href*="safety/"]')
    tab.wait_for_url("**/safety/#any-agency")
    tab.wait_for_selector("#any-agency")
    tab.go_back()
    tab.wait_for_url(re.compile(r".*/special-consideration/(#.*)?$"))
    tab.wait_for_selector("[data-criteria-checker][data-ready]:not([hidden]):not([data-seen])")
    assert tab.locator(".pd-result").is_visible(), "the summary is back"
    assert shown_factors(tab) == summary_order(area, PATHS["not in proceedings"])
    assert tab.locator(".pd-result [data-code]").inner_text() == code
    assert tab.locator("[data-criteria-checker]").count() == 1
    # Instant navigation really was used: the page was not reloaded.
    assert tab.evaluate("performance.getEntriesByType('navigation').length") == 1
    # Nothing of it left the page's memory: a reload starts afresh.
    tab.reload()
    wait_ready(tab)
    assert tab.locator(".pd-checker input:checked").count() == 0
    assert not tab.locator(".pd-result").is_visible()
    # And it still works after the swap.
    tab.check("#pd-prosecutorial-discretion-stage-none")
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


ROUTES = {
    "reporting to ICE with an old order, present": {
        "stage": "reporting",
        "has-order": "yes",
        "order-when": "older",
        "order-present": "yes",
    },
    "removal order last week, missed the hearing, reporting": {
        "stage": "order",
        "order-when": "recent",
        "order-present": "no",
        "reports": "yes",
    },
    "removal order, not sure when or whether present": {
        "stage": "order",
        "order-when": "unsure",
        "order-present": "unsure",
        "reports": "unsure",
    },
    "court, dismissal offered": {
        "stage": "court",
        "hearing-soon": "no",
        "dismissal": "yes",
        "reports": "no",
    },
    "released by ICE, no order": {"stage": "reporting", "has-order": "no"},
    "detained, not sure about an order": {"stage": "detained", "has-order": "unsure"},
}
REST = {
    "military": "no",
    "family-petition": "no",
    "humanitarian": "yes",
    "law-enforcement": "no",
    "record": "conviction",
}


@pytest.mark.parametrize("route", ROUTES.values(), ids=ROUTES.keys())
def test_new_routes_give_the_python_result_with_a_call_button_in_each_urgent_card(
    tab: Page, base_url: str, area, route
) -> None:
    answers = {**route, **REST}
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    complete_checker(tab, area, answers)
    assert shown_factors(tab) == summary_order(area, answers)
    urgent = tab.locator(".pd-result .pd-factor--urgent")
    assert urgent.count() >= 1
    for n in range(urgent.count()):
        assert urgent.nth(n).locator('a[href="tel:+13053735385"]').count() == 1, n
    # On a phone the first call button is on screen with the summary heading.
    call = tab.locator(".pd-result > .pd-cta__actions a[href^='tel:']")
    assert call.is_visible() and call.bounding_box()["y"] < 740
    text = tab.locator(".pd-result").inner_text().lower()
    assert "there is no appeal" not in text and "eligib" not in text


def test_the_answer_code_opens_the_same_summary_and_an_old_one_says_so(
    browser, base_url: str, area
) -> None:
    answers = {**ROUTES["removal order last week, missed the hearing, reporting"], **REST}
    context = browser.new_context(viewport={"width": 360, "height": 740})
    tab = context.new_page()
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    complete_checker(tab, area, answers)
    code = tab.locator(".pd-result [data-code]").inner_text()
    assert re.fullmatch(r"PD-[0-9A-Z]{4}-[0-9A-Z]{2}", code)
    assert code == answercode.Codec(area).encode(answers)
    listed = tab.locator(".pd-answers").inner_text()
    staff = context.new_page()
    staff.goto(base_url + CHECKER_PAGE + "#code=" + code)
    wait_ready(staff)
    expect(staff.locator(".pd-result")).to_be_visible()
    assert shown_factors(staff) == summary_order(area, answers)
    assert staff.locator(".pd-answers").inner_text() == listed
    assert not staff.locator("[data-code-message]").is_visible()
    old = code[:-2] + ("AA" if code[-2:] != "AA" else "BB")
    staff.goto(base_url + "es/" + CHECKER_PAGE + "#code=" + old)
    wait_ready(staff)
    message = staff.locator("[data-code-message]")
    expect(message).to_be_visible()
    assert "versión anterior" in message.inner_text()
    assert not staff.locator(".pd-result").is_visible()
    assert staff.locator('.pd-step[data-question="stage"]').is_visible()
    staff.goto(base_url + CHECKER_PAGE + "#code=PD-ZZZZ-" + code[-2:])
    wait_ready(staff)
    expect(staff.locator("[data-code-message]")).to_contain_text("not valid")
    context.close()


def test_the_phone_back_button_steps_back_through_the_questions(tab: Page, base_url, area):
    tab.goto(base_url)
    wait_ready(tab)
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    answers = PATHS["court, hearing soon, veteran"]
    ids = criteria.visible_questions(area, answers)
    for qid in ids[:3]:
        tab.check(f"#pd-prosecutorial-discretion-{qid}-{answers[qid]}")
        tab.click(".pd-nav [type=submit]")
    expect(tab.locator(f'.pd-step[data-question="{ids[3]}"]')).to_be_visible()
    # The history entry names the step only, never an answer.
    assert tab.evaluate("location.hash") == "#pd-step-4"
    for qid in reversed(ids[:3]):
        tab.go_back()
        expect(tab.locator(f'.pd-step[data-question="{qid}"]')).to_be_visible()
        assert tab.locator(f"#pd-prosecutorial-discretion-{qid}-{answers[qid]}").is_checked()
        assert answers[qid] not in tab.evaluate("location.href + JSON.stringify(history.state)")
    tab.go_back()
    tab.wait_for_url(base_url)


def test_an_empty_answer_shows_its_error_on_a_phone_screen(tab: Page, base_url: str) -> None:
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    tab.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    tab.click(".pd-nav [type=submit]")
    error = tab.locator('.pd-step[data-question="stage"] .pd-error')
    expect(error).to_be_visible()
    box = error.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 740, box


def test_the_step_number_and_total_are_in_the_questions_accessible_name(tab: Page, base_url):
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    group = tab.locator(".pd-form .pd-step:not([hidden]) fieldset")
    # Before the first answer the total is not known yet; then it is.
    expect(group).to_match_aria_snapshot("- group /^Question 1\\W+Where is/")
    tab.check("#pd-prosecutorial-discretion-stage-court")
    expect(group).to_match_aria_snapshot("- group /^Question 1 of 9\\W+Where is/")
    tab.click(".pd-nav [type=submit]")
    expect(group).to_match_aria_snapshot("- group /^Question 2 of 9\\W+Is your next/")


def test_each_option_box_is_44_px_tall_and_tappable_anywhere(tab: Page, base_url: str) -> None:
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    options = tab.locator('.pd-step[data-question="stage"] .pd-option')
    assert options.count() == 6
    for n in range(options.count()):
        box = options.nth(n).bounding_box()
        assert box["height"] >= 44, n
    options.nth(5).scroll_into_view_if_needed()
    last = options.nth(5).bounding_box()
    tab.mouse.click(last["x"] + last["width"] - 3, last["y"] + last["height"] - 3)
    assert tab.locator("#pd-prosecutorial-discretion-stage-unsure").is_checked()


def test_back_to_top_never_covers_the_question_or_the_summary_heading(tab: Page, base_url, area):
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    answers = PATHS["court, hearing soon, veteran"]

    def clear(selector: str) -> None:
        # Material shows the button while the reader scrolls up: measure it as if shown.
        top = tab.evaluate(
            "() => { const b = document.querySelector('.md-top'); b.hidden = false;"
            " const r = b.getBoundingClientRect(); b.hidden = true; return r.bottom; }"
        )
        heading = tab.locator(selector).bounding_box()
        assert heading["y"] >= top, (selector, heading, top)

    for qid in criteria.visible_questions(area, answers):
        tab.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        tab.check(f"#pd-prosecutorial-discretion-{qid}-{answers[qid]}")
        tab.click(".pd-nav [type=submit]")
        if tab.locator(".pd-form:not([hidden])").count():
            clear(".pd-step:not([hidden]) legend")
    clear(".pd-result h3")


def test_form_numbers_stay_on_one_line_on_a_phone(tab: Page, base_url: str) -> None:
    tab.goto(base_url + "es/" + CHECKER_PAGE)
    wait_ready(tab)
    kept = tab.eval_on_selector_all(
        '.pd-step[data-question="stage"] .pd-nw', "els => els.map(e => e.getClientRects().length)"
    )
    assert kept and set(kept) == {1}
    assert "EE.\u00a0UU." in tab.locator("#pd-factors-prosecutorial-discretion").text_content()


def test_the_printout_starts_with_the_firm_and_date_and_keeps_answers_and_documents(
    browser, base_url: str, area
) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    tab = context.new_page()
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    complete_checker(tab, area, {**ROUTES["court, dismissal offered"], **REST})
    tab.emulate_media(media="print")
    head = tab.locator(".pd-print-head")
    assert head.is_visible()
    assert "Sánchez-Roig" in head.inner_text() and "305" in head.inner_text()
    assert re.search(r"\d{4}", head.inner_text()), "the date it was printed"
    first = tab.evaluate(
        "() => [...document.querySelectorAll('.pd-result *')].find(e => e.checkVisibility()"
        " && e.getBoundingClientRect().height > 0).closest('.pd-print-head') !== null"
    )
    assert first, "the printout starts with the firm"
    assert tab.locator(".pd-answers").is_visible()
    assert tab.locator(".pd-result [data-factor] li").first.is_visible()
    for gone in (".pd-keep", ".pd-result .pd-refs", ".pd-actions", ".pd-result .pd-call"):
        assert not tab.locator(gone).first.is_visible(), gone
    context.close()
