"""The collector pause around large parses: always restored, never fights the application."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

import pytest

from sarcoma_local.pubmed._gc import gc_paused
from sarcoma_local.pubmed._parse import parse_efetch


@pytest.fixture(autouse=True)
def _collector_enabled() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_collector_is_paused_inside_and_resumed_after() -> None:
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_collector_resumes_when_the_body_raises() -> None:
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_nested_pauses_resume_only_at_the_outermost_exit() -> None:
    with gc_paused():
        with gc_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_the_application_disabled_stays_disabled() -> None:
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()


def test_overlapping_pauses_in_threads_resume_once_the_last_one_ends() -> None:
    first_inside = threading.Event()
    release_first = threading.Event()
    second_done = threading.Event()

    def first() -> None:
        with gc_paused():
            first_inside.set()
            release_first.wait(5)

    def second() -> None:
        first_inside.wait(5)
        with gc_paused():
            pass
        second_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    assert second_done.wait(5)
    assert not gc.isenabled(), "the second thread must not resume collection under the first"
    release_first.set()
    for thread in threads:
        thread.join(5)
    assert gc.isenabled()


def test_a_failed_parse_leaves_the_collector_running() -> None:
    from sarcoma_local import PubMedResponseError

    with pytest.raises(PubMedResponseError):
        parse_efetch(b"<PubmedArticleSet><PubmedArticle>")
    assert gc.isenabled()
