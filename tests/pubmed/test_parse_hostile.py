"""The parser on hostile or unusual input: every failure is a PubMedResponseError, text is exact."""

from __future__ import annotations

import pytest

from sarcoma_local.pubmed import Article, PubMedResponseError
from sarcoma_local.pubmed._parse import parse_efetch
from sarcoma_local.pubmed._summaries_parse import parse_esummary

from .conftest import XML_HEADER, fixture_bytes, synthetic_record


def record_with(pmid: int, replace: bytes, by: bytes) -> bytes:
    body = synthetic_record(pmid)
    assert replace in body
    return (
        XML_HEADER + b"<PubmedArticleSet>" + body.replace(replace, by, 1) + b"</PubmedArticleSet>"
    )


def one(body: bytes) -> Article:
    (only,) = parse_efetch(body)
    return only


TITLE = b"<ArticleTitle>The EFLM European Urinalysis Guideline 2023.</ArticleTitle>"


def test_deeply_nested_markup_in_a_title_is_refused_without_recursion() -> None:
    deep = b"<i>" * 5_000 + b"deep" + b"</i>" * 5_000
    body = record_with(90_000_001, TITLE, b"<ArticleTitle>" + deep + b"</ArticleTitle>")
    with pytest.raises(PubMedResponseError, match="nested deeper"):
        parse_efetch(body)


def test_markup_nested_as_deep_as_real_records_is_read() -> None:
    deep = b"<i>" * 50 + b"deep" + b"</i>" * 50
    article = one(record_with(90_000_001, TITLE, b"<ArticleTitle>" + deep + b"</ArticleTitle>"))
    assert article.title == "deep"


def test_deeply_nested_mathml_is_refused_without_recursion() -> None:
    mml = b'<mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML">'
    deep = mml + b"<mml:mrow>" * 3_000 + b"<mml:mi>x</mml:mi>" + b"</mml:mrow>" * 3_000
    body = record_with(90_000_001, TITLE, b"<ArticleTitle>" + deep + b"</mml:math></ArticleTitle>")
    with pytest.raises(PubMedResponseError, match="nested deeper"):
        parse_efetch(body)


@pytest.mark.parametrize("year", ["2\u00b2", "\u0662\u0660\u0662\u0664"])
def test_a_non_ascii_digit_year_is_no_year_not_a_crash(year: str) -> None:
    body = record_with(
        90_000_001, b"<PubDate><Year>2024</Year>", f"<PubDate><Year>{year}</Year>".encode()
    )
    assert one(body).pub_date.year != 2024


def test_any_unexpected_exception_while_parsing_becomes_a_response_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from sarcoma_local.pubmed import _parse

    def explode(*_: object) -> object:
        raise ValueError("boom")

    monkeypatch.setattr(_parse, "_pub_date", explode)
    with pytest.raises(PubMedResponseError, match="ValueError"):
        parse_efetch(fixture_bytes("efetch_pubmed/metapub_38534005.xml"))


def test_doi_keeps_the_case_pubmed_gives() -> None:
    body = record_with(90_000_001, b"", b"").replace(
        b"10.1515/cclm-2024-0070", b"10.1056/NEJMoa1210384"
    )
    assert one(body).doi == "10.1056/NEJMoa1210384"


def test_mathml_prescripts_come_before_the_base() -> None:
    mml = (
        b'<mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML"><mml:mmultiscripts>'
        b"<mml:mi>He</mml:mi><mml:mprescripts/><mml:none/><mml:mn>3</mml:mn>"
        b"</mml:mmultiscripts></mml:math>"
    )
    body = record_with(
        90_000_001, TITLE, b"<ArticleTitle>Hyperpolarised " + mml + b" MRI</ArticleTitle>"
    )
    assert one(body).title == "Hyperpolarised 3He MRI"


def test_mathml_keeps_thin_spaces_inside_tokens() -> None:
    mml = (
        b'<mml:math xmlns:mml="http://www.w3.org/1998/Math/MathML">'
        b"<mml:mn>10\xe2\x80\x89000</mml:mn></mml:math>"
    )
    body = record_with(90_000_001, TITLE, b"<ArticleTitle>" + mml + b" cells</ArticleTitle>")
    assert one(body).title == "10\u2009000 cells"


def test_non_breaking_spaces_are_kept_in_titles_and_abstracts() -> None:
    body = record_with(90_000_001, TITLE, "<ArticleTitle>5\u00a0mg  dose</ArticleTitle>".encode())
    assert one(body).title == "5\u00a0mg dose"


# --- fields apps need --------------------------------------------------------------------


def article(name: str) -> Article:
    return one(fixture_bytes(f"efetch_pubmed/{name}"))


def test_electronic_publication_date() -> None:
    epub = article("metapub_29226023.xml").epub_date
    assert epub is not None
    assert (epub.year, epub.month, epub.day) == (2017, 8, 29)


def test_grants() -> None:
    grant = article("metapub_29226023.xml").grants[0]
    assert (grant.grant_id, grant.acronym, grant.agency, grant.country) == (
        "P41 EB015890",
        "EB",
        "NIBIB NIH HHS",
        "United States",
    )


def test_conflict_of_interest_statement() -> None:
    assert article("metapub_38700094.xml").coi_statement.startswith("Conflict of interest: G.B.")


def test_reference_list_pmids_are_the_references_not_the_record() -> None:
    record = article("metapub_29226023.xml")
    assert record.reference_pmids
    assert record.pmid not in record.reference_pmids


def test_author_suffix_and_investigators() -> None:
    author = (
        b'<Author ValidYN="Y"><LastName>Petri</LastName><ForeName>William A</ForeName>'
        b"<Initials>WA</Initials><Suffix>Jr</Suffix></Author>"
    )
    investigators = (
        b'<InvestigatorList><Investigator ValidYN="Y"><LastName>Doe</LastName>'
        b"<ForeName>Jane</ForeName><Initials>J</Initials></Investigator></InvestigatorList>"
    )
    body = record_with(
        90_000_001, b'<AuthorList CompleteYN="Y">', b'<AuthorList CompleteYN="Y">' + author
    )
    body = body.replace(b"</MedlineCitation>", investigators + b"</MedlineCitation>", 1)
    record = one(body)
    assert record.authors[0].suffix == "Jr"
    assert record.authors[0].display == "Petri WA Jr"
    assert [i.family for i in record.investigators] == ["Doe"]


# --- esummary ----------------------------------------------------------------------------


def test_esummary_unknown_uids_are_left_out_not_raised() -> None:
    body = (
        b'<?xml version="1.0" encoding="UTF-8" ?>\n<eSummaryResult>'
        b"<ERROR>UID=12345678: cannot get document summary</ERROR>"
        + fixture_bytes("esummary/biopython_esummary1.xml").split(b"<eSummaryResult>")[1]
    )
    assert {s.pmid for s in parse_esummary(body)} == {11850928, 11482001}


def test_esummary_other_errors_still_raise() -> None:
    with pytest.raises(PubMedResponseError, match="Neither query_key nor id"):
        parse_esummary(fixture_bytes("esummary/biopython_esummary8.xml"))


@pytest.mark.parametrize(
    "name", ["handmade_book_medlinedate.xml", "biopython_pubmed1.xml", "biopython_pubmed6.xml"]
)
def test_each_records_own_xml_reads_back_as_the_same_record(name: str) -> None:
    from sarcoma_local.pubmed._parse import parse_efetch_records

    for record, xml in parse_efetch_records(fixture_bytes(f"efetch_pubmed/{name}")):
        assert parse_efetch(b"<PubmedArticleSet>" + xml + b"</PubmedArticleSet>") == (record,)


def test_keywords_are_read_from_every_keyword_list_in_order() -> None:
    # A record may carry one KeywordList per owner (NOTNLM, NASA, ...).
    second = b'<KeywordList Owner="NASA"><Keyword>spaceflight</Keyword></KeywordList>'
    body = record_with(90_000_001, b"</KeywordList>", b"</KeywordList>" + second)
    plain = one(record_with(90_000_001, TITLE, TITLE)).keywords
    assert one(body).keywords == (*plain, "spaceflight")


def test_pages_come_from_a_later_pagination_when_the_first_has_none() -> None:
    # "Pagination/MedlinePgn" means the first MedlinePgn under any Pagination.
    body = record_with(90_000_001, b"<Pagination>", b"<Pagination></Pagination><Pagination>")
    assert one(body).pages == "1653-1786"
