"""One theme adapter: of the hooks, only material_html.py names Material's CSS classes and
ids, its script bundle, its search index or its inline scripts' globals. A move to another
theme then replaces that module (and overrides/), not the checks and the data around it."""

from __future__ import annotations

import re

from helpers import ROOT

# The modules allowed to know Material's HTML, bundle names and protocols.
ALLOWED = {"material_html.py"}
MATERIAL_NAMES = re.compile(
    r"(?<![\w-])md-[a-z]"  # its classes and ids (md-button, md-search …)
    r"|data-md-"  # its data attributes
    r"|__md_"  # its inline scripts' globals (__md_scope, __md_get …)
    r"|bundle\.[^\s(]*js"  # its script bundle (bundle.<hash>.min.js)
    r"|search_index"  # its search index (search/search_index.json)
)


def theme_names(text: str) -> list[str]:
    return sorted(set(MATERIAL_NAMES.findall(text)))


def test_only_the_adapter_names_material_classes_bundles_and_protocols() -> None:
    found = {
        path.name: names
        for path in sorted((ROOT / "hooks").glob("*.py"))
        if path.name not in ALLOWED and (names := theme_names(path.read_text(encoding="utf-8")))
    }
    assert found == {}, f"move these into hooks/material_html.py: {found}"


def test_the_adapter_is_where_they_are() -> None:
    """The pattern finds what it looks for: each kind of name is in the adapter."""
    names = "".join(theme_names((ROOT / "hooks" / "material_html.py").read_text(encoding="utf-8")))
    for kind in ("md-", "data-md-", "__md_", "bundle.", "search_index"):
        assert kind in names, kind
