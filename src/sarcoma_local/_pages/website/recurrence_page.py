"""``recurrence.html``: every recurrence table (each count with its denominator and
source) and every pattern-of-spread rule, with one reference list."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sarcoma_local._data.models import PatternRule, RecurrenceRow, RecurrenceTable
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

__all__ = ["recurrence_page"]

_COLUMNS = (
    "Row",
    "Patients with the outcome",
    "Patients counted",
    "Percent as printed",
    "Percent from the counts",
)


def _number(value: float | None, mark: str = "") -> str:
    text = "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
    return text + mark


def _row(r: RecurrenceRow) -> tuple[str, ...]:
    return (
        r.label,
        _number(r.numerator, " (derived)" if r.derived else ""),
        _number(r.denominator),
        _number(r.percent_reported, " (differs)" if r.percent_mismatch else ""),
        _number(r.percent_computed),
    )


def _row_notes(rows: Sequence[RecurrenceRow]) -> list[str]:
    items = []
    for r in rows:
        if r.note or r.flags:
            extra = ([r.note] if r.note else []) + [meaning(f) for f in r.flags]
            items.append(f"{esc(r.label)}: {esc(' '.join(extra))}")
    return [list_html(items)] if items else []


def _table(t: RecurrenceTable, labels: Mapping[str, str]) -> list[str]:
    source = statement_refs_html(refs((t.citation,), labels), local_ref)
    out = [
        f'<h3 id="table-{esc(t.key)}">{esc(t.title)}</h3>',
        f"<p>Patients counted: {esc(t.population)}.</p>",
        f"<p>Measure: {esc(t.measure)}. Source:{source}</p>",
        table_html(t.title, _COLUMNS, [_row(r) for r in t.rows]),
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
        "are both shown; where they differ, neither is corrected.</p>",
        _contents(data),
    ]
    for kind in dict.fromkeys(t.kind for t in data.tables):
        parts = [line for t in data.tables if t.kind is kind for line in _table(t, data.labels)]
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
