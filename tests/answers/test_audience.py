"""context() and chunks() pick their words by audience."""

from __future__ import annotations

import sarcoma_local as sl


def test_a_patient_context_gives_an_option_in_plain_words() -> None:
    ctx = sl.context("can they burn the spots on my liver?")
    top = ctx.passages[0]
    option = sl.option(*top.key.split("/"))
    assert option.patient is not None
    assert option.patient.text in top.text
    assert option.summary not in top.text


def test_a_patient_context_carries_the_questions_to_ask() -> None:
    ctx = sl.context("can they burn the spots on my liver?")
    top = ctx.passages[0]
    option = sl.option(*top.key.split("/"))
    assert option.patient is not None
    assert top.questions == option.patient.questions
    assert "Questions to ask:" in ctx.text


def test_a_professional_context_gives_the_summary_without_questions() -> None:
    ctx = sl.context("can they burn the spots on my liver?", audience="professional")
    top = ctx.passages[0]
    assert sl.option(*top.key.split("/")).summary in top.text
    assert top.questions == ()


def test_every_option_passage_carries_a_source() -> None:
    # Plain words are longer than the summary: the head still travels with a statement.
    for question in ("liver metastases", "lung spots", "bone metastases", "what is HIPEC"):
        for p in sl.context(question).passages:
            if p.kind == "option":
                assert p.citations, (question, p.key)


def test_a_patient_chunk_of_an_option_opens_with_its_plain_words() -> None:
    chunk = next(c for c in sl.chunks() if c["id"] == "option:liver/resection")
    patient = sl.option("liver", "resection").patient
    assert patient is not None
    assert patient.text in chunk["text"]
    assert chunk["questions"] == list(patient.questions)


def test_a_professional_chunk_has_no_questions() -> None:
    chunk = next(
        c for c in sl.chunks(audience="professional") if c["id"] == "option:liver/resection"
    )
    assert chunk["questions"] == []
    assert sl.option("liver", "resection").summary in chunk["text"]
