"""The collected questions in questions.tsv: well formed, and answered as expected."""

from __future__ import annotations

import csv
import pathlib

import pytest

import sarcoma_local as sl

FILE = pathlib.Path(__file__).with_name("questions.tsv")
ROWS = list(csv.DictReader(FILE.read_text(encoding="utf-8").splitlines(), delimiter="\t"))
ANSWERABLE = [r for r in ROWS if r["expected_keys"] != "NONE"]
UNCOVERED = [r for r in ROWS if r["expected_keys"] == "NONE"]


def catalogue_keys() -> set[str]:
    return (
        {s.key for s in sl.sites()}
        | {t.key for t in sl.techniques()}
        | {f"{o.site}/{o.technique}" for o in sl.options()}
        | {t.key for t in sl.recurrence_tables()}
        | {r.key for r in sl.rules()}
    )


def test_the_file_has_the_devset_columns_and_unique_ids() -> None:
    assert list(ROWS[0]) == ["id", "question", "expected_keys", "kind", "source_url", "note"]
    assert len({r["id"] for r in ROWS}) == len(ROWS) >= 30


def test_every_question_records_where_it_was_found() -> None:
    assert all(r["source_url"].startswith(("http://", "https://")) and r["note"] for r in ROWS)


def test_every_expected_key_exists_in_the_catalogue() -> None:
    keys = catalogue_keys()
    assert {k for r in ANSWERABLE for k in r["expected_keys"].split("|")} <= keys


def _matches(returned: str, expected: str) -> bool:
    # The scorer's rule: a key, or an option at an expected site or of an expected technique.
    site, _, technique = returned.partition("/")
    return returned == expected or expected in {site, technique}


@pytest.mark.parametrize("row", ANSWERABLE, ids=[r["id"] for r in ANSWERABLE])
def test_an_expected_key_is_among_the_first_three_passages(row: dict[str, str]) -> None:
    expected = row["expected_keys"].split("|")
    top = sl.context(row["question"]).keys[:3]
    assert any(_matches(k, e) for k in top for e in expected), top


@pytest.mark.parametrize("row", UNCOVERED, ids=[r["id"] for r in UNCOVERED])
def test_an_uncovered_question_gets_the_coverage_gap_signal(row: dict[str, str]) -> None:
    assert sl.context(row["question"]).coverage == "none"
