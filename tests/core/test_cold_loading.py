"""Loading on first use: each part of the catalogue is built without cattrs, only when
asked for, and bad data still fails with a message naming the file, record and field."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import sarcoma_local as sl
from sarcoma_local._core import resources as _resources
from sarcoma_local._core.convert import converter
from sarcoma_local._data import loader as _loader
from sarcoma_local._data.models import Citation, Option, PatternRule, RecurrenceTable

from .test_import import _modules_after


@pytest.fixture
def fresh() -> Iterator[None]:
    _loader._reset()
    yield
    _loader._reset()


def _with_change(
    monkeypatch: pytest.MonkeyPatch, name: str, change: Callable[[dict[str, Any]], None]
) -> None:
    """Serve data file ``name`` with ``change`` applied to its parsed JSON."""
    real = _resources.read_data

    def changed(asked: str) -> bytes:
        if asked != name:
            return real(asked)
        data = json.loads(real(asked))
        change(data)
        return json.dumps(data).encode()

    monkeypatch.setattr(_loader, "read_data", changed)


def _guidelines() -> tuple[Any, ...]:
    return _loader.get_catalogue().guidelines


@pytest.mark.parametrize(
    ("name", "field", "cls", "loaded"),
    [
        ("citations.json", "citations", Citation, lambda: tuple(sl.citations())),
        ("options.json", "options", Option, lambda: _loader.get_catalogue().options),
        ("recurrence.json", "tables", RecurrenceTable, lambda: tuple(sl.recurrence_tables())),
        ("recurrence.json", "rules", PatternRule, lambda: tuple(sl.rules())),
        (
            "guidelines.json",
            "stances",
            sl.GuidelineStance,
            lambda: _loader.get_catalogue().guidelines,
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_records_equal_what_cattrs_builds(
    name: str, field: str, cls: type, loaded: Callable[[], tuple[Any, ...]]
) -> None:
    expected = converter.structure(_loader.read_json(name)[field], tuple[cls, ...])  # type: ignore[valid-type]
    assert repr(loaded()) == repr(expected)  # same values and same types (80.0, not 80)
    assert loaded() == expected


def test_citation_keys_scanned_from_the_file_are_the_citation_keys() -> None:
    assert _loader._read_citation_keys() == set(_loader.get_catalogue().citations)


def test_bad_vocabulary_value_in_a_nested_record_names_file_record_and_field(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def misspell(data: dict[str, Any]) -> None:
        data["options"][0]["statements"][0]["figures"][0]["unit"] = "percnt"

    _with_change(monkeypatch, "options.json", misspell)
    with pytest.raises(
        sl.DataIntegrityError,
        match=r"options\.json options\[liver/resection\]\.statements\[0\]\.figures\[0\]\.unit: "
        r"'percnt' is not a valid Unit",
    ):
        sl.options("liver")


def test_unknown_field_in_a_citation_names_the_citation(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def typo(data: dict[str, Any]) -> None:
        data["citations"][0]["authors"][0]["familly"] = "Rose"

    _with_change(monkeypatch, "citations.json", typo)
    with pytest.raises(
        sl.DataIntegrityError,
        match=r"citations\.json citations\[rose-1989-935\]\.authors\[0\]\.familly: unknown field",
    ):
        sl.citation("rose-1989-935")


def test_a_broken_citation_fails_every_query_that_reads_all_citations(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def typo(data: dict[str, Any]) -> None:
        data["citations"][0]["authors"][0]["familly"] = "Rose"

    _with_change(monkeypatch, "citations.json", typo)
    assert sl.citation(pmid=3973646).key == "potter-1985-353"  # built on its own
    with pytest.raises(sl.DataIntegrityError, match=r"citations\[rose-1989-935\]"):
        sl.citations()


def test_a_pmid_on_two_citations_fails_the_first_citation_query(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def twice(data: dict[str, Any]) -> None:
        data["citations"][0]["pmid"] = 3973646

    _with_change(monkeypatch, "citations.json", twice)
    with pytest.raises(sl.DataIntegrityError, match="PMID 3973646 is on two citations"):
        sl.citation(pmid=3973646)


def test_the_first_citation_query_builds_one_citation(fresh: None) -> None:
    sl.citation(pmid=3973646)
    assert _loader.get_catalogue().citations.built == 1  # type: ignore[attr-defined]


def test_value_of_the_wrong_json_type_is_refused(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def as_text(data: dict[str, Any]) -> None:
        data["citations"][0]["year"] = "1989"

    _with_change(monkeypatch, "citations.json", as_text)
    with pytest.raises(sl.DataIntegrityError, match=r"\.year: expected an integer, got '1989'"):
        sl.citations()


def test_missing_required_field_is_reported(fresh: None, monkeypatch: pytest.MonkeyPatch) -> None:
    _with_change(monkeypatch, "options.json", lambda data: data["options"][0].pop("summary"))
    with pytest.raises(sl.DataIntegrityError, match=r"options\[liver/resection\]: .*'summary'"):
        sl.options()


def test_dangling_table_citation_fails_when_tables_load(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dangling(data: dict[str, Any]) -> None:
        data["tables"][0]["citation"] = "nobody-2099-1"

    _with_change(monkeypatch, "recurrence.json", dangling)
    assert sl.options("liver")  # options do not need the tables
    with pytest.raises(sl.DataIntegrityError, match="unknown citation 'nobody-2099-1'"):
        sl.recurrence_tables()


def test_broken_part_is_still_reported_by_preload(
    fresh: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def dangling(data: dict[str, Any]) -> None:
        data["stances"][0]["citation"] = "nobody-2099-1"

    _with_change(monkeypatch, "guidelines.json", dangling)
    with pytest.raises(sl.DataIntegrityError, match="unknown citation 'nobody-2099-1'"):
        sl.preload()


def test_first_options_creates_no_citation_class() -> None:
    loaded = _modules_after("import sarcoma_local as sl; sl.options('liver')")
    assert "sarcoma_local._data.citation_records" not in loaded
    assert "cattrs" not in loaded


def test_first_options_for_a_site_key_builds_no_site() -> None:
    loaded = _modules_after("import sarcoma_local as sl; sl.options('liver')")
    assert "sarcoma_local._data.site_records" not in loaded


def test_options_for_a_site_name_or_typo_still_resolve(fresh: None) -> None:
    assert sl.options("Liver") == sl.options("hepatic") == sl.options("livr") == sl.options("liver")


def test_first_citation_creates_no_option_or_site_class() -> None:
    loaded = _modules_after("import sarcoma_local as sl; sl.citation(pmid=3973646)")
    assert "sarcoma_local._data.option_records" not in loaded
    assert "sarcoma_local._data.site_records" not in loaded
    assert "cattrs" not in loaded


@pytest.mark.parametrize(
    "cls",
    [Citation, Option, RecurrenceTable, PatternRule, sl.GuidelineStance, sl.Figure, sl.Statement],
    ids=lambda c: c.__name__,
)
def test_field_types_read_without_eval_match_typing(cls: type) -> None:
    import sys
    import typing

    from sarcoma_local._data.build import _hints

    assert _hints(cls) == typing.get_type_hints(cls, vars(sys.modules[cls.__module__]))
