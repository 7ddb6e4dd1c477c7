"""Reader texts: what every value of every closed vocabulary means, in plain words.

One place for all of them, so the handout, the web site, the CLI and the chat tools
explain a role or a flag identically; a test checks that every enum member has its text.

>>> meaning(Role.STANDARD)
'described in the cited literature as the usual approach where it is feasible'
>>> label(StudyType.CASE_REPORT)
'Case report'
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum

from sarcoma_local._data.evidence import (
    Centres,
    DesignLevel,
    Direction,
    Endpoint,
    Measure,
    Sampling,
    Stance,
    Statistic,
    Unit,
)
from sarcoma_local._data.models import (
    EvidenceKind,
    Flag,
    Population,
    Role,
    RuleKind,
    StudyType,
    TableKind,
)
from sarcoma_local._data.vocabulary import Source, TechniqueCategory

__all__ = [
    "AUDIENCES",
    "READER_TEXTS",
    "check_audience",
    "label",
    "meaning",
    "role_text",
    "shown_flags",
]

#: Who a text is written for: every call that takes ``audience`` accepts these.
AUDIENCES = ("patient", "professional")

#: (short label, plain meaning) for every member of every closed vocabulary.
READER_TEXTS: Mapping[type[Enum], Mapping[Enum, tuple[str, str]]] = {
    Role: {
        Role.STANDARD: (
            "standard",
            "described in the cited literature as the usual approach where it is feasible",
        ),
        Role.ALTERNATIVE: (
            "alternative",
            "described as an alternative where the usual approach is not possible",
        ),
        Role.PALLIATIVE: (
            "palliative",
            "described as relieving symptoms or holding disease back, not removing it",
        ),
        Role.INVESTIGATIONAL: (
            "investigational",
            "reported in small series or trials; not an established approach",
        ),
        Role.STAGING: ("staging", "used to find out where the disease is, not to treat it"),
    },
    Population: {
        Population.LMS: ("leiomyosarcoma", "leiomyosarcoma patients"),
        Population.SARCOMA: ("sarcoma", "sarcoma patients"),
        Population.MIXED: ("mixed", "mixed tumour types"),
        Population.OTHER_CANCER: ("other cancers", "other cancers, not sarcoma"),
    },
    StudyType: {
        StudyType.RANDOMISED_TRIAL: (
            "Randomised trial",
            "patients assigned to treatments by chance",
        ),
        StudyType.PROSPECTIVE_TRIAL: (
            "Prospective trial",
            "patients enrolled and followed under a plan made in advance",
        ),
        StudyType.RETROSPECTIVE_SERIES: (
            "Retrospective series",
            "a look back at patients already treated",
        ),
        StudyType.CASE_REPORT: ("Case report", "one or a few patients described in detail"),
        StudyType.AUTOPSY_STUDY: ("Autopsy study", "findings at post-mortem examination"),
        StudyType.REGISTRY_STUDY: ("Registry study", "patients from a national or large database"),
        StudyType.ECONOMIC_ANALYSIS: ("Economic analysis", "costs weighed against outcomes"),
        StudyType.SYSTEMATIC_REVIEW: (
            "Systematic review",
            "a structured summary of all studies found on a question",
        ),
        StudyType.REVIEW: ("Review", "an expert summary of the literature"),
        StudyType.GUIDELINE: ("Guideline", "advice for clinicians from a professional body"),
        StudyType.CONFERENCE_ABSTRACT: (
            "Conference abstract",
            "a short report given at a meeting, not a full paper",
        ),
    },
    EvidenceKind: {
        EvidenceKind.SOURCE_DOCUMENT: (
            "founding document",
            "given by one of the documents the catalogue was founded on",
        ),
        EvidenceKind.PRINTED_BESIDE_ARTICLE: (
            "printed beside the article",
            "seen printed next to the article's authors, title, journal and year",
        ),
        EvidenceKind.PUBMED_STYLE_ADDRESS: (
            "PubMed address",
            "seen only in the address of the article's PubMed page (a weaker check)",
        ),
        EvidenceKind.PAGE_ADDRESS: (
            "page address",
            "seen only in the address of a publisher or PubMed Central page for the article",
        ),
    },
    Flag: {
        Flag.PMID_UNVERIFIED: ("PMID not verified", "PubMed number not verified."),
        Flag.PMID_URL_ONLY: (
            "PMID from an address",
            "PubMed number seen only in a web address (weaker check).",
        ),
        Flag.NOT_IN_PUBMED: (
            "not in PubMed",
            "Not indexed in PubMed (an online guideline, web page or meeting abstract).",
        ),
        Flag.CITATION_MISMATCH: (
            "citation mismatch",
            "A source document cites this article for something it does not say.",
        ),
        Flag.GIST_POSSIBLE: (
            "GIST possible",
            "Some cited series may include GIST, a different tumour that behaves differently.",
        ),
        Flag.PERCENT_MISMATCH: (
            "percent mismatch",
            "The printed percent is not what the counts give; both are shown.",
        ),
        Flag.DERIVED_COUNT: ("derived count", "Count worked back from a printed percent."),
        Flag.SECONDARY_CITATION: (
            "secondary citation",
            "Quoted from another publication, not read first-hand.",
        ),
        Flag.NOT_LMS_ONLY: ("not LMS only", "Patients were not all leiomyosarcoma."),
        Flag.OTHER_CANCER_EVIDENCE: (
            "other-cancer evidence",
            "Part of the cited evidence comes from patients with other cancers.",
        ),
        Flag.NO_SARCOMA_EVIDENCE: (
            "no sarcoma evidence",
            "The cited evidence includes no sarcoma patients.",
        ),
        Flag.CONFERENCE_ABSTRACT: ("conference abstract", "Conference abstract, not a full paper."),
        Flag.ONLINE_GUIDELINE: ("online guideline", "Online guideline; its content may change."),
        Flag.SUM_MISMATCH: ("sum mismatch", "The rows do not add up to the printed total."),
        Flag.AUTHORS_UNVERIFIED: ("authors unverified", "Author list not verified."),
        Flag.JOURNAL_UNVERIFIED: ("journal unverified", "Journal details not verified."),
    },
    RuleKind: {
        RuleKind.METASTATIC: ("metastatic", "where distant metastases tend to appear"),
        RuleKind.NODAL: ("nodal", "spread to lymph nodes"),
        RuleKind.LOCOREGIONAL: ("locoregional", "recurrence near the original tumour"),
    },
    TableKind: {
        TableKind.RECURRENCE_BY_PRIMARY_SITE: (
            "Recurrence by site of the primary tumour",
            "how often sarcoma came back, by where it started",
        ),
        TableKind.FIRST_RECURRENCE_PATTERN: (
            "Pattern of first recurrence",
            "where sarcoma came back first",
        ),
        TableKind.SALVAGE_BY_PATTERN: (
            "Surgery at recurrence, by pattern",
            "how often a recurrence could be operated on",
        ),
        TableKind.METASTATIC_SITES: ("Where metastases occur", "sites of distant spread"),
        TableKind.NODAL_SPREAD: ("Lymph-node spread", "how often lymph nodes were involved"),
        TableKind.AUTOPSY_SITES: ("Sites found at autopsy", "disease found at post-mortem"),
        TableKind.METASTASIS_OUTCOMES: (
            "Outcomes once metastases are found",
            "what happened to patients after metastases appeared",
        ),
    },
    TechniqueCategory: {
        TechniqueCategory.SURGERY: ("Surgery", "removing the tumour in an operation"),
        TechniqueCategory.ABLATION: (
            "Ablation",
            "destroying the tumour in place with heat, cold or energy",
        ),
        TechniqueCategory.EMBOLISATION: (
            "Embolisation",
            "blocking the tumour's blood supply through a catheter",
        ),
        TechniqueCategory.PERFUSION: (
            "Perfusion",
            "high-dose drugs sent through an isolated limb or organ",
        ),
        TechniqueCategory.RADIOTHERAPY: ("Radiotherapy", "treating the tumour with radiation"),
        TechniqueCategory.HYPERTHERMIA: (
            "Hyperthermia",
            "heating tissue, usually with other treatment",
        ),
        TechniqueCategory.OTHER: ("Other", "other local approaches"),
    },
    Measure: {
        Measure.OVERALL_SURVIVAL: (
            "overall survival",
            "how many patients were alive, from any cause",
        ),
        Measure.DISEASE_SPECIFIC_SURVIVAL: (
            "disease-specific survival",
            "how many patients had not died of their sarcoma",
        ),
        Measure.PROGRESSION_FREE_SURVIVAL: (
            "progression-free survival",
            "how many patients were alive without their disease growing",
        ),
        Measure.DISEASE_FREE_SURVIVAL: (
            "disease-free survival",
            "how many patients were alive with no sign of disease",
        ),
        Measure.RECURRENCE_FREE_SURVIVAL: (
            "recurrence-free survival",
            "how many patients were alive without the disease coming back",
        ),
        Measure.LOCAL_CONTROL: (
            "local control",
            "how often the treated tumour did not grow back where it was treated",
        ),
        Measure.LOCAL_RECURRENCE: (
            "local recurrence",
            "how often the tumour grew back where it was treated",
        ),
        Measure.RESPONSE: ("response", "how often tumours shrank or disappeared on scans"),
        Measure.COMPLETE_RESECTION: (
            "complete removal",
            "how often all visible tumour was removed (R0 or R0/R1 as the source defines it)",
        ),
        Measure.COMPLICATIONS: (
            "complications",
            "harms of the treatment, with their grade if given",
        ),
        Measure.PERIOPERATIVE_DEATH: (
            "death after treatment",
            "deaths during or soon after the treatment",
        ),
        Measure.LIMB_SALVAGE: ("limb salvage", "how often the arm or leg was kept"),
        Measure.RECURRENCE_PATTERN: (
            "recurrence pattern",
            "where the disease came back after treatment",
        ),
        Measure.OTHER: ("other outcome", "another outcome the source reported; see the group"),
    },
    Statistic: {
        Statistic.PROPORTION: (
            "proportion",
            "the share of patients or lesions, at a time if given",
        ),
        Statistic.MEDIAN_TIME: ("median", "half of the patients did better, half worse"),
        Statistic.MEAN_TIME: ("mean", "the average time"),
        Statistic.RATE: ("rate", "how often something happened over the whole follow-up"),
        Statistic.HAZARD_RATIO: (
            "hazard ratio",
            "the risk in one group relative to another over time (1 = no difference)",
        ),
        Statistic.ODDS_RATIO: (
            "odds ratio",
            "the odds in one group relative to another (1 = no difference)",
        ),
        Statistic.COUNT: ("count", "how many patients or lesions"),
    },
    Unit: {
        Unit.PERCENT: ("%", "a share out of 100"),
        Unit.MONTHS: ("months", "time in months"),
        Unit.YEARS: ("years", "time in years"),
        Unit.DAYS: ("days", "time in days"),
        Unit.PATIENTS: ("patients", "a number of patients"),
        Unit.LESIONS: ("lesions", "a number of tumours treated"),
        Unit.RATIO: ("ratio", "one group's figure divided by another's"),
    },
    Direction: {
        Direction.BENEFIT: ("benefit", "the source reports the treatment helped"),
        Direction.NO_BENEFIT: ("no benefit", "the source found no advantage from the treatment"),
        Direction.HARM: ("harm", "the source reports harm from the treatment"),
        Direction.DESCRIPTIVE: ("descriptive", "what happened, without comparing treatments"),
    },
    Centres: {
        Centres.SINGLE: ("single centre", "patients from one hospital"),
        Centres.MULTI: ("multi-centre", "patients from several hospitals"),
        Centres.UNKNOWN: ("centres not stated", "the paper does not say how many hospitals"),
    },
    Sampling: {
        Sampling.POPULATION_BASED: (
            "population-based",
            "every patient in a defined population, such as a national register",
        ),
        Sampling.CONSECUTIVE: ("consecutive", "every patient treated over a period"),
        Sampling.NOT_CONSECUTIVE: ("not consecutive", "selected patients, not every one treated"),
    },
    DesignLevel: {
        DesignLevel.RANDOMISED_BLINDED: (
            "1i",
            "randomised trial in which neither patients nor doctors knew the treatment",
        ),
        DesignLevel.RANDOMISED: ("1ii", "randomised trial, not blinded"),
        DesignLevel.NON_RANDOMISED_CONTROLLED: (
            "2",
            "trial comparing treatments without assigning them by chance",
        ),
        DesignLevel.POPULATION_BASED_SERIES: (
            "3i",
            "case series of every patient in a defined population",
        ),
        DesignLevel.CONSECUTIVE_SERIES: (
            "3ii",
            "case series of every patient treated at a centre over a period",
        ),
        DesignLevel.NON_CONSECUTIVE_SERIES: (
            "3iii",
            "case series of selected patients, or not stated to be consecutive (weakest design)",
        ),
        DesignLevel.SYSTEMATIC_REVIEW: (
            "systematic review",
            "a structured summary of studies; its strength is that of the studies it gathers",
        ),
        DesignLevel.REVIEW: ("review", "an expert summary of the literature, not a study"),
        DesignLevel.GUIDELINE: ("guideline", "advice from a professional body, not a study"),
        DesignLevel.ECONOMIC_ANALYSIS: (
            "economic analysis",
            "costs weighed against outcomes, not a treatment study",
        ),
    },
    Endpoint: {
        Endpoint.TOTAL_MORTALITY: ("A", "survival from any cause: the strongest endpoint"),
        Endpoint.CAUSE_SPECIFIC_MORTALITY: ("B", "deaths from the cancer itself"),
        Endpoint.QUALITY_OF_LIFE: ("C", "quality of life, measured carefully"),
        Endpoint.EVENT_FREE_SURVIVAL: ("Di", "survival without a defined event"),
        Endpoint.DISEASE_FREE_SURVIVAL: ("Dii", "survival with no sign of disease"),
        Endpoint.PROGRESSION_FREE_SURVIVAL: ("Diii", "survival without the disease growing"),
        Endpoint.TUMOUR_RESPONSE: ("Div", "tumour shrinkage on scans: the weakest endpoint"),
    },
    Stance: {
        Stance.STANDARD: ("standard", "the guideline describes it as the usual approach"),
        Stance.OPTION_IN_SELECTED_PATIENTS: (
            "option in selected patients",
            "the guideline lists it as an option for some patients",
        ),
        Stance.CONSIDER: ("consider", "the guideline says it may be considered"),
        Stance.INVESTIGATIONAL: (
            "investigational or trial",
            "the guideline places it in research or clinical trials",
        ),
        Stance.NOT_RECOMMENDED: ("not recommended", "the guideline advises against it"),
        Stance.NO_STATEMENT: ("no statement", "the guideline says nothing either way"),
    },
    Source: {
        Source.UPTODATE_2017: (
            "UpToDate 2017",
            "the UpToDate topic on surgical and other local therapy, reviewed to November 2017",
        ),
        Source.LMS_SITE: (
            "LMS patient site",
            "the 'Local Treatment Choices by Site' pages of a leiomyosarcoma patient web site",
        ),
        Source.CURATION: ("curation", "added by the catalogue's own curation"),
    },
}

#: Flags a reader of a reference list is shown (the rest matter to curators only).
_READER_FLAGS = frozenset(Flag) - {Flag.NOT_LMS_ONLY}


def _entry(member: Enum) -> tuple[str, str]:
    return READER_TEXTS[type(member)][member]


def label(member: Enum) -> str:
    """The short human name of a vocabulary value."""
    return _entry(member)[0]


def meaning(member: Enum) -> str:
    """What a vocabulary value means, in plain words."""
    return _entry(member)[1]


def role_text(role: Role) -> str:
    """The role and what it means: ``standard (described ... feasible)``."""
    return f"{label(role)} ({meaning(role)})"


def shown_flags(flags: tuple[Flag, ...]) -> tuple[Flag, ...]:
    """The flags a reader should see as notes, in their order."""
    return tuple(f for f in flags if f in _READER_FLAGS)


def check_audience(audience: object) -> str:
    """``audience`` when it is one of :data:`AUDIENCES`; a ValueError otherwise.

    >>> check_audience("patient")
    'patient'
    """
    if audience not in AUDIENCES:
        shown = repr(audience)[:40]
        raise ValueError(f"audience must be one of {AUDIENCES}, not {shown}")
    return str(audience)
