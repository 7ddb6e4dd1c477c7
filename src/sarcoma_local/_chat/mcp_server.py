"""An MCP server for the catalogue, over stdio (``sarcoma-local mcp``).

Serves the tools of :func:`sarcoma_local.tool_specs` (each call goes through
:func:`sarcoma_local.call_tool`, so a bad argument comes back as a tool result
with ``isError`` set and a structured error, never a protocol failure) and the
catalogue as JSON resources: ``sarcoma-local://about`` (versions, literature
current through, coverage, disclaimer), ``sarcoma-local://catalogue`` (an index), and
``sarcoma-local://sites/{key}``, ``techniques/{key}``, ``citations/{key}``,
``tables/{key}``.

Built on the low-level server of the official MCP Python SDK (``mcp`` 2.x), so
the tools keep the JSON Schemas (generated from their argument classes) the other
LLM APIs get. This is
the only module that imports ``mcp``; install it with
``pip install 'sarcoma-local[mcp]'``.
"""

from __future__ import annotations

import json
from typing import Any

import anyio
from mcp import types
from mcp.server.context import ServerRequestContext
from mcp.server.lowlevel import Server
from mcp.server.stdio import stdio_server
from mcp.shared.exceptions import MCPError

from sarcoma_local._core.version import DISCLAIMER, __version__

from .dispatch import call_tool
from .resources import list_resource_templates, list_resources, read_resource
from .specs import tool_specs

__all__ = ["build_server", "serve"]

#: JSON-RPC error code the MCP specification gives to an unknown resource.
RESOURCE_NOT_FOUND = -32002

_INSTRUCTIONS = (
    "Curated, cited knowledge on local treatment of metastatic soft-tissue sarcoma "
    "(leiomyosarcoma first). For a user's question in their own words, call context first: "
    "it returns the ranked, cited passages and a coverage signal (coverage 'none' means the "
    "catalogue does not cover it: say so rather than answering from elsewhere). "
    "explain_technique says what a technique is; list_sites or search find keys; "
    "site_options gives the options at a site (surgery first) with cited statements, "
    "citations the articles, recurrence_lookup, metastatic_pattern and nodal_spread "
    "published counts. Every result carries data_version, the disclaimer, what each role "
    "means ('standard' is the usual approach where feasible, never a recommendation) and "
    "the citations it relies on: cite them by their links and repeat the disclaimer. "
    "The resource sarcoma-local://about says how current the catalogue is. " + DISCLAIMER
)

_Context = ServerRequestContext[Any, Any]


def _dump(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


async def _list_tools(
    ctx: _Context, params: types.PaginatedRequestParams | None
) -> types.ListToolsResult:
    return types.ListToolsResult(
        tools=[
            types.Tool(
                name=spec["name"],
                description=spec["description"],
                input_schema=spec["input_schema"],
                annotations=types.ToolAnnotations(read_only_hint=True, open_world_hint=False),
            )
            for spec in tool_specs()
        ]
    )


async def _call_tool(ctx: _Context, params: types.CallToolRequestParams) -> types.CallToolResult:
    result = call_tool(params.name, params.arguments)
    return types.CallToolResult(
        content=[types.TextContent(text=_dump(result))],
        structured_content=result,
        is_error="error" in result,
    )


async def _list_resources(
    ctx: _Context, params: types.PaginatedRequestParams | None
) -> types.ListResourcesResult:
    return types.ListResourcesResult(resources=[types.Resource(**r) for r in list_resources()])


async def _list_resource_templates(
    ctx: _Context, params: types.PaginatedRequestParams | None
) -> types.ListResourceTemplatesResult:
    return types.ListResourceTemplatesResult(
        resource_templates=[types.ResourceTemplate(**t) for t in list_resource_templates()]
    )


async def _read_resource(
    ctx: _Context, params: types.ReadResourceRequestParams
) -> types.ReadResourceResult:
    content = read_resource(str(params.uri))
    if "error" in content:
        # An unknown URI is a protocol error (the spec's -32002), not content.
        raise MCPError(RESOURCE_NOT_FOUND, content["error"]["message"], data=content["error"])
    return types.ReadResourceResult(
        contents=[
            types.TextResourceContents(
                uri=str(params.uri), mime_type="application/json", text=_dump(content)
            )
        ]
    )


def build_server() -> Server[Any]:
    """The low-level MCP server with the catalogue's tools and resources registered."""
    return Server(
        "sarcoma-local",
        version=__version__,
        title="sarcoma_local",
        description="Local treatment of metastatic soft-tissue sarcoma: options and citations.",
        instructions=_INSTRUCTIONS,
        on_list_tools=_list_tools,
        on_call_tool=_call_tool,
        on_list_resources=_list_resources,
        on_list_resource_templates=_list_resource_templates,
        on_read_resource=_read_resource,
    )


async def _serve_stdio() -> None:
    server = build_server()
    async with stdio_server() as (read_stream, write_stream):
        await server.run(read_stream, write_stream, server.create_initialization_options())


def serve() -> None:
    """Serve over stdin/stdout until the client closes the connection."""
    anyio.run(_serve_stdio)
