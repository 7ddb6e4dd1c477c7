"""Name lookup for one kind of record: exact key, alias, then a tolerated typo.

A :class:`Lookup` maps every normalised key, name and alias to one record key.
``resolve()`` answers in about a microsecond for an exact or alias hit; only a
miss pays for the typo search, which accepts a single unambiguous winner within a
bounded edit distance. The typo search does not compare against every name: a
bigram index (built on the first miss) keeps only names of a near length that share
enough letter pairs with the query, since one edit removes at most three of the
query's distinct bigrams.
"""

from __future__ import annotations

from collections.abc import Iterable

from sarcoma_local._core.text import edit_distance, normalize

__all__ = ["Lookup"]


def _typo_bound(text: str) -> int:
    # Short names tolerate one slip; long ones two ("radiofrequncy ablaton").
    if len(text) < 4:
        return 0
    return 1 if len(text) < 9 else 2


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


class Lookup:
    """Resolve user-typed names of one kind to record keys."""

    __slots__ = ("_exact", "_grams", "_names", "keys")

    def __init__(self, entries: Iterable[tuple[str, Iterable[str]]]) -> None:
        """``entries`` gives each record key with its names and aliases.

        Raises ``ValueError`` when one name would point at two different keys.
        """
        exact: dict[str, str] = {}
        keys: list[str] = []
        for key, names in entries:
            keys.append(key)
            for name in (key, *names):
                exact[name] = key  # the raw spelling: the fastest hit
                folded = normalize(name)
                if not folded:
                    continue
                owner = exact.setdefault(folded, key)
                if owner != key:
                    raise ValueError(f"name {name!r} is used by both {owner!r} and {key!r}")
        self._exact = exact
        self._names = tuple(sorted({normalize(n) for n in exact} - {""}))
        self._grams: dict[tuple[str, int], list[int]] | None = None  # built on the first typo
        self.keys = tuple(keys)

    def resolve(self, text: str) -> str | None:
        """The key ``text`` names, tolerating case, punctuation, plurals and one typo."""
        hit = self._exact.get(text)
        if hit is not None:
            return hit
        folded = normalize(text)
        hit = self._exact.get(folded)
        if hit is not None or not folded:
            return hit
        if folded.endswith("s"):
            hit = self._exact.get(folded[:-1])
            if hit is not None:
                return hit
        best = self._closest(folded)
        return best[0] if len(best) == 1 else None

    def suggestions(self, text: str, limit: int = 3) -> tuple[str, ...]:
        """Keys whose names are closest to ``text``, best first (for error messages)."""
        folded = normalize(text)
        if not folded:
            return ()
        words = [w for w in folded.split() if len(w) >= 3]
        ranked: dict[str, tuple[int, int]] = {}
        for name in self._names:
            bound = max(2, len(folded) // 3)
            distance = edit_distance(folded, name, bound)
            if distance <= 1:
                score = (0, distance)
            elif len(folded) >= 3 and (folded in name or name in folded):
                # A substring ("lung" in "lung nodules") ranks after a near miss.
                score = (1, abs(len(name) - len(folded)))
            elif distance <= bound:
                score = (2, distance)
            else:
                # One word of a longer query close to the name ("lunx planet").
                near = min((edit_distance(w, name, 1) for w in words), default=2)
                if near > 1:
                    continue
                score = (3, near)
            key = self._exact[name]
            if key not in ranked or score < ranked[key]:
                ranked[key] = score
        return tuple(sorted(ranked, key=lambda k: (ranked[k], k))[:limit])

    def _gram_index(self) -> dict[tuple[str, int], list[int]]:
        grams = self._grams
        if grams is None:
            # A benign race: two threads may both build it; either result is the same.
            # Keyed by (bigram, name length), so a query reads only the postings of
            # names whose length is within its edit bound.
            grams = {}
            for i, name in enumerate(self._names):
                for gram in _bigrams(name):
                    grams.setdefault((gram, len(name)), []).append(i)
            self._grams = grams
        return grams

    def _candidates(self, folded: str, bound: int) -> Iterable[str]:
        """Names that may be within ``bound`` edits of ``folded`` (a superset)."""
        query_grams = _bigrams(folded)
        needed = len(query_grams) - 3 * bound
        names = self._names
        low, high = len(folded) - bound, len(folded) + bound
        if needed <= 0:
            return (n for n in names if low <= len(n) <= high)
        index = self._gram_index()
        shared: dict[int, int] = {}
        for gram in query_grams:
            for length in range(max(low, 1), high + 1):
                for i in index.get((gram, length), ()):
                    shared[i] = shared.get(i, 0) + 1
        return (names[i] for i, n in shared.items() if n >= needed)

    def _closest(self, folded: str) -> list[str]:
        bound = _typo_bound(folded)
        if bound == 0:
            return []
        best_distance = bound + 1
        winners: set[str] = set()
        for name in self._candidates(folded, bound):
            distance = edit_distance(folded, name, bound)
            if distance < best_distance:
                best_distance, winners = distance, {self._exact[name]}
            elif distance == best_distance and distance <= bound:
                winners.add(self._exact[name])
        return sorted(winners)
