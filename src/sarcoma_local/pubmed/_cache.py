"""Cache lifetimes and the default location; the storage itself is in :mod:`._store`.

The cache is per record: ``fetch([a, b])`` stores ``a`` and ``b`` as two entries
(their own XML), so a later ``fetch([b, c])`` requests only ``c``. Only records
from a complete, parsed answer are stored; errors never are.
"""

from __future__ import annotations

from datetime import timedelta

from ._store import CacheSpec, default_cache_path

__all__ = [
    "DEFAULT_EXPIRE_AFTER",
    "MISSING_EXPIRE_AFTER",
    "SEARCH_EXPIRE_AFTER",
    "CacheSpec",
    "default_cache_path",
    "seconds",
]

#: Records change rarely (corrections, MeSH indexing); searches change daily.
DEFAULT_EXPIRE_AFTER = timedelta(days=30)
SEARCH_EXPIRE_AFTER = timedelta(days=1)
#: "PubMed has no record with this PMID" (after a re-check) is kept for a day only:
#: new PMIDs appear every day.
MISSING_EXPIRE_AFTER = timedelta(days=1)


def seconds(value: timedelta | int | float) -> float:
    """A lifetime as seconds (``timedelta`` or a number of seconds)."""
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
