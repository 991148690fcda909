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
LOCALES = {"en": "en_US", "es": "es_US", "ht": "ht_HT"}
TITLE_LIMIT = 60
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


def html_title(title: str, brand: str, limit: int = TITLE_LIMIT) -> str:
    """The <title>: the page's own title and the short brand, or the title alone when both
    would pass `limit` characters (search results cut longer titles)."""
    branded = f"{title} | {brand}"
    return branded if len(branded) <= limit else title


def page_metadata(
    meta: dict[str, Any],
    firm: dict[str, Any],
    *,
    homes: dict[str, str],
    lang: str,
    url: str,
    site: str,
) -> dict[str, Any]:
    """What the page at `url` in `lang` says about itself in its <head>
    (overrides/partials/seo.html), from its checked front matter `meta`: its structured
    data, its <title>, and its Open Graph locale, the other languages' locales and share
    image. `homes`: each language's home page, the default language's (the site's address)
    first; `site`: the site's name."""
    site_url, languages = next(iter(homes.values())), list(homes)
    return {
        "structured_data": structured_data(
            firm=firm,
            site_url=site_url,
            home_url=homes[lang],
            page_url=url,
            title=meta["title"],
            description=meta["description"],
            reviewed=meta["reviewed"],
            lang=lang,
            languages=languages,
            site_name=site,
            faq=meta["faq_entries"],
        ),
        "html_title": html_title(meta["title"], firm["short_name"]),
        "og": {
            "locale": LOCALES.get(lang, lang),
            "alternates": [LOCALES.get(x, x) for x in languages if x != lang],
            "image": f"{site_url}assets/share-{lang}.png",
        },
    }


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
    site_name: str,
    faq: list[tuple[str, str]] | None = None,
) -> list[dict[str, Any]]:
    """JSON-LD objects for a page: the firm, the page, then the site (home pages) or the
    page's breadcrumbs (other pages), and its FAQ if any."""
    firm_id = site_url + "#firm"
    graph: list[dict[str, Any]] = [
        legal_service(firm, site_url, languages),
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
    if page_url == home_url:
        # A breadcrumb of one item says nothing; the home page names the site instead.
        graph.append(
            {
                "@context": "https://schema.org",
                "@type": "WebSite",
                "@id": home_url + "#website",
                "url": home_url,
                "name": site_name,
                "inLanguage": lang,
                "publisher": {"@id": firm_id},
            }
        )
    else:
        graph.append(
            {
                "@context": "https://schema.org",
                "@type": "BreadcrumbList",
                "itemListElement": [
                    {"@type": "ListItem", "position": n, "name": name, "item": url}
                    for n, (name, url) in enumerate(
                        [(site_name, home_url), (title, page_url)], start=1
                    )
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


def legal_service(firm: dict[str, Any], site_url: str, languages: list[str]) -> dict[str, Any]:
    """The firm as a schema.org LegalService: its optional details only when given."""
    service: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LegalService",
        "@id": site_url + "#firm",
        "name": firm["name"],
        "telephone": firm["tel"],
        "url": site_url,
        "areaServed": {"@type": "City", "name": firm["city"]},
        "address": _address(firm),
        # The languages spoken at the office when the firm names them, else the site's.
        "knowsLanguage": firm.get("languages") or languages,
    }
    if firm.get("opening_hours"):
        service["openingHours"] = firm["opening_hours"]
    if firm.get("map_url"):
        service["hasMap"] = firm["map_url"]
    attorney = firm.get("attorney")
    if attorney:
        person: dict[str, Any] = {"@type": "Person", "name": attorney["name"]}
        if attorney.get("florida_bar_number"):
            person["identifier"] = {
                "@type": "PropertyValue",
                "propertyID": "Florida Bar number",
                "value": attorney["florida_bar_number"],
            }
        service["employee"] = person
    return service


def _address(firm: dict[str, Any]) -> dict[str, str]:
    locality, _, region = (part.strip() for part in firm["city"].partition(","))
    address = {"@type": "PostalAddress", "addressLocality": locality, "addressCountry": "US"}
    if region:
        address["addressRegion"] = region
    if firm.get("street_address"):
        address["streetAddress"] = firm["street_address"]
    if firm.get("postal_code"):
        address["postalCode"] = firm["postal_code"]
    return address


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


def write_site_files(
    site: Path, *, site_url: str, words: dict[str, dict[str, Any]], firm_name: str
) -> None:
    """robots.txt, and each language's share image (its words' share_title and
    share_subtitle, with the firm's name)."""
    (site / "robots.txt").write_text(robots_txt(site_url), encoding="utf-8")
    for lang, ui in words.items():
        share_image(
            site / "assets" / f"share-{lang}.png",
            ui["share_title"],
            f"{ui['share_subtitle']} · {firm_name}",
        )
