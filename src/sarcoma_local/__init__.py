"""Curated, cited knowledge on local treatment of metastatic soft-tissue sarcoma.

>>> import sarcoma_local as sl
>>> sl.site("pulmonary").name
'Lung'
>>> [t.key for t in sl.techniques(site="liver")][:2]
['resection', 'minimally-invasive-resection']

Importing this package loads no data and imports neither attrs' users nor the
network stack: the query functions and record classes are resolved on first
attribute access (PEP 562), and the data on the first query. The PubMed client
lives in :mod:`sarcoma_local.pubmed` (``pip install 'sarcoma-local[pubmed]'``).

Not medical advice: see :data:`DISCLAIMER`.
"""

from __future__ import annotations

import importlib

from ._errors import (
    DataIntegrityError,
    InvalidIdentifierError,
    PubMedError,
    PubMedHTTPError,
    PubMedNetworkError,
    PubMedNotCachedError,
    PubMedRateLimitError,
    PubMedResponseError,
    PubMedTimeoutError,
    SarcomaLocalError,
    UnknownCitationError,
    UnknownHistologyError,
    UnknownKeyError,
    UnknownOptionError,
    UnknownPrimarySiteError,
    UnknownSiteError,
    UnknownTableError,
    UnknownTechniqueError,
)
from ._version import DATA_VERSION, DISCLAIMER, __version__

# Not typing.TYPE_CHECKING: importing typing alone would double the import time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ._answers import (
        Context,
        Figure,
        Intent,
        Passage,
        Reference,
        chunks,
        context,
        understand,
    )
    from ._export import (
        catalogue_json,
        format_citation,
        to_bibtex,
        to_csl_json,
        to_json,
        to_ris,
        to_text,
    )
    from ._handout import handout
    from ._identifiers import is_valid_pmid, parse_doi, parse_pmcid, parse_pmid
    from ._loader import preload
    from ._models import (
        Author,
        Citation,
        EditorialNote,
        Evidence,
        EvidenceKind,
        Finding,
        Histology,
        Option,
        PatternReport,
        PatternRule,
        Population,
        PrimarySite,
        Provenance,
        RecurrenceRow,
        RecurrenceTable,
        Role,
        RuleKind,
        SearchHit,
        Site,
        Source,
        Statement,
        StudyType,
        TableKind,
        Technique,
        TechniqueCategory,
    )
    from ._public_validate import validate
    from ._queries import (
        citation,
        citations,
        data_info,
        find_citation,
        find_histology,
        find_site,
        find_technique,
        histologies,
        histology,
        metastatic_pattern,
        nodal_spread,
        option,
        options,
        primary_sites,
        recurrence_rate,
        recurrence_table,
        recurrence_tables,
        search,
        site,
        sites,
        technique,
        techniques,
    )
    from ._schema import catalogue_schema
    from ._site import build_site
    from ._tools import call_tool, tool_specs

__all__ = [
    "DATA_VERSION",
    "DISCLAIMER",
    "Author",
    "Citation",
    "Context",
    "DataIntegrityError",
    "EditorialNote",
    "Evidence",
    "EvidenceKind",
    "Figure",
    "Finding",
    "Histology",
    "Intent",
    "InvalidIdentifierError",
    "Option",
    "Passage",
    "PatternReport",
    "PatternRule",
    "Population",
    "PrimarySite",
    "Provenance",
    "PubMedError",
    "PubMedHTTPError",
    "PubMedNetworkError",
    "PubMedNotCachedError",
    "PubMedRateLimitError",
    "PubMedResponseError",
    "PubMedTimeoutError",
    "RecurrenceRow",
    "RecurrenceTable",
    "Reference",
    "Role",
    "RuleKind",
    "SarcomaLocalError",
    "SearchHit",
    "Site",
    "Source",
    "Statement",
    "StudyType",
    "TableKind",
    "Technique",
    "TechniqueCategory",
    "UnknownCitationError",
    "UnknownHistologyError",
    "UnknownKeyError",
    "UnknownOptionError",
    "UnknownPrimarySiteError",
    "UnknownSiteError",
    "UnknownTableError",
    "UnknownTechniqueError",
    "__version__",
    "build_site",
    "call_tool",
    "catalogue_json",
    "catalogue_schema",
    "chunks",
    "citation",
    "citations",
    "context",
    "data_info",
    "find_citation",
    "find_histology",
    "find_site",
    "find_technique",
    "format_citation",
    "handout",
    "histologies",
    "histology",
    "is_valid_pmid",
    "metastatic_pattern",
    "nodal_spread",
    "option",
    "options",
    "parse_doi",
    "parse_pmcid",
    "parse_pmid",
    "preload",
    "primary_sites",
    "recurrence_rate",
    "recurrence_table",
    "recurrence_tables",
    "search",
    "site",
    "sites",
    "technique",
    "techniques",
    "to_bibtex",
    "to_csl_json",
    "to_json",
    "to_ris",
    "to_text",
    "tool_specs",
    "understand",
    "validate",
]

# Where each lazily imported public name lives.
_MODELS = (
    "Author", "Citation", "EditorialNote", "Evidence", "EvidenceKind", "Finding",
    "Histology", "Option", "PatternReport", "PatternRule", "Population", "PrimarySite",
    "Provenance", "RecurrenceRow", "RecurrenceTable", "Role", "RuleKind", "SearchHit",
    "Site", "Source", "Statement", "StudyType", "TableKind", "Technique", "TechniqueCategory",
)  # fmt: skip
_QUERIES = (
    "citation", "citations", "data_info", "find_citation", "find_histology", "find_site",
    "find_technique", "histologies", "histology", "metastatic_pattern", "nodal_spread",
    "option", "options", "primary_sites", "recurrence_rate", "recurrence_table",
    "recurrence_tables", "search", "site", "sites", "technique", "techniques",
)  # fmt: skip
_EXPORTS = (
    "catalogue_json", "format_citation", "to_bibtex", "to_csl_json", "to_json", "to_ris",
    "to_text",
)  # fmt: skip
_ANSWERS = (
    "Context", "Figure", "Intent", "Passage", "Reference", "chunks", "context", "understand",
)  # fmt: skip
_LAZY: dict[str, str] = {
    **dict.fromkeys(_MODELS, "_models"),
    **dict.fromkeys(_QUERIES, "_queries"),
    **dict.fromkeys(("is_valid_pmid", "parse_doi", "parse_pmcid", "parse_pmid"), "_identifiers"),
    "preload": "_loader",
    "validate": "_public_validate",
    **dict.fromkeys(_EXPORTS, "_export"),
    "catalogue_schema": "_schema",
    **dict.fromkeys(("call_tool", "tool_specs"), "_tools"),
    "handout": "_handout",
    "build_site": "_site",
    **dict.fromkeys(_ANSWERS, "_answers"),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later accesses skip this function entirely
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
