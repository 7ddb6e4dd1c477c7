"""CPU per record of parsing one 200-record efetch answer, optionally against an earlier tree.

The keyed throughput target is CPU-bound on a small machine (8,000 records a run),
so this is the figure to watch; a low quantile of process CPU time over many
repeats is far steadier on a shared machine than wall time::

    .venv/bin/python benchmarks/pubmed_parse_cpu.py
    git archive c242052 src | tar -x -C /tmp/old
    .venv/bin/python benchmarks/pubmed_parse_cpu.py --against /tmp/old/src --rounds 6

Each measurement runs in a fresh process (trees alternate); it parses the fault
server's answer (``benchmarks/fault_server.py``) ``repeats`` times, keeping the
last 40 results alive as a caller would, and prints the 10th-percentile CPU ms per
record (cyclic GC included).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve()
SRC = HERE.parents[1] / "src"


def measure(repeats: int) -> float:
    sys.path.insert(0, str(HERE.parent))
    from fault_server import efetch_body, record_template

    from sarcoma_local.pubmed._parse import parse_efetch_records

    body = efetch_body([str(90_000_000 + i) for i in range(200)], record_template())
    kept: list[object] = []
    times = []
    for _ in range(repeats):
        started = time.process_time()
        kept.append(parse_efetch_records(body))
        times.append(time.process_time() - started)
        del kept[:-40]
    times.sort()
    return times[len(times) // 10] / 200 * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--against", type=Path, help="an earlier tree's src directory")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(measure(args.repeats))
        return 0
    trees = {"this": SRC}
    if args.against:
        trees["other"] = args.against.resolve()
    got: dict[str, list[float]] = {name: [] for name in trees}
    for round_ in range(args.rounds):
        for name in list(trees) if round_ % 2 == 0 else list(trees)[::-1]:
            env = dict(os.environ, PYTHONPATH=str(trees[name]))
            out = subprocess.run(
                [sys.executable, str(HERE), "--child", "--repeats", str(args.repeats)],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            got[name].append(float(out.stdout.strip().splitlines()[-1]))
    for name, values in got.items():
        shown = ", ".join(f"{v:.3f}" for v in values)
        print(f"{name} ({trees[name]}): median {statistics.median(values):.3f} ms/record [{shown}]")
    if "other" in got:
        ratio = statistics.median(got["this"]) / statistics.median(got["other"])
        print(f"this/other: {ratio:.2f}; load {os.getloadavg()[0]:.1f}, nproc {os.cpu_count()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
