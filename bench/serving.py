"""`mkdocs serve` on a copy of the project: time from saving a criteria file to the new page."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from builds import copy_site
from gzserve import free_port

CRITERIA = Path("criteria") / "prosecutorial-discretion.yml"
QUESTION = "en: Where is your immigration case now?"
PAGE = "self-check/"


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, timeout: float) -> float:
    """Poll `url` every 50 ms until it contains `text`; return when that happened."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if text in _fetch(url):
            return time.perf_counter()
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")


def save_to_page_seconds(workdir: Path, edits: int = 3) -> list[float]:
    """Edit the first question `edits` times in a served copy; seconds until each shows."""
    config = copy_site(workdir)
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--livereload",
            "-q",
            "-f",
            str(config),
            "-a",
            f"127.0.0.1:{port}",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/{PAGE}"
    criteria_file = workdir / CRITERIA
    original = criteria_file.read_text(encoding="utf-8")
    if QUESTION not in original:
        raise RuntimeError(f"{CRITERIA}: the question '{QUESTION}' moved; update bench/serving.py")
    try:
        _wait_for(url, "Where is your immigration case now?", timeout=120)
        times = []
        for n in range(1, edits + 1):
            marker = f"Where is your case now (edit {n})?"
            saved = time.perf_counter()
            criteria_file.write_text(original.replace(QUESTION, f"en: {marker}"), "utf-8")
            times.append(_wait_for(url, marker, timeout=120) - saved)
        return times
    finally:
        server.terminate()
        server.wait(timeout=30)
