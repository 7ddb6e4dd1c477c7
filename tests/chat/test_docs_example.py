"""The worked example in docs/chatbot.md runs, and prints what the page shows."""

from __future__ import annotations

import contextlib
import io
import json
import pathlib
import re

import pytest

import sarcoma_local as sl

PAGE = pathlib.Path(__file__).resolve().parents[2] / "docs" / "chatbot.md"


@pytest.fixture(scope="module")
def page() -> str:
    if not PAGE.exists():  # pragma: no cover - only in an sdist without docs
        pytest.skip(f"{PAGE} not found")
    return PAGE.read_text(encoding="utf-8")


def blocks(page: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", page, re.S)


def test_every_python_block_runs_and_prints_the_rendered_answer(page: str) -> None:
    namespace: dict[str, object] = {}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for code in blocks(page, "python"):
            exec(code, namespace)  # noqa: S102 - our own documentation
    out = printed.getvalue().splitlines()
    (shown,) = blocks(page, "markdown")
    for line in shown.splitlines():
        # Option lines are compared up to the summary, which curators may reword.
        head = line.split("): ", 1)[0] if line.startswith("- **") else None
        if head:
            assert any(o.startswith(head + "): ") for o in out), line
        elif not re.match(r"\d+\. |_Data version", line):
            assert line in out
    assert out[-1] == f"_Data version {sl.DATA_VERSION}. {sl.DISCLAIMER}_"


def test_every_json_block_parses(page: str) -> None:
    for text in blocks(page, "json"):
        json.loads(text)


def test_the_tool_call_shown_is_one_the_dispatcher_accepts(page: str) -> None:
    call = next(json.loads(b) for b in blocks(page, "json") if '"input"' in b)
    assert "error" not in sl.call_tool(call["name"], call["input"])


def test_every_tool_is_in_the_table(page: str) -> None:
    for spec in sl.tool_specs():
        assert f"| `{spec['name']}` |" in page
