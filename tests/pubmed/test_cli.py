"""``sarcoma-local pubmed resolve``: the same exit codes and JSON as every other command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sarcoma_local._cli.main import main

from .conftest import FakeEutils
from .test_resolve import HAS_PMID, MANN


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def two_citations(monkeypatch: pytest.MonkeyPatch) -> tuple[object, ...]:
    found = (MANN, HAS_PMID)
    monkeypatch.setattr("sarcoma_local._data.queries.citations", lambda **_: found)
    return found


def test_resolve_writes_the_review_file_and_never_edits_data(
    eutils: FakeEutils,
    tmp_path: Path,
    two_citations: tuple[object, ...],
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "review.json"
    code, stdout, _ = run(
        capsys,
        *("pubmed", "resolve", "--base-url", eutils.base_url, "--email", "a@example.org"),
        *("--cache", str(tmp_path / "c.sqlite"), "-o", str(out)),
    )
    assert code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["proposals"][0]["pmid"] == 2014248
    assert MANN.pmid is None
    assert "1 proposed" in stdout


@pytest.mark.slow  # waits on a clock (retry delays, rate windows, timeouts)
def test_resolve_json_reports_the_counts(
    eutils: FakeEutils,
    tmp_path: Path,
    two_citations: tuple[object, ...],
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, stdout, _ = run(
        capsys,
        *("pubmed", "resolve", "--json", "--base-url", eutils.base_url),
        *("--cache", str(tmp_path / "c.sqlite"), "-o", str(tmp_path / "r.json")),
    )
    result = json.loads(stdout)["result"]
    assert code == 0
    assert (result["counts"]["proposed"], result["skipped_with_pmid"]) == (1, 1)


def test_pubmed_errors_exit_1(
    eutils: FakeEutils,
    tmp_path: Path,
    two_citations: tuple[object, ...],
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(
        capsys,
        *("pubmed", "resolve", "--base-url", eutils.base_url, "--offline"),
        *("--cache", str(tmp_path / "empty.sqlite"), "-o", str(tmp_path / "r.json")),
    )
    assert code == 1
    assert "not in the cache" in err
    assert not (tmp_path / "r.json").exists()


def test_an_unknown_site_exits_1_as_in_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "pubmed", "resolve", "--site", "nowhere", "--offline")
    assert code == 1
    assert "Valid sites" in err


def test_a_missing_sub_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "pubmed")
    assert code == 2
    assert err.startswith("sarcoma-local: pubmed:")


def test_without_the_extra_the_error_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # None in sys.modules makes "import requests" fail as if it were not installed.
    monkeypatch.setitem(__import__("sys").modules, "requests", None)
    # Forget the client modules that import requests, so the command imports them anew.
    for module in ("_client", "_fetching", "_transport"):
        monkeypatch.delitem(
            __import__("sys").modules, f"sarcoma_local.pubmed.{module}", raising=False
        )
    code, _, err = run(capsys, "pubmed", "resolve", "--offline")
    assert code == 2
    assert "pip install 'sarcoma-local[pubmed]'" in err


def test_a_folder_as_the_review_file_is_a_usage_error(
    eutils: FakeEutils,
    tmp_path: Path,
    two_citations: tuple[object, ...],
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(
        capsys,
        *("pubmed", "resolve", "--base-url", eutils.base_url),
        *("--cache", str(tmp_path / "c.sqlite"), "-o", str(tmp_path)),
    )
    assert code == 2
    assert "cannot write" in err
