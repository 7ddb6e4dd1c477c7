"""Technique records and their category (their patient text lives in ``patient_records``).

``TechniqueCategory`` is imported from ``vocabulary`` (reader texts in ``_render.labels``);
it is defined here, beside its records, so that a first answer that builds no
technique never creates it.
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from .patient_records import PatientText, _patient_text
from .record_base import Record
from .vocabulary import Source, _sources, _tuple_of_str

__all__ = ["PatientText", "Technique", "TechniqueCategory"]


class TechniqueCategory(StrEnum):
    """Family a local-treatment technique belongs to."""

    SURGERY = "surgery"
    ABLATION = "ablation"
    EMBOLISATION = "embolisation"
    PERFUSION = "perfusion"
    RADIOTHERAPY = "radiotherapy"
    HYPERTHERMIA = "hyperthermia"
    OTHER = "other"


@attrs.frozen(repr=False, eq=False)
class Technique(Record):
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
