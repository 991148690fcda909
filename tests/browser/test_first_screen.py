"""The first five seconds on a phone: the home page says who it is from and offers the
self-check and a call without scrolling, and the header's site name is whole."""

from __future__ import annotations

import pytest
import yaml
from playwright.sync_api import Browser

from browserkit import ARTIFACTS, DESKTOP, PHONE, wait_ready
from helpers import LANGUAGES, ROOT, lang_of, prefix

FIRM = "Sánchez-Roig Law Firm, P.A."
UI = yaml.safe_load((ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))
HOMES = [prefix(lang) for lang in LANGUAGES]
CALLS = {
    prefix(lang): UI[lang]["call_label"].format(name=FIRM, phone="305-373-5385")
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
    firm = article.locator(".pd-home__firm strong", has_text=FIRM)
    check = article.locator(f'a[href="{base_url}{home}special-consideration/#self-check"]').first
    call = article.locator('.pd-home a[href="tel:+13053735385"]')
    for name, element in (("firm's name", firm), ("self-check link", check), ("call link", call)):
        assert in_first_screen(page, element), (
            f"/{home} [{scheme}]: the {name} is not in the first screen"
        )
    header_call = page.locator('header a[href="tel:+13053735385"]')
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
@pytest.mark.parametrize("url", [*HOMES, "es/special-consideration/", "ht/special-consideration/"])
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
    call = page.locator('header a[href="tel:+13053735385"]')
    assert call.is_visible(), f"/{url} at {width}px: no call link in the header"
    context.close()
