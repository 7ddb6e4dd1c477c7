"""call_tool answers each query with JSON-ready data, provenance and the disclaimer."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import sarcoma_local as sl
from sarcoma_local._chat.dispatch import call_tool
from sarcoma_local._core.links import is_canonical_url

from .conftest import HAPPY_CALLS


@pytest.mark.parametrize("name", list(HAPPY_CALLS))
def test_every_tool_answers_without_error(name: str) -> None:
    answer = call_tool(name, HAPPY_CALLS[name])
    assert "error" not in answer
    assert answer["tool"] == name


@pytest.mark.parametrize("name", list(HAPPY_CALLS))
def test_every_answer_carries_data_version_and_disclaimer(name: str) -> None:
    answer = call_tool(name, HAPPY_CALLS[name])
    assert answer["data_version"] == sl.DATA_VERSION
    assert answer["disclaimer"] == sl.DISCLAIMER


@pytest.mark.parametrize("name", list(HAPPY_CALLS))
def test_every_answer_survives_a_json_round_trip(name: str) -> None:
    answer = call_tool(name, HAPPY_CALLS[name])
    assert json.loads(json.dumps(answer)) == answer


def test_list_sites_gives_every_site_in_catalogue_order() -> None:
    result = call_tool("list_sites")["result"]
    assert [s["key"] for s in result["sites"]] == [s.key for s in sl.sites()]


def test_site_options_at_the_liver_start_with_resection() -> None:
    options = call_tool("site_options", {"site": "liver"})["result"]["options"]
    assert options[0]["technique"] == "resection"
    assert options[0]["role"] == "standard"
    assert [o["technique"] for o in options] == [o.technique for o in sl.options("liver")]


def test_site_options_resolves_aliases() -> None:
    assert call_tool("site_options", {"site": "pulmonary"})["result"]["site"]["key"] == "lung"


def test_site_options_statements_name_their_citations() -> None:
    answer = call_tool("site_options", {"site": "liver", "audience": "professional"})
    option = answer["result"]["options"][0]
    assert option["statements"]
    assert all(s["citations"] for s in option["statements"])


def test_a_patient_gets_each_option_in_plain_words_with_a_source() -> None:
    answer = call_tool("site_options", {"site": "liver"})
    assert answer["result"]["audience"] == "patient"
    for option, record in zip(answer["result"]["options"], sl.options("liver"), strict=True):
        assert record.patient is not None
        assert record.patient.text.startswith(option["in_plain_words"])
        assert option["sources"]
        assert "summary" not in option
    labels = {c["label"] for c in answer["citations"]}
    assert {s for o in answer["result"]["options"] for s in o["sources"]} <= labels


def test_a_shortened_plain_words_text_says_so() -> None:
    # Liver has ten options: the overview keeps the first sentences of each.
    answer = call_tool("site_options", {"site": "liver"})
    cut = [o for o in answer["result"]["options"] if o.get("in_plain_words_complete") is False]
    assert cut
    assert answer["result"]["complete"] is False
    whole = call_tool("site_options", {"site": "liver", "technique": cut[0]["technique"]})
    assert "in_plain_words_complete" not in whole["result"]["options"][0]


def test_a_professional_gets_the_summary_instead_of_plain_words() -> None:
    answer = call_tool("site_options", {"site": "lung", "audience": "professional"})
    option = answer["result"]["options"][0]
    assert option["summary"] == sl.options("lung")[0].summary
    assert "in_plain_words" not in option


def test_every_cited_key_comes_with_its_reference() -> None:
    answer = call_tool("site_options", {"site": "liver", "detail": "full"})
    cited = {k for o in answer["result"]["options"] for k in o["citation_keys"]}
    assert {c["key"] for c in answer["citations"]} == cited


def test_every_label_a_compact_statement_cites_is_in_the_citation_list() -> None:
    answer = call_tool("site_options", {"site": "liver", "audience": "professional"})
    cited = {
        label
        for o in answer["result"]["options"]
        for s in o["statements"]
        for label in s["citations"]
    }
    assert cited
    assert {c["label"] for c in answer["citations"]} == cited


def test_references_carry_pmid_and_links() -> None:
    answer = call_tool("recurrence_lookup", {"primary_site": "retroperitoneum"})
    potter = next(c for c in answer["citations"] if c["key"] == "potter-1985-353")
    assert potter["pmid"] == 3973646
    assert potter["pubmed_url"] == "https://pubmed.ncbi.nlm.nih.gov/3973646/"
    assert [link["url"] for link in potter["links"]] == ["https://pubmed.ncbi.nlm.nih.gov/3973646/"]


def test_references_are_labelled_and_written_by_the_one_formatter() -> None:
    answer = call_tool("recurrence_lookup", {"primary_site": "retroperitoneum"})
    potter = next(c for c in answer["citations"] if c["key"] == "potter-1985-353")
    assert potter["label"] == sl.format_citation("potter-1985-353", "label") == "Potter 1985"
    assert potter["short"] == "Potter DA et al. J Clin Oncol 1985;3:353-66"
    assert potter["reference"] == sl.format_citation("potter-1985-353", "nlm")


def test_references_link_only_to_canonical_places() -> None:
    # chen-1998-151 was found on a university repository page: evidence, never a link.
    answer = call_tool("site_options", {"site": "liver", "detail": "full"})
    chen = next(c for c in answer["citations"] if c["key"] == "chen-1998-151")
    assert chen["links"] == []
    assert "url" not in chen
    assert all(is_canonical_url(link["url"]) for c in answer["citations"] for link in c["links"])


def test_a_compact_citation_has_its_label_and_one_canonical_link_or_none() -> None:
    answer = call_tool("site_options", {"site": "liver", "audience": "professional"})
    chen = next(c for c in answer["citations"] if c["key"] == "chen-1998-151")
    assert chen == {"key": "chen-1998-151", "label": "Chen 1998", "link": None}
    assert all(is_canonical_url(c["link"]) for c in answer["citations"] if c["link"])


def test_every_option_in_full_detail_says_what_its_role_means() -> None:
    options = call_tool("site_options", {"site": "liver", "detail": "full"})["result"]["options"]
    assert options[0]["role_meaning"] == (
        "described in the cited literature as the usual approach where it is feasible"
    )
    assert all(o["role_meaning"] for o in options)


@pytest.mark.parametrize("name", list(HAPPY_CALLS))
def test_every_answer_says_what_each_role_means(name: str) -> None:
    meanings = call_tool(name, HAPPY_CALLS[name])["role_meanings"]
    assert set(meanings) == {r.value for r in sl.Role}
    assert "usual approach where it is feasible" in meanings["standard"]
    assert not any("recommend" in text for text in meanings.values())


@pytest.mark.parametrize("site", [s.key for s in sl.sites()])
def test_a_compact_site_options_answer_stays_under_8_kb(site: str) -> None:
    answer = call_tool("site_options", {"site": site})
    assert len(json.dumps(answer, ensure_ascii=False).encode("utf-8")) < 8 * 1024


def test_a_compact_answer_that_left_statements_out_says_so() -> None:
    result = call_tool("site_options", {"site": "lung"})["result"]
    assert result["complete"] is False
    assert "detail='full'" in result["note"]
    left = sum(o.get("statements_left_out", 0) for o in result["options"])
    shown = sum(len(o["statements"]) for o in result["options"])
    assert shown + left == sum(len(o.statements) for o in sl.options("lung"))


def test_a_small_site_fits_whole_in_the_compact_answer() -> None:
    result = call_tool("site_options", {"site": "heart"})["result"]
    assert result["complete"] is True
    assert "note" not in result


def test_full_detail_gives_every_statement() -> None:
    options = call_tool("site_options", {"site": "lung", "detail": "full"})["result"]["options"]
    assert [len(o["statements"]) for o in options] == [
        len(o.statements) for o in sl.options("lung")
    ]


def test_an_unknown_detail_level_is_an_invalid_argument() -> None:
    error = call_tool("site_options", {"site": "lung", "detail": "everything"})["error"]
    assert error["type"] == "invalid_arguments"
    assert error["message"] == (
        "argument 'detail' must be one of ['compact', 'full'], not 'everything'"
    )


def test_context_answers_with_ranked_passages_and_its_coverage() -> None:
    result = call_tool("context", HAPPY_CALLS["context"])["result"]
    assert result["coverage"] == "full"
    assert result["passages"][0]["key"] == "liver/radiofrequency-ablation"
    assert result["text"].endswith(sl.DISCLAIMER)


def test_context_flags_a_question_the_catalogue_does_not_cover() -> None:
    answer = call_tool("context", {"question": "What does grade mean?"})
    assert "error" not in answer
    assert answer["result"]["coverage"] == "none"
    assert answer["result"]["passages"] == []


def test_context_respects_the_budget_and_the_audience() -> None:
    args = {"question": "liver resection for leiomyosarcoma", "max_chars": 2000}
    result = call_tool("context", {**args, "audience": "professional"})["result"]
    assert len(result["text"]) <= 2000
    assert result["audience"] == "professional"


def test_context_cites_each_passage_source_with_label_and_link() -> None:
    answer = call_tool("context", {"question": "liver resection for leiomyosarcoma"})
    cited = {label for p in answer["result"]["passages"] for label in p["citations"]}
    assert cited
    assert {c["label"] for c in answer["citations"]} == cited
    assert all(set(c) == {"key", "label", "link"} for c in answer["citations"])


def test_context_sends_the_passage_words_once_in_the_text() -> None:
    result = call_tool("context", HAPPY_CALLS["context"])["result"]
    assert all("text" not in p for p in result["passages"])
    assert all(p["title"] in result["text"] for p in result["passages"])


def test_context_refuses_a_budget_below_800() -> None:
    error = call_tool("context", {"question": "liver", "max_chars": 100})["error"]
    assert error["argument"] == "max_chars"


def test_explain_technique_says_what_it_is_and_where_it_is_used() -> None:
    result = call_tool("explain_technique", {"technique": "RFA"})["result"]
    assert result["technique"]["key"] == "radiofrequency-ablation"
    assert result["category"]["label"] == "Ablation"
    assert result["category"]["meaning"].startswith("destroying the tumour in place")
    used = {u["site"]: u["role"] for u in result["used_at"]}
    assert used == {o.site: o.role.value for o in sl.options(technique="radiofrequency-ablation")}


def test_explain_technique_gives_a_patient_plain_words_and_questions() -> None:
    result = call_tool("explain_technique", {"technique": "RFA"})["result"]
    patient = sl.technique("RFA").patient
    assert patient is not None
    assert result["in_plain_words"] == patient.text
    assert result["questions"] == list(patient.questions)


def test_explain_technique_for_a_professional_has_the_summary_only() -> None:
    args = {"technique": "RFA", "audience": "professional"}
    result = call_tool("explain_technique", args)["result"]
    assert "in_plain_words" not in result
    assert "patient" not in result["technique"]
    assert result["technique"]["summary"] == sl.technique("RFA").summary


def test_explain_technique_forgives_a_typo() -> None:
    result = call_tool("explain_technique", {"technique": "cryoablaton"})["result"]
    assert result["technique"]["key"] == "cryoablation"


def test_explain_technique_with_an_unknown_name_lists_the_valid_ones() -> None:
    error = call_tool("explain_technique", {"technique": "magic wand"})["error"]
    assert error["type"] == "unknown_technique"
    assert "cryoablation" in error["valid"]


def test_site_options_narrowed_to_one_technique() -> None:
    result = call_tool("site_options", {"site": "liver", "technique": "RFA"})["result"]
    assert [o["technique"] for o in result["options"]] == ["radiofrequency-ablation"]
    assert result["technique"]["key"] == "radiofrequency-ablation"


def test_site_options_for_a_technique_not_used_at_the_site_is_an_unknown_option() -> None:
    result = call_tool("site_options", {"site": "liver", "technique": "whole brain radiotherapy"})
    assert result["error"]["type"] == "unknown_option"
    assert "no option for whole-brain-radiotherapy at liver" in result["error"]["message"]
    assert "liver/resection" in result["error"]["valid"]
    assert result["error"]["suggestions"] == []


def test_citations_for_a_site_and_technique() -> None:
    result = call_tool("citations", {"site": "lung", "technique": "SBRT"})
    keys = result["result"]["citation_keys"]
    assert keys == [c.key for c in sl.citations(site="lung", technique="SBRT")]
    assert [c["key"] for c in result["citations"]] == keys


def test_recurrence_lookup_by_primary_site_keeps_counts_and_denominators() -> None:
    finding = call_tool("recurrence_lookup", {"primary_site": "retroperitoneum"})["result"][
        "findings"
    ][0]
    assert (finding["numerator"], finding["denominator"]) == (17, 36)
    assert finding["citation"] == "potter-1985-353"


def test_recurrence_lookup_by_table_key_adds_computed_percents() -> None:
    table = call_tool("recurrence_lookup", {"table": "potter-1985-recurrence-by-primary-site"})
    rows = table["result"]["table"]["rows"]
    assert all("percent_computed" in r and "percent_mismatch" in r for r in rows)
    assert [c["key"] for c in table["citations"]] == ["potter-1985-353"]


def test_recurrence_lookup_without_arguments_lists_the_tables() -> None:
    tables = call_tool("recurrence_lookup", {})["result"]["tables"]
    assert [t["key"] for t in tables] == [t.key for t in sl.recurrence_tables()]


def test_metastatic_pattern_names_the_rule_and_cites_it() -> None:
    answer = call_tool("metastatic_pattern", {"histology": "myxoid liposarcoma"})
    rule = answer["result"]["rules"][0]
    assert rule["key"] == "myxoid-liposarcoma-extrapulmonary"
    assert set(rule["citations"]) <= {c["key"] for c in answer["citations"]}


def test_nodal_spread_for_clear_cell_sarcoma() -> None:
    result = call_tool("nodal_spread", {"histology": "clear cell sarcoma"})["result"]
    assert result["histology"] == "clear-cell-sarcoma"
    assert result["rules"][0]["key"] == "nodal-spread-exceptions"


def test_search_ranks_the_liver_cryoablation_option_first() -> None:
    hits = call_tool("search", {"query": "cryo liver"})["result"]["hits"]
    assert hits[0]["key"] == "liver/cryoablation"


def test_search_limit_and_kinds_narrow_the_hits() -> None:
    hits = call_tool("search", {"query": "liver", "kinds": ["citation"], "limit": 2})["result"][
        "hits"
    ]
    assert len(hits) <= 2
    assert {h["kind"] for h in hits} == {"citation"}


def test_search_citation_hits_come_with_references() -> None:
    answer = call_tool("search", {"query": "Potter 1985", "kinds": ["citation"]})
    assert answer["citations"][0]["key"] == answer["result"]["hits"][0]["key"]


def test_openai_style_json_string_arguments_are_accepted() -> None:
    answer = call_tool("site_options", '{"site": "lung"}')
    assert answer["result"]["site"]["key"] == "lung"


def test_null_for_an_optional_argument_means_left_out() -> None:
    answer = call_tool("site_options", {"site": "liver", "technique": None})
    assert len(answer["result"]["options"]) == len(sl.options("liver"))


@pytest.mark.slow
def test_calling_a_tool_imports_neither_mcp_nor_jsonschema() -> None:
    code = (
        "import sys, sarcoma_local as sl; sl.call_tool('site_options', {'site': 'liver'}); "
        "print(sorted(m for m in ('mcp', 'jsonschema', 'requests') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_evidence_returns_figures_with_level_and_study_size() -> None:
    answer = call_tool("evidence", {"site": "soft tissue", "technique": "SBRT", "min_patients": 30})
    figure = answer["result"]["figures"][0]
    assert (figure["measure"], figure["value"], figure["level"]) == ("local-control", 80.2, "3iii")
    assert figure["patients"] >= 30
    assert figure["citation"] in {c["key"] for c in answer["citations"]}


def test_evidence_with_an_unknown_level_lists_the_valid_levels() -> None:
    error = call_tool("evidence", {"level": "9z"})["error"]
    assert error["type"] == "unknown_level_of_evidence"
    assert "3iiiA" in error["valid"]


def test_guidelines_give_the_stance_and_what_it_means() -> None:
    answer = call_tool("guidelines", {"site": "liver", "organisation": "NICE"})
    stance = answer["result"]["stances"][0]
    assert stance["organisation"] == "NICE"
    assert stance["stance_meaning"]
    assert stance["citation"] in {c["key"] for c in answer["citations"]}


def test_site_options_say_how_current_the_literature_is() -> None:
    option = call_tool("site_options", {"site": "liver"})["result"]["options"][0]
    assert option["reviewed"] == sl.option("liver", "resection").reviewed
    assert isinstance(option["literature_through"], int)


def test_a_compact_statement_says_when_it_reports_no_benefit() -> None:
    args = {"site": "brain", "technique": "resection", "audience": "professional"}
    statements = call_tool("site_options", args)["result"]["options"][0]["statements"]
    marked = {s["direction"] for s in statements if "direction" in s}
    assert "no-benefit" in marked
    assert all(s.get("direction") != "descriptive" for s in statements)
