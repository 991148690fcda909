"""Render criteria and facts through the Jinja partials in overrides/partials, and word a
template's error as one line naming it. No MkDocs imports."""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import answercode
import jinja2
from markupsafe import Markup

import buildcache
import facts as facts_mod
from criteria import KINDS, Criteria, text_language
from facts import Facts
from glossary import Glossary
from yamlsource import SourceError

T = TypeVar("T")
PARTIALS = Path(__file__).resolve().parent.parent / "overrides" / "partials"


@functools.cache  # one for the whole run; Jinja still reloads a partial edited on disk
def make_env() -> jinja2.Environment:
    """A strict, autoescaping Jinja environment over the partials. Filters that depend on the
    language or the page read `lang` and `page_path` from the template's context."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(PARTIALS),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=buildcache.template_cache("partials"),  # reused by later builds
    )
    env.filters["md"] = lambda text: Markup(facts_mod.escape_markdown(str(text)))
    env.filters["md_inline"] = _markdown_inline
    env.filters["keep_together"] = keep_together
    env.filters["long_date"] = jinja2.pass_context(
        lambda context, text: facts_mod.format_date(text, context["lang"])
    )
    env.filters["page_link"] = jinja2.pass_context(
        lambda context, target: relative_link(target, context["page_path"])
    )
    return env


def _markdown_inline(text: str) -> Markup:
    # Validation already rejects < and > in these texts; escape the rest of HTML's
    # specials so that only Markdown's *emphasis* and [links](page.md) survive.
    return Markup(str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))


# Form numbers (I-130, N-400, EOIR-33) and "EE. UU." must not break across lines on a
# phone: a reader who sees "I-" at the end of a line and "130" on the next may not find it.
_FORM_NUMBER = re.compile(r"\b[A-Z]{1,4}-[0-9]+[A-Z]?\b")


def keep_together(text: str) -> Markup:
    """Escape `text` (unless already markup) and keep form numbers and EE. UU. on one line."""
    safe = str(jinja2.utils.markupsafe.escape(text)).replace("EE. UU.", "EE.\u00a0UU.")
    return Markup(_FORM_NUMBER.sub(r'<span class="pd-nw">\g<0></span>', safe))


def relative_link(target: str, page_path: str) -> str:
    """Turn a docs-relative target like "forms.md#x" into a link relative to `page_path`."""
    path, _, anchor = target.partition("#")
    link = posixpath.relpath(path, posixpath.dirname(page_path) or ".")
    return f"{link}#{anchor}" if anchor else link


def _flush_left(markdown: str) -> str:
    # Markdown reads indented lines as code blocks; the partials may indent for readability.
    return re.sub(r"(?m)^[ \t]+", "", markdown)


def factor_list(criteria: Criteria, *, lang: str, ui: dict[str, Any], page_path: str) -> str:
    """Markdown (with md_in_html blocks) listing every factor, grouped by kind."""
    template = make_env().get_template("factors.html")
    return _flush_left(
        template.render(
            criteria=criteria,
            lang=lang,
            tl=text_language(criteria, lang),
            t=ui,
            page_path=page_path,
        )
    )


def checker(criteria: Criteria, *, lang: str, ui: dict[str, Any], firm: dict[str, Any]) -> str:
    """HTML of the self-check, with its rules in a data attribute for checker.js."""
    template = make_env().get_template("checker.html")
    return template.render(
        criteria=criteria,
        lang=lang,
        tl=text_language(criteria, lang),
        t=ui,
        firm=firm,
        kinds=KINDS,
        rules=answercode.Codec(criteria).client_rules(),
        as_of_text=facts_mod.format_date(criteria.data["as_of"], lang),
    )


def firm_cta(firm: dict[str, Any], ui: dict[str, Any], lang: str) -> str:
    """HTML of the firm's call-to-action."""
    macro = make_env().get_template("firm-cta.html").module.firm_cta
    return str(macro(firm, ui, lang))


def translation_notice(ui: dict[str, Any], *, url: str, original_lang: str) -> str:
    """HTML of the line that says a page is a translation and links to the original ("" for a
    language whose words have no translation_notice)."""
    if not ui.get("translation_notice"):
        return ""
    template = make_env().get_template("translation-notice.html")
    return template.render(t=ui, url=url, original_lang=original_lang).strip()


def with_translation_notice(
    content: str, ui: dict[str, Any], *, url: str, original_lang: str
) -> str:
    """A translated page's content with the translation notice (translation_notice) under
    its heading, or first when it has none; the content as it is for the original."""
    notice = translation_notice(ui, url=url, original_lang=original_lang)
    if not notice:
        return content
    heading, end, rest = content.partition("</h1>")
    return f"{heading}{end}\n{notice}\n{rest}" if end else notice + content


def firm_details(firm: dict[str, Any], ui: dict[str, Any]) -> str:
    """HTML of the firm's optional details that are given; "" when none is."""
    macro = make_env().get_template("firm-details.html").module.firm_details
    return str(macro(firm, ui))


def sources(facts: Facts, *, lang: str, ui: dict[str, Any], page: str) -> str:
    """Markdown (md_in_html) of the numbered list of the sources that `page` lists."""
    listed = facts.listed_on(page)
    start = facts.number(listed[0]["id"]) if listed else 1
    template = make_env().get_template("sources.html")
    return _flush_left(template.render(listed=listed, start=start, lang=lang, t=ui))


def timeline(facts: Facts, *, lang: str, ui: dict[str, Any]) -> str:
    """Markdown of the policy-history timeline, grouped by year."""
    template = make_env().get_template("timeline.html")
    return _flush_left(template.render(facts=facts, lang=lang, t=ui))


def glossary(terms: Glossary, *, lang: str, ui: dict[str, Any] | None = None) -> str:
    """Markdown (md_in_html) of the Glossary page's terms, each a heading with its meaning
    and, where the language's words have `glossary_beside` (Kreyòl), the term in the other
    languages after it ("An angle: {en} · An panyòl: {es}"), each marked with its language."""
    pattern = (ui or {}).get("glossary_beside")

    def beside(term: dict[str, Any]) -> Markup | None:
        if not pattern:
            return None
        text = facts_mod.escape_markdown(pattern)
        return Markup(
            re.sub(
                r"\\\{([a-z]{2})\\\}",
                lambda m: (
                    f'<span lang="{m[1]}">{facts_mod.escape_markdown(term["term"][m[1]])}</span>'
                ),
                text,
            )
        )

    template = make_env().get_template("glossary.html")
    return _flush_left(template.render(glossary=terms, lang=lang, beside=beside))


def updates(entries: list[dict[str, Any]], *, lang: str, ui: dict[str, Any]) -> str:
    """Markdown (md_in_html) of the policy updates, newest first, with a link to the feed."""
    template = make_env().get_template("updates.html")
    return _flush_left(template.render(entries=entries, lang=lang, t=ui))


def compile_templates(env: jinja2.Environment, folder: Path, root: Path) -> None:
    """Compile every template of the site's theme folder (`env`: the theme's environment),
    or raise one SourceError naming the template and the line of its first error."""
    # A syntax error in one of the site's templates would end the build with a traceback
    # from deep in the page loop; compiled here first, it is one line with its place.
    # The partials share the folder but use filters of their own (make_env): an unknown
    # filter there is left to that environment, whose errors template_errors words.
    for path in sorted(folder.rglob("*.html")):
        try:
            env.get_template(path.relative_to(folder).as_posix())
        except jinja2.TemplateAssertionError as err:
            if path.parent != folder / "partials":  # there: make_env's, see above
                raise _template_problem(path, root, err) from None
        except jinja2.TemplateSyntaxError as err:
            raise _template_problem(Path(err.filename or path), root, err) from None


def template_errors(src: str, root: Path, make: Callable[[], T]) -> T:
    """make(), with a template's error as one line naming the template (or the page `src`)."""
    try:
        return make()
    except jinja2.TemplateSyntaxError as err:
        raise _template_problem(Path(err.filename or "?"), root, err) from None
    except jinja2.TemplateError as err:
        raise SourceError(
            f"docs/{src}", f"a template failed ({err}); check overrides/partials/"
        ) from None


def _template_problem(path: Path, root: Path, err: jinja2.TemplateSyntaxError) -> SourceError:
    where = path.resolve()
    shown = where.relative_to(root).as_posix() if where.is_relative_to(root) else str(path)
    return SourceError(
        f"{shown}:{err.lineno}",
        f"template syntax error: {err.message}; check the {{{{ }}}} and {{% %}} pairs",
    )
