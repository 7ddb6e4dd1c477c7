"""``coverage``: the table on stdout, ``--update FILE`` refreshes a coverage.md in place."""

from __future__ import annotations

import json
import pathlib

from sarcoma_local._pages.coverage import END_OF_GENERATED, render_coverage

from .conftest import Run


def test_coverage_prints_the_generated_table(run: Run) -> None:
    code, out, _ = run("coverage")
    assert code == 0
    assert out == render_coverage()


def test_coverage_update_keeps_the_hand_written_end(run: Run, tmp_path: pathlib.Path) -> None:
    doc = tmp_path / "coverage.md"
    doc.write_text("old table\n" + END_OF_GENERATED + "\n\nsearched by hand\n", encoding="utf-8")
    code, _, _ = run("coverage", "--update", str(doc))
    text = doc.read_text(encoding="utf-8")
    assert code == 0
    assert text.startswith(render_coverage())
    assert text.endswith("searched by hand\n")


def test_coverage_update_of_a_missing_file_is_a_clear_error(
    run: Run, tmp_path: pathlib.Path
) -> None:
    code, _, err = run("coverage", "--update", str(tmp_path / "missing.md"))
    assert code == 2
    assert "cannot read" in err
    assert "Traceback" not in err


def test_coverage_json_carries_the_curation_progress(run: Run) -> None:
    _, out, _ = run("coverage", "--json")
    progress = json.loads(out)["result"]["progress"]
    assert {"options", "citations", "verified_pmid", "literature_through"} <= progress.keys()
