"""Structured data helpers."""

from __future__ import annotations

import pytest
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
        site_name="Sitio",
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
    assert [(c["name"], c["item"]) for c in items[2]["itemListElement"]] == [
        ("Sitio", "https://x.org/es/"),
        ("Preguntas", "https://x.org/es/faq/"),
    ]
    assert items[3]["mainEntity"][0]["acceptedAnswer"]["text"] == "A."


def test_home_page_names_the_site_instead_of_a_one_item_breadcrumb() -> None:
    items = seo.structured_data(
        firm=FIRM,
        site_url="https://x.org/",
        home_url="https://x.org/",
        page_url="https://x.org/",
        title="A guide, explained",
        description="D",
        reviewed="2026-11-27",
        lang="en",
        languages=["en"],
        site_name="The guide",
    )
    assert [i["@type"] for i in items] == ["LegalService", "WebPage", "WebSite"]
    assert items[1]["name"] == "A guide, explained"
    assert items[2]["name"] == "The guide" and items[2]["url"] == "https://x.org/"
    assert items[2]["publisher"] == {"@id": "https://x.org/#firm"}


def test_the_firms_optional_details_are_described_only_when_given() -> None:
    bare = seo.legal_service(FIRM, "https://x.org/", ["en", "es"])
    assert bare["knowsLanguage"] == ["en", "es"]
    assert not {"openingHours", "hasMap", "employee"} & set(bare)
    assert not {"streetAddress", "postalCode"} & set(bare["address"])
    given = {
        **FIRM,
        "street_address": "1 Main Street",
        "postal_code": "33100",
        "opening_hours": ["Mo-Fr 09:00-17:00"],
        "languages": ["es"],
        "attorney": {"name": "A. Lawyer", "florida_bar_number": "12345"},
        "map_url": "https://maps.example/office",
    }
    full = seo.legal_service(given, "https://x.org/", ["en", "es"])
    assert full["address"]["streetAddress"] == "1 Main Street"
    assert full["address"]["postalCode"] == "33100"
    assert full["openingHours"] == ["Mo-Fr 09:00-17:00"]
    assert full["knowsLanguage"] == ["es"]
    assert full["hasMap"] == "https://maps.example/office"
    assert full["employee"] == {
        "@type": "Person",
        "name": "A. Lawyer",
        "identifier": {
            "@type": "PropertyValue",
            "propertyID": "Florida Bar number",
            "value": "12345",
        },
    }


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Policy history", "Policy history | Sánchez-Roig Law Firm"),
        (
            "Who may merit special consideration",
            "Who may merit special consideration | Sánchez-Roig Law Firm",
        ),
        (
            "Quién puede merecer una consideración especial",
            "Quién puede merecer una consideración especial",
        ),
    ],
)
def test_titles_carry_the_brand_when_both_fit_in_60_characters(title, expected) -> None:
    assert seo.html_title(title, "Sánchez-Roig Law Firm") == expected
    assert len(expected) <= 60
