"""The self-check in Chromium: keyboard only, same answers as Python, no stale state."""

from __future__ import annotations

import copy
import json
import re

import answercode
import pytest
import yaml
from playwright.sync_api import Page, expect

import criteria
import facts
from browserkit import (
    CHECKER_PAGE,
    PHONE,
    Watch,
    answer_box,
    complete_checker,
    run_axe,
    shot,
    summary_order,
    wait_ready,
)
from helpers import FIRM, ROOT, TEL

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


def answer_by_keyboard(page: Page, area: criteria.Criteria, answers: dict, asked=None) -> None:
    """Answer each visible question (or those `asked`) with Tab, arrows and Space, then Enter
    on Next; then Enter on "Check your answers"."""
    questions = {q["id"]: q for q in area.questions}
    for qid in asked or criteria.visible_questions(area, answers):
        step = page.locator(f'.pd-step[data-question="{qid}"]')
        assert step.is_visible(), f"question {qid} should be on screen"
        options = [o["id"] for o in questions[qid]["options"]]
        if questions[qid].get("multiple"):
            # Each box is a tab stop: Space ticks the ones wanted.
            press_until(page, "Tab", lambda i: i["type"] == "checkbox" and i["inChecker"])
            for n, option in enumerate(options):
                if option in answers[qid]:
                    page.keyboard.press("Space")
                if n < len(options) - 1:
                    page.keyboard.press("Tab")
            assert sorted(
                step.locator("input:checked").evaluate_all("els => els.map(e => e.value)")
            ) == sorted(answers[qid])
            press_until(page, "Tab", lambda i: i["submit"])
            page.keyboard.press("Enter")
            continue
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
    assert page.locator(".pd-review").is_visible(), '"Check your answers" comes first'
    assert active(page)["tag"] == "h3", "focus moves to its heading"
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
        "time-here": "over-2",
        "status": ("daca",),
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
        "status": ("asylum",),
        "military": "self",
        "family-petition": "approved",
        "humanitarian": "yes",
        "law-enforcement": "yes",
        "record": "conviction",
        "criminal-open": "closed",
    },
    "unsure everywhere": {
        "stage": "unsure",
        "time-here": "unsure",
        "status": ("unsure",),
        "military": "unsure",
        "family-petition": "unsure",
        "humanitarian": "unsure",
        "law-enforcement": "unsure",
        "record": "unsure",
        "criminal-open": "unsure",
    },
    "detained with an arrest": {
        "stage": "detained",
        "who": "other",
        "has-order": "yes",
        "order-when": "recent",
        "order-present": "no",
        "status": ("parole-ended", "i-220a"),
        "military": "relative",
        "family-petition": "pending",
        "humanitarian": "no",
        "law-enforcement": "no",
        "record": "arrest",
        "criminal-open": "open",
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
    # "Change my answers" opens "Check your answers"; its first Change link the first question.
    assert tab.locator(".pd-review").is_visible() and active(tab)["tag"] == "h3"
    press_until(tab, "Tab", lambda i: i["tag"] == "a" and i["inChecker"])
    tab.keyboard.press("Enter")
    assert tab.locator('.pd-step[data-question="stage"]').is_visible()
    assert active(tab)["tag"] == "fieldset"
    assert tab.locator(answer_box("stage", "none")).is_checked(), "answers are kept"
    changed = {
        **answers,
        "stage": "court",
        "hearing-soon": "no",
        "dismissal": "no",
        "reports": "no",
    }
    # The questions the change opens are asked; then it goes back to "Check your answers".
    new = [q for q in criteria.visible_questions(area, changed) if q not in answers]
    answer_by_keyboard(tab, area, changed, asked=["stage", *new])
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


def after_none(area: criteria.Criteria) -> str:
    """The question asked after "I have never received papers" (read from the file)."""
    return criteria.visible_questions(area, {"stage": "none"})[1]


def test_back_returns_to_the_previous_question(tab: Page, base_url: str, area) -> None:
    open_checker(tab, base_url)
    tab.check(answer_box("stage", "court"))
    tab.click(".pd-nav [type=submit]")
    assert tab.locator('.pd-step[data-question="hearing-soon"]').is_visible()
    tab.click('[data-action="back"]')
    expect(tab.locator('.pd-step[data-question="stage"]')).to_be_visible()
    tab.check(answer_box("stage", "none"))
    tab.click(".pd-nav [type=submit]")
    assert tab.locator(f'.pd-step[data-question="{after_none(area)}"]').is_visible(), (
        "hearing question skipped"
    )


def as_json(value):
    """Python's answers (tuples for multiple questions) as the browser sees them."""
    return json.loads(json.dumps(value))


def typos_and_swaps(code: str) -> list[str]:
    """Every one-character typo and every swap of two different neighbours of `code`."""
    text = code.removeprefix("PD-").replace("-", "")
    alphabet = answercode.ALPHABET
    typos = [text[:n] + c + text[n + 1 :] for n in range(len(text)) for c in alphabet]
    swaps = [text[:n] + text[n + 1] + text[n] + text[n + 2 :] for n in range(len(text) - 1)]
    return [t for t in typos + swaps if t != text]


def test_javascript_and_python_agree_on_every_answer_path(tab: Page, base_url: str, area) -> None:
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    # Every path while they can be listed, else every answer on every route plus a sample.
    paths = criteria.agreement_paths(area)
    # Also feed stale answers to questions that are hidden: both sides must ignore them.
    first = {q["id"]: criteria.choices(q)[0] for q in area.questions}
    noisy = [{**first, **p} for p in paths]
    cases = as_json(paths + noisy)
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
    assert len(js) == len(cases) == 2 * len(paths)
    for answers, (js_factors, js_visible, code, decoded) in zip(paths + noisy, js, strict=True):
        assert js_factors == criteria.evaluate(area, answers), answers
        assert js_visible == criteria.visible_questions(area, answers), answers
        assert code == codec.encode(answers), answers
        assert decoded == as_json(codec.decode(code)), code
    # Codes that are not right: both sides refuse them the same way, typos and swaps of
    # a spread of codes included, and version 1 codes.
    version = rules["code"]["version"]
    bad = ["", "PD-", "%", "PD-%ZZ", "<b>x</b>", "A" * 300, "PD-!!!!-AA", "PD-07K3-M2"]
    bad += [f"pd 0o1l {version.lower()}", f"PD-ZZZZZ-{version}0"]
    for answers in paths[:: max(1, len(paths) // 50)]:
        bad += typos_and_swaps(codec.encode(answers))
    js_bad = tab.evaluate(
        """async ([url, rules, codes]) => {
            const m = await import(url);
            return codes.map(c => m.decode(rules, c));
        }""",
        [base_url + "assets/checker.js", rules, bad],
    )
    for code, decoded in zip(bad, js_bad, strict=True):
        assert decoded == as_json(codec.decode(code)), code
        assert decoded[0] != "ok", code


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
    tab.wait_for_url(re.compile(r".*/self-check/(#.*)?$"))
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
    tab.check(answer_box("stage", "none"))
    tab.click(".pd-nav [type=submit]")
    assert tab.locator(f'.pd-step[data-question="{after_none(area)}"]').is_visible()


def test_every_step_and_result_fit_a_phone_without_sideways_scrolling(tab: Page, base_url, area):
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    answers = PATHS["court, hearing soon, veteran"]
    for n, qid in enumerate(criteria.visible_questions(area, answers), start=1):
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        tab.locator(f'.pd-step[data-question="{qid}"]').screenshot(
            path=str(ROOT / "artifacts" / "screenshots" / f"checker-step-{n}-phone.png")
        )
        for option in ticked(answers[qid]):
            tab.check(answer_box(qid, option))
        tab.click(".pd-nav [type=submit]")
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_zoom_200_percent_keeps_the_checker_usable(browser, base_url: str, area) -> None:
    # 200 % zoom on a 720 px window lays out like a 360 px one at twice the size.
    context = browser.new_context(viewport={"width": 640, "height": 800}, device_scale_factor=2)
    tab = context.new_page()
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    tab.evaluate("document.body.style.zoom = '200%'")
    assert tab.locator('.pd-step[data-question="stage"] legend').is_visible()
    tab.check(answer_box("stage", "none"))
    tab.click(".pd-nav [type=submit]")
    assert tab.locator(f'.pd-step[data-question="{after_none(area)}"]').is_visible()
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
# Self-check v3: status, time here, open criminal cases and pleas, answering for someone else,
# a hearing within 7 days (each route names the cards it is for).
ROUTES |= {
    "detained, a relative answers (find-detained-person)": {
        "stage": "detained",
        "who": "other",
        "has-order": "no",
    },
    "court, hearing within 7 days (hearing-this-week)": {
        "stage": "court",
        "hearing-soon": "week",
        "dismissal": "no",
        "reports": "no",
    },
    "no papers, plea offered (before-a-plea)": {
        "stage": "none",
        "time-here": "under-2",
        "record": "arrest",
        "criminal-open": "plea",
    },
    "TPS ended, no papers (status-ended, keep-proof-of-time)": {
        "stage": "none",
        "time-here": "over-2",
        "status": ("tps-ended",),
    },
    "reporting, parole ended and I-220A (i-220a)": {
        "stage": "reporting",
        "has-order": "no",
        "time-here": "under-2",
        "status": ("parole-ended", "i-220a"),
    },
    "DACA renewal pending (keep-uscis-appointments)": {
        "stage": "none",
        "time-here": "over-2",
        "status": ("daca",),
    },
    "asylum pending, dismissal offered (asylum-dismissal)": {
        "stage": "court",
        "hearing-soon": "no",
        "dismissal": "yes",
        "reports": "no",
        "status": ("asylum",),
    },
    "TPS now, green card pending (status-may-end)": {
        "stage": "reporting",
        "has-order": "no",
        "time-here": "over-2",
        "status": ("tps-now", "uscis-pending"),
    },
    "not sure of anything (find-out-status)": {
        "stage": "unsure",
        "time-here": "unsure",
        "status": ("unsure",),
    },
}
REST = {
    "who": "self",
    "time-here": "over-2",
    "status": ("none",),
    "military": "no",
    "family-petition": "no",
    "humanitarian": "yes",
    "law-enforcement": "no",
    "record": "conviction",
    "criminal-open": "closed",
}


@pytest.mark.parametrize("route", ROUTES.values(), ids=ROUTES.keys())
def test_new_routes_give_the_python_result_with_a_call_button_in_each_urgent_card(
    tab: Page, base_url: str, area, route
) -> None:
    answers = {**REST, **route}
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    complete_checker(tab, area, answers)
    assert shown_factors(tab) == summary_order(area, answers)
    urgent = tab.locator(".pd-result .pd-factor--urgent")
    assert urgent.count() >= 1
    for n in range(urgent.count()):
        assert urgent.nth(n).locator(f'a[href="{TEL}"]').count() == 1, n
    # On a phone the first urgent card's heading is on the first screen of the summary.
    heading = urgent.first.locator("h5").bounding_box()
    assert heading["y"] >= 0 and heading["y"] + heading["height"] <= 740, heading
    text = tab.locator(".pd-result").inner_text().lower()
    assert "there is no appeal" not in text and "eligib" not in text


def test_the_phone_back_button_steps_back_through_the_questions(tab: Page, base_url, area):
    tab.goto(base_url)
    wait_ready(tab)
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    answers = PATHS["court, hearing soon, veteran"]
    ids = criteria.visible_questions(area, answers)
    for qid in ids[:3]:
        tab.check(answer_box(qid, answers[qid]))
        tab.click(".pd-nav [type=submit]")
    expect(tab.locator(f'.pd-step[data-question="{ids[3]}"]')).to_be_visible()
    # The history entry names the step only, never an answer.
    assert tab.evaluate("location.hash") == "#pd-step-4"
    for qid in reversed(ids[:3]):
        tab.go_back()
        expect(tab.locator(f'.pd-step[data-question="{qid}"]')).to_be_visible()
        assert tab.locator(answer_box(qid, answers[qid])).is_checked()
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


def test_the_step_number_and_total_are_in_the_questions_accessible_name(tab: Page, base_url, area):
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    group = tab.locator(".pd-form .pd-step:not([hidden]) fieldset")
    # The words and the first question as data/ui.yml and the criteria file give them.
    question, of = UI["en"]["question"], UI["en"]["of"]
    first = re.match(r"\w+ \w+", area.questions[0]["text"]["en"])[0]
    # The total is known once every question that decides what else is asked is answered:
    # not before the first answer, and then as soon as the last of them is ticked.
    expect(group).to_match_aria_snapshot(f"- group /^{question} 1\\W+{first}/")
    answers = {**REST, **ROUTES["court, dismissal offered"], "record": "none"}
    asked = criteria.visible_questions(area, answers)
    gates = set(area.client_rules()["gates"])
    last_gate = max(n for n, qid in enumerate(asked) if qid in gates)
    for n, qid in enumerate(asked[: last_gate + 1], start=1):
        for option in ticked(answers[qid]):
            tab.check(answer_box(qid, option))
        if n <= last_gate:
            tab.click(".pd-nav [type=submit]")
    expect(group).to_match_aria_snapshot(
        f"- group /^{question} {last_gate + 1} {of} {len(asked)}\\W/"
    )


def test_each_option_box_is_44_px_tall_and_tappable_anywhere(
    tab: Page, base_url: str, area
) -> None:
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    options = tab.locator('.pd-step[data-question="stage"] .pd-option')
    stage = next(q for q in area.questions if q["id"] == "stage")
    assert options.count() == len(stage["options"])
    for n in range(options.count()):
        box = options.nth(n).bounding_box()
        assert box["height"] >= 44, n
    options.nth(5).scroll_into_view_if_needed()
    last = options.nth(5).bounding_box()
    tab.mouse.click(last["x"] + last["width"] - 3, last["y"] + last["height"] - 3)
    assert tab.locator(answer_box("stage", "unsure")).is_checked()


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
        for option in ticked(answers[qid]):
            tab.check(answer_box(qid, option))
        tab.click(".pd-nav [type=submit]")
        if tab.locator(".pd-step:not([hidden])").count():
            clear(".pd-step:not([hidden]) legend")
    clear(".pd-review h3")
    tab.click(".pd-nav [type=submit]")
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
    assert FIRM["name"] in head.inner_text() and FIRM["phone"] in head.inner_text()
    assert re.search(r"\d{4}", head.inner_text()), "the date it was printed"
    first = tab.evaluate(
        "() => [...document.querySelectorAll('.pd-result *')].find(e => e.checkVisibility()"
        " && e.getBoundingClientRect().height > 0).closest('.pd-print-head') !== null"
    )
    assert first, "the printout starts with the firm"
    assert tab.locator(".pd-result .pd-answers").is_visible()
    assert tab.locator(".pd-result [data-factor] li").first.is_visible()
    for gone in (".pd-keep", ".pd-result .pd-refs", ".pd-actions", ".pd-result .pd-call"):
        assert not tab.locator(gone).first.is_visible(), gone
    context.close()


# --- Self-check v3: check your answers, codes that catch typos, a summary that travels ------

UI = yaml.safe_load((ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))


def words(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def urgent_paths(area: criteria.Criteria) -> list[dict]:
    """Answer paths whose summaries start with different urgent cards (read from the file)."""
    urgent = {f["id"] for f in area.factors if f["kind"] == "urgent"}
    found: dict[str, dict] = {}
    for answers in criteria.covering_paths(area, sample=200):
        order = summary_order(area, answers)
        if order and order[0] in urgent:
            found.setdefault(order[0], answers)
    return list(found.values())


def longest_path(area: criteria.Criteria) -> dict:
    """A path that asks as many questions as any (multiple questions with several boxes)."""
    paths = criteria.covering_paths(area, sample=50)
    return max(paths, key=lambda p: (len(p), sum(len(a) for a in p.values() if type(a) is tuple)))


def ticked(answer) -> list[str]:
    return [answer] if isinstance(answer, str) else list(answer)


def to_review(tab: Page, area: criteria.Criteria, answers: dict) -> None:
    for qid in criteria.visible_questions(area, answers):
        for option in ticked(answers[qid]):
            tab.check(answer_box(qid, option))
        tab.click(".pd-nav [type=submit]")
    expect(tab.locator(".pd-review")).to_be_visible()


def first_step(tab: Page, area: criteria.Criteria):
    return tab.locator(f'.pd-step[data-question="{area.questions[0]["id"]}"]')


def test_check_your_answers_lists_each_answer_and_each_change_link_returns_to_it(
    tab: Page, base_url: str, area
) -> None:
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    answers = longest_path(area)
    to_review(tab, area, answers)
    assert active(tab)["tag"] == "h3"
    asked = criteria.visible_questions(area, answers)
    questions = {q["id"]: q for q in area.questions}
    rows = tab.locator(".pd-review .pd-answers > div")
    assert rows.count() == len(asked)
    for n, qid in enumerate(asked):
        row = rows.nth(n)
        assert words(row.locator("dt").inner_text()) == words(questions[qid]["text"]["en"])
        texts = {o["id"]: o["text"]["en"] for o in questions[qid]["options"]}
        spans = row.locator("dd span:not(.pd-vh)").all_inner_texts()
        assert [words(t) for t in spans] == [words(texts[o]) for o in ticked(answers[qid])]
    for n, qid in enumerate(asked):
        link = rows.nth(n).locator("a")
        assert words(link.inner_text()).startswith(UI["en"]["change_link"])
        link.click()
        step = tab.locator(f'.pd-step[data-question="{qid}"]')
        expect(step).to_be_visible()
        assert active(tab)["tag"] == "fieldset"
        assert tab.evaluate("location.hash") == f"#pd-step-{n + 1}"
        for option in ticked(answers[qid]):
            assert step.locator(f'input[value="{option}"]').is_checked(), "the answer is kept"
        # Next, with every question still answered, goes straight back to the list.
        tab.click(".pd-nav [type=submit]")
        expect(tab.locator(".pd-review")).to_be_visible()
    tab.click(".pd-nav [type=submit]")
    expect(tab.locator(".pd-result")).to_be_visible()
    assert shown_factors(tab) == summary_order(area, answers)


@pytest.mark.parametrize("lang", ["", "es/"])
def test_the_first_urgent_heading_is_on_the_first_phone_screen_of_the_summary(
    tab: Page, base_url: str, area, lang: str
) -> None:
    paths = urgent_paths(area)
    assert paths, "some answers lead to an urgent card"
    for answers in paths[:3]:
        tab.goto(base_url + lang + CHECKER_PAGE)
        wait_ready(tab)
        complete_checker(tab, area, answers)
        result = tab.locator(".pd-result")
        heading = result.locator(".pd-factor--urgent h5").first.bounding_box()
        header = tab.locator(".md-header").bounding_box()
        assert heading["y"] >= header["y"] + header["height"] - 1, heading
        assert heading["y"] + heading["height"] <= tab.viewport_size["height"], heading
        # Between the summary's heading and the first card: one line of disclaimer at most.
        lead = result.locator(".pd-lead")
        line = tab.evaluate(
            "el => parseFloat(getComputedStyle(el).lineHeight)", lead.element_handle()
        )
        assert lead.bounding_box()["height"] < 1.5 * line
        # The answer code, the keep-this note and the print button come after the cards.
        for lower in (".pd-code", ".pd-keep", '[data-action="print"]'):
            assert result.locator(lower).bounding_box()["y"] > heading["y"], lower


def open_code(context, base_url: str, code: str, lang: str = "") -> tuple[Page, list[str]]:
    """A new tab opened at the self-check with `code` in the fragment, and its errors."""
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
    tab.goto(base_url + lang + CHECKER_PAGE + "#code=" + code)
    wait_ready(tab)
    return tab, errors


def assert_refused_and_usable(tab: Page, area, message: str) -> None:
    notice = tab.locator("[data-code-message]")
    expect(notice).to_be_visible()
    assert words(notice.inner_text()) == words(message)
    assert not tab.locator(".pd-result").is_visible()
    first = area.questions[0]
    expect(first_step(tab, area)).to_be_visible()
    tab.check(answer_box(first["id"], first["options"][0]["id"]))
    tab.click(".pd-nav [type=submit]")
    expect(first_step(tab, area)).to_be_hidden()


def open_first_urgent_summary(tab: Page, base_url: str, area) -> tuple[dict, str]:
    """Answer the first urgent path on the English self-check; its answers and answer code."""
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    answers = urgent_paths(area)[0]
    complete_checker(tab, area, answers)
    return answers, tab.locator(".pd-result [data-code]").inner_text()


def test_an_answer_code_opens_its_summary_scrolled_to_and_focused(
    context, base_url: str, area
) -> None:
    tab = context.new_page()
    answers, code = open_first_urgent_summary(tab, base_url, area)
    digits = answercode.Codec(area).digits
    assert re.fullmatch(
        rf"PD-[{answercode.ALPHABET}]{{{digits}}}-[{answercode.ALPHABET}]{{3}}", code
    )
    assert code == answercode.Codec(area).encode(answers)
    listed = tab.locator(".pd-result .pd-answers").inner_text()
    staff, errors = open_code(context, base_url, code)
    expect(staff.locator(".pd-result")).to_be_visible()
    assert shown_factors(staff) == summary_order(area, answers)
    assert staff.locator(".pd-result .pd-answers").inner_text() == listed
    assert not staff.locator("[data-code-message]").is_visible()
    assert staff.evaluate("document.activeElement.matches('.pd-result h3')")
    box = staff.locator(".pd-result h3").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= staff.viewport_size["height"], box
    assert staff.evaluate("scrollY") > 0
    assert not errors


def test_typos_and_swaps_in_a_code_say_check_the_code(context, base_url: str, area) -> None:
    code = answercode.Codec(area).encode(urgent_paths(area)[0])
    text = code.removeprefix("PD-").replace("-", "")
    alphabet = answercode.ALPHABET
    wrong = [
        text[:1] + alphabet[(alphabet.index(text[1]) + 1) % 32] + text[2:],  # a digit
        text[:-1] + alphabet[(alphabet.index(text[-1]) + 7) % 32],  # the check character
        text[:-3] + alphabet[(alphabet.index(text[-3]) + 1) % 32] + text[-2:],  # the version
    ]
    swaps = [n for n in range(len(text) - 1) if text[n] != text[n + 1]]
    for n in (swaps[0], swaps[-1]):
        wrong.append(text[:n] + text[n + 1] + text[n] + text[n + 2 :])
    for typo in wrong:
        tab, errors = open_code(context, base_url, "PD-" + typo)
        assert_refused_and_usable(tab, area, UI["en"]["code_invalid"])
        assert not errors, typo
        tab.close()


MALFORMED = {
    "percent": "%",
    "bad escape": "PD-%ZZ",
    "markup": "<img src=x onerror=alert(1)>",
    "300 characters": "A" * 300,
    "empty": "",
}


@pytest.mark.parametrize("fragment", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_fragment_says_the_code_is_not_valid_and_throws_nothing(
    context, base_url: str, area, fragment: str
) -> None:
    tab, errors = open_code(context, base_url, fragment)
    assert_refused_and_usable(tab, area, UI["en"]["code_invalid"])
    assert tab.locator("img[src=x]").count() == 0
    assert not errors


def test_old_codes_say_they_are_from_an_older_version(context, base_url: str, area) -> None:
    answers = urgent_paths(area)[0]
    changed = copy.deepcopy(area.data)
    changed["questions"][-1]["options"].append({"id": "new", "text": {"en": "New"}})
    older = answercode.Codec(criteria.Criteria(area.file, changed)).encode(answers)
    version_1 = "PD-07K3-M2"
    for code, lang in ((older, ""), (version_1, "es/")):
        tab, errors = open_code(context, base_url, code, lang)
        assert_refused_and_usable(tab, area, UI[lang.strip("/") or "en"]["code_old"])
        assert not errors


@pytest.mark.parametrize(
    "fragment", ["#pd-step-0", "#pd-step-999", "#pd-step-99999999999999999999"]
)
def test_a_step_number_out_of_range_goes_to_the_first_question(
    tab: Page, base_url: str, area, fragment: str
) -> None:
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(base_url + CHECKER_PAGE + fragment)
    wait_ready(tab)
    expect(first_step(tab, area)).to_be_visible()
    # With every answer given, too: Back or a pasted address never lands nowhere.
    complete_checker(tab, area, urgent_paths(area)[0])
    tab.evaluate(
        "f => { history.pushState({}, '', f); dispatchEvent(new PopStateEvent('popstate')); }",
        fragment,
    )
    expect(first_step(tab, area)).to_be_visible()
    assert not tab.locator(".pd-result").is_visible() and not errors


def switch_language(tab: Page, lang: str) -> None:
    tab.hover(".md-header .md-select")
    tab.click(f'.md-header .md-select a[hreflang="{lang}"]')


def test_switching_language_keeps_the_summary_and_says_when_it_restarts(
    browser, base_url: str, area
) -> None:
    context = browser.new_context(viewport=PHONE)
    watch = Watch(base_url)
    watch.attach(context)
    tab = context.new_page()
    answers, code = open_first_urgent_summary(tab, base_url, area)
    switch_language(tab, "es")
    tab.wait_for_url(base_url + "es/" + CHECKER_PAGE + "#code=" + code)
    wait_ready(tab)
    assert tab.evaluate("document.documentElement.lang") == "es"
    expect(tab.locator(".pd-result")).to_be_visible()
    assert shown_factors(tab) == summary_order(area, answers)
    assert tab.locator(".pd-result [data-code]").inner_text() == code
    assert not tab.locator("[data-code-message]").is_visible()
    # Half-way through, the other language starts again and says so.
    tab.click('[data-action="restart"]')
    first = area.questions[0]
    tab.check(answer_box(first["id"], first["options"][0]["id"]))
    switch_language(tab, "en")
    tab.wait_for_url(base_url + CHECKER_PAGE + "#pd-restarted")
    wait_ready(tab)
    notice = tab.locator("[data-code-message]")
    expect(notice).to_be_visible()
    assert words(notice.inner_text()) == words(UI["en"]["restarted"])
    expect(first_step(tab, area)).to_be_visible()
    assert tab.locator(".pd-checker input:checked").count() == 0
    stored = tab.evaluate("() => [localStorage.length, sessionStorage.length, document.cookie]")
    assert stored == [0, 0, ""] and not watch.foreign and not watch.errors
    context.close()


TARGETS = (
    ".pd-checker :is(button, .pd-option, details > summary, .pd-answers a, .pd-refs a, a.md-button)"
)


def small_targets(tab: Page) -> list[str]:
    return tab.evaluate(
        """sel => [...document.querySelectorAll(sel)].filter(e => e.checkVisibility())
            .map(e => [e.outerHTML.slice(0, 90), e.getBoundingClientRect()])
            .filter(([, r]) => r.width < 44 || r.height < 44)
            .map(([html, r]) => html + ' ' + r.width + 'x' + r.height)""",
        TARGETS,
    )


def test_every_control_of_the_self_check_is_at_least_44_px(tab: Page, base_url: str, area) -> None:
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    answers = longest_path(area)
    asked = criteria.visible_questions(area, answers)
    questions = {q["id"]: q for q in area.questions}
    seen = 0
    for qid in asked:
        step = tab.locator(f'.pd-step[data-question="{qid}"]')
        expect(step).to_be_visible()
        if questions[qid].get("why"):
            step.locator("details > summary").click()  # open, then measure its text too
        assert not small_targets(tab), qid
        seen += tab.locator(".pd-step:not([hidden]) .pd-option").count()
        for option in ticked(answers[qid]):
            tab.check(answer_box(qid, option))
        tab.click(".pd-nav [type=submit]")
    assert seen
    expect(tab.locator(".pd-review")).to_be_visible()
    assert tab.locator(".pd-review .pd-answers a").count() == len(asked)
    assert not small_targets(tab)
    tab.click(".pd-nav [type=submit]")
    expect(tab.locator(".pd-result")).to_be_visible()
    assert tab.locator(".pd-result .pd-refs a").count() > 0
    assert not small_targets(tab)


def test_axe_finds_nothing_in_any_state_of_the_self_check(browser, base_url: str, area) -> None:
    context = browser.new_context(viewport=PHONE)
    tab = context.new_page()
    found: dict[str, list[str]] = {}
    answers = urgent_paths(area)[0]
    for lang in ("", "es/"):
        tab.goto(base_url + lang + CHECKER_PAGE)
        wait_ready(tab)
        found[f"{lang} question"] = run_axe(tab)
        to_review(tab, area, answers)
        found[f"{lang} check your answers"] = run_axe(tab)
        tab.click(".pd-nav [type=submit]")
        expect(tab.locator(".pd-result")).to_be_visible()
        found[f"{lang} summary"] = run_axe(tab)
        tab.goto(base_url + lang + CHECKER_PAGE + "#code=%")
        tab.reload()
        wait_ready(tab)
        expect(tab.locator("[data-code-message]")).to_be_visible()
        found[f"{lang} invalid code"] = run_axe(tab)
    context.close()
    assert not [f"{where}: {v}" for where, problems in found.items() for v in problems]


def test_an_exclusive_box_clears_the_others_and_at_least_one_box_is_needed(
    tab: Page, base_url: str, area
) -> None:
    boxes = next(
        (
            q
            for q in area.questions
            if q.get("multiple") and any(o.get("exclusive") for o in q["options"])
        ),
        None,
    )
    if boxes is None:
        pytest.skip("the criteria file has no multiple question with an exclusive box yet")
    path = next(p for p in criteria.covering_paths(area, sample=0) if boxes["id"] in p)
    asked = criteria.visible_questions(area, path)
    tab.goto(base_url + CHECKER_PAGE)
    wait_ready(tab)
    for qid in asked[: asked.index(boxes["id"])]:
        for option in ticked(path[qid]):
            tab.check(answer_box(qid, option))
        tab.click(".pd-nav [type=submit]")
    step = tab.locator(f'.pd-step[data-question="{boxes["id"]}"]')
    expect(step).to_be_visible()
    tab.click(".pd-nav [type=submit]")
    error = step.locator(".pd-error")
    expect(error).to_be_visible()
    assert words(error.inner_text()) == words(UI["en"]["choose_many"])
    free = [o["id"] for o in boxes["options"] if not o.get("exclusive")]
    alone = next(o["id"] for o in boxes["options"] if o.get("exclusive"))

    def box(option: str):
        return tab.locator(answer_box(boxes["id"], option))

    for option in free[:2]:
        box(option).check()
    assert [box(o).is_checked() for o in free[:2]] == [True] * len(free[:2])
    box(alone).check()
    assert step.locator("input:checked").count() == 1 and box(alone).is_checked()
    box(free[0]).check()
    assert not box(alone).is_checked() and step.locator("input:checked").count() == 1
    tab.click(".pd-nav [type=submit]")
    expect(step).to_be_hidden()


HOSTILE = {
    # The page as built: the self-check runs (the control for the two below).
    "as built": None,
    # The rules are not JSON: the no-JavaScript fallback stays, nothing throws.
    "broken rules": lambda html: html.replace("data-rules='{", "data-rules='{{", 1),
    # A second element that claims to be a checker: neither runs.
    "a second checker": lambda html: html.replace(
        '<div class="pd-checker"',
        '<div data-criteria-checker hidden></div><div class="pd-checker"',
        1,
    ),
}


@pytest.mark.parametrize("change", HOSTILE.values(), ids=HOSTILE.keys())
def test_the_self_check_runs_only_on_the_builds_own_element(context, base_url: str, change):
    def route(route) -> None:
        response = route.fetch()
        html = response.text()
        changed = change(html)
        assert changed != html, "the page's markup changed: update this test's edit"
        route.fulfill(response=response, body=changed)

    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    if change:
        tab.route(base_url + CHECKER_PAGE, route)
    tab.goto(base_url + CHECKER_PAGE)
    tab.wait_for_load_state("load")
    tab.wait_for_function("() => typeof window.component$ !== 'undefined'")
    # The checker script has run: its module is evaluated by now (checked on the control).
    tab.wait_for_function("url => import(url).then(() => true)", arg=base_url + "assets/checker.js")
    mounted = tab.locator("[data-criteria-checker][data-ready]").count()
    assert mounted == (0 if change else 1)
    assert tab.locator("[data-checker-fallback]").is_visible() == bool(change)
    assert tab.locator(".pd-checker").is_visible() == (not change)
    assert not errors
