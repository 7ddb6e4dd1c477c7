"""``sarcoma-local pubmed resolve``: the CLI side of the curator workflow.

The main CLI wires it in::

    pubmed = subparsers.add_parser("pubmed", help="PubMed tools (needs the [pubmed] extra)")
    sarcoma_local.pubmed._cli.configure_parser(pubmed)
    ...
    return sarcoma_local.pubmed._cli.run(args)

This module imports only the standard library at import time; requests and the
rest of the client are imported when the command runs, so ``sarcoma-local --help``
works without the extra installed.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

__all__ = ["configure_parser", "run"]

_HINT = "pip install 'sarcoma-local[pubmed]'"


def configure_parser(parser: argparse.ArgumentParser) -> None:
    """Add the ``resolve`` sub-command (and its options) to the ``pubmed`` parser."""
    commands = parser.add_subparsers(dest="pubmed_command", metavar="COMMAND")
    commands.required = True
    resolve = commands.add_parser(
        "resolve",
        help="propose PMIDs for catalogue citations that lack one (writes a review file)",
        description=(
            "Look up citations without a PMID with NCBI ECitMatch, check each answer's "
            "first author, year and journal with ESummary, and write a JSON review file. "
            "The catalogue is never edited. The API key is read from $NCBI_API_KEY "
            "(never from the command line, where other users could see it)."
        ),
    )
    resolve.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("pubmed-resolve-review.json"),
        help="review file to write (default: %(default)s)",
    )
    resolve.add_argument("--site", help="only citations used at this site (e.g. liver)")
    resolve.add_argument(
        "--email",
        default=os.environ.get("NCBI_EMAIL"),
        help="contact address NCBI asks for (default: $NCBI_EMAIL)",
    )
    resolve.add_argument(
        "--base-url", default=None, help="E-utilities root (a mirror or a test server)"
    )
    cache = resolve.add_mutually_exclusive_group()
    cache.add_argument("--cache", type=Path, help="record cache file (default: user cache dir)")
    cache.add_argument("--no-cache", action="store_true", help="do not cache answers")
    resolve.add_argument(
        "--offline", action="store_true", help="answer from the cache only, no network"
    )


def run(args: argparse.Namespace) -> int:
    """Run the parsed ``pubmed`` command; return the process exit code."""
    if getattr(args, "pubmed_command", None) != "resolve":
        print("sarcoma-local pubmed: choose a command (resolve)", file=sys.stderr)
        return 2
    try:
        from ._client import DEFAULT_BASE_URL, PubMedClient
        from ._resolve import resolve_citations
    except ImportError as exc:
        print(
            f"sarcoma-local pubmed needs the optional dependencies: {_HINT} ({exc})",
            file=sys.stderr,
        )
        return 2
    import sarcoma_local
    from sarcoma_local._errors import PubMedError, SarcomaLocalError

    try:
        citations = (
            sarcoma_local.citations(site=args.site) if args.site else sarcoma_local.citations()
        )
    except SarcomaLocalError as exc:
        print(f"sarcoma-local pubmed resolve: {exc}", file=sys.stderr)
        return 2
    cache: bool | Path = False if args.no_cache else (args.cache or True)
    try:
        with PubMedClient(
            email=args.email,
            api_key=os.environ.get("NCBI_API_KEY") or None,
            base_url=args.base_url or DEFAULT_BASE_URL,
            cache=cache,
            offline=args.offline,
        ) as client:
            report = resolve_citations(client, citations)
    except PubMedError as exc:
        print(f"sarcoma-local pubmed resolve: {exc}", file=sys.stderr)
        return 1
    path = report.write(args.output)
    counts = ", ".join(f"{n} {status}" for status, n in report.counts.items())
    print(
        f"wrote {path}: {len(report.proposals)} citation(s) without a PMID ({counts}); "
        f"{report.skipped} already had one. Nothing in the catalogue was changed."
    )
    return 0
