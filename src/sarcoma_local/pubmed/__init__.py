"""PubMed client for ``sarcoma_local`` (optional: ``pip install 'sarcoma-local[pubmed]'``).

Batched, rate-limit-correct (NCBI policy enforced by the client), cached and
fault-tolerant access to NCBI E-utilities, with typed results::

    from sarcoma_local.pubmed import PubMedClient

    with PubMedClient(email="me@example.org") as client:
        result = client.fetch([3973646, 2914299])
        for article in result:
            print(article.pmid, article.year, article.title)
            print(article.abstract_text)
        print("PubMed has no record for", result.missing)

Importing this package does no I/O and imports neither requests nor the parser:
names are loaded on first use (PEP 562), so the command line (``sarcoma_local._cli.pubmed``)
stays cheap for ``sarcoma-local --help``. The first use raises ImportError with the
install hint when the ``[pubmed]`` extra is missing. See ``docs/pubmed.md``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from sarcoma_local._core.errors import (
    InvalidIdentifierError,
    PubMedError,
    PubMedHTTPError,
    PubMedNetworkError,
    PubMedNotCachedError,
    PubMedRateLimitError,
    PubMedResponseError,
    PubMedTimeoutError,
)

if TYPE_CHECKING:
    from ._articles import (
        AbstractSection,
        Article,
        ArticleAuthor,
        ArticleSummary,
        CorrectionNotice,
        Grant,
        MeshHeading,
        PubDate,
    )
    from ._cache import DEFAULT_EXPIRE_AFTER, SEARCH_EXPIRE_AFTER, default_cache_path
    from ._citations import CitationMatch, CitationQuery, EnrichedCitation, MatchStatus
    from ._client import DEFAULT_BASE_URL, MAX_SEARCH_RESULTS, PubMedClient
    from ._options import RetryPolicy
    from ._ratelimit import RATE_WITH_KEY, RATE_WITHOUT_KEY
    from ._resolve import Proposal, ProposalStatus, ResolveReport, resolve_citations
    from ._results import FetchResult, SearchResult, SummaryResult

INSTALL_HINT = "pip install 'sarcoma-local[pubmed]'"
#: The third-party modules the extra provides (import name -> distribution).
_REQUIRED = (
    "requests",
    "defusedxml",
    "platformdirs",
    "filelock",
)

_LAZY = {
    "DEFAULT_EXPIRE_AFTER": "_cache",
    "SEARCH_EXPIRE_AFTER": "_cache",
    "default_cache_path": "_cache",
    "DEFAULT_BASE_URL": "_client",
    "MAX_SEARCH_RESULTS": "_client",
    "PubMedClient": "_client",
    "RetryPolicy": "_options",
    "RATE_WITH_KEY": "_ratelimit",
    "RATE_WITHOUT_KEY": "_ratelimit",
    "Proposal": "_resolve",
    "ProposalStatus": "_resolve",
    "ResolveReport": "_resolve",
    "resolve_citations": "_resolve",
    **dict.fromkeys(
        (
            "AbstractSection",
            "Article",
            "ArticleAuthor",
            "ArticleSummary",
            "CorrectionNotice",
            "Grant",
            "MeshHeading",
            "PubDate",
        ),
        "_articles",
    ),
    **dict.fromkeys(
        ("CitationMatch", "CitationQuery", "EnrichedCitation", "MatchStatus"), "_citations"
    ),
    **dict.fromkeys(("FetchResult", "SearchResult", "SummaryResult"), "_results"),
}


def _require_extra() -> None:
    for module in _REQUIRED:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise ImportError(
                f"sarcoma_local.pubmed needs the optional dependencies: {INSTALL_HINT} "
                f"(missing: {exc.name or module})",
                name=exc.name,
            ) from exc


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    _require_extra()
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later look-ups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "DEFAULT_BASE_URL",
    "DEFAULT_EXPIRE_AFTER",
    "INSTALL_HINT",
    "MAX_SEARCH_RESULTS",
    "RATE_WITHOUT_KEY",
    "RATE_WITH_KEY",
    "SEARCH_EXPIRE_AFTER",
    "AbstractSection",
    "Article",
    "ArticleAuthor",
    "ArticleSummary",
    "CitationMatch",
    "CitationQuery",
    "CorrectionNotice",
    "EnrichedCitation",
    "FetchResult",
    "Grant",
    "InvalidIdentifierError",
    "MatchStatus",
    "MeshHeading",
    "Proposal",
    "ProposalStatus",
    "PubDate",
    "PubMedClient",
    "PubMedError",
    "PubMedHTTPError",
    "PubMedNetworkError",
    "PubMedNotCachedError",
    "PubMedRateLimitError",
    "PubMedResponseError",
    "PubMedTimeoutError",
    "ResolveReport",
    "RetryPolicy",
    "SearchResult",
    "SummaryResult",
    "default_cache_path",
    "resolve_citations",
]
