"""chunks(): the catalogue as self-contained, JSON-ready passages for retrieval pipelines."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

import sarcoma_local as sl


@pytest.fixture(scope="module")
def chunks() -> list[dict[str, Any]]:
    return sl.chunks()


def test_chunks_survive_a_json_round_trip(chunks: list[dict[str, Any]]) -> None:
    assert json.loads(json.dumps(chunks)) == chunks


def test_chunk_ids_are_unique(chunks: list[dict[str, Any]]) -> None:
    assert len({c["id"] for c in chunks}) == len(chunks)


def test_chunk_ids_are_stable_between_calls(chunks: list[dict[str, Any]]) -> None:
    assert [c["id"] for c in sl.chunks()] == [c["id"] for c in chunks]


def test_there_is_one_chunk_per_record_and_per_statement(chunks: list[dict[str, Any]]) -> None:
    kinds = Counter(c["kind"] for c in chunks)
    assert kinds["option"] == len(sl.options())
    assert kinds["statement"] == sum(len(o.statements) for o in sl.options())
    assert kinds["technique"] == len(sl.techniques())
    assert kinds["site"] == len(sl.sites())
    assert kinds["table"] == len(sl.recurrence_tables())


def test_a_statement_chunk_names_its_option_and_cites_its_sources(
    chunks: list[dict[str, Any]],
) -> None:
    chunk = next(c for c in chunks if c["id"] == "statement:liver/resection:1")
    first = sl.option("liver", "resection").statements[0]
    title = "Surgical resection (metastasectomy) for liver metastases"
    assert chunk["text"] == f"{title}: {first.text}"
    assert [r["key"] for r in chunk["citations"]] == list(first.citations)


def test_every_chunk_carries_version_audience_and_disclaimer(
    chunks: list[dict[str, Any]],
) -> None:
    for chunk in chunks:
        assert chunk["data_version"] == sl.DATA_VERSION
        assert chunk["audience"] == "patient"
        assert chunk["disclaimer"] == sl.DISCLAIMER


def test_every_link_in_the_chunks_passes_the_link_rule(chunks: list[dict[str, Any]]) -> None:
    from sarcoma_local._core.links import link_problem

    links = [ref["link"] for c in chunks for ref in c["citations"] if ref["link"]]
    assert links
    assert [link for link in links if link_problem(link)] == []


def test_a_chunk_explains_its_role_with_the_shared_reader_text(
    chunks: list[dict[str, Any]],
) -> None:
    from sarcoma_local._render.labels import meaning

    chunk = next(c for c in chunks if c["id"] == "option:liver/resection")
    assert chunk["role_meaning"] == meaning(sl.Role.STANDARD)


def test_professional_chunks_add_study_type_and_population() -> None:
    professional = sl.chunks(audience="professional")
    chunk = next(c for c in professional if c["id"] == "option:liver/resection")
    ref = chunk["citations"][0]
    assert {"study_type", "population", "flags"} <= set(ref)


def test_an_unknown_audience_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="audience must be one of"):
        sl.chunks(audience="everyone")
