"""Patient texts over the whole catalogue: present, readable, explained, in our own words.

The readability gate uses textstat's Flesch-Kincaid grade (NIH and AMA advise grade
6-8 for patient material): the median over every patient text is at most grade 8
and none is above grade 10. Every long or technical word is in the glossary.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator
from pathlib import Path

import pytest
import textstat

import sarcoma_local as sl

EVERYDAY = {
    line.strip().casefold()
    for line in (Path(__file__).parent / "data" / "everyday-words.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
}
MEDIAN_GRADE = 8.0
MAX_GRADE = 10.0
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9-]*[A-Z0-9]\b")


def patient_texts() -> Iterator[tuple[str, str]]:
    """(where, text) for every text a patient reads: option and technique texts,
    their questions (one block each) and the glossary's meanings."""
    for t in sl.techniques():
        assert t.patient is not None
        yield f"technique {t.key}", t.patient.text
        if t.patient.questions:
            yield f"technique {t.key} questions", " ".join(t.patient.questions)
    for o in sl.options():
        assert o.patient is not None
        yield f"option {o.site}/{o.technique}", o.patient.text
        if o.patient.questions:
            yield f"option {o.site}/{o.technique} questions", " ".join(o.patient.questions)
    for term in sl.glossary():
        yield f"glossary {term.key}", term.text


def _glossary_forms() -> set[str]:
    return {f.casefold() for t in sl.glossary() for f in (t.name, *t.aliases)}


def test_every_technique_has_a_patient_text_and_questions() -> None:
    missing = [t.key for t in sl.techniques() if t.patient is None or not t.patient.questions]
    assert missing == []


def test_every_option_has_a_patient_text() -> None:
    assert [f"{o.site}/{o.technique}" for o in sl.options() if o.patient is None] == []


def test_the_median_patient_text_reads_at_grade_8_or_below() -> None:
    grades = [textstat.flesch_kincaid_grade(text) for _, text in patient_texts()]
    assert statistics.median(grades) <= MEDIAN_GRADE


def test_no_patient_text_reads_above_grade_10() -> None:
    too_hard = {
        where: round(grade, 1)
        for where, text in patient_texts()
        if (grade := textstat.flesch_kincaid_grade(text)) > MAX_GRADE
    }
    assert too_hard == {}


def test_the_readability_gate_catches_a_hard_text() -> None:
    # Guards the gate against passing vacuously: professional prose fails it.
    hard = sl.technique("resection").summary
    assert textstat.flesch_kincaid_grade(hard) > MAX_GRADE


def _unexplained(text: str, forms: set[str]) -> set[str]:
    # Multi-word forms ("isolated limb perfusion") are removed first, whole words only.
    folded = text.casefold()
    for form in sorted(forms, key=len, reverse=True):
        if " " in form or "-" in form:
            folded = re.sub(rf"(?<![\w-]){re.escape(form)}(?![\w-])", " ", folded)
    found = set()
    for word in _WORD.findall(folded):
        bare = word.strip("'-")
        if bare in forms or bare in EVERYDAY:
            continue
        if textstat.syllable_count(bare) >= 4:
            found.add(bare)
    for acronym in _ACRONYM.findall(text):
        if acronym.casefold() not in forms:
            found.add(acronym)
    return found


def test_every_long_or_technical_word_is_explained_in_the_glossary() -> None:
    forms = _glossary_forms()
    jargon = {
        where: sorted(words)
        for where, text in patient_texts()
        if not where.startswith("glossary") and (words := _unexplained(text, forms))
    }
    assert jargon == {}


def test_the_jargon_check_catches_an_unexplained_word() -> None:
    forms = _glossary_forms()
    assert _unexplained("The lesion showed neovascularisation on FDG-PET.", forms) >= {
        "neovascularisation"
    }


@pytest.mark.parametrize("phrase", ["you should", "we recommend", "recommended", "best option"])
def test_no_patient_text_recommends(phrase: str) -> None:
    assert [where for where, text in patient_texts() if phrase in text.casefold()] == []


def _runs(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_patient_texts_are_not_copied_from_the_professional_texts() -> None:
    # Own words: no run of eight words is shared with a summary or statement.
    professional: set[tuple[str, ...]] = set()
    for t in sl.techniques():
        professional |= _runs(t.summary)
    for o in sl.options():
        professional |= _runs(o.summary)
        for s in o.statements:
            professional |= _runs(s.text)
    copied = [where for where, text in patient_texts() if _runs(text) & professional]
    assert copied == []


def test_every_glossary_form_names_one_term() -> None:
    seen: dict[str, str] = {}
    clashes = []
    for term in sl.glossary():
        for form in {f.casefold() for f in (term.name, *term.aliases)}:
            if seen.setdefault(form, term.key) != term.key:
                clashes.append(form)
    assert clashes == []
