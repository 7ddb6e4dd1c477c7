"""Chat answers hand out canonical links only: evidence pages on mirrors are named by host."""

from __future__ import annotations

import json
import re

import pytest

import sarcoma_local as sl
from sarcoma_local._chat.resources import read_resource
from sarcoma_local._core.links import link_problem
from sarcoma_local._render.links import evidence_place

URL = re.compile(r"https?://[^\s\"'<>)]+")


def _bad_urls(answer: object) -> list[str]:
    return [u for u in URL.findall(json.dumps(answer)) if link_problem(u)]


@pytest.mark.parametrize("site", [s.key for s in sl.sites()])
def test_a_full_site_options_answer_has_no_link_off_the_canonical_hosts(site: str) -> None:
    assert _bad_urls(sl.call_tool("site_options", {"site": site, "detail": "full"})) == []


def test_evidence_and_guideline_answers_have_no_link_off_the_canonical_hosts() -> None:
    assert _bad_urls(sl.call_tool("evidence", {})) == []
    assert _bad_urls(sl.call_tool("guidelines", {})) == []


@pytest.mark.parametrize("key", [c.key for c in sl.citations()])
def test_a_citation_resource_has_no_link_off_the_canonical_hosts(key: str) -> None:
    assert _bad_urls(read_resource(f"sarcoma-local://citations/{key}")) == []


def test_a_mirror_evidence_page_is_named_by_its_host() -> None:
    place = evidence_place("https://proxy.weglot.com/wg_1/nl/en/pubmed.ncbi.nlm.nih.gov/1")
    assert place == "proxy.weglot.com (recorded as evidence; not shown as a link)"


def test_a_canonical_evidence_page_stays_a_link() -> None:
    page = "https://pubmed.ncbi.nlm.nih.gov/3973646/"
    assert evidence_place(page) == page
