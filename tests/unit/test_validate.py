"""The validate command checks criteria files in every language, without building.

Every data-file edit of the hostile-edit corpus is checked against the build's verdict in
tests/site/test_validate_agrees.py; here, only what `make validate` alone does."""

from __future__ import annotations

from pathlib import Path

import validate

from helpers import LANGUAGES, ROOT
from yamlsource import CONFIG_TOO_DEEP

REAL = ROOT / "criteria" / "prosecutorial-discretion.yml"


def test_the_real_files_are_valid(capsys) -> None:
    assert validate.main([]) == 0
    out = capsys.readouterr().out
    assert "ok: criteria/prosecutorial-discretion.yml" in out
    assert "ok: data/glossary.yml" in out
    assert "ok: mkdocs.yml (extra.firm)" in out


def test_a_missing_spanish_text_is_reported_like_the_build_does(tmp_path: Path, capsys) -> None:
    assert validate.site_languages() == LANGUAGES == ("en", "es", "ht")
    broken = tmp_path / "prosecutorial-discretion.yml"
    text = REAL.read_text(encoding="utf-8")
    broken.write_text(text.replace("  es: Revise su situación\n", "", 1), encoding="utf-8")
    assert validate.main([str(broken)]) == 1
    assert 'title.es: the "es" text is missing or empty; write it' in capsys.readouterr().err


def test_a_mkdocs_yml_it_cannot_read_is_one_line(tmp_path: Path, monkeypatch, capsys) -> None:
    """MkDocs refuses such a file before any hook runs; validate says why in one line too."""
    monkeypatch.setattr(validate, "ROOT", tmp_path)
    for broken, expected in (
        ("site_name: [\n", "mkdocs.yml:2: YAML syntax error: "),
        ("site_name: " + "[" * 3000 + "]" * 3000 + "\n", f"mkdocs.yml: {CONFIG_TOO_DEEP}"),
    ):
        (tmp_path / "mkdocs.yml").write_text(broken, encoding="utf-8")
        assert validate.main([]) == 1
        said = capsys.readouterr().err.splitlines()
        assert len(said) == 1 and said[0].startswith(f"error: {expected}"), said
