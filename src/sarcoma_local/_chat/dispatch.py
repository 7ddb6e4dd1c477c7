"""The dispatcher: run one chat tool and always answer with JSON, never with an exception.

Every answer carries ``data_version``, ``disclaimer`` and, under ``citations``, the key,
label, PMID, DOI and canonical links of every article the result relies on. Bad input
(an unknown tool, a missing, extra or mistyped argument, an unknown site, no option for
that technique at that site) comes back as ``{"error": {"type", "message", "valid"?,
"suggestions"?}}``, so a chatbot can show it to the model and let it retry.

>>> answer = call_tool("site_options", {"site": "liver"})
>>> answer["result"]["options"][0]["technique"], answer["data_version"] == DATA_VERSION
('resection', True)
>>> call_tool("site_options", {"site": "perito"})["error"]["suggestions"]
['peritoneum', 'retroperitoneum']

The MCP server (:mod:`sarcoma_local._chat.mcp_server`) serves these same tools.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sarcoma_local._core.errors import (
    InvalidIdentifierError,
    SarcomaLocalError,
    UnknownKeyError,
    echo,
    error_type,
)
from sarcoma_local._core.version import DATA_VERSION, DISCLAIMER

from .arguments import MAX_TEXT, ArgumentError, json_type, parse
from .results import HANDLERS, envelope
from .specs import TOOLS, find_tool

__all__ = ["call_tool", "error", "key_error"]

JSON = dict[str, Any]


def error(
    kind: str,
    message: str,
    *,
    tool: object = None,
    argument: str | None = None,
    valid: list[str] | None = None,
    suggestions: list[str] | None = None,
) -> JSON:
    """A failure: ``{"tool", "error": {"type", "message", ...}, "data_version", "disclaimer"}``."""
    body: JSON = {"type": kind, "message": message}
    if argument is not None:
        body["argument"] = argument
    if valid is not None:
        body["valid"] = valid
    if suggestions is not None:
        body["suggestions"] = suggestions
    return {
        # A name the caller made up is echoed, but not at any length.
        "tool": tool[:MAX_TEXT] if isinstance(tool, str) else None,
        "error": body,
        "data_version": DATA_VERSION,
        "disclaimer": DISCLAIMER,
    }


def key_error(exc: UnknownKeyError, *, tool: str | None = None) -> JSON:
    """An ``unknown_<kind>`` error (``unknown_site``, ``unknown_option`` ...) with the
    valid keys and the closest ones."""
    return error(
        error_type(exc),
        str(exc),
        tool=tool,
        valid=list(exc.valid),
        suggestions=list(exc.suggestions),
    )


def call_tool(name: str, arguments: Mapping[str, Any] | str | None = None) -> JSON:
    """Run tool ``name`` with ``arguments``; always returns a JSON-ready dict.

    On success: ``{"tool", "data_version", "disclaimer", "result", "citations"}``,
    where ``citations`` has the key, label, PMID, DOI and canonical links of every
    article the result cites. On bad input: ``{"tool", "error": {"type", "message",
    ...}, "data_version", "disclaimer"}`` with ``type`` one of ``unknown_tool``,
    ``invalid_arguments``, ``unknown_site``, ``unknown_option`` (and the other
    ``unknown_*`` kinds), ``invalid_identifier`` or ``internal_error``. ``arguments``
    may also be the JSON string an OpenAI tool call carries.

    >>> call_tool("list_site")["error"]["suggestions"]
    ['list_sites']
    >>> call_tool("search", {"query": "cryo", "limit": "5"})["error"]["message"]
    "argument 'limit' must be an integer, not string"
    """
    found = find_tool(name)
    if found is None:
        return _unknown_tool(name)
    try:
        args = parse(found.arguments, arguments)
        done = HANDLERS[found.name](args)
        return envelope(found.name, done.result, done.keys, compact=done.compact)
    except ArgumentError as exc:
        return error(
            "invalid_arguments", str(exc), tool=name, argument=exc.argument, valid=exc.valid
        )
    except UnknownKeyError as exc:
        return key_error(exc, tool=name)
    except InvalidIdentifierError as exc:
        return error("invalid_identifier", str(exc), tool=name)
    except (SarcomaLocalError, TypeError, ValueError) as exc:
        return error("invalid_arguments", str(exc), tool=name)
    except Exception as exc:  # a chatbot must get an answer, never a traceback
        return error("internal_error", f"{type(exc).__name__} while running {name}", tool=name)


def _unknown_tool(name: object) -> JSON:
    from sarcoma_local._data.lookup import Lookup

    valid = [t.name for t in TOOLS]
    suggestions: list[str] = []
    if isinstance(name, str):
        suggestions = list(Lookup((k, ()) for k in valid).suggestions(name[:MAX_TEXT]))
    shown = echo(name) if isinstance(name, str) else f"of type {json_type(name)}"
    return error(
        "unknown_tool",
        f"unknown tool {shown}; valid tools: {', '.join(valid)}",
        tool=name,
        valid=valid,
        suggestions=suggestions,
    )
