"""The whole site, finished once every language is built (site.py, on_post_build): the
post-build steps in order, each done by the module it belongs to.

Pure Python, no MkDocs imports.
"""

from __future__ import annotations

from pathlib import Path

import material_html
import pages
import security
import seo
import trim
import updates
from sitedata import SiteData


def finish_site(
    site: Path,
    data: SiteData,
    *,
    docs: Path,
    homes: dict[str, str],
    updates_page: str | None,
) -> None:
    """One Content-Security-Policy from the theme's inline scripts (any other stops the
    build), feeds, search on demand, trimmed CSS and JS named by version, no source maps,
    robots.txt, share images and the sitemaps. `homes`: each language's home page (the first
    language's is the site's address); `updates_page`: the page that shows the policy
    updates (no feeds without one)."""
    site_url, firm = homes[data.languages[0]], data.firm
    texts, csp = security.site_policy(site)
    if updates_page:
        updates.write_feeds(
            site,
            data.updates,
            page=updates_page,
            site_url=site_url,
            homes=homes,
            titles={lang: data.ui[lang]["updates_feed_title"] for lang in data.languages},
            author=firm["name"],
        )
    material_html.search_files_on_demand(site, data.languages)
    own = trim.own_assets(docs / "assets")
    trim.trim_site(
        site, own=own, pages_html=texts.values(), unused_features=material_html.UNUSED_FEATURES
    )
    trim.drop_source_maps(site)
    versions = trim.versions(site, own)
    for path, text in texts.items():
        text = material_html.version_own_assets(text, versions)
        path.write_text(security.add_policy(text, csp), encoding="utf-8")
    seo.write_site_files(site, site_url=site_url, words=data.ui, firm_name=firm["name"])
    # Every language root gets the sitemap: Material's switcher reads it from there, and
    # every entry names its alternates, x-default included.
    pages.finish_sitemaps(site, data.languages)
