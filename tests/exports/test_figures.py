"""The tidy figures table: one row per figure, with its option, citation, level and study."""

from __future__ import annotations

import csv
import io

import pytest

import sarcoma_local as sl
from sarcoma_local._exports.figures import COLUMNS, to_csv, to_dataframe


def test_one_row_per_figure_in_the_catalogue() -> None:
    assert len(sl.figures_table()) == sum(len(o.figures) for o in sl.options())


def test_every_row_has_every_column_in_order() -> None:
    for row in sl.figures_table():
        assert tuple(row) == COLUMNS


def test_a_row_carries_option_citation_level_and_descriptors() -> None:
    rows = sl.figures_table(sl.evidence(site="soft tissue", technique="SBRT"))
    first = rows[0]
    assert (first["site"], first["technique"], first["citation"]) == (
        "soft-tissue",
        "stereotactic-body-radiotherapy",
        "wjso-2022-322",
    )
    assert (first["value"], first["unit"], first["time_point"]) == (80.2, "percent", "1 year")
    assert (first["level"], first["patients"], first["lesions"]) == ("3iii", 37, 58)


def test_csv_has_a_header_and_reads_back() -> None:
    text = to_csv()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == len(sl.figures_table())


def test_not_printed_is_an_empty_cell_not_zero() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv())))
    lc = next(r for r in rows if r["citation"] == "wjso-2022-322")
    assert lc["lms_patients"] == ""


def test_dataframe_has_the_same_rows_when_pandas_is_installed() -> None:
    pandas = pytest.importorskip("pandas")
    frame = to_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == len(sl.figures_table())
