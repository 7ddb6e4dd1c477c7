"""The whole catalogue as versioned JSON, and the JSON Schema generated from the model."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from enum import StrEnum
from typing import Any

import attrs
import jsonschema
import pytest

import sarcoma_local as sl
from sarcoma_local import catalogue_json, to_json
from sarcoma_local._core.convert import converter
from sarcoma_local._exports.catalogue import EXPORT_SCHEMA_VERSION
from sarcoma_local._exports.schema import (
    catalogue_schema,
    render,
    schema_for,
    shipped_catalogue_schema,
)


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return catalogue_json()


def test_top_level_keys_come_in_a_fixed_order(data: dict[str, Any]) -> None:
    assert list(data) == [
        "schema_version", "data_version", "code_version", "disclaimer", "generated_from",
        "title", "curated", "sources", "sites", "techniques", "histologies", "primary_sites",
        "options", "citations", "tables", "rules", "guidelines", "glossary",
        "levels_of_evidence",
    ]  # fmt: skip


def test_versions_and_disclaimer_travel_inside(data: dict[str, Any]) -> None:
    assert data["schema_version"] == EXPORT_SCHEMA_VERSION
    assert data["data_version"] == sl.DATA_VERSION
    assert data["code_version"] == sl.__version__
    assert data["disclaimer"] == sl.DISCLAIMER


def test_every_record_is_exported(data: dict[str, Any]) -> None:
    counts = sl.data_info()["counts"]
    assert {name: len(data[name]) for name in counts} == counts


def test_records_keep_the_catalogue_order(data: dict[str, Any]) -> None:
    assert [s["key"] for s in data["sites"]] == [s.key for s in sl.sites()]
    assert [t["key"] for t in data["techniques"]] == [t.key for t in sl.techniques()]
    assert [(o["site"], o["technique"]) for o in data["options"]] == [
        (o.site, o.technique) for o in sl.options()
    ]


def test_values_are_plain_json(data: dict[str, Any]) -> None:
    option = data["options"][0]
    assert type(option["role"]) is str
    assert json.loads(json.dumps(data)) == data


def test_citations_structure_back_into_the_same_records(data: dict[str, Any]) -> None:
    back = converter.structure(data["citations"], tuple[sl.Citation, ...])
    assert back == sl.citations()


def test_json_text_is_deterministic_utf8() -> None:
    first, second = to_json(), to_json()
    assert first == second
    assert "Grünhagen" in first  # not escaped as \u00fc
    assert first.endswith("}\n")


def test_shipped_schema_equals_the_generated_one() -> None:
    # On failure regenerate it: python -m sarcoma_local._exports.schema
    assert shipped_catalogue_schema() == catalogue_schema()


def test_shipped_schema_file_is_rendered_canonically() -> None:
    from sarcoma_local._core.resources import read_data

    text = read_data("schema/catalogue.schema.json").decode("utf-8")
    assert text == render(catalogue_schema())


def test_export_validates_against_the_shipped_schema(data: dict[str, Any]) -> None:
    schema = shipped_catalogue_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(data)


@pytest.mark.parametrize(
    ("path", "bad"),
    [
        (("options", 0, "role"), "recommended"),
        (("citations", 0, "year"), "1985"),
        (("citations", 0, "pmid"), 1.5),
        (("disclaimer",), "Ask nobody."),
        (("sites", 0, "unexpected"), 1),
    ],
)
def test_schema_rejects_a_corrupted_export(
    data: dict[str, Any], path: tuple[Any, ...], bad: object
) -> None:
    broken = copy.deepcopy(data)
    target: Any = broken
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = bad
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, shipped_catalogue_schema(), jsonschema.Draft202012Validator)


def test_schema_requires_every_field() -> None:
    citation = catalogue_schema()["$defs"]["Citation"]
    assert citation["required"] == [f.name for f in attrs.fields(sl.Citation)]
    assert citation["additionalProperties"] is False


class _Colour(StrEnum):
    RED = "red"
    BLUE = "blue"


@attrs.frozen
class _Inner:
    n: int


@attrs.frozen
class _Kitchen:
    colour: _Colour
    maybe: str | None
    pair: tuple[int, str]
    many: tuple[_Inner, ...]
    table: dict[str, float]
    either: _Inner | int
    flag: bool = False


def test_schema_generator_maps_each_kind_of_type() -> None:
    schema = schema_for(_Kitchen)
    props = schema["$defs"]["_Kitchen"]["properties"]
    assert props["colour"] == {"type": "string", "enum": ["red", "blue"]}
    assert props["maybe"] == {"type": ["string", "null"]}
    assert props["pair"]["prefixItems"] == [{"type": "integer"}, {"type": "string"}]
    assert props["many"] == {"type": "array", "items": {"$ref": "#/$defs/_Inner"}}
    assert props["table"] == {"type": "object", "additionalProperties": {"type": "number"}}
    assert props["either"] == {"anyOf": [{"$ref": "#/$defs/_Inner"}, {"type": "integer"}]}
    assert props["flag"] == {"type": "boolean"}


def test_generated_schema_validates_a_hand_built_record() -> None:
    record = _Kitchen(_Colour.RED, None, (1, "a"), (_Inner(2),), {"x": 1.5}, 3)
    as_json = json.loads(json.dumps(converter.unstructure(record)))
    jsonschema.validate(as_json, schema_for(_Kitchen), jsonschema.Draft202012Validator)


def test_schema_generator_refuses_what_json_cannot_hold() -> None:
    @attrs.frozen
    class Bad:
        when: complex

    with pytest.raises(TypeError, match="no JSON Schema"):
        schema_for(Bad)


@pytest.mark.slow
def test_exporting_never_imports_jsonschema() -> None:
    code = (
        "import sys, sarcoma_local as sl; sl.catalogue_json(); print('jsonschema' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@attrs.frozen
class _MaybeColour:
    colour: _Colour | None = None


@pytest.mark.parametrize("value", [None, "red"])
def test_an_optional_enum_accepts_null_and_its_values(value: str | None) -> None:
    schema = schema_for(_MaybeColour)
    jsonschema.validate({"colour": value}, schema, jsonschema.Draft202012Validator)


def test_an_optional_enum_still_rejects_other_strings() -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(
            {"colour": "green"}, schema_for(_MaybeColour), jsonschema.Draft202012Validator
        )
