"""Search metadata on the built site: titles, descriptions, canonical, Open Graph, JSON-LD,
robots.txt, the share images and the 404 pages."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

from PIL import Image

from helpers import soup


def content_pages(html_pages: dict) -> dict:
    return {u: p for u, p in html_pages.items() if not u.endswith("404.html")}


def json_ld(doc) -> list[dict]:
    scripts = doc.select('script[type="application/ld+json"]')
    return [item for s in scripts for item in json.loads(s.string)]


def by_type(items: list[dict], kind: str) -> list[dict]:
    return [item for item in items if item["@type"] == kind]


def test_titles_and_descriptions_are_unique_and_within_length(html_pages) -> None:
    titles, descriptions = set(), set()
    for url, path in content_pages(html_pages).items():
        doc = soup(path)
        title = doc.title.get_text(strip=True)
        description = doc.select_one('meta[name="description"]')["content"]
        assert 50 <= len(description) <= 160, f"/{url}: description is {len(description)} long"
        assert title not in titles and description not in descriptions, f"/{url} repeats"
        titles.add(title)
        descriptions.add(description)
        assert len(doc.select("h1")) == 1, f"/{url}: one h1"


def test_canonical_and_open_graph(html_pages, base_url, site) -> None:
    for url, path in content_pages(html_pages).items():
        doc = soup(path)
        canonical = doc.select_one('link[rel="canonical"]')["href"]
        assert canonical == base_url + url, f"/{url}: canonical {canonical}"
        og = {m["property"]: m["content"] for m in doc.select("meta[property^='og:']")}
        assert og["og:url"] == canonical
        assert og["og:title"] and og["og:description"]
        assert og["og:locale"] == ("es_US" if url.startswith("es/") else "en_US")
        assert og["og:image"].startswith(base_url), f"/{url}: image not on the site"
        image = site / og["og:image"].removeprefix(base_url)
        assert image.exists() and Image.open(image).size == (1200, 630)
        card = doc.select_one('meta[name="twitter:card"]')["content"]
        assert card == "summary_large_image"


def test_json_ld_types_urls_and_dates(html_pages, base_url) -> None:
    for url, path in content_pages(html_pages).items():
        doc = soup(path)
        items = json_ld(doc)
        firm = by_type(items, "LegalService")[0]
        assert firm["name"] == "Sánchez-Roig Law Firm, P.A."
        assert firm["telephone"] == "+13053735385"
        assert firm["url"] == base_url and firm["knowsLanguage"] == ["en", "es"]
        assert firm["areaServed"]["name"] == "Miami, Florida"
        webpage = by_type(items, "WebPage")[0]
        reviewed = doc.select_one(".pd-footer__reviewed time")["datetime"]
        assert webpage["dateModified"] == reviewed, f"/{url}: dateModified"
        assert webpage["inLanguage"] == doc.html["lang"]
        assert webpage["url"] == base_url + url
        crumbs = by_type(items, "BreadcrumbList")[0]["itemListElement"]
        assert crumbs[0]["item"] == base_url + ("es/" if url.startswith("es/") else "")
        for found in re.findall(r'"(https?://[^"]+)"', json.dumps(items)):
            if "schema.org" not in found:
                assert found.startswith(base_url), f"/{url}: {found} is not on the site"


def test_faq_page_structured_data_matches_the_visible_questions(page) -> None:
    for url in ("faq/", "es/faq/"):
        doc = page(url)
        faq = by_type(json_ld(doc), "FAQPage")
        assert len(faq) == 1, f"/{url}"
        questions = [q["name"] for q in faq[0]["mainEntity"]]
        visible = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in doc.select("article h2")]
        assert questions == visible
        for entity, heading in zip(faq[0]["mainEntity"], doc.select("article h2"), strict=True):
            answer = heading.find_next_sibling("p").get_text(" ", strip=True)
            assert entity["acceptedAnswer"]["text"][:40] == " ".join(answer.split())[:40]
    assert not by_type(json_ld(page("history/")), "FAQPage")


def test_robots_txt_points_to_the_sitemap(site, base_url) -> None:
    assert f"Sitemap: {base_url}sitemap.xml" in (site / "robots.txt").read_text()


def test_404_pages_help_in_both_languages(html_pages, base_url) -> None:
    for url, home in (("404.html", base_url), ("es/404.html", base_url + "es/")):
        doc = soup(html_pages[url])
        assert doc.select_one('meta[name="robots"]')["content"] == "noindex"
        links = [urljoin(base_url, a["href"]) for a in doc.select("article a")]
        assert home in links and home + "special-consideration/" in links, f"/{url}"
        assert doc.html["lang"] == ("es" if url.startswith("es/") else "en")
