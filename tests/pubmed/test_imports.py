"""The core never pulls in requests; the extra says how to install itself when missing."""

from __future__ import annotations

import subprocess
import sys

import pytest

BLOCK_REQUESTS = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"requests", "requests_cache", "requests_ratelimiter"}:
            raise ImportError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, Block())
"""


def python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )


def test_importing_the_core_does_not_import_requests() -> None:
    result = python("import sys, sarcoma_local; print('requests' in sys.modules)")
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.slow
def test_importing_the_cli_module_does_not_import_requests() -> None:
    result = python("import sys, sarcoma_local._cli.pubmed; print('requests' in sys.modules)")
    assert result.stdout.strip() == "False", result.stderr


def test_without_the_extra_the_import_error_says_how_to_install_it() -> None:
    result = python(BLOCK_REQUESTS + "from sarcoma_local.pubmed import PubMedClient")
    assert result.returncode != 0
    assert "pip install 'sarcoma-local[pubmed]'" in result.stderr


def test_importing_the_package_does_not_import_requests() -> None:
    result = python("import sys, sarcoma_local.pubmed; print('requests' in sys.modules)")
    assert result.stdout.strip() == "False", result.stderr


def test_importing_the_client_does_no_io_and_starts_no_thread() -> None:
    result = python(
        "import threading\nfrom sarcoma_local.pubmed import PubMedClient\n"
        "print(threading.active_count())"
    )
    assert result.stdout.strip() == "1", result.stderr
