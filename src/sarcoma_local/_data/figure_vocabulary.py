"""What an outcome figure measures, how, in what unit, and a statement's direction.

These vocabularies (reader texts in ``_render.labels``) are imported from
``evidence`` and ``models``; they live here, apart from the citation and guideline
vocabularies, because each enum costs time to create and a first ``options()``
needs only these.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "Direction",
    "Measure",
    "Statistic",
    "Unit",
]


class Measure(StrEnum):
    """What an outcome figure measures."""

    OVERALL_SURVIVAL = "overall-survival"
    DISEASE_SPECIFIC_SURVIVAL = "disease-specific-survival"
    PROGRESSION_FREE_SURVIVAL = "progression-free-survival"
    DISEASE_FREE_SURVIVAL = "disease-free-survival"
    RECURRENCE_FREE_SURVIVAL = "recurrence-free-survival"
    LOCAL_CONTROL = "local-control"
    LOCAL_RECURRENCE = "local-recurrence"
    RESPONSE = "response"
    COMPLETE_RESECTION = "complete-resection"
    COMPLICATIONS = "complications"
    PERIOPERATIVE_DEATH = "perioperative-death"
    LIMB_SALVAGE = "limb-salvage"
    RECURRENCE_PATTERN = "recurrence-pattern"
    OTHER = "other"


class Statistic(StrEnum):
    """How a figure summarises its measure."""

    PROPORTION = "proportion"
    MEDIAN_TIME = "median-time"
    MEAN_TIME = "mean-time"
    RATE = "rate"
    HAZARD_RATIO = "hazard-ratio"
    ODDS_RATIO = "odds-ratio"
    COUNT = "count"


class Unit(StrEnum):
    """The unit of a figure's value or of a time point."""

    PERCENT = "percent"
    MONTHS = "months"
    YEARS = "years"
    DAYS = "days"
    PATIENTS = "patients"
    LESIONS = "lesions"
    RATIO = "ratio"


class Direction(StrEnum):
    """What a statement reports about a treatment's effect."""

    BENEFIT = "benefit"
    NO_BENEFIT = "no-benefit"
    HARM = "harm"
    DESCRIPTIVE = "descriptive"
