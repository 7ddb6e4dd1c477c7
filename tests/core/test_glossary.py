"""The glossary: a getter that raises, a find_* that returns None, forgiving lookups."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sarcoma_local as sl


def test_the_glossary_is_alphabetical() -> None:
    names = [t.name.casefold() for t in sl.glossary()]
    assert names == sorted(names)


def test_a_term_resolves_from_any_of_its_forms() -> None:
    for term in sl.glossary():
        for form in (term.key, term.name, *term.aliases):
            assert sl.glossary_term(form) == term


def test_an_acronym_finds_its_term() -> None:
    assert sl.glossary_term("SBRT").key == sl.glossary_term("stereotactic body radiotherapy").key


def test_an_unknown_term_lists_the_valid_ones_and_the_likely_one() -> None:
    with pytest.raises(sl.UnknownGlossaryTermError) as caught:
        sl.glossary_term("chemoembo")
    assert "chemoembolisation" in caught.value.suggestions
    assert "embolisation" in caught.value.valid


def test_a_typo_still_finds_its_term() -> None:
    assert sl.glossary_term("margn").key == "margin"


def test_find_glossary_term_returns_none_for_an_unknown_word() -> None:
    assert sl.find_glossary_term("zzzz unknown") is None


def test_a_term_record_resolves_to_itself() -> None:
    term = sl.glossary()[0]
    assert sl.glossary_term(term) is term


def test_a_non_string_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        sl.glossary_term(42)  # type: ignore[arg-type]


@given(st.text(max_size=40))
def test_find_glossary_term_never_raises_on_text(text: str) -> None:
    found = sl.find_glossary_term(text)
    assert found is None or found in sl.glossary()


def test_the_catalogue_export_carries_the_glossary() -> None:
    exported = sl.catalogue_json()["glossary"]
    assert [t["key"] for t in exported] == [t.key for t in sl.glossary()]
