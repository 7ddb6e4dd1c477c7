"""Bad input comes back as a structured error dict: never an exception or a traceback."""

from __future__ import annotations

import json
from typing import Any

import hypothesis.strategies as st
import jsonschema
from hypothesis import given, settings

import sarcoma_local as sl
from sarcoma_local import call_tool, tool_specs

from .conftest import HAPPY_CALLS

TOOL_NAMES = list(HAPPY_CALLS)


def error_of(answer: dict[str, Any]) -> dict[str, Any]:
    assert "result" not in answer
    assert answer["data_version"] == sl.DATA_VERSION
    assert answer["disclaimer"] == sl.DISCLAIMER
    error: dict[str, Any] = answer["error"]
    return error


def test_unknown_tool_lists_the_valid_tools_and_suggests_one() -> None:
    error = error_of(call_tool("list_site"))
    assert error["type"] == "unknown_tool"
    assert error["valid"] == TOOL_NAMES
    assert error["suggestions"] == ["list_sites"]


def test_a_non_string_tool_name_is_an_unknown_tool() -> None:
    assert error_of(call_tool(42, {}))["type"] == "unknown_tool"  # type: ignore[arg-type]


def test_missing_required_argument() -> None:
    error = error_of(call_tool("site_options", {}))
    assert error["type"] == "invalid_arguments"
    assert error["message"] == "missing required argument 'site'"
    assert error["argument"] == "site"


def test_extra_argument_lists_the_valid_ones() -> None:
    error = error_of(call_tool("site_options", {"site": "liver", "organ": "liver"}))
    assert error["message"] == "unexpected argument 'organ'"
    assert error["valid"] == ["site", "technique", "detail", "audience"]


def test_wrongly_typed_argument() -> None:
    error = error_of(call_tool("site_options", {"site": 3}))
    assert error["message"] == "argument 'site' must be a string, not integer"


def test_true_is_not_an_integer() -> None:
    error = error_of(call_tool("search", {"query": "lung", "limit": True}))
    assert error["message"] == "argument 'limit' must be an integer, not boolean"


def test_limit_out_of_range() -> None:
    error = error_of(call_tool("search", {"query": "lung", "limit": 0}))
    assert error["message"] == "argument 'limit' must be between 1 and 50, not 0"


def test_unknown_search_kind_lists_the_kinds() -> None:
    error = error_of(call_tool("search", {"query": "lung", "kinds": ["sites"]}))
    assert error["argument"] == "kinds item"
    assert "site" in error["valid"]


def test_blank_text_is_refused() -> None:
    assert error_of(call_tool("search", {"query": "   "}))["message"] == (
        "argument 'query' must not be empty"
    )


def test_overlong_text_is_refused() -> None:
    error = error_of(call_tool("metastatic_pattern", {"histology": "x" * 201}))
    assert "longer than 200 characters" in error["message"]


def test_unknown_site_lists_valid_sites_and_suggestions() -> None:
    error = error_of(call_tool("site_options", {"site": "perito"}))
    assert error["type"] == "unknown_site"
    assert error["suggestions"] == ["peritoneum", "retroperitoneum"]
    assert error["valid"] == [s.key for s in sl.sites()]


def test_unknown_histology_has_its_own_type() -> None:
    assert error_of(call_tool("nodal_spread", {"histology": "zzzz"}))["type"] == (
        "unknown_histology"
    )


def test_unknown_table_has_its_own_type() -> None:
    error = error_of(call_tool("recurrence_lookup", {"table": "no-such-table-anywhere"}))
    assert error["type"] == "unknown_table"


def test_citations_need_a_site_or_a_technique() -> None:
    error = error_of(call_tool("citations", {}))
    assert error["message"] == "give site, technique or both"


def test_recurrence_lookup_takes_one_of_its_arguments() -> None:
    error = error_of(call_tool("recurrence_lookup", {"primary_site": "trunk", "table": "x"}))
    assert error["type"] == "invalid_arguments"


def test_arguments_that_are_not_an_object() -> None:
    error = error_of(call_tool("site_options", ["liver"]))  # type: ignore[arg-type]
    assert error["message"] == "arguments must be an object, not array"


def test_arguments_string_that_is_not_json() -> None:
    assert error_of(call_tool("site_options", "{site: liver"))["message"] == (
        "arguments are not valid JSON"
    )


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)
ARGUMENT_NAMES = st.sampled_from(["site", "technique", "query", "kinds", "limit", "histology",
                                  "table", "primary_site"]) | st.text(max_size=12)  # fmt: skip
ARGUMENTS = st.dictionaries(ARGUMENT_NAMES, JSON_VALUES, max_size=4) | JSON_VALUES
NAMES = st.sampled_from(TOOL_NAMES) | st.text(max_size=20)


@settings(max_examples=300, deadline=None)
@given(name=NAMES, arguments=ARGUMENTS)
def test_arbitrary_calls_never_raise_and_stay_json(name: str, arguments: Any) -> None:
    answer = call_tool(name, arguments)
    assert json.loads(json.dumps(answer)) == answer
    assert answer["data_version"] == sl.DATA_VERSION
    assert ("error" in answer) != ("result" in answer)
    if "error" in answer:
        assert set(answer["error"]) >= {"type", "message"}
        assert answer["error"]["type"] != "internal_error"


SCHEMAS = {s["name"]: s["input_schema"] for s in tool_specs()}


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(TOOL_NAMES), arguments=st.dictionaries(ARGUMENT_NAMES, JSON_VALUES,
                                                                   max_size=3))  # fmt: skip
def test_whatever_the_checker_accepts_the_schema_accepts(
    name: str, arguments: dict[str, Any]
) -> None:
    answer = call_tool(name, arguments)
    if answer.get("error", {}).get("type") != "invalid_arguments":
        # Explicit nulls for optional arguments are documented as "left out".
        jsonschema.validate({k: v for k, v in arguments.items() if v is not None}, SCHEMAS[name])


def test_an_overlong_tool_name_is_not_echoed_in_full() -> None:
    answer = call_tool("x" * 10_000)
    assert len(answer["error"]["message"]) < 300
    assert len(answer["tool"]) <= 200


def test_an_overlong_unexpected_argument_is_not_echoed_in_full() -> None:
    error = error_of(call_tool("site_options", {"site": "liver", "y" * 10_000: 1}))
    assert len(error["message"]) < 100


def test_an_overlong_enum_value_is_not_echoed_in_full() -> None:
    error = error_of(call_tool("search", {"query": "lung", "kinds": ["z" * 10_000]}))
    assert len(error["message"]) < 300


def test_a_whole_number_written_as_a_float_is_an_integer() -> None:
    # JSON Schema counts 5.0 as an integer, so the checker must too.
    hits = call_tool("search", {"query": "liver", "limit": 2.0})["result"]["hits"]
    assert len(hits) == 2


def test_a_fractional_limit_is_refused() -> None:
    error = error_of(call_tool("search", {"query": "liver", "limit": 2.5}))
    assert error["message"] == "argument 'limit' must be an integer, not number"


def test_a_limit_too_long_to_print_is_still_a_clear_error() -> None:
    error = error_of(call_tool("search", {"query": "liver", "limit": 10**5000}))
    assert error["type"] == "invalid_arguments"
    assert error["argument"] == "limit"
