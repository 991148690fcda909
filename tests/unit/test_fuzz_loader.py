"""Fuzzing the loaders: no input may end in anything but a clear SourceError or a valid model."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import criteria
import facts
import updates
from yamlsource import SourceError

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "criteria" / "mini.yml"
SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=10) | st.integers(), children, max_size=4)
    ),
    max_leaves=20,
)


def load_all(path: Path) -> None:
    for loader in (
        lambda: criteria.load(
            path,
            fact_ids={"fact-a"},
            languages=("en", "es"),
            today=dt.date(2026, 11, 27),
            display_name="mini.yml",
        ),
        lambda: facts.load(path, languages=("en", "es"), display_name="facts.yml"),
        lambda: updates.load(path, fact_ids={"fact-a"}, display_name="updates.yml"),
    ):
        try:
            loader()
        except SourceError as err:
            assert str(err).startswith(("mini.yml", "facts.yml", "updates.yml"))


@SETTINGS
@given(st.text(max_size=300))
def test_any_text_gives_a_clear_error_or_a_model(tmp_path_factory, text: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "mini.yml"
    path.write_text(text, encoding="utf-8")
    load_all(path)


@SETTINGS
@given(values)
def test_any_yaml_structure_gives_a_clear_error_or_a_model(tmp_path_factory, data) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "mini.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    load_all(path)


@SETTINGS
@given(st.integers(min_value=0, max_value=2000), st.text(max_size=8))
def test_damaging_the_valid_file_gives_a_clear_error_or_a_model(tmp_path_factory, at, junk):
    text = FIXTURE.read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("fuzz") / "mini.yml"
    path.write_text(text[:at] + junk + text[at + len(junk) :], encoding="utf-8")
    load_all(path)


def test_complex_keys_and_odd_tags_are_clear_errors(tmp_path: Path) -> None:
    laughs = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n"
    for text in (
        "? [a, b]\n: 1\n",
        "!!python/object:os.system x\n",
        "a: &x [*x]\n",
        "\t- x\n",
        laughs,
    ):
        path = tmp_path / "mini.yml"
        path.write_text(text, encoding="utf-8")
        load_all(path)
    path.write_text(laughs, encoding="utf-8")
    with pytest.raises(SourceError, match=r"mini.yml:1: aliases \(&name / \*name\) are not"):
        criteria.load(path, fact_ids=set(), display_name="mini.yml")
