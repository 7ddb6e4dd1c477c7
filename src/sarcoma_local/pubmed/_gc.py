"""Pause the cyclic garbage collector while a large response is turned into records.

An efetch answer of 200 records builds about 40,000 ElementTree elements and as many
tuples and attrs instances in a few tens of milliseconds. None of them can form a
reference cycle, yet the allocation count alone triggers collections that walk every
live object, and with three batches in flight that walking cost as much CPU as the
parsing itself (see docs/performance-pubmed.md). Pausing the collector for the length
of one parse removes that cost; the objects freed meanwhile are freed by reference
counting as usual, and collection resumes, with its counters intact, the moment the
last concurrent parse ends.

The pause is reference-counted across threads, so overlapping parses never re-enable
the collector under each other, and it never enables a collector the application had
switched off itself.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]

_lock = threading.Lock()
_depth = 0
_we_disabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Run the body with the cyclic collector paused; restore it afterwards.

    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    global _depth, _we_disabled
    with _lock:
        if _depth == 0:
            _we_disabled = gc.isenabled()
            if _we_disabled:
                gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _we_disabled:
                _we_disabled = False
                gc.enable()
