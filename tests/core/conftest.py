"""Shared helpers for the core tests."""

from __future__ import annotations

import pathlib

import pytest

#: The founding documents live beside the repository (../shared/sources) in
#: development and CI; the integrity tests compare the data against them.
SOURCES = pathlib.Path(__file__).resolve().parents[3] / "shared" / "sources"
UPTODATE = SOURCES / "uptodate-2017-surgical-and-local-therapy-metastatic-sts.txt"
LMS = SOURCES / "lms-site-local-treatment-choices-by-site-intro.txt"


@pytest.fixture(scope="session")
def uptodate_text() -> str:
    if not UPTODATE.exists():  # pragma: no cover - only outside the workspace
        pytest.skip(f"source document not found at {UPTODATE}")
    return UPTODATE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def lms_text() -> str:
    if not LMS.exists():  # pragma: no cover - only outside the workspace
        pytest.skip(f"source document not found at {LMS}")
    return LMS.read_text(encoding="utf-8")
