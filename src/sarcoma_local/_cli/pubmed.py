"""``sarcoma-local pubmed resolve``: the command-line side of the curator workflow.

Imports only the standard library at start-up; the PubMed client (requests and
the rest of the ``[pubmed]`` extra) is imported when the command runs, so the
command line works without the extra and says how to install it when needed.
Exit codes as every other command: an unknown ``--site`` is 1, PubMed failing to
answer is 1, a missing extra or an unwritable review file is 2.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from sarcoma_local._cli.output import Add, MissingExtraError, OutputError, cap

__all__ = ["add_commands"]

INSTALL_HINT = "pip install 'sarcoma-local[pubmed]'"


def _cmd_resolve(args: argparse.Namespace) -> object:
    try:
        from sarcoma_local.pubmed._client import DEFAULT_BASE_URL, PubMedClient
        from sarcoma_local.pubmed._resolve import resolve_citations
    except ImportError as exc:
        raise MissingExtraError(
            f"pubmed needs the optional dependencies: {INSTALL_HINT} (missing {exc.name})"
        ) from None
    from sarcoma_local._data.queries import citations

    found = citations(site=args.site) if args.site else citations()
    cache: bool | Path = False if args.no_cache else (args.cache or True)
    with PubMedClient(
        email=args.email,
        api_key=os.environ.get("NCBI_API_KEY") or None,
        base_url=args.base_url or DEFAULT_BASE_URL,
        cache=cache,
        offline=args.offline,
    ) as client:
        report = resolve_citations(client, found)
    try:
        path = report.write(args.output)
    except OSError as exc:
        raise OutputError(f"cannot write {cap(str(args.output), 120)}: {exc.strerror}") from exc
    if args.json:
        return {
            "written": str(path),
            "proposals": len(report.proposals),
            "counts": report.counts,
            "skipped_with_pmid": report.skipped,
        }
    counts = ", ".join(f"{n} {status}" for status, n in report.counts.items())
    print(
        f"wrote {path}: {len(report.proposals)} citation(s) without a PMID ({counts}); "
        f"{report.skipped} already had one. Nothing in the catalogue was changed."
    )
    return None


def add_commands(add: Add) -> None:
    """Register the ``pubmed`` group and its ``resolve`` command."""
    group = add(
        "pubmed",
        None,
        f"PubMed tools for curators (needs the [pubmed] extra: {INSTALL_HINT})",
    )
    resolve: Any = add(
        "resolve",
        _cmd_resolve,
        "propose PMIDs for catalogue citations that lack one (writes a review file). "
        "The catalogue is never edited. The API key is read from $NCBI_API_KEY "
        "(never from the command line, where other users could see it).",
        parent=group,
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
