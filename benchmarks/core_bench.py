"""Benchmarks for the core library, side by side with pycountry in the same run.

    python benchmarks/core_bench.py [--runs 31] [--baseline-src OLD/src]

Whole-process timings start a fresh interpreter per run and interleave the
scenarios so machine noise hits them alike; we report medians and ratios.
In-process timings use timeit's best-of-repeats per call. Memory is resident
set size from /proc (Linux), measured in fresh processes.

Bytecode: pycountry, attrs and cattrs are timed with the ``.pyc`` files pip wrote
when it installed them. An editable install of this package has none, and with
``PYTHONDONTWRITEBYTECODE=1`` (set on our benchmark machine) every run would compile
our sources again; so the benchmark compiles them first, as ``pip install`` does.

``--baseline-src`` times the first-answer scenarios of another source tree (say an
older release, exported with ``git archive``) in the same interleaved runs.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import timeit

PROCESS_SCENARIOS = {
    "python -c pass": "pass",
    "import sarcoma_local": "import sarcoma_local",
    "import pycountry": "import pycountry",
    "sarcoma_local cold site('liver')": "import sarcoma_local as s; s.site('liver')",
    "sarcoma_local cold options('liver')": "import sarcoma_local as s; s.options('liver')",
    "sarcoma_local cold citation(pmid=3973646)": (
        "import sarcoma_local as s; s.citation(pmid=3973646)"
    ),
    "sarcoma_local cold search('cryo liver')": "import sarcoma_local as s; s.search('cryo liver')",
    "pycountry cold countries.get(alpha_2='DE')": (
        "import pycountry; pycountry.countries.get(alpha_2='DE')"
    ),
}

RSS_CODE = """
import json, sys
def rss():
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith('VmRSS:'):
                return int(line.split()[1]) / 1024
before = rss()
{body}
print(json.dumps({{"before": before, "after": rss()}}))
"""


def compile_bytecode(src: str | None = None) -> str:
    """Write the package's .pyc files (as ``pip install`` would); returns its folder."""
    if src is None:
        import sarcoma_local

        folder = os.path.dirname(sarcoma_local.__file__)
    else:
        folder = os.path.join(src, "sarcoma_local")
    compileall.compile_dir(folder, quiet=1)
    return folder


def whole_process(runs: int, baseline_src: str | None = None) -> dict[str, float]:
    scenarios: dict[str, tuple[str, dict[str, str] | None]] = {
        name: (code, None) for name, code in PROCESS_SCENARIOS.items()
    }
    if baseline_src is not None:
        env = {**os.environ, "PYTHONPATH": baseline_src}
        for name, code in PROCESS_SCENARIOS.items():
            if name.startswith("sarcoma_local cold") or name == "import sarcoma_local":
                scenarios[f"baseline: {name}"] = (code, env)
    samples: dict[str, list[float]] = {name: [] for name in scenarios}
    for _ in range(runs):
        for name, (code, scenario_env) in scenarios.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, env=scenario_env)
            samples[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(values) for name, values in samples.items()}


def memory(runs: int) -> dict[str, float]:
    bodies = {
        "import attrs + cattrs (our dependency floor)": "import attrs, cattrs",
        "import sarcoma_local + full catalogue": (
            "import sarcoma_local as s; s.options(); s.citations(); s.recurrence_tables()"
        ),
        "import sarcoma_local + preload() (with search index)": (
            "import sarcoma_local as s; s.preload()"
        ),
        "import pycountry + first get": "import pycountry; pycountry.countries.get(alpha_2='DE')",
    }
    out: dict[str, float] = {}
    for name, body in bodies.items():
        deltas = []
        for _ in range(runs):
            result = subprocess.run(
                [sys.executable, "-c", RSS_CODE.format(body=body)],
                check=True,
                capture_output=True,
                text=True,
            )
            data = json.loads(result.stdout)
            deltas.append(data["after"] - data["before"])
        out[name] = statistics.median(deltas)
    return out


def per_call_us(stmt: str, setup: str, number: int) -> float:
    best = min(timeit.repeat(stmt, setup, number=number, repeat=7))
    return best / number * 1e6


def warm_calls() -> dict[str, float]:
    setup = "import sarcoma_local as s; s.preload()"
    cases = {
        "site('liver') (key)": ("s.site('liver')", 200_000),
        "site('pulmonary') (alias)": ("s.site('pulmonary')", 200_000),
        "technique('RFA') (alias)": ("s.technique('RFA')", 200_000),
        "citation(pmid=3973646)": ("s.citation(pmid=3973646)", 50_000),
        "find_site('lugn') (typo)": ("s.find_site('lugn')", 5_000),
        "search('cryo liver')": ("s.search('cryo liver')", 2_000),
        "search('radiofrequncy ablaton lung') (typos)": (
            "s.search('radiofrequncy ablaton lung')",
            2_000,
        ),
    }
    out = {name: per_call_us(stmt, setup, n) for name, (stmt, n) in cases.items()}
    py_setup = "import pycountry; pycountry.countries.search_fuzzy('Germany')"
    out["pycountry countries.get(alpha_2='DE')"] = per_call_us(
        "pycountry.countries.get(alpha_2='DE')", py_setup, 20_000
    )
    out["pycountry search_fuzzy('Cote')"] = per_call_us(
        "pycountry.countries.search_fuzzy('Cote')", py_setup, 20
    )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=31, help="fresh processes per scenario")
    parser.add_argument(
        "--baseline-src", help="also time this source tree's first answers (a src/ folder)"
    )
    args = parser.parse_args()
    machine = (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    print(f"machine: {machine}; {args.runs} runs per process scenario (medians)")
    print(f"bytecode compiled for {compile_bytecode()}")
    if args.baseline_src:
        print(f"baseline: {compile_bytecode(args.baseline_src)}")
    print()
    proc = whole_process(args.runs, args.baseline_src)
    print("## Whole processes (ms, median)")
    for name, value in proc.items():
        print(f"  {name:<46} {value:8.1f}")
    base = proc["python -c pass"]
    ours_import = proc["import sarcoma_local"] - base
    py_import = proc["import pycountry"] - base
    print(
        f"  import cost over bare python: sarcoma_local {ours_import:.1f} ms, "
        f"pycountry {py_import:.1f} ms, ratio {ours_import / py_import:.2f} (target <= 0.25)"
    )
    cold = proc["sarcoma_local cold site('liver')"]
    cold_py = proc["pycountry cold countries.get(alpha_2='DE')"]
    print(f"  cold first answer ratio sarcoma_local / pycountry: {cold / cold_py:.2f} (target < 1)")
    for first in ("options('liver')", "citation(pmid=3973646)", "search('cryo liver')"):
        ratio = proc[f"sarcoma_local cold {first}"] / cold_py
        print(f"  cold first {first} / pycountry's first get: {ratio:.2f} (target <= 1.0)")
        baseline = proc.get(f"baseline: sarcoma_local cold {first}")
        if baseline is not None:
            print(f"    baseline: {baseline / cold_py:.2f}")
    print("\n## Warm calls (microseconds per call, best of 7 repeats)")
    warm = warm_calls()
    for name, value in warm.items():
        print(f"  {name:<46} {value:10.2f}")
    ours = warm["search('radiofrequncy ablaton lung') (typos)"]
    ratio = warm["pycountry search_fuzzy('Cote')"] / ours
    print(f"  pycountry fuzzy / our typo search: {ratio:.0f}x (target >= 20x)")
    print("\n## Resident memory added (MB, median of 5 fresh processes)")
    for name, value in memory(5).items():
        print(f"  {name:<46} {value:8.2f}")


if __name__ == "__main__":
    main()
