"""Evidence commands: ``recurrence`` (tables, rates by primary site) and ``pattern``."""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sarcoma_local._cli.output import Add, NoAnswerError, UsageError, disclaimer_line, wrap
from sarcoma_local._core.errors import echo

if TYPE_CHECKING:
    from sarcoma_local._data.models import Finding, RecurrenceTable

__all__ = ["add_commands"]

_LABEL = 37  # the row-label column; longer labels wrap onto further lines


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _table_lines(table: RecurrenceTable) -> list[str]:
    from sarcoma_local._data.queries import citation
    from sarcoma_local._render.citations import format_citation

    out = [table.title, wrap(f"Population: {table.population}"), f"Measure: {table.measure}"]
    out.append(f"{'':<{_LABEL + 1}}{'n':>6}{'of':>7}{'printed %':>11}{'counts %':>10}")
    for r in table.rows:
        mark = " *" if r.percent_mismatch else ""
        derived = " (derived)" if r.derived else ""
        label = textwrap.wrap(r.label, _LABEL, break_on_hyphens=False) or [""]
        out.append(
            f"{label[0]:<{_LABEL + 1}}{_cell(r.numerator):>6}{_cell(r.denominator):>7}"
            f"{_cell(r.percent_reported):>11}{_cell(r.percent_computed):>10}{mark}{derived}"
        )
        out.extend(f"  {more}" for more in label[1:])
    if any(r.percent_mismatch for r in table.rows):
        out.append("* the printed percent is not what the counts give; both are kept.")
    if table.notes:
        out.append(wrap(table.notes))
    out.append(wrap(f"Source: {format_citation(citation(table.citation), 'nlm')}", "", "  "))
    return out


def _counts(numerator: int | None, denominator: int | None) -> str:
    """``65/211``; a count the source did not print shows as ``-``."""
    if numerator is None and denominator is None:
        return "-"
    return f"{_cell(numerator) or '-'}/{_cell(denominator) or '-'}"


def _finding_lines(findings: Sequence[Finding]) -> list[str]:
    from sarcoma_local._render.citations import format_citation

    out = []
    for f in findings:
        r = f.row
        printed = "" if r.percent_reported is None else f", printed {r.percent_reported}%"
        out.append(
            wrap(
                f"{f.table.title}: {r.label}: {_counts(r.numerator, r.denominator)}{printed} "
                f"[{f.table.measure}; {format_citation(f.citation, 'label')}]",
                "",
                "  ",
            )
        )
    return out


def _cmd_recurrence(args: argparse.Namespace) -> object:
    from sarcoma_local._data.queries import recurrence_rate, recurrence_table, recurrence_tables
    from sarcoma_local._render.records import finding_json, table_json

    given = [n for n, v in (("TABLE", args.table), ("--kind", args.kind)) if v]
    if args.primary_site and given:
        raise UsageError(f"recurrence: --primary-site cannot be combined with {given[0]}")
    if args.table and args.kind:
        raise UsageError("recurrence: give a TABLE or --kind, not both")
    if args.primary_site:
        findings = recurrence_rate(args.primary_site)
        if not findings:
            raise NoAnswerError(f"no recurrence figures for primary site {echo(args.primary_site)}")
        if args.json:
            return [finding_json(f) for f in findings]
        print("\n".join([*_finding_lines(findings), "", disclaimer_line()]))
        return None
    if args.table:
        table = recurrence_table(args.table)
        if args.json:
            return table_json(table)
        print("\n".join([*_table_lines(table), "", disclaimer_line()]))
        return None
    tables = recurrence_tables(kind=args.kind)
    if not tables:
        raise NoAnswerError("no recurrence table of this kind")
    if args.json:
        return [table_json(t) for t in tables]
    lines = [f"{t.key:<44} {t.kind.value:<28} {t.title}" for t in tables]
    print("\n".join([*lines, "", disclaimer_line()]))
    return None


def _cmd_pattern(args: argparse.Namespace) -> object:
    from sarcoma_local._data.queries import metastatic_pattern, nodal_spread
    from sarcoma_local._render.citations import format_citation
    from sarcoma_local._render.records import finding_json

    report = (nodal_spread if args.nodal else metastatic_pattern)(args.histology)
    if not report.rules and not report.findings:
        raise NoAnswerError(f"the catalogue has nothing on {report.name} yet")
    if args.json:
        return {
            "histology": report.key,
            "rules": report.rules,
            "findings": [finding_json(f) for f in report.findings],
        }
    out = [report.name]
    for rule in report.rules:
        labels = "; ".join(format_citation(k, "label") for k in rule.citations)
        out.append(wrap(f"- {rule.applies_to}: {rule.pattern} ({labels})", "", "  "))
        if rule.note:
            out.append(wrap(f"note: {rule.note}", "    "))
    out += [*_finding_lines(report.findings), "", disclaimer_line()]
    print("\n".join(out))
    return None


def add_commands(add: Add) -> None:
    """Register ``recurrence`` and ``pattern``."""
    p: Any = add("recurrence", _cmd_recurrence, "list recurrence tables or show one")
    p.add_argument("table", nargs="?", help="table key or title")
    p.add_argument(
        "--primary-site", help="recurrence rate by site of the primary tumour (no TABLE)"
    )
    p.add_argument("--kind", help="only tables of this kind")
    p = add("pattern", _cmd_pattern, "metastatic (or nodal) spread of a histology")
    p.add_argument("histology", help='e.g. "myxoid liposarcoma", LMS')
    p.add_argument("--nodal", action="store_true", help="lymph-node spread instead")
