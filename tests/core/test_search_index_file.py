"""The shipped search index (``data/search-index.json``): current with the data, ranking
exactly as the index built from the records, and never used once the data changed."""

from __future__ import annotations

import json
import typing
from collections.abc import Iterator

import attrs
import pytest

import sarcoma_local as sl
from sarcoma_local._core import resources as _resources
from sarcoma_local._data import loader as _loader
from sarcoma_local._data.hit_records import DeferredRecord
from sarcoma_local._data.indexing import INDEX_FILE, build_search_index, search_index_file

from .test_import import _modules_after

QUERIES = [
    "cryo liver",
    "radiofrequncy ablaton lung",  # typos
    "3973646",  # a PMID
    "lung metastasectomy survival",
    "what can be done for liver metastases",
    "cyberknife spine",
    "hepatc",
    "Métastases pulmonaires",
    "leiomyosarcoma recurrence",
    "sarcoma",
]


@pytest.fixture
def fresh() -> Iterator[None]:
    _loader._reset()
    yield
    _loader._reset()


def _ranking(index: object, query: str) -> list[tuple[float, str, str, str]]:
    hits = index.search(query, limit=50)  # type: ignore[attr-defined]
    return [(score, d.kind, d.key, d.label) for score, d in hits]


def test_the_shipped_index_is_current_with_the_data() -> None:
    shipped = _resources.read_data(INDEX_FILE).decode("utf-8")
    expected = search_index_file(_loader.get_catalogue(), _resources.read_data)
    assert shipped == expected, (
        "data/search-index.json is out of date: run python scripts/build_search_index.py"
    )


def test_the_shipped_catalogue_reads_its_index_instead_of_building_it(fresh: None) -> None:
    index = _loader.get_catalogue().search_index()
    assert all(d.record is None for d in index.documents)


@pytest.mark.parametrize("query", QUERIES)
def test_the_read_index_ranks_exactly_as_the_built_one(query: str) -> None:
    cat = _loader.get_catalogue()
    assert _ranking(cat.search_index(), query) == _ranking(build_search_index(cat), query)


def test_after_a_data_change_the_index_is_built_from_the_records(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = _resources.read_data

    def edited(name: str) -> bytes:
        if name != "sites.json":
            return real(name)
        data = json.loads(real(name))
        liver = next(site for site in data["sites"] if site["key"] == "liver")
        liver["aliases"].append("hepatoblastic zone")
        return json.dumps(data).encode()

    monkeypatch.setattr(_loader, "read_data", edited)
    assert sl.search("hepatoblastic zone")[0].key == "liver"


@pytest.mark.parametrize("content", [None, b"{not json", b'{"checksum": "crc32:00000000"}'])
def test_a_missing_or_unreadable_index_file_only_means_building_it(
    fresh: None, monkeypatch: pytest.MonkeyPatch, content: bytes | None
) -> None:
    real = _resources.read_data

    def without_index(name: str) -> bytes:
        if name != INDEX_FILE:
            return real(name)
        if content is None:
            raise FileNotFoundError(name)
        return content

    monkeypatch.setattr(_loader, "read_data", without_index)
    index = _loader.get_catalogue().search_index()
    assert index.documents[0].record is not None  # built from the records
    assert sl.search("cryo liver")[0].key == "liver/cryoablation"


def test_a_hit_from_the_read_index_carries_the_catalogues_own_record(fresh: None) -> None:
    hits = sl.search("cryo liver")
    citation = next(h for h in hits if h.kind == "citation")
    assert hits[0].record is sl.option("liver", "cryoablation")
    assert citation.record is sl.citation(citation.key)


def test_no_reader_of_a_hit_sees_a_deferred_record(fresh: None) -> None:
    hit = sl.search("cryo liver")[0]
    assert not isinstance(attrs.asdict(hit, recurse=False)["record"], DeferredRecord)
    assert "record=Option(site='liver'" in repr(hit)


def test_the_hit_record_type_still_resolves() -> None:
    hint = typing.get_type_hints(sl.SearchHit)["record"]
    assert sl.Option in typing.get_args(hint)


def test_first_search_creates_no_record_class() -> None:
    loaded = _modules_after("import sarcoma_local as sl; sl.search('cryo liver')")
    assert "sarcoma_local._data.option_records" not in loaded
    assert "sarcoma_local._data.citation_records" not in loaded
    assert "sarcoma_local._data.models" not in loaded


def test_reading_a_hits_record_builds_it() -> None:
    loaded = _modules_after("import sarcoma_local as sl; sl.search('cryo liver')[0].record")
    assert "sarcoma_local._data.option_records" in loaded
