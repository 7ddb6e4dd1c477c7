"""Curator workflow: propose PMIDs for catalogue citations that lack one.

1. ECitMatch (journal, year, volume, first page, first author) gives a candidate.
2. ESummary of that candidate is compared with the catalogue entry: the first
   author's family name, the year and the journal must all agree.
3. The outcome is written to a JSON review file. Nothing in the catalogue is
   changed: a curator reads the file and applies what is right.

ECitMatch is known to answer from journal+volume+page alone (a wrong PMID when
the catalogue's author or year is off), which is why step 2 exists.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from sarcoma_local._core.convert import to_builtins
from sarcoma_local._core.text import normalize
from sarcoma_local._data.models import Author, Citation

from ._articles import ArticleSummary
from ._citations import CitationMatch, MatchStatus

if TYPE_CHECKING:
    from ._client import PubMedClient

__all__ = ["REVIEW_FORMAT", "Proposal", "ProposalStatus", "ResolveReport", "resolve_citations"]

#: Identifies the review file layout, so tools applying it can refuse unknown versions.
REVIEW_FORMAT = "sarcoma-local/pubmed-resolve/1"


class ProposalStatus(StrEnum):
    """What the curator is asked to do with a proposal."""

    #: ECitMatch found one PMID and ESummary agrees on first author, year and journal.
    PROPOSED = "proposed"
    #: A PMID was found but at least one check disagrees: look before applying.
    NEEDS_REVIEW = "needs-review"
    #: ECitMatch found several candidates.
    AMBIGUOUS = "ambiguous"
    #: ECitMatch found nothing (or PubMed has no summary for its answer).
    NOT_FOUND = "not-found"


@attrs.frozen
class Proposal:
    """One catalogue citation without a PMID, and what PubMed suggests for it.

    The ``*_agrees`` fields are None when there was no PubMed record to compare.
    """

    key: str
    status: ProposalStatus
    catalogue: str
    pmid: int | None = None
    candidates: tuple[int, ...] = ()
    pubmed: str = ""
    pubmed_title: str = ""
    first_author_agrees: bool | None = None
    year_agrees: bool | None = None
    journal_agrees: bool | None = None
    detail: str = ""


@attrs.frozen
class ResolveReport:
    """All proposals of one run; ``skipped`` counts citations that already had a PMID."""

    proposals: tuple[Proposal, ...]
    skipped: int = 0
    generated_at: str = ""

    @property
    def counts(self) -> dict[str, int]:
        """Number of proposals per status (every status present, zeros included)."""
        tally = Counter(p.status.value for p in self.proposals)
        return {s.value: tally.get(s.value, 0) for s in ProposalStatus}

    def to_json(self) -> str:
        """The review file's text (UTF-8 JSON, stable key order)."""
        document = {
            "format": REVIEW_FORMAT,
            "generated_at": self.generated_at,
            "note": (
                "Proposed PMIDs for catalogue citations that lack one. Nothing was changed "
                "in the catalogue: check each entry (status 'proposed' passed the "
                "first-author, year and journal checks) and apply it by hand."
            ),
            "skipped_with_pmid": self.skipped,
            "counts": self.counts,
            "proposals": to_builtins(list(self.proposals)),
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

    def write(self, path: str | os.PathLike[str]) -> Path:
        """Write the review file (atomically: a temp file renamed into place)."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(target.name + ".tmp")
        temporary.write_text(self.to_json(), encoding="utf-8")
        temporary.replace(target)
        return target


#: The one text normaliser (case, accents, punctuation, spacing), shared with key lookup.
normalise = normalize


def first_author_agrees(family: str, pubmed_author: str) -> bool:
    """True when PubMed's first author ("De Luca F") starts with the family name ("De Luca")."""
    wanted, got = normalise(family), normalise(pubmed_author)
    if not wanted or not got:
        return False
    return got == wanted or got.startswith(wanted + " ")


def journal_agrees(journal: str, summary: ArticleSummary) -> bool:
    """True when the catalogue journal equals PubMed's abbreviation or full title."""
    wanted = normalise(journal)
    return bool(wanted) and wanted in {
        normalise(summary.journal),
        normalise(summary.full_journal_name),
    }


def _describe(summary: ArticleSummary) -> str:
    """PubMed's article as the catalogue's one short citation line."""
    year = summary.pub_date[:4]
    as_citation = Citation(
        key="pubmed",
        # PubMed prints "De Luca F": one string, kept whole as the family part.
        authors=tuple(Author(name) for name in summary.authors),
        title=summary.title,
        journal=summary.journal,
        year=int(year) if year.isdigit() else 0,
        volume=summary.volume,
        pages=summary.pages,
    )
    return as_citation.short()


def resolve_citations(client: PubMedClient, citations: Iterable[Citation]) -> ResolveReport:
    """Propose PMIDs for the citations without one; see the module docstring.

    Two kinds of request: one ECitMatch per 50 citations, one ESummary per 200
    candidate PMIDs. The catalogue objects are not modified.
    """
    items = tuple(citations)
    lacking = tuple(c for c in items if c.pmid is None)
    matches = client.match_citations(lacking) if lacking else ()
    found = [m.pmid for m in matches if m.status is MatchStatus.FOUND and m.pmid is not None]
    summaries = client.summaries(found) if found else None
    proposals = []
    for citation, match in zip(lacking, matches, strict=True):
        summary = summaries.get(match.pmid) if summaries and match.pmid else None
        proposals.append(_proposal(citation, match, summary))
    return ResolveReport(
        proposals=tuple(proposals),
        skipped=len(items) - len(lacking),
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def _proposal(citation: Citation, match: CitationMatch, summary: ArticleSummary | None) -> Proposal:
    base = Proposal(
        key=citation.key,
        status=ProposalStatus.NOT_FOUND,
        catalogue=citation.short(),
        candidates=match.candidates,
        detail=match.detail,
    )
    if match.status is MatchStatus.AMBIGUOUS:
        return attrs.evolve(base, status=ProposalStatus.AMBIGUOUS)
    if match.status is MatchStatus.NOT_FOUND or match.pmid is None:
        return base
    if summary is None:
        return attrs.evolve(
            base,
            pmid=match.pmid,
            detail=f"ECitMatch gave PMID {match.pmid}, ESummary has no record",
        )
    author_ok = first_author_agrees(citation.first_author, summary.first_author)
    year_ok = summary.year == citation.year
    journal_ok = journal_agrees(citation.journal, summary)
    disagreements = [
        name
        for name, ok in (("first author", author_ok), ("year", year_ok), ("journal", journal_ok))
        if not ok
    ]
    return attrs.evolve(
        base,
        status=ProposalStatus.NEEDS_REVIEW if disagreements else ProposalStatus.PROPOSED,
        pmid=match.pmid,
        pubmed=_describe(summary),
        pubmed_title=summary.title,
        first_author_agrees=author_ok,
        year_agrees=year_ok,
        journal_agrees=journal_ok,
        detail=("disagrees on " + ", ".join(disagreements)) if disagreements else "",
    )
