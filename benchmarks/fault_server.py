"""A fault-injecting E-utilities server on 127.0.0.1, in its own process.

It answers efetch with real PubMed XML (the record of
``tests/fixtures/eutils/efetch_pubmed/metapub_38534005.xml``, its PMID replaced by
each one asked for), records every arrival time, and misbehaves on a plan::

    with FaultServer() as server:
        server.plan(truncate_every=7, status_every=5, status=502)
        ... client = PubMedClient(base_url=server.base_url) ...
        stats = server.stats()   # arrivals, answers by status, bodies sent

Plan keys (all optional; request numbers count efetch requests from 1):

* ``status_every``/``status``: every Nth request answers that status;
* ``truncate_every``: every Nth answer is cut in half (a 200);
* ``error200_every``: every Nth answer is a 200 error body, alternately NCBI's JSON
  rate-limit error and an ``<eFetchResult><ERROR>`` document;
* ``echo_every``: every Nth answer is a 400 whose JSON body echoes the request
  parameters (the API key included), as some proxies do;
* ``omit_every``: every Nth answer leaves out its last record;
* ``once``: the next request gets ``"big"`` (a body of ``big_mb`` MB), ``"bomb"`` (a
  gzip body inflating to ``bomb_mb`` MB) or ``"deep"`` (a title nested
  ``depth`` levels);
* ``limit``: answer 429 when more than this many requests arrived in the last
  second (NCBI's behaviour), so a client over the limit is seen failing;
* ``outage_s``: answer 503 to every request for this many seconds after the plan
  is set.

Control is over HTTP on the same port (``/_control/plan``, ``/_control/stats``).
"""

from __future__ import annotations

import json
import multiprocessing
import re
import threading
import time
import zlib
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs
from urllib.request import Request, urlopen

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE_FILE = ROOT / "tests" / "fixtures" / "eutils" / "efetch_pubmed" / "metapub_38534005.xml"
TEMPLATE_PMID = b"38534005"
HEADER = (
    b'<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, '
    b'1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
)
TITLE = b"<ArticleTitle>The EFLM European Urinalysis Guideline 2023.</ArticleTitle>"


def record_template() -> bytes:
    """The one real PubmedArticle every generated answer repeats."""
    match = re.search(rb"<PubmedArticle>.*</PubmedArticle>", TEMPLATE_FILE.read_bytes(), re.DOTALL)
    assert match is not None
    return match.group(0)


def efetch_body(ids: list[str], template: bytes) -> bytes:
    records = b"".join(template.replace(TEMPLATE_PMID, i.encode()) for i in ids)
    return HEADER + b"<PubmedArticleSet>" + records + b"</PubmedArticleSet>\n"


def gzip_bomb(megabytes: int) -> bytes:
    """A gzip stream of ``megabytes`` MB of spaces (about 1 KB per MB compressed)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b" " * (1024 * 1024)
    parts = [compressor.compress(HEADER + b"<PubmedArticleSet>")]
    parts.extend(compressor.compress(block) for _ in range(megabytes))
    parts.append(compressor.flush())
    return b"".join(parts)


class _State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.template = record_template()
        self.reset({})

    def reset(self, plan: dict[str, Any]) -> None:
        with self.lock:
            self.plan = plan
            self.planned_at = time.time()
            self.count = 0
            self.arrivals: list[float] = []
            self.recent: deque[float] = deque()
            self.statuses: dict[str, int] = {}
            self.echoed: list[str] = []


class _Handler(BaseHTTPRequestHandler):
    state: _State
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _reply(
        self,
        status: int,
        body: bytes,
        headers: dict[str, str] | None = None,
        *,
        count: bool = True,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/xml; charset=UTF-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)
        if count:
            with self.state.lock:
                statuses = self.state.statuses
                statuses[str(status)] = statuses.get(str(status), 0) + 1

    def do_GET(self) -> None:
        if self.path.startswith("/_control/stats"):
            with self.state.lock:
                data = {
                    "arrivals": self.state.arrivals,
                    "statuses": self.state.statuses,
                    "echoed": self.state.echoed,
                    "count": self.state.count,
                }
            body = json.dumps(data).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self._reply(404, b"not found")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        if self.path.startswith("/_control/plan"):
            self.state.reset(json.loads(raw or b"{}"))
            self._reply(200, b"{}", count=False)
            return
        arrived = time.time()
        params = {k: v[-1] for k, v in parse_qs(raw.decode()).items()}
        state = self.state
        with state.lock:
            state.count += 1
            n = state.count
            state.arrivals.append(arrived)
            plan = dict(state.plan)
            once = plan.pop("once", None)
            if once:
                state.plan.pop("once", None)
            state.recent.append(arrived)
            while state.recent and state.recent[0] <= arrived - 1.0:
                state.recent.popleft()
            over = plan.get("limit") is not None and len(state.recent) > plan["limit"]
            down = arrived - state.planned_at < float(plan.get("outage_s", 0))
        if over:
            body = b'{"error":"API rate limit exceeded","count":"%d"}' % len(state.recent)
            self._reply(429, body, {"Retry-After": "1"})
            return
        if down:
            self._reply(503, b"<html>Service Unavailable</html>")
            return
        ids = [i for i in params.get("id", "").split(",") if i]

        def every(key: str) -> bool:
            value = plan.get(key)
            return value is not None and n % int(value) == 0

        if every("status_every"):
            self._reply(int(plan.get("status", 502)), b"<html>Bad Gateway</html>")
        elif every("echo_every"):
            with state.lock:
                state.echoed.append(params.get("api_key", ""))
            self._reply(400, json.dumps({"error": "bad request", "request": params}).encode())
        elif every("truncate_every"):
            body = efetch_body(ids, state.template)
            self._reply(200, body[: len(body) // 2])
        elif every("error200_every"):
            if (n // int(plan["error200_every"])) % 2:
                self._reply(200, b'{"error":"API rate limit exceeded","count":"4"}')
            else:
                self._reply(200, b"<eFetchResult><ERROR>Unable to obtain query #1</ERROR>")
        elif once == "big":
            size = int(plan.get("big_mb", 60)) * 1024 * 1024
            template = state.template
            records = template * (size // len(template))
            self._reply(200, HEADER + b"<PubmedArticleSet>" + records + b"</PubmedArticleSet>")
        elif once == "bomb":
            self._reply(
                200, gzip_bomb(int(plan.get("bomb_mb", 1024))), {"Content-Encoding": "gzip"}
            )
        elif once == "deep":
            depth = int(plan.get("depth", 5000))
            title = b"<ArticleTitle>" + b"<i>" * depth + b"x" + b"</i>" * depth + b"</ArticleTitle>"
            body = efetch_body(ids, state.template.replace(TITLE, title))
            self._reply(200, body)
        else:
            if every("omit_every") and len(ids) > 1:
                ids = ids[:-1]  # a partial answer; a one-ID re-check is answered honestly
            self._reply(200, efetch_body(ids, state.template))


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gives up on a huge or trickling answer resets the connection


def _serve(port_out: Any, ready: Any) -> None:
    handler = type("Handler", (_Handler,), {"state": _State()})
    server = _Server(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    port_out.value = server.server_address[1]
    ready.set()
    server.serve_forever()


class FaultServer:
    """The server in a child process; a context manager."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._port = context.Value("i", 0)
        ready = context.Event()
        self._process = context.Process(target=_serve, args=(self._port, ready), daemon=True)
        self._process.start()
        if not ready.wait(30):
            raise RuntimeError("fault server did not start")

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port.value}/eutils"

    def plan(self, **plan: Any) -> None:
        """Reset the counters and set the plan for the next requests."""
        request = Request(
            f"http://127.0.0.1:{self._port.value}/_control/plan",
            data=json.dumps(plan).encode(),
            method="POST",
        )
        with urlopen(request, timeout=30) as answer:
            answer.read()

    def stats(self) -> dict[str, Any]:
        """``arrivals`` (time.time()), ``statuses`` (count per status), ``count``."""
        url = f"http://127.0.0.1:{self._port.value}/_control/stats"
        with urlopen(url, timeout=30) as answer:
            data: dict[str, Any] = json.loads(answer.read())
        return data

    def close(self) -> None:
        self._process.terminate()
        self._process.join(10)

    def __enter__(self) -> FaultServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def max_per_window(arrivals: list[float], window: float = 1.0) -> int:
    """Most arrivals inside any ``window``-second interval."""
    times = sorted(arrivals)
    best = 0
    j = 0
    for i, start in enumerate(times):
        j = max(j, i)
        while j < len(times) and times[j] - start < window:
            j += 1
        best = max(best, j - i)
    return best
