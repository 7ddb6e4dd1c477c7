"""``sarcoma-local show liver``, the README's first command, laid out for a reader."""

from __future__ import annotations

import re

import pytest

import sarcoma_local as sl

from .conftest import Run


@pytest.fixture
def liver(run: Run) -> str:
    return run("show", "liver")[1]


def _references(page: str) -> list[str]:
    return page.split("\nReferences\n", 1)[1].split("\n\nData version")[0].splitlines()[1:]


def test_statements_cite_numbers_not_keys(liver: str) -> None:
    assert "(chen-1998-151" not in liver
    assert "removed lived longer than those left with residual disease [1, 2]." in liver


def test_each_reference_is_printed_once(liver: str) -> None:
    assert liver.count("Metastasectomy for limited metastases from soft tissue") == 1


def test_references_are_numbered_once_in_order(liver: str) -> None:
    numbers = [int(m) for m in re.findall(r"^(\d+)\. ", "\n".join(_references(liver)), re.M)]
    cited = {k for o in sl.options("liver") for k in o.citation_keys}
    assert numbers == list(range(1, len(cited) + 1))


def test_reference_lines_come_from_the_one_formatter(liver: str) -> None:
    text = " ".join(" ".join(_references(liver)).split())
    assert sl.format_citation("potter-1985-353") not in text  # not cited for the liver
    assert sl.format_citation("tsao-2000-603") in text


def test_unverified_pmids_are_marked_and_explained_once(liver: str) -> None:
    assert "(PMID not verified)" not in liver
    assert liver.count("\N{DAGGER} PubMed number not verified.") == 1


def test_references_carry_their_links(liver: str) -> None:
    assert "    https://pubmed.ncbi.nlm.nih.gov/10836009/" in liver


def test_a_technique_filter_keeps_only_its_references(run: Run) -> None:
    out = run("show", "liver", "--technique", "cryo")[1]
    assert len(re.findall(r"^\d+\. ", out.split("\nReferences\n")[1], re.M)) == len(
        sl.option("liver", "cryoablation").citation_keys
    )
