"""PDQ-style levels of evidence, derived from a citation's design and descriptors.

The NCI PDQ scale for adult treatment studies has two axes: the study design (1i
double-blinded randomised trial ... 3iii non-consecutive case series) and the strength
of the endpoint (A total mortality ... D(iv) tumour response). The code joins them:
``3iiiA`` is a non-consecutive case series that reported overall survival.

Rules (docs/levels-of-evidence.md):

* randomised trial: ``1i`` when recorded as double-blinded, else ``1ii``;
* prospective trial recorded as controlled: ``2``; otherwise it is a case series;
* case series (prospective, retrospective, registry, autopsy, case report, abstract):
  ``3i`` population-based, ``3ii`` consecutive, ``3iii`` otherwise: a series not
  recorded as consecutive counts as non-consecutive (the lower level);
* systematic reviews, reviews, guidelines and economic analyses are not rated as
  studies; their level names what they are.

The endpoint part is added only when the citation's descriptors record one.

>>> from sarcoma_local._data.models import Citation, StudyType
>>> level_of_evidence(Citation("k", (), "T", "J", 2020, study_type=StudyType.GUIDELINE))
'guideline'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .evidence import DesignLevel, Endpoint, Measure, Sampling

if TYPE_CHECKING:
    from .evidence import StudyDescriptors
    from .models import Citation, StudyType

__all__ = ["ENDPOINT_OF_MEASURE", "design_level", "level_code", "level_of_evidence"]

#: The PDQ endpoint a figure's measure counts as; measures PDQ does not rank are absent.
ENDPOINT_OF_MEASURE: dict[Measure, Endpoint] = {
    Measure.OVERALL_SURVIVAL: Endpoint.TOTAL_MORTALITY,
    Measure.PERIOPERATIVE_DEATH: Endpoint.TOTAL_MORTALITY,
    Measure.DISEASE_SPECIFIC_SURVIVAL: Endpoint.CAUSE_SPECIFIC_MORTALITY,
    Measure.RECURRENCE_FREE_SURVIVAL: Endpoint.EVENT_FREE_SURVIVAL,
    Measure.DISEASE_FREE_SURVIVAL: Endpoint.DISEASE_FREE_SURVIVAL,
    Measure.PROGRESSION_FREE_SURVIVAL: Endpoint.PROGRESSION_FREE_SURVIVAL,
    Measure.RESPONSE: Endpoint.TUMOUR_RESPONSE,
}

_NOT_STUDIES = {
    "systematic-review": DesignLevel.SYSTEMATIC_REVIEW,
    "review": DesignLevel.REVIEW,
    "guideline": DesignLevel.GUIDELINE,
    "economic-analysis": DesignLevel.ECONOMIC_ANALYSIS,
}

_SERIES = {
    Sampling.POPULATION_BASED: DesignLevel.POPULATION_BASED_SERIES,
    Sampling.CONSECUTIVE: DesignLevel.CONSECUTIVE_SERIES,
    Sampling.NOT_CONSECUTIVE: DesignLevel.NON_CONSECUTIVE_SERIES,
}


def design_level(study_type: StudyType, descriptors: StudyDescriptors | None) -> DesignLevel:
    """The design axis: from the study type, refined by what the descriptors record.

    >>> from sarcoma_local._data.models import StudyType
    >>> design_level(StudyType.RETROSPECTIVE_SERIES, None).value
    '3iii'
    """
    if study_type.value in _NOT_STUDIES:
        return _NOT_STUDIES[study_type.value]
    if study_type.value == "randomised-trial":
        blinded = descriptors is not None and descriptors.blinded is True
        return DesignLevel.RANDOMISED_BLINDED if blinded else DesignLevel.RANDOMISED
    if study_type.value == "prospective-trial" and descriptors and descriptors.controlled:
        return DesignLevel.NON_RANDOMISED_CONTROLLED
    sampling = descriptors.sampling if descriptors else None
    return _SERIES[sampling] if sampling else DesignLevel.NON_CONSECUTIVE_SERIES


def level_code(design: DesignLevel, endpoint: Endpoint | None) -> str:
    """The printed code: ``3iii`` + ``A`` = ``3iiiA``; a non-study level takes no endpoint.

    >>> level_code(DesignLevel.NON_CONSECUTIVE_SERIES, Endpoint.TUMOUR_RESPONSE)
    '3iiiDiv'
    >>> level_code(DesignLevel.REVIEW, Endpoint.TOTAL_MORTALITY)
    'review'
    """
    if design.value[0].isdigit() and endpoint is not None:
        return design.value + endpoint.value
    return design.value


def level_of_evidence(citation: Citation, measure: Measure | None = None) -> str:
    """The level code of ``citation``; with ``measure``, of one figure it printed.

    A figure's endpoint is its measure's (overall survival is ``A``); a measure PDQ
    does not rank (local control) falls back to the study's recorded endpoint.
    """
    descriptors = citation.descriptors
    design = design_level(citation.study_type, descriptors)
    endpoint = ENDPOINT_OF_MEASURE.get(measure) if measure is not None else None
    if endpoint is None and descriptors is not None:
        endpoint = descriptors.endpoint
    return level_code(design, endpoint)
