"""Evidence you can compute with: outcome figures, study descriptors, guideline stances.

Every vocabulary here is closed (reader texts in ``_render.labels``). A figure is what a
source printed, kept beside our own statement; ``verified_at`` says where it was seen.
Absent descriptor fields mean "not printed", never zero.

>>> f = Figure(Measure.LOCAL_CONTROL, Statistic.PROPORTION, value=80.2, unit=Unit.PERCENT,
...            time_point=TimePoint(1, Unit.YEARS), citation="x", verified_at="https://a.b/")
>>> f.time_point.text
'1 year'
"""

from __future__ import annotations

from enum import StrEnum

import attrs

from .vocabulary import Flag, TechniqueCategory, _tuple_of_str

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


@attrs.frozen
class TimePoint:
    """When a figure was measured: ``1 year``, ``36 months``."""

    value: float
    unit: Unit

    @property
    def text(self) -> str:
        """``1 year``, ``2.5 years``: the value without a needless ``.0``, unit singular for 1."""
        number = f"{self.value:g}"
        unit = self.unit.value[:-1] if self.value == 1 else self.unit.value
        return f"{number} {unit}"


@attrs.frozen
class Figure:
    """One number a source printed about an outcome, for one group, from one citation.

    ``verified_at`` is the page (URL) or founding document where the figure was seen. The
    source's own wording is never stored: sentences stay the source's, facts carry over.
    When a printed percent disagrees with its counts both are kept and the figure is
    flagged ``percent-mismatch``.
    """

    measure: Measure
    statistic: Statistic
    citation: str
    verified_at: str
    value: float | None = None
    unit: Unit | None = None
    time_point: TimePoint | None = None
    numerator: int | None = None
    denominator: int | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    group: str = ""
    grade: str = ""
    note: str = ""
    flags: tuple[Flag, ...] = ()

    @property
    def percent_computed(self) -> float | None:
        """numerator / denominator x 100, one decimal; None without both counts."""
        if self.numerator is None or not self.denominator:
            return None
        return round(100.0 * self.numerator / self.denominator, 1)

    @property
    def percent_mismatch(self) -> bool:
        """True when a printed percent is not its counts' percent, rounded as printed."""
        if self.unit is not Unit.PERCENT or self.value is None:
            return False
        return percent_disagrees(self.numerator, self.denominator, self.value)


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


@attrs.frozen
class StudyDescriptors:
    """What a study's paper prints about itself; ``None`` means not printed, never zero.

    ``verified_at`` is the page (or founding document) the fields were read on;
    ``endpoint`` is the PDQ endpoint of the study's main outcome.
    """

    verified_at: str
    patients: int | None = None
    lesions: int | None = None
    lms_patients: int | None = None
    centres: Centres = Centres.UNKNOWN
    sampling: Sampling | None = None
    controlled: bool | None = None
    blinded: bool | None = None
    accrual_first_year: int | None = None
    accrual_last_year: int | None = None
    median_follow_up_months: float | None = None
    registry_ids: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    endpoint: Endpoint | None = None


@attrs.frozen
class GuidelineStance:
    """What one guideline says about one or more techniques at one or more sites.

    ``citation`` is the guideline's citation record; ``summary`` is our one line;
    ``grade_as_printed`` is the guideline's own grade or wording of strength. No
    ``sites`` means the guideline spoke of metastases anywhere; ``categories`` name a
    family of techniques when the guideline did not name one technique ("ablation").
    """

    key: str
    organisation: str
    document: str
    citation: str
    stance: Stance
    summary: str
    verified_at: str
    sites: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    techniques: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    categories: tuple[TechniqueCategory, ...] = ()
    version: str = ""
    year: int | None = None
    grade_as_printed: str = ""
