"""The Browser guide and style cover the model and the library, and the committed guide is current."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from c360.browser import guide
from cypher import names, text
from cypher.catalog import library

REPO = Path(__file__).resolve().parents[2]


def _model() -> tuple[set[str], set[str]]:
    """Labels and relationship types the loader and the analytics write-back write (read from their
    Cypher, not listed by hand)."""
    files = [*names("load"), *names("schema"), "analytics/write_rings", "analytics/write_households"]
    cypher = "\n".join(text(n) for n in files)
    labels = set(re.findall(r"[(:]\w*:(\w+)", cypher)) | set(re.findall(r"SET \w+:(\w+)", cypher))
    types = set(re.findall(r"\[\w*:(\w+)", cypher)) | set(re.findall(r"\(\)-\[\w+:(\w+)\]", cypher))
    return labels - types, types


class _Runnables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.blocks: list[str] = []
        self.tags: list[str] = []
        self._in_runnable = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_runnable = tag == "pre" and "runnable" in (dict(attrs).get("class") or "")
        if self._in_runnable:
            self.blocks.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_runnable = False

    def handle_data(self, data: str) -> None:
        if self._in_runnable:
            self.blocks[-1] += data


def test_the_committed_guide_is_the_one_the_library_renders() -> None:
    committed = (REPO / "docs" / "browser" / "guide.html").read_text(encoding="utf-8")
    assert committed == guide.render(), "run `c360 browser guide --write` and commit the result"


def test_the_guide_is_a_browser_slide_deck_with_every_library_query_runnable() -> None:
    parser = _Runnables()
    parser.feed(guide.render())
    assert parser.tags[:3] == ["article", "carousel", "slide"]
    for query in library().values():
        assert query.cypher.strip() in parser.blocks, query.name
        assert guide.params_command(query) in parser.blocks, query.name


def test_the_params_command_sets_every_parameter_to_its_example() -> None:
    query = library()["find_weak_auth_high_value_transfers"]
    assert guide.params_command(query).splitlines() == [
        ":param min_amount_vnd => 10000000;",
        ':param strong_auth_methods => ["biometric", "digital_signature"];',
        ':param from_date => "2025-01-01";',
        ':param to_date => "2025-12-31";',
        ":param limit => 100",
    ]


def test_the_style_gives_every_label_and_relationship_type_a_caption_and_colour() -> None:
    style = (REPO / "docs" / "browser" / "style.grass").read_text(encoding="utf-8")
    rules = dict(re.findall(r"^(node\.\w+|relationship\.\w+) \{(.*?)\}", style, flags=re.M | re.S))
    labels, types = _model()
    assert {"Customer", "Phone", "Identifier", "Transaction"} <= labels and {
        "HOLDS",
        "TRANSFERRED_TO",
    } <= types
    for selector in [f"node.{x}" for x in labels] + [f"relationship.{x}" for x in types]:
        assert selector in rules, selector
        assert "caption:" in rules[selector] and "color:" in rules[selector], selector
    assert all("diameter:" in rules[f"node.{x}"] for x in labels)
