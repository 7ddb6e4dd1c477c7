"""The HTTP side of the client: one POST with a streaming size cap, retries, redaction.

Retries are done here, above the HTTP adapter, so every retry passes the rate
limiter again; every error message is redacted (no API key) before it leaves.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Mapping
from typing import TypeVar

import attrs
import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from sarcoma_local._core.errors import (
    PubMedError,
    PubMedHTTPError,
    PubMedNetworkError,
    PubMedRateLimitError,
    PubMedResponseError,
    PubMedTimeoutError,
)

from ._options import MAX_WORKERS, RetryPolicy
from ._ratelimit import RateLimiter, _Stopped
from ._responses import MalformedResponseError, body_problem

__all__ = ["DEFAULT_MAX_RESPONSE_BYTES", "redact"]

logger = logging.getLogger(__name__)
_T = TypeVar("_T")

#: Largest answer read (after gzip): 200 typical records are ~2 MB, 200 with long
#: reference lists ~20 MB. A larger answer is refused while it streams in.
DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024
_CHUNK = 64 * 1024
# api_key=..., "api_key": "...", 'api_key': '...', api-key: ..., <api_key>...</api_key>
_SECRET = re.compile(r"""(api[_-]?key["']?\s*(?:=|:|>)\s*["']?)[^&\s'"<>,;}\]]+""", re.IGNORECASE)
_RATE_LIMIT_TEXT = re.compile(r"rate limit", re.IGNORECASE)
#: Placeholder in messages for "after N attempts", filled in when the error is raised.
_TRIES = "\x00tries\x00"


def redact(text: str, secret: str | None = None) -> str:
    """``text`` with API keys removed in any syntax, and ``secret`` wherever it appears.

    >>> redact('{"api_key": "abc123", "id": "1"}')
    '{"api_key": "<redacted>", "id": "1"}'
    >>> redact("db=pubmed&api_key=abc123&id=1")
    'db=pubmed&api_key=<redacted>&id=1'
    """
    if secret and len(secret) >= 8:  # NCBI keys are 36 characters; "k" would eat text
        text = text.replace(secret, "<redacted>")
    return _SECRET.sub(r"\1<redacted>", text)


@attrs.define
class _Call:
    """One public call: its deadline (``time.monotonic()``) and the stop flag of its batches."""

    deadline: float | None = None
    stop: threading.Event | None = None

    def remaining(self) -> float | None:
        return None if self.deadline is None else self.deadline - time.monotonic()

    @property
    def stopped(self) -> bool:
        return self.stop is not None and self.stop.is_set()


class _Retryable(Exception):
    """Internal: this attempt failed in a way worth retrying."""

    def __init__(
        self, error: PubMedError, retry_after: float | None = None, *, rate_limited: bool = False
    ) -> None:
        super().__init__(str(error))
        self.error = error
        self.retry_after = retry_after
        self.rate_limited = rate_limited


@attrs.frozen
class _Reply:
    status: int
    reason: str
    headers: Mapping[str, str]
    body: bytes


class _Transport:
    """The client's HTTP exchange (a mixin of :class:`PubMedClient`, which sets the fields)."""

    tool: str
    email: str | None
    base_url: str
    timeout: float | tuple[float, float]
    retry: RetryPolicy
    max_response_bytes: int
    call_timeout: float | None
    _limiter: RateLimiter
    _session: requests.Session
    _closed: bool

    def _open_session(self, api_key: str | None) -> None:
        self.__api_key = api_key  # name-mangled; never in repr, logs or messages
        self._session = requests.Session()
        adapter = HTTPAdapter(pool_connections=1, pool_maxsize=MAX_WORKERS, max_retries=0)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._session.headers["User-Agent"] = f"{self.tool} (sarcoma-local PubMed client)"

    def _api_key_given(self) -> bool:
        return self.__api_key is not None

    def _call(self, deadline: float | None) -> _Call:
        if self._closed:
            raise RuntimeError("this PubMedClient is closed")
        seconds_left = deadline if deadline is not None else self.call_timeout
        if seconds_left is not None and seconds_left <= 0:
            raise ValueError(f"deadline must be positive, got {seconds_left!r}")
        return _Call(None if seconds_left is None else time.monotonic() + seconds_left)

    def _exchange(
        self,
        endpoint: str,
        params: dict[str, str],
        *,
        what: str,
        parse: Callable[[bytes], _T],
        call: _Call,
    ) -> _T:
        """Send with retries until ``parse`` accepts a 200 answer; raise a PubMedError.

        Retries are done here, above the HTTP adapter: every retry passes the rate
        limiter again. A bad 200 (truncated, HTML, an error body) is retried like a
        5xx. Every message is redacted before it leaves this method.
        """
        if self._closed:
            raise RuntimeError("this PubMedClient is closed")
        policy = self.retry
        started = time.monotonic()
        error: PubMedError | None = None
        for attempt in range(1, policy.attempts + 1):
            if call.stopped:
                raise error or PubMedError(f"{what}: not sent (an earlier batch failed)")
            try:
                value = self._attempt(endpoint, params, what=what, parse=parse, call=call)
            except _Retryable as retryable:
                error = self._clean(retryable.error, attempt)
                delay = self._retry_delay(retryable, error, attempt)
            except _Stopped:
                raise error or PubMedError(f"{what}: not sent (an earlier batch failed)") from None
            except PubMedError as exc:
                raise self._clean(exc, attempt) from None
            else:
                self._limiter.succeeded()
                return value
            if attempt == policy.attempts:
                break
            if not self._wait_to_retry(endpoint, error, delay, started=started, call=call):
                break
        assert error is not None  # attempts >= 1, and every pass sets it or returns
        raise error

    def _retry_delay(self, retryable: _Retryable, error: PubMedError, attempt: int) -> float:
        """Seconds before the next try: the server's ``Retry-After``, else the backoff.

        Raises ``error`` at once when the server asks for more than ``max_retry_after``.
        """
        policy = self.retry
        if retryable.rate_limited:
            self._limiter.rate_limited()
        delay = retryable.retry_after
        if delay is not None and delay > policy.max_retry_after:
            raise _with_message(
                error,
                f"{error} (server asked to wait {delay:.0f}s; "
                f"more than max_retry_after={policy.max_retry_after:g}s)",
            ) from None
        return policy.backoff(attempt) if delay is None else delay

    def _wait_to_retry(
        self, endpoint: str, error: PubMedError, delay: float, *, started: float, call: _Call
    ) -> bool:
        """Sleep ``delay`` before a retry; False when the call was stopped meanwhile.

        Raises ``error`` when the wait would use up the retry budget, and a timeout
        when it would pass the call's deadline.
        """
        policy = self.retry
        spent = time.monotonic() - started
        if spent + delay > policy.budget:
            raise _with_message(
                error, f"{error} (retry budget of {policy.budget:g}s used up)"
            ) from None
        remaining = call.remaining()
        if remaining is not None and delay >= remaining:
            raise PubMedTimeoutError(f"the call's deadline passed; last error: {error}") from None
        logger.debug("%s failed (%s); retrying in %.2fs", endpoint, error, delay)
        if call.stop is None:
            time.sleep(delay)
            return True
        return not call.stop.wait(delay)

    def _clean(self, error: PubMedError, attempt: int) -> PubMedError:
        """The error with any API key removed and the attempt count filled in."""
        tries = f"after {attempt} attempt{'s' if attempt > 1 else ''}"
        text = str(error).replace(_TRIES, tries)
        if attempt > 1 and tries not in text:
            text += f" ({tries})"
        return _with_message(error, redact(text, self.__api_key))

    def _attempt(
        self,
        endpoint: str,
        params: dict[str, str],
        *,
        what: str,
        parse: Callable[[bytes], _T],
        call: _Call,
    ) -> _T:
        slot = self._limiter.acquire(deadline=call.deadline, stop=call.stop)
        logger.debug("POST %s (%s)", endpoint, what)
        reply = self._send(f"{self.base_url}/{endpoint}", params, what=what, call=call, slot=slot)
        if reply.status != 200:
            raise self._status_problem(reply, what)
        problem = body_problem(reply.body)
        if problem is not None:
            raise _Retryable(
                MalformedResponseError(f"{what}: {problem}"),
                rate_limited=bool(_RATE_LIMIT_TEXT.search(problem)),
            )
        try:
            return parse(reply.body)
        except MalformedResponseError as exc:
            raise _Retryable(exc) from None

    def _send(
        self, url: str, params: dict[str, str], *, what: str, call: _Call, slot: str
    ) -> _Reply:
        """One POST, the body read in chunks up to ``max_response_bytes``.

        The rate-limit ``slot`` is settled as soon as the headers arrive (or the
        send fails): the server has seen the request by then.

        The API key lives only in this frame, and only until the request is built:
        errors are raised after the ``except`` block, so no traceback or exception
        context keeps the request (or this frame's locals) alive.
        """
        failure: PubMedError | _Retryable | None = None
        response: requests.Response | None = None
        payload: dict[str, str] | None = {**params, **self._identity()}
        settled = False
        try:
            response = self._session.post(
                url, data=payload, timeout=self._timeout(call), stream=True
            )
            self._limiter.settle(slot)
            settled = True
            payload = None
            body = self._read(response, what=what, call=call)
            reply = _Reply(
                response.status_code, response.reason or "", dict(response.headers), body
            )
        except requests.Timeout as exc:
            failure = _Retryable(
                PubMedTimeoutError(
                    f"{what}: no answer within {self.timeout}s ({type(exc).__name__})"
                )
            )
        except (
            requests.ConnectionError,
            requests.exceptions.ChunkedEncodingError,
            requests.exceptions.ContentDecodingError,
        ) as exc:
            failure = _Retryable(PubMedNetworkError(f"{what}: {type(exc).__name__}: {exc}"))
        except requests.RequestException as exc:
            failure = PubMedNetworkError(f"{what}: {type(exc).__name__}: {exc}")
        except PubMedError as exc:
            failure = exc
        finally:
            payload = None
            if not settled:
                self._limiter.settle(slot)
            if response is not None:
                response.close()
        if failure is not None:
            if isinstance(failure, _Retryable):
                failure.error.__traceback__ = None
            else:
                failure.__traceback__ = None
            raise failure
        return reply

    def _timeout(self, call: _Call) -> float | tuple[float, float]:
        remaining = call.remaining()
        if remaining is None:
            return self.timeout
        if remaining <= 0:
            raise PubMedTimeoutError("the call's deadline passed before the request was sent")
        if isinstance(self.timeout, tuple):
            return (min(self.timeout[0], remaining), min(self.timeout[1], remaining))
        return min(self.timeout, remaining)

    def _read(self, response: requests.Response, *, what: str, call: _Call) -> bytes:
        cap = self.max_response_bytes
        declared = response.headers.get("Content-Length", "")
        if (
            declared.isdigit()
            and int(declared) > cap
            and not response.headers.get("Content-Encoding")
        ):
            raise PubMedResponseError(
                f"{what}: answer of {int(declared):,} bytes is larger than "
                f"max_response_bytes={cap:,}; refused"
            )
        parts: list[bytes] = []
        total = 0
        for chunk in response.iter_content(_CHUNK):
            total += len(chunk)
            if total > cap:
                raise PubMedResponseError(
                    f"{what}: answer larger than max_response_bytes={cap:,} "
                    "(after decompression); refused"
                )
            parts.append(chunk)
            remaining = call.remaining()
            if remaining is not None and remaining <= 0:
                raise PubMedTimeoutError(f"{what}: the call's deadline passed while reading")
        return b"".join(parts)

    def _status_problem(self, reply: _Reply, what: str) -> PubMedError | _Retryable:
        status = reply.status
        detail = reply.body[:400].decode("utf-8", "replace").strip().replace("\n", " ")[:200]
        message = f"{what}: HTTP {status} {reply.reason}".rstrip() + f" {_TRIES}"
        if detail:
            message += f": {detail}"
        error: PubMedHTTPError
        if status == 429:
            error = PubMedRateLimitError(message, status=status)
        else:
            error = PubMedHTTPError(message, status=status)
        if status not in self.retry.statuses:
            return error
        return _Retryable(error, _retry_after(reply.headers), rate_limited=status == 429)

    def _identity(self) -> dict[str, str]:
        params = {"tool": self.tool}
        if self.email:
            params["email"] = self.email
        if self.__api_key:
            params["api_key"] = self.__api_key
        return params


def _with_message(error: PubMedError, message: str) -> PubMedError:
    if isinstance(error, PubMedHTTPError):
        return type(error)(message, status=error.status)
    return type(error)(message)


def _retry_after(headers: Mapping[str, str]) -> float | None:
    value = headers.get("Retry-After")
    if not value:
        return None
    try:
        # urllib3 parses both forms (seconds, HTTP-date) the same way its Retry does.
        return max(0.0, float(Retry().parse_retry_after(value)))
    except Exception:  # an unparsable header is ignored, backoff applies
        return None
