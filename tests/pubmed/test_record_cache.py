"""The cache is per record: any PMID fetched before is served without a request."""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from sarcoma_local.pubmed import PubMedClient, PubMedHTTPError, PubMedResponseError

from .conftest import SYNTHETIC_FROM, FakeEutils

MakeClient = Callable[..., PubMedClient]
IDS = [SYNTHETIC_FROM + i for i in range(600)]


def test_any_subset_of_fetched_pmids_is_served_without_a_request_in_input_order(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    client = make_client(api_key="k")
    client.fetch(IDS)
    sent = eutils.count
    subset = random.Random(7).sample(IDS, 599)
    result = client.fetch(subset)
    assert eutils.count == sent
    assert [a.pmid for a in result] == subset


def test_fetch_one_after_a_batch_sends_nothing(eutils: FakeEutils, make_client: MakeClient) -> None:
    client = make_client()
    client.fetch([9997, 12091962, 23657305])
    assert client.fetch_one(12091962) is not None
    assert eutils.count == 1


def test_only_the_pmids_not_cached_are_requested(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    client = make_client()
    client.fetch([9997, 12091962])
    client.fetch([23657305, 9997, 12091962, 11748933])
    assert [s.ids for s in eutils.seen] == [[9997, 12091962], [11748933, 23657305]]


def test_one_entry_per_record_keeps_the_records_own_xml(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    client = make_client()
    client.fetch([9997, 12091962])
    entries = client.cache.get_many(["efetch:9997", "efetch:12091962"])
    assert set(entries) == {"efetch:9997", "efetch:12091962"}
    assert entries["efetch:9997"].value.startswith(b"<PubmedArticle>")
    assert b'<PMID Version="1">9997</PMID>' in entries["efetch:9997"].value


def test_results_keep_the_callers_order(make_client: MakeClient) -> None:
    result = make_client().fetch([23657305, 9997, 12091962])
    assert [a.pmid for a in result] == [23657305, 9997, 12091962]


def test_summaries_are_cached_per_record_too(eutils: FakeEutils, make_client: MakeClient) -> None:
    client = make_client()
    client.summaries([31978945, 2014248])
    assert client.summaries([2014248]).get(2014248) is not None
    assert eutils.count == 1


def test_an_omitted_pmid_is_asked_for_once_more_before_it_is_missing(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    eutils.fail_next(omit=[12091962], endpoint="efetch.fcgi")
    result = make_client().fetch([9997, 12091962])
    assert [a.pmid for a in result] == [9997, 12091962]
    assert [s.ids for s in eutils.seen] == [[9997, 12091962], [12091962]]


def test_a_partial_answer_is_never_cached_as_missing(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    eutils.fail_next(omit=[12091962], endpoint="efetch.fcgi")
    client = make_client()
    client.fetch([9997, 12091962])
    assert client.fetch([12091962]).missing == ()


def test_a_confirmed_missing_pmid_is_remembered(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    client = make_client()
    assert client.fetch([12345678]).missing == (12345678,)
    assert client.fetch([12345678]).missing == (12345678,)
    assert eutils.count == 2  # the first answer, and the re-check


class Index:
    """An integer type that is not int (like numpy.int64): it has __index__."""

    def __init__(self, value: int) -> None:
        self.value = value

    def __index__(self) -> int:
        return self.value


def test_any_integer_type_is_accepted(make_client: MakeClient) -> None:
    result = make_client().fetch([Index(9997)])
    assert [a.pmid for a in result] == [9997]


def test_numpy_integers_are_accepted(make_client: MakeClient) -> None:
    numpy = pytest.importorskip("numpy")
    result = make_client().fetch(numpy.array([9997], dtype=numpy.int64))
    assert [a.pmid for a in result] == [9997]


# --- stale copies ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fault",
    [
        {"status": 503},
        {"body": b"<eFetchResult><ERROR>Cannot process request</ERROR></eFetchResult>"},
        {"body": b'<?xml version="1.0"?><PubmedArticleSet><PubmedArticle><Medline'},
    ],
)
def test_an_expired_copy_is_served_when_revalidation_fails(
    eutils: FakeEutils, make_client: MakeClient, fault: dict[str, object]
) -> None:
    make_client(expire_after=timedelta(0), api_key="k").fetch([9997])
    eutils.fail_next(times=3, **fault)  # type: ignore[arg-type]
    result = make_client(expire_after=timedelta(0), api_key="k").fetch([9997])
    assert result.get(9997) is not None
    assert eutils.count == 4


def test_an_expired_copy_survives_a_bad_200(eutils: FakeEutils, make_client: MakeClient) -> None:
    make_client(expire_after=timedelta(0), api_key="k").fetch([9997])
    eutils.fail_next(body=b"<!DOCTYPE html><html>Blocked</html>", times=3)
    make_client(expire_after=timedelta(0), api_key="k").fetch([9997])
    assert make_client(expire_after=timedelta(0), api_key="k").cache.get_many(["efetch:9997"])


def test_without_a_stale_copy_the_error_is_raised(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    eutils.fail_next(503, times=3)
    with pytest.raises(PubMedHTTPError):
        make_client().fetch([9997])


# --- concurrent misses -------------------------------------------------------------------


def run_together(jobs: list[Callable[[], object]]) -> None:
    barrier = threading.Barrier(len(jobs))
    errors: list[BaseException] = []

    def run(job: Callable[[], object]) -> None:
        barrier.wait()
        try:
            job()
        except BaseException as exc:  # re-raised below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]


def test_threads_missing_the_same_pmids_send_one_request(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    eutils.fail_next(delay=0.3)  # slow first answer: the others arrive while it is out
    client = make_client()
    run_together([lambda: client.fetch([9997, 12091962])] * 4)
    assert eutils.count == 1


def test_clients_sharing_a_cache_file_send_one_request_for_the_same_misses(
    eutils: FakeEutils, make_client: MakeClient, cache_path: Path
) -> None:
    eutils.fail_next(delay=0.3)
    clients = [make_client(cache=cache_path) for _ in range(4)]
    run_together([lambda c=c: c.fetch([9997]) for c in clients])  # type: ignore[misc]
    assert eutils.count == 1


@pytest.mark.slow  # waits on a clock (retry delays, rate windows, timeouts)
def test_a_failed_owner_lets_the_waiting_caller_fetch(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    eutils.fail_next(500, delay=0.3, times=3)
    client = make_client(api_key="k")
    outcomes: list[object] = []

    def attempt() -> None:
        try:
            outcomes.append(client.fetch([9997]).get(9997) is not None)
        except PubMedHTTPError:
            outcomes.append("failed")

    run_together([attempt, attempt])
    assert sorted(map(str, outcomes)) == ["True", "failed"]


def test_a_response_error_is_not_cached(eutils: FakeEutils, make_client: MakeClient) -> None:
    deep = b"<i>" * 1_000 + b"x" + b"</i>" * 1_000
    body = (
        b'<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID Version="1">9997</PMID>'
        b"<Article><ArticleTitle>" + deep + b"</ArticleTitle></Article></MedlineCitation>"
        b"</PubmedArticle></PubmedArticleSet>"
    )
    eutils.fail_next(body=body)
    client = make_client()
    with pytest.raises(PubMedResponseError, match="nested deeper"):
        client.fetch([9997])
    assert client.fetch([9997]).get(9997) is not None
    assert eutils.count == 2


OPEN_STORE = """
import sys, time
from sarcoma_local.pubmed._store import SQLiteStore
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
store = SQLiteStore(sys.argv[1])
store.put_many({"k" + sys.argv[3]: b"v"}, 60)
store.close()
"""


@pytest.mark.slow
def test_processes_opening_a_new_cache_file_at_once_all_succeed(tmp_path: Path) -> None:
    import subprocess
    import sys
    import time

    path = tmp_path / "shared.sqlite"
    start_at = str(time.time() + 1.5)
    processes = [
        subprocess.Popen([sys.executable, "-c", OPEN_STORE, str(path), start_at, str(i)])
        for i in range(6)
    ]
    assert [p.wait(timeout=60) for p in processes] == [0] * 6
