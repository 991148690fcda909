"""The validate command checks criteria files in every language, without building."""

from __future__ import annotations

import re
from pathlib import Path

import validate

from helpers import LANGUAGES, ROOT, copy_site, error_lines, mkdocs_build

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


def copy_of_the_site(tmp_path: Path) -> Path:
    """The site's data files and mkdocs.yml in a folder of their own, to break one of them."""
    site = tmp_path / "site"
    (site / "data").mkdir(parents=True)
    for path in (ROOT / "data").iterdir():
        (site / "data" / path.name).write_bytes(path.read_bytes())
    (site / "mkdocs.yml").write_bytes((ROOT / "mkdocs.yml").read_bytes())
    return site


def test_a_broken_words_file_fails_validate(tmp_path: Path, monkeypatch, capsys) -> None:
    site = copy_of_the_site(tmp_path)
    words = site / "data" / "ui.yml"
    words.write_text(
        words.read_text(encoding="utf-8").replace("  back: Atrás\n", "", 1), encoding="utf-8"
    )
    monkeypatch.setattr(validate, "ROOT", site)
    assert validate.main([str(REAL)]) == 1
    assert re.search(
        r'^error: data/ui\.yml:\d+: es: missing field "back"; '
        r"add it \(see data/ui\.schema\.json\)$",
        capsys.readouterr().err,
        re.M,
    )


def test_a_data_file_without_a_schema_fails_validate(tmp_path: Path, monkeypatch, capsys) -> None:
    site = copy_of_the_site(tmp_path)
    (site / "data" / "extra.yml").write_text("a: 1\n", encoding="utf-8")
    monkeypatch.setattr(validate, "ROOT", site)
    assert validate.main([str(REAL)]) == 1
    assert "data/extra.yml: has no schema; add data/extra.schema.json" in capsys.readouterr().err


def test_a_broken_glossary_fails_validation(tmp_path: Path, capsys, monkeypatch) -> None:
    site = copy_of_the_site(tmp_path)
    terms = site / "data" / "glossary.yml"
    text = terms.read_text(encoding="utf-8")
    terms.write_text(text.replace("[bia-appeal-30-days]", "[bia-appeal]", 1), encoding="utf-8")
    monkeypatch.setattr(validate, "ROOT", site)
    assert validate.main([str(REAL)]) == 1
    err = capsys.readouterr().err
    assert (
        "data/glossary.yml:" in err
        and 'no fact has id "bia-appeal"; use an id from data/facts.yml' in err
    )


def test_a_bad_firm_phone_stops_validate_and_the_build_with_the_same_line(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """validate checks mkdocs.yml's extra.firm with the build's own check (pages.check_firm):
    the same edit gets the same one-line verdict from both."""
    site = tmp_path / "site"
    config = copy_site(site)
    text = config.read_text(encoding="utf-8")
    phone = re.search(r"^    phone: (.+)$", text, re.M)
    config.write_text(text.replace(phone[0], "    phone: call us", 1), encoding="utf-8")

    monkeypatch.setattr(validate, "ROOT", site)
    assert validate.main([]) == 1
    said = [line.removeprefix("error: ") for line in capsys.readouterr().err.splitlines()]
    build = mkdocs_build(config, tmp_path / "out", site_url="https://example.org/")
    refused = error_lines(build.stderr)
    assert build.returncode == 1
    assert len(said) == 1 and "extra.firm.phone" in said[0]
    assert said == refused, build.stderr
