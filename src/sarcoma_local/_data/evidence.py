"""Evidence you can compute with: outcome figures, study descriptors, guideline stances.

Every vocabulary here is closed (reader texts in ``_render.labels``). A figure is what a
source printed, kept beside our own statement; ``verified_at`` says where it was seen.
Absent descriptor fields mean "not printed", never zero.

>>> from sarcoma_local import Figure, Measure, Statistic, TimePoint, Unit
>>> f = Figure(Measure.LOCAL_CONTROL, Statistic.PROPORTION, value=80.2, unit=Unit.PERCENT,
...            time_point=TimePoint(1, Unit.YEARS), citation="x", verified_at="https://a.b/")
>>> f.time_point.text
'1 year'
"""

from __future__ import annotations

from sarcoma_local._core.lazy_names import lazy_names

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .appraisal_vocabulary import DesignLevel, Stance
    from .citation_records import StudyDescriptors
    from .figure_records import Figure, TimePoint
    from .figure_vocabulary import Direction, Measure, Statistic, Unit
    from .guideline_records import GuidelineStance
    from .study_vocabulary import Centres, Endpoint, Sampling

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
    "Centres": "study_vocabulary",
    "DesignLevel": "appraisal_vocabulary",
    "Direction": "figure_vocabulary",
    "Endpoint": "study_vocabulary",
    "Measure": "figure_vocabulary",
    "Sampling": "study_vocabulary",
    "Stance": "appraisal_vocabulary",
    "Statistic": "figure_vocabulary",
    "Unit": "figure_vocabulary",
    "Figure": "figure_records",
    "GuidelineStance": "guideline_records",
    "StudyDescriptors": "citation_records",
    "TimePoint": "figure_records",
}


__getattr__ = lazy_names(globals(), __package__, _LAZY)
