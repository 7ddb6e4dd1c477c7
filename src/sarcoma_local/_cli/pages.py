"""The ``handout`` and ``site`` commands of ``sarcoma-local``.

Loaded by ``_cli`` at start-up, so it imports nothing heavy: the renderers are
imported inside the command functions.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

__all__ = ["add_commands"]

Add = Callable[[str, Callable[[argparse.Namespace], object], str], Any]


def _write(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        raise SystemExit(f"sarcoma-local: cannot write {path}: {exc.strerror or exc}") from exc


def _cmd_handout(args: argparse.Namespace) -> object:
    from sarcoma_local._pages.handout import handout

    text = handout(args.site, technique=args.technique, format=args.format)
    if args.output:
        _write(args.output, text)
    if args.json:
        return {"format": args.format, "output": args.output, "content": text}
    if args.output:
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return None


def _cmd_site(args: argparse.Namespace) -> object:
    from sarcoma_local._pages.website import build_site

    try:
        written = build_site(args.outdir)
    except OSError as exc:
        raise SystemExit(f"sarcoma-local: cannot write the site: {exc}") from exc
    root = Path(args.outdir)
    files = [p.relative_to(root).as_posix() for p in written]
    if args.json:
        return {"outdir": str(root), "files": files}
    print(f"wrote {len(files)} pages to {root}; open {root / 'index.html'}")
    return None


def add_commands(add: Add) -> None:
    """Register ``handout`` and ``site`` with the main parser."""
    p = add(
        "handout",
        _cmd_handout,
        "a printable page of a site's options (or one technique) with the cited evidence",
    )
    p.add_argument("site", help="site key, name or alias, e.g. liver")
    p.add_argument("--technique", help="only this technique, e.g. RFA")
    p.add_argument(
        "--format", choices=("markdown", "html"), default="markdown", help="default: markdown"
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p = add("site", _cmd_site, "generate a static web site from the data into OUTDIR")
    p.add_argument("outdir", metavar="OUTDIR", help="folder to write (created if missing)")
