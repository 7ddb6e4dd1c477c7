"""Parse E-utilities responses (efetch, esummary, esearch XML; ecitmatch text) into models.

XML goes through :mod:`defusedxml` (no entity expansion, no external entities or
DTD fetching: PubMed documents name an external DTD that must never be loaded).
A body that cannot declare an entity at all (UTF-8 or ASCII, no ``<!ENTITY``
anywhere, no NUL bytes) is parsed by ElementTree's C parser instead, about twice
as fast, with the same result; everything else takes the defusedxml path.
The parser is lenient about unknown tags (the DTD changes every year) and strict
about the document itself: an NCBI ``<ERROR>``, malformed or truncated XML, or an
HTML error page raises :class:`~sarcoma_local.PubMedResponseError`.

IDs are read only from the record's own elements (``MedlineCitation/PMID``,
``PubmedData/ArticleIdList``), never with ``.//`` searches that would also pick up
the IDs of cited references.
"""

from __future__ import annotations

import functools
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import ParamSpec, TypeVar  # only the Element type and ParseError; parsing is defusedxml

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from sarcoma_local._core.errors import PubMedResponseError
from sarcoma_local._core.identifiers import MAX_PMID

from ._gc import gc_paused
from ._models import (
    AbstractSection,
    Article,
    ArticleAuthor,
    ArticleSummary,
    CitationMatch,
    CitationQuery,
    CorrectionNotice,
    Grant,
    MatchStatus,
    MeshHeading,
    PubDate,
    SearchResult,
    month_number,
)

_P = ParamSpec("_P")
_T = TypeVar("_T")

__all__ = [
    "MalformedResponseError",
    "body_problem",
    "check_xml_body",
    "flatten",
    "parse_ecitmatch",
    "parse_efetch",
    "parse_efetch_records",
    "parse_esearch",
    "parse_esummary",
    "parse_esummary_records",
    "parse_xml",
]

_MATHML = "{http://www.w3.org/1998/Math/MathML}"
_SPACES = re.compile(r"\s+")
#: XML's own whitespace (plus \f\v): collapsed. Unicode spaces (no-break, thin) are text.
_ASCII_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_ASCII_WS = " \t\n\r\f\v"
_YEAR = re.compile(r"\b(1[89][0-9]{2}|2[0-9]{3})\b")
_DIGITS = re.compile(r"[0-9]+")
_ROOT_TAG = re.compile(rb"<([A-Za-z_][-\w.:]*)")
_XML_DECL_ENCODING = re.compile(
    rb"""\A(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']"""
)
#: Encodings in which "<!ENTITY" can only be written as those very bytes.
_PLAIN_ENCODINGS = frozenset({b"utf-8", b"utf8", b"us-ascii", b"ascii"})
#: Longest excerpt of a bad body quoted in an error message.
_EXCERPT = 200
#: Deepest inline markup read inside one text element (real records nest < 20 levels).
MAX_DEPTH = 200


class MalformedResponseError(PubMedResponseError):
    """A body NCBI sends when something went wrong on its side: truncated or malformed
    XML, an HTML page, an ``<ERROR>`` or JSON error inside a 200. Worth a retry."""


def body_problem(body: bytes) -> str | None:
    """Why ``body`` is not an answer (empty, HTML, JSON error), or None; cheap, no parse.

    >>> body_problem(b'{"error":"API rate limit exceeded","count":"11"}')
    'NCBI reported an error: API rate limit exceeded'
    >>> body_problem(b"<eSearchResult/>") is None
    True
    """
    text = body.strip()
    if not text:
        return "empty answer"
    head = text[:300].lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return f"got an HTML page, not XML: {_excerpt(body)}"
    if text.startswith(b"{"):
        try:
            decoded = json.loads(text)
        except ValueError:
            return f"got malformed JSON: {_excerpt(body)}"
        error = decoded.get("error") if isinstance(decoded, dict) else None
        if error:
            return f"NCBI reported an error: {_excerpt(str(error))}"
        return f"got JSON, not XML: {_excerpt(body)}"
    return None


def _excerpt(body: bytes | str) -> str:
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    text = _SPACES.sub(" ", text).strip()
    return text[:_EXCERPT] + ("..." if len(text) > _EXCERPT else "")


def parse_xml(
    body: bytes, *, what: str, ignore_errors: re.Pattern[str] | None = None
) -> ET.Element:
    """Parse ``body`` safely; raise PubMedResponseError for HTML, junk or truncated XML.

    ``<ERROR>`` elements whose text matches ``ignore_errors`` are not errors.
    """
    head = body.lstrip()[:200].lower()
    if head.startswith((b"<!doctype html", b"<html")):
        raise MalformedResponseError(f"{what}: got an HTML page, not XML: {_excerpt(body)}")
    try:
        root: ET.Element
        if _cannot_declare_entities(body):
            root = ET.fromstring(body)  # noqa: S314 - see _cannot_declare_entities
        else:
            # forbid_dtd stays False: every PubMed document starts with a DOCTYPE naming
            # an external DTD. ElementTree never fetches it; entities and external refs
            # are refused.
            root = SafeET.fromstring(
                body, forbid_dtd=False, forbid_entities=True, forbid_external=True
            )
    except DefusedXmlException as exc:
        raise PubMedResponseError(f"{what}: refused unsafe XML ({type(exc).__name__})") from exc
    except ET.ParseError as exc:
        raise MalformedResponseError(
            f"{what}: malformed or truncated XML ({exc}): {_excerpt(body)}"
        ) from exc
    # A bytes scan beats walking the tree; it is exact only for UTF-8/ASCII bodies.
    if root.tag == "ERROR" or b"<ERROR" in body or not _cannot_declare_entities(body):
        _raise_for_error(root, what=what, ignore=ignore_errors)
    return root


def _cannot_declare_entities(body: bytes) -> bool:
    """True when ``body`` provably declares no entity, so the C parser is as safe as defusedxml.

    Every entity (internal, external, parameter or unparsed) needs a ``<!ENTITY``
    declaration; expat never loads the external DTD PubMed names (parameter entity
    parsing is off) and refuses undeclared ones. The bytes test is exact only when
    the document is UTF-8/ASCII: no NUL (UTF-16/32 write "<" as two or four bytes)
    and no XML declaration naming another encoding (EBCDIC and other single-byte
    codecs would spell the declaration differently).

    >>> _cannot_declare_entities(b'<?xml version="1.0"?><a>&amp;</a>')
    True
    >>> _cannot_declare_entities(b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')
    False
    >>> _cannot_declare_entities('<a/>'.encode("utf-16"))
    False
    """
    if b"\x00" in body or b"<!ENTITY" in body:
        return False
    if body.startswith((b"\xfe\xff", b"\xff\xfe")):
        return False
    declared = _XML_DECL_ENCODING.match(body)
    return declared is None or declared.group(1).strip().lower() in _PLAIN_ENCODINGS


def _raise_for_error(root: ET.Element, *, what: str, ignore: re.Pattern[str] | None = None) -> None:
    # NCBI reports many failures as <ERROR> inside an HTTP 200 document.
    errors = [_text(e) for e in root.iter("ERROR")]
    if ignore is not None and root.tag != "ERROR":
        errors = [e for e in errors if not ignore.search(e)]
    if root.tag == "ERROR" or errors:
        message = "; ".join(e for e in errors if e) or _text(root)
        raise MalformedResponseError(f"{what}: NCBI reported an error: {message}")


def check_xml_body(body: bytes) -> bool:
    """Cheap test used before caching: True when ``body`` looks like a complete NCBI answer.

    No full parse (that happens once in the client); this refuses the usual
    bad shapes: empty, HTML, JSON errors, ``<ERROR>``, and a document whose last
    tag is not a closing tag (truncated).
    """
    text = body.strip()
    if not text:
        return False
    lowered = text[:300].lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        return False
    if text.startswith(b"{"):
        return b'"error"' not in text.lower()
    if text.startswith(b"<"):
        if b"<ERROR>" in text:
            return False
        root = _ROOT_TAG.search(text)  # first element name; skips <?xml and <!DOCTYPE
        if root is None:
            return False
        name = root.group(1)
        return text.endswith((b"</" + name + b">", b"<" + name + b"/>"))
    # ECitMatch answers are plain text lines.
    return True


def flatten(element: ET.Element | None) -> str:
    """All text inside ``element`` with inline markup removed and whitespace collapsed.

    ``<i>``, ``<sub>`` and friends keep their text; MathML is squeezed to its tokens
    (``V.O2max``) because the pretty-printer's indentation inside it is not text.

    >>> import xml.etree.ElementTree as ET
    >>> flatten(ET.fromstring("<T>EC<sub>50</sub> of <i>B. cinerea</i></T>"))
    'EC50 of B. cinerea'
    """
    if element is None:
        return ""
    if not len(element) and not element.tag.startswith(_MATHML):
        # Most elements are leaves: skip the walk (and, for ASCII text, the call).
        text = element.text
        if not text:
            return ""
        if text.isascii():
            return " ".join(text.split())
        return _squash(text)
    parts: list[str] = []
    _collect(element, parts)
    return _squash("".join(parts))


def _squash(text: str) -> str:
    r"""Collapse runs of XML whitespace to one space; keep no-break and thin spaces.

    >>> _squash(" 5\u00a0mg \n dose ")
    '5\xa0mg dose'
    """
    if text.isascii():
        # str.split() is several times faster than re.sub, and on ASCII text it
        # splits on the same characters as the pattern (plus four control codes).
        return " ".join(text.split())
    return _ASCII_SPACES.sub(" ", text).strip(_ASCII_WS)


def _collect(element: ET.Element, parts: list[str]) -> None:
    # An explicit stack, not recursion: a hostile body may nest thousands of tags.
    stack: list[tuple[ET.Element | str, int]] = [(element, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        if depth > MAX_DEPTH:
            raise PubMedResponseError(f"markup nested deeper than {MAX_DEPTH} levels; refused")
        if item.tag.startswith(_MATHML):
            parts.append(_mathml_text(item))
            continue
        if item.text:
            parts.append(item.text)
        for child in reversed(item):
            if child.tail:
                stack.append((child.tail, depth))
            stack.append((child, depth + 1))


def _mathml_text(math: ET.Element) -> str:
    """MathML squeezed to its tokens, prescripts first (``³He`` -> ``3He``).

    Only the pretty-printer's ASCII indentation is dropped; a thin space inside a
    token (``10 000``) is text.
    """
    parts: list[str] = []
    stack = [(math, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise PubMedResponseError(f"MathML nested deeper than {MAX_DEPTH} levels; refused")
        if node.text:
            parts.append(node.text.strip(_ASCII_WS))
        children = list(node)
        if node.tag == _MATHML + "mmultiscripts":
            # base, post-scripts..., <mprescripts/>, pre-scripts...: read pre, base, post.
            split = next(
                (i for i, c in enumerate(children) if c.tag == _MATHML + "mprescripts"), None
            )
            if split is not None and children:
                children = children[split + 1 :] + children[:1] + children[1:split]
        stack.extend((child, depth + 1) for child in reversed(children))
    return "".join(parts)


def _text(element: ET.Element | None) -> str:
    return flatten(element)


def _child_text(parent: ET.Element | None, path: str) -> str:
    if parent is None:
        return ""
    return flatten(parent.find(path))


def _number(text: str) -> int | None:
    """``text`` as a non-negative int when it is ASCII digits only (``"2²"`` is not)."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def _pmid(text: str) -> int | None:
    number = _number(text)
    return number if number is not None and 0 < number <= MAX_PMID else None


def _guarded(what: str) -> Callable[[Callable[_P, _T]], Callable[_P, _T]]:
    """Turn any exception of a parser into PubMedResponseError (never a raw ValueError)."""

    def wrap(parse: Callable[_P, _T]) -> Callable[_P, _T]:
        @functools.wraps(parse)
        def guarded(*args: _P.args, **kwargs: _P.kwargs) -> _T:
            try:
                return parse(*args, **kwargs)
            except PubMedResponseError:
                raise
            except Exception as exc:  # RecursionError, ValueError, MemoryError, ...
                raise PubMedResponseError(
                    f"{what}: could not read the answer ({type(exc).__name__}: {exc})"
                ) from exc

        return guarded

    return wrap


# --- efetch ------------------------------------------------------------------------------


def parse_efetch(body: bytes) -> tuple[Article, ...]:
    """Parse an efetch ``PubmedArticleSet``: journal articles and book records, in order.

    An empty set is a valid answer (the PMIDs were not found); an ``<ERROR>``,
    HTML or malformed XML raises :class:`~sarcoma_local.PubMedResponseError`.
    """
    return tuple(article for article, _ in parse_efetch_records(body, keep_xml=False))


@_guarded("efetch")
def parse_efetch_records(body: bytes, *, keep_xml: bool = True) -> list[tuple[Article, bytes]]:
    """Like :func:`parse_efetch`, with each record's own XML (for the per-record cache)."""
    with gc_paused():  # tens of thousands of acyclic objects; see _gc.py
        root = parse_xml(body, what="efetch")
        if root.tag != "PubmedArticleSet":
            raise MalformedResponseError(f"efetch: expected <PubmedArticleSet>, got <{root.tag}>")
        articles: list[Article] = []
        elements: list[ET.Element] = []
        for record in root:
            if record.tag == "PubmedArticle":
                articles.append(_journal_article(record))
            elif record.tag == "PubmedBookArticle":
                articles.append(_book_article(record))
            else:
                continue  # DeleteCitation, future tags: not a record we can return.
            elements.append(record)
        if not keep_xml:
            return [(a, b"") for a in articles]
        return list(zip(articles, _own_xml(body, elements, _EFETCH_SPAN), strict=True))


_EFETCH_SPAN = (b"PubmedArticle", b"PubmedBookArticle")
_DOCSUM_SPAN = (b"DocSum",)


def _slices(body: bytes, tags: tuple[bytes, ...]) -> list[bytes]:
    """``<tag>...</tag>`` slices of ``body`` in order (bytes.find: far faster than a regex)."""
    opens = {tag: b"<" + tag + b">" for tag in tags}
    ahead = {tag: body.find(opens[tag]) for tag in tags}
    found: list[bytes] = []
    while True:
        live = [(at, tag) for tag, at in ahead.items() if at >= 0]
        if not live:
            return found
        start, tag = min(live)
        close = b"</" + tag + b">"
        end = body.find(close, start)
        if end < 0:
            return found
        end += len(close)
        found.append(body[start:end])
        for other in tags:  # skip openings inside the slice (none in valid PubMed XML)
            if 0 <= ahead[other] < end:
                ahead[other] = body.find(opens[other], end)


def _own_xml(body: bytes, elements: list[ET.Element], span: tuple[bytes, ...]) -> list[bytes]:
    """Each record's own bytes, sliced from the answer (serialising costs ms per record).

    The slices are used only when they provably match the parsed records: a
    UTF-8/ASCII body, as many slices as records, in the same order. Otherwise
    (another encoding, CDATA, odd markup) each record is serialised instead.
    """
    if _cannot_declare_entities(body):
        slices = _slices(body, span)
        if len(slices) == len(elements) and all(
            s[1 : 1 + len(e.tag)] == e.tag.encode() for s, e in zip(slices, elements, strict=True)
        ):
            return slices
    serialised = []
    for element in elements:
        element.tail = None
        xml: bytes = ET.tostring(element, encoding="utf-8", xml_declaration=False)
        serialised.append(xml)
    return serialised


#: Wrap cached record XML so the normal parsers read it.
EFETCH_OPEN, EFETCH_CLOSE = b"<PubmedArticleSet>", b"</PubmedArticleSet>"
ESUMMARY_OPEN, ESUMMARY_CLOSE = b"<eSummaryResult>", b"</eSummaryResult>"


def _journal_article(record: ET.Element) -> Article:
    citation = record.find("MedlineCitation")
    if citation is None:
        raise PubMedResponseError("efetch: <PubmedArticle> without <MedlineCitation>")
    pmid = _pmid(_child_text(citation, "PMID"))
    if pmid is None:
        raise PubMedResponseError("efetch: record without a valid <PMID>")
    article = citation.find("Article")
    journal = article.find("Journal") if article is not None else None
    issue = journal.find("JournalIssue") if journal is not None else None
    pubmed_data = record.find("PubmedData")
    id_list = pubmed_data.find("ArticleIdList") if pubmed_data is not None else None
    return Article(
        pmid=pmid,
        title=_child_text(article, "ArticleTitle"),
        abstract=_abstract(article.find("Abstract") if article is not None else None),
        authors=_authors(article.find("AuthorList") if article is not None else None),
        journal=_child_text(journal, "Title"),
        journal_abbrev=_child_text(journal, "ISOAbbreviation")
        or _child_text(citation, "MedlineJournalInfo/MedlineTA"),
        volume=_child_text(issue, "Volume"),
        issue=_child_text(issue, "Issue"),
        pages=_pages(article),
        pub_date=_pub_date(issue.find("PubDate") if issue is not None else None),
        doi=_doi(id_list, article),
        pmcid=_article_id(id_list, "pmc"),
        publication_types=_list_text(article, "PublicationTypeList/PublicationType"),
        mesh_headings=_mesh(citation.find("MeshHeadingList")),
        keywords=_list_text(citation, "KeywordList/Keyword"),
        languages=_list_text(article, "Language"),
        vernacular_title=_child_text(article, "VernacularTitle"),
        notices=_notices(citation.find("CommentsCorrectionsList")),
        epub_date=_epub_date(article),
        investigators=_authors(citation.find("InvestigatorList"), "Investigator"),
        coi_statement=_child_text(citation, "CoiStatement"),
        grants=_grants(article),
        reference_pmids=_reference_pmids(pubmed_data),
    )


def _epub_date(article: ET.Element | None) -> PubDate | None:
    if article is None:
        return None
    for date in article.iterfind("ArticleDate"):
        if date.get("DateType", "Electronic") == "Electronic":
            return _pub_date(date)
    return None


def _grants(article: ET.Element | None) -> tuple[Grant, ...]:
    if article is None:
        return ()
    return tuple(
        Grant(
            grant_id=_child_text(g, "GrantID"),
            acronym=_child_text(g, "Acronym"),
            agency=_child_text(g, "Agency"),
            country=_child_text(g, "Country"),
        )
        for g in article.iterfind("GrantList/Grant")
    )


def _reference_pmids(pubmed_data: ET.Element | None) -> tuple[int, ...]:
    if pubmed_data is None:
        return ()
    found: list[int] = []
    for reference in pubmed_data.iter("Reference"):  # ReferenceLists may nest
        for article_id in reference.iterfind("ArticleIdList/ArticleId"):
            if article_id.get("IdType") == "pubmed":
                pmid = _pmid(flatten(article_id))
                if pmid is not None:
                    found.append(pmid)
    return tuple(found)


def _book_article(record: ET.Element) -> Article:
    document = record.find("BookDocument")
    if document is None:
        raise PubMedResponseError("efetch: <PubmedBookArticle> without <BookDocument>")
    pmid = _pmid(_child_text(document, "PMID"))
    if pmid is None:
        raise PubMedResponseError("efetch: book record without a valid <PMID>")
    book = document.find("Book")
    book_data = record.find("PubmedBookData")
    id_list = document.find("ArticleIdList")
    if id_list is None and book_data is not None:
        id_list = book_data.find("ArticleIdList")
    book_title = _child_text(book, "BookTitle")
    authors = _authors(document.find("AuthorList"))
    if not authors and book is not None:
        # A whole book lists its authors (or editors) under <Book>.
        authors = _authors(book.find("AuthorList"))
    return Article(
        pmid=pmid,
        title=_child_text(document, "ArticleTitle") or book_title,
        abstract=_abstract(document.find("Abstract")),
        authors=authors,
        journal=_child_text(book, "Publisher/PublisherName"),
        volume=_child_text(book, "Volume"),
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
    for author in author_list.iterfind(tag):
        if author.get("ValidYN", "Y") == "N":
            continue  # PubMed keeps misspelt names it has corrected, marked invalid.
        # One pass over the children instead of a find() per field: authors are the
        # bulk of a record and this loop is the parser's hot path.
        fields = dict.fromkeys(_AUTHOR_FIELDS, "")
        affiliations: list[str] = []
        orcid = None
        for child in author:
            tag = child.tag
            if tag in fields:
                if not fields[tag]:
                    fields[tag] = flatten(child)
            elif tag == "AffiliationInfo":
                for affiliation in child.iterfind("Affiliation"):
                    text = flatten(affiliation)
                    if text:
                        affiliations.append(text)
            elif tag == "Identifier" and child.get("Source") == "ORCID":
                orcid = flatten(child).rsplit("/", 1)[-1] or None
        authors.append(
            ArticleAuthor(
                family=fields["LastName"],
                given=fields["ForeName"],
                initials=fields["Initials"],
                collective=fields["CollectiveName"],
                affiliations=tuple(affiliations),
                orcid=orcid,
                suffix=fields["Suffix"],
            )
        )
    return tuple(authors)


_AUTHOR_FIELDS = ("LastName", "ForeName", "Initials", "CollectiveName", "Suffix")


def _pages(parent: ET.Element | None) -> str:
    if parent is None:
        return ""
    medline = _child_text(parent, "Pagination/MedlinePgn")
    if medline:
        return medline
    start = _child_text(parent, "Pagination/StartPage")
    end = _child_text(parent, "Pagination/EndPage")
    return f"{start}-{end}" if start and end else start


def _pub_date(element: ET.Element | None) -> PubDate:
    """The three forms: Year/Month/Day, Year + Season, or free-text MedlineDate."""
    if element is None:
        return PubDate()
    medline = _child_text(element, "MedlineDate")
    if medline:
        match = _YEAR.search(medline)
        return PubDate(year=int(match.group(1)) if match else None, medline_date=medline)
    year = _number(_child_text(element, "Year"))
    season = _child_text(element, "Season") or None
    month = month_number(_child_text(element, "Month"))
    day = _number(_child_text(element, "Day"))
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
    return tuple(t for t in (flatten(e) for e in parent.findall(path)) if t)


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
            source=_child_text(item, "RefSource"),
            pmid=_pmid(_child_text(item, "PMID")),
        )
        for item in comments.findall("CommentsCorrections")
    )


# --- esummary ----------------------------------------------------------------------------

_MISSING_UID = re.compile(r"cannot get document summary|invalid uid|uid=", re.IGNORECASE)


def parse_esummary(body: bytes) -> tuple[ArticleSummary, ...]:
    """Parse a v1 ``eSummaryResult``; see :func:`parse_esummary_records`."""
    return tuple(summary for summary, _ in parse_esummary_records(body, keep_xml=False))


@_guarded("esummary")
def parse_esummary_records(
    body: bytes, *, keep_xml: bool = True
) -> list[tuple[ArticleSummary, bytes]]:
    """Parse a v1 ``eSummaryResult`` (``<DocSum><Item Name=...>``).

    An ``<ERROR>`` about an unknown UID is not an error of the answer: that PMID
    is simply absent (the client lists it in ``missing``). Any other error raises.
    """
    with gc_paused():
        root = parse_xml(body, what="esummary", ignore_errors=_MISSING_UID)
        if root.tag != "eSummaryResult":
            raise MalformedResponseError(f"esummary: expected <eSummaryResult>, got <{root.tag}>")
        docs = root.findall("DocSum")
        xmls = _own_xml(body, docs, _DOCSUM_SPAN) if keep_xml else [b""] * len(docs)
        return [
            (_docsum(doc), xml)
            for doc, xml in zip(docs, xmls, strict=True)
            if not any(i.get("Name", "").lower() == "error" for i in doc.findall("Item"))
        ]


def _docsum(doc: ET.Element) -> ArticleSummary:
    pmid = _pmid(_child_text(doc, "Id"))
    if pmid is None:
        raise PubMedResponseError("esummary: <DocSum> without a valid <Id>")
    items = {item.get("Name", ""): item for item in doc.findall("Item")}

    def item(name: str) -> str:
        return flatten(items.get(name))

    def sub_items(name: str) -> tuple[str, ...]:
        parent = items.get(name)
        if parent is None:
            return ()
        return tuple(t for t in (flatten(i) for i in parent.findall("Item")) if t)

    article_ids = items.get("ArticleIds")
    pmc = None
    if article_ids is not None:
        for sub in article_ids.findall("Item"):
            if sub.get("Name") == "pmc" and flatten(sub):
                pmc = flatten(sub)
    doi = item("DOI") or None
    return ArticleSummary(
        pmid=pmid,
        title=item("Title"),
        authors=sub_items("AuthorList"),
        journal=item("Source"),
        full_journal_name=item("FullJournalName"),
        pub_date=item("PubDate"),
        volume=item("Volume"),
        issue=item("Issue"),
        pages=item("Pages"),
        doi=doi,
        pmcid=pmc,
        publication_types=sub_items("PubTypeList"),
        languages=sub_items("LangList"),
    )


# --- esearch -----------------------------------------------------------------------------


@_guarded("esearch")
def parse_esearch(body: bytes, *, query: str) -> SearchResult:
    """Parse an ``eSearchResult``; "no hits" (``PhraseNotFound``) is a valid empty result."""
    root = parse_xml(body, what="esearch")
    if root.tag != "eSearchResult":
        raise MalformedResponseError(f"esearch: expected <eSearchResult>, got <{root.tag}>")
    count = _number(_child_text(root, "Count"))
    if count is None:
        raise PubMedResponseError("esearch: answer without a <Count>")
    pmids = tuple(p for p in (_pmid(flatten(i)) for i in root.findall("IdList/Id")) if p)
    warnings = tuple(
        f"{e.tag}: {flatten(e)}"
        for block in ("ErrorList", "WarningList")
        for e in root.findall(f"{block}/*")
        if flatten(e)
    )
    return SearchResult(
        query=query,
        count=count,
        pmids=pmids,
        query_translation=_child_text(root, "QueryTranslation"),
        warnings=warnings,
    )


# --- ecitmatch ---------------------------------------------------------------------------


@_guarded("ecitmatch")
def parse_ecitmatch(body: bytes, queries: tuple[CitationQuery, ...]) -> tuple[CitationMatch, ...]:
    """Match ECitMatch's ``journal|year|volume|page|author|key|PMID`` lines to the queries.

    Lines are matched by ``key``, never by position: NCBI may drop a line. A query
    with no line comes back NOT_FOUND with ``detail="no answer line"``.
    """
    text = body.decode("utf-8", "replace")
    stripped = text.strip()
    if stripped.startswith(("<", "{")):
        if stripped.startswith("<"):
            parse_xml(body, what="ecitmatch")  # raises for <ERROR>/HTML/junk
        raise PubMedResponseError(f"ecitmatch: expected text lines, got {_excerpt(body)}")
    answers: dict[str, str] = {}
    for line in re.split(r"[\r\n]+", text):
        if not line.strip():
            continue
        fields = line.split("|")
        if len(fields) < 7:
            raise PubMedResponseError(f"ecitmatch: unexpected line {_excerpt(line)}")
        answers[fields[5].strip()] = fields[6].strip()
    return tuple(_citmatch(q, answers.get(q.key)) for q in queries)


def _citmatch(query: CitationQuery, answer: str | None) -> CitationMatch:
    if answer is None:
        return CitationMatch(query=query, status=MatchStatus.NOT_FOUND, detail="no answer line")
    if _pmid(answer) is not None:
        return CitationMatch(query=query, status=MatchStatus.FOUND, pmid=int(answer))
    if answer.upper().startswith("AMBIGUOUS"):
        candidates = tuple(p for p in (_pmid(d) for d in _DIGITS.findall(answer)) if p is not None)
        return CitationMatch(
            query=query, status=MatchStatus.AMBIGUOUS, candidates=candidates, detail=answer
        )
    return CitationMatch(query=query, status=MatchStatus.NOT_FOUND, detail=answer or "NOT_FOUND")
