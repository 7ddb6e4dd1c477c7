"""One behaviour for "no such option", filters, and the text views' details."""

from __future__ import annotations

from pathlib import Path

import pytest

import sarcoma_local as sl

from .conftest import Run


def test_show_with_a_technique_the_site_lacks_exits_1(run: Run) -> None:
    code, out, err = run("show", "brain", "--technique", "RFA")
    assert (code, out) == (1, "")
    assert "no option for radiofrequency-ablation at brain; brain has: resection" in err


def test_export_for_a_missing_option_writes_nothing_and_exits_1(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "heart.bib"
    code, _, err = run(
        "export", "bibtex", "--site", "heart", "--technique", "RFA", "-o", str(target)
    )
    assert code == 1
    assert "heart has: resection" in err
    assert not target.exists()


def test_category_filter_ignores_case(run: Run) -> None:
    code, out, _ = run("techniques", "--category", "ABLATION")
    assert code == 0
    assert {line.split()[1] for line in out.splitlines()} == {"ablation"}


def test_unknown_category_exits_2_with_the_valid_values(run: Run) -> None:
    code, _, err = run("techniques", "--category", "magic")
    assert code == 2
    assert "Valid values: surgery, ablation" in err


def test_search_limit_must_be_at_least_1(run: Run) -> None:
    code, _, err = run("search", "liver", "--limit", "0")
    assert code == 2
    assert "--limit: must be 1 or more" in err


def test_recurrence_table_with_primary_site_is_a_usage_error(run: Run) -> None:
    code, _, err = run("recurrence", "potter-1985-salvage-by-pattern", "--primary-site", "limb")
    assert code == 2
    assert "cannot be combined with TABLE" in err


def test_recurrence_rate_prints_a_dash_for_an_unprinted_count(run: Run) -> None:
    _, out, _ = run("recurrence", "--primary-site", "extremity")
    assert "None" not in out
    assert "Extremity: -/170, printed 33.0%" in out


def test_recurrence_table_keeps_long_row_labels_whole(run: Run) -> None:
    lines = run("recurrence", "haniball-2011-myxoid-liposarcoma-pattern")[1].splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("Only extrapulmonary"))
    assert lines[first].split()[:4] == ["Only", "extrapulmonary", "metastases,", "among"]
    assert lines[first + 1] == "  patients with metastases"


@pytest.mark.parametrize(
    "argv",
    [
        ("citations", "--site", "heart"),
        ("citation", "potter-1985-353"),
        ("recurrence",),
        ("recurrence", "potter-1985-salvage-by-pattern"),
        ("recurrence", "--primary-site", "breast"),
        ("search", "liver"),
        ("pattern", "LMS"),
        ("technique", "RFA"),
    ],
)
def test_text_views_end_with_the_disclaimer(run: Run, argv: tuple[str, ...]) -> None:
    out = run(*argv)[1]
    assert " ".join(out.split()[-40:]).endswith(" ".join(sl.DISCLAIMER.split()))


def test_citation_names_a_non_canonical_evidence_page_without_linking_it(run: Run) -> None:
    out = " ".join(run("citation", "potter-1985-353")[1].split())
    assert "discovery.researcher.life (recorded as evidence; not shown as a link)" in out
    assert "https://discovery.researcher.life" not in out


def test_citations_list_each_reference_under_its_key(run: Run) -> None:
    out = run("citations", "--site", "heart")[1]
    assert out.startswith("[agaimy-2012-928] Agaimy A, Rösch J")
    assert out.count("[agaimy-2012-928]") == 1
