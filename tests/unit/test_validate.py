"""The validate command checks criteria files in every language, without building."""

from __future__ import annotations

from pathlib import Path

import validate

from helpers import ROOT

REAL = ROOT / "criteria" / "prosecutorial-discretion.yml"


def test_the_real_files_are_valid(capsys) -> None:
    assert validate.main([]) == 0
    out = capsys.readouterr().out
    assert "ok: criteria/prosecutorial-discretion.yml" in out
    assert "ok: data/glossary.yml" in out


def test_a_missing_spanish_text_is_reported_like_the_build_does(tmp_path: Path, capsys) -> None:
    assert validate.site_languages() == ("en", "es")
    broken = tmp_path / "prosecutorial-discretion.yml"
    text = REAL.read_text(encoding="utf-8")
    broken.write_text(text.replace("  es: Revise su situación\n", "", 1), encoding="utf-8")
    assert validate.main([str(broken)]) == 1
    assert 'title.es: the "es" text is missing or empty; write it' in capsys.readouterr().err


def test_a_broken_glossary_fails_validation(tmp_path: Path, capsys, monkeypatch) -> None:
    broken = tmp_path / "glossary.yml"
    text = (ROOT / "data" / "glossary.yml").read_text(encoding="utf-8")
    broken.write_text(text.replace("[bia-appeal-30-days]", "[bia-appeal]", 1), encoding="utf-8")
    monkeypatch.setattr(validate, "GLOSSARY", broken)
    assert validate.main([str(REAL)]) == 1
    err = capsys.readouterr().err
    assert (
        "glossary.yml:" in err
        and 'no fact has id "bia-appeal"; use an id from data/facts.yml' in err
    )
