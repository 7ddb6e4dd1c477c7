"""``sarcoma-local ask`` (grounded context) and ``sarcoma-local export chunks`` (JSON Lines)."""

from __future__ import annotations

import json
from pathlib import Path

import sarcoma_local as sl

from .conftest import Run

BURN = "can they burn the spots on my husband's liver?"


def test_ask_prints_the_context_text(run: Run) -> None:
    code, out, _ = run("ask", BURN)
    assert code == 0
    assert out == sl.context(BURN).text + "\n"


def test_ask_takes_the_question_as_several_words(run: Run) -> None:
    assert run("ask", "gamma", "knife", "for", "brain", "mets")[1].startswith(
        "Question: gamma knife for brain mets"
    )


def test_ask_keeps_the_text_within_max_chars(run: Run) -> None:
    out = run("ask", BURN, "--max-chars", "1200")[1]
    assert len(out.rstrip("\n")) <= 1200
    assert out.rstrip().endswith(sl.DISCLAIMER)


def test_ask_for_professionals_shows_study_types(run: Run) -> None:
    out = run("ask", "liver resection for leiomyosarcoma", "--audience", "professional")[1]
    assert "Retrospective series" in out


def test_ask_json_gives_the_context_record(run: Run) -> None:
    code, out, _ = run("ask", BURN, "--json")
    result = json.loads(out)["result"]
    assert code == 0
    assert result["passages"][0]["key"] == "liver/radiofrequency-ablation"
    assert result["coverage"] == "full"


def test_ask_about_something_not_covered_exits_1_with_the_reason(run: Run) -> None:
    code, out, err = run("ask", "What does grade mean?")
    assert (code, out) == (1, "")
    assert "not covered" in err


def test_ask_refuses_a_max_chars_below_800(run: Run) -> None:
    code, _, err = run("ask", BURN, "--max-chars", "100")
    assert code == 2
    assert "--max-chars: must be 800 or more" in err


def test_ask_refuses_a_blank_question(run: Run) -> None:
    code, _, err = run("ask", "  ")
    assert code == 2
    assert "give a question" in err


def test_export_chunks_writes_one_json_object_a_line(run: Run) -> None:
    code, out, _ = run("export", "chunks")
    lines = out.splitlines()
    assert code == 0
    assert [json.loads(line) for line in lines] == sl.chunks()


def test_export_chunks_for_professionals(run: Run) -> None:
    first = json.loads(run("export", "chunks", "--audience", "professional")[1].splitlines()[0])
    assert first["audience"] == "professional"
    assert "study_type" in first["citations"][0]


def test_export_chunks_to_a_file_leaves_stdout_empty(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "chunks.jsonl"
    code, out, _ = run("export", "chunks", "-o", str(target))
    assert (code, out) == (0, "")
    assert len(target.read_text(encoding="utf-8").splitlines()) == len(sl.chunks())


def test_export_chunks_to_a_missing_folder_exits_2(run: Run, tmp_path: Path) -> None:
    code, _, err = run("export", "chunks", "-o", str(tmp_path / "nowhere" / "c.jsonl"))
    assert code == 2
    assert "cannot write" in err


def test_audience_is_refused_for_a_citation_export(run: Run) -> None:
    code, _, err = run("export", "bibtex", "--audience", "patient")
    assert code == 2
    assert "--audience applies to the chunks export only" in err


def test_site_filter_is_refused_for_chunks(run: Run) -> None:
    code, _, err = run("export", "chunks", "--site", "liver")
    assert code == 2
    assert "--site and --technique apply to citation exports only" in err
