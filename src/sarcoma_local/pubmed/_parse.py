"""Parse EFetch answers (``PubmedArticleSet``: journal articles and book records).

IDs are read only from the record's own elements (``MedlineCitation/PMID``,
``PubmedData/ArticleIdList``), never with ``.//`` searches that would also pick up
the IDs of cited references. Safe XML parsing and bad-body checks are in
:mod:`._responses`; element text in :mod:`._xmltext`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # only the Element type; parsing is in _responses

from sarcoma_local._core.errors import PubMedResponseError

from ._articles import (
    AbstractSection,
    Article,
    ArticleAuthor,
    CorrectionNotice,
    Grant,
    MeshHeading,
    PubDate,
    month_number,
)
from ._gc import gc_paused
from ._responses import (
    MalformedResponseError,
    cannot_declare_entities,
    guarded,
    own_xml,
    parse_xml,
)
from ._xmltext import ascii_number, child_text, every, flatten, valid_pmid

__all__ = ["parse_efetch", "parse_efetch_records"]

_YEAR = re.compile(r"\b(1[89][0-9]{2}|2[0-9]{3})\b")

# --- efetch ------------------------------------------------------------------------------


def parse_efetch(body: bytes) -> tuple[Article, ...]:
    """Parse an efetch ``PubmedArticleSet``: journal articles and book records, in order.

    An empty set is a valid answer (the PMIDs were not found); an ``<ERROR>``,
    HTML or malformed XML raises :class:`~sarcoma_local.PubMedResponseError`.
    """
    return tuple(article for article, _ in parse_efetch_records(body, keep_xml=False))


@guarded("efetch")
def parse_efetch_records(body: bytes, *, keep_xml: bool = True) -> list[tuple[Article, bytes]]:
    """Like :func:`parse_efetch`, with each record's own XML (for the per-record cache)."""
    with gc_paused():  # tens of thousands of acyclic objects; see _gc.py
        plain = cannot_declare_entities(body)
        root = parse_xml(body, what="efetch", plain=plain)
        if root.tag != "PubmedArticleSet":
            raise MalformedResponseError(f"efetch: expected <PubmedArticleSet>, got <{root.tag}>")
        articles, elements = _records(root)
        if keep_xml:
            xmls = own_xml(body, elements, _EFETCH_SPAN, plain=plain)
        else:
            xmls = [b""] * len(articles)
        # Free the tree while the collector is still paused: re-enabling it with
        # 40,000 live elements makes the next collection walk them all (~20 ms).
        del root, elements
    return list(zip(articles, xmls, strict=True))


_EFETCH_SPAN = (b"PubmedArticle", b"PubmedBookArticle")


def _records(root: ET.Element) -> tuple[list[Article], list[ET.Element]]:
    articles: list[Article] = []
    elements: list[ET.Element] = []
    for record in root:
        tag = record.tag
        if tag == "PubmedArticle":
            articles.append(_journal_article(record))
        elif tag == "PubmedBookArticle":
            articles.append(_book_article(record))
        else:
            continue  # DeleteCitation, future tags: not a record we can return.
        elements.append(record)
    return articles, elements


def _journal_article(record: ET.Element) -> Article:
    citation = record.find("MedlineCitation")
    if citation is None:
        raise PubMedResponseError("efetch: <PubmedArticle> without <MedlineCitation>")
    pmid = valid_pmid(child_text(citation, "PMID"))
    if pmid is None:
        raise PubMedResponseError("efetch: record without a valid <PMID>")
    article = citation.find("Article")
    journal = article.find("Journal") if article is not None else None
    issue = journal.find("JournalIssue") if journal is not None else None
    pubmed_data = record.find("PubmedData")
    id_list = pubmed_data.find("ArticleIdList") if pubmed_data is not None else None
    return Article(
        pmid=pmid,
        title=child_text(article, "ArticleTitle"),
        abstract=_abstract(article.find("Abstract") if article is not None else None),
        authors=_authors(article.find("AuthorList") if article is not None else None),
        journal=child_text(journal, "Title"),
        journal_abbrev=child_text(journal, "ISOAbbreviation")
        or child_text(citation, "MedlineJournalInfo/MedlineTA"),
        volume=child_text(issue, "Volume"),
        issue=child_text(issue, "Issue"),
        pages=_pages(article),
        pub_date=_pub_date(issue.find("PubDate") if issue is not None else None),
        doi=_doi(id_list, article),
        pmcid=_article_id(id_list, "pmc"),
        publication_types=_list_text(article, "PublicationTypeList/PublicationType"),
        mesh_headings=_mesh(citation.find("MeshHeadingList")),
        keywords=_list_text(citation, "KeywordList/Keyword"),
        languages=_list_text(article, "Language"),
        vernacular_title=child_text(article, "VernacularTitle"),
        notices=_notices(citation.find("CommentsCorrectionsList")),
        epub_date=_epub_date(article),
        investigators=_authors(citation.find("InvestigatorList"), "Investigator"),
        coi_statement=child_text(citation, "CoiStatement"),
        grants=_grants(article),
        reference_pmids=_reference_pmids(pubmed_data),
    )


def _epub_date(article: ET.Element | None) -> PubDate | None:
    if article is None:
        return None
    for date in article.findall("ArticleDate"):
        if date.get("DateType", "Electronic") == "Electronic":
            return _pub_date(date)
    return None


def _grants(article: ET.Element | None) -> tuple[Grant, ...]:
    if article is None:
        return ()
    return tuple(
        Grant(
            grant_id=child_text(g, "GrantID"),
            acronym=child_text(g, "Acronym"),
            agency=child_text(g, "Agency"),
            country=child_text(g, "Country"),
        )
        for g in every(article, "GrantList/Grant")
    )


def _reference_pmids(pubmed_data: ET.Element | None) -> tuple[int, ...]:
    if pubmed_data is None:
        return ()
    found: list[int] = []
    for reference in pubmed_data.iter("Reference"):  # ReferenceLists may nest
        for article_id in every(reference, "ArticleIdList/ArticleId"):
            if article_id.get("IdType") == "pubmed":
                pmid = valid_pmid(flatten(article_id))
                if pmid is not None:
                    found.append(pmid)
    return tuple(found)


def _book_article(record: ET.Element) -> Article:
    document = record.find("BookDocument")
    if document is None:
        raise PubMedResponseError("efetch: <PubmedBookArticle> without <BookDocument>")
    pmid = valid_pmid(child_text(document, "PMID"))
    if pmid is None:
        raise PubMedResponseError("efetch: book record without a valid <PMID>")
    book = document.find("Book")
    book_data = record.find("PubmedBookData")
    id_list = document.find("ArticleIdList")
    if id_list is None and book_data is not None:
        id_list = book_data.find("ArticleIdList")
    book_title = child_text(book, "BookTitle")
    authors = _authors(document.find("AuthorList"))
    if not authors and book is not None:
        # A whole book lists its authors (or editors) under <Book>.
        authors = _authors(book.find("AuthorList"))
    return Article(
        pmid=pmid,
        title=child_text(document, "ArticleTitle") or book_title,
        abstract=_abstract(document.find("Abstract")),
        authors=authors,
        journal=child_text(book, "Publisher/PublisherName"),
        volume=child_text(book, "Volume"),
        pages=_pages(document),
        pub_date=_pub_date(book.find("PubDate") if book is not None else None),
        doi=_doi(id_list, document),
        pmcid=_article_id(id_list, "pmc"),
        publication_types=_list_text(document, "PublicationType"),
        keywords=_list_text(document, "KeywordList/Keyword"),
        languages=_list_text(document, "Language"),
        is_book=True,
        book_title=book_title,
    )


def _abstract(abstract: ET.Element | None) -> tuple[AbstractSection, ...]:
    if abstract is None:
        return ()
    sections = []
    for part in abstract.findall("AbstractText"):
        text = flatten(part)
        label = part.get("Label") or None
        if not text and not label:
            continue
        sections.append(
            AbstractSection(text=text, label=label, nlm_category=part.get("NlmCategory") or None)
        )
    return tuple(sections)


def _authors(author_list: ET.Element | None, tag: str = "Author") -> tuple[ArticleAuthor, ...]:
    if author_list is None:
        return ()
    authors = []
    for author in author_list.findall(tag):
        if author.get("ValidYN", "Y") == "N":
            continue  # PubMed keeps misspelt names it has corrected, marked invalid.
        # One pass over the children instead of a find() per field: authors are the
        # bulk of a record and this loop is the parser's hot path.
        family = given = initials = collective = suffix = ""
        affiliations: list[str] = []
        orcid = None
        for child in author:
            name = child.tag
            if name == "LastName":
                family = family or flatten(child)
            elif name == "ForeName":
                given = given or flatten(child)
            elif name == "Initials":
                initials = initials or flatten(child)
            elif name == "AffiliationInfo":
                for affiliation in child.findall("Affiliation"):
                    text = flatten(affiliation)
                    if text:
                        affiliations.append(text)
            elif name == "Identifier":
                if child.get("Source") == "ORCID":
                    orcid = flatten(child).rsplit("/", 1)[-1] or None
            elif name == "CollectiveName":
                collective = collective or flatten(child)
            elif name == "Suffix":
                suffix = suffix or flatten(child)
        authors.append(
            ArticleAuthor(
                family=family,
                given=given,
                initials=initials,
                collective=collective,
                affiliations=tuple(affiliations),
                orcid=orcid,
                suffix=suffix,
            )
        )
    return tuple(authors)


def _pages(parent: ET.Element | None) -> str:
    if parent is None:
        return ""
    medline = child_text(parent, "Pagination/MedlinePgn")
    if medline:
        return medline
    start = child_text(parent, "Pagination/StartPage")
    end = child_text(parent, "Pagination/EndPage")
    return f"{start}-{end}" if start and end else start


def _pub_date(element: ET.Element | None) -> PubDate:
    """The three forms: Year/Month/Day, Year + Season, or free-text MedlineDate."""
    if element is None:
        return PubDate()
    medline = child_text(element, "MedlineDate")
    if medline:
        match = _YEAR.search(medline)
        return PubDate(year=int(match.group(1)) if match else None, medline_date=medline)
    year = ascii_number(child_text(element, "Year"))
    season = child_text(element, "Season") or None
    month = month_number(child_text(element, "Month"))
    day = ascii_number(child_text(element, "Day"))
    if day is not None and not (month and 1 <= day <= 31):
        day = None
    return PubDate(year=year, month=month, day=day, season=season)


def _article_id(id_list: ET.Element | None, kind: str) -> str | None:
    if id_list is None:
        return None
    for article_id in id_list.findall("ArticleId"):  # direct children only
        if article_id.get("IdType") == kind:
            value = flatten(article_id)
            if value:
                return value
    return None


def _doi(id_list: ET.Element | None, article: ET.Element | None) -> str | None:
    # ArticleIdList is the record's own; ELocationID is the fallback (ReCiter #43
    # missed most pre-2008 DOIs by reading only ELocationID).
    doi = _article_id(id_list, "doi")
    if doi is None and article is not None:
        for location in article.findall("ELocationID"):
            if location.get("EIdType") == "doi" and location.get("ValidYN", "Y") != "N":
                doi = flatten(location) or None
                if doi:
                    break
    return doi or None  # PubMed's case: DOIs compare case-insensitively, display as given


def _list_text(parent: ET.Element | None, path: str) -> tuple[str, ...]:
    if parent is None:
        return ()
    return tuple(t for t in (flatten(e) for e in every(parent, path)) if t)


def _mesh(mesh_list: ET.Element | None) -> tuple[MeshHeading, ...]:
    if mesh_list is None:
        return ()
    headings = []
    for heading in mesh_list.findall("MeshHeading"):
        descriptor = heading.find("DescriptorName")
        if descriptor is None:
            continue
        qualifiers = heading.findall("QualifierName")
        headings.append(
            MeshHeading(
                descriptor=flatten(descriptor),
                ui=descriptor.get("UI", ""),
                major=descriptor.get("MajorTopicYN") == "Y"
                or any(q.get("MajorTopicYN") == "Y" for q in qualifiers),
                qualifiers=tuple(flatten(q) for q in qualifiers),
            )
        )
    return tuple(headings)


def _notices(comments: ET.Element | None) -> tuple[CorrectionNotice, ...]:
    if comments is None:
        return ()
    return tuple(
        CorrectionNotice(
            ref_type=item.get("RefType", ""),
            source=child_text(item, "RefSource"),
            pmid=valid_pmid(child_text(item, "PMID")),
        )
        for item in comments.findall("CommentsCorrections")
    )
