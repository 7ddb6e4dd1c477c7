"""The ``sarcoma-local`` command line (also ``python -m sarcoma_local``).

Every command prints readable text, or JSON with ``--json``: ``{"data_version",
"disclaimer", "result"}`` on success, ``{"error": {"type", "message", "valid"?,
"suggestions"?}, "data_version", "disclaimer"}`` on failure. A failure also prints
one line on stderr, never a traceback.

Exit status, the same in every command (``pubmed`` included):

====  ==========================================================================
0     success
1     no answer: an unknown key or name (site, technique, option, citation,
      table, histology, primary site), a filter or search nothing matches,
      failed data checks, PubMed not answering
2     usage: bad or conflicting arguments, a value outside its vocabulary
      (``--category magic``), a malformed PMID/DOI, an output path that cannot
      be written, a ``build-site`` folder it will not overwrite, a missing extra
====  ==========================================================================

Commands come from the modules in :data:`COMMAND_MODULES`; each exposes
``add_commands(add)`` (see :class:`~sarcoma_local._cli.output.Add`) and imports
heavy dependencies inside its command functions only.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from sarcoma_local._cli.output import (
    PROG,
    CliError,
    Command,
    UsageError,
    cap,
    emit_error,
    emit_json,
    error_report,
)
from sarcoma_local._core.errors import SarcomaLocalError
from sarcoma_local._core.version import DATA_VERSION, __version__

__all__ = ["COMMAND_MODULES", "main"]

#: The one table of command groups, in the order ``--help`` lists them.
COMMAND_MODULES = (
    "catalogue",
    "evidence",
    "answers",
    "about",
    "exports",
    "pages",
    "chat",
    "pubmed",
)


class _Parser(argparse.ArgumentParser):
    """An argument parser that raises :class:`UsageError` instead of exiting."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix(PROG).strip()
        where = f"{command}: " if command else ""
        raise UsageError(f"{where}{cap(message, 300)} (see '{self.prog} --help')")


class _Registry:
    """The ``add`` every command-group module receives (see ``output.Add``)."""

    def __init__(self, parser: argparse.ArgumentParser) -> None:
        self._common = argparse.ArgumentParser(add_help=False)
        self._common.add_argument("--json", action="store_true", help="print JSON instead of text")
        self._root = parser
        self._groups: dict[int, Any] = {}

    def _subparsers(self, parent: argparse.ArgumentParser) -> Any:
        if id(parent) not in self._groups:
            dest = "command" if parent is self._root else f"{parent.prog.split()[-1]}_command"
            self._groups[id(parent)] = parent.add_subparsers(
                dest=dest, required=True, metavar="COMMAND", parser_class=_Parser
            )
        return self._groups[id(parent)]

    def __call__(
        self,
        name: str,
        func: Command | None,
        help_: str,
        *,
        parent: Any = None,
        hidden: bool = False,
    ) -> Any:
        sub = self._subparsers(parent or self._root)
        # A parser added without help= stays out of the command list: that hides an alias.
        extra = {} if hidden else {"help": help_}
        p = sub.add_parser(name, parents=[self._common], description=help_, **extra)
        p.set_defaults(func=func)
        return p


def build_parser() -> argparse.ArgumentParser:
    """The whole parser: every command of every module in :data:`COMMAND_MODULES`."""
    parser = _Parser(
        prog=PROG,
        description="Local treatment of metastatic soft-tissue sarcoma: sites, techniques, "
        "citations, recurrence tables. Not medical advice. Exit status: 0 ok, 1 no answer, "
        "2 usage.",
    )
    parser.add_argument(
        "--version", action="version", version=f"{PROG} {__version__} (data {DATA_VERSION})"
    )
    add = _Registry(parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__package__}.{name}").add_commands(add)
    return parser


def _wants_json(argv: list[str]) -> bool:
    # Known before parsing, so that a usage error can be reported as JSON too.
    return "--json" in (argv[: argv.index("--")] if "--" in argv else argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status. Bad input never gives a traceback."""
    argv = list(sys.argv[1:] if argv is None else argv)
    as_json = _wants_json(argv)
    try:
        return _run(build_parser(), argv)
    except SystemExit as exc:  # --help and --version print and exit 0
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        print(f"{PROG}: {cap(str(exc.code))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:  # Ctrl-C: stop without a traceback, as shells expect
        return 130
    except BrokenPipeError:
        return _reader_gone(0)
    except (CliError, SarcomaLocalError, ValueError, OSError) as exc:
        # Bad input and unanswerable questions; any other exception is a bug of ours
        # and keeps its traceback.
        code = error_report(exc)[0]
        try:
            return emit_error(exc, as_json=as_json)
        except BrokenPipeError:
            return _reader_gone(code)


def _reader_gone(code: int) -> int:
    # The reader went away (e.g. `| head`): stop quietly, as Unix tools do.
    import os

    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return code


def _run(parser: argparse.ArgumentParser, argv: list[str]) -> int:
    args = parser.parse_args(argv)
    if args.func is None:  # a group such as `pubmed` needs a sub-command (argparse checks)
        raise UsageError(f"{args.command}: choose a command")
    result = args.func(args)
    if args.json:
        emit_json(result)
    return 0
