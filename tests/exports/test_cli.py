"""sarcoma-local export catalogue|csl|bibtex|ris|text."""

from __future__ import annotations

import json
import pathlib

import pytest
import rispy
from bibtexparser.entrypoint import parse_string

import sarcoma_local as sl
from sarcoma_local._cli.main import main
from sarcoma_local._exports.bibtex import to_bibtex
from sarcoma_local._exports.catalogue import catalogue_json
from sarcoma_local._exports.text import to_text


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_catalogue_prints_the_json_export(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "catalogue")
    assert code == 0
    assert json.loads(out) == catalogue_json()


def test_csl_for_a_site(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "csl", "--site", "liver")
    assert code == 0
    assert [i["id"] for i in json.loads(out)] == [c.key for c in sl.citations(site="liver")]


def test_bibtex_for_a_technique_parses(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "bibtex", "--technique", "RFA")
    library = parse_string(out)
    assert code == 0
    assert [e.key for e in library.entries] == [
        c.key for c in sl.citations(technique="radiofrequency-ablation")
    ]


def test_ris_for_site_and_technique(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "ris", "--site", "lung", "--technique", "resection")
    expected = sl.citations(site="lung", technique="resection")
    assert code == 0
    assert [r["id"] for r in rispy.loads(out)] == [c.key for c in expected]


def test_text_in_ama_style(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "text", "--site", "liver", "--style", "ama")
    assert code == 0
    assert out == to_text(sl.citations(site="liver"), style="ama")


def test_output_file_gets_the_text_and_stdout_stays_empty(
    capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path
) -> None:
    target = tmp_path / "liver.bib"
    code, out, _ = run(capsys, "export", "bibtex", "--site", "liver", "-o", str(target))
    assert (code, out) == (0, "")
    assert target.read_text(encoding="utf-8") == to_bibtex(sl.citations(site="liver"))


def test_json_flag_wraps_text_exports(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "ris", "--site", "brain", "--json")
    data = json.loads(out)
    assert code == 0
    assert (data["data_version"], data["disclaimer"]) == (sl.DATA_VERSION, sl.DISCLAIMER)
    assert data["result"]["format"] == "ris"
    assert data["result"]["count"] == len(sl.citations(site="brain"))


def test_unknown_site_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "export", "csl", "--site", "nowhere at all")
    assert (code, out) == (1, "")
    assert "Valid sites" in err


def test_filters_on_the_catalogue_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", "catalogue", "--site", "liver")
    assert code == 2
    assert "citation exports only" in err


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", "endnote")
    assert code == 2
    assert "invalid choice: 'endnote'" in err


def test_output_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    first = run(capsys, "export", "text", "--site", "lung")[1]
    assert run(capsys, "export", "text", "--site", "lung")[1] == first


def test_figures_for_a_site_are_a_csv_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "figures", "--site", "soft tissue")
    assert code == 0
    assert out.splitlines()[0].startswith("site,technique,statement,")
    assert len(out.splitlines()) == 1 + len(sl.evidence(site="soft tissue"))


def test_fhir_export_is_a_bundle(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "export", "fhir", "--technique", "SBRT")
    assert code == 0
    assert json.loads(out)["resourceType"] == "Bundle"
