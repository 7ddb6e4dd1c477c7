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

# Over 400 lines only because it names every public name three times (the TYPE_CHECKING
# imports, __all__ and the lazy table); tests/core/test_public_api.py keeps them in step.

from __future__ import annotations

from ._core.errors import (
    DataIntegrityError,
    InvalidBrandingError,
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
    UnknownGlossaryTermError,
    UnknownHistologyError,
    UnknownKeyError,
    UnknownOptionError,
    UnknownPrimarySiteError,
    UnknownRuleError,
    UnknownSiteError,
    UnknownTableError,
    UnknownTechniqueError,
    UnknownValueError,
)
from ._core.lazy_names import lazy_names
from ._core.version import DATA_VERSION, DISCLAIMER, __version__

# Not typing.TYPE_CHECKING: importing typing alone would double the import time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._answers import (
        Context,
        Intent,
        Passage,
        Reference,
        chunks,
        context,
        understand,
    )
    from ._chat.dispatch import (
        call_tool,
    )
    from ._chat.specs import (
        tool_specs,
    )
    from ._core.identifiers import (
        is_valid_pmid,
        parse_doi,
        parse_pmcid,
        parse_pmid,
    )
    from ._data.citation_queries import (
        citation,
        citations,
        find_citation,
    )
    from ._data.evidence import (
        Centres,
        DesignLevel,
        Direction,
        Endpoint,
        Figure,
        GuidelineStance,
        Measure,
        Sampling,
        Stance,
        Statistic,
        StudyDescriptors,
        TimePoint,
        Unit,
    )
    from ._data.evidence_queries import (
        EvidenceItem,
        evidence,
        guidelines,
    )
    from ._data.loader import (
        preload,
    )
    from ._data.models import (
        Author,
        Citation,
        EditorialNote,
        Evidence,
        EvidenceKind,
        Finding,
        Flag,
        GlossaryTerm,
        Histology,
        Option,
        PatientText,
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
    from ._data.pattern_queries import (
        metastatic_pattern,
        nodal_spread,
        recurrence_rate,
        recurrence_table,
        recurrence_tables,
        rule,
        rules,
    )
    from ._data.queries import (
        data_info,
        find_glossary_term,
        find_histology,
        find_option,
        find_primary_site,
        find_site,
        find_technique,
        glossary,
        glossary_term,
        histologies,
        histology,
        option,
        options,
        primary_site,
        primary_sites,
        search,
        site,
        sites,
        technique,
        techniques,
    )
    from ._data.validate import (
        validate,
    )
    from ._exports.bibtex import (
        to_bibtex,
    )
    from ._exports.catalogue import (
        catalogue_json,
        to_json,
    )
    from ._exports.csl import (
        to_csl_json,
    )
    from ._exports.fhir import (
        to_fhir,
    )
    from ._exports.figures import (
        figures_table,
    )
    from ._exports.ris import (
        to_ris,
    )
    from ._exports.schema import (
        catalogue_schema,
    )
    from ._exports.text import (
        to_text,
    )
    from ._pages.branding import (
        Branding,
    )
    from ._pages.handout import (
        handout,
    )
    from ._pages.website import (
        build_site,
    )
    from ._render.citations import (
        format_citation,
    )
    from ._render.links import (
        Link,
        citation_links,
    )

__all__ = [
    "DATA_VERSION",
    "DISCLAIMER",
    "Author",
    "Branding",
    "Centres",
    "Citation",
    "Context",
    "DataIntegrityError",
    "DesignLevel",
    "Direction",
    "EditorialNote",
    "Endpoint",
    "Evidence",
    "EvidenceItem",
    "EvidenceKind",
    "Figure",
    "Finding",
    "Flag",
    "GlossaryTerm",
    "GuidelineStance",
    "Histology",
    "Intent",
    "InvalidBrandingError",
    "InvalidIdentifierError",
    "Link",
    "Measure",
    "Option",
    "Passage",
    "PatientText",
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
    "Sampling",
    "SarcomaLocalError",
    "SearchHit",
    "Site",
    "Source",
    "Stance",
    "Statement",
    "Statistic",
    "StudyDescriptors",
    "StudyType",
    "TableKind",
    "Technique",
    "TechniqueCategory",
    "TimePoint",
    "Unit",
    "UnknownCitationError",
    "UnknownGlossaryTermError",
    "UnknownHistologyError",
    "UnknownKeyError",
    "UnknownOptionError",
    "UnknownPrimarySiteError",
    "UnknownRuleError",
    "UnknownSiteError",
    "UnknownTableError",
    "UnknownTechniqueError",
    "UnknownValueError",
    "__version__",
    "build_site",
    "call_tool",
    "catalogue_json",
    "catalogue_schema",
    "chunks",
    "citation",
    "citation_links",
    "citations",
    "context",
    "data_info",
    "evidence",
    "figures_table",
    "find_citation",
    "find_glossary_term",
    "find_histology",
    "find_option",
    "find_primary_site",
    "find_site",
    "find_technique",
    "format_citation",
    "glossary",
    "glossary_term",
    "guidelines",
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
    "primary_site",
    "primary_sites",
    "recurrence_rate",
    "recurrence_table",
    "recurrence_tables",
    "rule",
    "rules",
    "search",
    "site",
    "sites",
    "technique",
    "techniques",
    "to_bibtex",
    "to_csl_json",
    "to_fhir",
    "to_json",
    "to_ris",
    "to_text",
    "tool_specs",
    "understand",
    "validate",
]

# Where each lazily imported public name lives: the one table behind __getattr__
# (tests/core/test_import.py checks it against __all__ and the TYPE_CHECKING imports).
_LAZY: dict[str, str] = {
    "Author": "_data.models",
    "Citation": "_data.models",
    "EditorialNote": "_data.models",
    "Evidence": "_data.models",
    "EvidenceKind": "_data.models",
    "Finding": "_data.models",
    "Flag": "_data.models",
    "GlossaryTerm": "_data.models",
    "Histology": "_data.models",
    "Option": "_data.models",
    "PatientText": "_data.models",
    "PatternReport": "_data.models",
    "PatternRule": "_data.models",
    "Population": "_data.models",
    "PrimarySite": "_data.models",
    "Provenance": "_data.models",
    "RecurrenceRow": "_data.models",
    "RecurrenceTable": "_data.models",
    "Role": "_data.models",
    "RuleKind": "_data.models",
    "SearchHit": "_data.models",
    "Site": "_data.models",
    "Source": "_data.models",
    "Statement": "_data.models",
    "StudyType": "_data.models",
    "TableKind": "_data.models",
    "Technique": "_data.models",
    "TechniqueCategory": "_data.models",
    "citation": "_data.citation_queries",
    "citations": "_data.citation_queries",
    "data_info": "_data.queries",
    "find_citation": "_data.citation_queries",
    "find_glossary_term": "_data.queries",
    "find_histology": "_data.queries",
    "find_option": "_data.queries",
    "find_primary_site": "_data.queries",
    "find_site": "_data.queries",
    "find_technique": "_data.queries",
    "glossary": "_data.queries",
    "glossary_term": "_data.queries",
    "histologies": "_data.queries",
    "histology": "_data.queries",
    "metastatic_pattern": "_data.pattern_queries",
    "nodal_spread": "_data.pattern_queries",
    "option": "_data.queries",
    "options": "_data.queries",
    "primary_site": "_data.queries",
    "primary_sites": "_data.queries",
    "recurrence_rate": "_data.pattern_queries",
    "recurrence_table": "_data.pattern_queries",
    "recurrence_tables": "_data.pattern_queries",
    "rule": "_data.pattern_queries",
    "rules": "_data.pattern_queries",
    "search": "_data.queries",
    "site": "_data.queries",
    "sites": "_data.queries",
    "technique": "_data.queries",
    "techniques": "_data.queries",
    "is_valid_pmid": "_core.identifiers",
    "parse_doi": "_core.identifiers",
    "parse_pmcid": "_core.identifiers",
    "parse_pmid": "_core.identifiers",
    "preload": "_data.loader",
    "validate": "_data.validate",
    "format_citation": "_render.citations",
    "Link": "_render.links",
    "Context": "_answers",
    "Intent": "_answers",
    "Passage": "_answers",
    "Reference": "_answers",
    "chunks": "_answers",
    "context": "_answers",
    "understand": "_answers",
    "citation_links": "_render.links",
    "catalogue_json": "_exports.catalogue",
    "to_json": "_exports.catalogue",
    "to_csl_json": "_exports.csl",
    "to_bibtex": "_exports.bibtex",
    "to_ris": "_exports.ris",
    "to_text": "_exports.text",
    "catalogue_schema": "_exports.schema",
    "call_tool": "_chat.dispatch",
    "tool_specs": "_chat.specs",
    "handout": "_pages.handout",
    "build_site": "_pages.website",
    "Branding": "_pages.branding",
    "Centres": "_data.evidence",
    "DesignLevel": "_data.evidence",
    "Direction": "_data.evidence",
    "Endpoint": "_data.evidence",
    "Figure": "_data.evidence",
    "GuidelineStance": "_data.evidence",
    "Measure": "_data.evidence",
    "Sampling": "_data.evidence",
    "Stance": "_data.evidence",
    "Statistic": "_data.evidence",
    "StudyDescriptors": "_data.evidence",
    "TimePoint": "_data.evidence",
    "Unit": "_data.evidence",
    "EvidenceItem": "_data.evidence_queries",
    "evidence": "_data.evidence_queries",
    "guidelines": "_data.evidence_queries",
    "to_fhir": "_exports.fhir",
    "figures_table": "_exports.figures",
}


# Later reads of a name skip this function entirely: the value is kept in globals().
__getattr__ = lazy_names(globals(), __name__, _LAZY)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
