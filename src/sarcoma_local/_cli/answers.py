"""``sarcoma-local ask``: the grounded, cited context the catalogue gives for a question.

Prints the text a chatbot would be handed (passages in rank order, their sources
with canonical links, the coverage line and the disclaimer) or, with ``--json``,
the whole context record. A question the catalogue does not cover at all exits 1
with the reason, so a script never mistakes "not covered" for an answer.
"""

from __future__ import annotations

import argparse
from typing import Any

from sarcoma_local._cli.output import Add, NoAnswerError, UsageError

__all__ = ["add_commands"]


def _max_chars(text: str) -> int:
    # Imported here, when the option is given, so that building the parser stays light.
    from sarcoma_local._answers.context import MIN_MAX_CHARS

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text[:40]!r}") from None
    if value < MIN_MAX_CHARS:
        raise argparse.ArgumentTypeError(f"must be {MIN_MAX_CHARS} or more")
    return value


def _cmd_ask(args: argparse.Namespace) -> object:
    from sarcoma_local._answers import context

    question = " ".join(args.question)
    if not question.strip():
        raise UsageError("ask: give a question")
    budget = {} if args.max_chars is None else {"max_chars": args.max_chars}
    found = context(question, audience=args.audience, **budget)
    if found.coverage == "none":
        raise NoAnswerError(found.reason)
    if args.json:
        return found.to_dict()
    print(found.text)
    return None


def add_commands(add: Add) -> None:
    """Register ``ask``."""
    p: Any = add(
        "ask",
        _cmd_ask,
        "the catalogue's cited passages for a question, ranked, within a size budget",
    )
    p.add_argument("question", nargs="+", help="the question, e.g. 'can they burn liver spots?'")
    p.add_argument(
        "--audience",
        choices=("patient", "professional"),
        default="patient",
        help="who the text is for (default patient; professional adds study types)",
    )
    p.add_argument(
        "--max-chars",
        type=_max_chars,
        default=None,
        metavar="N",
        help="most characters of text, disclaimer included (default 6000, at least 800)",
    )
