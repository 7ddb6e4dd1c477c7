"""The sarcoma-local command line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import sarcoma_local as sl
from sarcoma_local._cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_sites_lists_every_site(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "sites")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [s.key for s in sl.sites()]


def test_site_shows_options_references_and_disclaimer(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "liver")
    assert code == 0
    assert "Surgical resection" in out
    assert "Chen H, Pruitt A" in out
    assert "not medical advice" in out


def test_json_output_carries_version_and_disclaimer(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "lung", "--json")
    data = json.loads(out)
    assert code == 0
    assert data["data_version"] == sl.DATA_VERSION
    assert data["disclaimer"] == sl.DISCLAIMER
    assert data["result"]["site"]["key"] == "lung"


def test_unknown_site_exits_1_with_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "lugnx metastasis")
    assert code == 1
    assert out == ""
    assert "Valid sites" in err


def test_citation_by_pmid(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "citation", "--pmid", "3973646")
    assert code == 0
    assert "Potter DA" in out
    assert "Listed by: UpToDate 2017 UTD-1" in out


def test_malformed_pmid_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "citation", "--pmid", "abc")
    assert code == 2
    assert "invalid PMID" in err


def test_search(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "cryo", "liver")
    assert code == 0
    assert "liver/cryoablation" in out.splitlines()[0]


def test_search_without_match_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "search", "zzzzqqq")
    assert (code, out) == (1, "")
    assert err == "sarcoma-local: no matches for 'zzzzqqq'\n"


def test_recurrence_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "recurrence", "potter-1985-salvage-by-pattern")
    assert code == 0
    assert "71.4 *" in out
    assert "both are kept" in out


def test_recurrence_rate_json(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "recurrence", "--primary-site", "breast", "--json")
    rows = json.loads(out)["result"]
    assert (rows[0]["numerator"], rows[0]["denominator"]) == (4, 6)


def test_pattern_nodal(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "pattern", "rhabdomyosarcoma", "--nodal")
    assert code == 0
    assert "5/14" in out


def test_techniques_with_bad_category_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "techniques", "--category", "magic")[0] == 2


def test_validate_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate")
    assert (code, out) == (0, "catalogue OK\n")


def test_info(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "info", "--json")
    assert code == 0
    assert json.loads(out)["result"]["version"] == sl.__version__


@pytest.mark.slow
def test_python_dash_m_runs_the_same_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sarcoma_local", "sites"], capture_output=True, text=True, check=True
    )
    assert result.stdout.split()[0] == "liver"


def test_missing_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys)
    assert code == 2
    assert "required: COMMAND" in err
