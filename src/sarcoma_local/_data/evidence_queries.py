"""Queries over computable evidence: outcome figures and guideline stances.

>>> import sarcoma_local as sl
>>> sl.guidelines(site="liver", technique="microwave ablation")[0].organisation
'NICE'
>>> rows = sl.evidence(site="soft tissue", technique="SBRT", min_patients=30)
>>> rows[0].figure.measure.value, rows[0].level
('local-control', '3iii')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import attrs

from sarcoma_local._core.errors import UnknownValueError

from .evidence import DesignLevel, Endpoint, Figure, GuidelineStance, Measure
from .levels import design_level, level_of_evidence
from .loader import get_catalogue
from .models import Citation, Option, Population, Statement
from .queries import options
from .resolve import site_key, technique_key, vocabulary_value

if TYPE_CHECKING:
    from .vocabulary import Site, Technique

__all__ = ["EvidenceItem", "evidence", "guidelines"]


@attrs.frozen
class EvidenceItem:
    """One figure with everything it hangs from: its option, statement and citation."""

    option: Option
    statement: Statement
    figure: Figure
    citation: Citation

    @property
    def level(self) -> str:
        """The PDQ level of this figure: the study's design with the figure's own endpoint."""
        return level_of_evidence(self.citation, self.figure.measure)

    @property
    def patients(self) -> int | None:
        """Patients in the study, as printed (None when the paper's count is not recorded)."""
        d = self.citation.descriptors
        return d.patients if d else None


def guidelines(
    site: str | Site | None = None,
    technique: str | Technique | None = None,
    organisation: str | None = None,
) -> tuple[GuidelineStance, ...]:
    """Guideline stances, optionally only those that speak to a site, technique or body.

    A stance with no sites speaks of metastases anywhere, so it matches every site; one
    that names a family of techniques ("ablation") matches each technique of the family.
    ``organisation`` matches case-insensitively anywhere in the body's name ("nice").

    >>> import sarcoma_local as sl
    >>> sl.guidelines(organisation="NICE")[0].stance.value
    'consider'
    """
    cat = get_catalogue()
    found: Iterable[GuidelineStance] = cat.guidelines
    if site is not None:
        skey = site_key(site)
        found = [g for g in found if not g.sites or skey in g.sites]
    if technique is not None:
        t = cat.techniques.by_key[technique_key(technique)]
        found = [g for g in found if t.key in g.techniques or t.category in g.categories]
    if organisation is not None:
        if not isinstance(organisation, str):
            raise TypeError(f"organisation must be a str, not {type(organisation).__name__}")
        wanted = organisation.casefold()
        found = [g for g in found if wanted in g.organisation.casefold()]
    return tuple(found)


def evidence(
    site: str | Site | None = None,
    technique: str | Technique | None = None,
    *,
    min_patients: int | None = None,
    since: int | None = None,
    population: Population | str | None = None,
    level: str | None = None,
    measure: Measure | str | None = None,
) -> tuple[EvidenceItem, ...]:
    """Every outcome figure, with its option and citation, filtered as asked.

    ``min_patients`` keeps studies that printed at least that many patients (a study
    whose count is not recorded is left out); ``since`` keeps citations published that
    year or later; ``population`` the citation's population (``"leiomyosarcoma"``,
    ``"sarcoma"``, ``"mixed"``, ``"other-cancer"``); ``level`` a level code or its
    start (``"3"`` keeps every case series, ``"3iiiA"`` one level exactly).
    """

    cat = get_catalogue()
    wanted_population = (
        vocabulary_value(population, Population, "population") if population is not None else None
    )
    wanted_measure = vocabulary_value(measure, Measure, "measure") if measure is not None else None
    _check_int(min_patients, "min_patients")
    _check_int(since, "since")
    if level is not None:
        _check_level(level)
    items = []
    for o in options(site, technique=technique):
        for s in o.statements:
            for f in s.figures:
                item = EvidenceItem(o, s, f, cat.citations[f.citation])
                c = item.citation
                if min_patients is not None and (item.patients or 0) < min_patients:
                    continue
                if since is not None and c.year < since:
                    continue
                if wanted_population is not None and c.population is not wanted_population:
                    continue
                if wanted_measure is not None and f.measure is not wanted_measure:
                    continue
                if level is not None and not _level_matches(item, level):
                    continue
                items.append(item)
    return tuple(items)


def _level_codes() -> tuple[str, ...]:
    studies = [d.value for d in DesignLevel if d.value[0].isdigit()]
    codes = ["1", "3", *(d.value for d in DesignLevel)]
    return tuple(codes + [d + e.value for d in studies for e in Endpoint])


def _check_level(level: object) -> None:
    if not isinstance(level, str):
        raise TypeError(f"level must be a str, not {type(level).__name__}")
    valid = _level_codes()
    if level not in valid:
        raise UnknownValueError(level, vocabulary="level of evidence", valid=valid)


def _level_matches(item: EvidenceItem, wanted: str) -> bool:
    design = design_level(item.citation.study_type, item.citation.descriptors).value
    if wanted in ("1", "3"):
        return design.startswith(wanted)
    return wanted in (item.level, design)


def _check_int(value: object, name: str) -> None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")
