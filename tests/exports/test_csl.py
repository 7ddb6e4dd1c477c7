"""CSL-JSON: the items Zotero, Pandoc and citeproc read."""

from __future__ import annotations

import json

import sarcoma_local as sl
from sarcoma_local import to_csl_json, to_json

POTTER_TITLE = "Patterns of recurrence in patients with high-grade soft-tissue sarcomas."


def test_potter_item() -> None:
    [item] = to_csl_json([sl.citation("potter-1985-353")])
    assert item["id"] == "potter-1985-353"
    assert item["type"] == "article-journal"
    assert item["title"] == POTTER_TITLE
    assert item["author"][0] == {"family": "Potter", "given": "D. A."}
    assert len(item["author"]) == 10
    assert item["container-title"] == "J Clin Oncol"
    assert item["issued"] == {"date-parts": [[1985]]}
    assert (item["volume"], item["issue"], item["page"]) == ("3", "3", "353-366")
    assert item["PMID"] == "3973646"
    assert item["URL"] == "https://pubmed.ncbi.nlm.nih.gov/3973646/"
    assert "DOI" not in item


def test_identifiers_are_strings_and_doi_url_is_preferred() -> None:
    [item] = to_csl_json([sl.citation("cybulska-2019-333")])
    assert (item["PMID"], item["PMCID"]) == ("31200927", "PMC6650305")
    assert item["DOI"] == "10.1016/j.ygyno.2019.05.015"
    assert item["URL"] == "https://doi.org/10.1016/j.ygyno.2019.05.015"


def test_custom_block_carries_key_version_and_disclaimer(organisation: sl.Citation) -> None:
    [item] = to_csl_json([organisation])
    assert item["custom"] == {
        "sarcoma_local_key": "group-2019-5",
        "et_al": True,
        "data_version": sl.DATA_VERSION,
        "disclaimer": sl.DISCLAIMER,
    }


def test_organisation_author_is_a_literal(organisation: sl.Citation) -> None:
    [item] = to_csl_json([organisation])
    assert item["author"] == [{"literal": "Sarcoma Study Group, and Friends"}]


def test_missing_fields_are_absent(bare: sl.Citation) -> None:
    [item] = to_csl_json([bare])
    assert set(item) == {"id", "type", "title", "container-title", "container-title-short",
                         "issued", "custom"}  # fmt: skip


def test_non_ascii_names_are_kept(accented: sl.Citation) -> None:
    [item] = to_csl_json([accented])
    assert item["author"][:2] == [
        {"family": "Müller", "given": "K."},
        {"family": "Ñúñez", "given": "J. Á."},
    ]
    assert '"Ñúñez"' in to_json(to_csl_json([accented]))


def test_online_guideline_is_a_report() -> None:
    [item] = to_csl_json([sl.citation("nccn-sts-guideline")])
    assert item["type"] == "report"
    assert item["publisher"] == "National Comprehensive Cancer Network"
    assert "container-title" not in item


def test_accepts_any_iterable_of_citations() -> None:
    from_generator = to_csl_json(c for c in sl.citations(site="liver"))
    assert [i["id"] for i in from_generator] == [c.key for c in sl.citations(site="liver")]


def test_every_catalogue_item_is_json_with_the_csl_core_fields() -> None:
    items = json.loads(to_json(to_csl_json(sl.citations())))
    assert len(items) == len(sl.citations())
    for item in items:
        assert {"id", "type", "title", "issued"} <= set(item)
        assert all(isinstance(item.get(k, ""), str) for k in ("PMID", "PMCID", "DOI", "page"))
