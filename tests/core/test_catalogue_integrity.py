"""Integrity of the whole shipped catalogue, checked record by record.

These tests tie the data back to the two founding documents: every reference
of both is present with the fields the source prints, PMIDs appear only with
evidence, and every table cell is consistent.
"""

from __future__ import annotations

import pytest

import sarcoma_local as sl
from sarcoma_local import EvidenceKind, Source


def _utd(number: int) -> sl.Citation:
    found = [
        c
        for c in sl.citations()
        for p in c.provenance
        if p.source is Source.UPTODATE_2017 and p.number == number
    ]
    assert len(found) == 1, f"UpToDate reference {number}: {len(found)} records"
    return found[0]


def _lms(number: int) -> sl.Citation:
    found = [
        c
        for c in sl.citations()
        for p in c.provenance
        if p.source is Source.LMS_SITE and p.number == number
    ]
    assert len(found) == 1, f"LMS article {number}: {len(found)} records"
    return found[0]


def test_validate_finds_no_problem() -> None:
    assert sl.validate() == []


@pytest.mark.parametrize("number", range(1, 42))
def test_every_uptodate_reference_is_present_once(number: int) -> None:
    assert _utd(number)


@pytest.mark.parametrize("number", range(1, 7))
def test_every_lms_article_is_present_once(number: int) -> None:
    assert _lms(number)


def test_source_references_make_46_records() -> None:
    # 41 + 6 references, Potter 1985 in both.
    keys = {_utd(n).key for n in range(1, 42)} | {_lms(n).key for n in range(1, 7)}
    assert len(keys) == 46


def test_potter_1985_is_one_record_with_two_provenances() -> None:
    potter = sl.citation("potter-1985-353")
    assert {(p.source, p.label) for p in potter.provenance} == {
        (Source.UPTODATE_2017, "UTD-1"),
        (Source.LMS_SITE, "LMS-2"),
    }


def _as_uptodate_prints(c: sl.Citation) -> str:
    """Rebuild the UpToDate reference line from the record's fields.

    UpToDate lists up to four authors, otherwise the first three and "et al".
    """
    names = [str(a) for a in c.authors]
    shortened = c.et_al or len(names) > 4
    who = ", ".join(names[:3]) + ", et al." if shortened else ", ".join(names) + "."
    return f"{who} {c.title} {c.journal} {c.year}; {c.volume}:{c.first_page}."


@pytest.mark.parametrize("number", [n for n in range(1, 42) if n != 13])
def test_uptodate_fields_rebuild_the_printed_reference(number: int) -> None:
    c = _utd(number)
    printed = next(
        p.printed for p in c.provenance if p.number == number and p.source is Source.UPTODATE_2017
    )
    assert _as_uptodate_prints(c) == printed


@pytest.mark.parametrize("number", range(1, 42))
def test_uptodate_printed_reference_is_verbatim_in_the_source(
    number: int, uptodate_text: str
) -> None:
    c = _utd(number)
    printed = next(p.printed for p in c.provenance if p.number == number)
    assert f"  {number}. {printed}\n" in uptodate_text + "\n"


@pytest.mark.parametrize("number", range(1, 7))
def test_lms_printed_lines_are_verbatim_in_the_source(number: int, lms_text: str) -> None:
    c = _lms(number)
    printed = next(p.printed for p in c.provenance if p.source is Source.LMS_SITE)
    for line in printed.split(" / "):
        assert line in lms_text


@pytest.mark.parametrize("number", range(1, 7))
def test_lms_articles_carry_the_pmid_the_source_gives(number: int, lms_text: str) -> None:
    c = _lms(number)
    assert c.pmid is not None
    assert f"Fetch PMID: {c.pmid}" in lms_text
    assert any(e.field == "pmid" and e.kind is EvidenceKind.SOURCE_DOCUMENT for e in c.evidence)


def test_every_pmid_has_evidence_of_where_it_was_seen() -> None:
    for c in sl.citations():
        if c.pmid is not None:
            assert any(e.field == "pmid" for e in c.evidence), c.key


# Hosts met in curation whose pages copy or index PubMed and publishers' records: PubMed
# clones and mirrors, library catalogues, citation indexes, institutional publication
# lists. Their pages are evidence that a record exists, never of its identifiers.
COPY_HOSTS = {
    "47.251.13.51:8081",
    "booksci.cn",
    "docslib.org",
    "ebusca.uv.mx",
    "fcd.mcw.edu",
    "koreamed.org",
    "medjournal360.com",
    "medluna.com",
    "openaccess.library.uitm.edu.my.",
    "ouci.dntb.gov.ua",
    "peeref.com",
    "referencecitationanalysis.com",
    "repub.eur.nl",
    "staffpubs.fccc.edu",
    "togows.dbcls.jp",
    "wprim.whocc.org.cn:80",
    "www.meb.uni-bonn.de",
    "www.mendeley.com",
    "www.referencecitationanalysis.com",
    "www.sigmaaldrich.com",
    "zendy.io",
}


def test_no_identifier_rests_only_on_a_copy_of_pubmed_or_an_index() -> None:
    from urllib.parse import urlparse

    for c in sl.citations():
        for field in ("pmid", "doi", "pmcid"):
            if getattr(c, field) is None:
                continue
            seen = [e for e in c.evidence if e.field == field]
            assert any(
                e.kind is EvidenceKind.SOURCE_DOCUMENT or urlparse(e.where).netloc not in COPY_HOSTS
                for e in seen
            ), (c.key, field)


def test_every_evidence_beyond_the_sources_names_a_page() -> None:
    for c in sl.citations():
        for e in c.evidence:
            if e.kind is not EvidenceKind.SOURCE_DOCUMENT:
                assert e.where.startswith(("http://", "https://")), (c.key, e)


def test_no_pmid_or_doi_is_shared_by_two_citations() -> None:
    pmids = [c.pmid for c in sl.citations() if c.pmid]
    dois = [c.doi for c in sl.citations() if c.doi]
    assert len(pmids) == len(set(pmids))
    assert len(dois) == len(set(dois))


def test_every_option_cites_something_that_exists() -> None:
    keys = {c.key for c in sl.citations()}
    for option in sl.options():
        assert option.citation_keys, (option.site, option.technique)
        assert set(option.citation_keys) <= keys


def test_every_lms_site_has_options() -> None:
    for s in sl.sites():
        if s.in_lms_source:
            assert sl.options(s.key), s.key


def test_every_table_cell_is_consistent() -> None:
    for table in sl.recurrence_tables():
        for row in table.rows:
            if row.numerator is not None and row.denominator is not None:
                assert 0 <= row.numerator <= row.denominator, (table.key, row.label)
            if row.percent_reported is not None:
                assert 0 <= row.percent_reported <= 100
            assert row.percent_mismatch is ("percent-mismatch" in row.flags), (table.key, row.label)


def test_every_option_and_summary_is_prose_not_an_empty_string() -> None:
    for option in sl.options():
        assert len(option.summary.split()) >= 8
        for statement in option.statements:
            assert statement.text.endswith((".", ")")), statement.text


def test_data_files_start_with_provenance() -> None:
    from sarcoma_local._data.loader import DATA_FILES, read_json

    for name in DATA_FILES:
        provenance = read_json(name)["_provenance"]
        assert provenance["file"] == name
        assert provenance["data_version"] == sl.DATA_VERSION


def test_data_info_reports_versions_and_counts() -> None:
    info = sl.data_info()
    assert info["data_version"] == sl.DATA_VERSION
    assert info["disclaimer"] == sl.DISCLAIMER
    assert info["counts"]["sites"] == len(sl.sites())


def test_data_version_is_a_curation_date_with_an_optional_same_day_release_number() -> None:
    import datetime
    import re

    match = re.fullmatch(r"(\d{4})\.(\d{2})\.(\d{2})(?:\.([1-9]\d*))?", sl.DATA_VERSION)
    assert match, sl.DATA_VERSION
    datetime.date(*map(int, match.group(1, 2, 3)))  # a real calendar date


# --- depth and currency (issue 12's floors; they may rise, never fall) ------------------


def test_every_option_rests_on_at_least_three_citations() -> None:
    thin = [f"{o.site}/{o.technique}" for o in sl.options() if len(o.citation_keys) < 3]
    assert thin == []


def test_at_least_four_in_five_options_cite_a_source_from_2018_or_later() -> None:
    from sarcoma_local._data.progress import progress

    p = progress()
    assert p["options_with_recent_citation"] >= 0.8 * p["options"]


def test_the_recurrence_tables_number_at_least_thirty() -> None:
    assert len(sl.recurrence_tables()) >= 30
