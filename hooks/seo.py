"""Search metadata: JSON-LD structured data, FAQ entries, share image, robots.txt.

Pure Python, no MkDocs imports. Everything is derived from the firm's config, the page's
front matter and the page's own rendered content, never written by hand per page.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

SHARE_SIZE = (1200, 630)
LOCALES = {"en": "en_US", "es": "es_US"}
_H2 = re.compile(r"<h2[^>]*>(?P<q>.*?)</h2>(?P<a>.*?)(?=<h2|\Z)", re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_CITATION = re.compile(r'<a[^>]*class="cite"[^>]*>.*?</a>', re.DOTALL)
_HEADERLINK = re.compile(r'<a[^>]*class="headerlink"[^>]*>.*?</a>', re.DOTALL)


def plain_text(fragment: str) -> str:
    """Visible text of an HTML fragment, without citation marks, in one line."""
    fragment = _HEADERLINK.sub("", _CITATION.sub("", fragment))
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split()).replace(" .", ".")


def faq_entries(content: str) -> list[tuple[str, str]]:
    """(question, answer) for each h2 of a FAQ page and the text up to the next h2."""
    return [
        (plain_text(m.group("q")), plain_text(m.group("a")))
        for m in _H2.finditer(content)
        if plain_text(m.group("a"))
    ]


def structured_data(
    *,
    firm: dict[str, Any],
    site_url: str,
    home_url: str,
    page_url: str,
    title: str,
    description: str,
    reviewed: str,
    lang: str,
    languages: list[str],
    home_title: str,
    faq: list[tuple[str, str]] | None = None,
) -> list[dict[str, Any]]:
    """JSON-LD objects for a page: the firm, the page, its breadcrumbs and, if any, its FAQ."""
    firm_id = site_url + "#firm"
    graph: list[dict[str, Any]] = [
        {
            "@context": "https://schema.org",
            "@type": "LegalService",
            "@id": firm_id,
            "name": firm["name"],
            "telephone": firm["tel"],
            "url": site_url,
            "areaServed": {"@type": "City", "name": firm["city"]},
            "address": _address(firm["city"]),
            "knowsLanguage": languages,
        },
        {
            "@context": "https://schema.org",
            "@type": "WebPage",
            "@id": page_url,
            "url": page_url,
            "name": title,
            "description": description,
            "inLanguage": lang,
            "dateModified": reviewed,
            "publisher": {"@id": firm_id},
        },
    ]
    crumbs = [(home_title, home_url)] + ([(title, page_url)] if page_url != home_url else [])
    graph.append(
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": n, "name": name, "item": url}
                for n, (name, url) in enumerate(crumbs, start=1)
            ],
        }
    )
    if faq:
        graph.append(
            {
                "@context": "https://schema.org",
                "@type": "FAQPage",
                "@id": page_url + "#faq",
                "inLanguage": lang,
                "mainEntity": [
                    {
                        "@type": "Question",
                        "name": q,
                        "acceptedAnswer": {"@type": "Answer", "text": a},
                    }
                    for q, a in faq
                ],
            }
        )
    return graph


def _address(city: str) -> dict[str, str]:
    locality, _, region = (part.strip() for part in city.partition(","))
    address = {"@type": "PostalAddress", "addressLocality": locality, "addressCountry": "US"}
    return {**address, "addressRegion": region} if region else address


def share_image(path: Path, title: str, subtitle: str) -> None:
    """Draw the 1200x630 share image at build time: no network service, no system font."""
    from PIL import Image, ImageDraw

    width, height = SHARE_SIZE
    image = Image.new("RGB", SHARE_SIZE, "#283593")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height - 24, width, height), fill="#9fa8da")
    big, small = _font(64, "Bold"), _font(36, "Regular")
    y = 150
    for line in _wrap(draw, title, big, width - 160):
        draw.text((80, y), line, font=big, fill="white")
        y += 80
    y += 30
    for line in _wrap(draw, subtitle, small, width - 160):
        draw.text((80, y), line, font=small, fill="#e8eaf6")
        y += 48
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)


def _font(size: int, style: str) -> Any:
    # Noto Sans comes from PyPI (fontpkg-noto-sans): it has every Spanish letter, which
    # Pillow's built-in font lacks, and needs no font from the network or the system.
    from importlib.resources import files

    from PIL import ImageFont

    font = ImageFont.truetype(
        str(files("fontpkg_noto_sans") / "files" / "NotoSans[wdth,wght].ttf"), size
    )
    font.set_variation_by_name(style)
    return font


def _wrap(draw: Any, text: str, font: Any, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    return [*lines, line]


def robots_txt(site_url: str) -> str:
    """robots.txt that allows everything and points to the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url.rstrip('/')}/sitemap.xml\n"
