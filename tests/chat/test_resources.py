"""The catalogue as resources (what the MCP server serves), read without MCP."""

from __future__ import annotations

import json

import sarcoma_local as sl
from sarcoma_local._chat.resources import list_resource_templates, list_resources, read_resource


def test_about_and_the_catalogue_index_come_first_then_sites() -> None:
    uris = [r["uri"] for r in list_resources()]
    assert uris[:2] == ["sarcoma-local://about", "sarcoma-local://catalogue"]
    assert uris[2:4] == ["sarcoma-local://sites/liver", "sarcoma-local://sites/lung"]


def test_about_says_how_current_the_literature_is() -> None:
    about = read_resource("sarcoma-local://about")
    assert about["literature_current_through"] == max(c.year for c in sl.citations())
    assert about["data_version"] == sl.DATA_VERSION
    assert about["disclaimer"] == sl.DISCLAIMER


def test_about_counts_what_the_catalogue_covers() -> None:
    coverage = read_resource("sarcoma-local://about")["coverage"]
    assert coverage["sites"] == len(sl.sites())
    assert coverage["citations"] == len(sl.citations())
    assert sum(coverage["options_by_role"].values()) == len(sl.options())


def test_about_says_what_each_role_means() -> None:
    meanings = read_resource("sarcoma-local://about")["role_meanings"]
    assert "usual approach where it is feasible" in meanings["standard"]


def test_every_listed_resource_reads_without_error() -> None:
    for r in list_resources():
        assert "error" not in read_resource(r["uri"]), r["uri"]


def test_templates_cover_sites_techniques_citations_and_tables() -> None:
    assert [t["uri_template"] for t in list_resource_templates()] == [
        "sarcoma-local://sites/{key}",
        "sarcoma-local://techniques/{key}",
        "sarcoma-local://citations/{key}",
        "sarcoma-local://tables/{key}",
    ]


def test_catalogue_index_has_version_disclaimer_and_every_citation_uri() -> None:
    index = read_resource("sarcoma-local://catalogue")
    assert index["data_version"] == sl.DATA_VERSION
    assert index["disclaimer"] == sl.DISCLAIMER
    assert len(index["citations"]) == len(sl.citations())
    assert index["citations"][0]["uri"].startswith("sarcoma-local://citations/")


def test_a_site_resource_is_the_full_site_options_answer() -> None:
    content = read_resource("sarcoma-local://sites/liver")
    assert content["result"]["detail"] == "full"
    assert content["result"]["options"][0]["technique"] == "resection"
    assert content["resource"] == "sarcoma-local://sites/liver"


def test_a_citation_resource_has_the_full_record_and_links() -> None:
    record = read_resource("sarcoma-local://citations/potter-1985-353")["result"]["citation"]
    assert record["pmid"] == 3973646
    assert record["pubmed_url"] == "https://pubmed.ncbi.nlm.nih.gov/3973646/"
    assert record["provenance"][0]["label"] == "UTD-1"


def test_a_technique_resource_lists_where_it_is_used() -> None:
    content = read_resource("sarcoma-local://techniques/cryoablation")["result"]
    assert "liver" in [s["site"] for s in content["sites"]]


def test_a_technique_resource_says_what_each_role_means() -> None:
    sites = read_resource("sarcoma-local://techniques/cryoablation")["result"]["sites"]
    assert all(s["role_meaning"] for s in sites)


def test_an_overlong_uri_is_not_echoed_in_full() -> None:
    answer = read_resource("sarcoma-local://nowhere/" + "x" * 5000)
    assert len(answer["error"]["message"]) < 400
    assert len(answer["resource"]) <= 200


def test_an_unknown_key_is_an_error_with_suggestions() -> None:
    error = read_resource("sarcoma-local://citations/potter-1985")["error"]
    assert error["type"] == "unknown_citation"
    assert "potter-1985-353" in error["suggestions"]


def test_an_unknown_uri_is_an_error_naming_the_templates() -> None:
    error = read_resource("https://example.org/liver")["error"]
    assert error["type"] == "unknown_resource"
    assert "sarcoma-local://sites/{key}" in error["valid"]


def test_resources_are_json() -> None:
    content = read_resource("sarcoma-local://tables/potter-1985-recurrence-by-primary-site")
    assert json.loads(json.dumps(content)) == content
