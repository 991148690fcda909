"""The build cache hands compiled code to the next build, and never a stale or broken one."""

from __future__ import annotations

import jinja2
import pytest

import buildcache


@pytest.fixture(autouse=True)
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(buildcache, "FOLDER", tmp_path / "build")
    return tmp_path / "build"


def run(code) -> dict:
    namespace: dict = {}
    exec(code, namespace)
    return namespace


def test_code_is_compiled_once_then_read_back() -> None:
    made = []

    def source() -> str:
        made.append(1)
        return "answer = 42"

    first = buildcache.compiled("v1", source, "<test>")
    again = buildcache.compiled("v1", source, "<test>")
    assert run(first)["answer"] == run(again)["answer"] == 42
    assert len(made) == 1


def test_a_changed_source_key_compiles_afresh() -> None:
    buildcache.compiled("v1", lambda: "answer = 1", "<test>")
    assert run(buildcache.compiled("v2", lambda: "answer = 2", "<test>"))["answer"] == 2


def test_a_damaged_entry_is_compiled_again(cache_folder) -> None:
    buildcache.compiled("v1", lambda: "answer = 1", "<test>")
    (entry,) = cache_folder.glob("code-*.marshal")
    entry.write_bytes(b"\x00not marshal")
    assert run(buildcache.compiled("v1", lambda: "answer = 1", "<test>"))["answer"] == 1
    assert [p.name for p in cache_folder.iterdir()] == [entry.name]  # no temp file left behind


def test_without_a_writable_folder_code_still_compiles(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setattr(buildcache, "FOLDER", blocker / "build")
    assert run(buildcache.compiled("v1", lambda: "answer = 3", "<test>"))["answer"] == 3
    assert buildcache.template_cache("theme") is None


def test_each_environment_keeps_its_own_templates(tmp_path, cache_folder) -> None:
    (tmp_path / "t.html").write_text("{{ 1 + 1 }}")
    for label in ("partials", "theme-mkdocs1.6.1-material9.8.2"):
        cache = buildcache.template_cache(label)
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path), bytecode_cache=cache)
        assert env.get_template("t.html").render() == "2"
    assert len(list(cache_folder.glob("jinja-*.cache"))) == 2
