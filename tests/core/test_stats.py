"""The Wilson score interval the recurrence charts draw (``_data.stats``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sarcoma_local._data.stats import wilson_interval


@st.composite
def counts(draw: st.DrawFn) -> tuple[int, int]:
    n = draw(st.integers(min_value=1, max_value=5000))
    return draw(st.integers(min_value=0, max_value=n)), n


@given(counts())
def test_bounds_stay_within_zero_and_one(xn: tuple[int, int]) -> None:
    low, high = wilson_interval(*xn)
    assert 0.0 <= low <= high <= 1.0


@given(counts())
def test_interval_contains_the_observed_proportion(xn: tuple[int, int]) -> None:
    x, n = xn
    low, high = wilson_interval(x, n)
    assert low <= x / n <= high


@given(
    st.integers(min_value=0, max_value=50),
    st.integers(min_value=1, max_value=50),
    st.integers(min_value=2, max_value=20),
)
def test_interval_narrows_as_the_same_proportion_rests_on_more_patients(
    a: int, extra: int, k: int
) -> None:
    x, n = a, a + extra
    low, high = wilson_interval(x, n)
    low_k, high_k = wilson_interval(k * x, k * n)
    assert high_k - low_k < high - low


def test_matches_the_textbook_value_for_81_of_263() -> None:
    # Newcombe 1998 (Stat Med 17:857), method 3, prints 0.2553 to 0.3662. By hand:
    # p = 81/263 = 0.307985; z^2 = 3.841459; z^2/n = 0.014606; centre =
    # (p + z^2/2n) / (1 + z^2/n) = 0.315288 / 1.014606 = 0.310749; half-width =
    # z/(1 + z^2/n) * sqrt(p(1-p)/n + z^2/4n^2) = 1.931748 * sqrt(0.00081038 + 0.00001388)
    # = 1.931748 * 0.028710 = 0.055461; so 0.255288 to 0.366210.
    low, high = wilson_interval(81, 263)
    assert low == pytest.approx(0.255288, abs=1e-6)
    assert high == pytest.approx(0.366210, abs=1e-6)


def test_zero_successes_give_zero_to_z_squared_over_n_plus_z_squared() -> None:
    # With x = 0 the centre equals the half-width, so the upper bound is z^2 / (n + z^2):
    # 3.841459 / 13.841459 = 0.277533 for n = 10.
    low, high = wilson_interval(0, 10)
    assert (low, round(high, 6)) == (0.0, 0.277533)


def test_all_successes_reach_one() -> None:
    assert wilson_interval(10, 10)[1] == 1.0


@pytest.mark.parametrize(("x", "n"), [(1, 0), (-1, 5), (6, 5)])
def test_impossible_counts_are_a_clear_error(x: int, n: int) -> None:
    with pytest.raises(ValueError, match="n="):
        wilson_interval(x, n)
