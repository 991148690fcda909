"""Every built page reads plainly: grade 8 or below in English (Flesch-Kincaid), "normal" or
easier in Spanish (Fernández-Huerta 70 or more), short sentences in Kreyòl (no formula exists
for it: 15 words a sentence at most, see helpers). Generated parts count too (factor list,
timeline, updates, sources, the self-check's fallback). Exact official titles are in <cite>
and count as quotations, not as our prose (see helpers.prose)."""

from __future__ import annotations

import pytest

from helpers import (
    LANGUAGES,
    MAX_GRADE,
    MAX_WORDS_PER_SENTENCE,
    MIN_EASE,
    ROOT,
    TRANSLATED,
    fresh_soup,
    lang_of,
    prose,
    readability,
    reads_plainly,
    soup,
)

BAR = {
    "en": f"Flesch-Kincaid grade at most {MAX_GRADE}",
    "es": f"Fernández-Huerta at least {MIN_EASE}",
    "ht": f"{MAX_WORDS_PER_SENTENCE} words a sentence at most",
}


def built_url(source: str) -> str:
    """The address of a page's built version: "faq.es.md" -> "es/faq/", "index.md" -> ""."""
    base = source.removesuffix(".md")
    lang = next((f"{x}/" for x in TRANSLATED if base.endswith(f".{x}")), "")
    base = base.removesuffix(f".{lang[:-1]}") if lang else base
    return lang + ("" if base == "index" else base.removesuffix("/index") + "/")


# Every page of the site, from the docs folder, so that a new page is measured without a word.
DOCS = ROOT / "docs"
PAGES = sorted(built_url(p.relative_to(DOCS).as_posix()) for p in DOCS.rglob("*.md"))


def test_every_page_of_every_language_is_measured() -> None:
    assert "" in PAGES and "es/" in PAGES and "history/" in PAGES and "es/sources/" in PAGES
    assert "ht/" in PAGES and set(BAR) == set(LANGUAGES)
    for lang in TRANSLATED:
        assert len([p for p in PAGES if p.startswith(f"{lang}/")]) * len(LANGUAGES) == len(PAGES)
    assert built_url("guide/index.es.md") == "es/guide/"


@pytest.mark.parametrize("url", PAGES)
def test_page_reads_plainly(site, url: str) -> None:
    lang = lang_of(url)
    article = fresh_soup(site / url / "index.html").select_one("article.md-content__inner")
    text = prose(article)
    assert len(text.split()) > 40, f"/{url}: too little text measured; is the article there?"
    assert reads_plainly(text, lang), (
        f"/{url}: scores {readability(text, lang):.1f}; needs {BAR[lang]}. Shorter sentences "
        "and shorter, common words help (see CONTRIBUTING.md, Write plainly)"
    )
