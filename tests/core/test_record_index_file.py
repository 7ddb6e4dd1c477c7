"""The shipped record index (``data/record-index.jsonl``): current with the data, each
span exactly one record, and never used for a file once the data it covers changed."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sarcoma_local as sl
from sarcoma_local._core import resources as _resources
from sarcoma_local._data import loader as _loader
from sarcoma_local._data.spans import (
    RECORD_INDEX_FILE,
    SPANNED,
    SpanRecords,
    record_index_file,
    record_spans,
    shipped_spans,
)

from .test_import import _modules_after


@pytest.fixture
def fresh() -> Iterator[None]:
    _loader._reset()
    yield
    _loader._reset()


def test_the_shipped_record_index_is_current_with_the_data() -> None:
    shipped = _resources.read_data(RECORD_INDEX_FILE).decode("utf-8")
    expected = record_index_file(_resources.read_data, _loader.record_keys())
    assert shipped == expected, (
        "data/record-index.jsonl is out of date: run python scripts/build_search_index.py"
    )


@pytest.mark.parametrize("name", list(SPANNED))
def test_every_span_parses_to_exactly_its_record(name: str) -> None:
    member = SPANNED[name][0]
    spans = shipped_spans(_resources.read_data, name)
    assert spans is not None
    whole = _loader.read_json(name)
    key = _loader.record_keys()[name]
    assert dict(spans.records) == {key(r): r for r in whole[member]}
    assert spans.provenance == whole["_provenance"]


def test_the_pmid_and_doi_keys_are_those_of_the_citations() -> None:
    spans = shipped_spans(_resources.read_data, "citations.json")
    assert spans is not None
    cited = sl.citations()
    assert spans.keys_by("pmid") == {str(c.pmid): c.key for c in cited if c.pmid is not None}
    assert spans.keys_by("doi") == {c.doi.lower(): c.key for c in cited if c.doi}


def test_a_changed_file_makes_its_line_and_the_lines_that_read_it_stale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = _resources.read_data

    def edited(name: str) -> bytes:
        data = real(name)
        return data.replace(b'"key": "liver"', b'"key": "liver" ') if name == "sites.json" else data

    assert shipped_spans(edited, "options.json") is None  # options name their site
    assert shipped_spans(edited, "citations.json") is not None  # citations do not


def test_a_record_edited_in_place_is_refused_with_what_to_do() -> None:
    real = _resources.read_data
    shipped = shipped_spans(real, "citations.json")
    assert shipped is not None
    edited = next(k for k, r in shipped.records.items() if "Surgical resection" in r["title"])
    untouched = next(k for k in shipped.records if k != edited)

    def retitled(name: str) -> bytes:
        data = real(name)
        if name != "citations.json":
            return data
        # The same length, so the line still looks current: the record's CRC-32 tells.
        return data.replace(b"Surgical resection", b"Surgical Resection", 1)

    spans = shipped_spans(retitled, "citations.json")
    assert spans is not None
    assert spans.records[untouched] == shipped.records[untouched]
    with pytest.raises(sl.DataIntegrityError, match=r"run python scripts/build_search_index\.py"):
        spans.records[edited]


def test_the_index_script_loads_the_data_whole(fresh: None) -> None:
    _loader.use_record_index(False)
    try:
        sl.citation(pmid=3973646)
        assert not isinstance(_loader.get_catalogue().citations._raw, SpanRecords)  # type: ignore[attr-defined]
    finally:
        _loader.use_record_index(True)


def test_a_missing_index_means_no_spans(monkeypatch: pytest.MonkeyPatch) -> None:
    def without_index(name: str) -> bytes:
        if name == RECORD_INDEX_FILE:
            raise FileNotFoundError(name)
        return _resources.read_data(name)

    assert shipped_spans(without_index, "citations.json") is None


def test_an_index_listing_fewer_checked_files_is_not_trusted() -> None:
    def trimmed(name: str) -> bytes:
        if name != RECORD_INDEX_FILE:
            return _resources.read_data(name)
        lines = _resources.read_data(name).decode().splitlines()
        entries = [json.loads(line) for line in lines]
        for entry in entries:
            entry["checked_files"] = [entry["file"]]
        return "\n".join(json.dumps(e) for e in entries).encode()

    assert shipped_spans(trimmed, "options.json") is None


def test_the_first_citation_query_parses_its_record_from_the_index(fresh: None) -> None:
    sl.citation(pmid=3973646)
    records = _loader.get_catalogue().citations
    assert isinstance(records._raw, SpanRecords)  # type: ignore[attr-defined]
    assert records.built == 1  # type: ignore[attr-defined]


def test_after_a_data_change_citations_are_parsed_and_checked_as_a_whole(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = _resources.read_data

    def twice(name: str) -> bytes:
        if name != "citations.json":
            return real(name)
        data = json.loads(real(name))
        data["citations"][0]["pmid"] = 3973646
        return json.dumps(data).encode()

    monkeypatch.setattr(_loader, "read_data", twice)
    with pytest.raises(sl.DataIntegrityError, match="PMID 3973646 is on two citations"):
        sl.citation(pmid=3973646)


def test_first_answers_import_no_checks() -> None:
    for code in ("sl.citation(pmid=3973646)", "sl.options('liver')"):
        loaded = _modules_after(f"import sarcoma_local as sl; {code}")
        assert "sarcoma_local._data.checks" not in loaded, code


# Any text JSON can carry, including quotes, brackets and non-ASCII (no lone surrogates).
TEXT = st.text(alphabet=st.characters(codec="utf-8"))


@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(["title", "note", "n"]),
            st.one_of(TEXT, st.integers(), st.none(), st.lists(TEXT, max_size=2)),
        ),
        max_size=5,
    ),
    st.sampled_from([None, 1, 2]),
)
def test_record_spans_locate_any_list_of_objects(
    records: list[dict[str, object]], indent: int | None
) -> None:
    keyed = [{"key": f"k{i}", **r} for i, r in enumerate(records)]
    document = {"_provenance": {"source": "é"}, "things": keyed, "after": [1, {"x": "]"}]}
    data = json.dumps(document, indent=indent, ensure_ascii=False).encode()
    found = record_spans(data, "things", lambda r: str(r["key"]))
    assert dict(SpanRecords("x.json", data, found["records"])) == {r["key"]: r for r in keyed}
    start, end = found["_provenance"]
    assert json.loads(data[start:end]) == document["_provenance"]
