"""Benchmark the PubMed client against a local E-utilities server, beside Bio.Entrez and metapub.

Run (needs the ``bench`` extra: biopython, metapub, pytest-httpserver)::

    .venv/bin/python benchmarks/pubmed_bench.py            # writes docs/performance-pubmed.md
    .venv/bin/python benchmarks/pubmed_bench.py --runs 1 --out -   # quick, print only

Everything talks to one local server (127.0.0.1) that answers efetch with real
PubMed XML (``tests/fixtures/eutils/efetch_pubmed/metapub_38534005.xml``, its PMID
replaced by the one asked for) and records when each request arrives, so the
request rate is measured *at the server*, in every 1-second window.

The server runs in a separate process by default (``--server process``), as NCBI
would: building ~1.8 MB answers inside the benchmark's own process would compete
with the client for the GIL, slow the client down and delay the server's arrival
stamps. ``--server inprocess`` keeps the old same-process layout for comparison.

Pointing the other libraries at the local server (monkeypatching, no code changes):

* Bio.Entrez builds ``https://eutils.ncbi.nlm.nih.gov/...`` URLs inside each
  function; we wrap ``Bio.Entrez.urlopen`` to rewrite that prefix to the local URL.
* metapub reads ``metapub.ncbi_client.NCBIClient.BASE_URL``; we set it.

The one-call-per-ID loops (Bio.Entrez, metapub) are timed on a small sample and
extrapolated to 1,000 IDs (at ~3 requests/s, 1,000 real calls would take 5+ minutes).
"""

from __future__ import annotations

import argparse
import functools
import importlib
import logging
import multiprocessing
import os
import platform
import re
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_FILE = ROOT / "tests" / "fixtures" / "eutils" / "efetch_pubmed" / "metapub_38534005.xml"
TEMPLATE_PMID = b"38534005"
FIRST_PMID = 90_000_000
#: Seconds the server waits before answering under /slow/ (network + NCBI's own work).
SLOW_LATENCY = 0.15
NCBI = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
HEADER = (
    b'<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, '
    b'1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
)


def efetch_body(ids: Iterable[int | str], template: bytes) -> bytes:
    """An efetch answer holding ``template`` once per ID, with the PMID swapped in."""
    records = b"".join(template.replace(TEMPLATE_PMID, str(i).encode()) for i in ids)
    return HEADER + b"<PubmedArticleSet>" + records + b"</PubmedArticleSet>\n"


def record_template() -> bytes:
    """The one real PubmedArticle every generated answer repeats."""
    match = re.search(rb"<PubmedArticle>.*</PubmedArticle>", TEMPLATE_FILE.read_bytes(), re.DOTALL)
    assert match is not None
    return match.group(0)


class LocalEutils:
    """efetch for any PMID, with arrival times recorded."""

    def __init__(self) -> None:
        self.template = record_template()
        self.arrivals: list[float] = []
        self.lock = threading.Lock()
        self.server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
        self.server.expect_request(re.compile(r".*/eutils/.*")).respond_with_handler(self.handle)
        self.server.start()

    @property
    def base_url(self) -> str:
        return self.server.url_for("/eutils").rstrip("/")

    def reset(self) -> None:
        with self.lock:
            self.arrivals.clear()

    def handle(self, request: Request) -> Response:
        with self.lock:
            self.arrivals.append(time.monotonic())
        if request.path.startswith("/slow/"):
            time.sleep(SLOW_LATENCY)  # a distant server: time on the wire, not CPU
        params = parse_qs(request.query_string.decode())
        if request.method == "POST":
            params.update(parse_qs(request.get_data(as_text=True)))
        ids = [i for i in ",".join(params.get("id", [""])).split(",") if i]
        body = efetch_body(ids, self.template)
        return Response(body, content_type="text/xml; charset=UTF-8")

    def recorded(self) -> list[float]:
        with self.lock:
            return list(self.arrivals)

    def stop(self) -> None:
        self.server.clear()
        self.server.stop()


class Server(Protocol):
    """What the benchmark needs from a server, wherever it runs."""

    @property
    def base_url(self) -> str: ...

    def reset(self) -> None: ...

    def recorded(self) -> list[float]: ...

    def stop(self) -> None: ...


def _serve(conn: Connection) -> None:
    """Child process: run a LocalEutils and obey "reset"/"arrivals"/"stop" from ``conn``."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = LocalEutils()
    conn.send(server.base_url)
    try:
        while True:
            command = conn.recv()
            if command == "reset":
                server.reset()
                conn.send(None)
            elif command == "arrivals":
                conn.send(server.recorded())
            else:
                break
    finally:
        server.stop()
        conn.send(None)


class ProcessEutils:
    """A LocalEutils in its own process (own GIL); time.monotonic is system-wide on Linux."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child,), daemon=True)
        self.process.start()
        self._base_url: str = self.conn.recv()

    @property
    def base_url(self) -> str:
        return self._base_url

    def reset(self) -> None:
        self.conn.send("reset")
        self.conn.recv()

    def recorded(self) -> list[float]:
        self.conn.send("arrivals")
        arrivals: list[float] = self.conn.recv()
        return arrivals

    def stop(self) -> None:
        self.conn.send("stop")
        self.conn.recv()
        self.process.join(timeout=10)


def max_per_window(arrivals: list[float], window: float = 1.0) -> int:
    """Most requests that arrived within any ``window``-second interval."""
    times = sorted(arrivals)
    best = 0
    for i, start in enumerate(times):
        j = i
        while j < len(times) and times[j] - start < window:
            j += 1
        best = max(best, j - i)
    return best


_STORES = tempfile.mkdtemp(prefix="pubmed-bench-rate-")


def fresh_store() -> Path:
    """A rate-limit log private to one client: scenarios must not wait on each other's
    windows (the default log is shared by every client of the host)."""
    return Path(tempfile.mkdtemp(dir=_STORES)) / "rate"


def pmids(n: int, offset: int = 0) -> list[int]:
    return [FIRST_PMID + offset + i for i in range(n)]


def parse_ms_per_record(batch: int = 200, repeats: int = 15) -> float:
    """Median CPU-side cost of parse_efetch on one ``batch``-record answer, per record."""
    from sarcoma_local.pubmed._parse import parse_efetch

    body = efetch_body(pmids(batch), record_template())
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        parse_efetch(body)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000 / batch


@contextmanager
def entrez_pointed_at(base_url: str) -> Iterator[Any]:
    Entrez: Any = importlib.import_module("Bio.Entrez")  # typed loosely: we patch it
    original = Entrez.urlopen

    def local_urlopen(request: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(request, urllib.request.Request):
            request.full_url = request.full_url.replace(NCBI, base_url)
        return original(request, *args, **kwargs)

    Entrez.urlopen = local_urlopen
    Entrez.email = "bench@example.org"
    try:
        yield Entrez
    finally:
        Entrez.urlopen = original


@contextmanager
def metapub_pointed_at(base_url: str) -> Iterator[Any]:
    import metapub
    from metapub import ncbi_client

    original = ncbi_client.NCBIClient.BASE_URL
    ncbi_client.NCBIClient.BASE_URL = base_url
    try:
        yield metapub.PubMedFetcher()
    finally:
        ncbi_client.NCBIClient.BASE_URL = original


class Measured:
    """One scenario: wall seconds, requests and the max per 1 s window, per run."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.seconds: list[float] = []
        self.requests: list[int] = []
        self.windows: list[int] = []
        self.records: int = 0

    def add(self, server: Server, seconds: float, records: int) -> None:
        arrivals = server.recorded()
        self.seconds.append(seconds)
        self.requests.append(len(arrivals))
        self.windows.append(max_per_window(arrivals))
        self.records = records

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def ms_per_record(self) -> float:
        return 1000 * self.median / self.records


def timed(server: Server, scenario: Measured, records: int, call: Callable[[], Any]) -> Any:
    server.reset()
    started = time.perf_counter()
    result = call()
    scenario.add(server, time.perf_counter() - started, records)
    return result


def run(
    runs: int, sample: int, *, separate_server: bool = True
) -> tuple[list[Measured], dict[str, Any]]:
    from sarcoma_local.pubmed import PubMedClient

    server: Server = ProcessEutils() if separate_server else LocalEutils()
    results: list[Measured] = []
    facts: dict[str, Any] = {}
    try:
        cold = Measured("sarcoma_local PubMedClient.fetch, 1,000 PMIDs, empty cache")
        warm = Measured("sarcoma_local PubMedClient.fetch, same 1,000 PMIDs again (cached)")
        for _ in range(runs):
            with (
                tempfile.TemporaryDirectory() as tmp,
                PubMedClient(
                    email="bench@example.org",
                    rate_limit_store=fresh_store(),
                    base_url=server.base_url,
                    cache=Path(tmp) / "c.sqlite",
                ) as client,
            ):
                got = timed(server, cold, 1000, functools.partial(client.fetch, pmids(1000)))
                assert len(got) == 1000
                assert not got.missing
                for _ in range(3):
                    again = timed(server, warm, 1000, functools.partial(client.fetch, pmids(1000)))
                    assert len(again) == 1000
        results += [cold, warm]

        ids_per_run = 2_400  # 12 requests of 200: four full 1-second windows
        throughput = Measured(f"sarcoma_local sustained: {ids_per_run:,} PMIDs, no cache")
        for _ in range(runs):
            with PubMedClient(
                email="bench@example.org",
                rate_limit_store=fresh_store(),
                base_url=server.base_url,
                cache=False,
            ) as client:
                timed(
                    server,
                    throughput,
                    ids_per_run,
                    functools.partial(client.fetch, pmids(ids_per_run, 10_000)),
                )
        results.append(throughput)
        facts["throughput_ids_per_s"] = ids_per_run / throughput.median
        facts["policy_ids_per_s"] = 3 * 200

        # Four full 1-second windows at the keyed rate too (40 requests of 200), so the
        # figure is steady-state throughput rather than the edge of one burst.
        keyed_ids = 8_000
        keyed = Measured(f"sarcoma_local with API key (10/s): {keyed_ids:,} PMIDs, no cache")
        for _ in range(runs):
            with PubMedClient(
                email="bench@example.org",
                rate_limit_store=fresh_store(),
                base_url=server.base_url,
                cache=False,
                api_key="bench-key",
            ) as client:
                timed(
                    server,
                    keyed,
                    keyed_ids,
                    functools.partial(client.fetch, pmids(keyed_ids, 20_000)),
                )
        results.append(keyed)
        facts["keyed_ids_per_s"] = keyed_ids / keyed.median
        facts["parse_ms_per_record"] = parse_ms_per_record()

        sequential = Measured(
            f"sarcoma_local with API key, workers=1 (one batch at a time): "
            f"{keyed_ids:,} PMIDs, no cache"
        )
        for _ in range(runs):
            with PubMedClient(
                email="bench@example.org",
                rate_limit_store=fresh_store(),
                base_url=server.base_url,
                cache=False,
                api_key="bench-key",
                workers=1,
            ) as client:
                timed(
                    server,
                    sequential,
                    keyed_ids,
                    functools.partial(client.fetch, pmids(keyed_ids, 30_000)),
                )
        results.append(sequential)
        facts["sequential_ids_per_s"] = keyed_ids / sequential.median

        slow_url = server.base_url.replace("/eutils", "/slow/eutils")
        for workers, offset in ((3, 60_000), (1, 70_000)):
            slow = Measured(
                f"sarcoma_local with API key, {SLOW_LATENCY * 1000:.0f} ms server latency, "
                f"workers={workers}: {ids_per_run:,} PMIDs, no cache"
            )
            for _ in range(runs):
                with PubMedClient(
                    email="bench@example.org",
                    rate_limit_store=fresh_store(),
                    base_url=slow_url,
                    cache=False,
                    api_key="bench-key",
                    workers=workers,
                ) as client:
                    timed(
                        server,
                        slow,
                        ids_per_run,
                        functools.partial(client.fetch, pmids(ids_per_run, offset)),
                    )
            results.append(slow)
            facts[f"slow_{workers}_ids_per_s"] = ids_per_run / slow.median

        with entrez_pointed_at(server.base_url) as Entrez:

            def entrez_batch() -> Any:
                ids = ",".join(map(str, pmids(1000, 30_000)))
                with Entrez.efetch(db="pubmed", id=ids, retmode="xml") as handle:
                    return Entrez.read(handle)

            def entrez_loop() -> None:
                for pmid in pmids(sample, 40_000):
                    with Entrez.efetch(db="pubmed", id=str(pmid), retmode="xml") as handle:
                        Entrez.read(handle)

            batch = Measured("Bio.Entrez efetch, comma list of 1,000 PMIDs + Entrez.read")
            loop = Measured(f"Bio.Entrez one efetch per PMID ({sample} PMIDs, extrapolated)")
            for _ in range(runs):
                got = timed(server, batch, 1000, entrez_batch)
                assert len(got["PubmedArticle"]) == 1000
                timed(server, loop, sample, entrez_loop)
            results += [batch, loop]

        with metapub_pointed_at(server.base_url) as fetcher:
            meta = Measured(f"metapub article_by_pmid per PMID ({sample} PMIDs, extrapolated)")
            for _ in range(runs):
                timed(
                    server,
                    meta,
                    sample,
                    lambda: [fetcher.article_by_pmid(str(p)) for p in pmids(sample, 50_000)],
                )
            results.append(meta)
    finally:
        server.stop()
    return results, facts


def report(
    results: list[Measured], facts: dict[str, Any], runs: int, command: str, separate: bool
) -> str:
    machine = (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}"
    )
    where = (
        "in a separate process (its own GIL, as a real server would be)"
        if separate
        else "in the benchmark's own process (same GIL as the clients)"
    )
    cold, warm, unkeyed, keyed, sequential, slow3, slow1, _, entrez_loop, meta = results
    lines = [
        "# PubMed client performance",
        "",
        f"Measured with `{command}` on {machine}; median of {runs} run(s); every client "
        "talks to the same local E-utilities server (127.0.0.1), which records request "
        f"arrival times; the server runs {where}. Network latency is ~0, so the numbers "
        "show what each client's own policy (batching, rate limit, cache, parsing) costs. "
        "Per-ID loops are timed on a sample and extrapolated to 1,000 IDs.",
        "",
        "| scenario | requests | max requests in any 1 s window | median wall time | "
        "per record | 1,000 records |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        thousand = r.ms_per_record * 1000 / 1000  # seconds for 1,000 records
        lines.append(
            f"| {r.name} | {statistics.median(r.requests):.0f} | {max(r.windows)} | "
            f"{r.median:.3f} s | {r.ms_per_record:.3f} ms | {thousand:.1f} s |"
        )
    ratio = facts["throughput_ids_per_s"] / facts["policy_ids_per_s"]
    keyed_max = max(max(r.windows) for r in (keyed, sequential, slow3, slow1))
    keyed_ratio = facts["keyed_ids_per_s"] / 2000
    sequential_ratio = facts["sequential_ids_per_s"] / 2000
    lines += [
        "",
        "Targets (issues 4 and 10):",
        "",
        f"* 1,000 PMIDs in at most 5 requests: **{statistics.median(cold.requests):.0f}** "
        f"requests; the same call again: **{max(warm.requests)}** requests.",
        f"* Never above NCBI's rate at the server: sarcoma_local's highest count in any "
        f"1-second window was **{max(max(r.windows) for r in (cold, warm, unkeyed))}** "
        f"without a key (limit 3) and **{keyed_max}** "
        f"with a key (limit 10), in every run. For comparison: Bio.Entrez per-ID loop "
        f"{max(entrez_loop.windows)}, metapub {max(meta.windows)} (see the table).",
        f"* Throughput without a key: **{facts['throughput_ids_per_s']:.0f} PMIDs/s** = "
        f"{ratio:.0%} of the policy limit (3 requests/s x 200 IDs = 600 PMIDs/s). A 12-request "
        "run starts with a full burst of 3; in steady state each request holds its slot "
        "until its answer's headers arrive, then for 1 s + 20 ms (so the server never sees "
        "more than 3 in a second, however the threads are scheduled).",
        f"* With an API key: **{facts['keyed_ids_per_s']:.0f} PMIDs/s** = {keyed_ratio:.0%} "
        f"of the policy limit (10 x 200 = 2,000/s; target >= 80%). fetch() keeps up to "
        f"`workers` (default 3) batches in flight, so one 200-record answer is parsed "
        f"while the next ones are on the wire; the shared limiter "
        f"still sets the pace. One batch at a time (`workers=1`, the former behaviour): "
        f"{facts['sequential_ids_per_s']:.0f} PMIDs/s = {sequential_ratio:.0%}. Over 40 "
        f"requests (four 1-second windows) the client is close to CPU-bound: parsing one "
        f"200-record answer costs {facts['parse_ms_per_record']:.2f} ms per record "
        f"(C-parser fast path for entity-free UTF-8 bodies, one pass over each author, "
        f"cyclic GC paused during the parse and the tree freed before it resumes), i.e. about "
        f"{facts['parse_ms_per_record'] * 2000 / 1000:.2f} s of CPU per second at the keyed "
        f"rate, and on this 2-core machine the local server, which builds each 1.7 MB "
        f"answer, shares the cores. The target is "
        f"{'met' if keyed_ratio >= 0.8 else 'not met'} here.",
        f"* Where overlap matters, a server {SLOW_LATENCY * 1000:.0f} ms away: "
        f"**{facts['slow_3_ids_per_s']:.0f} PMIDs/s** "
        f"({facts['slow_3_ids_per_s'] / 2000:.0%}) with `workers=3` against "
        f"{facts['slow_1_ids_per_s']:.0f} PMIDs/s ({facts['slow_1_ids_per_s'] / 2000:.0%}) "
        "one batch at a time.",
        f"* Cached 1,000-record fetch: **{warm.ms_per_record:.3f} ms per record** "
        "(target < 1 ms), cache read + XML parse included.",
        "",
        "Notes: Bio.Entrez sends the 1,000-ID list as a single POST (it switches to POST "
        "at 200 IDs but never splits; NCBI advises batches of about 200) and has no cache, so "
        "its second call costs the same. metapub's `article_by_pmid` is one GET per PMID, "
        "cache off by default. Both keep their own per-process rate limit "
        "(Bio.Entrez: 0.37 s between requests; metapub: 3/s without a key).",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sample", type=int, default=12, help="PMIDs in per-ID loops")
    parser.add_argument(
        "--server",
        choices=("process", "inprocess"),
        default="process",
        help="run the local server in its own process (default) or in this one",
    )
    parser.add_argument(
        "--out",
        default=str(ROOT / "docs" / "performance-pubmed.md"),
        help="markdown file to write, or - for stdout only",
    )
    args = parser.parse_args(argv)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no access log per request
    separate = args.server == "process"
    results, facts = run(args.runs, args.sample, separate_server=separate)
    command = (
        f".venv/bin/python benchmarks/pubmed_bench.py --runs {args.runs} --sample {args.sample}"
    )
    if not separate:
        command += " --server inprocess"
    text = report(results, facts, args.runs, command, separate)
    print(text)
    if args.out != "-":
        out = Path(args.out)
        # Keep the section benchmarks/pubmed_hardening_bench.py writes, and what follows it.
        old = out.read_text(encoding="utf-8") if out.exists() else ""
        begin = "<!-- hardening:begin -->"
        if begin in old:
            text = text.rstrip("\n") + "\n\n" + begin + old.split(begin, 1)[1]
        out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
