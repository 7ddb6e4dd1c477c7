"""Free-text search: ranked, typo-tolerant, never raising on odd text."""

from __future__ import annotations

import pytest

import sarcoma_local as sl


def test_cryo_liver_finds_the_liver_cryoablation_option_first() -> None:
    hits = sl.search("cryo liver")
    assert (hits[0].kind, hits[0].key) == ("option", "liver/cryoablation")


def test_search_tolerates_typos() -> None:
    assert sl.search("radiofrequncy")[0].key.endswith("radiofrequency-ablation")


def test_search_by_pmid_finds_the_citation() -> None:
    hits = sl.search("3973646")
    assert (hits[0].kind, hits[0].key) == ("citation", "potter-1985-353")


def test_search_scores_are_descending() -> None:
    scores = [h.score for h in sl.search("lung metastasectomy survival", limit=20)]
    assert scores == sorted(scores, reverse=True)


def test_search_kind_filter() -> None:
    hits = sl.search("lung", kinds=["citation"])
    assert hits
    assert {h.kind for h in hits} == {"citation"}


def test_search_kind_filter_accepts_one_string() -> None:
    assert {h.kind for h in sl.search("lung", kinds="site")} == {"site"}


def test_search_unknown_kind_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown kinds"):
        sl.search("lung", kinds=["planet"])


def test_search_limit() -> None:
    assert len(sl.search("sarcoma", limit=3)) == 3
    assert sl.search("sarcoma", limit=0) == []


@pytest.mark.parametrize("query", ["", "   ", "!!!", "of the and", "zzzzqqq"])
def test_search_returns_empty_list_when_nothing_matches(query: str) -> None:
    assert sl.search(query) == []


def test_search_refuses_non_string_query() -> None:
    with pytest.raises(TypeError):
        sl.search(None)  # type: ignore[arg-type]


def test_hit_carries_the_record() -> None:
    hit = sl.search("pulmonary", kinds="site")[0]
    assert hit.record is sl.site("lung")
