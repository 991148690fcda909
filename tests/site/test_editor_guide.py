"""The editor guide (CONTRIBUTING.md) tells the truth: its examples build and its messages are real.

The guide marks each example with `<!-- example: NAME -->` and each build message with
`<!-- error: NAME -->`, right before the fenced block. Here every example is applied to a copy of
the site, the copy is built once, and the result is checked in every language; then, for every
message, a copy with the examples is broken the way the guide describes and given to the
build's checks in process (helpers.site_problem), which must give that message. The few
messages only a build gives (a marker on no page, MkDocs' own link and menu checks) come from real
builds in a subprocess, which must stop with that message and no traceback.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

import criteria
import facts
import helpers
import pages
from helpers import (
    DEFAULT,
    LANGUAGES,
    ROOT,
    TRANSLATED,
    build_site,
    mkdocs_build,
    prefix,
    site_problem,
    soup,
)

GUIDE = ROOT / "CONTRIBUTING.md"
BLOCK = re.compile(r"^<!-- (example|error): ([^>]+?) -->\n```[a-z]*\n(.*?)^```$", re.M | re.S)
AREA = "stay-of-removal"
PD_FILE = "criteria/prosecutorial-discretion.yml"


def guide_blocks() -> dict[str, dict[str, str]]:
    """{"example": {name: text}, "error": {name: text}} from the marked blocks of the guide."""
    found: dict[str, dict[str, str]] = {"example": {}, "error": {}}
    for kind, name, body in BLOCK.findall(GUIDE.read_text(encoding="utf-8")):
        assert name not in found[kind], f"CONTRIBUTING.md: two {kind} blocks named {name!r}"
        found[kind][name] = body
    return found


BLOCKS = guide_blocks()
EXAMPLES, ERRORS = BLOCKS["example"], BLOCKS["error"]


# --- applying the guide's examples to a copy of the site -------------------------------------


def edit(path: Path, old: str, new: str, *, last: bool = False) -> None:
    """Replace the first (or last) occurrence of `old`, which must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name}: {old!r} not found"
    if last:
        head, _, tail = text.rpartition(old)
        path.write_text(head + new + tail, encoding="utf-8")
    else:
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def insert_faq(path: Path, entry: str) -> None:
    """Put a FAQ entry above the call-to-action marker, as the guide says."""
    text = path.read_text(encoding="utf-8")
    assert text.count("<!-- firm:cta -->") == 1, f"{path.name}: expected one <!-- firm:cta -->"
    path.write_text(text.replace("<!-- firm:cta -->", entry + "\n<!-- firm:cta -->"), "utf-8")


def add_nav(config: Path, line: str) -> None:
    """Add a menu line at the end of `nav:`."""
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    at = lines.index("nav:\n") + 1
    while at < len(lines) and lines[at].startswith("  - "):
        at += 1
    lines.insert(at, line)
    config.write_text("".join(lines), encoding="utf-8")


def add_nav_translation(config: Path, line: str, nth: int = 0) -> None:
    """Add a line right under the nth `nav_translations:` (0: the first other language's)."""
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    found = [i for i, text in enumerate(lines) if text.strip() == "nav_translations:"]
    at = found[nth] + 1
    lines.insert(at, line)
    config.write_text("".join(lines), encoding="utf-8")


def append(path: Path, block: str) -> None:
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + "\n\n" + block, encoding="utf-8")


def insert_question(path: Path, block: str) -> None:
    """Add a question at the end of `questions:` (just before the top-level `factors:`)."""
    edit(path, "\nfactors:\n", "\n" + block + "\nfactors:\n")


def apply_examples(folder: Path) -> None:
    """Do everything the guide's examples say, in the site copy at `folder`."""
    config = folder / "mkdocs.yml"
    for name, text in EXAMPLES.items():
        if name.startswith("new-file "):
            (folder / name.removeprefix("new-file ")).write_text(text, encoding="utf-8")
        elif name.startswith("faq-"):
            lang = name.removeprefix("faq-")
            insert_faq(folder / "docs" / ("faq.md" if lang == "en" else f"faq.{lang}.md"), text)
        elif name == "fact":
            append(folder / "data" / "facts.yml", text)
        elif name == "glossary-term":
            append(folder / "data" / "glossary.yml", text)
        elif name == "nav":
            add_nav(config, text)
        elif name == "nav-translation":
            add_nav_translation(config, text)
        elif name == "nav-translation-ht":
            add_nav_translation(config, text, TRANSLATED.index("ht"))
        elif name in ("question", "multiple-question"):
            insert_question(folder / PD_FILE, text)
        elif name == "factor":
            append(folder / PD_FILE, text)
        else:
            assert name in CHECKED_ALONE, f"CONTRIBUTING.md: no test applies example {name!r}"


# Examples that are not applied to the site but checked on their own, below.
CHECKED_ALONE = ("page-front-matter", "reviewed", "rules")


def test_every_example_in_the_guide_is_exercised() -> None:
    applied = {f"faq-{lang}" for lang in LANGUAGES} | {
        "fact", "glossary-term", "nav", "nav-translation", "nav-translation-ht", "question",
        "factor", "multiple-question",
    }  # fmt: skip
    new_files = {f"new-file criteria/{AREA}.yml"} | {
        f"new-file docs/{AREA}.md" if lang == DEFAULT else f"new-file docs/{AREA}.{lang}.md"
        for lang in LANGUAGES
    }
    assert set(EXAMPLES) == applied | new_files | set(CHECKED_ALONE)


# --- the examples, built -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the site with every example of the guide applied, built in strict mode."""
    folder = tmp_path_factory.mktemp("guide") / "src"
    config = helpers.copy_site(folder)
    apply_examples(folder)
    return build_site(config, folder.parent / "out")


def example_yaml(name: str):
    return yaml.safe_load(EXAMPLES[name])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_new_practice_area_page_has_its_own_checker(built: Path, lang: str) -> None:
    area = yaml.safe_load(EXAMPLES[f"new-file criteria/{AREA}.yml"])
    doc = soup(built / prefix(lang) / AREA / "index.html")
    assert doc.html["lang"] == lang
    shown = criteria.text_language(criteria.Criteria("", area), lang)
    checker = doc.select_one("[data-criteria-checker]")
    assert checker is not None, "no self-check on the new page"
    rules = json.loads(checker["data-rules"])
    assert rules["id"] == AREA
    assert [q["id"] for q in rules["questions"]] == [q["id"] for q in area["questions"]]
    legends = [q.get_text() for q in checker.select("legend .pd-q")]
    assert legends == [q["text"][shown] for q in area["questions"]]
    factor_list = doc.select_one(f"#pd-factors-{AREA}")
    assert factor_list is not None, "no factor list on the new page"
    assert [f["data-factor"] for f in factor_list.select("[data-factor]")] == [
        f["id"] for kind in criteria.KINDS for f in area["factors"] if f["kind"] == kind
    ]
    for factor in area["factors"]:
        assert factor["title"][shown] in factor_list.get_text(" ")
    nav = [a.get("href", "") for a in doc.select("nav a")]
    assert any(AREA in href for href in nav), "the new page is not in the menu"


def test_new_practice_area_leaves_the_first_checker_alone(built: Path) -> None:
    doc = soup(built / "self-check" / "index.html")
    ids = [json.loads(c["data-rules"])["id"] for c in doc.select("[data-criteria-checker]")]
    assert ids == ["prosecutorial-discretion"]


def faq_heading(name: str) -> tuple[str, str, str]:
    """(heading text, heading id, first words of the answer) of a FAQ example."""
    heading, _, answer = EXAMPLES[name].partition("\n")
    match = re.fullmatch(r"## (.+?) \{ #([a-z0-9-]+) \}", heading)
    assert match, f"CONTRIBUTING.md: the {name} example must start with '## Question {{ #id }}'"
    return match[1], match[2], answer.strip().split("[[")[0].strip()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_faq_example_shows_in_both_languages(built: Path, lang: str) -> None:
    question, anchor, answer = faq_heading(f"faq-{lang}")
    assert anchor == faq_heading("faq-en")[1], "the two FAQ examples must share their id"
    doc = soup(built / prefix(lang) / "faq" / "index.html")
    heading = doc.select_one(f"article h2#{anchor}")
    assert heading is not None, f"no heading #{anchor} on the {lang} FAQ page"
    assert question in heading.get_text()
    paragraph = heading.find_next_sibling("p")
    assert answer in paragraph.get_text()
    assert paragraph.select("a.cite"), "the citation was not expanded"
    # and it stays above the call button at the end of the page
    assert heading.find_next(class_="pd-cta") is not None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_fact_example_appears_in_the_timeline_and_sources(built: Path, lang: str) -> None:
    (fact,) = example_yaml("fact")
    timeline = soup(built / prefix(lang) / "history" / "index.html").select_one(".pd-timeline")
    text = " ".join(timeline.get_text(" ").split())
    assert fact["summary"][lang] in text
    entry = next(li for li in timeline.select("li") if fact["summary"][lang] in li.get_text())
    assert entry.strong.get_text().endswith(f"{fact['label'][lang]}."), "the label leads"
    assert facts.format_date(fact["date"], lang) in text
    listed_on = facts.sources_page(fact).removesuffix(".md")  # the Sources page of its year
    sources = soup(built / prefix(lang) / listed_on / "index.html")
    assert sources.select_one(f"#src-{fact['id']}") is not None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_example_joins_the_glossary_in_both_languages(built: Path, lang: str) -> None:
    (term,) = example_yaml("glossary-term")
    doc = soup(built / prefix(lang) / "glossary" / "index.html")
    heading = doc.select_one(f"article h2#{term['id']}")
    assert heading is not None and term["term"][lang] in heading.get_text()
    meaning = " ".join(heading.find_next_sibling("p").get_text(" ").split())
    assert meaning.startswith(" ".join(term["definition"][lang].split()))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_question_and_factor_examples_join_the_self_check(built: Path, lang: str) -> None:
    (question,), (factor,) = example_yaml("question"), example_yaml("factor")
    doc = soup(built / prefix(lang) / "self-check" / "index.html")
    # The self-check's own file says which languages it has yet (`untranslated:`).
    pd = yaml.safe_load((ROOT / PD_FILE).read_text(encoding="utf-8"))
    lang = DEFAULT if lang in pd.get("untranslated", []) else lang
    step = doc.select_one(f'[data-criteria-checker] [data-question="{question["id"]}"]')
    assert step is not None, "the new question is not in the self-check"
    assert step.select_one("legend .pd-q").get_text() == question["text"][lang]
    assert [o.get_text() for o in step.select("label")] == [
        o["text"][lang] for o in question["options"]
    ]
    listed = doc.select_one(f'#pd-factors-prosecutorial-discretion [data-factor="{factor["id"]}"]')
    assert listed is not None and factor["title"][lang] in listed.get_text(" ")
    (boxes,) = example_yaml("multiple-question")
    step = doc.select_one(f'[data-criteria-checker] [data-question="{boxes["id"]}"]')
    assert [(i["type"], i.has_attr("data-exclusive")) for i in step.select("input")] == [
        ("checkbox", bool(o.get("exclusive"))) for o in boxes["options"]
    ]


def rule_names(rule: dict) -> list[tuple[str, list[str]]]:
    """Every (question, options) pair a rule names."""
    ((key, value),) = rule.items()
    if key in ("all", "any"):
        return [pair for sub in value for pair in rule_names(sub)]
    if key == "not":
        return rule_names(value)
    return [] if key == "always" else [(key, value)]


def test_rule_examples_use_real_questions_and_options() -> None:
    area = criteria.load(ROOT / PD_FILE, fact_ids=facts.load(ROOT / "data" / "facts.yml").ids)
    options = {q["id"]: [o["id"] for o in q["options"]] for q in area.questions}
    lines = [line for line in EXAMPLES["rules"].splitlines() if line.strip()]
    forms = set()
    for line in lines:
        rule = yaml.safe_load(line)["when"]
        forms.add(next(iter(rule)) if next(iter(rule)) in criteria.OPERATORS else "question")
        for question, chosen in rule_names(rule):
            assert question in options, f"{line}: no question {question!r}"
            assert set(chosen) <= set(options[question]), f"{line}: no such option of {question}"
        criteria.matches(rule, {})  # well formed for the evaluator
    assert forms == {"question", *criteria.OPERATORS}, "the guide shows every form of rule"


def test_front_matter_and_date_examples_pass_the_page_rules() -> None:
    meta = yaml.safe_load(EXAMPLES["page-front-matter"].strip().strip("-"))
    checked = pages.check_meta(meta, "faq.md", dt.date.today())
    assert checked["reviewed"] == str(meta["reviewed"])
    reviewed = yaml.safe_load(EXAMPLES["reviewed"])["reviewed"]
    assert isinstance(reviewed, dt.date) and reviewed <= dt.date.today()


# --- every message the guide lists, reproduced -------------------------------------------------

PAGE = f"docs/{AREA}.md"
AREA_FILE = f"criteria/{AREA}.yml"
FACT = example_yaml("fact")[0]


def line_of(path: Path, prefix: str) -> str:
    """The first whole line of `path` that starts with `prefix`."""
    text = path.read_text(encoding="utf-8")
    match = re.search(rf"^{re.escape(prefix)}.*\n", text, re.M)
    assert match, f"{path.name}: no line starting with {prefix!r}"
    return match[0]


def set_front_matter(field: str, value: str | None) -> Callable[[Path], None]:
    def breakage(site: Path) -> None:
        page = site / PAGE
        edit(page, line_of(page, f"{field}:"), "" if value is None else f"{field}: {value}\n")

    return breakage


def replace(path: str, old: str, new: str, *, last: bool = False) -> Callable[[Path], None]:
    return lambda site: edit(site / path, old, new, last=last)


def delete(path: str) -> Callable[[Path], None]:
    return lambda site: (site / path).unlink()


def remove_nav(site: Path) -> None:
    edit(site / "mkdocs.yml", EXAMPLES["nav"], "")


def facts_reviewed_in_future(site: Path) -> None:
    path = site / "data" / "facts.yml"
    edit(path, line_of(path, "reviewed:"), "reviewed: 2099-01-01\n")


FACT_SUMMARY_ES = f'      es: "{FACT["summary"]["es"]}"\n'
FACT_SUMMARY_HT = f'      ht: "{FACT["summary"]["ht"]}"\n'
FACT_SOURCE = f'    source: "{FACT["source"]}"\n'

# How the guide's examples are broken to get each message it lists.
BREAKAGES: dict[str, Callable[[Path], None]] = {
    "front-matter-missing": set_front_matter("description", None),
    "front-matter-broken": set_front_matter(
        "description",
        "Stays of removal: what they are, who decides them, and a private self-check.",
    ),
    "front-matter-field": replace(PAGE, "\nreviewed:", "\nauthor: Someone\nreviewed:"),
    "page-html": replace(
        PAGE, "<!-- firm:cta -->", "<script>alert(1)</script>\n\n<!-- firm:cta -->"
    ),
    "ui-missing": replace("data/ui.yml", "  back: Atrás\n", ""),
    "description-length": set_front_matter("description", "Pausing a removal order."),
    "reviewed-future": set_front_matter("reviewed", "2099-01-01"),
    "reviewed-format": set_front_matter("reviewed", "27/11/2026"),
    "unknown-fact": replace(PAGE, "[[cite:form-i-246]]", "[[cite:form-i246]]"),
    "unknown-marker": replace(PAGE, "<!-- firm:cta -->", "<!-- firm:call -->"),
    "unknown-criteria": replace(
        PAGE, f"criteria:checker {AREA}", "criteria:checker stay-of-remval"
    ),
    "marker-missing": replace(PAGE, f"<!-- criteria:factors {AREA} -->", ""),
    "missing-translation": delete(f"docs/{AREA}.es.md"),
    "link-page": replace(PAGE, "(forms.md#stay-of-removal)", "(form.md#stay-of-removal)"),
    "link-anchor": replace(PAGE, "(forms.md#stay-of-removal)", "(forms.md#stays)"),
    "not-in-nav": remove_nav,
    "criteria-kind": replace(AREA_FILE, "kind: helps", "kind: help"),
    "criteria-missing-text": replace(
        AREA_FILE, "      es: ¿Tiene una cita con ICE en los próximos 30 días?\n", ""
    ),
    "criteria-unknown-question": replace(
        AREA_FILE, 'when: {check-in: ["yes"]}', 'when: {checkin: ["yes"]}'
    ),
    "criteria-unknown-option": replace(
        AREA_FILE, "when: {order: [unsure]}", "when: {order: [not-sure]}"
    ),
    "criteria-never-appears": replace(
        AREA_FILE, "when: {order: [unsure]}", 'when: {all: [{order: ["no"]}, {check-in: ["yes"]}]}'
    ),
    "criteria-no-factor": replace(
        AREA_FILE, "when: {always: true}", 'when: {order: ["yes", unsure]}'
    ),
    "criteria-id": replace(AREA_FILE, f"id: {AREA}\n", "id: stay-removal\n"),
    "criteria-unknown-fact": replace(
        AREA_FILE, "sources: [form-i-246]\n\nquestions:", "sources: [form-i-264]\n\nquestions:"
    ),
    "criteria-as-of-future": replace(AREA_FILE, 'as_of: "2026-11-27"', 'as_of: "2099-01-01"'),
    "criteria-yaml": replace(
        AREA_FILE, "      en: Has a judge ordered", "     en: Has a judge ordered"
    ),
    "fact-missing-summary": replace("data/facts.yml", FACT_SUMMARY_ES, "", last=True),
    "fact-missing-summary-ht": replace("data/facts.yml", FACT_SUMMARY_HT, "", last=True),
    "fact-timeline-date": replace("data/facts.yml", f'    date: "{FACT["date"]}"\n', "", last=True),
    "fact-label": replace(
        "data/facts.yml",
        "    label:\n" + "".join(f'      {lang}: "{FACT["label"][lang]}"\n' for lang in LANGUAGES),
        "",
        last=True,
    ),
    "glossary-unknown-fact": replace(
        "data/glossary.yml", "sources: [eoir-33-address-duty]", "sources: [eoir-33]", last=True
    ),
    "glossary-spelling-twice": replace(
        "data/glossary.yml", "en: [EOIR-33]", "en: [EOIR]", last=True
    ),
    "fact-url": replace(
        "data/facts.yml",
        FACT_SOURCE,
        FACT_SOURCE + '    url: "https://www.example.com/memo.pdf"\n',
        last=True,
    ),
    "facts-reviewed-future": facts_reviewed_in_future,
    "firm-hours": replace("mkdocs.yml", "opening_hours: []", 'opening_hours: ["9 to 5"]'),
}


def test_every_message_in_the_guide_is_reproduced() -> None:
    assert set(ERRORS) == set(BREAKAGES), (
        "CONTRIBUTING.md and this test must list the same messages: "
        f"only in the guide {sorted(set(ERRORS) - set(BREAKAGES))}, "
        f"only here {sorted(set(BREAKAGES) - set(ERRORS))}"
    )


# Messages only a build gives: a marker missing from every page (counted once all pages are
# read), and MkDocs' own checks of the links and the menu. Each build below holds the breakages named with it:
# MkDocs warns of a page missing from the menu when it reads the menu, and of a link to no
# page when it reads the page, so both are printed before the missing marker stops the build
# (a strict build stops on warnings only at its end); it checks anchors later, after the
# event the missing marker stops, so that breakage has a build of its own.
BUILDS = {
    "marker-missing": ("marker-missing", "link-page", "not-in-nav"),
    "link-anchor": ("link-anchor",),
}
BUILT = [name for names in BUILDS.values() for name in names]
# A site's sources, without the code and templates (the checks in process read no more).
SOURCES = ("mkdocs.yml", "docs", "criteria", "data")


@pytest.fixture(scope="module")
def with_examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site's sources with every example of the guide applied, to copy and break."""
    folder = tmp_path_factory.mktemp("examples") / "src"
    helpers.copy_site(folder, SOURCES)
    apply_examples(folder)
    return folder


def message_pattern(message: str) -> re.Pattern[str]:
    """The message as a pattern; in data/facts.yml, line and list positions may differ."""
    pattern = re.escape(message)
    if message.startswith(("data/facts.yml", "data/glossary.yml", "data/ui.yml")):
        pattern = re.sub(r"(?<=yml:)\d+", r"\\d+", pattern)
        pattern = re.sub(r"\\\[\d+\\\]", r"\\[\\d+\\]", pattern)
    return re.compile(pattern)


@pytest.mark.parametrize("name", [name for name in BREAKAGES if name not in BUILT])
def test_the_checks_give_the_message_the_guide_shows(
    with_examples: Path, tmp_path: Path, name: str
) -> None:
    assert name in ERRORS, f"CONTRIBUTING.md lists no message for {name!r}"
    folder = tmp_path / "src"
    shutil.copytree(with_examples, folder)
    BREAKAGES[name](folder)
    problem = site_problem(folder, f"{AREA}.md")
    message = ERRORS[name].strip("\n")
    assert problem is not None, f"{name}: no check refused the breakage"
    assert message_pattern(message).search(problem), (
        f"{name}: the guide says\n{message}\nbut the checks gave\n{problem}"
    )


@pytest.fixture(scope="module")
def broken_builds(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, subprocess.CompletedProcess]:
    """Each build of BUILDS on its own copy (with the examples applied), built in parallel."""
    base = tmp_path_factory.mktemp("broken")

    def attempt(build: str) -> subprocess.CompletedProcess[str]:
        folder = base / build / "src"
        config = helpers.copy_site(folder)
        apply_examples(folder)
        for name in BUILDS[build]:
            BREAKAGES[name](folder)
        return mkdocs_build(config, folder.parent / "out")

    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 2)) as pool:
        results = dict(zip(BUILDS, pool.map(attempt, BUILDS), strict=True))
    return {name: results[build] for build, names in BUILDS.items() for name in names}


@pytest.mark.parametrize("name", BUILT)
def test_the_build_stops_with_the_message_the_guide_shows(broken_builds, name: str) -> None:
    assert name in ERRORS, f"CONTRIBUTING.md lists no message for {name!r}"
    result = broken_builds[name]
    assert result.returncode != 0, f"{name}: the build did not stop"
    assert "Traceback" not in result.stderr, result.stderr
    message = ERRORS[name].strip("\n")
    assert message_pattern(message).search(result.stderr), (
        f"{name}: the guide says\n{message}\nbut the build printed\n{result.stderr[-3000:]}"
    )
