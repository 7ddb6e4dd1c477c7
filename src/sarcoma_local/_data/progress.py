"""How deep and current the catalogue is: the curation targets, counted from the data.

One place computes these numbers; ``docs/coverage.md`` (``sarcoma-local coverage``) and
``coverage --json`` show them, so the curation issue's "done means" can be checked.

>>> progress()["options"] >= 40
True
"""

from __future__ import annotations

from typing import Any

from sarcoma_local._core.links import is_canonical_url

from .loader import get_catalogue
from .models import Population

__all__ = ["RECENT_YEAR", "SARCOMA_SPECIFIC", "progress"]

#: Populations that count as sarcoma-specific evidence.
SARCOMA_SPECIFIC = frozenset({Population.SARCOMA, Population.LMS})

#: "Current" literature: published in this year or later (SBRT, ablation and the
#: oligometastasis literature moved fast after 2015).
RECENT_YEAR = 2018


def progress() -> dict[str, Any]:
    """Counts behind the curation targets (options, citations, PMIDs, currency, tables).

    ``verified_pmid`` counts citations whose PMID was seen on the article's own NLM record
    or printed beside it (the data keeps no other PMIDs); ``canonical`` counts those with
    a PMID, DOI, PMCID or a link the package may show.
    """
    cat = get_catalogue()
    cited = cat.citations
    options = cat.options
    keys = [o.citation_keys for o in options]
    specific = [
        sum(cited[k].population in SARCOMA_SPECIFIC for k in ks if k in cited) for ks in keys
    ]
    return {
        "options": len(options),
        "citations": len(cited),
        "verified_pmid": sum(c.pmid is not None for c in cited.values()),
        "canonical": sum(
            bool(c.pmid or c.doi or c.pmcid or is_canonical_url(c.url)) for c in cited.values()
        ),
        "options_with_3_citations": sum(len(ks) >= 3 for ks in keys),
        "options_with_2_sarcoma_specific": sum(n >= 2 for n in specific),
        "options_without_sarcoma_specific": sorted(
            f"{o.site}/{o.technique}" for o, n in zip(options, specific, strict=True) if n == 0
        ),
        "options_with_recent_citation": sum(
            any(cited[k].year >= RECENT_YEAR for k in ks if k in cited) for ks in keys
        ),
        "recent_year": RECENT_YEAR,
        "literature_through": max((c.year for c in cited.values()), default=None),
        "tables": len(cat.tables),
        "rules": len(cat.rules),
    }
