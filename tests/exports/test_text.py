"""Readable reference lists in NLM/Vancouver (as PubMed prints it) and AMA style."""

from __future__ import annotations

import pytest

import sarcoma_local as sl
from sarcoma_local import format_citation, to_text

POTTER_NLM = (
    "Potter DA, Glenn J, Kinsella T, Glatstein E, Lack EE, Restrepo C, White DE, Seipp CA, "
    "Wesley R, Rosenberg SA. Patterns of recurrence in patients with high-grade soft-tissue "
    "sarcomas. J Clin Oncol. 1985;3(3):353-66. PMID: 3973646."
)


def test_nlm_matches_pubmed_for_potter() -> None:
    assert format_citation(sl.citation("potter-1985-353"), "nlm") == POTTER_NLM


def test_ama_lists_three_authors_et_al_and_full_pages() -> None:
    assert format_citation(sl.citation("potter-1985-353"), "ama") == (
        "Potter DA, Glenn J, Kinsella T, et al. Patterns of recurrence in patients with "
        "high-grade soft-tissue sarcomas. J Clin Oncol. 1985;3(3):353-366."
    )


def test_nlm_gives_doi_pmid_and_pmcid_as_pubmed_does() -> None:
    assert format_citation(sl.citation("cybulska-2019-333")).endswith(
        "Gynecol Oncol. 2019;154(2):333-337. doi: 10.1016/j.ygyno.2019.05.015. "
        "PMID: 31200927; PMCID: PMC6650305."
    )


def test_ama_doi_has_no_space_and_no_final_period() -> None:
    assert format_citation(sl.citation("cybulska-2019-333"), "ama").endswith(
        "Gynecol Oncol. 2019;154(2):333-337. doi:10.1016/j.ygyno.2019.05.015"
    )


def test_ama_writes_page_ranges_in_full() -> None:
    assert format_citation(sl.citation("wigmore-1999-759"), "ama").endswith(
        "Ann Surg. 1999;230(6):759-765."
    )


def test_question_mark_title_gets_no_extra_period() -> None:
    assert "referred for resection? Ann Surg." in format_citation(sl.citation("wigmore-1999-759"))


def test_no_authors_starts_with_the_title() -> None:
    assert format_citation(sl.citation("annsurg-2014-749")).startswith("Effectiveness of regional")


def test_supplement_issue_in_each_style() -> None:
    esmo = sl.citation("esmo-2014-iii102")
    assert "Ann Oncol. 2014;25 Suppl 3. doi: 10.1093/annonc/mdu254." in format_citation(esmo)
    assert "Ann Oncol. 2014;25(suppl 3). doi:10.1093/annonc/mdu254" in format_citation(esmo, "ama")


def test_missing_volume_and_pages(bare: sl.Citation) -> None:
    assert format_citation(bare) == "A bare record. Sarcoma. 2001."
    assert format_citation(bare, "ama") == "A bare record. Sarcoma. 2001."


def test_organisation_with_et_al(organisation: sl.Citation) -> None:
    assert format_citation(organisation) == (
        "Sarcoma Study Group, and Friends, et al. Consensus on local therapy. "
        "Ann Oncol. 2019;30:5. PMID: 12345678."
    )


def test_non_ascii_names(accented: sl.Citation) -> None:
    assert format_citation(accented, "ama").startswith("Müller K, Ñúñez JÁ, van Geel AN. Ablation")


def test_links_follow_each_reference() -> None:
    text = to_text([sl.citation("cybulska-2019-333")], disclaimer=False)
    assert text.splitlines()[1:] == [
        "   PubMed: https://pubmed.ncbi.nlm.nih.gov/31200927/",
        "   DOI: https://doi.org/10.1016/j.ygyno.2019.05.015",
        "   PMC: https://pmc.ncbi.nlm.nih.gov/articles/PMC6650305/",
    ]


def test_page_address_only_without_identifiers() -> None:
    text = to_text([sl.citation("nccn-sts-guideline")], disclaimer=False)
    assert text.splitlines()[1] == "   Available from: https://www.nccn.org"


def test_no_link_lines_when_asked() -> None:
    text = to_text([sl.citation("potter-1985-353")], disclaimer=False, links=False)
    assert text == f"1. {POTTER_NLM}\n"


def test_leading_note_has_version_and_disclaimer() -> None:
    first = to_text(sl.citations(site="lung")).splitlines()[0]
    assert first == f"Note: sarcoma_local data version {sl.DATA_VERSION}. {sl.DISCLAIMER}"


def test_references_are_numbered_in_order() -> None:
    cited = sl.citations(site="liver")
    numbered = [ln for ln in to_text(cited).splitlines() if ln[:1].isdigit()]
    assert [ln.split(". ", 1)[0] for ln in numbered] == [str(n) for n in range(1, len(cited) + 1)]


def test_unknown_style_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown style"):
        to_text(sl.citations(site="liver"), style="apa")  # type: ignore[arg-type]


def test_a_single_citation_is_a_list_of_one() -> None:
    one = sl.citation("potter-1985-353")
    assert to_text(one) == to_text([one])


def test_an_issue_without_its_volume_is_left_out() -> None:
    c = sl.Citation(
        key="x-2005-1371", authors=(), title="T.", journal="J", year=2005, issue="5",
        pages="1371-8",
    )  # fmt: skip
    assert format_citation(c) == "T. J. 2005:1371-8."
