"""Helpers shared by the test layers: where the project is, building a site, parsing HTML."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build_site(config_file: Path, out: Path, command: str = "build", **overrides: str) -> Path:
    """Build the MkDocs site at `config_file` into `out` in strict mode, as `command` ("serve"
    for the preview) would; return `out`."""
    cfg = load_config(str(config_file), site_dir=str(out), strict=True, **overrides)
    cfg.plugins.on_startup(command=command, dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    return out


def site_path(href: str, base_url: str, page_url: str = "") -> str:
    """Where a link on the page at `page_url` ("faq/") leads, as a site path with its
    fragment ("/sources/#src-x"). Built pages give their links the site's full address
    (material_html.absolute_links); links to other sites come back unchanged."""
    full = urljoin(base_url + page_url, href)
    return "/" + full.removeprefix(base_url) if full.startswith(base_url) else full


def soup(path: Path) -> BeautifulSoup:
    """Parse a built page."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
