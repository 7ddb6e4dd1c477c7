"""The ``tools`` and ``mcp`` commands.

``sarcoma-local tools [--format neutral|openai|anthropic]`` prints the LLM tool
specs as JSON; ``sarcoma-local mcp`` serves them over stdio as an MCP server
(needs ``pip install 'sarcoma-local[mcp]'``). Imports stay inside the command
functions so that building the parser imports nothing heavy.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sarcoma_local._cli.output import Add, MissingExtraError

__all__ = ["add_commands"]

MCP_MISSING = "the MCP server needs the official MCP Python SDK: pip install 'sarcoma-local[mcp]'"


def _cmd_tools(args: argparse.Namespace) -> object:
    from sarcoma_local._chat.specs import tool_specs

    specs = tool_specs(args.format)
    if args.json:
        return specs
    json.dump(specs, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return None


def _cmd_mcp(args: argparse.Namespace) -> object:
    try:
        from sarcoma_local._chat.mcp_server import serve
    except ImportError as exc:
        if exc.name is None or exc.name.split(".")[0] not in ("mcp", "mcp_types", "anyio"):
            raise  # a bug of ours, not a missing extra
        raise MissingExtraError(MCP_MISSING) from None
    serve()
    return None


def add_commands(add: Add) -> None:
    """Register ``tools`` and ``mcp``."""
    p: Any = add("tools", _cmd_tools, "print the LLM tool definitions (JSON Schema) as JSON")
    p.add_argument(
        "--format",
        choices=("neutral", "openai", "anthropic"),
        default="neutral",
        help="neutral {name, description, input_schema}, OpenAI function tools, or "
        "Anthropic tools (default: neutral)",
    )
    add("mcp", _cmd_mcp, "serve the tools and the catalogue over stdio as an MCP server")
