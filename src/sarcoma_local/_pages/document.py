"""What a human page says, as plain records: an option's text and a reference entry.

The handout and the web site build these once from the catalogue records (every
reader text through :mod:`sarcoma_local._render`), then render them: to HTML with
:mod:`sarcoma_local._pages.html`, to Markdown in the handout. So a page never
walks the records twice, and an option reads the same on every page.

>>> import sarcoma_local as sl
>>> from sarcoma_local._render.citations import catalogue_labels
>>> ref = reference(sl.citation("potter-1985-353"), catalogue_labels())
>>> ref.label, [link.kind for link in ref.links]
('Potter 1985', ['pubmed'])
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import attrs

from sarcoma_local._data.evidence import Direction, Figure, GuidelineStance
from sarcoma_local._data.models import Citation, Option, Population, Technique
from sarcoma_local._render.citations import format_citation
from sarcoma_local._render.labels import label, meaning, role_text, shown_flags
from sarcoma_local._render.links import Link, citation_links

__all__ = [
    "FIGURE_COLUMNS",
    "CitedText",
    "FigureRow",
    "OptionText",
    "Ref",
    "Reference",
    "citation_rank",
    "figure_row",
    "md",
    "option_text",
    "reference",
    "refs",
    "stances_for",
    "strongest_statements",
]

#: The columns of an option's figures table, as a reader sees them.
FIGURE_COLUMNS = ("Outcome", "Value", "Patients", "Level", "Source")


@attrs.frozen
class Ref:
    """An in-text citation: the citation key (the anchor) and its label, ``Chen 1998``."""

    key: str
    label: str


@attrs.frozen
class CitedText:
    """A sentence and the citations behind it; ``finding`` names what it reports when it
    compares treatments ("Benefit", "No benefit", "Harm"; empty when descriptive)."""

    text: str
    refs: tuple[Ref, ...] = ()
    finding: str = ""


@attrs.frozen
class FigureRow:
    """One row of an option's figures table: every cell already text, and its source."""

    outcome: str
    value: str
    patients: str
    level: str
    source: Ref


@attrs.frozen
class OptionText:
    """What a page says about one option: its role, summary, statements and notes,
    the figures its sources printed, what guidelines say, and when it was reviewed;
    ``plain`` and ``questions`` are the option's words for patients (may be empty),
    ``about`` the technique's plain words when the page asks for them."""

    role: str
    summary: str
    statements: tuple[CitedText, ...]
    notes: tuple[str, ...]
    figures: tuple[FigureRow, ...] = ()
    guidelines: tuple[str, ...] = ()
    reviewed: str = ""
    plain: str = ""
    questions: tuple[str, ...] = ()
    about: str = ""
    #: Says what a shortened view left out ("4 more findings ..."); empty when complete.
    more: str = ""


@attrs.frozen
class Reference:
    """One entry of a reference list, every text already formatted."""

    key: str
    label: str
    text: str
    evidence: str
    summary: str
    links: tuple[Link, ...]
    notes: tuple[str, ...]


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>&|#"})


def md(value: object) -> str:
    """Escape text for Markdown, so data can never become markup or raw HTML.

    >>> md("*a* <b>")
    '\\\\*a\\\\* \\\\<b\\\\>'
    """
    return str(value).translate(_MD_SPECIAL)


def refs(keys: Iterable[str], labels: Mapping[str, str]) -> tuple[Ref, ...]:
    """In-text citations for ``keys``; a key without a label shows the key."""
    return tuple(Ref(k, labels.get(k, k)) for k in keys)


def _value(f: Figure) -> str:
    if f.value is None:
        text = ""
    elif f.unit is not None and f.unit.value == "percent":
        text = f"{f.value:g}%"
    else:
        text = f"{f.value:g}" + (f" {label(f.unit)}" if f.unit is not None else "")
    if f.numerator is not None and f.denominator is not None:
        text = f"{text} ({f.numerator}/{f.denominator})".strip()
    if f.ci_low is not None and f.ci_high is not None:
        text += f", CI {f.ci_low:g}-{f.ci_high:g}"
    return text


def figure_row(f: Figure, labels: Mapping[str, str], cited: Mapping[str, Citation]) -> FigureRow:
    """A figure as a table row: outcome, value, study size and level, source label."""
    from sarcoma_local._data.levels import level_of_evidence

    # "Other" outcomes are named by their group ("incomplete ablation"), the rest by measure.
    named = f.measure.value == "other" and f.group
    outcome = f.group if named else f"{label(f.measure)}, {label(f.statistic)}"
    if f.time_point is not None:
        outcome += f" at {f.time_point.text}"
    if f.group and not named:
        outcome += f" ({f.group})"
    c = cited.get(f.citation)
    d = c.descriptors if c else None
    patients = str(d.patients) if d and d.patients is not None else "not stated"
    level = level_of_evidence(c, f.measure) if c else ""
    return FigureRow(
        outcome, _value(f), patients, level, Ref(f.citation, labels.get(f.citation, f.citation))
    )


#: How much an article's population weighs when ranking what to show first.
_POPULATION_WEIGHT = {
    Population.LMS: 2,
    Population.SARCOMA: 2,
    Population.MIXED: 1,
    Population.OTHER_CANCER: 0,
}


def citation_rank(c: Citation, uses: int = 1) -> tuple[float, ...]:
    """How strongly an article speaks to a reader, to rank what a short view shows.

    Identified articles (PMID or DOI) first; then study size (log scale: 10 patients 2,
    100 patients 4), how many statements lean on it (``uses``), whether it is about
    sarcoma, and recency; the year breaks ties.
    """
    d = c.descriptors
    size = 2 * math.log10(1 + d.patients) if d is not None and d.patients else 0.0
    identified = 1 if (c.pmid or c.doi) else 0
    weight = size + uses + _POPULATION_WEIGHT[c.population] + (c.year >= 2015)
    return (identified, weight, c.year)


def strongest_statements(
    option: Option, cited: Mapping[str, Citation], limit: int
) -> tuple[int, ...]:
    """Indices of the ``limit`` statements resting on the strongest articles
    (:func:`citation_rank` of each statement's best citation), in the option's order."""
    if len(option.statements) <= limit:
        return tuple(range(len(option.statements)))

    def rank(i: int) -> tuple[float, ...]:
        found = [citation_rank(cited[k]) for k in option.statements[i].citations if k in cited]
        return (*max(found, default=(0.0,)), -i)

    best = sorted(range(len(option.statements)), key=rank, reverse=True)[:limit]
    return tuple(sorted(best))


def stances_for(option: Option) -> tuple[GuidelineStance, ...]:
    """The guideline stances that speak to this option (:func:`sarcoma_local.guidelines`);
    an option whose site or technique the catalogue does not know gets none."""
    from sarcoma_local._data.evidence_queries import guidelines
    from sarcoma_local._data.queries import find_site, find_technique

    site, technique = find_site(option.site), find_technique(option.technique)
    if site is None or technique is None:
        return ()
    return guidelines(site, technique)


def _finding(direction: Direction) -> str:
    """ "No benefit" for a statement that reports one; "" for a descriptive one."""
    return "" if direction is Direction.DESCRIPTIVE else label(direction).capitalize()


def _stance_text(g: GuidelineStance) -> str:
    edition = ", ".join(x for x in (g.version, str(g.year or "")) if x)
    grade = f" Grade as printed: {g.grade_as_printed}." if g.grade_as_printed else ""
    return f"{g.organisation} ({edition}): {label(g.stance)}. {g.summary}{grade}"


def option_text(
    option: Option,
    labels: Mapping[str, str],
    *,
    cited: Mapping[str, Citation] | None = None,
    stances: Iterable[GuidelineStance] = (),
    technique: Technique | None = None,
) -> OptionText:
    """The reader's view of ``option``; ``labels`` maps citation keys to in-text labels.

    ``cited`` (citations by key) gives each figure its study size and level;
    ``stances`` are the guideline stances that speak to the option; ``technique``
    adds the technique's plain words (what it is) before the option's own, and its
    questions after the option's.
    """
    cited = cited or {}
    reviewed = (
        f"Last reviewed against the literature on {option.reviewed}." if option.reviewed else ""
    )
    years = [cited[k].year for k in option.citation_keys if k in cited]
    if reviewed and years:
        reviewed += f" Newest evidence considered: {max(years)}."
    return OptionText(
        role=role_text(option.role),
        summary=option.summary,
        statements=tuple(
            CitedText(s.text, refs(s.citations, labels), _finding(s.direction))
            for s in option.statements
        ),
        notes=tuple(meaning(f) for f in shown_flags(option.flags)),
        figures=tuple(figure_row(f, labels, cited) for f in option.figures),
        guidelines=tuple(_stance_text(g) for g in stances),
        reviewed=reviewed,
        plain=option.patient.text if option.patient else "",
        questions=(
            *(option.patient.questions if option.patient else ()),
            *(technique.patient.questions if technique and technique.patient else ()),
        ),
        about=technique.patient.text if technique and technique.patient else "",
    )


def reference(c: Citation, labels: Mapping[str, str]) -> Reference:
    """The reference entry of ``c``: the NLM text, study type and population, links, notes."""
    return Reference(
        key=c.key,
        label=labels.get(c.key, c.key),
        text=format_citation(c, "nlm"),
        evidence=f"{label(c.study_type)}; {meaning(c.population)}.",
        summary=c.summary,
        links=citation_links(c),
        notes=tuple(meaning(f) for f in shown_flags(c.flags)),
    )
