"""The first five seconds on a phone: the home page says who it is from and offers the
self-check and a call without scrolling, and the header's site name is whole."""

from __future__ import annotations

import pytest
import yaml
from playwright.sync_api import Browser

from browserkit import ARTIFACTS, CHECKER_PAGE, DESKTOP, PHONE, wait_ready
from helpers import FIRM, LANGUAGES, ROOT, TEL, lang_of, prefix

UI = yaml.safe_load((ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))
HOMES = [prefix(lang) for lang in LANGUAGES]
CALLS = {
    prefix(lang): UI[lang]["call_label"].format(name=FIRM["name"], phone=FIRM["phone"])
    for lang in LANGUAGES
}
# The header's site name as each screen shows it: whole, never cut with an ellipsis.
SITE_NAME = """() => [...document.querySelectorAll('.md-header__topic:first-child > *')]
    .filter(el => el.getClientRects().length)
    .map(el => ({text: el.textContent.trim(), scroll: el.scrollWidth, client: el.clientWidth,
                 box: el.parentElement.clientWidth}))"""


def in_first_screen(page, locator) -> bool:
    """The element is visible and lies wholly inside the viewport, with no scrolling."""
    box = locator.bounding_box()
    size = page.viewport_size
    return (
        locator.is_visible()
        and box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= size["height"]
        and box["x"] + box["width"] <= size["width"]
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["360", "1280"])
@pytest.mark.parametrize("home", HOMES, ids=LANGUAGES)
def test_home_first_screen_shows_firm_self_check_and_call(
    browser: Browser, base_url, home, size, scheme
):
    context = browser.new_context(viewport=size, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + home)
    wait_ready(page)
    article = page.locator("article")
    firm = article.locator(".pd-home__firm strong", has_text=FIRM["name"])
    check = article.locator(f'a[href="{base_url}{home}self-check/"]').first
    call = article.locator(f'.pd-home a[href="{TEL}"]')
    for name, element in (("firm's name", firm), ("self-check link", check), ("call link", call)):
        assert in_first_screen(page, element), (
            f"/{home} [{scheme}]: the {name} is not in the first screen"
        )
    header_call = page.locator(f'header a[href="{TEL}"]')
    assert in_first_screen(page, header_call)
    assert header_call.get_attribute("aria-label") == CALLS[home]
    (name,) = page.evaluate(SITE_NAME)
    assert name["scroll"] <= name["client"] and name["client"] <= name["box"], name
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=str(folder / f"first-screen-{home.strip('/') or 'en'}-{size['width']}-{scheme}.png")
    )
    context.close()


@pytest.mark.parametrize("width", [360, 600, 720, 1024, DESKTOP["width"]])
@pytest.mark.parametrize("url", [*HOMES, "es/self-check/", "ht/special-consideration/"])
def test_the_header_shows_a_whole_site_name_at_every_width(browser: Browser, base_url, url, width):
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    page.goto(base_url + url)
    wait_ready(page)
    (name,) = page.evaluate(SITE_NAME)
    assert name["scroll"] <= name["client"] <= name["box"], f"/{url} at {width}px: {name}"
    full = page.evaluate(
        "document.querySelector('.md-header__topic .md-ellipsis').textContent.trim()"
    )
    assert name["text"] == (full if width > 719 else UI[lang_of(url)]["site_short_name"])
    call = page.locator(f'header a[href="{TEL}"]')
    assert call.is_visible(), f"/{url} at {width}px: no call link in the header"
    context.close()


# The page title in the header once the page's own heading has scrolled away (Material's second
# topic), and the "Back to top" button.
PAGE_TITLE = """() => {
    const topic = document.querySelector('[data-md-component=header-topic]');
    const shown = [...topic.children].filter(el => el.getClientRects().length);
    const header = document.querySelector('.md-header').getBoundingClientRect();
    return {shown: shown.map(el => ({text: el.textContent.trim(), scroll: el.scrollWidth,
                                     client: el.clientWidth, height: el.scrollHeight})),
            box: topic.clientWidth, header: header.height};
}"""
# How "Back to top" would look once Material shows it (it removes `hidden` on the way up).
BACK_TO_TOP = """() => {
    const top = document.querySelector('.md-top');
    top.hidden = false;
    return getComputedStyle(top).display;
}"""


@pytest.mark.parametrize("lang", HOMES, ids=LANGUAGES)
def test_the_self_check_page_fits_its_short_title_and_keeps_back_to_top_away(
    browser: Browser, base_url, lang
):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{base_url}{lang}{CHECKER_PAGE}")
    wait_ready(page)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    page.wait_for_selector(".md-header__title--active", state="attached")
    found = page.evaluate(PAGE_TITLE)
    source = ROOT / "docs" / (CHECKER_PAGE.strip("/") + (f".{lang[:-1]}.md" if lang else ".md"))
    expected = yaml.safe_load(source.read_text(encoding="utf-8").split("---\n")[1])["short_title"]
    assert [shown["text"] for shown in found["shown"]] == [expected], found
    (title,) = found["shown"]
    assert title["scroll"] <= title["client"] <= found["box"], found
    assert title["height"] <= found["header"], found
    assert page.evaluate(BACK_TO_TOP) == "none", f"/{lang}{CHECKER_PAGE}: Back to top shows"
    page.goto(f"{base_url}{lang}")  # other pages keep it
    wait_ready(page)
    assert page.evaluate(BACK_TO_TOP) != "none", f"/{lang}: no Back to top"
    context.close()


@pytest.mark.parametrize("url", [*HOMES, *(home + CHECKER_PAGE for home in HOMES)])
def test_the_header_call_button_is_a_44_pixel_target(browser: Browser, base_url, url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + url)
    wait_ready(page)
    box = page.locator(f'header a[href="{TEL}"]').bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, f"/{url}: {box}"
    context.close()
