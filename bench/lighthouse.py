"""Run Lighthouse (the npm package pinned in package.json) against one URL, mobile preset."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-quic"
)
KEPT = ROOT / "artifacts" / "lighthouse"  # BENCH_KEEP=1: <page>.<run>.json, one per run
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


@dataclass(frozen=True)
class Report:
    """What the benchmark keeps from one Lighthouse run."""

    scores: dict[str, int]  # category -> 0..100
    bytes: int  # total byte weight, as Lighthouse counts it (transfer sizes)
    requests: int
    lcp_ms: float
    tbt_ms: float
    cls: float
    failing: tuple[str, ...]  # "category/audit" of every scored audit below 1
    # Headless Chromium often shows its first frame only after the page has loaded
    # (GoogleChrome/lighthouse#17148); the simulation then counts less of the load's script
    # work after first paint, so such runs score higher than runs that paint early.
    painted_after_load: bool


def run(url: str, chromium: str, extra_flag: str = "") -> Report:
    """One Lighthouse run (default config: mobile, simulated slow 4G, 4x CPU slowdown);
    `extra_flag` goes to Chromium too (serve_https's certificate trust)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        proc = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={out}",
                f"--chrome-flags={CHROME_FLAGS} {extra_flag}".strip(),
            ],
            env={**os.environ, "CHROME_PATH": chromium},
            capture_output=True,
            text=True,
            check=False,
        )
        if proc.returncode != 0 or not out.exists():
            raise RuntimeError(f"lighthouse failed on {url}:\n{proc.stderr[-2000:]}")
        lhr = json.loads(out.read_text(encoding="utf-8"))
        if os.environ.get("BENCH_KEEP"):  # keep every full report, to read why a score dropped
            KEPT.mkdir(parents=True, exist_ok=True)
            name = url.split("/", 3)[-1].strip("/").replace("/", "_") or "home"
            number = len(list(KEPT.glob(f"{name}.*.json"))) + 1
            (KEPT / f"{name}.{number}.json").write_text(json.dumps(lhr), encoding="utf-8")
        return parse(lhr)


def parse(lhr: dict) -> Report:
    """Reduce a Lighthouse JSON report to a Report."""
    audits = lhr["audits"]
    if lhr.get("runtimeError"):
        raise RuntimeError(f"lighthouse: {lhr['runtimeError'].get('message')}")
    failing = tuple(
        f"{cat_id}/{ref['id']}"
        for cat_id, cat in lhr["categories"].items()
        for ref in cat["auditRefs"]
        if ref.get("weight", 0) > 0
        and (audits[ref["id"]].get("score") or 0) < 1
        and audits[ref["id"]].get("scoreDisplayMode") in ("binary", "numeric")
    )
    observed = audits["metrics"]["details"]["items"][0]
    return Report(
        scores={c: round(100 * (lhr["categories"][c]["score"] or 0)) for c in CATEGORIES},
        bytes=int(audits["total-byte-weight"]["numericValue"]),
        requests=len(audits["network-requests"]["details"]["items"]),
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        cls=audits["cumulative-layout-shift"]["numericValue"],
        failing=failing,
        painted_after_load=observed["observedFirstPaint"] > observed["observedLoad"],
    )
