"""Outcome charts of one option: its figures side by side, where they can be compared.

Figures are comparable when they share measure, statistic, unit and time point (5-year
overall survival in percent; median overall survival in months). Counts, hazard and
odds ratios and "other" outcomes are left out: their bars would not mean the same
thing. Each bar is one figure, labelled with its study, n and group; an interval is
drawn only where the source printed one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from sarcoma_local._data.evidence import Figure, Measure, Statistic, Unit
from sarcoma_local._data.models import Option
from sarcoma_local._pages.charts import Bar, bar_spec, chart_figure_html
from sarcoma_local._pages.html import esc, link_html, local_ref
from sarcoma_local._render.labels import label

__all__ = ["OutcomeChart", "option_chart_html", "option_chart_specs", "outcome_charts"]

_STATISTICS = {Statistic.PROPORTION, Statistic.RATE, Statistic.MEDIAN_TIME, Statistic.MEAN_TIME}
_UNITS = {Unit.PERCENT, Unit.MONTHS, Unit.YEARS, Unit.DAYS}
_LABEL_LIMIT = 60  # characters of an axis label; the table beside holds the whole group


@attrs.frozen
class OutcomeChart:
    """Two or more comparable figures of one option, and what they measure."""

    title: str
    axis_title: str
    unit: Unit
    figures: tuple[Figure, ...]


def _chartable(f: Figure) -> bool:
    return (
        f.value is not None
        and f.measure is not Measure.OTHER
        and f.statistic in _STATISTICS
        and f.unit in _UNITS
    )


def _what(f: Figure) -> str:
    """``5-year overall survival`` or ``median overall survival``: what the bars show."""
    measure = label(f.measure)
    if f.statistic in (Statistic.MEDIAN_TIME, Statistic.MEAN_TIME):
        return f"{label(f.statistic)} {measure}"
    when = f" at {f.time_point.text}" if f.time_point else ""
    rate = " rate" if f.statistic is Statistic.RATE else ""
    return f"{measure}{rate}{when}"


def outcome_charts(option: Option) -> list[OutcomeChart]:
    """The option's charts: one per group of two or more comparable figures, in data order."""
    groups: dict[tuple[object, ...], list[Figure]] = {}
    for f in option.figures:
        if _chartable(f):
            key = (f.measure, f.statistic, f.unit, f.time_point)
            groups.setdefault(key, []).append(f)
    charts = []
    for figures in groups.values():
        if len(figures) < 2:
            continue
        first = figures[0]
        assert first.unit is not None  # _chartable keeps only figures with a unit
        what = _what(first)
        unit = "percent" if first.unit is Unit.PERCENT else first.unit.value
        charts.append(
            OutcomeChart(
                title=what[:1].upper() + what[1:],
                axis_title=f"{what[:1].upper() + what[1:]}, {unit}",
                unit=first.unit,
                figures=tuple(figures),
            )
        )
    return charts


def _size(f: Figure) -> str:
    return f"n={f.denominator}" if f.denominator else "n not printed"


def _interval(f: Figure) -> tuple[float, float] | tuple[None, None]:
    if f.ci_low is None or f.ci_high is None:
        return None, None
    return f.ci_low, f.ci_high


def _bars(chart: OutcomeChart, labels: Mapping[str, str]) -> list[Bar]:
    bars: list[Bar] = []
    seen: set[str] = set()
    for f in chart.figures:
        text = f"{labels.get(f.citation, f.citation)}, {_size(f)}"
        if f.group:
            text += f": {f.group}"
        if len(text) > _LABEL_LIMIT:
            text = text[: _LABEL_LIMIT - 1].rstrip(" ,;:") + "\u2026"
        while text in seen:  # a chart axis merges equal labels
            text += "*"
        seen.add(text)
        assert f.value is not None  # _chartable keeps only figures with a value
        bars.append(Bar(text, f.value, *_interval(f)))
    return bars


def _numbers_table(chart: OutcomeChart, labels: Mapping[str, str], table_id: str) -> str:
    unit = "%" if chart.unit is Unit.PERCENT else f" {chart.unit.value}"
    rows = []
    for f in chart.figures:
        low, high = _interval(f)
        interval = f"{low:g} to {high:g}" if low is not None and high is not None else ""
        source = link_html(local_ref(f.citation), labels.get(f.citation, f.citation))
        rows.append(
            f'<tr><th scope="row">{source}</th><td>{esc(f.group)}</td>'
            f'<td class="num">{esc(_size(f))}</td><td class="num">{f.value:g}{esc(unit)}</td>'
            f'<td class="num">{esc(interval)}</td></tr>'
        )
    head = "".join(
        f'<th scope="col">{c}</th>'
        for c in ("Study", "Group", "Patients", "Value", "Interval as printed")
    )
    return "\n".join(
        [
            f'<table id="{esc(table_id)}">',
            f"<caption>The numbers of the chart: {esc(chart.title)}</caption>",
            f"<thead><tr>{head}</tr></thead>",
            "<tbody>",
            *rows,
            "</tbody>",
            "</table>",
        ]
    )


def _description(chart: OutcomeChart, bars: Sequence[Bar]) -> str:
    unit = "%" if chart.unit is Unit.PERCENT else f" {chart.unit.value}"
    shown = "; ".join(f"{b.label} {b.value:g}{unit}" for b in bars)
    return (
        f"Horizontal bars of {chart.title[:1].lower() + chart.title[1:]} as each source "
        f"printed it, one bar per figure, a line where an interval was printed: {shown}."
    )


def _spec(chart: OutcomeChart, labels: Mapping[str, str]) -> dict[str, Any]:
    domain = (0.0, 100.0) if chart.unit is Unit.PERCENT else None
    return bar_spec(_bars(chart, labels), axis_title=chart.axis_title, domain=domain)


def option_chart_specs(option: Option, labels: Mapping[str, str]) -> list[dict[str, Any]]:
    """The Vega-Lite spec of each of the option's charts, in page order."""
    return [_spec(chart, labels) for chart in outcome_charts(option)]


def option_chart_html(option: Option, labels: Mapping[str, str], heading_level: int) -> str:
    """The option's charts, each with its numbers table; empty when none can be drawn."""
    charts = outcome_charts(option)
    if not charts:
        return ""
    h = f"h{heading_level}"
    out = [f"<{h}>Figures side by side</{h}>"]
    out.append(
        "<p>Bars put side by side the figures that measure the same thing. The studies "
        "differ in patients and methods, so a longer bar is not a better treatment.</p>"
    )
    for i, chart in enumerate(charts, start=1):
        chart_id = f"chart-{option.technique}-{i}"
        numbers_id = f"{chart_id}-numbers"
        out.append(
            chart_figure_html(
                chart_id=chart_id,
                caption=f"Chart: {chart.title}",
                description=_description(chart, _bars(chart, labels)),
                spec=_spec(chart, labels),
                numbers_id=numbers_id,
            )
        )
        out.append(_numbers_table(chart, labels, numbers_id))
    return "\n".join(out)
