"""Importing the package is cheap and side-effect free; the public surface is complete."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import sarcoma_local

HEAVY = ("cattrs", "requests", "requests_cache", "importlib.metadata", "jsonschema", "attrs")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport json, sys; print(json.dumps(sorted(sys.modules)))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_import_loads_no_heavy_module() -> None:
    loaded = _modules_after("import sarcoma_local")
    assert not loaded & set(HEAVY)


def test_import_reads_no_data() -> None:
    loaded = _modules_after("import sarcoma_local")
    assert "sarcoma_local._data.loader" not in loaded
    assert "sarcoma_local.data" not in loaded


def test_first_site_lookup_does_not_need_cattrs() -> None:
    loaded = _modules_after("import sarcoma_local as sl; sl.site('liver')")
    assert "cattrs" not in loaded
    assert "requests" not in loaded


def test_full_catalogue_never_imports_requests() -> None:
    loaded = _modules_after("import sarcoma_local as sl; sl.preload(); sl.search('lung')")
    assert "requests" not in loaded
    assert "requests_cache" not in loaded


@pytest.mark.slow
def test_import_prints_and_logs_nothing() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import sarcoma_local"], capture_output=True, text=True, check=True
    )
    assert result.stdout == ""
    assert result.stderr == ""


def _isort_key(name: str) -> tuple[int, str]:
    # ruff's RUF022 order: CONSTANTS, then Classes, then functions.
    return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)


def test_all_is_sorted_and_unique() -> None:
    names = list(sarcoma_local.__all__)
    assert names == sorted(names, key=_isort_key)
    assert len(names) == len(set(names))


@pytest.mark.parametrize("name", sarcoma_local.__all__)
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(sarcoma_local, name) is not None


def test_unknown_attribute_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nonexistent'"):
        sarcoma_local.nonexistent  # noqa: B018


def test_dir_lists_the_public_api() -> None:
    assert set(sarcoma_local.__all__) <= set(dir(sarcoma_local))


def test_code_version_is_the_installed_distribution_version() -> None:
    from importlib.metadata import version

    assert sarcoma_local.__version__ == version("sarcoma-local")


def test_code_and_data_versions_are_separate() -> None:
    assert sarcoma_local.__version__ != sarcoma_local.DATA_VERSION


def test_data_version_is_a_curation_date() -> None:
    import re

    assert re.fullmatch(r"\d{4}\.\d{2}\.\d{2}(\.[1-9]\d*)?", sarcoma_local.DATA_VERSION)


def test_disclaimer_says_not_medical_advice() -> None:
    assert "not medical advice" in sarcoma_local.DISCLAIMER
