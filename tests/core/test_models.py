"""Record behaviour that does not depend on the shipped data."""

from __future__ import annotations

import pytest

from sarcoma_local import Author, Citation, RecurrenceRow


@pytest.mark.parametrize(
    ("n", "d", "printed", "mismatch"),
    [
        (40, 56, 72, True),  # 71.4 printed as 72
        (20, 21, 96, True),  # 95.2 printed as 96
        (65, 211, 31, False),  # 30.8 rounds to 31
        (1, 15, 7, False),  # 6.7 rounds to 7
        (115, 242, 47.5, False),  # 47.52 printed with one decimal
        (116, 242, 47.5, True),  # 47.93 is not 47.5
    ],
)
def test_percent_mismatch(n: int, d: int, printed: float, mismatch: bool) -> None:
    assert RecurrenceRow("x", n, d, printed).percent_mismatch is mismatch


def test_percent_computed_needs_both_counts() -> None:
    assert RecurrenceRow("x", None, 73, 59).percent_computed is None
    assert RecurrenceRow("x", None, 73, 59).percent == 59


def test_percent_falls_back_to_counts() -> None:
    assert RecurrenceRow("x", 1, 3).percent == 33.3


def test_short_label_without_authors_leads_with_the_journal() -> None:
    c = Citation(key="x-2000-1", authors=(), title="T", journal="J", year=2000)
    assert c.short() == "J 2000"


def test_single_author_has_no_et_al() -> None:
    frost = (Author("Frost", "DB"),)
    c = Citation(key="x-2000-1", authors=frost, title="T", journal="J", year=2000)
    assert c.short() == "Frost DB J 2000"


def test_first_page() -> None:
    c = Citation(key="x", authors=(), title="T", journal="J", year=2000, pages="353-66")
    assert c.first_page == "353"
