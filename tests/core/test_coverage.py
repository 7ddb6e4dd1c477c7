"""docs/coverage.md is generated from the data and must stay in sync with it."""

from __future__ import annotations

import pathlib

from sarcoma_local._pages.coverage import render_coverage

DOC = pathlib.Path(__file__).resolve().parents[2] / "docs" / "coverage.md"


def test_coverage_doc_matches_the_data() -> None:
    assert DOC.read_text(encoding="utf-8") == render_coverage(), (
        "docs/coverage.md is stale: run `sarcoma-local coverage > docs/coverage.md`"
    )


def test_coverage_lists_every_site_as_a_column() -> None:
    import sarcoma_local as sl

    header = render_coverage().splitlines()[6]
    for s in sl.sites():
        assert f" {s.name} |" in header
