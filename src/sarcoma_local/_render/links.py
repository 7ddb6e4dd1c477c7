"""The links shown for a citation: PubMed, PubMed Central, doi.org, else a canonical page.

>>> import sarcoma_local as sl
>>> [link.kind for link in citation_links(sl.citation("potter-1985-353"))]
['pubmed']
"""

from __future__ import annotations

import attrs

from sarcoma_local._core.links import is_canonical_url, safe_url
from sarcoma_local._data.models import Citation

__all__ = ["Link", "citation_links", "evidence_place", "primary_link", "shown_evidence"]


@attrs.frozen
class Link:
    """One link a reader may follow: its kind (``pubmed``, ``doi``, ``pmc``, ``page``), a
    short name ("PubMed"), the text to show ("PubMed 3973646") and the https address."""

    kind: str
    name: str
    text: str
    url: str


def citation_links(c: Citation) -> tuple[Link, ...]:
    """PubMed, DOI and PubMed Central links; the article's own page only when it has none.

    The page (``Citation.url``) is shown only when it is on a canonical host, so a
    mirror or proxy recorded as evidence never becomes a link.
    """
    found: list[Link] = []
    if c.pubmed_url:
        found.append(Link("pubmed", "PubMed", f"PubMed {c.pmid}", c.pubmed_url))
    if c.doi_url:
        found.append(Link("doi", "DOI", f"DOI {c.doi}", c.doi_url))
    if c.pmc_url:
        found.append(Link("pmc", "PMC", f"PubMed Central {c.pmcid}", c.pmc_url))
    if not found and c.url and is_canonical_url(c.url):
        found.append(Link("page", "Available from", "Article page", safe_url(c.url)))
    return tuple(found)


def primary_link(c: Citation) -> Link | None:
    """The one link a format with a single URL field carries: the DOI first (it outlives
    any one site), then PubMed, PubMed Central, the canonical page."""
    found = citation_links(c)
    return next((link for link in found if link.kind == "doi"), found[0] if found else None)


#: Fields of a record that name the page an identifier or a number was verified on.
_EVIDENCE_FIELDS = frozenset({"where", "verified_at"})


def evidence_place(where: str) -> str:
    """Where something was verified, as a reader may see it: a canonical page as is; a
    page off the canonical hosts (a mirror kept as evidence) by its host only.

    >>> evidence_place("http://47.251.13.51:8081/27905051")
    '47.251.13.51 (recorded as evidence; not shown as a link)'
    """
    from urllib.parse import urlsplit

    if not where.startswith(("http://", "https://")) or is_canonical_url(where):
        return where
    return f"{urlsplit(where).hostname} (recorded as evidence; not shown as a link)"


def shown_evidence(data: object) -> object:
    """JSON data with every evidence page (``where``, ``verified_at``) made safe to show.

    Machine exports keep the full evidence addresses; answers meant for people and chat
    models go through this, so a mirror is never handed out as a link.
    """
    if isinstance(data, dict):
        return {
            k: evidence_place(v)
            if k in _EVIDENCE_FIELDS and isinstance(v, str)
            else shown_evidence(v)
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [shown_evidence(v) for v in data]
    return data
