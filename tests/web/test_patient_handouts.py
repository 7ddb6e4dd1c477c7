"""Handouts by audience, and the two-page summary "for your doctor"."""

from __future__ import annotations

import re

import pytest

import sarcoma_local as sl
from sarcoma_local._pages.doctor_handout import MAX_FIGURES, MAX_QUESTIONS, MAX_REFERENCES


def test_a_patient_handout_opens_each_option_with_plain_words_and_questions() -> None:
    text = sl.handout("lung", technique="SBRT")
    option = sl.option("lung", "SBRT")
    assert option.patient is not None
    assert "### In plain words" in text
    assert "### Questions you may want to ask your team" in text
    assert option.patient.questions[0] in text.replace("\\", "")


def test_a_patient_handout_explains_the_words_it_uses() -> None:
    page = sl.handout("liver", technique="TACE", format="html")
    linked = set(re.findall(r'<a class="term" href="#(term-[a-z0-9-]+)"', page))
    assert linked
    assert all(f'<dt id="{anchor}">' in page for anchor in linked)


def test_a_term_is_linked_once_per_handout() -> None:
    page = sl.handout("liver", format="html")
    anchors = re.findall(r'<a class="term" href="#(term-[a-z0-9-]+)"', page)
    assert len(anchors) == len(set(anchors))


def test_a_professional_handout_has_no_plain_words_or_glossary() -> None:
    text = sl.handout("liver", audience="professional")
    assert "In plain words" not in text
    assert "Words used in this handout" not in text
    assert sl.technique("resection").summary.replace("(", "") in text.replace("(", "")


def test_an_unknown_audience_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="audience must be one of"):
        sl.handout("liver", audience="doctor")


@pytest.mark.parametrize(("paper", "size"), [("a4", "A4"), ("letter", "letter")])
def test_an_html_handout_is_laid_out_for_its_paper(paper: str, size: str) -> None:
    assert f"@page{{size:{size};" in sl.handout("lung", format="html", paper=paper)


def test_an_unknown_paper_size_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match=r"paper must be one of \('a4', 'letter'\)"):
        sl.handout("lung", format="html", paper="a3")


@pytest.mark.parametrize("site", [s.key for s in sl.sites()])
def test_the_brief_handout_lists_every_option_of_the_site_once(site: str) -> None:
    text = sl.handout(site, brief=True)
    rows = [line for line in text.splitlines() if line.startswith("| ") and "---" not in line]
    for o in sl.options(site):
        name = sl.technique(o.technique).name.replace("(", "").replace(")", "")
        assert sum(name in row.replace("(", "").replace(")", "") for row in rows) >= 1


@pytest.mark.parametrize("site", [s.key for s in sl.sites()])
def test_the_brief_handout_keeps_to_its_limits(site: str) -> None:
    text = sl.handout(site, brief=True)
    refs = re.findall(r"^\d+\. \*\*", text, flags=re.MULTILINE)
    questions = text.split("## Questions you may want to ask")[-1].count("\n- ")
    figures = text.split("## Key figures")[1].split("##")[0] if "## Key figures" in text else ""
    figure_rows = figures.count("\n| ") - 1 if figures else 0
    assert 1 <= len(refs) <= MAX_REFERENCES
    assert questions <= MAX_QUESTIONS
    assert figure_rows <= MAX_FIGURES


def test_the_brief_handout_cites_articles_with_their_identifiers() -> None:
    text = sl.handout("lung", brief=True)
    block = text.split("## Key references")[1].split("##")[0]
    assert "PMID:" in block or "doi:" in block


def test_the_brief_handout_carries_the_data_version_and_disclaimer() -> None:
    page = sl.handout("bone", brief=True, format="html")
    assert f"Data version {sl.DATA_VERSION}" in page
    assert "not medical advice" in page.lower()


def test_the_brief_handout_is_for_a_whole_site() -> None:
    with pytest.raises(ValueError, match="whole site"):
        sl.handout("liver", technique="RFA", brief=True)
