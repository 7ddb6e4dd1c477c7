"""One plug-in style: every command group registers through ``add_commands(add)``."""

from __future__ import annotations

import argparse
import importlib

import pytest

import sarcoma_local as sl
from sarcoma_local._cli.main import COMMAND_MODULES, build_parser

from .conftest import Run


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found[name] = sub
                found.update({f"{name} {k}": v for k, v in _commands(sub).items()})
    return found


@pytest.mark.parametrize("module", COMMAND_MODULES)
def test_every_command_module_has_add_commands(module: str) -> None:
    assert callable(importlib.import_module(f"sarcoma_local._cli.{module}").add_commands)


@pytest.mark.parametrize("name", sorted(_commands(build_parser())))
def test_every_command_takes_json(name: str) -> None:
    options = {s for a in _commands(build_parser())[name]._actions for s in a.option_strings}
    assert "--json" in options


def test_pubmed_is_an_ordinary_command_group(run: Run) -> None:
    code, out, _ = run("pubmed", "resolve", "--help")
    assert code == 0
    assert "review file" in out


def test_version_shows_code_and_data_versions(run: Run) -> None:
    code, out, _ = run("--version")
    assert code == 0
    assert out == f"sarcoma-local {sl.__version__} (data {sl.DATA_VERSION})\n"
