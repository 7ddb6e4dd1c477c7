"""Citations as CSL-JSON (Zotero, Pandoc, citeproc).

>>> import sarcoma_local as sl
>>> to_csl_json([sl.citation("potter-1985-353")])[0]["PMID"]
'3973646'
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sarcoma_local._core.version import DATA_VERSION, DISCLAIMER
from sarcoma_local._data.models import Citation
from sarcoma_local._render.citations import (
    full_pages,
    given_initials,
    is_organisation,
    is_report,
    publisher,
)
from sarcoma_local._render.links import primary_link

from .common import collect

__all__ = ["to_csl_json"]


def _csl_item(c: Citation) -> dict[str, Any]:
    item: dict[str, Any] = {"id": c.key, "type": "report" if is_report(c) else "article-journal"}
    item["title"] = c.title
    if c.authors:
        item["author"] = [
            {"literal": a.family}
            if is_organisation(a)
            else {"family": a.family, "given": given_initials(a.initials)}
            for a in c.authors
        ]
    if is_report(c):
        item["publisher"] = publisher(c)
    else:
        item["container-title"] = c.journal
        # Citation.journal is the NLM abbreviation, which CSL names container-title-short too.
        item["container-title-short"] = c.journal
    item["issued"] = {"date-parts": [[c.year]]}
    for name, value in (("volume", c.volume), ("issue", c.issue)):
        if value:
            item[name] = value
    if c.pages:
        item["page"] = full_pages(c.pages)
    if c.pmid is not None:
        item["PMID"] = str(c.pmid)
    if c.pmcid:
        item["PMCID"] = c.pmcid
    if c.doi:
        item["DOI"] = c.doi
    link = primary_link(c)
    if link is not None:
        item["URL"] = link.url
    # CSL 1.0.2 keeps tool-specific data under "custom"; citeproc ignores it.
    item["custom"] = {
        "sarcoma_local_key": c.key,
        "et_al": c.et_al,
        "data_version": DATA_VERSION,
        "disclaimer": DISCLAIMER,
    }
    return item


def to_csl_json(citations: Iterable[Citation] | Citation) -> list[dict[str, Any]]:
    """Citations as CSL-JSON items (Zotero, Pandoc, citeproc), one per citation.

    ``given`` holds the initials ("D. A."); a collective author is a ``literal``;
    the data version and disclaimer ride in each item's ``custom`` block.

    >>> import sarcoma_local as sl
    >>> item = to_csl_json([sl.citation("potter-1985-353")])[0]
    >>> item["type"], item["author"][0], item["page"], item["PMID"]
    ('article-journal', {'family': 'Potter', 'given': 'D. A.'}, '353-366', '3973646')
    """
    return [_csl_item(c) for c in collect(citations)]
