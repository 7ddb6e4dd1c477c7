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
    if args.brief and args.technique is not None:
        raise UsageError("handout: --brief summarises a whole site; leave out --technique")
    text = handout(
        args.site,
        technique=args.technique,
        format=args.format,
        audience=args.audience,
        brief=args.brief,
        paper=args.paper,
    )
    if args.output:
        write_output(args.output, text)
    if args.json:
        return {"format": args.format, "output": args.output, "content": text}
    if args.output:
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return None


def _branding(args: argparse.Namespace) -> Any:
    """The :class:`Branding` the options ask for (a bad value raises ``InvalidBrandingError``)."""
    from sarcoma_local._pages.branding import Branding

    given = {
        "title": args.title,
        "logo": args.logo,
        "base_url": args.base_url,
        "footer": args.footer,
        "language": args.lang,
    }
    return Branding(**{k: v for k, v in given.items() if v is not None})


def _build(args: argparse.Namespace) -> list[Path]:
    """``build_site`` with the branding options; its refusals (an empty path, a file, a
    folder it did not make, a bad branding value) turned into usage errors; ``--charts``
    without the extra a missing-extra error."""
    from sarcoma_local._pages.charts import ChartsUnavailableError
    from sarcoma_local._pages.website import build_site

    outdir = args.outdir
    try:
        charts = getattr(args, "charts", None)
        return build_site(outdir, force=args.force, branding=_branding(args), charts=charts)
    except ChartsUnavailableError as exc:
        raise MissingExtraError(f"build-site --charts: {exc}") from None
    except (ValueError, FileExistsError) as exc:
        raise UsageError(f"build-site: {exc}") from exc
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise OutputError(f"build-site: cannot write {cap(outdir, 120)}: {reason}") from exc


def _cmd_build_site(args: argparse.Namespace) -> object:
    root = Path(args.outdir)
    written = _build(args)
    files = [p.relative_to(root).as_posix() for p in written]
    if args.json:
        return {"outdir": str(root), "files": files}
    pages = [f for f in files if f.endswith(".html")]
    others = "".join(f", {f}" for f in files if not f.endswith(".html"))
    print(f"wrote {len(pages)} pages{others} to {root}; open {root / 'index.html'}")
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
    p.add_argument("--title", help="the site's name: heads every page, ends every title")
    p.add_argument("--logo", metavar="FILE", help="a PNG, SVG or JPEG logo (up to 200 KB)")
    p.add_argument(
        "--base-url",
        metavar="URL",
        help="the address the site is served from, e.g. https://example.org/sarcoma/; "
        "adds canonical links, sitemap.xml and robots.txt",
    )
    p.add_argument("--footer", help="extra footer text (the disclaimer always stays)")
    p.add_argument("--lang", metavar="TAG", help="BCP 47 language tag, e.g. en-GB (default: en)")
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
    p.add_argument(
        "--audience",
        choices=("patient", "professional"),
        default="patient",
        help="patient (default): plain words, questions to ask and a glossary beside the "
        "evidence; professional: the professional summaries only",
    )
    p.add_argument(
        "--brief",
        action="store_true",
        help='the two-page summary "for your doctor": options in one line, key figures, '
        "the best references, questions to ask",
    )
    p.add_argument(
        "--paper",
        choices=("a4", "letter"),
        default="a4",
        help="page size the HTML handout prints on (default: a4)",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    _site_arguments(
        add("build-site", _cmd_build_site, "generate the static web site into the folder OUTDIR")
    )
    _site_arguments(add("site", _cmd_site, "deprecated: use build-site", hidden=True))
