"""Computable evidence: figures on statements, levels of evidence, stances, review dates."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import pytest

import sarcoma_local as sl
from sarcoma_local._data.checks import load_problems, validate
from sarcoma_local._data.evidence_checks import states_a_number
from sarcoma_local._data.levels import design_level, level_code, level_of_evidence
from sarcoma_local._data.loader import Catalogue, get_catalogue

LC = sl.Figure(
    sl.Measure.LOCAL_CONTROL,
    sl.Statistic.PROPORTION,
    citation="wjso-2022-322",
    verified_at="https://wjso.biomedcentral.com/articles/10.1186/s12957-022-02781-1",
    value=80.2,
    unit=sl.Unit.PERCENT,
    time_point=sl.TimePoint(1, sl.Unit.YEARS),
)


def _study(study_type: str, **descriptors: Any) -> sl.Citation:
    d = (
        sl.StudyDescriptors(verified_at="https://x.example/", **descriptors)
        if descriptors
        else None
    )
    return sl.Citation("k", (), "T", "J", 2020, study_type=sl.StudyType(study_type), descriptors=d)


def _with(**changes: Any) -> Catalogue:
    """The shipped catalogue with some of its record lists replaced."""
    cat = get_catalogue()
    fields: dict[str, Any] = {
        "meta": cat.meta,
        "provenance": cat.provenance,
        "citations": tuple(cat.citations.values()),
        "options": cat.options,
        "tables": tuple(cat.tables.values()),
        "rules": cat.rules,
        "guidelines": cat.guidelines,
    }
    fields.update(changes)
    return Catalogue(**fields)


def _sbrt_with_figures(*figures: sl.Figure, reason: str = "") -> Catalogue:
    cat = get_catalogue()
    options = []
    for o in cat.options:
        if (o.site, o.technique) == ("soft-tissue", "stereotactic-body-radiotherapy"):
            first = attrs.evolve(o.statements[0], figures=figures, no_figures_reason=reason)
            o = attrs.evolve(o, statements=(first, *o.statements[1:]))
        options.append(o)
    return _with(options=tuple(options))


# --- levels of evidence --------------------------------------------------------------


@pytest.mark.parametrize(
    ("citation", "measure", "code"),
    [
        (_study("retrospective-series"), None, "3iii"),
        (_study("retrospective-series", endpoint=sl.Endpoint.TOTAL_MORTALITY), None, "3iiiA"),
        (_study("retrospective-series", sampling=sl.Sampling.CONSECUTIVE), None, "3ii"),
        (_study("registry-study", sampling=sl.Sampling.POPULATION_BASED), None, "3i"),
        (_study("prospective-trial", controlled=True), None, "2"),
        (_study("prospective-trial"), sl.Measure.RESPONSE, "3iiiDiv"),
        (_study("randomised-trial"), sl.Measure.OVERALL_SURVIVAL, "1iiA"),
        (_study("randomised-trial", blinded=True), sl.Measure.DISEASE_FREE_SURVIVAL, "1iDii"),
        (_study("case-report"), sl.Measure.PROGRESSION_FREE_SURVIVAL, "3iiiDiii"),
        (_study("retrospective-series", endpoint=sl.Endpoint.CAUSE_SPECIFIC_MORTALITY),
         sl.Measure.LOCAL_CONTROL, "3iiiB"),
        (_study("guideline"), sl.Measure.OVERALL_SURVIVAL, "guideline"),
        (_study("review"), None, "review"),
        (_study("systematic-review"), None, "systematic-review"),
        (_study("economic-analysis"), None, "economic-analysis"),
    ],
)  # fmt: skip
def test_level_is_derived_from_design_descriptors_and_endpoint(
    citation: sl.Citation, measure: sl.Measure | None, code: str
) -> None:
    assert level_of_evidence(citation, measure) == code


def test_a_series_not_recorded_as_consecutive_counts_as_non_consecutive() -> None:
    assert design_level(sl.StudyType.RETROSPECTIVE_SERIES, None) is sl.DesignLevel("3iii")


def test_a_non_study_level_takes_no_endpoint() -> None:
    assert level_code(sl.DesignLevel.GUIDELINE, sl.Endpoint.TOTAL_MORTALITY) == "guideline"


def test_every_citation_carries_a_design_and_a_level() -> None:
    for c in sl.citations():
        assert c.level_of_evidence.startswith(design_level(c.study_type, c.descriptors).value), (
            c.key
        )


def test_the_citation_property_is_the_derivation() -> None:
    c = sl.citation("wjso-2022-322")
    assert c.level_of_evidence == level_of_evidence(c) == "3iii"


# --- figures and their checks ----------------------------------------------------------


def test_a_figure_keeps_what_the_source_printed() -> None:
    figure = sl.option("soft tissue", "SBRT").statements[0].figures[0]
    assert (figure.value, figure.unit, figure.time_point) == (80.2, sl.Unit.PERCENT, LC.time_point)
    assert figure.verified_at.startswith("https://")


def test_no_record_stores_a_source_s_own_wording() -> None:
    # Facts carry over, sentences do not: no evidence record has a field for quotes.
    for cls in (sl.Figure, sl.StudyDescriptors, sl.GuidelineStance):
        assert "printed" not in {a.name for a in attrs.fields(cls)}


def test_statements_default_to_descriptive_with_no_figures() -> None:
    s = sl.Statement("Text.", ("k",))
    assert (s.direction, s.figures, s.no_figures_reason) == (sl.Direction.DESCRIPTIVE, (), "")


def test_every_statement_stating_a_number_has_figures_or_a_reason() -> None:
    for o in sl.options():
        for s in o.statements:
            if states_a_number(s):
                assert s.figures or s.no_figures_reason, (o.site, o.technique, s.text)


def test_a_number_without_figures_or_reason_is_a_problem() -> None:
    problems = validate(_sbrt_with_figures())
    assert any("states a number but has no figures" in p for p in problems)


def test_an_honest_reason_stands_in_for_figures() -> None:
    assert validate(_sbrt_with_figures(reason="figures not yet re-verified")) == []


def test_numerator_above_denominator_fails_the_load_checks() -> None:
    bad = attrs.evolve(LC, unit=sl.Unit.PATIENTS, numerator=5, denominator=4)
    assert any(
        "numerator 5 above denominator 4" in p for p in load_problems(_sbrt_with_figures(bad))
    )


def test_a_figure_must_cite_one_of_its_statements_citations() -> None:
    stray = attrs.evolve(LC, citation="potter-1985-353")
    problems = load_problems(_sbrt_with_figures(stray))
    assert any("figure cites 'potter-1985-353', not one of its own" in p for p in problems)


def test_a_percent_that_disagrees_with_its_counts_must_be_flagged() -> None:
    # 40/56 is 71.4%; a source printing 72% is kept as printed, and flagged.
    odd = attrs.evolve(LC, value=72.0, numerator=40, denominator=56, time_point=None)
    assert any("disagrees with 40/56" in p for p in validate(_sbrt_with_figures(odd)))
    flagged = attrs.evolve(odd, flags=(sl.Flag.PERCENT_MISMATCH,))
    assert validate(_sbrt_with_figures(flagged)) == []


def test_a_percent_mismatch_flag_on_agreeing_counts_is_a_problem() -> None:
    wrong = attrs.evolve(
        LC, value=50.0, numerator=1, denominator=2, flags=(sl.Flag.PERCENT_MISMATCH,)
    )
    assert any("counts agree" in p for p in validate(_sbrt_with_figures(wrong)))


def test_a_median_needs_a_time_unit() -> None:
    median = attrs.evolve(LC, statistic=sl.Statistic.MEDIAN_TIME, time_point=None)
    assert any("needs a time unit" in p for p in validate(_sbrt_with_figures(median)))


# --- descriptors ---------------------------------------------------------------------


def test_descriptors_record_what_the_paper_printed() -> None:
    d = sl.citation("wjso-2022-322").descriptors
    assert d is not None
    assert (d.patients, d.lesions, d.centres) == (37, 58, sl.Centres.SINGLE)
    assert d.lms_patients is None  # not printed, not zero


def test_bad_descriptors_are_problems() -> None:
    c = sl.citation("wjso-2022-322")
    assert c.descriptors is not None
    d = attrs.evolve(
        c.descriptors, lms_patients=40, accrual_first_year=2020, registry_ids=("NCT123",)
    )
    citations = tuple(
        attrs.evolve(c, descriptors=d) if x.key == c.key else x for x in sl.citations()
    )
    problems = validate(_with(citations=citations))
    assert any("more LMS patients than patients" in p for p in problems)
    assert any("accrual years 2020-2019 run backwards" in p for p in problems)
    assert any("'NCT123' is not NCT + 8 digits" in p for p in problems)


def _with_pages(pages: str) -> list[str]:
    """Validation problems of the catalogue with one citation's pages replaced."""
    c = sl.citation("wjso-2022-322")
    citations = tuple(attrs.evolve(c, pages=pages) if x.key == c.key else x for x in sl.citations())
    return validate(_with(citations=citations))


def test_a_letter_prefixed_page_range_is_accepted() -> None:
    # PubMed prints supplements such as "Am Soc Clin Oncol Educ Book. 2015:e99-104".
    assert not any("wjso-2022-322" in p for p in _with_pages("e99-104"))


def test_a_numeric_page_range_running_backwards_is_a_problem() -> None:
    assert any("runs backwards" in p for p in _with_pages("300-120"))


# --- guideline stances ---------------------------------------------------------------


def test_stances_come_from_several_bodies_and_cite_guideline_records() -> None:
    stances = sl.guidelines()
    assert stances
    for g in stances:
        assert sl.citation(g.citation).study_type is sl.StudyType.GUIDELINE


def test_guidelines_filter_by_site_technique_and_organisation() -> None:
    found = sl.guidelines(site="liver", technique="microwave ablation", organisation="nice")
    assert [g.key for g in found] == ["nice-2016-ipg553-liver-microwave-ablation"]


def test_a_stance_naming_only_a_family_matches_each_technique_in_it() -> None:
    family = [g for g in sl.guidelines(technique="cryoablation") if g.categories]
    assert family
    assert all(sl.TechniqueCategory.ABLATION in g.categories for g in family)


def test_guidelines_reject_an_unknown_site_with_a_clear_error() -> None:
    with pytest.raises(sl.UnknownSiteError, match=r"unknown site 'nowhere-at-all'"):
        sl.guidelines(site="nowhere-at-all")


def test_a_stance_citing_a_non_guideline_is_a_problem() -> None:
    g = attrs.evolve(sl.guidelines()[0], citation="potter-1985-353")
    problems = validate(_with(guidelines=(g,)))
    assert any("not a guideline" in p for p in problems)


def test_a_stance_naming_an_unknown_site_fails_the_load_checks() -> None:
    g = attrs.evolve(sl.guidelines()[0], sites=("moon",))
    assert any("unknown site 'moon'" in p for p in load_problems(_with(guidelines=(g,))))


# --- review metadata -----------------------------------------------------------------


def test_every_option_carries_its_review_date_and_literature_year() -> None:
    for o in sl.options():
        assert datetime.date.fromisoformat(o.reviewed) <= datetime.date.today()
        assert o.literature_through == max(sl.citation(k).year for k in o.citation_keys)


def test_a_review_date_that_is_not_iso_is_a_problem() -> None:
    options = tuple(attrs.evolve(o, reviewed="22/11/2026") for o in get_catalogue().options[:1])
    problems = validate(_with(options=options + get_catalogue().options[1:]))
    assert any("is not an ISO date" in p for p in problems)


# --- evidence query ------------------------------------------------------------------


def test_evidence_returns_figures_with_their_option_and_citation() -> None:
    items = sl.evidence(site="soft tissue", technique="SBRT")
    assert "wjso-2022-322" in {i.citation.key for i in items}
    for i in items:
        assert i.figure in i.statement.figures
        assert i.statement in i.option.statements
        assert i.citation.key == i.figure.citation


def test_evidence_min_patients_leaves_out_smaller_and_unknown_studies() -> None:
    for item in sl.evidence(min_patients=30):
        assert item.patients is not None
        assert item.patients >= 30


def test_evidence_since_and_population_filter_the_citation() -> None:
    for item in sl.evidence(since=2015, population="SARCOMA"):
        assert item.citation.year >= 2015
        assert item.citation.population is sl.Population.SARCOMA


def test_evidence_level_takes_a_code_a_design_or_a_family() -> None:
    survival = sl.evidence(level="3iiiA")
    assert survival
    assert all(i.level == "3iiiA" for i in survival)
    assert len(sl.evidence(level="3")) >= len(sl.evidence(level="3iii")) >= len(survival)


def test_evidence_rejects_an_unknown_level_listing_the_valid_ones() -> None:
    with pytest.raises(sl.UnknownValueError, match=r"unknown level of evidence '4z'.*3iii"):
        sl.evidence(level="4z")


def test_evidence_rejects_a_non_integer_patient_count() -> None:
    with pytest.raises(TypeError, match="min_patients must be an int"):
        sl.evidence(min_patients="30")  # type: ignore[arg-type]
