"""The curator workflow: ECitMatch proposals checked with ESummary, written for review."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sarcoma_local._data.models import Author, Citation
from sarcoma_local.pubmed import ProposalStatus, PubMedClient, resolve_citations

from .conftest import FakeEutils

MakeClient = Callable[..., PubMedClient]


def citation(
    key: str,
    journal: str,
    year: int,
    volume: str,
    pages: str,
    family: str,
    initials: str,
    pmid: int | None = None,
) -> Citation:
    return Citation(
        key=key,
        authors=(Author(family, initials),),
        title="t",
        journal=journal,
        year=year,
        volume=volume,
        pages=pages,
        pmid=pmid,
    )


MANN = citation("mann-1991-3248", "Proc Natl Acad Sci U S A", 1991, "88", "3248-52", "Mann", "BJ")
ZHU_WRONG_YEAR = citation("zhu-2019-727", "N Engl J Med", 2019, "382", "727-33", "Zhu", "N")
PALMENBERG = citation("palm-1987-182", "Science", 1987, "235", "182-91", "Palmenberg", "AC")
NOBODY = citation("nobody-1985-999", "J Clin Oncol", 1985, "3", "999", "Nobody", "X")
HAS_PMID = citation("potter-1985-353", "J Clin Oncol", 1985, "3", "353-66", "Potter", "DA", 3973646)


def test_agreeing_match_is_proposed(make_client: MakeClient) -> None:
    (proposal,) = resolve_citations(make_client(), [MANN]).proposals
    assert (proposal.status, proposal.pmid) == (ProposalStatus.PROPOSED, 2014248)
    assert (proposal.first_author_agrees, proposal.year_agrees, proposal.journal_agrees) == (
        True,
        True,
        True,
    )


def test_match_with_a_disagreeing_year_needs_review(make_client: MakeClient) -> None:
    (proposal,) = resolve_citations(make_client(), [ZHU_WRONG_YEAR]).proposals
    assert (proposal.status, proposal.pmid) == (ProposalStatus.NEEDS_REVIEW, 31978945)
    assert proposal.detail == "disagrees on year"


def test_ambiguous_and_not_found_are_reported(make_client: MakeClient) -> None:
    report = resolve_citations(make_client(), [PALMENBERG, NOBODY])
    assert [p.status for p in report.proposals] == [
        ProposalStatus.AMBIGUOUS,
        ProposalStatus.NOT_FOUND,
    ]
    assert report.proposals[0].candidates == (3026048, 3026049)


def test_citations_with_a_pmid_are_skipped(eutils: FakeEutils, make_client: MakeClient) -> None:
    report = resolve_citations(make_client(), [HAS_PMID])
    assert (report.proposals, report.skipped, eutils.count) == ((), 1, 0)


def test_one_ecitmatch_and_one_esummary_request(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    resolve_citations(make_client(), [MANN, ZHU_WRONG_YEAR, PALMENBERG, NOBODY])
    assert [s.endpoint for s in eutils.seen] == ["ecitmatch.cgi", "esummary.fcgi"]


def test_review_file_is_json_for_a_curator(make_client: MakeClient, tmp_path: Path) -> None:
    report = resolve_citations(make_client(), [MANN, NOBODY])
    document = json.loads(report.write(tmp_path / "review.json").read_text(encoding="utf-8"))
    assert document["format"] == "sarcoma-local/pubmed-resolve/1"
    assert document["counts"] == {"proposed": 1, "needs-review": 0, "ambiguous": 0, "not-found": 1}
    assert document["proposals"][0]["pmid"] == 2014248
    assert document["proposals"][0]["status"] == "proposed"
