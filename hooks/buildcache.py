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


def folder() -> Path | None:
    """The cache folder, created if needed; None where it cannot be (a read-only checkout
    still builds, only without the cache)."""
    try:
        FOLDER.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FOLDER


def template_cache(label: str) -> jinja2.BytecodeCache | None:
    """Jinja's own cache of compiled templates, kept in the folder. Jinja checks each entry
    against the template's text but not against the environment's options, so each
    environment needs its own `label` (naming, say, the versions that set those options)."""
    where = folder()
    safe = "".join(c if c.isalnum() or c in ".-" else "_" for c in label)
    return jinja2.FileSystemBytecodeCache(str(where), f"jinja-{safe}-%s.cache") if where else None


def compiled(source_key: str, make_source: Callable[[], str], filename: str) -> CodeType:
    """The code object of `make_source()`, compiled once per `source_key` (which must change
    whenever the source would) and Python version, then read back from the folder."""
    digest = hashlib.sha256(f"{sys.version}\0{source_key}".encode()).hexdigest()[:24]
    where = folder()
    path = where / f"code-{digest}.marshal" if where else None
    try:
        if path:
            return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass  # not cached yet, or unreadable: compile afresh
    code = compile(make_source(), filename, "exec")
    if path:
        # Write beside it, then rename: a build running at the same time never reads half a file.
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as out:
            out.write(marshal.dumps(code))
        os.replace(out.name, path)
    return code
