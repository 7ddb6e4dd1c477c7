"""End to end: ``python -m sarcoma_local mcp`` in a subprocess, driven by the SDK's client.

The server is launched once; one scripted conversation (initialize, list tools,
call each tool, list and read resources, send bad input) records what came
back, and each test checks one part of that transcript.
"""

from __future__ import annotations

import json
import pathlib
import sys
from typing import Any

import pytest

pytest.importorskip("mcp", reason="needs the [mcp] extra")

import anyio
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client
from mcp.shared.exceptions import MCPError

import sarcoma_local as sl

from .conftest import HAPPY_CALLS

# Starts a browser or a server process: part of the full run, not the fast one.
pytestmark = pytest.mark.slow

SRC = pathlib.Path(sl.__file__).resolve().parents[1]
# Generous for a slow CI machine; the whole conversation takes about a second here.
TIMEOUT_SECONDS = 60


async def _converse(errlog: Any) -> dict[str, Any]:
    server = StdioServerParameters(
        command=sys.executable,
        args=["-m", "sarcoma_local", "mcp"],
        # The checkout's code, even if another copy is installed.
        env={"PYTHONPATH": str(SRC)},
    )
    seen: dict[str, Any] = {}
    with anyio.fail_after(TIMEOUT_SECONDS):
        async with (
            stdio_client(server, errlog=errlog) as (read, write),
            ClientSession(read, write) as session,
        ):
            seen["initialize"] = await session.initialize()
            seen["tools"] = (await session.list_tools()).tools
            seen["calls"] = {
                name: await session.call_tool(name, args) for name, args in HAPPY_CALLS.items()
            }
            seen["bad_argument"] = await session.call_tool("site_options", {"sight": "liver"})
            seen["unknown_site"] = await session.call_tool("site_options", {"site": "perito"})
            seen["unknown_tool"] = await session.call_tool("list_site", {})
            seen["resources"] = (await session.list_resources()).resources
            seen["templates"] = (await session.list_resource_templates()).resource_templates
            seen["catalogue"] = await session.read_resource("sarcoma-local://catalogue")
            seen["about"] = await session.read_resource("sarcoma-local://about")
            seen["not_covered"] = await session.call_tool(
                "context", {"question": "What does grade mean?"}
            )
            seen["citation"] = await session.read_resource(
                "sarcoma-local://citations/potter-1985-353"
            )
            try:
                await session.read_resource("sarcoma-local://nowhere")
            except MCPError as exc:
                seen["missing_resource"] = exc
    return seen


@pytest.fixture(scope="module")
def transcript(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    log = tmp_path_factory.mktemp("mcp") / "server-stderr.txt"
    with log.open("w", encoding="utf-8") as errlog:
        seen = anyio.run(_converse, errlog)
    seen["stderr"] = log.read_text(encoding="utf-8")
    return seen


def structured(result: Any) -> dict[str, Any]:
    data: dict[str, Any] = result.structured_content
    # The text block carries the same JSON, for clients that ignore structured content.
    assert json.loads(result.content[0].text) == data
    return data


def test_initialize_names_the_server_and_its_capabilities(transcript: dict[str, Any]) -> None:
    init = transcript["initialize"]
    assert init.server_info.name == "sarcoma-local"
    assert init.server_info.version == sl.__version__
    assert init.capabilities.tools is not None
    assert init.capabilities.resources is not None
    assert "not medical advice" in init.instructions


def test_list_tools_matches_the_specs(transcript: dict[str, Any]) -> None:
    tools = {t.name: t for t in transcript["tools"]}
    assert {s["name"]: s["input_schema"] for s in sl.tool_specs()} == {
        name: t.input_schema for name, t in tools.items()
    }


@pytest.mark.parametrize("name", list(HAPPY_CALLS))
def test_each_tool_answers_like_call_tool(transcript: dict[str, Any], name: str) -> None:
    result = transcript["calls"][name]
    assert result.is_error is False
    assert structured(result) == sl.call_tool(name, HAPPY_CALLS[name])


def test_site_options_over_mcp_start_with_resection(transcript: dict[str, Any]) -> None:
    data = structured(transcript["calls"]["site_options"])
    assert data["result"]["options"][0]["technique"] == "resection"
    assert data["disclaimer"] == sl.DISCLAIMER


def test_context_over_mcp_ranks_liver_ablation_first_and_cites_it(
    transcript: dict[str, Any],
) -> None:
    data = structured(transcript["calls"]["context"])
    assert data["result"]["coverage"] == "full"
    assert data["result"]["passages"][0]["key"] == "liver/radiofrequency-ablation"
    assert all(set(c) == {"key", "label", "link"} for c in data["citations"])
    assert data["result"]["text"].endswith(sl.DISCLAIMER)


def test_context_over_mcp_flags_a_question_it_does_not_cover(transcript: dict[str, Any]) -> None:
    result = transcript["not_covered"]
    assert result.is_error is False
    assert structured(result)["result"]["coverage"] == "none"


def test_reading_about_gives_the_literature_date(transcript: dict[str, Any]) -> None:
    data = json.loads(transcript["about"].contents[0].text)
    assert data["literature_current_through"] == max(c.year for c in sl.citations())


def test_a_bad_argument_is_an_error_result_not_a_protocol_failure(
    transcript: dict[str, Any],
) -> None:
    result = transcript["bad_argument"]
    assert result.is_error is True
    assert structured(result)["error"]["type"] == "invalid_arguments"


def test_an_unknown_site_error_carries_suggestions(transcript: dict[str, Any]) -> None:
    error = structured(transcript["unknown_site"])["error"]
    assert error["suggestions"] == ["peritoneum", "retroperitoneum"]


def test_an_unknown_tool_is_an_error_result(transcript: dict[str, Any]) -> None:
    assert structured(transcript["unknown_tool"])["error"]["suggestions"] == ["list_sites"]


def test_resources_list_the_catalogue_and_every_site(transcript: dict[str, Any]) -> None:
    uris = [str(r.uri) for r in transcript["resources"]]
    assert uris[:2] == ["sarcoma-local://about", "sarcoma-local://catalogue"]
    assert {f"sarcoma-local://sites/{s.key}" for s in sl.sites()} <= set(uris)


def test_resource_templates_include_citations(transcript: dict[str, Any]) -> None:
    templates = [t.uri_template for t in transcript["templates"]]
    assert "sarcoma-local://citations/{key}" in templates


def test_reading_the_catalogue_gives_json_with_the_data_version(
    transcript: dict[str, Any],
) -> None:
    content = transcript["catalogue"].contents[0]
    assert content.mime_type == "application/json"
    assert json.loads(content.text)["data_version"] == sl.DATA_VERSION


def test_reading_a_citation_gives_its_pmid(transcript: dict[str, Any]) -> None:
    data = json.loads(transcript["citation"].contents[0].text)
    assert data["result"]["citation"]["pmid"] == 3973646


def test_an_unknown_resource_is_a_resource_not_found_error(transcript: dict[str, Any]) -> None:
    error = transcript["missing_resource"]
    assert error.code == -32002
    assert "sarcoma-local://catalogue" in error.message


def test_the_server_logs_no_traceback(transcript: dict[str, Any]) -> None:
    assert "Traceback" not in transcript["stderr"]


@pytest.mark.slow
def test_the_mcp_client_example_in_the_docs_prints_what_the_page_shows() -> None:
    import os
    import re
    import shutil
    import subprocess

    page = (SRC.parent / "docs" / "chatbot.md").read_text(encoding="utf-8")
    (script,) = re.findall(r"```py\n(.*?)```", page, re.S)
    (shown,) = re.findall(r"It prints .*?\n\n```text\n(.*?)```", page, re.S)
    bin_dir = pathlib.Path(sys.executable).parent
    if shutil.which("sarcoma-local", path=str(bin_dir)) is None:
        pytest.skip("the sarcoma-local command is not installed beside this Python")
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT_SECONDS,
        check=True,
    )
    assert out.stdout == shown
