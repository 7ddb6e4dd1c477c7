"""PubMedClient against a real HTTP server on 127.0.0.1: batching, cache, faults, secrets."""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sarcoma_local import InvalidIdentifierError
from sarcoma_local._data.models import Author, Citation
from sarcoma_local.pubmed import (
    CitationQuery,
    MatchStatus,
    PubMedClient,
    PubMedHTTPError,
    PubMedNetworkError,
    PubMedNotCachedError,
    PubMedRateLimitError,
    PubMedResponseError,
    PubMedTimeoutError,
    RetryPolicy,
)

from .conftest import SYNTHETIC_FROM, FakeEutils

MakeClient = Callable[..., PubMedClient]
SECRET = "s3cr3t-api-key-0123456789"


# --- fetching --------------------------------------------------------------------------------


def test_fetch_returns_typed_articles_for_real_records(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    result = make_client().fetch([23657305, 38534005])
    assert [a.pmid for a in result] == [23657305, 38534005]
    assert result[38534005].title == "The EFLM European Urinalysis Guideline 2023."
    assert result.missing == ()


def test_fetch_sends_tool_and_email_by_post(eutils: FakeEutils, make_client: MakeClient) -> None:
    make_client(tool="my_app").fetch([9997])
    (seen,) = eutils.seen
    assert seen.method == "POST"
    assert seen.params["tool"] == "my_app"
    assert seen.params["email"] == "curator@example.org"
    assert seen.params["db"] == "pubmed"


def test_fetch_reports_pmids_pubmed_did_not_return(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    result = make_client().fetch([9997, 37909814, 12345678])
    assert [a.pmid for a in result] == [9997]
    assert result.missing == (37909814, 12345678)  # in the order asked


def test_fetch_splits_long_lists_into_sorted_batches_of_200(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    pmids = [SYNTHETIC_FROM + i for i in range(450)][::-1]
    result = make_client(requests_per_second=3).fetch(pmids)
    assert len(result) == 450
    # Batches may arrive in any order (several are in flight), each a sorted run.
    batches = sorted((s.ids for s in eutils.seen), key=lambda ids: ids[0])
    assert [len(ids) for ids in batches] == [200, 200, 50]
    assert [i for ids in batches for i in ids] == sorted(pmids)


def test_batch_size_is_configurable(eutils: FakeEutils, make_client: MakeClient) -> None:
    make_client(batch_size=2).fetch([9997, 12091962, 11748933])
    assert sorted(s.ids for s in eutils.seen) == [[9997, 11748933], [12091962]]


def test_duplicate_pmids_are_requested_once(eutils: FakeEutils, make_client: MakeClient) -> None:
    result = make_client().fetch([9997, "9997", 9997])
    assert eutils.seen[0].ids == [9997]
    assert result.requested == (9997,)


@pytest.mark.parametrize("bad", [0, -5, "12a", "123456789", "", 3.5, True])
def test_invalid_pmids_are_refused_before_any_request(
    eutils: FakeEutils, make_client: MakeClient, bad: Any
) -> None:
    with pytest.raises(InvalidIdentifierError):
        make_client().fetch([9997, bad])
    assert eutils.count == 0


def test_a_single_pmid_instead_of_a_list_is_a_type_error(make_client: MakeClient) -> None:
    with pytest.raises(TypeError, match="list of PMIDs"):
        make_client().fetch(9997)  # type: ignore[arg-type]


def test_fetch_one_returns_none_for_an_unknown_pmid(make_client: MakeClient) -> None:
    assert make_client().fetch_one(12345678) is None


# --- cache -----------------------------------------------------------------------------------


def test_second_identical_fetch_sends_no_request(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    client = make_client()
    first = client.fetch([9997, 23657305])
    second = client.fetch([9997, 23657305])
    assert eutils.count == 1
    assert second == first


def test_post_requests_are_cached(eutils: FakeEutils, make_client: MakeClient) -> None:
    client = make_client()
    client.summaries([11850928, 11482001])
    client.summaries([11850928, 11482001])
    assert [s.method for s in eutils.seen] == ["POST"]


def test_id_order_does_not_split_the_cache(eutils: FakeEutils, make_client: MakeClient) -> None:
    client = make_client()
    client.fetch([23657305, 9997])
    client.fetch([9997, 23657305])
    assert eutils.count == 1


def test_email_tool_and_api_key_do_not_split_the_cache(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    make_client(email="a@example.org").fetch([9997])
    make_client(email="b@example.org", tool="other", api_key=SECRET).fetch([9997])
    assert eutils.count == 1


def test_cache_survives_a_new_client_on_the_same_file(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    make_client().fetch([9997]).get(9997)
    make_client().close()
    assert make_client().fetch([9997]).get(9997) is not None
    assert eutils.count == 1


def test_cache_false_sends_every_call(eutils: FakeEutils, make_client: MakeClient) -> None:
    client = make_client(cache=False)
    client.fetch([9997])
    client.fetch([9997])
    assert eutils.count == 2


def test_cache_hits_do_not_use_the_rate_budget(eutils: FakeEutils, make_client: MakeClient) -> None:
    client = make_client()
    client.fetch([9997])
    started = time.monotonic()
    for _ in range(20):  # 20 calls would need > 6 s if each took a 1/3 s slot
        client.fetch([9997])
    assert time.monotonic() - started < 1.0
    assert eutils.count == 1


def test_any_requests_cache_backend_is_accepted(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    from requests_cache.backends.base import BaseCache

    backend = BaseCache()  # the in-memory backend
    make_client(cache=backend).fetch([9997])
    make_client(cache=backend).fetch([9997])
    assert eutils.count == 1


# --- offline ---------------------------------------------------------------------------------


def test_offline_mode_answers_from_the_cache(eutils: FakeEutils, make_client: MakeClient) -> None:
    make_client().fetch([9997])
    article = make_client(offline=True).fetch([9997]).get(9997)
    assert article is not None
    assert eutils.count == 1


def test_offline_mode_names_what_is_not_cached(eutils: FakeEutils, make_client: MakeClient) -> None:
    with pytest.raises(PubMedNotCachedError, match=r"offline.*efetch.*PMIDs 9997, 12091962"):
        make_client(offline=True).fetch([12091962, 9997])
    assert eutils.count == 0


# --- faults ----------------------------------------------------------------------------------


def test_a_5xx_is_retried_and_then_succeeds(eutils: FakeEutils, make_client: MakeClient) -> None:
    eutils.fail_next(503)
    result = make_client().fetch([9997])
    assert result.get(9997) is not None
    assert eutils.count == 2


def test_persistent_5xx_raises_http_error_after_bounded_attempts(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    eutils.fail_next(500, times=5)
    with pytest.raises(PubMedHTTPError, match=r"HTTP 500.*after 3 attempts") as info:
        make_client().fetch([9997])
    assert info.value.status == 500
    assert eutils.count == 3


def test_errors_are_never_cached(eutils: FakeEutils, make_client: MakeClient) -> None:
    eutils.fail_next(500, times=3)
    client = make_client(api_key="k")
    with pytest.raises(PubMedHTTPError):
        client.fetch([9997])
    assert client.fetch([9997]).get(9997) is not None
    assert eutils.count == 4


def test_a_4xx_is_not_retried(eutils: FakeEutils, make_client: MakeClient) -> None:
    eutils.fail_next(400, body=b"bad request")
    with pytest.raises(PubMedHTTPError, match="HTTP 400") as info:
        make_client().fetch([9997])
    assert info.value.status == 400
    assert eutils.count == 1


@pytest.mark.slow  # waits on a clock (retry delays, rate windows, timeouts)
def test_429_is_retried_after_the_retry_after_delay(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    eutils.fail_next(
        429, body=b'{"error":"API rate limit exceeded","count":"4"}', headers={"Retry-After": "1"}
    )
    make_client().fetch([9997])
    first, second = eutils.seen
    assert second.at - first.at >= 0.95


@pytest.mark.slow  # waits on a clock (retry delays, rate windows, timeouts)
def test_persistent_429_raises_rate_limit_error(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    eutils.fail_next(429, headers={"Retry-After": "0"}, times=3)
    client = make_client(retry=RetryPolicy(attempts=2, backoff_factor=0.01))
    with pytest.raises(PubMedRateLimitError) as info:
        client.fetch([9997])
    assert info.value.status == 429


def test_a_retry_after_longer_than_allowed_raises_at_once(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    eutils.fail_next(429, headers={"Retry-After": "3600"})
    with pytest.raises(PubMedRateLimitError, match=r"asked to wait 3600s"):
        make_client().fetch([9997])
    assert eutils.count == 1


ERROR_200 = b"<eFetchResult><ERROR>Cannot process request</ERROR></eFetchResult>"
HTML_200 = b"<!DOCTYPE html><html><body>WWW Error Blocked</body></html>"
JSON_200 = b'{"error":"Search Backend failed: temporarily unavailable"}'
RATE_200 = b'{"error":"API rate limit exceeded","count":"11"}'


def body_of(bad: bytes | str) -> bytes:
    """The bad body itself, or a real answer holding PMID 9997 cut in half."""
    if isinstance(bad, bytes):
        return bad
    from .conftest import fixture_bytes

    body = fixture_bytes("efetch_pubmed/biopython_pubmed1.xml")
    return body[: len(body) // 2]


@pytest.mark.parametrize("bad", [ERROR_200, HTML_200, JSON_200, b"", "truncated"])
def test_a_bad_200_is_retried_like_a_5xx(
    eutils: FakeEutils, make_client: MakeClient, bad: bytes | str
) -> None:
    eutils.fail_next(200, body=body_of(bad), times=2)
    result = make_client().fetch([9997])  # the default strict=True
    assert result.get(9997) is not None
    assert eutils.count == 3


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (ERROR_200, "NCBI reported an error: Cannot process request"),
        (HTML_200, "HTML page"),
        (JSON_200, "NCBI reported an error: Search Backend failed"),
        ("truncated", "malformed or truncated XML"),
    ],
)
def test_a_persistent_bad_200_raises_an_accurate_message_and_is_not_cached(
    eutils: FakeEutils, make_client: MakeClient, bad: bytes | str, message: str
) -> None:
    eutils.fail_next(200, body=body_of(bad), times=3)
    client = make_client(api_key="k")  # 4 requests: no need to wait a window
    with pytest.raises(PubMedResponseError, match=message):
        client.fetch([9997])
    assert client.fetch([9997]).get(9997) is not None
    assert eutils.count == 4


@pytest.mark.slow  # waits on a clock (retry delays, rate windows, timeouts)
def test_a_rate_limit_error_inside_a_200_slows_the_client_down(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    eutils.fail_next(200, body=RATE_200)
    client = make_client(cache=False)
    client.fetch([9997])
    first, second = eutils.seen
    assert second.at - first.at >= 0.9  # the window was filled, as after a 429


@pytest.mark.slow  # waits on a clock (retry delays, rate windows, timeouts)
def test_a_slow_server_raises_timeout(eutils: FakeEutils, make_client: MakeClient) -> None:
    eutils.fail_next(200, delay=0.6, times=2)
    client = make_client(timeout=0.2, retry=RetryPolicy(attempts=2, backoff_factor=0.01))
    with pytest.raises(PubMedTimeoutError, match=r"no answer within 0\.2s"):
        client.fetch([9997])


def test_a_refused_connection_raises_network_error(make_client: MakeClient) -> None:
    from .conftest import free_port

    client = make_client(base_url=f"http://127.0.0.1:{free_port()}/eutils")
    with pytest.raises(PubMedNetworkError):
        client.fetch([9997])


def test_non_strict_fetch_keeps_the_batches_that_worked(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    client = make_client(batch_size=1, retry=RetryPolicy(attempts=1))
    eutils.fail_next(500, endpoint="efetch.fcgi", pmid=9997)
    result = client.fetch([9997, 12091962], strict=False)
    assert result.failed == (9997,)
    assert [a.pmid for a in result] == [12091962]
    assert result.missing == ()
    assert "HTTP 500" in result.errors[0]


def test_after_a_failed_batch_a_new_call_only_requests_that_batch(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    client = make_client(batch_size=1, retry=RetryPolicy(attempts=1))
    eutils.fail_next(500, endpoint="efetch.fcgi", pmid=9997)
    client.fetch([9997, 12091962], strict=False)
    assert sorted(s.ids for s in eutils.seen) == [[9997], [12091962]]
    client.fetch([9997, 12091962])
    assert [s.ids for s in eutils.seen[2:]] == [[9997]]


# --- the API key stays secret ----------------------------------------------------------------


def test_api_key_is_sent_to_ncbi(eutils: FakeEutils, make_client: MakeClient) -> None:
    make_client(api_key=SECRET).fetch([9997])
    assert eutils.seen[0].params["api_key"] == SECRET


def test_api_key_is_not_in_the_repr(make_client: MakeClient) -> None:
    client = make_client(api_key=SECRET)
    assert SECRET not in repr(client)
    assert "api_key=<set>" in repr(client)


def test_api_key_is_not_written_to_the_cache_file(
    eutils: FakeEutils, make_client: MakeClient, cache_path: Path
) -> None:
    client = make_client(api_key=SECRET)
    client.fetch([9997])
    client.match_citations([CitationQuery("science", 1987, "235", "182", "palmenberg ac")])
    client.close()
    raw = cache_path.read_bytes()
    for sidecar in cache_path.parent.glob(cache_path.name + "-*"):
        raw += sidecar.read_bytes()
    with sqlite3.connect(cache_path) as db:
        rows = db.execute("select count(*) from pubmed_entries").fetchone()[0]
    assert rows == 2  # one record, one citation-match answer
    assert SECRET.encode() not in raw


def test_api_key_is_not_logged(
    eutils: FakeEutils, make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    eutils.fail_next(500)
    with caplog.at_level(logging.DEBUG):
        client = make_client(api_key=SECRET)
        client.fetch([9997])
        client.match_citations([CitationQuery("science", 1987, "235", "182", "palmenberg ac")])
    assert caplog.records
    assert all(SECRET not in r.getMessage() for r in caplog.records)


def test_api_key_is_not_in_error_messages(eutils: FakeEutils, make_client: MakeClient) -> None:
    eutils.fail_next(400, body=f"bad api_key={SECRET}".encode())
    with pytest.raises(PubMedHTTPError) as info:
        make_client(api_key=SECRET).fetch([9997])
    assert SECRET not in str(info.value)


def test_requests_per_second_above_policy_is_refused(make_client: MakeClient) -> None:
    with pytest.raises(ValueError, match=r"\(0, 3\]"):
        make_client(requests_per_second=5)


# --- summaries, search, citation matching, enrich --------------------------------------------


def test_summaries_are_typed_light_records(make_client: MakeClient) -> None:
    result = make_client().summaries([11850928, 11482001, 12345678])
    first = result.get(11850928)
    assert first is not None
    assert (first.first_author, first.journal, first.year) == ("LoPresti PJ", "Arch Dermatol", 1965)
    assert result.missing == (12345678,)


def test_search_sends_the_date_range_and_limit(eutils: FakeEutils, make_client: MakeClient) -> None:
    result = make_client().search("biopython", since=2015, limit=20)
    params = eutils.seen[0].params
    assert (params["mindate"], params["maxdate"], params["datetype"]) == ("2015", "3000", "pdat")
    assert params["retmax"] == "20"
    assert result.count == 63
    assert len(result.pmids) == 20
    assert result.truncated


def test_search_without_hits_is_an_empty_result(make_client: MakeClient) -> None:
    result = make_client().search("abcXYZ")
    assert (result.count, result.pmids) == (0, ())
    assert "PhraseNotFound: abcXYZ" in result.warnings


def test_search_limit_above_the_esearch_cap_is_refused(make_client: MakeClient) -> None:
    with pytest.raises(ValueError, match="10000"):
        make_client().search("sarcoma", limit=10_001)


def test_match_citations_gives_a_typed_outcome_per_input(make_client: MakeClient) -> None:
    queries = [
        CitationQuery("Proc Natl Acad Sci U S A", 1991, "88", "3248", "Mann BJ", key="a"),
        CitationQuery("Science", 1987, "235", "182", "Palmenberg AC", key="b"),
        CitationQuery("No Such Journal", 1990, "1", "1", "X", key="c"),
        CitationQuery("J Clin Oncol", 1985, "3", "999", "Nobody X", key="d"),
        CitationQuery("Dropped", 1985, "3", "999", "Nobody X", key="e"),
    ]
    matches = make_client().match_citations(queries)
    assert [(m.query.key, m.status, m.pmid) for m in matches] == [
        ("a", MatchStatus.FOUND, 2014248),
        ("b", MatchStatus.AMBIGUOUS, None),
        ("c", MatchStatus.NOT_FOUND, None),
        ("d", MatchStatus.NOT_FOUND, None),
        ("e", MatchStatus.NOT_FOUND, None),
    ]
    assert matches[1].candidates == (3026048, 3026049)
    assert matches[2].detail == "NOT_FOUND;INVALID_JOURNAL"
    assert matches[4].detail == "no answer line"


def test_match_citations_accepts_catalogue_citations(
    eutils: FakeEutils, make_client: MakeClient
) -> None:
    citation = Citation(
        key="mann-1991-3248",
        authors=(Author("Mann", "BJ"),),
        title="t",
        journal="Proc Natl Acad Sci U S A",
        year=1991,
        volume="88",
        pages="3248-52",
    )
    (match,) = make_client().match_citations([citation])
    assert match.pmid == 2014248
    assert eutils.seen[0].params["bdata"] == "Proc Natl Acad Sci U S A|1991|88|3248|Mann BJ|k0|"


def test_enrich_pairs_citations_with_fetched_records(make_client: MakeClient) -> None:
    def cite(key: str, pmid: int | None) -> Citation:
        return Citation(
            key=key, authors=(Author("X", "Y"),), title="t", journal="j", year=2000, pmid=pmid
        )

    enriched = make_client().enrich([cite("a", 23657305), cite("b", None), cite("c", 12345678)])
    assert [e.citation.key for e in enriched] == ["a", "b", "c"]
    assert enriched[0].abstract.startswith("CONTEXT: Alcoholic liver disease")
    assert (enriched[1].article, enriched[1].note) == (None, "no PMID in the catalogue")
    assert enriched[2].note == "PubMed returned no record for PMID 12345678"


def test_a_closed_client_refuses_requests(make_client: MakeClient) -> None:
    client = make_client()
    client.close()
    client.close()  # idempotent
    with pytest.raises(RuntimeError, match="closed"):
        client.fetch([9997])


def test_the_client_is_a_context_manager(eutils: FakeEutils, cache_path: Path) -> None:
    with PubMedClient(base_url=eutils.base_url, cache=cache_path) as client:
        assert client.fetch([9997]).get(9997) is not None
    with pytest.raises(RuntimeError):
        client.fetch([9997])
