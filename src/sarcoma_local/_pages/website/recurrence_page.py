"""``recurrence.html``: every recurrence table (each count with its denominator and
source) and every pattern-of-spread rule, with one reference list."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from sarcoma_local._data.models import PatternRule, RecurrenceRow, RecurrenceTable
from sarcoma_local._data.stats import wilson_interval
from sarcoma_local._pages.charts import CHARTS_INSTALL, Bar, bar_spec, chart_figure_html
from sarcoma_local._pages.document import refs
from sarcoma_local._pages.html import (
    disclaimer_html,
    esc,
    link_html,
    list_html,
    local_ref,
    note_html,
    references_section,
    section_html,
    statement_refs_html,
    table_html,
)
from sarcoma_local._pages.website.layout import RECURRENCE, Page, SiteData, frame
from sarcoma_local._render.labels import label, meaning

__all__ = ["recurrence_bars", "recurrence_chart_spec", "recurrence_page"]

_COLUMNS = (
    "Row",
    "Patients with the outcome",
    "Patients counted",
    "Percent as printed",
    "Percent from the counts",
    "95% interval (Wilson), percent",
)


def _number(value: float | None, mark: str = "") -> str:
    text = "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
    return text + mark


def _interval(r: RecurrenceRow) -> tuple[float, float] | None:
    """The 95% Wilson interval of the row's counts, in percent, one decimal; None without."""
    if r.numerator is None or not r.denominator or not 0 <= r.numerator <= r.denominator:
        return None
    low, high = wilson_interval(r.numerator, r.denominator)
    return round(100 * low, 1), round(100 * high, 1)


def _row(r: RecurrenceRow) -> tuple[str, ...]:
    interval = _interval(r)
    return (
        r.label,
        _number(r.numerator, " (derived)" if r.derived else ""),
        _number(r.denominator),
        _number(r.percent_reported, " (differs)" if r.percent_mismatch else ""),
        _number(r.percent_computed),
        f"{interval[0]:g} to {interval[1]:g}" if interval else "",
    )


def recurrence_bars(t: RecurrenceTable) -> list[Bar]:
    """One bar per row with a percent: from the counts, with its 95% Wilson interval;
    a row with no counts shows the percent the paper printed, without an interval."""
    bars: list[Bar] = []
    seen: set[str] = set()
    for r in t.rows:
        interval = _interval(r)
        if interval is not None and r.percent_computed is not None:
            name = f"{r.label} (n={r.denominator})"
            bar = Bar(name, r.percent_computed, *interval)
        elif r.percent_reported is not None:
            size = f"n={r.denominator}, " if r.denominator else ""
            name = f"{r.label} ({size}percent as printed)"
            bar = Bar(name, r.percent_reported)
        else:
            continue
        while bar.label in seen:  # a chart axis merges equal labels
            bar = attrs.evolve(bar, label=bar.label + "*")
        seen.add(bar.label)
        bars.append(bar)
    return bars


def _bar_text(b: Bar) -> str:
    interval = f" ({b.low:g} to {b.high:g})" if b.low is not None and b.high is not None else ""
    return f"{b.label} {b.value:g}%{interval}"


def _axis_title(bars: Sequence[Bar]) -> str:
    counted = any(b.low is not None for b in bars)
    printed = any(b.low is None for b in bars)
    axis = "Percent from the counts, with 95% Wilson interval" if counted else "Percent"
    if counted and printed:
        axis += " (as printed where no counts)"
    elif printed:
        axis += " as printed (no counts, so no interval)"
    return axis


def recurrence_chart_spec(t: RecurrenceTable) -> dict[str, Any] | None:
    """The Vega-Lite spec of the table's chart; None when no row has a percent."""
    bars = recurrence_bars(t)
    return bar_spec(bars, axis_title=_axis_title(bars), domain=(0, 100)) if bars else None


def _chart(t: RecurrenceTable) -> list[str]:
    bars = recurrence_bars(t)
    spec = recurrence_chart_spec(t)
    if spec is None:
        return []
    counted = any(b.low is not None for b in bars)
    what = (
        "the percent of patients from the counts, each with its 95% Wilson interval as a line"
        if counted
        else "the percent of patients the paper printed"
    )
    return [
        chart_figure_html(
            chart_id=f"chart-{t.key}",
            caption=f"Chart: {t.title}",
            description=f"Horizontal bars of {what}: {'; '.join(map(_bar_text, bars))}.",
            spec=spec,
            numbers_id=f"numbers-{t.key}",
        )
    ]


def _row_notes(rows: Sequence[RecurrenceRow]) -> list[str]:
    items = []
    for r in rows:
        if r.note or r.flags:
            extra = ([r.note] if r.note else []) + [meaning(f) for f in r.flags]
            items.append(f"{esc(r.label)}: {esc(' '.join(extra))}")
    return [list_html(items)] if items else []


def _table(t: RecurrenceTable, labels: Mapping[str, str], charts: bool) -> list[str]:
    source = statement_refs_html(refs((t.citation,), labels), local_ref)
    out = [
        f'<h3 id="table-{esc(t.key)}">{esc(t.title)}</h3>',
        f"<p>Patients counted: {esc(t.population)}.</p>",
        f"<p>Measure: {esc(t.measure)}. Source:{source}</p>",
        *(_chart(t) if charts else []),
        table_html(t.title, _COLUMNS, [_row(r) for r in t.rows], table_id=f"numbers-{t.key}"),
        *_row_notes(t.rows),
    ]
    if t.notes:
        out.append(f"<p>{esc(t.notes)}</p>")
    out += [note_html(meaning(f)) for f in t.flags]
    return out


def _rule(r: PatternRule, labels: Mapping[str, str]) -> list[str]:
    cited = statement_refs_html(refs(r.citations, labels), local_ref)
    out = [
        f'<h3 id="rule-{esc(r.key)}">{esc(r.applies_to)}</h3>',
        f"<p>{esc(r.pattern)}{cited}</p>",
    ]
    if r.note:
        out.append(f"<p>{esc(r.note)}</p>")
    out += [note_html(meaning(f)) for f in r.flags]
    return out


def _charts_note(charts: bool) -> str:
    if charts:
        return (
            "<p>Each table has a bar chart above it: one bar per row, the percent from "
            "the counts, with its 95% interval drawn as a line.</p>"
        )
    return (
        '<p class="meta">This build leaves the charts out (they need the optional '
        f"chart renderer: {esc(CHARTS_INSTALL)}); the tables hold every number.</p>"
    )


def _contents(data: SiteData) -> str:
    items = [link_html(f"#table-{t.key}", t.title) for t in data.tables]
    if data.rules:
        items.append('<a href="#rules">Patterns of spread</a>')
    return '<nav aria-label="Tables on this page">' + list_html(items) + "</nav>"


def recurrence_page(data: SiteData) -> Page:
    """``recurrence.html``: the tables by kind, then the rules, then the references."""
    body = [
        "<h1>Recurrence and metastatic patterns of soft-tissue sarcoma</h1>",
        disclaimer_html(),
        "<p>Each table comes from one paper and keeps every count with its "
        "denominator. The percent the paper printed and the percent the counts give "
        "are both shown; where they differ, neither is corrected. The 95% interval "
        "(Wilson score interval) is worked out here from the counts: the range of "
        "percents the counts are consistent with.</p>",
        _charts_note(data.charts),
        _contents(data),
    ]
    for kind in dict.fromkeys(t.kind for t in data.tables):
        parts = [
            line
            for t in data.tables
            if t.kind is kind
            for line in _table(t, data.labels, data.charts)
        ]
        body.append(section_html(f"kind-{kind.value}", label(kind), parts))
    if data.rules:
        parts = [line for r in data.rules for line in _rule(r, data.labels)]
        body.append(section_html("rules", "Patterns of spread", parts))
    keys = [t.citation for t in data.tables] + [k for r in data.rules for k in r.citations]
    body.append(references_section(data.references(keys)))
    return frame(
        RECURRENCE,
        "Recurrence and metastatic patterns of soft-tissue sarcoma: tables and sources",
        f"{len(data.tables)} tables of recurrence, metastatic and lymph-node spread "
        "patterns in soft-tissue sarcoma, each count with its denominator and source.",
        body,
    )
