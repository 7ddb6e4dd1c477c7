"""RIS: one record per citation, read back by rispy."""

from __future__ import annotations

import rispy

import sarcoma_local as sl
from sarcoma_local import to_ris

POTTER_TITLE = "Patterns of recurrence in patients with high-grade soft-tissue sarcomas."


def test_potter_reads_back_with_every_tag() -> None:
    [record] = rispy.loads(to_ris([sl.citation("potter-1985-353")]))
    assert record["type_of_reference"] == "JOUR"
    assert record["authors"][:2] == ["Potter, D. A.", "Glenn, J."]
    assert record["title"] == POTTER_TITLE
    assert record["journal_name"] == "J Clin Oncol"
    assert (record["year"], record["volume"], record["number"]) == ("1985", "3", "3")
    assert (record["start_page"], record["end_page"]) == ("353", "366")
    assert record["accession_number"] == "3973646"
    assert record["urls"] == ["https://pubmed.ncbi.nlm.nih.gov/3973646/"]
    assert record["id"] == "potter-1985-353"


def test_pubmed_pmc_and_doi_links_and_the_doi_tag() -> None:
    [record] = rispy.loads(to_ris([sl.citation("cybulska-2019-333")]))
    assert record["doi"] == "10.1016/j.ygyno.2019.05.015"
    assert record["urls"] == [
        "https://pubmed.ncbi.nlm.nih.gov/31200927/",
        "https://doi.org/10.1016/j.ygyno.2019.05.015",
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC6650305/",
    ]


def test_each_record_carries_the_disclaimer_note() -> None:
    records = rispy.loads(to_ris(sl.citations(site="liver")))
    assert records
    for record in records:
        assert f"sarcoma_local data version {sl.DATA_VERSION}. {sl.DISCLAIMER}" in record["notes"]


def test_no_note_when_disclaimer_is_off(bare: sl.Citation) -> None:
    [record] = rispy.loads(to_ris([bare], disclaimer=False))
    assert "notes" not in record


def test_whole_catalogue_round_trips_titles_and_keys() -> None:
    cited = sl.citations()
    records = rispy.loads(to_ris(cited))
    assert [(r["id"], r["title"]) for r in records] == [(c.key, c.title) for c in cited]


def test_non_ascii_names_survive(accented: sl.Citation) -> None:
    [record] = rispy.loads(to_ris([accented]))
    assert record["authors"] == ["Müller, K.", "Ñúñez, J. Á.", "van Geel, A. N."]
    assert (record["start_page"], record["end_page"]) == ("12", "19")


def test_missing_fields_are_left_out(bare: sl.Citation) -> None:
    [record] = rispy.loads(to_ris([bare], disclaimer=False))
    assert set(record) == {"type_of_reference", "title", "journal_name", "alternate_title1",
                           "year", "id"}  # fmt: skip


def test_organisation_and_et_al(organisation: sl.Citation) -> None:
    [record] = rispy.loads(to_ris([organisation]))
    assert record["authors"] == ["Sarcoma Study Group, and Friends"]
    assert "Author list incomplete in the source (et al.)." in record["notes"]
    assert (record["start_page"], "end_page" in record) == ("5", False)


def test_online_guideline_is_a_report_with_publisher() -> None:
    [record] = rispy.loads(to_ris([sl.citation("nccn-sts-guideline")]))
    assert record["type_of_reference"] == "RPRT"
    assert record["publisher"] == "National Comprehensive Cancer Network"
    assert record["urls"] == ["https://www.nccn.org"]


def test_every_line_is_a_tag_line() -> None:
    for line in to_ris(sl.citations()).splitlines():
        assert line == "" or (line[2:6] == "  - " and line[:2].isalnum())
