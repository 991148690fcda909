"""Search in Chromium: nothing of the index is downloaded until a reader searches; then
Material's own search finds the pages of the reader's language (and only those), and a
second search works at once."""

from __future__ import annotations

import re

import pytest

from browserkit import DESKTOP, PHONE, Watch, wait_ready

INDEX, WORKER = re.compile(r"search_index\.[a-z]{2}\.json"), "workers/search."


@pytest.mark.parametrize(
    "start, query, expected, viewport",
    [
        ("", "military", "special-consideration/", DESKTOP),
        ("es/faq/", "militar", "es/special-consideration/", PHONE),
    ],
)
def test_search_loads_on_first_use_and_finds_the_page(
    browser, base_url: str, start: str, query: str, expected: str, viewport
) -> None:
    context = browser.new_context(viewport=viewport)
    watch = Watch(base_url)
    watch.attach(context)
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    tab = context.new_page()
    tab.goto(base_url + start)
    wait_ready(tab)
    tab.wait_for_load_state("networkidle")
    assert not [u for u in requests if INDEX.search(u) or WORKER in u], "search loaded before use"

    if viewport is PHONE:
        tab.click("label.md-header__button[for=__search]")
    else:
        tab.click(".md-search__input")
    tab.keyboard.type(query)
    first = tab.locator(".md-search-result__item a").first
    first.wait_for(timeout=15_000)
    links = tab.eval_on_selector_all(".md-search-result__item a", "els => els.map(a => a.href)")
    assert any(link.startswith(base_url + expected) for link in links), links
    spanish = start.startswith("es/")
    assert all(link.startswith(base_url + "es/") == spanish for link in links), links
    assert sum(bool(INDEX.search(u)) for u in requests) == 1, "the index is fetched once"

    tab.fill(".md-search__input", "")
    tab.keyboard.type("ICE")
    tab.wait_for_function(
        "() => document.querySelector('.md-search-result__meta').textContent.match(/\\d/)"
    )
    assert sum(bool(INDEX.search(u)) for u in requests) == 1
    assert not watch.errors and not watch.foreign, (watch.errors, watch.foreign)
    context.close()


def test_kreyol_search_finds_words_with_or_without_accents(browser, base_url: str) -> None:
    """No stemmer exists for Kreyòl: plain words, accents folded at index and query time
    (hooks/material_html.py, search-on-demand.js), so both spellings find the same pages."""
    context = browser.new_context(viewport=DESKTOP)
    watch = Watch(base_url)
    watch.attach(context)
    tab = context.new_page()
    tab.goto(base_url + "ht/faq/")
    wait_ready(tab)
    found = {}
    tab.click(".md-search__input")
    for query in ("depòtasyon", "depotasyon", "DEPOTASYON"):
        # The whole word at once (no results for a part of it); Material searches on keyup.
        tab.fill(".md-search__input", query)
        tab.keyboard.press("End")
        tab.wait_for_function(
            "q => document.querySelector('.md-search__input').value === q"
            " && /\\d/.test(document.querySelector('.md-search-result__meta').textContent)",
            arg=query,
        )
        tab.locator(".md-search-result__item a").first.wait_for(timeout=15_000)
        found[query] = (
            tab.inner_text(".md-search-result__meta"),
            tab.eval_on_selector_all(
                ".md-search-result__item > a", "els => els.map(a => a.href.split('?')[0])"
            )[:5],
        )
    pages = found["depòtasyon"][1]
    assert pages and all(u.startswith(base_url + "ht/") for u in pages), pages
    assert found["depotasyon"] == found["depòtasyon"] == found["DEPOTASYON"], found
    # The results show the pages' own (accented) words, highlighted.
    assert "depòtasyon" in tab.locator(".md-search-result mark").first.inner_text().lower()
    assert not watch.errors, watch.errors
    context.close()
