"""The build cache hands compiled code to the next build, and never a stale or broken one."""

from __future__ import annotations

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
