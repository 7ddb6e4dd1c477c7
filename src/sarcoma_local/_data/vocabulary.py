"""Records that name things: sites, techniques, histologies, primary-tumour sites.

Kept apart from the rest of the model so that ``site("liver")`` in a fresh
process defines only these few classes (each attrs class costs time to build).
These flat records are built with their own attrs constructors, whose
converters coerce lists to tuples and strings to enums; nested records
(citations, options, tables) are structured with cattrs in ``_loader``.
"""

from __future__ import annotations

from enum import StrEnum

import attrs

__all__ = [
    "Flag",
    "GlossaryTerm",
    "Histology",
    "PatientText",
    "PrimarySite",
    "Site",
    "Source",
    "Technique",
    "TechniqueCategory",
]


class TechniqueCategory(StrEnum):
    """Family a local-treatment technique belongs to."""

    SURGERY = "surgery"
    ABLATION = "ablation"
    EMBOLISATION = "embolisation"
    PERFUSION = "perfusion"
    RADIOTHERAPY = "radiotherapy"
    HYPERTHERMIA = "hyperthermia"
    OTHER = "other"


class Source(StrEnum):
    """The documents the catalogue was founded on, and later curation."""

    UPTODATE_2017 = "uptodate-2017"
    LMS_SITE = "lms-site"
    CURATION = "curation"


class Flag(StrEnum):
    """A curation warning on a record; the set is closed (reader texts in ``_render.labels``)."""

    PMID_UNVERIFIED = "pmid-unverified"
    PMID_URL_ONLY = "pmid-url-only"
    NOT_IN_PUBMED = "not-in-pubmed"
    CITATION_MISMATCH = "citation-mismatch"
    GIST_POSSIBLE = "gist-possible"
    PERCENT_MISMATCH = "percent-mismatch"
    DERIVED_COUNT = "derived-count"
    SECONDARY_CITATION = "secondary-citation"
    NOT_LMS_ONLY = "not-lms-only"
    OTHER_CANCER_EVIDENCE = "other-cancer-evidence"
    NO_SARCOMA_EVIDENCE = "no-sarcoma-evidence"
    CONFERENCE_ABSTRACT = "conference-abstract"
    ONLINE_GUIDELINE = "online-guideline"
    SUM_MISMATCH = "sum-mismatch"
    AUTHORS_UNVERIFIED = "authors-unverified"
    JOURNAL_UNVERIFIED = "journal-unverified"


def _tuple_of_str(value: object) -> tuple[str, ...]:
    """Accept a string or a list/tuple of strings; anything else is a data error."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise TypeError(f"expected a string or a list of strings, got {value!r}")


def _sources(value: object) -> tuple[Source, ...]:
    return tuple(Source(v) for v in _tuple_of_str(value))


@attrs.frozen
class Site:
    """A metastatic site, e.g. liver; a combined site (liver and lung) names its parts.

    >>> Site(key="liver", name="Liver").parts
    ()
    """

    key: str
    name: str
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    parts: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    description: str = ""
    in_lms_source: bool = False

    @property
    def is_combined(self) -> bool:
        """True for a site made of other sites (such as liver and lung)."""
        return bool(self.parts)


@attrs.frozen
class PatientText:
    """What a patient reads about a technique or an option, in plain words.

    A technique's text says what it is and what having it involves; an option's
    text says what the evidence at that site shows. ``questions`` are questions a
    patient may want to ask their team. Written for a reading grade of 8 or below
    (a test measures every one); technical words are explained in the glossary.

    >>> PatientText("A thin needle heats the spot.", questions="Will it hurt?").questions
    ('Will it hurt?',)
    """

    text: str
    questions: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)


def _patient_text(value: object) -> PatientText | None:
    """A :class:`PatientText` from the record itself, its JSON object, or ``None``."""
    if value is None or isinstance(value, PatientText):
        return value
    if isinstance(value, dict):
        return PatientText(**value)
    raise TypeError(f"expected a patient text object, got {value!r}")


@attrs.frozen
class GlossaryTerm:
    """A word the patient texts use, with its meaning in plain words.

    ``aliases`` are the other forms the word takes in text ("metastases",
    "SBRT"); pages link the first use of any of them to the glossary entry.

    >>> GlossaryTerm(key="margin", name="Margin", text="The rim of normal tissue.").aliases
    ()
    """

    key: str
    name: str
    text: str
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)


@attrs.frozen
class Technique:
    """A local-control technique, e.g. radiofrequency ablation.

    ``summary`` is written for professionals; ``patient`` says the same in plain words.
    """

    key: str
    name: str
    category: TechniqueCategory = attrs.field(converter=TechniqueCategory)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    summary: str = ""
    named_in: tuple[Source, ...] = attrs.field(default=(), converter=_sources)
    patient: PatientText | None = attrs.field(default=None, converter=_patient_text)


@attrs.frozen
class Histology:
    """A tumour type used by the recurrence tables, e.g. myxoid liposarcoma."""

    key: str
    name: str
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    parent: str | None = None


@attrs.frozen
class PrimarySite:
    """Where a sarcoma started (extremity, retroperitoneum ...), used by recurrence tables."""

    key: str
    name: str
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
