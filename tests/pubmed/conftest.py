"""A fake NCBI E-utilities server on 127.0.0.1 for the PubMed client tests.

It serves the real NCBI responses in ``tests/fixtures/eutils`` (see PROVENANCE.md
there), builds efetch answers from those records for whatever PMIDs are asked,
records the arrival time of every request, and can be told to misbehave:
``server.fail_next(status=429, headers={"Retry-After": "1"})``, truncated or
HTML bodies, ``<ERROR>`` inside a 200, slow answers; a fault can target the
request for one PMID (``pmid=...``), since concurrent batches arrive in any order.
It also records how many requests it was serving at once (``max_concurrent``).
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import attrs
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "eutils"
XML_HEADER = (
    b'<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, '
    b'1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
)
_RECORD = re.compile(rb"<(PubmedArticle|PubmedBookArticle)>.*?</\1>", re.DOTALL)
_PMID = re.compile(rb"<PMID Version=\"1\">(\d+)</PMID>")
#: PMIDs from here up are synthesised from a real record (for batch/benchmark tests).
SYNTHETIC_FROM = 90_000_000


def fixture_bytes(relative: str) -> bytes:
    """The raw bytes of one fixture file."""
    return (FIXTURES / relative).read_bytes()


def _load_records() -> dict[int, bytes]:
    records: dict[int, bytes] = {}
    for path in sorted((FIXTURES / "efetch_pubmed").glob("*.xml")):
        for match in _RECORD.finditer(path.read_bytes()):
            pmid = _PMID.search(match.group(0))
            assert pmid is not None
            records[int(pmid.group(1))] = match.group(0)
    return records


RECORDS = _load_records()
_TEMPLATE_PMID = 38534005
_TEMPLATE = RECORDS[_TEMPLATE_PMID]


def synthetic_record(pmid: int) -> bytes:
    """A real record (38534005) with its own PMID replaced by ``pmid``."""
    return _TEMPLATE.replace(str(_TEMPLATE_PMID).encode(), str(pmid).encode())


#: ESummary DocSums (handmade, same layout as esummary/biopython_esummary1.xml).
SUMMARIES: dict[int, dict[str, Any]] = {
    2014248: {
        "authors": ["Mann BJ", "Torian BE", "Vedvick TS", "Petri WA Jr"],
        "source": "Proc Natl Acad Sci U S A",
        "full": "Proceedings of the National Academy of Sciences of the United States of America",
        "date": "1991 Apr 15",
        "title": "Sequence of a cysteine-rich galactose-specific lectin of Entamoeba histolytica.",
        "volume": "88",
        "pages": "3248-52",
    },
    31978945: {
        "authors": ["Zhu N", "Zhang D"],
        "source": "N Engl J Med",
        "full": "The New England journal of medicine",
        "date": "2020 Feb 20",
        "title": "A Novel Coronavirus from Patients with Pneumonia in China, 2019.",
        "volume": "382",
        "pages": "727-733",
    },
}


def _docsum(pmid: int, info: dict[str, Any]) -> str:
    authors = "".join(f'<Item Name="Author" Type="String">{a}</Item>' for a in info["authors"])
    return (
        f"<DocSum><Id>{pmid}</Id>"
        f'<Item Name="PubDate" Type="Date">{info["date"]}</Item>'
        f'<Item Name="Source" Type="String">{info["source"]}</Item>'
        f'<Item Name="AuthorList" Type="List">{authors}</Item>'
        f'<Item Name="Title" Type="String">{info["title"]}</Item>'
        f'<Item Name="Volume" Type="String">{info["volume"]}</Item>'
        f'<Item Name="Pages" Type="String">{info["pages"]}</Item>'
        f'<Item Name="FullJournalName" Type="String">{info["full"]}</Item>'
        "</DocSum>"
    )


#: ECitMatch answers by (journal, year, volume, first page), as NCBI normalises them.
CITMATCH: dict[tuple[str, str, str, str], str] = {
    ("proc natl acad sci u s a", "1991", "88", "3248"): "2014248",
    ("science", "1987", "235", "182"): "AMBIGUOUS 3026048,3026049",
    ("n engl j med", "2020", "382", "727"): "31978945",
    # ECitMatch matching on journal+volume+page although the year disagrees:
    ("n engl j med", "2019", "382", "727"): "31978945",
}


@attrs.define
class Seen:
    """One request as the server saw it."""

    at: float
    method: str
    endpoint: str
    params: dict[str, str]

    @property
    def ids(self) -> list[int]:
        return [int(i) for i in self.params.get("id", "").split(",") if i]


@attrs.define
class Fault:
    status: int = 200
    body: bytes | None = None
    headers: dict[str, str] = attrs.Factory(dict)
    delay: float = 0.0
    endpoint: str | None = None
    pmid: int | None = None
    omit: frozenset[int] = frozenset()
    trickle: float = 0.0

    def applies_to(self, endpoint: str, params: dict[str, str]) -> bool:
        if self.endpoint not in (None, endpoint):
            return False
        return self.pmid is None or str(self.pmid) in params.get("id", "").split(",")


class FakeEutils:
    """Wraps a pytest-httpserver; see the module docstring."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.seen: list[Seen] = []
        self.faults: list[Fault] = []
        self.active = 0
        self.max_concurrent = 0
        #: When set, answer 429 to a request that makes more than this many in 1 s (NCBI).
        self.limit: int | None = None
        self._lock = threading.Lock()
        server.expect_request(re.compile(r"/eutils/.*")).respond_with_handler(self._handle)

    @property
    def base_url(self) -> str:
        return self.server.url_for("/eutils").rstrip("/")

    @property
    def count(self) -> int:
        return len(self.seen)

    def requests_to(self, endpoint: str) -> list[Seen]:
        return [s for s in self.seen if s.endpoint == endpoint]

    def fail_next(
        self,
        status: int = 200,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        times: int = 1,
        endpoint: str | None = None,
        pmid: int | None = None,
        omit: Iterable[int] = (),
        trickle: float = 0.0,
    ) -> None:
        """Answer the next ``times`` requests (to ``endpoint``, for ``pmid``, if given) so.

        ``omit``: a normal answer leaving out these records. ``trickle``: a normal
        answer sent one byte every ``trickle`` seconds.
        """
        for _ in range(times):
            self.faults.append(
                Fault(
                    status,
                    body,
                    headers or {},
                    delay,
                    endpoint,
                    pmid,
                    frozenset(omit),
                    trickle,
                )
            )

    def max_in_window(self, window: float = 1.0) -> int:
        """Most requests that arrived within any ``window``-second interval."""
        times = sorted(s.at for s in self.seen)
        best = 0
        for i, start in enumerate(times):
            j = i
            while j < len(times) and times[j] - start < window:
                j += 1
            best = max(best, j - i)
        return best

    def _handle(self, request: Request) -> Response:
        arrived = time.monotonic()
        with self._lock:
            self.active += 1
            self.max_concurrent = max(self.max_concurrent, self.active)
        try:
            return self._answer(request, arrived)
        finally:
            with self._lock:
                self.active -= 1

    def _answer(self, request: Request, arrived: float) -> Response:
        params = {k: v[-1] for k, v in parse_qs(request.query_string.decode()).items()}
        if request.method == "POST":
            params.update({k: v[-1] for k, v in parse_qs(request.get_data(as_text=True)).items()})
        endpoint = request.path.rsplit("/", 1)[-1]
        with self._lock:
            self.seen.append(Seen(arrived, request.method, endpoint, params))
            recent = sum(1 for s in self.seen if s.at > arrived - 1.0)
            if self.limit is not None and recent > self.limit:
                return Response(
                    b'{"error":"API rate limit exceeded"}', status=429, headers={"Retry-After": "1"}
                )
            fault = next((f for f in self.faults if f.applies_to(endpoint, params)), None)
            if fault is not None:
                self.faults.remove(fault)
        if fault is not None:
            if fault.delay:
                time.sleep(fault.delay)
            if fault.omit:
                ids = [i for i in params.get("id", "").split(",") if int(i) not in fault.omit]
                params = {**params, "id": ",".join(ids)}
            if fault.trickle:
                return Response(
                    _trickle(b"<?xml version='1.0'?>" + b" " * 10_000, fault.trickle),
                    content_type="text/xml",
                )
            if fault.body is not None or fault.status != 200:
                return Response(
                    fault.body or b"",
                    status=fault.status,
                    headers=fault.headers,
                    content_type="text/xml; charset=UTF-8",
                )
        handler: Callable[[dict[str, str]], Response] = getattr(
            self, "_" + endpoint.split(".")[0], self._unknown
        )
        return handler(params)

    def _unknown(self, params: dict[str, str]) -> Response:
        return Response(b"not found", status=404)

    def _efetch(self, params: dict[str, str]) -> Response:
        parts = [XML_HEADER, b"<PubmedArticleSet>"]
        for raw in params.get("id", "").split(","):
            if not raw:
                continue
            pmid = int(raw)
            if pmid in RECORDS:
                parts.append(RECORDS[pmid])
            elif pmid >= SYNTHETIC_FROM:
                parts.append(synthetic_record(pmid))
        parts.append(b"</PubmedArticleSet>")
        return Response(b"".join(parts), content_type="text/xml; charset=UTF-8")

    def _esummary(self, params: dict[str, str]) -> Response:
        if not params.get("id"):
            return Response(
                fixture_bytes("esummary/biopython_esummary8.xml"), content_type="text/xml"
            )
        ids = [int(i) for i in params["id"].split(",")]
        if set(ids) & {11850928, 11482001}:
            return Response(
                fixture_bytes("esummary/biopython_esummary1.xml"), content_type="text/xml"
            )
        body = "".join(_docsum(i, SUMMARIES[i]) for i in ids if i in SUMMARIES)
        return Response(
            f'<?xml version="1.0" encoding="UTF-8" ?>\n<eSummaryResult>{body}</eSummaryResult>',
            content_type="text/xml",
        )

    def _esearch(self, params: dict[str, str]) -> Response:
        name = (
            "biopython_esearch8.xml"
            if "abcXYZ" in params.get("term", "")
            else ("biopython_esearch1.xml")
        )
        return Response(fixture_bytes(f"esearch/{name}"), content_type="text/xml")

    def _ecitmatch(self, params: dict[str, str]) -> Response:
        lines = []
        for citation in params.get("bdata", "").split("\r"):
            fields = citation.split("|")
            if len(fields) < 6:
                continue
            journal, year, volume, page, author = (f.strip().lower() for f in fields[:5])
            if journal == "dropped":
                continue  # NCBI sometimes echoes no line for a citation
            answer = CITMATCH.get((journal, year, volume, page))
            if answer is None and journal not in {"j clin oncol", "science", "n engl j med"}:
                answer, author = "NOT_FOUND;INVALID_JOURNAL", ""
            lines.append(f"{journal}|{year}|{volume}|{page}|{author}|{fields[5]}|{answer or ''}")
        return Response("\n".join(lines) + "\n", content_type="text/plain")


def _trickle(body: bytes, pause: float) -> Iterator[bytes]:
    for i in range(len(body)):
        time.sleep(pause)
        yield body[i : i + 1]


@pytest.fixture(scope="session")
def _http_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def eutils(_http_server: HTTPServer) -> Iterator[FakeEutils]:
    """A fresh fake E-utilities server state for one test."""
    _http_server.clear()
    yield FakeEutils(_http_server)
    _http_server.clear()


@pytest.fixture
def cache_path(tmp_path: Path) -> Path:
    """A SQLite HTTP cache file private to the test."""
    return tmp_path / "http-cache.sqlite"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real redis-server on a free loopback port, for this test session only."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server binary not found (scripts/ensure-redis.sh installs it)")
    port = free_port()
    workdir = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [
            binary,
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.skip(f"redis-server could not start on port {port}")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def make_client(
    eutils: FakeEutils, cache_path: Path, tmp_path: Path
) -> Iterator[Callable[..., Any]]:
    """Build PubMedClients pointed at the fake server; all are closed after the test.

    Defaults: email set, the test's private cache file, fast retries, and a rate-limit
    log private to the test (the default log is shared by the whole host).
    """
    from sarcoma_local.pubmed import PubMedClient, RetryPolicy

    clients: list[PubMedClient] = []

    def build(**overrides: Any) -> PubMedClient:
        options: dict[str, Any] = {
            "email": "curator@example.org",
            "base_url": eutils.base_url,
            "cache": cache_path,
            "retry": RetryPolicy(attempts=3, backoff_factor=0.01),
            "timeout": 5.0,
            "rate_limit_store": tmp_path / "rate.log",
        }
        options.update(overrides)
        client = PubMedClient(**options)
        clients.append(client)
        return client

    yield build
    for client in clients:
        client.close()
