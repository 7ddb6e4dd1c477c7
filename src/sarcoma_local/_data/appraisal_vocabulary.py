"""The PDQ study-design level and what a guideline says (reader texts in ``_render.labels``).

Imported from ``evidence``; kept apart because no first answer needs them and each
enum costs time to create.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "DesignLevel",
    "Stance",
]


class DesignLevel(StrEnum):
    """The PDQ study-design level, or what a publication is when it is not a study."""

    RANDOMISED_BLINDED = "1i"
    RANDOMISED = "1ii"
    NON_RANDOMISED_CONTROLLED = "2"
    POPULATION_BASED_SERIES = "3i"
    CONSECUTIVE_SERIES = "3ii"
    NON_CONSECUTIVE_SERIES = "3iii"
    SYSTEMATIC_REVIEW = "systematic-review"
    REVIEW = "review"
    GUIDELINE = "guideline"
    ECONOMIC_ANALYSIS = "economic-analysis"


class Stance(StrEnum):
    """What a guideline says about a technique at a site."""

    STANDARD = "standard"
    OPTION_IN_SELECTED_PATIENTS = "option-in-selected-patients"
    CONSIDER = "consider"
    INVESTIGATIONAL = "investigational-or-trial"
    NOT_RECOMMENDED = "not-recommended"
    NO_STATEMENT = "no-statement"
