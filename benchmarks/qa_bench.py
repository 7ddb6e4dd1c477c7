"""Question answering: context() against a plain BM25 ranker over the same passages.

    python benchmarks/qa_bench.py [--devset PATH] [--extra PATH ...] [--repeat 200]

Scores, on every question file, in one run:

* ``context()`` -- the library's grounded context (question understanding);
* ``BM25`` -- ``rank_bm25.BM25Okapi`` over the same passages (``sl.chunks()`` without
  the per-statement chunks: one per option, technique, site, table and rule), the
  question tokenised with the library's own normaliser and stop words;
* ``search()`` -- the library's existing free-text search, for reference.

Metrics follow ``shared/questions/score.py``: hit@1, hit@3, MRR over answerable
questions; ``none_ok`` counts NONE questions that got no keys or an explicit
no-coverage signal. Then the warm latency of ``context()`` (median and 90th
percentile over the dev questions, each asked ``--repeat`` times).
"""

from __future__ import annotations

import argparse
import csv
import os
import pathlib
import platform
import statistics
import sys
import time
from collections.abc import Callable, Sequence

import sarcoma_local as sl
from sarcoma_local._core.text import tokens

ROOT = pathlib.Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "questions" / "devset.tsv"
COLLECTED = ROOT / "tests" / "answers" / "questions.tsv"

Ranker = Callable[[str], tuple[list[str], bool]]  # keys best first, explicit no-coverage


def read_questions(path: pathlib.Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t"))


def matches(returned: str, expected: str, sites: set[str], techniques: set[str]) -> bool:
    """score.py's rule: the key itself, an option at an expected site or of a technique."""
    if returned == expected:
        return True
    site, _, technique = returned.partition("/")
    if not technique:
        return False
    return (expected in sites and site == expected) or (
        expected in techniques and technique == expected
    )


def score(rows: Sequence[dict[str, str]], rank: Ranker) -> dict[str, float]:
    sites = {s.key for s in sl.sites()}
    techniques = {t.key for t in sl.techniques()}
    n = h1 = h3 = none = none_ok = 0
    rr = 0.0
    for row in rows:
        keys, no_coverage = rank(row["question"])
        if row["expected_keys"].strip().upper() == "NONE":
            none += 1
            none_ok += int(not keys or no_coverage)
            continue
        expected = row["expected_keys"].split("|")
        first = next(
            (
                i
                for i, k in enumerate(keys, 1)
                if any(matches(k, e, sites, techniques) for e in expected)
            ),
            0,
        )
        n += 1
        h1 += int(first == 1)
        h3 += int(0 < first <= 3)
        rr += 1.0 / first if first else 0.0
    return {
        "n": n,
        "hit@1": h1 / n if n else 0.0,
        "hit@3": h3 / n if n else 0.0,
        "mrr": rr / n if n else 0.0,
        "none": none,
        "none_ok": none_ok,
    }


def context_ranker(question: str) -> tuple[list[str], bool]:
    ctx = sl.context(question)
    return list(ctx.keys), ctx.coverage == "none"


def bm25_ranker() -> Ranker:
    from rank_bm25 import BM25Okapi

    passages = [c for c in sl.chunks() if c["kind"] != "statement"]
    keys = [str(c["key"]) for c in passages]
    bm25 = BM25Okapi([tokens(f"{c['title']} {c['text']}") for c in passages])

    def rank(question: str) -> tuple[list[str], bool]:
        scores = bm25.get_scores(tokens(question))
        order = sorted(range(len(keys)), key=lambda i: (-scores[i], i))
        return [keys[i] for i in order[:10] if scores[i] > 0], False

    return rank


def search_ranker(question: str) -> tuple[list[str], bool]:
    return [h.key for h in sl.search(question)], False


def latency(questions: Sequence[str], repeat: int) -> tuple[float, float]:
    for q in questions:
        sl.context(q)  # warm: data loaded, tables built
    samples: list[float] = []
    for _ in range(repeat):
        for q in questions:
            start = time.perf_counter()
            sl.context(q)
            samples.append((time.perf_counter() - start) * 1e6)
    samples.sort()
    return statistics.median(samples), samples[int(0.9 * (len(samples) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=pathlib.Path, default=DEVSET)
    parser.add_argument("--extra", type=pathlib.Path, nargs="*", default=[COLLECTED])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args(argv)

    files = [args.devset, *args.extra]
    rankers: dict[str, Ranker] = {
        "context()": context_ranker,
        "BM25 (rank-bm25)": bm25_ranker(),
        "search()": search_ranker,
    }
    print(
        f"machine: {platform.system()} {platform.machine()}, nproc {os.cpu_count()}, "
        f"Python {platform.python_version()}; sarcoma_local {sl.__version__}, "
        f"data {sl.DATA_VERSION}"
    )
    print()
    print("| questions | ranker | n | hit@1 | hit@3 | MRR | NONE flagged |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for path in files:
        rows = read_questions(path)
        for name, rank in rankers.items():
            s = score(rows, rank)
            print(
                f"| {path.name} | {name} | {s['n']} | {s['hit@1']:.2f} | {s['hit@3']:.2f} "
                f"| {s['mrr']:.2f} | {s['none_ok']}/{s['none']} |"
            )
    dev = [r["question"] for r in read_questions(args.devset)]
    median, p90 = latency(dev, args.repeat)
    print()
    print(
        f"context() warm, {len(dev)} dev questions x {args.repeat}: "
        f"median {median:.0f} us, p90 {p90:.0f} us"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
