"""Property-based tests: arbitrary input never escapes as anything but our errors."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

import sarcoma_local as sl
from sarcoma_local._core.text import edit_distance, normalize

LOOKUPS: list[Callable[[str], object]] = [
    sl.site,
    sl.technique,
    sl.histology,
    sl.recurrence_table,
    sl.recurrence_rate,
    sl.metastatic_pattern,
    sl.nodal_spread,
    sl.citation,
]
FINDERS: list[Callable[[str], object]] = [sl.find_site, sl.find_technique, sl.find_histology]

text = st.text(max_size=60)


@settings(max_examples=150, deadline=None)
@given(query=text, which=st.sampled_from(LOOKUPS))
def test_getters_raise_only_unknown_key_errors(query: str, which: Callable[[str], object]) -> None:
    with contextlib.suppress(sl.UnknownKeyError):
        which(query)


@settings(max_examples=150, deadline=None)
@given(query=text, which=st.sampled_from(FINDERS))
def test_finders_never_raise(query: str, which: Callable[[str], object]) -> None:
    which(query)


@settings(max_examples=200, deadline=None)
@given(query=text, limit=st.integers(min_value=0, max_value=30))
def test_search_returns_a_bounded_ranked_list(query: str, limit: int) -> None:
    hits = sl.search(query, limit=limit)
    assert len(hits) <= limit
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


@given(value=st.one_of(st.text(max_size=12), st.integers(), st.none(), st.floats()))
def test_parse_pmid_accepts_or_raises_invalid_identifier(value: object) -> None:
    try:
        pmid = sl.parse_pmid(value)
    except sl.InvalidIdentifierError:
        assert not sl.is_valid_pmid(value)
    else:
        assert 1 <= pmid <= 99_999_999
        assert sl.is_valid_pmid(value)


@given(st.integers(min_value=1, max_value=99_999_999))
def test_parse_pmid_round_trips_digit_strings(pmid: int) -> None:
    assert sl.parse_pmid(str(pmid)) == pmid
    assert sl.parse_pmid(f" {pmid} ") == pmid


@given(value=st.text(max_size=40))
def test_parse_doi_is_idempotent(value: str) -> None:
    try:
        doi = sl.parse_doi(value)
    except sl.InvalidIdentifierError:
        return
    assert sl.parse_doi(doi) == doi


def _naive_osa(a: str, b: str) -> int:
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


small = st.text(alphabet="abcde", max_size=8)


@given(a=small, b=small, bound=st.integers(min_value=0, max_value=4))
def test_bounded_edit_distance_agrees_with_the_full_table(a: str, b: str, bound: int) -> None:
    exact = _naive_osa(a, b)
    assert edit_distance(a, b, bound) == (exact if exact <= bound else bound + 1)


@given(a=small, b=small)
def test_edit_distance_is_symmetric(a: str, b: str) -> None:
    assert edit_distance(a, b, 8) == edit_distance(b, a, 8)


@given(value=st.text(max_size=40))
def test_normalize_is_idempotent(value: str) -> None:
    assert normalize(normalize(value)) == normalize(value)
