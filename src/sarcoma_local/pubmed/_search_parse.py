"""Parse ESearch answers (PMIDs of a query) and ECitMatch answers (citation matches)."""

from __future__ import annotations

import re

from sarcoma_local._core.errors import PubMedResponseError

from ._citations import CitationMatch, CitationQuery, MatchStatus
from ._responses import MalformedResponseError, excerpt, guarded, parse_xml
from ._results import SearchResult
from ._xmltext import ascii_number, child_text, flatten, valid_pmid

__all__ = ["parse_ecitmatch", "parse_esearch"]

_DIGITS = re.compile(r"[0-9]+")

# --- esearch -----------------------------------------------------------------------------


@guarded("esearch")
def parse_esearch(body: bytes, *, query: str) -> SearchResult:
    """Parse an ``eSearchResult``; "no hits" (``PhraseNotFound``) is a valid empty result."""
    root = parse_xml(body, what="esearch")
    if root.tag != "eSearchResult":
        raise MalformedResponseError(f"esearch: expected <eSearchResult>, got <{root.tag}>")
    count = ascii_number(child_text(root, "Count"))
    if count is None:
        raise PubMedResponseError("esearch: answer without a <Count>")
    pmids = tuple(p for p in (valid_pmid(flatten(i)) for i in root.findall("IdList/Id")) if p)
    warnings = tuple(
        f"{e.tag}: {flatten(e)}"
        for block in ("ErrorList", "WarningList")
        for e in root.findall(f"{block}/*")
        if flatten(e)
    )
    return SearchResult(
        query=query,
        count=count,
        pmids=pmids,
        query_translation=child_text(root, "QueryTranslation"),
        warnings=warnings,
    )


# --- ecitmatch ---------------------------------------------------------------------------


@guarded("ecitmatch")
def parse_ecitmatch(body: bytes, queries: tuple[CitationQuery, ...]) -> tuple[CitationMatch, ...]:
    """Match ECitMatch's ``journal|year|volume|page|author|key|PMID`` lines to the queries.

    Lines are matched by ``key``, never by position: NCBI may drop a line. A query
    with no line comes back NOT_FOUND with ``detail="no answer line"``.
    """
    text = body.decode("utf-8", "replace")
    stripped = text.strip()
    if stripped.startswith(("<", "{")):
        if stripped.startswith("<"):
            parse_xml(body, what="ecitmatch")  # raises for <ERROR>/HTML/junk
        raise PubMedResponseError(f"ecitmatch: expected text lines, got {excerpt(body)}")
    answers: dict[str, str] = {}
    for line in re.split(r"[\r\n]+", text):
        if not line.strip():
            continue
        fields = line.split("|")
        if len(fields) < 7:
            raise PubMedResponseError(f"ecitmatch: unexpected line {excerpt(line)}")
        answers[fields[5].strip()] = fields[6].strip()
    return tuple(_citmatch(q, answers.get(q.key)) for q in queries)


def _citmatch(query: CitationQuery, answer: str | None) -> CitationMatch:
    if answer is None:
        return CitationMatch(query=query, status=MatchStatus.NOT_FOUND, detail="no answer line")
    if valid_pmid(answer) is not None:
        return CitationMatch(query=query, status=MatchStatus.FOUND, pmid=int(answer))
    if answer.upper().startswith("AMBIGUOUS"):
        candidates = tuple(
            p for p in (valid_pmid(d) for d in _DIGITS.findall(answer)) if p is not None
        )
        return CitationMatch(
            query=query, status=MatchStatus.AMBIGUOUS, candidates=candidates, detail=answer
        )
    return CitationMatch(query=query, status=MatchStatus.NOT_FOUND, detail=answer or "NOT_FOUND")
