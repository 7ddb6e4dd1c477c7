"""A numbered reference list as text, in NLM/Vancouver or AMA style, with its links.

>>> import sarcoma_local as sl
>>> print(to_text([sl.citation("potter-1985-353")], style="ama", disclaimer=False))
1. Potter DA, Glenn J, Kinsella T, et al. Patterns of recurrence in patients with high-grade soft-tissue sarcomas. J Clin Oncol. 1985;3(3):353-366.
   PubMed: https://pubmed.ncbi.nlm.nih.gov/3973646/
<BLANKLINE>
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from sarcoma_local._data.models import Citation
from sarcoma_local._render.citations import format_citation
from sarcoma_local._render.links import citation_links

from .common import collect, header_text

__all__ = ["format_citation", "to_text"]


def to_text(
    citations: Iterable[Citation] | Citation,
    style: Literal["nlm", "ama"] = "nlm",
    *,
    disclaimer: bool = True,
    links: bool = True,
) -> str:
    """A numbered reference list in NLM/Vancouver or AMA style, with PubMed/PMC/DOI links.

    Each reference is one line; with ``links`` its PubMed, PMC and doi.org addresses
    follow, indented (a verified page address only when it has no identifier). With
    ``disclaimer`` a leading note gives the data version and the disclaimer.
    """
    if style not in ("nlm", "ama"):
        raise ValueError(f"unknown style {str(style)[:40]!r}; choose 'nlm' or 'ama'")
    blocks = []
    if disclaimer:
        blocks.append(f"Note: {header_text()}\n")
    for n, c in enumerate(collect(citations), 1):
        prefix = f"{n}. "
        lines = [prefix + format_citation(c, style)]
        if links:
            pad = " " * len(prefix)
            lines.extend(f"{pad}{link.name}: {link.url}" for link in citation_links(c))
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)
