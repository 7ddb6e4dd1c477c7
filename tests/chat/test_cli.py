"""The ``tools`` and ``mcp`` commands."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import sarcoma_local as sl
from sarcoma_local._chat.specs import tool_specs
from sarcoma_local._cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_tools_prints_the_neutral_specs(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "tools")
    assert code == 0
    assert json.loads(out) == tool_specs()


@pytest.mark.parametrize("fmt", ["neutral", "openai", "anthropic"])
def test_tools_prints_each_format(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    _, out, _ = run(capsys, "tools", "--format", fmt)
    assert json.loads(out) == tool_specs(fmt)  # type: ignore[arg-type]


def test_tools_json_wraps_the_specs_with_version_and_disclaimer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "tools", "--format", "openai", "--json")
    data = json.loads(out)
    assert data["data_version"] == sl.DATA_VERSION
    assert data["disclaimer"] == sl.DISCLAIMER
    assert data["result"] == tool_specs("openai")


def test_tools_refuses_an_unknown_format(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "tools", "--format", "gemini")
    assert code == 2
    assert "invalid choice: 'gemini'" in err


def test_mcp_without_the_sdk_names_the_extra(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # None in sys.modules makes "import mcp" fail as if it were not installed.
    monkeypatch.setitem(sys.modules, "mcp", None)
    monkeypatch.delitem(sys.modules, "sarcoma_local._chat.mcp_server", raising=False)
    code, _, err = run(capsys, "mcp")
    assert code == 2
    assert "pip install 'sarcoma-local[mcp]'" in err


@pytest.mark.slow
def test_building_the_parser_does_not_import_mcp() -> None:
    code = (
        "import sys; from sarcoma_local._cli.main import build_parser; build_parser(); "
        "print('mcp' in sys.modules, 'sarcoma_local._chat.specs' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
