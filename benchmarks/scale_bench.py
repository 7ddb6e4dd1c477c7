"""Search and name lookup at 10x and 100x the shipped catalogue, against the plain scan.

    python benchmarks/scale_bench.py [--repeats 7]

Synthetic records are copies of the shipped ones with a copy tag put before every word
(``q7liver``), so the vocabulary grows with the records, as a real larger catalogue's
would, while the queries keep meaning the shipped records. Name lookups add a copy tag
as a separate word. Medians of repeated timings; the scan baseline runs in the same
process.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from collections.abc import Callable
from functools import partial

import sarcoma_local as sl
from sarcoma_local._core.text import edit_distance
from sarcoma_local._data.indexing import _documents
from sarcoma_local._data.loader import get_catalogue
from sarcoma_local._data.lookup import Lookup, _typo_bound
from sarcoma_local._data.search import Document, SearchIndex


def _grow_documents(factor: int) -> list[Document]:
    docs: list[Document] = []
    for copy in range(factor):
        for d in _documents(get_catalogue()):
            tag = "" if copy == 0 else f"q{copy}"
            fields = [
                (" ".join(tag + w for w in text.split()), weight) for text, weight in d.fields
            ]
            docs.append(Document(d.kind, tag + d.key, d.label, d.record, fields, d.rank))
    return docs


def _grow_names(factor: int) -> Lookup:
    entries = []
    for copy in range(factor):
        suffix = "" if copy == 0 else f" v{copy}"
        for t in sl.techniques():
            entries.append(
                (t.key + suffix.replace(" ", "-"), [n + suffix for n in (t.name, *t.aliases)])
            )
        for s in sl.sites():
            entries.append(
                (s.key + suffix.replace(" ", "-"), [n + suffix for n in (s.name, *s.aliases)])
            )
    return Lookup(entries)


def _scan(lookup: Lookup, folded: str) -> list[str]:
    bound = _typo_bound(folded)
    found = {lookup._exact[n] for n in lookup._names if edit_distance(folded, n, bound) <= bound}
    return sorted(found)


def _time(fn: Callable[[], object], repeats: int, number: int = 50) -> float:
    """Median over ``repeats`` of the per-call time in microseconds."""
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - start) / number * 1e6)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    print(f"machine: {platform.system()} {platform.machine()}, Python {platform.python_version()}")
    print("## search (microseconds per query, median)")
    for factor in (1, 10):
        index = SearchIndex(_grow_documents(factor))
        for query in ("cryo liver", "radiofrequncy ablaton lung"):
            us = _time(partial(index.search, query, limit=10), args.repeats)
            print(f"  {factor:>3}x  {len(index.documents):>6} docs  {query!r:<32} {us:9.1f}")
    print("## typo name lookup (microseconds per call, median)")
    for factor in (1, 10, 100):
        lookup = _grow_names(factor)
        query = "radiofrequncy ablaton"
        indexed = _time(partial(lookup._closest, query), args.repeats)
        scanned = _time(partial(_scan, lookup, query), args.repeats, number=5)
        print(
            f"  {factor:>3}x  {len(lookup._names):>6} names  indexed {indexed:9.1f}  "
            f"full scan {scanned:9.1f}  ratio {scanned / indexed:6.1f}x"
        )


if __name__ == "__main__":
    main()
