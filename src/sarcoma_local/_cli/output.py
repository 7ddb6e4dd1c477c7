"""What every command shares: its errors and exit codes, wrapped text, JSON, file output.

Imports nothing heavy, so building the parser stays cheap.
"""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from sarcoma_local._core.errors import (
    DataIntegrityError,
    InvalidBrandingError,
    InvalidIdentifierError,
    SarcomaLocalError,
    UnknownKeyError,
    UnknownValueError,
    error_type,
)
from sarcoma_local._core.version import DATA_VERSION, DISCLAIMER

__all__ = [
    "EXIT_NO_ANSWER",
    "EXIT_OK",
    "EXIT_USAGE",
    "PROG",
    "Add",
    "CliError",
    "Command",
    "MissingExtraError",
    "NoAnswerError",
    "OutputError",
    "UsageError",
    "cap",
    "disclaimer_line",
    "emit_error",
    "emit_json",
    "error_report",
    "fill",
    "wrap",
    "write_output",
]

PROG = "sarcoma-local"
EXIT_OK = 0
#: The catalogue (or PubMed) has no answer: unknown key, nothing matched, failed checks.
EXIT_NO_ANSWER = 1
#: The command cannot run as asked: bad arguments or values, an unwritable output path.
EXIT_USAGE = 2

WIDTH = 88
# An error line repeats user input and lists valid keys: keep it to a readable length.
_MAX_MESSAGE = 400

#: A command: reads its parsed arguments, prints text, or returns the value ``--json`` prints.
Command = Callable[[Any], object]


class Add(Protocol):
    """What a command-group module's ``add_commands(add)`` receives.

    ``add(name, func, help)`` registers a command and returns its parser (add the
    arguments to it). ``parent`` nests it under a group (``pubmed resolve``);
    ``hidden`` keeps a deprecated alias out of ``--help``; ``func=None`` makes a
    group that only holds sub-commands.
    """

    def __call__(
        self,
        name: str,
        func: Command | None,
        help_: str,
        *,
        parent: Any = None,
        hidden: bool = False,
    ) -> Any: ...


class CliError(Exception):
    """An error the command line reports itself (not the library's); ``code`` is the exit."""

    code = EXIT_USAGE
    kind = "invalid_arguments"


class UsageError(CliError):
    """Bad or conflicting arguments."""


class OutputError(CliError):
    """The output path cannot be written (a missing folder, a directory, no permission)."""

    kind = "output_error"


class MissingExtraError(CliError):
    """The command needs an optional extra that is not installed."""

    kind = "missing_extra"


class NoAnswerError(CliError):
    """The question was fine, the answer is empty (no search hit, nothing on a histology)."""

    code = EXIT_NO_ANSWER
    kind = "no_answer"


def wrap(text: str, indent: str = "", hang: str = "") -> str:
    """``text`` filled to the terminal width, indented, later lines ``hang`` further in."""
    return fill(text, indent, indent + hang)


def fill(text: str, first: str, rest: str) -> str:
    """``text`` filled to the terminal width after ``first`` then ``rest``; words (and
    URLs) are never split."""
    return textwrap.fill(
        text,
        width=WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=False,
        break_long_words=False,
    )


def disclaimer_line() -> str:
    """The closing line of every text view: data version and disclaimer."""
    return wrap(f"Data version {DATA_VERSION}. {DISCLAIMER}")


def cap(text: str, limit: int = _MAX_MESSAGE) -> str:
    """``text`` on one line, cut to ``limit`` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 3] + "..."


def emit_json(result: object) -> None:
    """Print the JSON envelope: data version, disclaimer, result."""
    from sarcoma_local._core.convert import to_builtins

    _dump({"data_version": DATA_VERSION, "disclaimer": DISCLAIMER, "result": to_builtins(result)})


def _dump(document: object) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def error_report(exc: BaseException) -> tuple[int, dict[str, Any]]:
    """The exit code and the JSON error object for an exception a command raised.

    One table for every command, so the same failure exits the same way everywhere.
    """
    detail: dict[str, Any] = {"type": error_type(exc), "message": cap(str(exc))}
    if isinstance(exc, CliError):
        detail["type"] = exc.kind
        return exc.code, detail
    if isinstance(exc, UnknownKeyError):
        detail["valid"] = list(exc.valid)
        detail["suggestions"] = list(exc.suggestions)
    if isinstance(exc, DataIntegrityError):
        detail["problems"] = list(exc.problems)
    if isinstance(exc, UnknownValueError | InvalidIdentifierError | InvalidBrandingError):
        return EXIT_USAGE, detail  # a value outside its vocabulary or syntax
    if isinstance(exc, SarcomaLocalError):
        return EXIT_NO_ANSWER, detail
    if isinstance(exc, OSError):
        return EXIT_NO_ANSWER, detail
    return EXIT_USAGE, detail  # ValueError: a bad value the library refused


def emit_error(exc: BaseException, *, as_json: bool) -> int:
    """Report ``exc``: one line on stderr, and with ``--json`` the error object on stdout."""
    code, detail = error_report(exc)
    print(f"{PROG}: {detail['message']}", file=sys.stderr)
    if as_json:
        _dump({"error": detail, "data_version": DATA_VERSION, "disclaimer": DISCLAIMER})
    return code


def write_output(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8, Unix newlines) to ``path``; :class:`OutputError` if it cannot."""
    target = Path(path)
    if not str(path).strip():
        raise OutputError("the output path is empty")
    try:
        with target.open("w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise OutputError(f"cannot write {cap(str(path), 120)}: {reason}") from exc
    return target
