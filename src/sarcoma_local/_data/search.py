"""Ranked, typo-tolerant free-text search over every record in the catalogue.

An inverted index maps each word to the documents that use it, with a weight
for the field it came from (a name counts more than a note). A query word
matches an indexed word exactly, as a prefix ("cryo" finds "cryoablation") or
within one edit ("hepatc"). Typo candidates come from a delete-neighbourhood
table (the SymSpell idea: two words one edit apart share a one-letter
deletion), so a query costs a few dictionary look-ups instead of a pass over
the vocabulary; the candidates are confirmed with the exact edit distance.

The index is built from documents (:class:`SearchIndex`) or read back from its compact
form (:meth:`SearchIndex.from_compact`, what ``search-index.json`` ships): one string of
postings per word, decoded only when a query uses the word, so a first search in a
fresh process reads the index instead of building it.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast

from sarcoma_local._core.once import Once
from sarcoma_local._core.text import edit_distance, normalize, tokens

__all__ = ["COMPACT_FORMAT", "Document", "SearchIndex"]

#: The version of :meth:`SearchIndex.to_compact`'s form; a change makes old files unreadable.
COMPACT_FORMAT = 1

_EXACT, _PREFIX, _TYPO = 1.0, 0.75, 0.6
_WHOLE_NAME_BONUS = 1.5  # the query is exactly a record's name or alias
_MIN_PREFIX = 3
_MIN_TYPO = 4


class Document:
    """One searchable record: its kind, key, label, weighted text fields and full names."""

    __slots__ = ("_label", "fields", "key", "kind", "names", "rank", "record")

    def __init__(
        self,
        kind: str,
        key: str,
        label: str | Callable[[], str],
        record: object,
        fields: Sequence[tuple[str, float]],
        rank: int,
        names: Iterable[str] = (),
    ) -> None:
        self.kind = kind
        self.key = key
        self._label = label  # or how to make it: most documents are never shown
        self.record = record  # None when read from the compact index: looked up by key
        self.fields = fields
        self.rank = rank  # tie-break: sites before techniques before options ...
        self.names = names  # a query equal to one of these is a bullseye

    @property
    def label(self) -> str:
        """The text a hit shows (made on first use, e.g. a citation's short form)."""
        label = self._label
        if not isinstance(label, str):
            label = self._label = label()
        return label


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class SearchIndex:
    """Build once from documents; :meth:`search` is then thread-safe.

    A search only adds to two caches (a word's decoded postings, its idf); two threads
    that fill the same entry at once store equal values.
    """

    def __init__(self, documents: Iterable[Document]) -> None:
        self.documents: tuple[Document, ...] = tuple(documents)
        postings: dict[str, dict[int, float]] = {}
        for doc_id, doc in enumerate(self.documents):
            for text, weight in doc.fields:
                for word in tokens(text):
                    row = postings.get(word)
                    if row is None:
                        row = postings[word] = {}
                    if row.get(doc_id, 0.0) < weight:
                        row[doc_id] = weight
        for doc in self.documents:
            doc.fields = ()  # only needed to build the postings; frees the joined text
        whole: dict[str, list[int]] = {}
        for doc_id, doc in enumerate(self.documents):
            for name in doc.names:
                whole.setdefault(normalize(name), []).append(doc_id)
        self._setup(cast("dict[str, dict[int, float] | str]", postings), whole)

    def _setup(
        self, postings: dict[str, dict[int, float] | str], whole: dict[str, list[int]]
    ) -> None:
        self._n_docs = max(len(self.documents), 1)
        # Rare words say more about a document than common ones; worked out per word
        # on first use (a query touches a handful of the thousands of words).
        self._idf: dict[str, float] = {}
        self._whole = whole
        self._postings = postings
        # Numbers (years, pages, PMIDs) match exactly or not at all: a "typo" in
        # a number is another number. Leaving them out of the prefix and typo
        # tables keeps those tables small.
        words = sorted(w for w in postings if not w.isdigit())
        self._words = words  # sorted, so the words with a prefix form one run
        # The typo table takes two thirds of the build and only a query word that
        # matches nothing exactly or as a prefix needs it: built on that first query.
        self._neighbours: Once[dict[int, str | tuple[str, ...]]] = Once(self._build_neighbours)

    @classmethod
    def from_compact(cls, compact: dict[str, Any]) -> SearchIndex:
        """The index that :meth:`to_compact` wrote (records are looked up by kind and key).

        ``ValueError`` when ``compact`` is not in that form.
        """
        if compact.get("format") != COMPACT_FORMAT:
            raise ValueError(f"not a compact search index of format {COMPACT_FORMAT}")
        kinds: list[str] = compact["kinds"]
        ranks: list[int] = compact["ranks"]
        documents = []
        for kind_id, key, label in compact["documents"]:
            documents.append(Document(kinds[kind_id], key, label, None, (), ranks[kind_id]))
        index = cls.__new__(cls)
        index.documents = tuple(documents)
        postings: dict[str, dict[int, float] | str] = compact["postings"]
        index._setup(postings, compact["whole"])
        return index

    def to_compact(self, kind_rank: dict[str, int]) -> dict[str, Any]:
        """The index as plain JSON values, for :meth:`from_compact` (sorted, so stable).

        Each word's postings are one string, ``"3.0:0 5 17;1.0:40"``: a weight, then the
        documents that word reaches with that weight.
        """
        kinds = sorted(kind_rank, key=kind_rank.__getitem__)
        kind_id = {kind: i for i, kind in enumerate(kinds)}
        postings: dict[str, str] = {}
        for word in sorted(self._postings):
            by_weight: dict[float, list[int]] = {}
            for doc_id, weight in sorted(self._row(word).items()):
                by_weight.setdefault(weight, []).append(doc_id)
            postings[word] = ";".join(
                f"{weight!r}:{' '.join(map(str, ids))}"
                for weight, ids in sorted(by_weight.items(), reverse=True)
            )
        return {
            "format": COMPACT_FORMAT,
            "kinds": kinds,
            "ranks": [kind_rank[kind] for kind in kinds],
            "documents": [[kind_id[d.kind], d.key, d.label] for d in self.documents],
            "whole": dict(sorted(self._whole.items())),
            "postings": postings,
        }

    def _row(self, word: str) -> dict[int, float]:
        """The documents ``word`` reaches, with its best weight in each (decoded on first use)."""
        row = self._postings[word]
        if isinstance(row, str):
            decoded: dict[int, float] = {}
            for group in row.split(";"):
                weight, ids = group.split(":")
                value = float(weight)
                for doc_id in ids.split():
                    decoded[int(doc_id)] = value
            # Same order as a built row: by document (the scores do not depend on it).
            row = self._postings[word] = dict(sorted(decoded.items()))
        return row

    def _idf_of(self, word: str) -> float:
        idf = self._idf.get(word)
        if idf is None:
            idf = self._idf[word] = 1.0 + math.log(self._n_docs / len(self._row(word)))
        return idf

    def prepare(self) -> None:
        """Decode every word's postings and build the typo table now (``preload()``),
        rather than on the first query that needs them."""
        for word in self._postings:
            self._row(word)
        self._neighbours.get()

    def _build_neighbours(self) -> dict[int, str | tuple[str, ...]]:
        # Keyed by the deletion's hash so that no deletion string stays alive (a
        # rare collision only adds a candidate that the edit distance rejects);
        # most deletions belong to one word, stored as itself rather than a list.
        neighbours: dict[int, str | tuple[str, ...]] = {}
        for word in self._words:
            if len(word) >= _MIN_TYPO - 1:
                for deleted in _deletes(word):
                    key = hash(deleted)
                    found = neighbours.get(key)
                    if found is None:
                        neighbours[key] = word
                    elif isinstance(found, str):
                        neighbours[key] = (found, word)
                    else:
                        neighbours[key] = (*found, word)
        return neighbours

    def _add_neighbours(
        self, neighbours: dict[int, str | tuple[str, ...]], deleted: str, into: set[str]
    ) -> None:
        found = neighbours.get(hash(deleted))
        if isinstance(found, str):
            into.add(found)
        elif found is not None:
            into.update(found)

    def _with_prefix(self, prefix: str) -> list[str]:
        words = self._words
        start = bisect_left(words, prefix)
        end = start
        while end < len(words) and words[end].startswith(prefix):
            end += 1
        return words[start:end]

    def _expand(self, word: str) -> dict[str, float]:
        """Indexed words that ``word`` may mean, with how much each match counts."""
        found: dict[str, float] = {}
        if word in self._postings:
            found[word] = _EXACT
        if len(word) >= _MIN_PREFIX and not word.isdigit():
            for longer in self._with_prefix(word):
                found.setdefault(longer, _PREFIX)
        if len(word) >= _MIN_TYPO and not found and not word.isdigit():
            candidates: set[str] = set()
            neighbours = self._neighbours.get()
            self._add_neighbours(neighbours, word, candidates)  # one letter missing
            for deleted in _deletes(word):
                if deleted in self._postings:  # one letter too many
                    candidates.add(deleted)
                self._add_neighbours(neighbours, deleted, candidates)  # swapped or wrong letter
            for candidate in candidates:
                if edit_distance(word, candidate, 1) <= 1:
                    found.setdefault(candidate, _TYPO)
        return found

    def search(
        self, query: str, *, kinds: frozenset[str] | None = None, limit: int = 10
    ) -> list[tuple[float, Document]]:
        """Best documents for ``query``, highest score first; ``[]`` when nothing matches."""
        words = list(dict.fromkeys(tokens(query)))
        if not words or limit <= 0:
            return []
        scores: dict[int, float] = {}
        matched: dict[int, int] = {}
        postings, idfs = self._postings, self._idf
        for word in words:
            per_doc: dict[int, float] = {}
            for indexed, quality in self._expand(word).items():
                row = postings[indexed]
                if isinstance(row, str):
                    row = self._row(indexed)
                idf = idfs.get(indexed) or self._idf_of(indexed)  # an idf is at least 1
                for doc_id, weight in row.items():
                    value = quality * weight * idf
                    if value > per_doc.get(doc_id, 0.0):
                        per_doc[doc_id] = value
            for doc_id, value in per_doc.items():
                scores[doc_id] = scores.get(doc_id, 0.0) + value
                matched[doc_id] = matched.get(doc_id, 0) + 1
        for doc_id in self._whole.get(normalize(query), ()):
            if doc_id in scores:
                scores[doc_id] *= _WHOLE_NAME_BONUS
        n_words = len(words)
        ranked: list[tuple[float, int, str, int]] = []
        for doc_id, score in scores.items():
            doc = self.documents[doc_id]
            if kinds is not None and doc.kind not in kinds:
                continue
            # A document that matches every query word beats one that matches
            # a single word very well.
            coverage = matched[doc_id] / n_words
            final = round(score * coverage * coverage, 6)
            ranked.append((-final, doc.rank, doc.key, doc_id))
        # Only the best ``limit`` are returned: a heap keeps them without sorting the rest.
        best = heapq.nsmallest(limit, ranked)
        return [(-neg, self.documents[doc_id]) for neg, _, _, doc_id in best]
