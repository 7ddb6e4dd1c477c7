"""Evidence you can compute with: outcome figures, study descriptors, guideline stances.

Every vocabulary here is closed (reader texts in ``_render.labels``). A figure is what a
source printed, kept beside our own statement; ``verified_at`` says where it was seen.
Absent descriptor fields mean "not printed", never zero.

>>> from sarcoma_local import Figure, TimePoint
>>> f = Figure(Measure.LOCAL_CONTROL, Statistic.PROPORTION, value=80.2, unit=Unit.PERCENT,
...            time_point=TimePoint(1, Unit.YEARS), citation="x", verified_at="https://a.b/")
>>> f.time_point.text
'1 year'
"""

from __future__ import annotations

import importlib
from enum import StrEnum

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .citation_records import StudyDescriptors
    from .figure_records import Figure, TimePoint
    from .guideline_records import GuidelineStance

__all__ = [
    "Centres",
    "DesignLevel",
    "Direction",
    "Endpoint",
    "Figure",
    "GuidelineStance",
    "Measure",
    "Sampling",
    "Stance",
    "Statistic",
    "StudyDescriptors",
    "TimePoint",
    "Unit",
    "percent_disagrees",
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


class Centres(StrEnum):
    """How many centres a study's patients came from."""

    SINGLE = "single"
    MULTI = "multi"
    UNKNOWN = "unknown"


class Sampling(StrEnum):
    """How a case series chose its patients (the PDQ 3i / 3ii / 3iii split)."""

    POPULATION_BASED = "population-based"
    CONSECUTIVE = "consecutive"
    NOT_CONSECUTIVE = "not-consecutive"


class Endpoint(StrEnum):
    """The PDQ strength of a study's endpoint: A (total mortality) down to D(iv) (response)."""

    TOTAL_MORTALITY = "A"
    CAUSE_SPECIFIC_MORTALITY = "B"
    QUALITY_OF_LIFE = "C"
    EVENT_FREE_SURVIVAL = "Di"
    DISEASE_FREE_SURVIVAL = "Dii"
    PROGRESSION_FREE_SURVIVAL = "Diii"
    TUMOUR_RESPONSE = "Div"


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


def percent_disagrees(numerator: int | None, denominator: int | None, printed: float) -> bool:
    """Whether ``printed`` percent is not ``numerator/denominator`` rounded as printed.

    >>> percent_disagrees(40, 56, 72), percent_disagrees(65, 211, 31)
    (True, False)
    """
    if numerator is None or not denominator:
        return False
    text = repr(float(printed))
    decimals = 0 if printed == int(printed) else len(text.split(".", 1)[1])
    slack = 0.5 * 10.0**-decimals + 1e-9
    return abs(100.0 * numerator / denominator - printed) > slack


# Record classes are created on first use (PEP 562): each attrs class costs about a
# millisecond to create, and a first answer needs only a few of them.
_LAZY = {
    "Figure": "figure_records",
    "GuidelineStance": "guideline_records",
    "StudyDescriptors": "citation_records",
    "TimePoint": "figure_records",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__package__}.{module}"), name)
    globals()[name] = value
    return value
