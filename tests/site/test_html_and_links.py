"""Every built page is valid HTML (Nu Html Checker) and every internal link resolves."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import facts
from helpers import ROOT, build_site, soup

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = ROOT / "artifacts"
# One short run: the quick compiler only and the simplest collector take about half the CPU
# time of Java's defaults here, with the same findings. The quick compiler's frames are
# larger, so the checker's deep schema needs a larger stack than its 512k minimum.
JAVA_FLAGS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss4m")


def test_nu_html_checker_reports_no_error(site: Path, html_pages: dict) -> None:
    assert VNU.exists(), "vnu.jar missing: run `make install` (npm ci)"
    java = shutil.which("java")
    assert java, "Java is needed for the Nu Html Checker"
    result = subprocess.run(
        [java, *JAVA_FLAGS, "-jar", str(VNU), "--errors-only", "--format", "json",
         *map(str, html_pages.values())],
        capture_output=True, text=True, timeout=300, check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    problems = [
        f"{Path(urlparse(m['url']).path).relative_to(site)}:{m.get('lastLine', '?')}: "
        f"{m['message']} [{m.get('extract', '').strip()[:80]}]"
        for m in messages
    ]
    assert not problems, "\n".join(problems)


def _target(site: Path, url: str) -> Path | None:
    path = site / unquote(url.lstrip("/"))
    if url.endswith("/"):
        path = path / "index.html"
    return path if path.is_file() else None


def test_every_internal_link_and_anchor_resolves(site: Path, html_pages: dict, base_url) -> None:
    ids: dict[Path, set[str]] = {}
    broken, external = [], set()
    for url, path in html_pages.items():
        base = "/" + url
        for a in soup(path).select("a[href]"):
            href = a["href"]
            if href.startswith(base_url):  # absolute links to this site (404 pages use them)
                href = "/" + href.removeprefix(base_url)
            parsed = urlparse(href)
            if parsed.scheme in ("tel", "mailto"):
                continue
            if parsed.scheme or parsed.netloc:
                external.add(href)
                continue
            resolved = urlparse(urljoin(base, href))
            target = _target(site, resolved.path)
            if target is None:
                broken.append(f"/{url}: {href} -> no such page")
                continue
            if resolved.fragment:
                if target not in ids:
                    doc = soup(target)
                    ids[target] = {el["id"] for el in doc.select("[id]")}
                    ids[target] |= {el["name"] for el in doc.select("a[name]")}
                if unquote(resolved.fragment) not in ids[target]:
                    broken.append(f"/{url}: {href} -> no #{resolved.fragment} there")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "external-links.txt").write_text("\n".join(sorted(external)) + "\n")
    assert not broken, "\n".join(broken)


def test_external_links_go_only_to_official_hosts_and_open_safely(html_pages, base_url) -> None:
    official = facts.OFFICIAL_HOSTS
    for url, path in html_pages.items():
        for a in soup(path).select("article a[href^='http']"):
            if a["href"].startswith(base_url):
                continue
            host = urlparse(a["href"]).hostname or ""
            assert host.endswith(official), f"/{url}: links to {a['href']}"
            assert a["href"].startswith("https://"), f"/{url}: insecure link {a['href']}"


def test_published_pages_give_absolute_addresses_and_the_preview_relative_ones(
    page, base_url, tmp_path
) -> None:
    """Published, every link and asset names the site's address (Material's bundle would
    otherwise rewrite each one at start-up, see material_html.absolute_links). The `mkdocs serve`
    preview keeps them relative, so it also works when opened as localhost."""
    published = page("faq/")
    preview = soup(build_site(ROOT / "mkdocs.yml", tmp_path, "serve") / "faq" / "index.html")
    for doc, expected in ((published, f"{base_url}assets/site.css"), (preview, "../assets/site.css")):
        assert doc.select_one('link[href*="site.css"]')["href"].split("?v=")[0] == expected
    hrefs = [a["href"] for a in published.select("a[href]") if not a["href"].startswith("tel:")]
    assert hrefs and all(h.startswith(base_url) or urlparse(h).netloc for h in hrefs)
