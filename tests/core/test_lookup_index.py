"""The bigram index of the typo search finds exactly what a scan of every name finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sarcoma_local._core.text import edit_distance
from sarcoma_local._data.lookup import Lookup, _typo_bound

WORDS = st.text(alphabet="abcdeilnorstu ", min_size=1, max_size=14).map(str.strip)


def _scan(lookup: Lookup, folded: str) -> list[str]:
    """The typo search without the index: every name compared."""
    bound = _typo_bound(folded)
    if bound == 0:
        return []
    distances = {n: edit_distance(folded, n, bound) for n in lookup._names}
    best = min((d for d in distances.values() if d <= bound), default=None)
    if best is None:
        return []
    return sorted({lookup._exact[n] for n, d in distances.items() if d == best})


@settings(max_examples=300, deadline=None)
@given(names=st.lists(WORDS.filter(bool), min_size=1, max_size=30, unique=True), query=WORDS)
def test_indexed_typo_search_equals_a_full_scan(names: list[str], query: str) -> None:
    lookup = Lookup((f"k{i}", (name,)) for i, name in enumerate(names))
    folded = " ".join(query.split())
    if folded:
        assert lookup._closest(folded) == _scan(lookup, folded)


def test_a_transposed_long_name_still_resolves() -> None:
    lookup = Lookup([("radiofrequency-ablation", ("radiofrequency ablation",))])
    assert lookup.resolve("radiofrequncy ablaton") == "radiofrequency-ablation"
