"""Search metadata on the built site: titles, descriptions, canonical, Open Graph, JSON-LD,
robots.txt, the share images and the 404 pages."""

from __future__ import annotations

import gzip
import json
import re
from urllib.parse import urljoin

import yaml
from PIL import Image

import seo

from helpers import DEFAULT, FIRM, LANGUAGES, ROOT, fresh_soup, lang_of, prefix, soup


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
        assert og["og:locale"] == seo.LOCALES[lang_of(url)]
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
        assert firm["name"] == FIRM["name"]
        assert firm["telephone"] == FIRM["tel"]
        assert firm["url"] == base_url and firm["knowsLanguage"] == list(LANGUAGES)
        assert firm["areaServed"]["name"] == "Miami, Florida"
        webpage = by_type(items, "WebPage")[0]
        reviewed = doc.select_one(".pd-footer__reviewed time")["datetime"]
        assert webpage["dateModified"] == reviewed, f"/{url}: dateModified"
        assert webpage["inLanguage"] == doc.html["lang"]
        assert webpage["url"] == base_url + url
        home = base_url + prefix(lang_of(url))
        for trail in by_type(items, "BreadcrumbList"):  # every page but the home pages
            assert trail["itemListElement"][0]["item"] == home
        for found in re.findall(r'"(https?://[^"]+)"', json.dumps(items)):
            if "schema.org" not in found:
                assert found.startswith(base_url), f"/{url}: {found} is not on the site"


def test_faq_page_structured_data_matches_the_visible_questions(page) -> None:
    for url in (prefix(lang) + "faq/" for lang in LANGUAGES):
        doc = page(url)
        faq = by_type(json_ld(doc), "FAQPage")
        assert len(faq) == 1, f"/{url}"
        questions = [q["name"] for q in faq[0]["mainEntity"]]
        visible = [h.get_text(" ", strip=True).rstrip("¶").strip() for h in doc.select("article h2")]
        assert questions == visible
        for entity, heading in zip(faq[0]["mainEntity"], doc.select("article h2"), strict=True):
            answer = heading.find_next_sibling("p").get_text(" ", strip=True)
            # get_text(" ") puts a space after a link ("check-in ,"); the page shows none.
            answer = re.sub(r"\s+([,.;:!?)])", r"\1", " ".join(answer.split()))
            answer = answer.replace("( ", "(")
            assert entity["acceptedAnswer"]["text"][:40] == answer[:40]
    assert not by_type(json_ld(page("history/")), "FAQPage")


def test_robots_txt_points_to_the_sitemap(site, base_url) -> None:
    assert f"Sitemap: {base_url}sitemap.xml" in (site / "robots.txt").read_text()


def test_404_pages_help_in_every_language(html_pages, base_url) -> None:
    for url, home in ((f"{prefix(x)}404.html", base_url + prefix(x)) for x in LANGUAGES):
        doc = soup(html_pages[url])
        assert doc.select_one('meta[name="robots"]')["content"] == "noindex"
        links = [urljoin(base_url, a["href"]) for a in doc.select("article a")]
        assert home in links and home + "self-check/" in links, f"/{url}"
        assert doc.html["lang"] == lang_of(url)
        words = UI[lang_of(url)]
        assert doc.title.get_text() == words["not_found_title"] + BRAND


BRAND = " | " + FIRM["short_name"]
UI = yaml.safe_load((ROOT / "data" / "ui.yml").read_text(encoding="utf-8"))


def front_matter_title(url: str) -> str:
    """The `title:` of the Markdown page behind a built page's URL ("es/faq/" -> faq.es.md)."""
    lang = lang_of(url)
    name = url.removeprefix(prefix(lang)).strip("/") or "index"
    source = ROOT / "docs" / (f"{name}.md" if lang == DEFAULT else f"{name}.{lang}.md")
    return yaml.safe_load(source.read_text(encoding="utf-8").split("---")[1])["title"]


def test_titles_say_what_the_page_is_and_carry_the_brand_within_60_characters(html_pages):
    for url, path in content_pages(html_pages).items():
        own = front_matter_title(url)
        title = soup(path).title.get_text(strip=True)
        expected = own + BRAND if len(own + BRAND) <= 60 else own
        assert title == expected and len(title) <= 60, f"/{url}: {title!r}"
    for home in (prefix(lang) for lang in LANGUAGES):
        title = soup(html_pages[home]).title.get_text(strip=True)
        assert not title.startswith(("Home", "Inicio", "Akèy")), title


def test_previews_and_structured_data_use_the_pages_own_title(html_pages, base_url) -> None:
    for url, path in content_pages(html_pages).items():
        doc, own = soup(path), front_matter_title(url)
        og = {m["property"]: m["content"] for m in doc.select("meta[property^='og:']")}
        twitter = {m["name"]: m["content"] for m in doc.select("meta[name^='twitter:']")}
        assert og["og:title"] == twitter["twitter:title"] == own, f"/{url}"
        assert twitter["twitter:image:alt"] == og["og:image:alt"] and og["og:image:alt"]
        items = json_ld(doc)
        assert by_type(items, "WebPage")[0]["name"] == own, f"/{url}"
        site_name = og["og:site_name"]
        if url in {prefix(lang) for lang in LANGUAGES}:
            assert not by_type(items, "BreadcrumbList"), f"/{url}: a one-item breadcrumb"
            (website,) = by_type(items, "WebSite")
            assert website["name"] == site_name and website["url"] == base_url + url
        else:
            assert not by_type(items, "WebSite")
            crumbs = by_type(items, "BreadcrumbList")[0]["itemListElement"]
            assert [c["name"] for c in crumbs] == [site_name, own], f"/{url}"


def test_faq_answers_in_structured_data_stop_where_the_answer_does(site) -> None:
    for url in (prefix(lang) + "faq/" for lang in LANGUAGES):
        doc = fresh_soup(site / url / "index.html")
        entities = by_type(json_ld(doc), "FAQPage")[0]["mainEntity"]
        headings = doc.select("article h2")
        for entity, heading in zip(entities, headings, strict=True):
            parts = []
            for sibling in heading.find_next_siblings():
                if sibling.name == "h2":
                    break
                if "pd-cta" in (sibling.get("class") or []):
                    continue
                for cite in sibling.select("a.cite"):
                    cite.decompose()
                for term in sibling.select("a.pd-term"):  # a glossary link is running text
                    term.unwrap()
                sibling.smooth()
                parts.append(sibling.get_text(" ", strip=True))
            visible = " ".join(" ".join(parts).split()).replace(" .", ".")
            assert entity["acceptedAnswer"]["text"] == visible, f"/{url}: {entity['name']}"
        answers = " ".join(e["acceptedAnswer"]["text"] for e in entities)
        assert "305-373-5385" not in answers and "Sánchez-Roig" not in answers, f"/{url}"


def test_the_gzipped_sitemap_is_the_sitemap_and_neither_has_changefreq(site) -> None:
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    gz = site / "sitemap.xml.gz"
    assert not gz.exists() or gzip.decompress(gz.read_bytes()).decode("utf-8") == text
    assert 'hreflang="x-default"' in text
    assert "changefreq" not in text


def test_the_firms_optional_details_are_absent_until_given(page) -> None:
    """mkdocs.yml leaves them empty: the contact pages and the firm's data show none."""
    for url in (prefix(lang) + "contact/" for lang in LANGUAGES):
        doc = page(url)
        assert not doc.select(".pd-firm-details"), f"/{url}"
        firm = by_type(json_ld(doc), "LegalService")[0]
        assert not {"openingHours", "hasMap", "employee"} & set(firm)
        assert set(firm["address"]) == {
            "@type",
            "addressLocality",
            "addressRegion",
            "addressCountry",
        }
