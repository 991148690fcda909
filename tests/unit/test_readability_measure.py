"""The readability measure itself (helpers.prose, helpers.reads_plainly): it can fail."""

from __future__ import annotations

import subprocess
import sys

import textstat
from bs4 import BeautifulSoup

from helpers import MAX_GRADE, MIN_EASE, ROOT, prose, readability, reads_plainly

HARD_EN = (
    "Notwithstanding the administrative determinations articulated in the aforementioned "
    "memorandum, prosecutorial discretion constitutes an indispensable, institutionally "
    "entrenched mechanism whereby governmental authorities prioritize enforcement "
    "considerations according to multidimensional humanitarian, evidentiary and jurisdictional "
    "circumstances."
)
PLAIN_EN = (
    "Go to every hearing. If you miss one, the judge can order you removed. Keep your address "
    "up to date. Ask a lawyer before you go to an ICE office."
)
HARD_ES = (
    "No obstante las determinaciones administrativas articuladas en el mencionado memorando, la "
    "discreción procesal constituye un mecanismo institucionalmente indispensable mediante el "
    "cual las autoridades gubernamentales jerarquizan consideraciones humanitarias, probatorias "
    "y jurisdiccionales multidimensionales."
)
PLAIN_ES = (
    "Vaya a cada audiencia. Si falta a una, el juez puede ordenar su deportación. Mantenga su "
    "dirección al día. Hable con un abogado antes de ir a una oficina de ICE."
)


def test_a_hard_english_paragraph_fails_and_a_plain_one_passes() -> None:
    assert readability(HARD_EN, "en") > MAX_GRADE
    assert not reads_plainly(HARD_EN, "en")
    assert reads_plainly(PLAIN_EN, "en")


def test_a_hard_spanish_paragraph_fails_and_a_plain_one_passes() -> None:
    assert readability(HARD_ES, "es") < MIN_EASE
    assert not reads_plainly(HARD_ES, "es")
    assert reads_plainly(PLAIN_ES, "es")


def test_measuring_spanish_leaves_english_syllable_counting_as_it_was() -> None:
    before = readability(PLAIN_EN, "en")
    readability(PLAIN_ES, "es")
    assert readability(PLAIN_EN, "en") == before


def test_english_syllables_come_from_the_pronouncing_dictionary() -> None:
    """MAX_GRADE is set for dictionary counts (see helpers): hyphenation counts "people" and
    "about" as one syllable each, and would let a page pass about two grades too hard."""
    assert textstat.syllable_count("people about") == 4


def test_measuring_uses_no_network() -> None:
    """textstat 0.7.10 and later download word lists the first time a language is measured;
    ours measures both languages, in a fresh process, without opening a connection."""
    code = (
        "import sys\n"
        "tried = []\n"
        "sys.addaudithook(lambda event, args: event.startswith(('socket.', 'urllib.'))"
        " and tried.append(event))\n"
        "from helpers import readability\n"
        "from test_readability_measure import PLAIN_EN, PLAIN_ES\n"
        "readability(PLAIN_EN, 'en'), readability(PLAIN_ES, 'es')\n"
        "print(tried)\n"
    )
    paths = [str(ROOT / "tests"), str(ROOT / "tests" / "unit")]
    run = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": ":".join(paths)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.strip() == "[]", run.stdout


def article(html: str):
    return BeautifulSoup(f'<article class="md-content__inner">{html}</article>', "html.parser")


def test_prose_takes_each_block_as_a_sentence_and_nested_lists_apart() -> None:
    text = prose(
        article("<h2>Bond</h2><ul><li>First <em>step</em><ul><li>Inner</li></ul></li></ul>")
    )
    assert text == "Bond. First step. Inner."


def test_prose_leaves_out_titles_citation_numbers_code_and_hidden_text() -> None:
    html = (
        '<p>Read <cite>A Very Long Official Memorandum Title</cite> now <a class="cite">[3]</a>'
        '<a class="headerlink">¶</a>: <code>x = 1</code></p><p hidden>Secret</p>'
        "<script>var a;</script><p>Done!</p>"
    )
    assert prose(article(html)) == "Read now : Done!"
