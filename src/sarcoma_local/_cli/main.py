"""The ``sarcoma-local`` command line (also ``python -m sarcoma_local``).

Every command prints readable text, or JSON with ``--json``; JSON output always
carries the data version and the disclaimer. Exit status: 0 on success, 1 when
the catalogue has no answer (unknown key, failed validation), 2 on bad usage.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from sarcoma_local._core.errors import SarcomaLocalError, UnknownValueError
from sarcoma_local._core.version import DATA_VERSION, DISCLAIMER, __version__

if TYPE_CHECKING:
    from sarcoma_local._data.models import Citation, Finding, Option, PatternReport, RecurrenceTable

__all__ = ["main"]

_WIDTH = 88

#: Modules that contribute command groups: each defines
#: ``add_commands(add)``, where ``add(name, func, help)`` returns the new
#: subparser and ``func(args)`` prints text, or returns an object for ``--json``.
#: They must import heavy dependencies inside ``func`` only.
_COMMAND_MODULES = ("exports", "pages", "chat")


def _wrap(text: str, indent: str = "", hang: str = "") -> str:
    return textwrap.fill(
        text,
        width=_WIDTH,
        initial_indent=indent,
        subsequent_indent=indent + hang,
        break_on_hyphens=False,
    )


def _emit_json(result: object) -> None:
    from sarcoma_local._core.convert import to_builtins

    envelope = {
        "data_version": DATA_VERSION,
        "disclaimer": DISCLAIMER,
        "result": to_builtins(result),
    }
    json.dump(envelope, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _citation_line(c: Citation) -> str:
    line = f"[{c.key}] {c.short()}. {c.title}"
    if c.pmid:
        line += f" PMID {c.pmid}."
    elif "pmid-unverified" in c.flags:
        line += " (PMID not verified)"
    return line


def _option_block(option: Option, out: list[str]) -> None:
    from sarcoma_local._data.queries import citation, technique

    tech = technique(option.technique)
    out.append(f"  {tech.name} [{option.role.value}]")
    out.append(_wrap(option.summary, "    "))
    for statement in option.statements:
        refs = ", ".join(statement.citations)
        out.append(_wrap(f"- {statement.text} ({refs})", "    ", "  "))
    for key in option.citation_keys:
        out.append(_wrap(_citation_line(citation(key)), "      "))


def _cmd_sites(args: argparse.Namespace) -> object:
    from sarcoma_local._data.queries import sites

    found = sites()
    if args.json:
        return found
    for s in found:
        parts = f" (= {' + '.join(s.parts)})" if s.parts else ""
        print(f"{s.key:<22} {s.name}{parts}")
    return None


def _cmd_show(args: argparse.Namespace) -> object:
    from sarcoma_local._data.queries import options, site

    s = site(args.name)
    found = options(s.key, technique=args.technique)
    if args.json:
        return {"site": s, "options": found}
    out = [s.name, "=" * len(s.name)]
    if s.description:
        out.append(_wrap(s.description))
    out.append("")
    out.append("Local-treatment options (surgery first):")
    for option in found:
        _option_block(option, out)
        out.append("")
    out.append(_wrap(f"Data version {DATA_VERSION}. {DISCLAIMER}"))
    print("\n".join(out))
    return None


def _cmd_techniques(args: argparse.Namespace) -> object:
    from sarcoma_local._data.queries import techniques

    found = techniques(site=args.site, category=args.category)
    if args.json:
        return found
    for t in found:
        print(f"{t.key:<34} {t.category.value:<13} {t.name}")
    return None


def _cmd_technique(args: argparse.Namespace) -> object:
    from sarcoma_local._data.queries import options, technique

    t = technique(args.name)
    found = options(technique=t.key)
    if args.json:
        return {"technique": t, "options": found}
    out = [f"{t.name} ({t.category.value})", _wrap(t.summary), "", "Used at:"]
    out.extend(f"  {o.site} [{o.role.value}]" for o in found)
    print("\n".join(out))
    return None


def _cmd_citation(args: argparse.Namespace) -> object:
    from sarcoma_local._data.queries import citation

    c = citation(args.key, pmid=args.pmid, doi=args.doi)
    if args.json:
        return c
    out = [_citation_line(c)]
    if c.authors:
        names = ", ".join(str(a) for a in c.authors) + (", et al." if c.et_al else "")
        out.append(_wrap(f"Authors: {names}"))
    out.append(f"Study: {c.study_type.value}; population: {c.population.value}")
    for link in (c.pubmed_url, c.doi_url, c.url):
        if link:
            out.append(f"Link: {link}")
    if c.summary:
        out.append(_wrap(c.summary))
    for p in c.provenance:
        out.append(f"Listed by: {p.source.value} {p.label}")
    for e in c.evidence:
        out.append(f"Verified {e.field}: {e.kind.value} at {e.where}")
    for note in c.editorial_notes:
        out.append(_wrap(f"Compiler's note: {note.text}"))
    if c.flags:
        out.append(f"Flags: {', '.join(c.flags)}")
    print("\n".join(out))
    return None


def _cmd_citations(args: argparse.Namespace) -> object:
    from sarcoma_local._data.queries import citations

    found = citations(site=args.site, technique=args.technique)
    if args.json:
        return found
    for c in found:
        print(_wrap(_citation_line(c)))
    return None


def _cmd_search(args: argparse.Namespace) -> object:
    from sarcoma_local._data.queries import search

    hits = search(" ".join(args.query), kinds=args.kind or None, limit=args.limit)
    if args.json:
        return [{"kind": h.kind, "key": h.key, "label": h.label, "score": h.score} for h in hits]
    if not hits:
        print("no matches")
    for h in hits:
        print(f"{h.score:7.2f}  {h.kind:<9} {h.key:<40} {h.label}")
    return None


def _print_table(table: RecurrenceTable) -> None:
    from sarcoma_local._data.queries import citation

    c = citation(table.citation)
    out = [table.title, _wrap(f"Population: {table.population}"), f"Measure: {table.measure}"]
    out.append(f"{'':<38}{'n':>6}{'of':>7}{'printed %':>11}{'counts %':>10}")
    for r in table.rows:

        def cell(v: object) -> str:
            return "" if v is None else str(v)

        mark = " *" if r.percent_mismatch else ""
        derived = " (derived)" if r.derived else ""
        out.append(
            f"{r.label[:37]:<38}{cell(r.numerator):>6}{cell(r.denominator):>7}"
            f"{cell(r.percent_reported):>11}{cell(r.percent_computed):>10}{mark}{derived}"
        )
    if any(r.percent_mismatch for r in table.rows):
        out.append("* the printed percent is not what the counts give; both are kept.")
    if table.notes:
        out.append(_wrap(table.notes))
    out.append(f"Source: {_citation_line(c)}")
    print("\n".join(out))


def _print_findings(findings: Sequence[Finding]) -> None:
    for f in findings:
        r = f.row
        counts = f"{r.numerator}/{r.denominator}" if r.denominator else "-"
        printed = "" if r.percent_reported is None else f" printed {r.percent_reported}%"
        print(
            _wrap(
                f"{f.table.title}: {r.label}: {counts}{printed} "
                f"[{f.table.measure}; {f.citation.short()}]"
            )
        )


def _cmd_recurrence(args: argparse.Namespace) -> object:
    from sarcoma_local._data.queries import recurrence_rate, recurrence_table, recurrence_tables

    if args.primary_site:
        findings = recurrence_rate(args.primary_site)
        if args.json:
            return [_finding_json(f) for f in findings]
        _print_findings(findings)
        return None
    if args.table:
        table = recurrence_table(args.table)
        if args.json:
            return table
        _print_table(table)
        return None
    tables = recurrence_tables(kind=args.kind)
    if args.json:
        return tables
    for t in tables:
        print(f"{t.key:<44} {t.kind.value:<28} {t.title}")
    return None


def _finding_json(f: Finding) -> dict[str, Any]:
    return {
        "table": f.table.key,
        "label": f.row.label,
        "numerator": f.numerator,
        "denominator": f.denominator,
        "percent_reported": f.percent_reported,
        "percent_computed": f.percent_computed,
        "percent_mismatch": f.row.percent_mismatch,
        "measure": f.table.measure,
        "population": f.table.population,
        "citation": f.citation.key,
    }


def _cmd_pattern(args: argparse.Namespace) -> object:
    from sarcoma_local._data.queries import metastatic_pattern, nodal_spread

    report: PatternReport = (nodal_spread if args.nodal else metastatic_pattern)(args.histology)
    if args.json:
        return {
            "histology": report.key,
            "rules": report.rules,
            "findings": [_finding_json(f) for f in report.findings],
        }
    print(report.name)
    for rule in report.rules:
        print(_wrap(f"- {rule.applies_to}: {rule.pattern} ({', '.join(rule.citations)})", ""))
        if rule.note:
            print(_wrap(f"note: {rule.note}", "    "))
    _print_findings(report.findings)
    if not report.rules and not report.findings:
        print("the catalogue has nothing on this histology yet")
    return None


def _cmd_info(args: argparse.Namespace) -> object:
    from sarcoma_local._data.queries import data_info

    info = data_info()
    if args.json:
        return {"version": __version__, **info}
    print(f"sarcoma_local {__version__}, data {info['data_version']}")
    for name, count in info["counts"].items():
        print(f"  {name:<12} {count}")
    print(_wrap(DISCLAIMER))
    return None


def _cmd_validate(args: argparse.Namespace) -> object:
    from sarcoma_local._data.validate import validate

    problems = validate()
    if args.json:
        return {"ok": not problems, "problems": problems}
    for p in problems:
        print(p)
    print("catalogue OK" if not problems else f"{len(problems)} problem(s)")
    if problems:
        raise SystemExit(1)
    return None


def _cmd_coverage(args: argparse.Namespace) -> object:
    from sarcoma_local._pages.coverage import render_coverage

    text = render_coverage()
    if args.json:
        return {"markdown": text}
    sys.stdout.write(text)
    return None


def _build_parser() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser = argparse.ArgumentParser(
        prog="sarcoma-local",
        description="Local treatment of metastatic soft-tissue sarcoma: sites, techniques, "
        "citations, recurrence tables. Not medical advice.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], object], help_: str) -> Any:
        p = sub.add_parser(name, parents=[common], help=help_, description=help_)
        p.set_defaults(func=func)
        return p

    add("sites", _cmd_sites, "list metastatic sites")
    p = add("show", _cmd_show, "a site's local-treatment options with their citations")
    p.add_argument("name", help="site key, name or alias, e.g. liver, pulmonary")
    p.add_argument("--technique", help="only this technique")
    p = add("techniques", _cmd_techniques, "list techniques, surgery first")
    p.add_argument("--site", help="only techniques used at this site")
    p.add_argument("--category", help="surgery, ablation, embolisation, ...")
    p = add("technique", _cmd_technique, "one technique and where it is used")
    p.add_argument("name", help="technique key, name or alias, e.g. RFA")
    p = add("citation", _cmd_citation, "look up one citation by key, PMID or DOI")
    p.add_argument("key", nargs="?", help="stable citation key, e.g. potter-1985-353")
    p.add_argument("--pmid", help="PubMed identifier")
    p.add_argument("--doi", help="DOI")
    p = add("citations", _cmd_citations, "list citations, optionally for a site/technique")
    p.add_argument("--site")
    p.add_argument("--technique")
    p = add("search", _cmd_search, "ranked free-text search over everything")
    p.add_argument("query", nargs="+")
    p.add_argument("--kind", action="append", help="site, technique, option, citation, ...")
    p.add_argument("--limit", type=int, default=10)
    p = add("recurrence", _cmd_recurrence, "list recurrence tables or show one")
    p.add_argument("table", nargs="?", help="table key or title")
    p.add_argument("--primary-site", help="recurrence rate by site of the primary tumour")
    p.add_argument("--kind", help="only tables of this kind")
    p = add("pattern", _cmd_pattern, "metastatic (or nodal) spread of a histology")
    p.add_argument("histology", help='e.g. "myxoid liposarcoma", LMS')
    p.add_argument("--nodal", action="store_true", help="lymph-node spread instead")
    add("info", _cmd_info, "versions, record counts and the disclaimer")
    add("validate", _cmd_validate, "run every data check over the shipped catalogue")
    add("coverage", _cmd_coverage, "the sites x techniques coverage table (Markdown)")
    for module in _COMMAND_MODULES:
        if importlib.util.find_spec(f"{__package__}.{module}") is not None:
            importlib.import_module(f".{module}", __package__).add_commands(add)
    pubmed = sub.add_parser(
        "pubmed",
        help="PubMed tools for curators (needs the [pubmed] extra)",
        description="PubMed tools for curators (needs: pip install 'sarcoma-local[pubmed]').",
    )
    return parser, pubmed


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser, pubmed = _build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["pubmed"]:
        return _run_pubmed(pubmed, argv[1:])
    args = parser.parse_args(argv)
    try:
        return _run(parser, args)
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as Unix tools do.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    try:
        if args.command == "search" and args.limit < 0:
            parser.error("--limit must be zero or more")
        result = args.func(args)
        if args.json:
            _emit_json(result)
    except UnknownValueError as exc:  # an option value outside its vocabulary: usage
        print(f"sarcoma-local: {exc}", file=sys.stderr)
        return 2
    except SarcomaLocalError as exc:
        print(f"sarcoma-local: {exc}", file=sys.stderr)
        return 1
    except ValueError as exc:  # e.g. an unknown --category or --kind value
        print(f"sarcoma-local: {exc}", file=sys.stderr)
        return 2
    return 0


def _run_pubmed(parser: argparse.ArgumentParser, argv: list[str]) -> int:
    try:
        from sarcoma_local.pubmed import _cli as pubmed_cli
    except ImportError as exc:
        print(f"sarcoma-local: {exc}", file=sys.stderr)
        return 2
    pubmed_cli.configure_parser(parser)
    args = parser.parse_args(argv)
    try:
        return pubmed_cli.run(args)
    except SarcomaLocalError as exc:
        print(f"sarcoma-local: {exc}", file=sys.stderr)
        return 1
