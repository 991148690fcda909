"""Load YAML strictly and remember where each value came from, for error messages."""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import fastjsonschema
import yaml

import buildcache

T = TypeVar("T")


class SourceError(Exception):
    """A problem in a source file, phrased for the person who edits it."""

    def __init__(self, file: str, problem: str, *, path: str = "", line: int | None = None):
        self.file, self.problem, self.path, self.line = file, problem, path, line
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {path + ': ' if path else ''}{problem}")


# libyaml's SafeLoader, when PyYAML was built with it.
FAST_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text, so the schema sees exactly what the editor wrote."""


class _FastStrictLoader(FAST_LOADER):
    """The same, parsed by libyaml when PyYAML has it: about 25 times faster, which matters
    when a site has many criteria files. Its error wording differs, so errors are re-read
    with _StrictLoader (see read_yaml)."""


# What libyaml says when brackets nest past its own limit (1,000 levels).
_LIBYAML_TOO_DEEP = "exceeded maximum nesting depth"

_StrictLoader.yaml_implicit_resolvers = _FastStrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Document:
    """Parsed YAML data plus the node tree that knows each value's line."""

    file: str
    data: Any
    root: yaml.Node | None

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        """Return the 1-based line of the value at `path`, or of its nearest parent."""
        node, line = self.root, None
        for key in path:
            if node is None:
                break
            line = node.start_mark.line + 1
            node = _child(node, key)
        return node.start_mark.line + 1 if node is not None else line

    def error(self, path: tuple[str | int, ...], problem: str) -> SourceError:
        """Build an error that names the file, the line and the field path."""
        return SourceError(self.file, problem, path=format_path(path), line=self.line_of(path))

    # The checks every data loader (facts, updates, glossary, criteria) makes, with one wording.

    def check_unique_ids(self, *path: str | int) -> None:
        """Each item of the list at `path` has an id of its own."""
        items = self.data
        for key in path:
            items = items[key]
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item["id"] in seen:
                raise self.error(
                    (*path, i, "id"), f'"{item["id"]}" is used twice; ids must be unique'
                )
            seen.add(item["id"])

    def check_texts(
        self, path: tuple[str | int, ...], texts: dict[str, Any], languages: tuple[str, ...]
    ) -> None:
        """`texts` (language -> text, or a list of texts) has one for every language."""
        for lang in languages:
            value = texts.get(lang)
            if not (value.strip() if isinstance(value, str) else value):
                raise self.error((*path, lang), f'the "{lang}" text is missing or empty; write it')

    def check_date(
        self, path: tuple[str | int, ...], text: str, *, today: dt.date | None = None, fix: str = ""
    ) -> None:
        """`text` (YYYY, YYYY-MM or YYYY-MM-DD) is a real date; with `today`, not a later one
        (`fix` says which date to use instead)."""
        parts = [int(p) for p in text.split("-")] + [1, 1]
        try:
            day = dt.date(parts[0], parts[1], parts[2])
        except ValueError:
            raise self.error(path, f'"{text}" is not a real date') from None
        if today is not None and day > today:
            raise self.error(path, f"{text} is in the future; {fix}")

    def check_fact(self, path: tuple[str | int, ...], fact: str, fact_ids: Collection[str]) -> None:
        """`fact` is the id of a fact in data/facts.yml."""
        if fact not in fact_ids:
            raise self.error(path, f'no fact has id "{fact}"; use an id from data/facts.yml')


def _child(node: yaml.Node, key: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if k.value == key), None)
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def format_path(path: tuple[str | int, ...]) -> str:
    """Render ("factors", 3, "when") as factors[3].when."""
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else str(key))
    return text


MAX_DEPTH = 40  # levels of lists and mappings; the site's files use fewer than ten
DATA_TOO_DEEP = (
    f"lists and mappings nest more than {MAX_DEPTH} levels deep; check the [ ] {{ }} brackets"
)
# mkdocs.yml has no limit of its own: too deep is what runs Python out of stack.
CONFIG_TOO_DEEP = "lists and mappings nest too deeply; check the [ ] { } brackets"


def _reject_duplicate_keys(
    file: str, node: yaml.Node | None, visited: set[int] | None = None, depth: int = 0
) -> None:
    # PyYAML keeps the last of two equal keys without a word; an editor's copy-paste slip
    # would then silently replace a text, so treat it as an error. Aliases (*name) are refused
    # too: a node met twice is one, and aliases can loop or blow up to billions of values.
    if node is None:
        return
    visited = set() if visited is None else visited
    if id(node) in visited and not isinstance(node, yaml.ScalarNode):
        raise SourceError(
            file,
            "aliases (&name / *name) are not supported; write the value out",
            line=node.start_mark.line + 1,
        )
    visited.add(id(node))
    if depth > MAX_DEPTH and not isinstance(node, yaml.ScalarNode):
        raise SourceError(
            file,
            f"lists and mappings nest more than {MAX_DEPTH} levels deep here; check the "
            "indentation and the [ ] { } brackets",
            line=node.start_mark.line + 1,
        )
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise SourceError(
                    file,
                    "a key must be plain text, not a list or a mapping",
                    line=key.start_mark.line + 1,
                )
            if key.value in seen:
                raise SourceError(
                    file,
                    f'the key "{key.value}" appears twice; keep one of them',
                    line=key.start_mark.line + 1,
                )
            seen.add(key.value)
            _reject_duplicate_keys(file, value, visited, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _reject_duplicate_keys(file, item, visited, depth + 1)


def load_yaml(path: Path, display_name: str | None = None) -> Document:
    """Read a YAML file into a Document, or raise SourceError with the line of the problem."""
    name = display_name or str(path)
    return parse_yaml(read_source(path, name), name)


def read_source(path: Path, name: str) -> str:
    """The text of a source file, or SourceError (`name` is how messages call the file)."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SourceError(name, "file not found; check the path and the file name") from None
    except (OSError, UnicodeDecodeError) as err:
        raise SourceError(
            name, f"cannot be read as UTF-8 text ({err.__class__.__name__})"
        ) from None


def parse_yaml(text: str, name: str) -> Document:
    """The YAML `text` of the file `name` as a Document, or SourceError with the line."""
    root, data = read_yaml(
        name, lambda loader: _parse(name, text, loader), (_FastStrictLoader, _StrictLoader)
    )
    doc = Document(name, data, root)
    _reject_control_characters(doc, data, ())
    return doc


def read_yaml(
    name: str,
    read: Callable[[type], T],
    loaders: tuple[type, type],
    too_deep: str = DATA_TOO_DEEP,
) -> T:
    """read(fast loader), or raise one SourceError in PyYAML's wording (read(loader) again, as
    libyaml words its errors differently). `loaders` is (fast loader, loader); `too_deep`
    words brackets nested past what the readers take."""
    fast, wording = loaders
    try:
        try:
            return read(fast)
        except yaml.YAMLError as err:
            if getattr(err, "problem", None) == _LIBYAML_TOO_DEEP:
                raise SourceError(name, too_deep) from None  # PyYAML takes seconds to agree
            return read(wording)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        problem = err.problem or err.context or "invalid YAML"
        raise SourceError(
            name,
            f"YAML syntax error: {problem}; check indentation, colons and quotes",
            line=mark.line + 1 if mark else None,
        ) from None
    except yaml.YAMLError as err:
        raise SourceError(name, f"YAML error: {err}") from None
    except RecursionError:
        # PyYAML reads nested brackets recursively: thousands of "[" end Python's stack.
        raise SourceError(name, too_deep) from None


# Below U+0020 but line breaks and tabs, DEL and the C1 controls: invisible, they end up in
# pages and break the feeds' XML. YAML's "\x01" escapes let them in.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def control_character(text: str) -> str | None:
    """A problem naming the first control character in `text`, or None."""
    found = CONTROL.search(text)
    if not found:
        return None
    return f"holds the control character U+{ord(found[0]):04X}, which no page can show; remove it"


def _reject_control_characters(doc: Document, value: Any, path: tuple[str | int, ...]) -> None:
    if isinstance(value, str):
        problem = control_character(value)
        if problem:
            raise doc.error(path, problem)
    elif isinstance(value, dict):
        for key, item in value.items():
            _reject_control_characters(doc, key, path)
            _reject_control_characters(doc, item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _reject_control_characters(doc, item, (*path, index))


def load_checked(path: Path, schema_file: Path, display_name: str) -> Document:
    """Read a YAML file and check it against its JSON Schema, or raise one SourceError."""
    doc = load_yaml(path, display_name)
    check_schema(doc, schema_file, f"data/{schema_file.name}")
    return doc


def _parse(name: str, text: str, loader_class: type) -> tuple[yaml.Node | None, Any]:
    """Parse once: the node tree (for lines and duplicate keys), then the data built from it."""
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        _reject_duplicate_keys(name, root)
        return root, (loader.construct_document(root) if root is not None else None)
    finally:
        loader.dispose()


def check_schema(doc: Document, schema_file: Path, schema_name: str) -> None:
    """Validate doc.data against a JSON Schema file, raising one clear SourceError on failure."""
    import jsonschema  # imported here so that pure helpers above stay cheap to import

    try:
        fast, reference = _validators(schema_file, schema_file.stat().st_mtime_ns)
    except OSError:
        raise SourceError(
            schema_name, f"is missing; restore it (git checkout -- {schema_name})"
        ) from None
    except (ValueError, fastjsonschema.JsonSchemaDefinitionException) as err:
        problem = str(err).splitlines()[0][:80] if str(err) else err.__class__.__name__
        raise SourceError(
            schema_name, f"is not a valid JSON schema ({problem}); restore it from git"
        ) from None
    try:
        fast(doc.data)
        return
    except fastjsonschema.JsonSchemaException:
        pass  # jsonschema, the reference, finds the error and words it best
    error = jsonschema.exceptions.best_match(reference.iter_errors(doc.data))
    if error is None:
        return
    # best_match prefers the most specific error; descend into anyOf/oneOf context for it.
    while error.context:
        error = jsonschema.exceptions.best_match(error.context)
    raise doc.error(tuple(error.absolute_path), _friendly(error, schema_name))


@functools.lru_cache(maxsize=8)
def _validators(schema_file: Path, _mtime_ns: int) -> tuple[Any, Any]:
    # Read and compile each schema once (again only when `mkdocs serve` sees it change).
    # fastjsonschema compiles it to Python: about ten times faster on a valid file, which is
    # every file of a normal build. Compiling that Python costs more than validating, so the
    # code is kept for the next build (buildcache). It knows drafts up to 7; these schemas use
    # nothing newer, and their "$schema"/"$id" names are only labels for it.
    import jsonschema

    text = schema_file.read_text(encoding="utf-8")
    schema = _whole_text_patterns(json.loads(text))
    labels_dropped = {k: v for k, v in schema.items() if k not in ("$schema", "$id")}
    code = buildcache.compiled(
        f"fastjsonschema {fastjsonschema.VERSION}\0patterns end at \\Z\0{text}",
        lambda: fastjsonschema.compile_to_code(labels_dropped),
        f"<validator for {schema_file.name}>",
    )
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # defines validate(); the code is fastjsonschema's, from our schema
    return namespace["validate"], jsonschema.Draft202012Validator(schema)


def _whole_text_patterns(schema: Any) -> Any:
    # In JSON Schema (ECMA regular expressions) "$" is the end of the text; in Python's re,
    # which both validators use, it also matches before a final line break, so "2026-11-27\n"
    # passed for a date and broke the build later. "\Z" is Python's end of the text.
    if isinstance(schema, dict):
        return {
            key: (
                value[:-1] + r"\Z"
                if key == "pattern"
                and isinstance(value, str)
                and value.endswith("$")
                and not value.endswith("\\$")
                else _whole_text_patterns(value)
            )
            for key, value in schema.items()
        }
    if isinstance(schema, list):
        return [_whole_text_patterns(item) for item in schema]
    return schema


def _repr(value: Any) -> str:
    # A value quoted in a message: at most 80 characters, so a message stays one short line.
    text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _friendly(error: Any, schema_name: str) -> str:
    """Turn a jsonschema error into a sentence that says what to change."""
    kind, value, instance = error.validator, error.validator_value, error.instance
    described = {"object": "a mapping (key: value)", "array": "a list", "string": "text"}
    if kind == "required":
        missing = [key for key in value if key not in instance]
        return f'missing field "{missing[0]}"; add it (see {schema_name})'
    if kind == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        extra = sorted(str(key) for key in set(instance) - set(allowed))
        hint = f"; allowed fields: {', '.join(allowed)}" if allowed else ""
        return f'unknown field "{extra[0]}"; check its spelling{hint}'
    if kind == "type":
        expected = described.get(value, value)
        return f"expected {expected}, found {type(instance).__name__}: {_repr(instance)}"
    if kind == "enum":
        return f"{_repr(instance)} is not allowed; use one of: {', '.join(map(str, value))}"
    if kind == "pattern":
        return f"{_repr(instance)} has the wrong form; {error.schema.get('description', value)}"
    if kind in {"minItems", "minLength", "minProperties"}:
        return "must not be empty"
    if kind == "maxProperties":
        return f"must have exactly one key, found: {', '.join(map(str, instance))}"
    if kind == "maxLength":
        return f"is too long (at most {value} characters)"
    if kind == "const":
        return f"must be {value!r}"
    return f"{error.message} (see {schema_name})"
