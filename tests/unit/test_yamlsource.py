"""Loading YAML: control characters and missing schemas give one line (issue 24)."""

from __future__ import annotations

from pathlib import Path

import pytest

from yamlsource import SourceError, check_schema, load_yaml


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'updates:\n  - title:\n      en: "Policy \\x01 change"\n',
            "data/updates.yml:3: updates[0].title.en: holds the control character U+0001, which "
            "no page can show; remove it",
        ),
        ('a: "x\\u0085y"\n', "data/updates.yml:1: a: holds the control character U+0085,"),
        ('a: "x\\x7f"\n', "data/updates.yml:1: a: holds the control character U+007F,"),
        ('a: ["ok", "\\e[31m"]\n', "data/updates.yml:1: a[1]: holds the control character U+001B"),
    ],
)
def test_control_characters_are_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "updates.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_yaml(path, "data/updates.yml")
    assert str(caught.value).startswith(message), str(caught.value)


def test_line_breaks_and_tabs_are_text(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text('a: "one\\ntwo\\tthree"\n', encoding="utf-8")
    assert load_yaml(path, "x.yml").data == {"a": "one\ntwo\tthree"}


def test_a_missing_or_broken_schema_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("a: 1\n", encoding="utf-8")
    doc = load_yaml(path, "data/x.yml")
    with pytest.raises(SourceError) as caught:
        check_schema(doc, tmp_path / "gone.schema.json", "data/x.schema.json")
    assert str(caught.value) == (
        "data/x.schema.json: is missing; restore it (git checkout -- data/x.schema.json)"
    )
    broken = tmp_path / "broken.schema.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        check_schema(doc, broken, "data/x.schema.json")
    assert str(caught.value).startswith("data/x.schema.json: is not a valid JSON schema (")
