"""Pages show each option's figures, what the guidelines say, and when it was reviewed."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

import sarcoma_local as sl
from sarcoma_local._pages.document import option_text, stances_for
from sarcoma_local._pages.handout import handout
from sarcoma_local._render.citations import catalogue_labels


@pytest.fixture(scope="module")
def liver_mwa() -> str:
    return handout("liver", technique="microwave ablation")


def test_handout_has_a_figures_table_with_level_and_source(liver_mwa: str) -> None:
    assert "| Outcome | Value | Patients | Level | Source |" in liver_mwa
    assert (
        "| overall survival, median (all 23 patients) | 18 months | 23 | 3iiiA | Perrodin 2019 |"
        in (liver_mwa)
    )


def test_handout_says_what_the_guidelines_say(liver_mwa: str) -> None:
    assert "### What the guidelines say" in liver_mwa
    assert "NICE (IPG553" in liver_mwa


def test_handout_says_when_the_option_was_reviewed(liver_mwa: str) -> None:
    assert "Last reviewed against the literature on 2026-11-30." in liver_mwa


def test_an_option_page_renders_its_figures_as_an_accessible_table(tmp_path: Path) -> None:
    sl.build_site(tmp_path / "site")
    page = (tmp_path / "site" / "sites" / "soft-tissue.html").read_text(encoding="utf-8")
    assert '<th scope="col">Level</th>' in page
    assert "80.2%" in page


def test_stances_follow_the_guidelines_query() -> None:
    option = sl.option("liver", "microwave ablation")
    assert stances_for(option) == sl.guidelines("liver", "microwave ablation")


def test_a_figure_row_without_a_printed_count_says_so() -> None:
    option = sl.option("soft tissue", "SBRT")
    cited = {c.key: c for c in sl.citations()}
    rows = option_text(option, catalogue_labels(), cited=cited).figures
    unknown = [r for r in rows if r.patients == "not stated"]
    counted = [r for r in rows if r.patients != "not stated"]
    assert counted
    assert all(r.patients.isdigit() for r in counted)
    for r in unknown:
        d = cited[r.source.key].descriptors
        assert d is None or d.patients is None


def _statement(direction: str) -> tuple[str, str, str]:
    for o in sl.options():
        for s in o.statements:
            if s.direction.value == direction:
                return o.site, o.technique, s.text
    raise AssertionError(f"no statement reports {direction}")


@pytest.mark.parametrize(("direction", "shown"), [("no-benefit", "No benefit"), ("harm", "Harm")])
def test_a_negative_or_harm_finding_is_marked_in_words_on_the_handout(
    direction: str, shown: str
) -> None:
    site, technique, text = _statement(direction)
    # The professional handout gives every statement (a patient's, the strongest few).
    page = sl.handout(site, technique=technique, format="html", audience="professional")
    assert f'<strong class="finding">{shown}:</strong> {html.escape(text)}' in page


def test_a_descriptive_statement_carries_no_finding_mark() -> None:
    site, technique, text = _statement("descriptive")
    page = sl.handout(site, technique=technique, format="html", audience="professional")
    assert f"<li>{html.escape(text)}" in page
