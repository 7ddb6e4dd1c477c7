"""About the catalogue: ``info``, ``validate`` and ``coverage``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sarcoma_local._cli.output import Add, OutputError, disclaimer_line, write_output
from sarcoma_local._core.version import __version__

__all__ = ["add_commands", "coverage_data"]


def _cmd_info(args: argparse.Namespace) -> object:
    from sarcoma_local._data.queries import data_info

    info = data_info()
    if args.json:
        return {"version": __version__, **info}
    print(f"sarcoma_local {__version__}, data {info['data_version']}")
    for name, count in info["counts"].items():
        print(f"  {name:<12} {count}")
    print(disclaimer_line())
    return None


def _cmd_validate(args: argparse.Namespace) -> object:
    from sarcoma_local._core.errors import DataIntegrityError
    from sarcoma_local._data.validate import validate

    problems = validate()
    if problems:
        if not args.json:
            print("\n".join(str(p) for p in problems))
        raise DataIntegrityError([str(p) for p in problems])
    if args.json:
        return {"ok": True, "problems": []}
    print("catalogue OK")
    return None


def coverage_data() -> dict[str, Any]:
    """The coverage table as data: every site x technique option with its role and
    number of citations, and per site the options and distinct citations."""
    from sarcoma_local._data.progress import progress
    from sarcoma_local._data.queries import options, sites, techniques

    cells = [
        {
            "site": o.site,
            "technique": o.technique,
            "role": o.role.value,
            "citations": len(o.citation_keys),
        }
        for o in options()
    ]
    used = {c["technique"] for c in cells}
    per_site = {
        s.key: {
            "options": len(found := options(s)),
            "distinct_citations": len({k for o in found for k in o.citation_keys}),
        }
        for s in sites()
    }
    return {
        "sites": [s.key for s in sites()],
        "techniques": [t.key for t in techniques() if t.key in used],
        "techniques_without_option": [t.key for t in techniques() if t.key not in used],
        "options": cells,
        "per_site": per_site,
        "progress": progress(),
    }


def _cmd_coverage(args: argparse.Namespace) -> object:
    if args.json:
        return coverage_data()
    from sarcoma_local._pages.coverage import render_coverage, update_coverage_text

    if args.update is None:
        sys.stdout.write(render_coverage())
        return None
    try:
        old = Path(args.update).read_text(encoding="utf-8")
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise OutputError(f"coverage --update: cannot read {args.update}: {reason}") from exc
    write_output(args.update, update_coverage_text(old))
    print(f"updated {args.update}")
    return None


def add_commands(add: Add) -> None:
    """Register ``info``, ``validate`` and ``coverage``."""
    add("info", _cmd_info, "code and data versions, record counts and the disclaimer")
    add("validate", _cmd_validate, "run every data check over the shipped catalogue")
    p = add(
        "coverage", _cmd_coverage, "the sites x techniques coverage table (Markdown; --json: data)"
    )
    p.add_argument(
        "--update",
        metavar="FILE",
        help="rewrite the generated part of FILE (docs/coverage.md), keeping its hand-written end",
    )
