"""Bad input: one line on stderr, a documented exit code, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Run


def test_citation_without_an_argument_is_a_usage_error(run: Run) -> None:
    code, out, err = run("citation")
    assert (code, out) == (2, "")
    assert err == (
        "sarcoma-local: citation: one of the arguments key --pmid --doi --pmcid is required "
        "(see 'sarcoma-local citation --help')\n"
    )


def test_citation_with_a_key_and_a_pmid_is_a_usage_error(run: Run) -> None:
    code, _, err = run("citation", "potter-1985-353", "--pmid", "3973646")
    assert code == 2
    assert "not allowed with argument key" in err


def test_export_into_a_missing_folder_is_a_usage_error(run: Run) -> None:
    code, out, err = run("export", "bibtex", "-o", "/nonexistent/x.bib")
    assert (code, out) == (2, "")
    assert err == "sarcoma-local: cannot write /nonexistent/x.bib: No such file or directory\n"


def test_export_onto_a_folder_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    code, _, err = run("export", "bibtex", "-o", str(tmp_path))
    assert code == 2
    assert err == f"sarcoma-local: cannot write {tmp_path}: Is a directory\n"


def test_export_to_an_empty_path_is_a_usage_error(run: Run) -> None:
    code, _, err = run("export", "ris", "-o", "")
    assert code == 2
    assert "output path is empty" in err


def test_an_unknown_command_is_a_usage_error(run: Run) -> None:
    code, _, err = run("sight", "liver")
    assert code == 2
    assert "invalid choice: 'sight'" in err


def test_an_unknown_site_exits_1_with_the_closest_match(run: Run) -> None:
    code, _, err = run("show", "lugnx metastasis")
    assert code == 1
    assert "did you mean 'lung'" in err


def test_every_error_is_one_line(run: Run) -> None:
    assert run("citation", "--pmid", "abc")[2].count("\n") == 1


def test_error_text_is_capped_however_long_the_input(run: Run) -> None:
    _, _, err = run("show", "x" * 5000)
    assert len(err) < 450


def test_failed_data_checks_exit_1(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sarcoma_local._data.validate.validate", lambda: ["liver: broken"])
    code, out, err = run("validate")
    assert (code, out) == (1, "liver: broken\n")
    assert "failed validation: liver: broken" in err


def test_help_returns_0_instead_of_raising(run: Run) -> None:
    code, out, _ = run("show", "--help")
    assert code == 0
    assert "site key, name or alias" in out


@pytest.mark.slow
def test_a_real_process_exits_2_without_a_traceback() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "sarcoma_local", "citation"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
