"""Recurrence tables, rates by primary site, metastatic and nodal patterns."""

from __future__ import annotations

import pytest

import sarcoma_local as sl


def test_every_table_names_its_citation_population_and_measure() -> None:
    for table in sl.recurrence_tables():
        assert sl.citation(table.citation)
        assert table.population
        assert table.measure


def test_recurrence_rate_for_retroperitoneum() -> None:
    f = sl.recurrence_rate("retroperitoneum")[0]
    assert (f.numerator, f.denominator, f.percent_reported) == (17, 36, 47)
    assert f.percent_computed == 47.2
    assert f.citation.key == "potter-1985-353"


def test_recurrence_rate_accepts_aliases() -> None:
    assert sl.recurrence_rate("retroperitoneal") == sl.recurrence_rate("retroperitoneum")


def test_recurrence_rate_unknown_primary_site() -> None:
    with pytest.raises(sl.UnknownPrimarySiteError) as info:
        sl.recurrence_rate("elbowz")
    assert "extremity" in info.value.valid


def test_potter_by_primary_site_rows_add_up_to_the_totals() -> None:
    table = sl.recurrence_table("potter-1985-recurrence-by-primary-site")
    *sites, total = table.rows
    assert sum(r.numerator or 0 for r in sites) == total.numerator == 107
    assert sum(r.denominator or 0 for r in sites) == total.denominator == 307


def test_potter_printed_percents_that_disagree_with_counts_are_kept_and_flagged() -> None:
    rows = {r.label: r for r in sl.recurrence_table("potter-1985-salvage-by-pattern").rows}
    lung = rows["Isolated lung metastases"]
    assert (lung.numerator, lung.denominator, lung.percent_reported) == (40, 56, 72)
    assert lung.percent_computed == 71.4
    assert lung.percent_mismatch
    assert "percent-mismatch" in lung.flags
    assert rows["Isolated local recurrence"].percent_mismatch


def test_rounded_percent_is_not_a_mismatch() -> None:
    rows = sl.recurrence_table("potter-1985-recurrence-by-primary-site").rows
    assert not any(r.percent_mismatch for r in rows)


def test_table_lookup_by_title_tolerates_typos() -> None:
    key = "rose-1989-autopsy-sites"
    assert sl.recurrence_table("rose-1989-autopsy-site").key == key


def test_unknown_table_raises() -> None:
    with pytest.raises(sl.UnknownTableError):
        sl.recurrence_table("no such table")


def test_rose_autopsy_table_is_not_lms_only() -> None:
    table = sl.recurrence_table("rose-1989-autopsy-sites")
    assert "not-lms-only" in table.flags
    assert all(r.denominator == 73 for r in table.rows)


def test_tables_filter_by_kind() -> None:
    nodal = sl.recurrence_tables(kind="nodal-spread")
    assert nodal
    assert all(t.kind is sl.TableKind.NODAL_SPREAD for t in nodal)


def test_metastatic_pattern_of_myxoid_liposarcoma() -> None:
    report = sl.metastatic_pattern("myxoid liposarcoma")
    assert report.key == "myxoid-liposarcoma"
    assert any(r.key == "myxoid-liposarcoma-extrapulmonary" for r in report.rules)


def test_nodal_spread_of_clear_cell_sarcoma_shows_the_flagged_rule() -> None:
    report = sl.nodal_spread("clear-cell sarcoma")
    rule = next(r for r in report.rules if r.key == "nodal-spread-exceptions")
    assert "citation-mismatch" in rule.flags


def test_nodal_spread_of_leiomyosarcoma_has_counted_rows() -> None:
    findings = sl.nodal_spread("LMS").findings
    mazeron = [f for f in findings if f.citation.key == "mazeron-1987-1800"]
    assert [(f.numerator, f.denominator) for f in mazeron] == [(1, 10)]


def test_parent_histology_rules_apply_to_subtypes() -> None:
    report = sl.nodal_spread("uterine leiomyosarcoma")
    assert any(r.key == "nodal-spread-exceptions" for r in report.rules)


def test_unknown_histology_raises() -> None:
    with pytest.raises(sl.UnknownHistologyError):
        sl.metastatic_pattern("unicornoma")


def test_find_histology() -> None:
    assert sl.find_histology("LMS") == sl.histology("leiomyosarcoma")
    assert sl.find_histology("unicornoma") is None


def test_rules_with_a_citation_mismatch_explain_it() -> None:
    tables = sl.recurrence_tables()
    assert tables
    for rule in sl.metastatic_pattern("soft tissue sarcoma").rules:
        if "citation-mismatch" in rule.flags:
            assert rule.note


def test_lung_metastasis_outcomes_keep_counts_and_actuarial_rates_apart() -> None:
    table = sl.recurrence_table("billingsley-1999-lung-metastasis-outcomes")
    assert table.kind == "metastasis-outcomes"
    first, everyone, resected = table.rows
    assert (first.numerator, first.denominator, first.percent_reported) == (719, 3149, None)
    assert (everyone.numerator, everyone.percent_reported) == (None, 25)
    assert resected.percent_reported == 46
