"""Citations as RIS records (EndNote, Zotero, Mendeley, rispy)."""

from __future__ import annotations

from collections.abc import Iterable

from sarcoma_local._data.models import Author, Citation
from sarcoma_local._render.citations import (
    given_initials,
    is_organisation,
    is_report,
    page_range,
    publisher,
)
from sarcoma_local._render.links import citation_links

from .common import collect, header_text

__all__ = ["to_ris"]


def _ris_author(author: Author) -> str:
    if is_organisation(author):
        return author.family
    given = given_initials(author.initials)
    return f"{author.family}, {given}" if given else author.family


def _ris_record(c: Citation, disclaimer: bool) -> str:
    lines: list[tuple[str, str]] = [("TY", "RPRT" if is_report(c) else "JOUR")]
    lines.extend(("AU", _ris_author(a)) for a in c.authors)
    lines.append(("TI", c.title))
    if is_report(c):
        lines.append(("PB", publisher(c)))
    else:
        lines.extend((("JO", c.journal), ("J2", c.journal)))
    lines.append(("PY", str(c.year)))
    for tag, value in (("VL", c.volume), ("IS", c.issue)):
        if value:
            lines.append((tag, value))
    if c.pages:
        start, end = page_range(c.pages)
        lines.append(("SP", start))
        if end:
            lines.append(("EP", end))
    if c.doi:
        lines.append(("DO", c.doi))
    if c.pmid is not None:
        lines.append(("AN", str(c.pmid)))
    lines.extend(("UR", link.url) for link in citation_links(c))
    lines.append(("ID", c.key))
    if c.et_al:
        lines.append(("N1", "Author list incomplete in the source (et al.)."))
    if disclaimer:
        lines.append(("N1", header_text()))
    lines.append(("ER", ""))
    # One line per tag: RIS has no continuation lines, so newlines become spaces.
    return "".join(f"{tag}  - {' '.join(value.split())}\n" for tag, value in lines)


def to_ris(citations: Iterable[Citation] | Citation, *, disclaimer: bool = True) -> str:
    """Citations as RIS records (EndNote, Zotero, Mendeley, rispy).

    Tags: TY, AU, TI, JO/J2 (or PB for a report), PY, VL, IS, SP, EP, DO, AN
    (the PMID), UR (PubMed, PMC and DOI links), ID (the citation key), N1 (the
    data version and disclaimer, with ``disclaimer``), ER.

    >>> import sarcoma_local as sl
    >>> print(to_ris([sl.citation("potter-1985-353")], disclaimer=False).splitlines()[0])
    TY  - JOUR
    """
    return "\n".join(_ris_record(c, disclaimer) for c in collect(citations))
