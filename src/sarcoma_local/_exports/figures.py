"""A tidy table of outcome figures: one row per figure, with its option, citation and level.

>>> rows = figures_table()
>>> list(rows[0])[:4]
['site', 'technique', 'statement', 'direction']
>>> to_csv(rows[:1]).splitlines()[0].split(",")[:3]
['site', 'technique', 'statement']
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sarcoma_local._data.evidence_queries import EvidenceItem, evidence
from sarcoma_local._render.citations import format_citation
from sarcoma_local._render.labels import label

if TYPE_CHECKING:
    import pandas

__all__ = ["COLUMNS", "figure_row", "figures_table", "to_csv", "to_dataframe"]

#: The columns of every row, in order.
COLUMNS = (
    "site",
    "technique",
    "statement",
    "direction",
    "measure",
    "statistic",
    "value",
    "unit",
    "time_point",
    "numerator",
    "denominator",
    "percent_computed",
    "ci_low",
    "ci_high",
    "group",
    "grade",
    "flags",
    "citation",
    "citation_label",
    "year",
    "study_type",
    "population",
    "level",
    "patients",
    "lesions",
    "lms_patients",
    "centres",
    "median_follow_up_months",
    "verified_at",
)


def figure_row(item: EvidenceItem) -> dict[str, Any]:
    """One figure as a flat row of plain values (None where nothing was printed)."""
    f, c = item.figure, item.citation
    d = c.descriptors
    return {
        "site": item.option.site,
        "technique": item.option.technique,
        "statement": item.option.statements.index(item.statement),
        "direction": item.statement.direction.value,
        "measure": f.measure.value,
        "statistic": f.statistic.value,
        "value": f.value,
        "unit": f.unit.value if f.unit else None,
        "time_point": f.time_point.text if f.time_point else None,
        "numerator": f.numerator,
        "denominator": f.denominator,
        "percent_computed": f.percent_computed,
        "ci_low": f.ci_low,
        "ci_high": f.ci_high,
        "group": f.group,
        "grade": f.grade,
        "flags": " ".join(f.flags),
        "citation": c.key,
        "citation_label": format_citation(c, "label"),
        "year": c.year,
        "study_type": c.study_type.value,
        "population": c.population.value,
        "level": item.level,
        "patients": d.patients if d else None,
        "lesions": d.lesions if d else None,
        "lms_patients": d.lms_patients if d else None,
        "centres": label(d.centres) if d else None,
        "median_follow_up_months": d.median_follow_up_months if d else None,
        "verified_at": f.verified_at,
    }


def figures_table(items: Iterable[EvidenceItem] | None = None) -> list[dict[str, Any]]:
    """Rows for ``items`` (by default every figure in the catalogue), columns as :data:`COLUMNS`.

    Filter first with :func:`sarcoma_local.evidence`:
    ``figures_table(sl.evidence(site="lung", min_patients=30))``.
    """
    return [figure_row(item) for item in (evidence() if items is None else items)]


def to_csv(rows: Sequence[dict[str, Any]] | None = None) -> str:
    """The rows as CSV text with a header line (empty cells where nothing was printed)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(figures_table() if rows is None else rows)
    return out.getvalue()


def to_dataframe(rows: Sequence[dict[str, Any]] | None = None) -> pandas.DataFrame:
    """The rows as a pandas DataFrame; needs pandas (``pip install pandas``)."""
    try:
        import pandas
    except ImportError as exc:  # pandas is optional: say how to get it
        raise ImportError("to_dataframe needs pandas: pip install pandas") from exc
    return pandas.DataFrame(figures_table() if rows is None else list(rows), columns=COLUMNS)
