"""The library header format: what the catalog reads from a file, and what it refuses."""

from __future__ import annotations

from datetime import date

import pytest

from cypher.catalog import CatalogError, ParamError, library, parse

GOOD = """\
// Purpose: Customers on a device,
//   one row each.
// Param device_id (string) = "fp-1": the device
// Param since (date) = "2025-01-01": first day
// Param methods (list<string>) = ["a", "b"]: some methods
// Param limit (int) = 10: most rows
// Column customer_id (string): the customer
// Column seen (datetime?): last seen, or null
// Why the query reads as it does: a note, not part of the contract.
MATCH (d:Device {device_id: $device_id}) WHERE d.x >= date($since) AND d.m IN $methods
RETURN d.device_id AS customer_id, null AS seen LIMIT $limit
"""


def test_a_header_gives_purpose_typed_parameters_with_examples_and_columns() -> None:
    query = parse("list_things", GOOD)
    assert query.purpose == "Customers on a device, one row each."
    assert [(p.name, p.type) for p in query.params] == [
        ("device_id", "string"), ("since", "date"), ("methods", "list<string>"), ("limit", "int")
    ]  # fmt: skip
    assert query.example_params() == {
        "device_id": "fp-1", "since": date(2025, 1, 1), "methods": ["a", "b"], "limit": 10
    }  # fmt: skip
    assert [(c.name, c.type) for c in query.columns] == [("customer_id", "string"), ("seen", "datetime?")]
    assert query.params[2].browser_command == ':param methods => ["a", "b"]'


def test_command_line_values_are_parsed_by_the_declared_type() -> None:
    query = parse("list_things", GOOD)
    bound = query.bind({"device_id": "fp-9", "since": "2024-02-29", "methods": "x,y", "limit": "3"})
    assert bound == {"device_id": "fp-9", "since": date(2024, 2, 29), "methods": ["x", "y"], "limit": 3}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"device_id": "d", "since": "2025-01-01", "methods": "a"}, "needs limit"),
        ({"device_id": "d", "since": "2025-01-01", "methods": "a", "limit": "3", "x": "1"}, "no parameter x"),
        (
            {"device_id": "d", "since": "2025-01-01", "methods": "a", "limit": "ten"},
            "limit='ten': expected int",
        ),
        ({"device_id": "d", "since": "yesterday", "methods": "a", "limit": "1"}, "since='yesterday'"),
    ],
)
def test_missing_unknown_or_invalid_parameters_are_refused_with_the_reason(
    raw: dict[str, str], message: str
) -> None:
    with pytest.raises(ParamError, match=message):
        parse("list_things", GOOD).bind(raw)


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        (GOOD.replace("// Purpose: Customers on a device,\n", ""), "Purpose"),
        (GOOD.replace("(int) = 10", "(integer) = 10"), "bad parameter line"),
        (GOOD.replace("(int) = 10", "(int) = ten"), "not JSON"),
        (GOOD.replace('(string) = "fp-1"', "(string) = 7"), "not a string"),
        (GOOD.replace("(datetime?)", "(timestamp)"), "bad column line"),
        (GOOD.replace("// Param limit (int) = 10: most rows\n", ""), "declared"),
        (GOOD.replace("LIMIT $limit", "LIMIT $limit + $extra"), "declared"),
    ],
)
def test_a_header_that_does_not_match_its_query_is_refused(broken: str, message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        parse("list_things", broken)


def test_library_queries_are_named_verb_object_and_capped_or_keyed() -> None:
    for name, query in library().items():
        verb = name.split("_", 1)[0]
        assert verb in {"get", "list", "find"}, name
        # A query either looks up one key, or lets the caller cap its rows.
        assert "limit" in {p.name for p in query.params} or "shortestPath" in query.cypher, name
