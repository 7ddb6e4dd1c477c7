"""Citations built by hand for the export tests: non-ASCII names and missing fields."""

from __future__ import annotations

import pytest

import sarcoma_local as sl


@pytest.fixture
def accented() -> sl.Citation:
    """Non-ASCII family names and initials, a DOI and no PMID."""
    return sl.Citation(
        key="muller-2020-12",
        authors=(sl.Author("Müller", "K"), sl.Author("Ñúñez", "JÁ"), sl.Author("van Geel", "AN")),
        title="Ablation of lung metastases in Zürich & Málaga: 50% fewer relapses?",
        journal="Eur J Surg Oncol",
        year=2020,
        volume="46",
        issue="2",
        pages="12-9",
        doi="10.1016/j.ejso.2020.01.001",
    )


@pytest.fixture
def bare() -> sl.Citation:
    """Only what every citation has: no authors, volume, issue, pages or identifiers."""
    return sl.Citation(
        key="bare-2001", authors=(), title="A bare record", journal="Sarcoma", year=2001
    )


@pytest.fixture
def organisation() -> sl.Citation:
    """A collective author (no initials), with et al."""
    return sl.Citation(
        key="group-2019-5",
        authors=(sl.Author("Sarcoma Study Group, and Friends"),),
        et_al=True,
        title="Consensus on local therapy",
        journal="Ann Oncol",
        year=2019,
        volume="30",
        pages="5",
        pmid=12345678,
    )
