"""The self-check as built: the page, the checker and the criteria file agree."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import pytest

import criteria
import facts
from helpers import ROOT, site_path

PAGE = "special-consideration/"


def learn_more_url(target: str) -> str:
    """special-consideration.md#military -> /special-consideration/#military"""
    path, _, anchor = target.partition("#")
    url = "/" + ("" if path == "index.md" else path.removesuffix(".md") + "/")
    return f"{url}#{anchor}" if anchor else url




def test_factor_list_on_the_page_equals_the_file(page, area, base_url) -> None:
    listed = page(PAGE).select("#pd-factors-prosecutorial-discretion [data-factor]")
    assert [el["data-factor"] for el in listed] == [
        f["id"] for _, group in area.factors_by_kind() for f in group
    ]
    for el, factor in zip(listed, [f for _, g in area.factors_by_kind() for f in g], strict=True):
        text = " ".join(el.get_text(" ", strip=True).split())
        assert factor["title"]["en"] in text
        for step in factor["next_steps"]:
            assert " ".join(step["en"].split()) in text
        hrefs = {site_path(a["href"], base_url, PAGE) for a in el.select("a[href]")}
        assert learn_more_url(factor["learn_more"]) in hrefs, factor["id"]


def test_exactly_one_checker_with_the_files_rules(page, area) -> None:
    roots = page(PAGE).select("[data-criteria-checker]")
    assert len(roots) == 1
    assert json.loads(roots[0]["data-rules"]) == area.client_rules()
    assert roots[0].has_attr("hidden"), "without JavaScript the form must stay hidden"


def test_each_question_is_a_fieldset_with_legend_radios_and_linked_hint(page, area) -> None:
    root = page(PAGE).select_one("[data-criteria-checker]")
    steps = root.select(".pd-step")
    assert [s["data-question"] for s in steps] == [q["id"] for q in area.questions]
    for step, question in zip(steps, area.questions, strict=True):
        fieldset = step.select_one("fieldset")
        assert fieldset.legend.get_text(strip=True) == question["text"]["en"]
        radios = fieldset.select('input[type="radio"]')
        assert [r["value"] for r in radios] == [o["id"] for o in question["options"]]
        for radio in radios:
            assert root.select_one(f'label[for="{radio["id"]}"]') is not None
        if "hint" in question:
            hint_id = fieldset["aria-describedby"]
            assert root.select_one(f"#{hint_id}").get_text(strip=True) == question["hint"]["en"]


def test_no_javascript_fallback_points_to_the_factor_list_and_the_phone(page, base_url) -> None:
    doc = page(PAGE)
    fallback = doc.select_one("[data-checker-fallback]")
    assert not fallback.has_attr("hidden")
    here, target = site_path(fallback.select_one("a[href*='#']")["href"], base_url).split("#")
    assert here == f"/{PAGE}" and doc.select_one(f"#{target}") is not None
    assert fallback.select_one('a[href="tel:+13053735385"]') is not None


def test_no_inline_script_carries_data(page) -> None:
    for script in page(PAGE).select("article script"):
        pytest.fail(f"inline script in the content: {script}")


def test_result_view_has_disclaimer_policy_date_and_actions(page, area) -> None:
    result = page(PAGE).select_one(".pd-result")
    assert result.select_one(".pd-as-of time")["datetime"] == area.data["as_of"]
    assert "not legal advice" in result.select_one(".pd-disclaimer").get_text()
    actions = {b["data-action"] for b in result.select("button[data-action]")}
    assert actions == {"change", "restart", "print"}
    assert [g["data-kind"] for g in result.select("[data-kind]")] == list(criteria.KINDS)
