"""Structured data helpers."""

from __future__ import annotations

import seo

FIRM = {"name": "A Firm", "tel": "+13053735385", "city": "Miami, Florida"}


def test_faq_entries_take_each_h2_and_its_answer_without_citations() -> None:
    content = (
        '<h2 id="a">Is it a status?<a class="headerlink" href="#a">¶</a></h2>'
        '<p>No. It is a choice <a class="cite" href="x">[3]</a>.</p><p>More.</p>'
        '<h2 id="b">Can it change?</h2><p>Yes &amp; often.</p>'
    )
    assert seo.faq_entries(content) == [
        ("Is it a status?", "No. It is a choice. More."),
        ("Can it change?", "Yes & often."),
    ]


def test_structured_data_for_a_faq_page() -> None:
    items = seo.structured_data(
        firm=FIRM,
        site_url="https://x.org/",
        home_url="https://x.org/es/",
        page_url="https://x.org/es/faq/",
        title="Preguntas",
        description="D",
        reviewed="2026-11-27",
        lang="es",
        languages=["en", "es"],
        home_title="Inicio",
        faq=[("¿Q?", "A.")],
    )
    assert [i["@type"] for i in items] == ["LegalService", "WebPage", "BreadcrumbList", "FAQPage"]
    assert items[0]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Miami",
        "addressCountry": "US",
        "addressRegion": "Florida",
    }
    assert items[1]["dateModified"] == "2026-11-27" and items[1]["inLanguage"] == "es"
    assert [c["item"] for c in items[2]["itemListElement"]] == [
        "https://x.org/es/",
        "https://x.org/es/faq/",
    ]
    assert items[3]["mainEntity"][0]["acceptedAnswer"]["text"] == "A."


def test_home_page_breadcrumb_has_one_item() -> None:
    items = seo.structured_data(
        firm=FIRM,
        site_url="https://x.org/",
        home_url="https://x.org/",
        page_url="https://x.org/",
        title="Home",
        description="D",
        reviewed="2026-11-27",
        lang="en",
        languages=["en"],
        home_title="Home",
    )
    assert len(items[2]["itemListElement"]) == 1
    assert len(items) == 3
