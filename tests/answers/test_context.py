"""context(): ranked, cited, budgeted passages with a coverage signal."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sarcoma_local as sl

QUESTIONS = [
    "my husband has 3 spots on his liver from LMS, can they burn them?",
    "is cyberknife an option for lung nodules?",
    "where does leiomyosarcoma usually spread?",
    "does LMS spread to lymph nodes",
    "what can be done for liver metastases",
    "gamma knife for brain mets",
    "what is RFA?",
]


def test_a_patient_question_about_burning_liver_spots_gets_liver_ablation_first() -> None:
    ctx = sl.context("my husband has 3 spots on his liver from LMS, can they burn them?")
    assert ctx.passages[0].key == "liver/radiofrequency-ablation"


def test_liver_metastases_without_a_technique_put_the_standard_option_first() -> None:
    ctx = sl.context("what can be done for liver metastases")
    assert (ctx.passages[0].key, ctx.passages[0].role) == ("liver/resection", "standard")


def test_a_spread_question_is_answered_from_pattern_rules_and_tables() -> None:
    ctx = sl.context("where does leiomyosarcoma usually spread?")
    assert {p.kind for p in ctx.passages[:3]} <= {"rule", "table"}


def test_the_histology_filter_leaves_out_patterns_of_other_tumour_types() -> None:
    ctx = sl.context("where does leiomyosarcoma usually spread?")
    assert not any("myxoid" in key for key in ctx.keys)


def test_a_nodal_question_ranks_the_nodal_rules_first() -> None:
    assert sl.context("does LMS spread to lymph nodes").passages[0].key.startswith("nodal-")


def test_what_is_a_technique_puts_the_technique_first() -> None:
    assert sl.context("what is RFA?").passages[0].key == "radiofrequency-ablation"


@pytest.mark.parametrize(
    "question",
    ["What does grade mean?", "What chemo is best for LMS?", "Is sarcoma hereditary?", "hello"],
)
def test_an_uncovered_question_says_so_and_carries_no_passages(question: str) -> None:
    ctx = sl.context(question)
    assert (ctx.coverage, ctx.covered, ctx.coverage_gap) == ("none", False, True)
    assert ctx.passages == ()
    assert ctx.reason.startswith("not covered")


def test_a_technique_the_site_lacks_is_a_partial_answer_that_explains_the_technique() -> None:
    ctx = sl.context("can they freeze the mets in her bones")
    assert ctx.coverage == "partial"
    assert "cryoablation" in ctx.reason
    assert ctx.passages[0].key == "cryoablation"


def test_a_treatment_without_an_entry_is_named_in_the_reason() -> None:
    assert "proton therapy" in sl.context("is proton therapy good for sarcoma").reason


@pytest.mark.parametrize("max_chars", [800, 1500, 3000, 6000, 20000])
def test_the_text_fits_the_budget(max_chars: int) -> None:
    for question in QUESTIONS:
        assert len(sl.context(question, max_chars=max_chars).text) <= max_chars


def test_a_small_budget_keeps_fewer_details_and_says_it_truncated() -> None:
    small = sl.context("what can be done for liver metastases", max_chars=1500)
    large = sl.context("what can be done for liver metastases", max_chars=20000)
    assert small.truncated
    assert len(small.text) < len(large.text)


def test_limit_caps_the_number_of_passages() -> None:
    assert len(sl.context("what can be done for liver metastases", limit=2).passages) == 2


def test_the_same_question_gives_the_same_context() -> None:
    assert sl.context(QUESTIONS[0]) == sl.context(QUESTIONS[0])


def test_every_shown_link_is_the_primary_link_of_the_one_link_builder() -> None:
    from sarcoma_local._render.links import primary_link

    for question in QUESTIONS:
        for passage in sl.context(question, max_chars=20000).passages:
            for ref in passage.citations:
                link = primary_link(sl.citation(ref.key))
                assert ref.link == (link.url if link else None)


def test_a_reference_is_labelled_by_the_one_formatter() -> None:
    ctx = sl.context("liver resection for leiomyosarcoma")
    ref = ctx.passages[0].citations[0]
    assert ref.label == sl.format_citation(ref.key, "label")


def test_every_reference_link_passes_the_link_rule() -> None:
    from sarcoma_local._core.links import link_problem

    ctx = sl.context("liver resection for leiomyosarcoma", max_chars=20000)
    links = [r.link for p in ctx.passages for r in p.citations if r.link]
    assert links
    assert [link for link in links if link_problem(link)] == []


def test_the_disclaimer_travels_with_every_answer() -> None:
    for question in [*QUESTIONS, "What does grade mean?"]:
        ctx = sl.context(question)
        assert ctx.disclaimer == sl.DISCLAIMER
        assert ctx.text.endswith(sl.DISCLAIMER)


def test_standard_is_explained_as_the_usual_approach_never_a_recommendation() -> None:
    ctx = sl.context("what can be done for liver metastases")
    meaning = ctx.role_meanings["standard"]
    assert "the usual approach where it is feasible" in meaning
    assert "recommend" not in meaning


def test_the_professional_audience_sees_study_types_and_populations() -> None:
    question = "liver resection for leiomyosarcoma"
    professional = sl.context(question, audience="professional")
    assert "Retrospective series; population: leiomyosarcoma patients" in professional.text
    assert "Retrospective series" not in sl.context(question).text


def test_a_table_passage_carries_its_counts() -> None:
    ctx = sl.context("where does uterine leiomyosarcoma spread", max_chars=20000)
    table = next(p for p in ctx.passages if p.key == "tirumani-2014-uterine-lms-sites")
    lung = next(f for f in table.figures if f.label == "Lung")
    assert lung.percent_reported is not None


def test_to_dict_is_json_ready() -> None:
    data = json.loads(json.dumps(sl.context(QUESTIONS[0]).to_dict()))
    assert data["coverage"] == "full"
    assert data["passages"][0]["key"] == "liver/radiofrequency-ablation"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"audience": "doctor"}, ValueError),
        ({"max_chars": 100}, ValueError),
        ({"limit": 0}, ValueError),
        ({"max_chars": "6000"}, TypeError),
    ],
)
def test_bad_arguments_are_clear_errors(kwargs: dict[str, object], error: type) -> None:
    with pytest.raises(error):
        sl.context("liver", **kwargs)  # type: ignore[arg-type]


def test_a_non_string_question_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="question must be a str"):
        sl.context(None)  # type: ignore[arg-type]


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=300), max_chars=st.integers(min_value=800, max_value=8000))
def test_any_text_gives_a_context_within_budget(text: str, max_chars: int) -> None:
    ctx = sl.context(text, max_chars=max_chars)
    assert len(ctx.text) <= max_chars
    assert ctx.coverage in {"full", "partial", "none"}


@pytest.mark.parametrize(
    "question", ["What are the symptoms of lung metastases?", "chemo for liver mets"]
)
def test_a_site_with_an_uncovered_subject_is_not_covered(question: str) -> None:
    assert sl.context(question).coverage == "none"


def test_a_subject_set_aside_does_not_make_the_question_uncovered() -> None:
    ctx = sl.context("what can be done for LMS liver mets besides chemo")
    assert (ctx.coverage, ctx.passages[0].key) == ("full", "liver/resection")


def test_a_long_reason_is_shortened_in_the_text_to_fit_the_smallest_budget() -> None:
    question = (
        "chemo, diet, genes, grade, symptoms, osteosarcoma, GIST or proton therapy: "
        "can they freeze, laser or microwave the lung, brain and bone mets?"
    )
    ctx = sl.context(question, max_chars=800)
    assert len(ctx.text) <= 800
    assert ctx.reason.endswith("at lung or brain or bone")
