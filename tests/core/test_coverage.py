"""docs/coverage.md is generated from the data (down to a marker) and must stay in sync."""

from __future__ import annotations

import pathlib

import sarcoma_local as sl
from sarcoma_local._data.progress import progress
from sarcoma_local._pages.coverage import END_OF_GENERATED, render_coverage, update_coverage_text

DOC = pathlib.Path(__file__).resolve().parents[2] / "docs" / "coverage.md"


def test_coverage_doc_generated_part_matches_the_data() -> None:
    generated, marker, _ = DOC.read_text(encoding="utf-8").partition(END_OF_GENERATED)
    assert marker, "docs/coverage.md lost the line that ends its generated part"
    assert generated == render_coverage() + "\n", (
        "docs/coverage.md is stale: run `sarcoma-local coverage --update docs/coverage.md`"
    )


def test_coverage_doc_keeps_a_hand_written_record_of_searched_cells() -> None:
    _, _, tail = DOC.read_text(encoding="utf-8").partition(END_OF_GENERATED)
    assert "## Searched, no sarcoma evidence found" in tail


def test_update_rewrites_the_generated_part_and_keeps_the_hand_written_end() -> None:
    old = "# stale table\n\n" + END_OF_GENERATED + "\n\n## Searched\n\nkept by hand\n"
    new = update_coverage_text(old)
    assert new.startswith(render_coverage())
    assert new.endswith("\n" + END_OF_GENERATED + "\n\n## Searched\n\nkept by hand\n")
    assert "stale table" not in new


def test_update_of_a_file_without_the_marker_is_the_generated_part_alone() -> None:
    assert update_coverage_text("anything\n") == render_coverage()


def test_coverage_lists_every_site_as_a_column() -> None:
    header = next(line for line in render_coverage().splitlines() if line.startswith("| technique"))
    for s in sl.sites():
        assert f" {s.name} |" in header


def test_at_a_glance_counts_the_catalogue() -> None:
    p = progress()
    assert p["options"] == len(sl.options())
    assert p["citations"] == len(sl.citations())
    assert p["verified_pmid"] == sum(c.pmid is not None for c in sl.citations())
    assert f"Options: {p['options']}; citations: {p['citations']}" in render_coverage()


def test_literature_current_through_is_the_newest_cited_year() -> None:
    assert progress()["literature_through"] == max(c.year for c in sl.citations())
