"""The ``handout`` and ``build-site`` commands (``site`` is a deprecated, hidden alias).

Loaded at start-up, so it imports nothing heavy: the renderers are imported inside
the command functions.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sarcoma_local._cli.output import (
    PROG,
    Add,
    MissingExtraError,
    OutputError,
    UsageError,
    cap,
    write_output,
)

__all__ = ["add_commands"]


def _cmd_handout(args: argparse.Namespace) -> object:
    from sarcoma_local._pages.handout import handout

    if args.output is not None and not args.output.strip():
        raise UsageError("handout: the output path is empty")
    text = handout(args.site, technique=args.technique, format=args.format)
    if args.output:
        write_output(args.output, text)
    if args.json:
        return {"format": args.format, "output": args.output, "content": text}
    if args.output:
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return None


def _build(outdir: str, *, force: bool, charts: bool | None = None) -> list[Path]:
    """``build_site``, its refusals (an empty path, a file, a folder it did not make)
    turned into usage errors; ``--charts`` without the extra a missing-extra error."""
    from sarcoma_local._pages.charts import ChartsUnavailableError
    from sarcoma_local._pages.website import build_site

    try:
        return build_site(outdir, force=force, charts=charts)
    except ChartsUnavailableError as exc:
        raise MissingExtraError(f"build-site --charts: {exc}") from None
    except (ValueError, FileExistsError) as exc:
        raise UsageError(f"build-site: {exc}") from exc
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise OutputError(f"build-site: cannot write {cap(outdir, 120)}: {reason}") from exc


def _cmd_build_site(args: argparse.Namespace) -> object:
    root = Path(args.outdir)
    written = _build(args.outdir, force=args.force, charts=getattr(args, "charts", None))
    files = [p.relative_to(root).as_posix() for p in written]
    if args.json:
        return {"outdir": str(root), "files": files}
    print(f"wrote {len(files)} pages to {root}; open {root / 'index.html'}")
    return None


def _cmd_site(args: argparse.Namespace) -> object:
    from sarcoma_local._data.queries import find_site

    print(f"{PROG}: 'site' is deprecated; use 'build-site OUTDIR'", file=sys.stderr)
    if "/" not in args.outdir and find_site(args.outdir) is not None:
        # `site liver` reads like a question about the liver, not "build a web site in ./liver".
        raise UsageError(
            f"site: {cap(args.outdir, 60)!r} is a metastatic site; for its options run "
            f"'{PROG} show {cap(args.outdir, 60)}', to build the web site there run "
            f"'{PROG} build-site ./{cap(args.outdir, 60)}'"
        )
    return _cmd_build_site(args)


def _site_arguments(p: Any) -> None:
    p.add_argument("outdir", metavar="OUTDIR", help="folder to write (created if missing)")
    p.add_argument(
        "--force",
        action="store_true",
        help="add the pages to a non-empty folder an earlier build did not make",
    )
    p.add_argument(
        "--charts",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="draw the bar charts (needs the charts extra); default: when it is installed",
    )


def add_commands(add: Add) -> None:
    """Register ``handout``, ``build-site`` and the hidden ``site`` alias."""
    p: Any = add(
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
    _site_arguments(
        add("build-site", _cmd_build_site, "generate the static web site into the folder OUTDIR")
    )
    _site_arguments(add("site", _cmd_site, "deprecated: use build-site", hidden=True))
