"""The tool specs are valid JSON Schema and come in the shapes LLM APIs expect."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

import sarcoma_local as sl
from sarcoma_local._chat.specs import SpecFormat, tool_specs

from .conftest import HAPPY_CALLS

SPECS = tool_specs()


def test_there_is_one_spec_per_query_tool() -> None:
    assert [s["name"] for s in SPECS] == list(HAPPY_CALLS)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s["name"])
def test_every_input_schema_is_a_valid_json_schema(spec: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator.check_schema(spec["input_schema"])


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s["name"])
def test_every_input_schema_is_a_closed_object(spec: dict[str, object]) -> None:
    schema = spec["input_schema"]
    assert isinstance(schema, dict)
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s["name"])
def test_every_spec_has_a_neutral_shape(spec: dict[str, object]) -> None:
    assert set(spec) == {"name", "description", "input_schema"}
    assert isinstance(spec["description"], str)
    assert len(spec["description"]) > 40


@pytest.mark.parametrize("name", list(HAPPY_CALLS))
def test_the_happy_arguments_satisfy_the_schema(name: str) -> None:
    schema = next(s["input_schema"] for s in SPECS if s["name"] == name)
    jsonschema.validate(HAPPY_CALLS[name], schema)


def test_openai_format_wraps_each_spec_as_a_function() -> None:
    openai = sl.tool_specs("openai")
    assert [t["type"] for t in openai] == ["function"] * len(SPECS)
    assert [t["function"]["name"] for t in openai] == [s["name"] for s in SPECS]
    assert openai[1]["function"]["parameters"] == SPECS[1]["input_schema"]


def test_anthropic_format_is_name_description_input_schema() -> None:
    assert sl.tool_specs("anthropic") == SPECS


def test_specs_are_json_serialisable() -> None:
    formats: tuple[SpecFormat, ...] = ("neutral", "openai", "anthropic")
    for fmt in formats:
        assert json.loads(json.dumps(sl.tool_specs(fmt))) == sl.tool_specs(fmt)


def test_each_call_returns_fresh_specs_callers_may_change() -> None:
    first = tool_specs()
    first[2]["input_schema"]["properties"].clear()
    assert tool_specs()[2]["input_schema"]["properties"]


def test_unknown_format_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown format 'gemini'"):
        tool_specs("gemini")  # type: ignore[arg-type]
