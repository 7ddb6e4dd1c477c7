"""``sarcoma-local export``: the catalogue as JSON, citations as CSL-JSON, BibTeX, RIS or
text, retrieval chunks as JSON Lines, outcome figures as a CSV table or FHIR R5 JSON.

Kept light: the exporters are imported only when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from sarcoma_local._cli.output import Add, NoAnswerError, UsageError, write_output

__all__ = ["add_commands"]

_FORMATS = ("catalogue", "csl", "bibtex", "ris", "text", "chunks", "figures", "fhir")
# The same as sarcoma_local._render.labels.AUDIENCES (a test holds them equal); spelled
# out so that registering the command loads no data module.
_AUDIENCES = ("patient", "professional")


def add_commands(add: Add) -> None:
    """Register ``export``."""
    p: Any = add(
        "export",
        _cmd_export,
        "export the catalogue (JSON), citations (CSL-JSON, BibTeX, RIS, text), retrieval "
        "chunks (JSON Lines) or outcome figures (CSV table, FHIR R5 JSON)",
    )
    p.add_argument("format", choices=_FORMATS, help="what to write")
    p.add_argument("--site", help="only citations (or figures) of the options at this site")
    p.add_argument("--technique", help="only citations (or figures) of this technique's options")
    p.add_argument(
        "--style", choices=("nlm", "ama"), default="nlm", help="text style (default nlm)"
    )
    p.add_argument(
        "--audience",
        choices=_AUDIENCES,
        help="chunks only: who the passages are for (default patient; professional adds "
        "study types, populations and flags)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def _render(args: argparse.Namespace) -> tuple[str, object]:
    """The export as text, and the JSON-ready value ``--json`` wraps."""
    from sarcoma_local._data.queries import citations
    from sarcoma_local._exports import bibtex, catalogue, csl, ris
    from sarcoma_local._exports import text as plain

    if args.audience is not None and args.format != "chunks":
        raise UsageError("export: --audience applies to the chunks export only")
    if args.format in ("catalogue", "chunks") and (args.site or args.technique):
        raise UsageError("export: --site and --technique apply to citation exports only")
    if args.format == "catalogue":
        data = catalogue.catalogue_json()
        return catalogue.to_json(data), data
    if args.format in ("figures", "fhir"):
        return _render_figures(args)
    if args.format == "chunks":
        return _chunks(args.audience or "patient")
    found = citations(site=args.site, technique=args.technique)
    if not found:
        raise NoAnswerError("no citation matches these filters; nothing was written")
    if args.format == "csl":
        items = csl.to_csl_json(found)
        return catalogue.to_json(items), items
    if args.format == "bibtex":
        text = bibtex.to_bibtex(found)
    elif args.format == "ris":
        text = ris.to_ris(found)
    else:
        text = plain.to_text(found, style=args.style)
    return text, {"format": args.format, "count": len(found), "text": text}


def _render_figures(args: argparse.Namespace) -> tuple[str, object]:
    from sarcoma_local._data.evidence_queries import evidence
    from sarcoma_local._exports import catalogue, fhir, figures

    items = evidence(args.site, args.technique)
    if not items:
        raise NoAnswerError("no outcome figure matches these filters; nothing was written")
    if args.format == "fhir":
        bundle = fhir.to_fhir(items)
        return catalogue.to_json(bundle), bundle
    rows = figures.figures_table(items)
    return figures.to_csv(rows), rows


def _chunks(audience: str) -> tuple[str, object]:
    """JSON Lines, one chunk a line (UTF-8, no indent), and the list ``--json`` wraps."""
    import json

    from sarcoma_local._answers import chunks

    items = chunks(audience=audience)
    return "".join(json.dumps(c, ensure_ascii=False) + "\n" for c in items), items


def _cmd_export(args: argparse.Namespace) -> object:
    if args.output is not None and not args.output.strip():
        raise UsageError("export: the output path is empty")
    text, value = _render(args)
    if args.output:
        write_output(args.output, text)
        return {"format": args.format, "written": args.output} if args.json else None
    if args.json:
        return value
    sys.stdout.write(text)
    return None
