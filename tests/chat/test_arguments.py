"""The argument checker and the published schema give the same verdict on any arguments.

Each tool's ``input_schema`` is generated from its arguments class, and the checker
compiles its validators from that same schema; these tests feed both ``jsonschema``
and the checker generated arguments (values at and just past every limit the
schema states, and arbitrary JSON) and require them to agree.
"""

from __future__ import annotations

from typing import Any

import attrs
import hypothesis.strategies as st
import jsonschema
import pytest
from hypothesis import given, settings

from sarcoma_local._chat.arguments import ArgumentError, ToolArguments, parse
from sarcoma_local._chat.specs import TOOLS, Tool, find_tool
from sarcoma_local._core.jsonschema import object_schema

from .conftest import HAPPY_CALLS

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=2)
    ),
    max_leaves=6,
)


def near_limits(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values on both sides of each limit a property schema states, or any JSON value."""
    # Values of every JSON type, including the ones Python confuses (True is an int).
    edges: st.SearchStrategy[Any] = st.sampled_from(
        [None, True, False, 0, 1, 1.0, 1.5, "1", "site", [], {}]
    )
    found: list[st.SearchStrategy[Any]] = [JSON_VALUES, edges]
    if "maxLength" in schema:
        n = schema["maxLength"]
        found.append(
            st.sampled_from(["", " ", "\t\n", "x", " x ", "a" * n, "a" * (n + 1), " " * n])
        )
    if "minimum" in schema or "maximum" in schema:
        low, high = schema.get("minimum", 0), schema.get("maximum", 100)
        found.append(st.integers(low - 2, high + 2))
        found.append(st.integers(low - 2, high + 2).map(float))  # 5.0 is an integer in JSON Schema
        found.append(st.floats(low - 2, high + 2, allow_nan=False))
    if "items" in schema:
        words = [*list(schema["items"].get("enum", [])), "sites", "", "x" * 300]
        items = st.sampled_from(words) | JSON_VALUES
        found.append(st.lists(items, max_size=schema.get("maxItems", 3) + 2))
    return st.one_of(found)


def arguments_for(name: str, schema: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Arguments near the boundary: a valid call with one value changed, one argument
    left out or one too many, or any subset of the arguments with near-limit values."""
    base = HAPPY_CALLS[name]
    properties = schema["properties"]
    found = [
        st.fixed_dictionaries({}, optional={k: near_limits(p) for k, p in properties.items()}),
        st.dictionaries(st.text(max_size=6), JSON_VALUES, min_size=1, max_size=1).map(
            lambda extra: {**base, **extra}
        ),
    ]
    if properties:
        found.append(
            st.sampled_from(sorted(properties)).flatmap(
                lambda key: near_limits(properties[key]).map(lambda value: {**base, key: value})
            )
        )
    if base:
        found.append(
            st.sampled_from(sorted(base)).map(
                lambda key: {k: v for k, v in base.items() if k != key}
            )
        )
    return st.one_of(found)


def accepted(cls: type[ToolArguments], arguments: dict[str, Any]) -> bool:
    try:
        parse(cls, arguments)
    except ArgumentError:
        return False
    return True


@pytest.mark.parametrize("name", [t.name for t in TOOLS])
def test_the_checker_and_the_published_schema_agree(name: str) -> None:
    found = find_tool(name)
    assert found is not None
    spec = next(s for s in (t.spec() for t in TOOLS) if s["name"] == name)
    validator = jsonschema.Draft202012Validator(spec["input_schema"])

    @settings(max_examples=150, deadline=None)
    @given(arguments=arguments_for(name, spec["input_schema"]))
    def agree(arguments: dict[str, Any]) -> None:
        assert accepted(found.arguments, arguments) == validator.is_valid(arguments), arguments

    agree()


def test_the_published_schema_is_the_one_generated_from_the_class() -> None:
    for t in TOOLS:
        assert t.spec()["input_schema"] == object_schema(t.arguments)


def test_a_keyword_the_checker_cannot_check_is_refused() -> None:
    @attrs.frozen
    class Odd(ToolArguments):
        """Publishes a keyword nothing checks."""

        word: str = attrs.field(metadata={"json_schema": {"format": "email"}})

    with pytest.raises(TypeError, match="does not know the schema keyword 'format'"):
        Tool("odd", "A tool whose schema says more than is checked.", Odd)


def test_parse_gives_the_typed_arguments() -> None:
    found = find_tool("search")
    assert found is not None
    args = parse(found.arguments, {"query": "liver", "kinds": ["site"]})
    assert (args.query, args.kinds, args.limit) == ("liver", ["site"], None)  # type: ignore[attr-defined]
