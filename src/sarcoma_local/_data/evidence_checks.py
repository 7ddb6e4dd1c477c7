"""Checks of the computable evidence: figures, study descriptors, guideline stances, reviews.

:func:`evidence_load_problems` runs on every load (references and counts);
:func:`evidence_problems` adds the curation checks of ``sarcoma-local validate``.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from .evidence import Statistic, Unit
from .vocabulary import Flag

if TYPE_CHECKING:
    import datetime
    from collections.abc import Container, Iterable

    from .evidence import Figure, GuidelineStance, StudyDescriptors
    from .loader import Catalogue
    from .models import Citation, Option, Statement

__all__ = ["evidence_load_problems", "evidence_problems", "states_a_number"]

_DIGIT = re.compile(r"\d")
_NCT = re.compile(r"NCT\d{8}")
_TIME_UNITS = frozenset({Unit.DAYS, Unit.MONTHS, Unit.YEARS})


def states_a_number(statement: Statement) -> bool:
    """Whether the statement's text contains a digit (and so owes figures or a reason)."""
    return bool(_DIGIT.search(statement.text))


def evidence_load_problems(cat: Catalogue) -> list[str]:
    """Broken references and impossible counts: the catalogue cannot be trusted with these."""
    return [
        *figure_load_problems(cat.options),
        *guideline_load_problems(
            cat.guidelines, cat.citations, cat.sites.by_key, cat.techniques.by_key
        ),
    ]


def figure_load_problems(options: Iterable[Option]) -> list[str]:
    """Figures citing a paper their statement does not cite, and impossible counts."""
    problems: list[str] = []
    for o in options:
        for i, s in enumerate(o.statements):
            for f in s.figures:
                where = f"option {o.site}/{o.technique} statement {i}"
                if f.citation not in s.citations:
                    problems.append(f"{where}: figure cites {f.citation!r}, not one of its own")
                problems.extend(f"{where}: {p}" for p in _count_problems(f))
    return problems


def guideline_load_problems(
    guidelines: Iterable[GuidelineStance],
    citations: Container[str],
    sites: Container[str],
    techniques: Container[str],
) -> list[str]:
    """Guideline stances with a repeated key or naming what the catalogue does not have."""
    guidelines = tuple(guidelines)
    problems: list[str] = []
    for key, n in Counter(g.key for g in guidelines).items():
        if n > 1:
            problems.append(f"guideline stance key {key!r} is used twice")
    for g in guidelines:
        where = f"guideline stance {g.key}"
        if g.citation not in citations:
            problems.append(f"{where}: unknown citation {g.citation!r}")
        problems.extend(f"{where}: unknown site {s!r}" for s in g.sites if s not in sites)
        problems.extend(
            f"{where}: unknown technique {t!r}" for t in g.techniques if t not in techniques
        )
    return problems


def _count_problems(f: Figure) -> list[str]:
    problems = []
    if f.numerator is not None and f.numerator < 0:
        problems.append("negative numerator")
    if f.denominator is not None and f.denominator <= 0:
        problems.append("denominator must be positive")
    if f.numerator is not None and f.denominator is not None and f.numerator > f.denominator:
        problems.append(f"numerator {f.numerator} above denominator {f.denominator}")
    return problems


def evidence_problems(cat: Catalogue, today: datetime.date | None = None) -> list[str]:
    """The curation checks of figures, descriptors, levels, stances and review dates."""
    import datetime  # curation checks only; keeps the load path lean

    from .models import StudyType

    today = today or datetime.date.today()
    problems: list[str] = []
    for o in cat.options:
        problems.extend(_option_problems(o, today))
    for c in cat.citations.values():
        problems.extend(_citation_problems(c))
    for g in cat.guidelines:
        cited = cat.citations.get(g.citation)
        if cited is not None and cited.study_type is not StudyType.GUIDELINE:
            problems.append(
                f"guideline stance {g.key}: cites {g.citation!r}, which is a "
                f"{cited.study_type.value}, not a guideline"
            )
        if not g.verified_at.strip():
            problems.append(f"guideline stance {g.key}: verified_at is empty (where was it read?)")
        if not g.summary.strip():
            problems.append(f"guideline stance {g.key}: empty summary")
    return problems


def _option_problems(o: Option, today: datetime.date) -> list[str]:
    where = f"option {o.site}/{o.technique}"
    problems = []
    import datetime

    try:
        reviewed = datetime.date.fromisoformat(o.reviewed)
    except ValueError:
        problems.append(f"{where}: reviewed {o.reviewed!r} is not an ISO date (YYYY-MM-DD)")
    else:
        if reviewed > today:
            problems.append(f"{where}: reviewed {o.reviewed} is in the future")
    for i, s in enumerate(o.statements):
        at = f"{where} statement {i}"
        if states_a_number(s) and not s.figures and not s.no_figures_reason.strip():
            problems.append(f"{at}: states a number but has no figures and no_figures_reason")
        if s.figures and s.no_figures_reason:
            problems.append(f"{at}: has figures and a no_figures_reason; drop the reason")
        for f in s.figures:
            problems.extend(f"{at}: {p}" for p in _figure_problems(f))
    return problems


def _figure_problems(f: Figure) -> list[str]:
    problems = []
    flagged = Flag.PERCENT_MISMATCH in f.flags
    if f.percent_mismatch and not flagged:
        problems.append(f"printed {f.value}% disagrees with {f.numerator}/{f.denominator}; flag it")
    if flagged and not f.percent_mismatch:
        problems.append("flagged percent-mismatch but the counts agree")
    if f.unit is Unit.PERCENT and f.value is not None and not 0 <= f.value <= 100:
        problems.append(f"percent {f.value} outside 0-100")
    if f.ci_low is not None and f.ci_high is not None and f.ci_low > f.ci_high:
        problems.append("confidence interval runs backwards")
    if f.time_point is not None and f.time_point.unit not in _TIME_UNITS:
        problems.append(f"time point unit {f.time_point.unit.value!r} is not a time")
    if f.statistic in (Statistic.MEDIAN_TIME, Statistic.MEAN_TIME) and f.unit not in _TIME_UNITS:
        problems.append(f"a {f.statistic.value} needs a time unit")
    if not f.verified_at.strip():
        problems.append("figure has no verified_at (where was it seen?)")
    if f.value is None and f.numerator is None:
        problems.append("figure has neither a value nor counts")
    return problems


def _citation_problems(c: Citation) -> list[str]:
    from .levels import level_of_evidence

    where = f"citation {c.key}"
    try:
        level_of_evidence(c)
    except (KeyError, ValueError) as exc:  # a study type the level rules do not cover
        return [f"{where}: no level of evidence derivable ({exc})"]
    d = c.descriptors
    return [] if d is None else [f"{where}: {p}" for p in _descriptor_problems(d)]


def _descriptor_problems(d: StudyDescriptors) -> list[str]:
    problems = []
    if not d.verified_at.strip():
        problems.append("descriptors have no verified_at (where were they read?)")
    for name in ("patients", "lesions"):
        value = getattr(d, name)
        if value is not None and value <= 0:
            problems.append(f"descriptor {name} must be positive (absent means not printed)")
    if d.lms_patients is not None and d.lms_patients < 0:
        # Zero is a printed fact (a series of another histology); None is "not printed".
        problems.append("descriptor lms_patients is negative")
    if d.patients is not None and d.lms_patients is not None and d.lms_patients > d.patients:
        problems.append("more LMS patients than patients")
    first, last = d.accrual_first_year, d.accrual_last_year
    if first is not None and last is not None and first > last:
        problems.append(f"accrual years {first}-{last} run backwards")
    problems.extend(
        f"registry id {r!r} is not NCT + 8 digits" for r in d.registry_ids if not _NCT.fullmatch(r)
    )
    return problems
