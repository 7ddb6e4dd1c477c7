"""The E-utilities parser on real NCBI responses (tests/fixtures/eutils) and generated input."""

from __future__ import annotations

import contextlib
import re
import xml.etree.ElementTree as ET

import defusedxml.ElementTree as SafeET
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sarcoma_local import InvalidIdentifierError
from sarcoma_local._core.identifiers import parse_pmid
from sarcoma_local.pubmed import Article, CitationQuery, MatchStatus, PubDate, PubMedResponseError
from sarcoma_local.pubmed._articles import month_number
from sarcoma_local.pubmed._parse import parse_efetch
from sarcoma_local.pubmed._responses import check_xml_body
from sarcoma_local.pubmed._search_parse import parse_ecitmatch, parse_esearch
from sarcoma_local.pubmed._summaries_parse import parse_esummary
from sarcoma_local.pubmed._xmltext import flatten

from .conftest import fixture_bytes


def article(name: str, pmid: int | None = None) -> Article:
    articles = parse_efetch(fixture_bytes(f"efetch_pubmed/{name}"))
    if pmid is None:
        (only,) = articles
        return only
    return next(a for a in articles if a.pmid == pmid)


def test_structured_abstract_keeps_every_label_in_order() -> None:
    labels = [s.label for s in article("metapub_38534005.xml").abstract]
    assert labels == [
        "BACKGROUND",
        "RECOMMENDATIONS",
        "MEDICAL NEEDS AND TEST REQUISITION",
        "SPECIMEN COLLECTION",
        "CHEMISTRY",
        "PARTICLES",
        "BACTERIOLOGY",
    ]


def test_structured_abstract_keeps_nlm_categories() -> None:
    sections = article("metapub_23657305.xml").abstract
    assert (sections[0].label, sections[0].nlm_category) == ("CONTEXT", "BACKGROUND")


def test_inline_markup_is_flattened_not_truncated() -> None:
    text = article("metapub_30849835.xml").abstract_text
    assert "EC50" in text
    assert len(text) > 2_500  # pymed kept 802 of 2,662 characters


def test_mathml_is_squeezed_to_its_tokens() -> None:
    text = article("biopython_pubmed6.xml").abstract_text
    assert "( V.O2max )" in text
    assert "LEmin" in text


def test_title_markup_is_flattened() -> None:
    assert article("biopython_pubmed6.xml").title.startswith('A "Blood Relationship" Between')


def test_year_month_day_date() -> None:
    assert article("metapub_38534005.xml").pub_date == PubDate(year=2024, month=8, day=27)


@pytest.mark.parametrize(
    ("name", "pmid", "season"),
    [
        ("biopython_pubmed1.xml", 12091962, "Spring"),
        ("metapub_23657305.xml", None, "Jan-Mar"),
        ("metapub_34337106.xml", None, "Winter"),
    ],
)
def test_season_date(name: str, pmid: int | None, season: str) -> None:
    date = article(name, pmid).pub_date
    assert date.season == season
    assert date.month is None
    assert date.year is not None


def test_medline_date_keeps_the_text_and_finds_the_year() -> None:
    date = article("handmade_book_medlinedate.xml", 2342890).pub_date
    assert (date.year, date.medline_date, date.text) == (1990, "1990 May-Jun", "1990 May-Jun")


def test_collective_author_is_kept_whole() -> None:
    last = article("metapub_38534005.xml").authors[-1]
    assert last.is_collective
    assert last.display.startswith("Task and Finish Group for Urinalysis (TFG-U)")


def test_non_ascii_names_from_character_references() -> None:
    names = [a.family for a in article("metapub_23657305.xml").authors]
    assert "Girão" in names


def test_raw_utf8_non_ascii_text() -> None:
    assert "±" in article("biopython_pubmed6.xml").abstract_text


def test_record_without_abstract_has_empty_abstract() -> None:
    editorial = article("metapub_38048813.xml")
    assert (editorial.abstract, editorial.abstract_text, editorial.pmcid) == ((), "", None)


def test_doi_and_pmcid_come_from_the_records_own_article_id_list() -> None:
    record = article("metapub_29226023.xml")  # has a ReferenceList with other DOIs/PMIDs
    assert record.pmid == 29226023
    assert record.doi == "10.4172/2161-1122.1000448"
    assert record.pmcid == "PMC5722253"


def test_doi_falls_back_to_elocation_id() -> None:
    assert article("handmade_book_medlinedate.xml", 2342890).doi == "10.1000/EXAMPLE.ELOC"


def test_reference_ids_are_not_taken_as_the_records() -> None:
    record = article("handmade_book_medlinedate.xml", 2342890)
    assert record.doi != "10.9999/not-this-record"


def test_book_record_is_parsed() -> None:
    book = article("handmade_book_medlinedate.xml", 20301295)
    assert book.is_book
    assert (book.book_title, book.title, book.year) == (
        "GeneReviews®",
        "Example Chapter Title",
        1993,
    )
    assert book.authors[0].family == "Müller"
    assert [s.label for s in book.abstract] == ["CLINICAL CHARACTERISTICS", "DIAGNOSIS/TESTING"]


def test_retraction_and_erratum_notices_are_exposed() -> None:
    record = article("handmade_book_medlinedate.xml", 2342890)
    assert record.is_retracted
    assert record.has_erratum
    assert [(n.ref_type, n.pmid) for n in record.notices] == [
        ("RetractionIn", 31844417),
        ("ErratumIn", 1999999),
    ]


def test_published_erratum_is_recognised() -> None:
    erratum = article("metapub_38962805.xml")
    assert erratum.is_erratum
    assert erratum.notices[0].pmid == 38446048
    assert not erratum.is_retracted


def test_translated_title_and_vernacular_title() -> None:
    record = article("metapub_38048813.xml")
    assert record.title.startswith("[A Broader Scope")
    assert record.vernacular_title
    assert record.languages == ("ger",)


def test_mesh_headings_with_major_topics() -> None:
    headings = {h.descriptor: h for h in article("metapub_23657305.xml").mesh_headings}
    assert headings["Iron Overload"].major
    assert headings["Iron Overload"].qualifiers == ("genetics", "pathology")
    assert not headings["Humans"].major


def test_two_records_in_one_set_keep_their_order() -> None:
    pmids = [a.pmid for a in parse_efetch(fixture_bytes("efetch_pubmed/biopython_pubmed2.xml"))]
    assert pmids == [11748933, 11700088]


def test_empty_article_set_is_no_records() -> None:
    assert parse_efetch(fixture_bytes("efetch_pubmed/metapub_37909814.xml")) == ()


def test_ncbi_error_inside_a_200_raises() -> None:
    with pytest.raises(PubMedResponseError, match="Neither query_key nor id specified"):
        parse_esummary(fixture_bytes("esummary/biopython_esummary8.xml"))


def test_truncated_xml_raises() -> None:
    body = fixture_bytes("efetch_pubmed/metapub_38534005.xml")
    with pytest.raises(PubMedResponseError, match="malformed or truncated"):
        parse_efetch(body[:-40])


def test_html_page_raises() -> None:
    with pytest.raises(PubMedResponseError, match="HTML"):
        parse_efetch(b"<html><body>Access Denied</body></html>")


def test_entity_expansion_is_refused() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><PubmedArticleSet>&lol2;</PubmedArticleSet>'
    )
    with pytest.raises(PubMedResponseError, match="unsafe XML"):
        parse_efetch(bomb)


def test_external_entities_are_refused() -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<PubmedArticleSet>&x;</PubmedArticleSet>"
    )
    with pytest.raises(PubMedResponseError, match="unsafe XML"):
        parse_efetch(xxe)


def test_esummary_docsum() -> None:
    first, second = parse_esummary(fixture_bytes("esummary/biopython_esummary1.xml"))
    assert first.authors == ("LoPresti PJ", "Hambrick GW Jr")
    assert (first.pages, first.full_journal_name) == ("188-91", "Archives of dermatology")
    assert second.publication_types == ("Journal Article", "Review")


def test_esearch_with_paging_and_translation() -> None:
    result = parse_esearch(fixture_bytes("esearch/biopython_esearch3.xml"), query="PNAS[ta]")
    assert (result.count, len(result.pmids), result.pmids[0]) == (2651, 6, 11121077)
    assert result.query_translation == '"proc natl acad sci u s a"[Journal] AND "97"[Volume]'


def test_ecitmatch_found_lines_are_matched_by_key() -> None:
    queries = (CitationQuery("Science", key="Art2"), CitationQuery("PNAS", key="Art1"))
    matches = parse_ecitmatch(fixture_bytes("ecitmatch/pubmedclient_citmatch_found.txt"), queries)
    assert [(m.query.key, m.pmid) for m in matches] == [("Art2", 3026048), ("Art1", 2014248)]


def test_ecitmatch_outcomes_found_ambiguous_not_found() -> None:
    queries = tuple(CitationQuery("j", key=f"k{i}") for i in range(5))
    statuses = [
        m.status
        for m in parse_ecitmatch(fixture_bytes("ecitmatch/handmade_citmatch_mixed.txt"), queries)
    ]
    assert statuses == [
        MatchStatus.FOUND,
        MatchStatus.AMBIGUOUS,
        MatchStatus.NOT_FOUND,
        MatchStatus.NOT_FOUND,
        MatchStatus.NOT_FOUND,
    ]


def test_ecitmatch_error_document_raises() -> None:
    with pytest.raises(PubMedResponseError):
        parse_ecitmatch(b"<eCitMatchResult><ERROR>oops</ERROR></eCitMatchResult>", ())


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"<html><body>down</body></html>",
        b'{"error":"API rate limit exceeded","count":"5"}',
        b"<eSummaryResult><ERROR>x</ERROR></eSummaryResult>",
        b"<?xml version='1.0'?><PubmedArticleSet><PubmedArticle>",
    ],
)
def test_bad_bodies_are_not_cacheable(body: bytes) -> None:
    assert not check_xml_body(body)


def test_complete_bodies_are_cacheable() -> None:
    assert check_xml_body(fixture_bytes("efetch_pubmed/metapub_37909814.xml"))
    assert check_xml_body(fixture_bytes("ecitmatch/pubmedclient_citmatch_single.txt"))


# --- property tests --------------------------------------------------------------------------


@given(st.integers(min_value=1, max_value=99_999_999))
def test_every_valid_pmid_round_trips_as_text(pmid: int) -> None:
    assert parse_pmid(str(pmid)) == pmid
    assert parse_pmid(f" {pmid} ") == pmid


@given(st.one_of(st.integers(max_value=0), st.integers(min_value=100_000_000)))
def test_out_of_range_pmids_are_refused(pmid: int) -> None:
    with pytest.raises(InvalidIdentifierError):
        parse_pmid(pmid)


@given(st.text().filter(lambda t: not t.strip().isdigit() or not t.strip().isascii()))
def test_non_numeric_pmids_are_refused(text: str) -> None:
    with pytest.raises(InvalidIdentifierError):
        parse_pmid(text)


@given(st.binary(max_size=300))
def test_the_parser_raises_only_pubmed_errors_on_junk(body: bytes) -> None:
    with contextlib.suppress(PubMedResponseError):
        parse_efetch(body)


@given(st.integers(min_value=0, max_value=5_000))
def test_any_truncation_of_a_real_record_raises_a_pubmed_error(cut: int) -> None:
    body = fixture_bytes("efetch_pubmed/metapub_23657305.xml")
    cut = min(cut, len(body.rstrip()) - 1)
    with pytest.raises(PubMedResponseError):
        parse_efetch(body[:cut])


_WORD = st.text(alphabet=st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=8)


@given(st.lists(st.tuples(_WORD, st.sampled_from(["i", "b", "sub", "sup", "u"])), max_size=6))
def test_flatten_keeps_all_text_of_inline_markup(pieces: list[tuple[str, str]]) -> None:
    xml = "".join(f"{word} <{tag}>{word}</{tag}> " for word, tag in pieces)
    element = SafeET.fromstring(f"<AbstractText>{xml}</AbstractText>")
    expected = " ".join(f"{word} {word}" for word, _ in pieces)
    assert flatten(element) == expected


_SPACEY = st.text(
    alphabet=st.sampled_from(["a", "b", " ", "\t", "\n", "\r", "\u00a0", "\u2003", "\x0b", "\x0c"]),
    max_size=30,
)


@given(_SPACEY, st.booleans())
def test_flatten_collapses_whitespace_the_same_way_for_leaves_and_mixed_content(
    text: str, with_child: bool
) -> None:
    element = ET.Element("AbstractText")
    element.text = text
    if with_child:
        ET.SubElement(element, "i").tail = text
    joined = text + text if with_child else text
    # Only XML whitespace collapses; no-break and em spaces are text (issue 10).
    assert flatten(element) == re.sub(r"[ \t\n\r\f\v]+", " ", joined).strip(" \t\n\r\f\v")


def test_authors_marked_invalid_are_skipped_and_fields_read_once() -> None:
    body = (
        b"<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
        b"<AuthorList>"
        b'<Author ValidYN="N"><LastName>Smtih</LastName></Author>'
        b"<Author><LastName>Smith</LastName><ForeName>Ann</ForeName><Initials>A</Initials>"
        b"<AffiliationInfo><Affiliation>One</Affiliation></AffiliationInfo>"
        b"<AffiliationInfo><Affiliation>Two</Affiliation></AffiliationInfo>"
        b'<Identifier Source="ORCID">https://orcid.org/0000-0001-2345-6789</Identifier>'
        b"</Author></AuthorList></Article></MedlineCitation></PubmedArticle></PubmedArticleSet>"
    )  # hand-made: the smallest record with an invalid author and two affiliations
    (record,) = parse_efetch(body)
    (author,) = record.authors
    assert (author.family, author.given, author.initials) == ("Smith", "Ann", "A")
    assert author.affiliations == ("One", "Two")
    assert author.orcid == "0000-0001-2345-6789"


@given(st.integers(min_value=1, max_value=12))
def test_month_numbers_and_names_agree(month: int) -> None:
    name = PubDate(year=2000, month=month).text.split()[1]
    assert month_number(name) == month
    assert month_number(f"{month:02d}") == month
