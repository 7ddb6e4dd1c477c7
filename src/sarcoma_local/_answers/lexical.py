"""A small Okapi BM25 over the prepared passages: the tie-breaker of context ranking.

Kept in-house rather than using ``rank-bm25`` at run time: that package needs
numpy, and the index here is a few dozen lines over a few hundred passages.
The benchmark scores ``rank-bm25`` itself as the plain baseline.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

from sarcoma_local._core.text import normalize

from .passages import prepared

__all__ = ["LexicalIndex", "lexical_index", "stem", "words"]


class LexicalIndex:
    """Okapi BM25 over texts; query terms are :func:`words`."""

    __slots__ = ("_avg", "_idf", "_lengths", "_postings")

    K1, B = 1.2, 0.75

    def __init__(self, texts: list[str], split: Callable[[str], list[str]]) -> None:
        postings: dict[str, dict[int, int]] = {}
        lengths: list[int] = []
        for i, text in enumerate(texts):
            terms = split(text)
            lengths.append(len(terms))
            for w in terms:
                row = postings.setdefault(w, {})
                row[i] = row.get(i, 0) + 1
        n = max(len(texts), 1)
        self._idf = {
            w: math.log(1.0 + (n - len(row) + 0.5) / (len(row) + 0.5))
            for w, row in postings.items()
        }
        self._postings = postings
        self._lengths = lengths
        self._avg = sum(lengths) / n if lengths else 1.0

    def scores(self, terms: list[str]) -> dict[int, float]:
        """BM25 score of every text that shares a term with ``terms``."""
        out: dict[int, float] = {}
        for w in dict.fromkeys(terms):
            row = self._postings.get(w)
            if not row:
                continue
            idf = self._idf[w]
            for i, tf in row.items():
                norm = tf + self.K1 * (1 - self.B + self.B * self._lengths[i] / self._avg)
                out[i] = out.get(i, 0.0) + idf * tf * (self.K1 + 1) / norm
        return out


def stem(word: str) -> str:
    """A light, deterministic stem: plural and common endings off ("resected" -> "resect")."""
    for suffix in ("ations", "ation", "ions", "ion", "ing", "ies", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    """Stemmed words of ``text`` worth matching (no one-letter words)."""
    return [stem(w) for w in normalize(text).split() if len(w) > 1]


@lru_cache(maxsize=1)
def lexical_index() -> LexicalIndex:
    """The BM25 index over every prepared passage (built once)."""
    return LexicalIndex([f"{p.title} {p.full_text}" for p in prepared()], words)
