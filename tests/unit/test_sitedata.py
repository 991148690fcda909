"""The one loader of the site's data, shared by the build and `make validate`."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

import criteria
import sitedata
from helpers import LANGUAGES, ROOT

TODAY = dt.date.today()


def test_the_site_data_loads_whole_and_frozen() -> None:
    data = sitedata.load(ROOT, LANGUAGES, TODAY)
    assert set(data.areas) == {p.stem for p in criteria.find_criteria(ROOT / "criteria")}
    assert set(data.ui) >= set(LANGUAGES) and data.languages == LANGUAGES
    assert data.firm["tel"].startswith("+1")  # as pages.check_firm returns it
    assert [u["date"] for u in data.updates] == sorted(
        (u["date"] for u in data.updates), reverse=True
    )
    assert data.checker_page == next(iter(data.areas.values())).data["page"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.today = TODAY  # type: ignore[misc]


def test_every_part_comes_after_the_parts_it_needs() -> None:
    firm = (sitedata.site_config(ROOT).get("extra") or {}).get("firm")
    seen: list[str] = []
    for part in sitedata.parts(ROOT, LANGUAGES, TODAY, firm=firm):
        assert set(part.needs) <= set(seen), part.name
        seen.append(part.key)
    assert seen[0] == "facts" and "firm" in seen and "ui" in seen


def test_validate_reads_the_languages_as_the_build_does() -> None:
    assert sitedata.site_languages(sitedata.site_config(ROOT)) == LANGUAGES
