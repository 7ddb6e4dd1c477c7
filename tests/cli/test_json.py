"""``--json`` everywhere: results and errors alike carry the data version and disclaimer."""

from __future__ import annotations

import json

import sarcoma_local as sl

from .conftest import Run


def test_an_unknown_key_is_a_json_error_object(run: Run) -> None:
    code, out, _ = run("show", "lugnx metastasis", "--json")
    data = json.loads(out)
    assert code == 1
    assert data["error"]["type"] == "unknown_site"
    assert data["error"]["suggestions"][0] == "lung"
    assert "lung" in data["error"]["valid"]
    assert (data["data_version"], data["disclaimer"]) == (sl.DATA_VERSION, sl.DISCLAIMER)


def test_a_usage_error_is_a_json_error_object_with_exit_2(run: Run) -> None:
    code, out, _ = run("search", "liver", "--limit", "0", "--json")
    assert code == 2
    assert json.loads(out)["error"]["type"] == "invalid_arguments"


def test_an_unwritable_output_is_a_json_output_error(run: Run) -> None:
    code, out, _ = run("export", "ris", "-o", "/nonexistent/x.ris", "--json")
    assert code == 2
    assert json.loads(out)["error"]["type"] == "output_error"


def test_show_json_carries_the_cited_citations(run: Run) -> None:
    _, out, _ = run("show", "liver", "--json")
    result = json.loads(out)["result"]
    cited = {k for o in result["options"] for s in o["statements"] for k in s["citations"]}
    assert {c["key"] for c in result["citations"]} == cited


def test_show_json_citations_have_reference_text_and_links(run: Run) -> None:
    _, out, _ = run("show", "lung", "--json")
    first = json.loads(out)["result"]["citations"][0]
    assert first["reference"] == sl.format_citation(first["key"])
    assert "links" in first


def test_citation_json_carries_the_reference_and_links(run: Run) -> None:
    _, out, _ = run("citation", "potter-1985-353", "--json")
    result = json.loads(out)["result"]
    assert result["links"][0]["url"] == "https://pubmed.ncbi.nlm.nih.gov/3973646/"
    assert result["label"] == "Potter 1985"


def test_coverage_json_is_data_per_site_and_technique(run: Run) -> None:
    _, out, _ = run("coverage", "--json")
    cells = json.loads(out)["result"]["options"]
    liver_rfa = sl.option("liver", "radiofrequency-ablation")
    assert {
        "site": "liver",
        "technique": "radiofrequency-ablation",
        "role": liver_rfa.role.value,
        "citations": len(liver_rfa.citation_keys),
    } in cells
    assert len(cells) == len(sl.options())


def test_search_json_lists_hits(run: Run) -> None:
    _, out, _ = run("search", "cryo", "liver", "--json")
    assert json.loads(out)["result"][0]["key"] == "liver/cryoablation"


def test_no_search_hit_is_a_json_error_with_exit_1(run: Run) -> None:
    code, out, _ = run("search", "zzzzqqq", "--json")
    assert code == 1
    assert json.loads(out)["error"]["type"] == "no_answer"
