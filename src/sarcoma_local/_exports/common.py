"""What every citation export shares: input checking and the version-and-disclaimer note."""

from __future__ import annotations

from collections.abc import Iterable

from sarcoma_local._core.version import DATA_VERSION, DISCLAIMER
from sarcoma_local._data.models import Citation

__all__ = ["collect", "header_text"]


def collect(citations: Iterable[Citation] | Citation) -> list[Citation]:
    """The citations as a list; one Citation alone is accepted as a list of one."""
    if isinstance(citations, Citation):
        return [citations]
    found = list(citations)
    for c in found:
        if not isinstance(c, Citation):
            raise TypeError(f"expected Citation records, got {type(c).__name__}")
    return found


def header_text() -> str:
    """The note every export starts with: data version and disclaimer."""
    return f"sarcoma_local data version {DATA_VERSION}. {DISCLAIMER}"
