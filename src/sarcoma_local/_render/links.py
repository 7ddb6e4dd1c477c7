"""The links shown for a citation: PubMed, PubMed Central, doi.org, else a canonical page.

>>> import sarcoma_local as sl
>>> [link.kind for link in citation_links(sl.citation("potter-1985-353"))]
['pubmed']
"""

from __future__ import annotations

import attrs

from sarcoma_local._core.links import is_canonical_url, safe_url
from sarcoma_local._data.models import Citation

__all__ = ["Link", "citation_links", "primary_link"]


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
