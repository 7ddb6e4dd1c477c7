"""Run the command line in-process: ``run(*argv)`` gives (exit code, stdout, stderr)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sarcoma_local._cli.main import main

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def _run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return _run
