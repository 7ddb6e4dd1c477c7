"""Parse ESummary answers (v1 ``eSummaryResult``) into :class:`ArticleSummary` records."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # only the Element type; parsing is in _responses

from sarcoma_local._core.errors import PubMedResponseError

from ._articles import ArticleSummary
from ._gc import gc_paused
from ._responses import (
    MalformedResponseError,
    cannot_declare_entities,
    guarded,
    own_xml,
    parse_xml,
)
from ._xmltext import child_text, flatten, valid_pmid

__all__ = ["parse_esummary", "parse_esummary_records"]

_DOCSUM_SPAN = (b"DocSum",)
_MISSING_UID = re.compile(r"cannot get document summary|invalid uid|uid=", re.IGNORECASE)


def parse_esummary(body: bytes) -> tuple[ArticleSummary, ...]:
    """Parse a v1 ``eSummaryResult``; see :func:`parse_esummary_records`."""
    return tuple(summary for summary, _ in parse_esummary_records(body, keep_xml=False))


@guarded("esummary")
def parse_esummary_records(
    body: bytes, *, keep_xml: bool = True
) -> list[tuple[ArticleSummary, bytes]]:
    """Parse a v1 ``eSummaryResult`` (``<DocSum><Item Name=...>``).

    An ``<ERROR>`` about an unknown UID is not an error of the answer: that PMID
    is simply absent (the client lists it in ``missing``). Any other error raises.
    """
    with gc_paused():
        plain = cannot_declare_entities(body)
        root = parse_xml(body, what="esummary", ignore_errors=_MISSING_UID, plain=plain)
        if root.tag != "eSummaryResult":
            raise MalformedResponseError(f"esummary: expected <eSummaryResult>, got <{root.tag}>")
        docs = root.findall("DocSum")
        xmls = own_xml(body, docs, _DOCSUM_SPAN, plain=plain) if keep_xml else [b""] * len(docs)
        records = [
            (_docsum(doc), xml)
            for doc, xml in zip(docs, xmls, strict=True)
            if not any(i.get("Name", "").lower() == "error" for i in doc.findall("Item"))
        ]
        del root, docs  # freed while the collector is paused (see parse_efetch_records)
    return records


def _docsum(doc: ET.Element) -> ArticleSummary:
    pmid = valid_pmid(child_text(doc, "Id"))
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
