"""What one build can hand to the next: compiled Python code, in .cache/build (git ignores it).

Turning the partials and the JSON Schemas into Python code takes longer than using them, and
their text rarely changes. Each entry is named by a hash of the text it was compiled from and of
the Python and library versions, so an edit simply makes a new entry; the folder can be deleted
at any time. No MkDocs imports.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import CodeType

import jinja2

FOLDER = Path(__file__).resolve().parent.parent / ".cache" / "build"


def folder() -> Path:
    """The cache folder, created if needed."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    return FOLDER


def template_cache() -> jinja2.BytecodeCache:
    """Jinja's own cache of compiled templates, kept in the folder."""
    return jinja2.FileSystemBytecodeCache(str(folder()), "jinja-%s.cache")


def compiled(source_key: str, make_source: Callable[[], str], filename: str) -> CodeType:
    """The code object of `make_source()`, compiled once per `source_key` (which must change
    whenever the source would) and Python version, then read back from the folder."""
    digest = hashlib.sha256(f"{sys.version}\0{source_key}".encode()).hexdigest()[:24]
    path = folder() / f"code-{digest}.marshal"
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass  # not cached yet, or unreadable: compile afresh
    code = compile(make_source(), filename, "exec")
    # Write beside it, then rename: a build running at the same time never reads half a file.
    with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as out:
        out.write(marshal.dumps(code))
    os.replace(out.name, path)
    return code
