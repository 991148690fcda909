"""One safe voice, honest dates and sources: rules every page, the self-check, the glossary and
the facts keep, read from the source files themselves (issue 22).

- No page types "as of <month> <year>": how current a page is comes from its `reviewed` date
  (`<!-- pd:reviewed -->`).
- No fact shows a low-quality outlet as the source a reader sees.
- "Do not contact ICE, USCIS or CBP on your own" always comes, in the same paragraph or card,
  with keeping every appointment and deadline the reader already has.
- Spanish never says "cerrar" for a dismissal (it says "desestimar"); "cerrar" is for
  administrative closure only.
- "Reopen at any time if you did not get notice" always says, in the same paragraph or card, that
  a notice sent to the address given to the court usually counts.
- Wherever AR-11 is named, the same section, card or entry says who must file it (it cites the
  fact on who must report an address).

Each rule is a function that returns its problems; a test runs it on the real files, and a
second test shows it catches a bad example, so none of them can pass by matching nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import DEFAULT, LANGUAGES, ROOT, TRANSLATED

DOCS = ROOT / "docs"
FACTS = yaml.safe_load((ROOT / "data" / "facts.yml").read_text(encoding="utf-8"))["facts"]
GLOSSARY = yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))["terms"]
CRITERIA_FILES = sorted((ROOT / "criteria").glob("*.yml"))
LANGS = LANGUAGES

# Outlets the fact sheet calls low quality (or that only repost others); a reader never sees
# them named as a source. The shared fact sheet's notes and source_errors_to_avoid name them.
LOW_QUALITY = re.compile(
    r"zero\s*hedge|epoch\s*times|\bBCN\b|boisclub|particle(?:\s+news|\.news)|visa\s*verge"
    r"|dissenter\.com|thetownhall\.news|thedailyfuckup|principlecivics|grokipedia|usciss\.us",
    re.IGNORECASE,
)

MONTHS = {
    "en": "January|February|March|April|May|June|July|August|September|October|November|December",
    "es": "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre"
    "|noviembre|diciembre",
    "ht": "janvye|fevriye|mas|avril|me|jen|jiyè|jiye|out|dout|septanm|oktòb|oktob|novanm"
    "|desanm",
}
AS_OF = {
    "en": re.compile(
        rf"\bas of\s+(?:(?:early|mid|late)[\s-]+)?(?:(?:{MONTHS['en']})\s+(?:\d{{1,2}},?\s+)?)?"
        r"(?:19|20)\d\d\b",
        re.IGNORECASE,
    ),
    # "a noviembre de 2026", "al 29 de noviembre de 2026", "vigente a ...": Spanish "as of".
    "es": re.compile(
        rf"\b(?:a|al)\s+(?:(?:principios|mediados|fines|finales)\s+de\s+)?(?:\d{{1,2}}\s+de\s+)?"
        rf"(?:{MONTHS['es']})\s+(?:de\s+|del\s+)?(?:19|20)\d\d\b",
        re.IGNORECASE,
    ),
    # "nan dat 29 novanm 2026", "jan bagay yo ye nan novanm 2026": Kreyòl "as of".
    "ht": re.compile(
        rf"\b(?:nan dat|jan (?:li|yo|bagay yo) (?:te )?ye (?:nan|jodi a,?))\s+(?:\d{{1,2}}\s+)?"
        rf"(?:{MONTHS['ht']})\s+(?:19|20)\d\d\b",
        re.IGNORECASE,
    ),
}
# "De febrero a junio de 2016" is a span of months, not an "as of".
SPAN_START = re.compile(
    rf"\b(?:de|desde)\s+(?:\d{{1,2}}\s+de\s+)?(?:{MONTHS['es']})(?:\s+de\s+(?:19|20)\d\d)?\s*$",
    re.IGNORECASE,
)

DO_NOT_CONTACT = {
    "en": re.compile(r"\bdo not (?:contact|call|visit|write)\b", re.IGNORECASE),
    "es": re.compile(
        r"\bno (?:se comunique|contacte|llame|visite|le escriba|escriba)\b", re.IGNORECASE
    ),
    "ht": re.compile(r"\bpa (?:kontakte|rele|vizite|ekri)\b", re.IGNORECASE),
}
# The keep-your-appointments line: it names appointments and deadlines in the reader's language.
KEEP_WORDS = {
    "en": ("appointment", "deadline"),
    "es": ("cita", "plazo"),
    "ht": ("randevou", "dènye dat"),
}

CERRAR = re.compile(
    r"\bcerr(?:ar|arlo|arla|arlos|arlas|ó|aron|ado|ada|ados|adas|ará|arán|aría|arían|e|en|a|an)\b",
    re.IGNORECASE,
)
CASE = re.compile(r"\bcasos?\b", re.IGNORECASE)

NO_NOTICE = {
    "en": re.compile(r"did not (?:get|receive) (?:proper |the |a )?notice", re.IGNORECASE),
    "es": re.compile(r"no recibi[óo] (?:el |ningún )?aviso", re.IGNORECASE),
    "ht": re.compile(r"pa (?:t |te )?resevwa (?:yon |okenn |bon )?avi", re.IGNORECASE),
}
ADDRESS = {"en": "address", "es": "dirección", "ht": "adrès"}

AR11 = re.compile(r"\bAR-11\b")
# The fact that says who must report a new address to USCIS (sheet section address_changes).
WHO_FILES_AR11 = "uscis-ar-11-who-must-report"
CITE = re.compile(r"\[\[cite:([^\]]+)\]\]")


# ---- Reading the sources ------------------------------------------------------------------


def pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def page_lang(path: Path) -> str:
    return next((x for x in TRANSLATED if path.name.endswith(f".{x}.md")), DEFAULT)


def body(path: Path) -> str:
    """The page's Markdown without its front matter block."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5 :]
    return text


def paragraphs(markdown: str) -> list[str]:
    """Blocks of text between blank lines (a list counts as one block)."""
    return [block.strip() for block in re.split(r"\n\s*\n", markdown) if block.strip()]


def sections(markdown: str) -> list[str]:
    """The page cut at each heading."""
    return [part for part in re.split(r"^#{1,6} ", markdown, flags=re.MULTILINE) if part.strip()]


def texts(node: Any, lang: str) -> Iterator[str]:
    """Every string under a `lang` key anywhere inside node."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == lang and isinstance(value, str):
                yield value
            else:
                yield from texts(value, lang)
    elif isinstance(node, list):
        for item in node:
            yield from texts(item, lang)


def cards(criteria: dict) -> Iterator[tuple[str, dict]]:
    """Each question and factor of a self-check: what the reader sees as one card."""
    for key, value in criteria.items():
        if isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    yield f"{key}[{item.get('id', '?')}]", item


def load_criteria(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def units() -> Iterator[tuple[str, str, str]]:
    """(where, language, text) for every paragraph of every page, every self-check card and
    every glossary entry: the places a reader reads as one piece."""
    for path in pages():
        for block in paragraphs(body(path)):
            yield f"docs/{path.relative_to(DOCS)}", page_lang(path), block
    for path in CRITERIA_FILES:
        for where, card in cards(load_criteria(path)):
            for lang in LANGS:
                yield f"criteria/{path.name}: {where}", lang, "\n".join(texts(card, lang))
    for term in GLOSSARY:
        for lang in LANGS:
            yield f"data/glossary.yml: {term['id']}", lang, "\n".join(texts(term, lang))


def spanish_texts() -> Iterator[tuple[str, str]]:
    """(where, text) for every Spanish text a reader can see."""
    for path in pages():
        if page_lang(path) == "es":
            for block in paragraphs(body(path)):
                yield f"docs/{path.relative_to(DOCS)}", block
    for name in ("glossary.yml", "updates.yml", "ui.yml"):
        data = yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))
        for text in texts(data, "es"):
            yield f"data/{name}", text
    for fact in FACTS:
        for text in texts({k: fact.get(k) for k in ("label", "summary")}, "es"):
            yield f"data/facts.yml: {fact['id']}", text
    for path in CRITERIA_FILES:
        for text in texts(load_criteria(path), "es"):
            yield f"criteria/{path.name}", text


# ---- The rules ------------------------------------------------------------------------------


def as_of_problems(where: str, lang: str, text: str) -> list[str]:
    problems = []
    for match in AS_OF[lang].finditer(text):
        if lang == "es" and SPAN_START.search(text[max(0, match.start() - 40) : match.start()]):
            continue
        problems.append(
            f'{where}: "{match.group(0)}" types how current the page is; '
            "write <!-- pd:reviewed --> (the page's reviewed date) instead"
        )
    return problems


def source_problems(fact: dict) -> list[str]:
    shown = " ".join(str(fact.get(field, "")) for field in ("source", "url"))
    match = LOW_QUALITY.search(shown)
    if not match:
        return []
    return [
        f'data/facts.yml: {fact["id"]}: the source names "{match.group(0)}", a low-quality '
        "outlet; cite the primary document or a reputable outlet the fact sheet gives, or drop "
        "the fact"
    ]


def contact_problems(where: str, lang: str, text: str) -> list[str]:
    if not DO_NOT_CONTACT[lang].search(text) or "USCIS" not in text:
        return []
    lowered = text.lower()
    if all(word in lowered for word in KEEP_WORDS[lang]):
        return []
    return [
        f"{where}: says not to contact USCIS without the keep-your-appointments line "
        "(keep every appointment, interview, biometrics date and deadline you already have)"
    ]


def notice_problems(where: str, lang: str, text: str) -> list[str]:
    if not NO_NOTICE[lang].search(text) or ADDRESS[lang] in text.lower():
        return []
    return [
        f"{where}: says an in absentia order can be reopened if you did not get notice, without "
        "saying that notice sent to the address you gave the court usually counts"
    ]


def cerrar_problems(where: str, text: str) -> list[str]:
    problems = []
    for sentence in re.split(r"(?<=[.!?;:])\s+", text):
        match = CERRAR.search(sentence)
        if match and CASE.search(sentence) and "administrativ" not in sentence.lower():
            problems.append(
                f'{where}: "{match.group(0)}" a case: say "desestimar" for a dismissal; '
                f'"cerrar" only with "administrativo" (administrative closure): {sentence}'
            )
    return problems


def ar11_problems(where: str, text: str, cited: set[str]) -> list[str]:
    if not AR11.search(text) or WHO_FILES_AR11 in cited:
        return []
    return [f"{where}: names AR-11 without saying who must file it (cite {WHO_FILES_AR11})"]


def ar11_units() -> Iterator[tuple[str, str, set[str]]]:
    """(where, text, cited fact ids) for each page section, self-check card and glossary entry."""

    def cited_in(text: str) -> set[str]:
        return {i.strip() for group in CITE.findall(text) for i in group.split(",")}

    for path in pages():
        for part in sections(body(path)):
            heading = part.splitlines()[0]
            yield f"docs/{path.relative_to(DOCS)} ({heading})", part, cited_in(part)
    for path in CRITERIA_FILES:
        for where, card in cards(load_criteria(path)):
            text = "\n".join(t for lang in LANGS for t in texts(card, lang))
            yield f"criteria/{path.name}: {where}", text, set(card.get("sources", []))
    for term in GLOSSARY:
        text = "\n".join(t for lang in LANGS for t in texts(term, lang))
        yield f"data/glossary.yml: {term['id']}", text, set(term.get("sources", []))


# ---- The tests ------------------------------------------------------------------------------


def test_no_page_types_how_current_it_is():
    problems = [
        problem
        for path in pages()
        for block in paragraphs(body(path))
        for problem in as_of_problems(f"docs/{path.relative_to(DOCS)}", page_lang(path), block)
    ]
    problems += [
        problem
        for term in GLOSSARY
        for lang in LANGS
        for text in texts(term, lang)
        for problem in as_of_problems(f"data/glossary.yml: {term['id']}", lang, text)
    ]
    assert not problems, "\n".join(problems)


def test_pages_say_how_current_they_are_from_data():
    # The pages that speak of "where things stand" take the date from their front matter.
    marked = [path for path in pages() if "<!-- pd:reviewed -->" in body(path)]
    assert marked, "no page uses <!-- pd:reviewed -->"
    assert {page_lang(path) for path in marked} == set(LANGS)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Policies have changed, so we show the facts as of November 2026."),
        ("en", "The rules as of March 3, 2026 still apply."),
        ("es", "Por eso explicamos cómo están las cosas a noviembre de 2026."),
        ("es", "Las reglas vigentes al 29 de noviembre de 2026."),
        ("ht", "Règ sa yo montre politik la nan dat 29 novanm 2026."),
    ],
)
def test_a_typed_as_of_date_is_caught(lang, text):
    assert as_of_problems("page", lang, text)


def test_a_span_of_months_is_not_an_as_of_date():
    assert not as_of_problems("page", "es", "De febrero a junio de 2016, las cortes terminaron.")


def test_no_fact_shows_a_low_quality_source():
    problems = [problem for fact in FACTS for problem in source_problems(fact)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "source",
    [
        "Fifth Circuit ruling (Epoch Times via ZeroHedge, 2026-02-07)",
        "Appeals Court Lets Trump Resume Fast-Track Deportations Nationwide (BCN, 2026-06-26)",
        "Federal judge blocks the expansion (Particle News)",
        "Judge rejects BIA policy (VisaVerge, updated Feb. 19, 2026)",
    ],
)
def test_a_low_quality_source_is_caught(source):
    assert source_problems({"id": "x", "source": source})


def test_do_not_contact_uscis_always_comes_with_keeping_appointments():
    problems = [problem for unit in units() for problem in contact_problems(*unit)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "So do not contact ICE, USCIS or CBP on your own. Talk to a lawyer first."),
        ("es", "No se comunique con ICE, USCIS ni CBP por su cuenta. Hable con un abogado."),
        ("ht", "Pa kontakte ICE, USCIS oswa CBP poukont ou. Pale ak yon avoka anvan."),
        ("en", "Do not call, visit or write to ICE, USCIS or CBP.\nKeep your appointments."),
    ],
)
def test_do_not_contact_without_the_keep_line_is_caught(lang, text):
    assert contact_problems("page", lang, text)


def test_reopening_for_no_notice_always_says_the_address_notice_counts():
    problems = [problem for unit in units() for problem in notice_problems(*unit)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "You may reopen at any time if you did not get proper notice."),
        ("es", "Puede reabrir en cualquier momento si no recibió el aviso correcto."),
        ("ht", "Ou ka relouvri nenpòt ki lè si ou pa t resevwa yon avi jan sa dwe fèt."),
    ],
)
def test_reopening_for_no_notice_without_the_address_caveat_is_caught(lang, text):
    assert notice_problems("page", lang, text)


def test_spanish_never_says_cerrar_for_a_dismissal():
    problems = [
        problem for where, text in spanish_texts() for problem in cerrar_problems(where, text)
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "text",
    [
        "Fue justo después de que cerraron sus casos.",
        "¿El abogado del gobierno ha ofrecido desestimar (cerrar) su caso en la corte?",
    ],
)
def test_cerrar_for_a_dismissal_is_caught(text):
    assert cerrar_problems("page", text)


def test_administrative_closure_may_say_cerrar():
    assert not cerrar_problems("page", "El juez puede cerrar el caso de forma administrativa.")


def test_every_mention_of_ar_11_says_who_must_file():
    problems = [problem for unit in ar11_units() for problem in ar11_problems(*unit)]
    assert not problems, "\n".join(problems)


def test_ar_11_without_who_must_file_is_caught():
    assert ar11_problems(
        "page", "Report each new address on Form AR-11 [[cite:ina-265-ar-11]].", {"ina-265-ar-11"}
    )
