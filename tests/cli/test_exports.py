"""The export command's own copy of a vocabulary stays equal to the library's."""

from __future__ import annotations

from sarcoma_local._cli import exports
from sarcoma_local._render.labels import AUDIENCES


def test_export_offers_exactly_the_library_audiences() -> None:
    assert exports._AUDIENCES == AUDIENCES
