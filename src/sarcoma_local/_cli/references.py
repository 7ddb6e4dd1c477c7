"""One numbered reference list per page: statements cite ``[1, 2]``, the list comes last.

Every reference line is :func:`~sarcoma_local._render.citations.format_citation` (NLM)
and its links are :func:`~sarcoma_local._render.links.citation_links`, as on every
other surface.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sarcoma_local._cli.output import fill, wrap

if TYPE_CHECKING:
    from sarcoma_local._data.models import Citation

__all__ = ["UNVERIFIED_MARK", "References"]

#: Marks a reference whose PubMed number could not be verified (explained once, in a legend).
UNVERIFIED_MARK = "\N{DAGGER}"


class References:
    """Numbers citations in order of first use and prints the list once."""

    def __init__(self) -> None:
        self._numbers: dict[str, int] = {}
        self._cited: list[Citation] = []

    def cite(self, keys: Iterable[str]) -> str:
        """``[1, 2]`` for these citation keys, numbering the new ones."""
        from sarcoma_local._data.queries import citation

        numbers = []
        for key in keys:
            if key not in self._numbers:
                c = citation(key)
                self._cited.append(c)
                self._numbers[key] = len(self._cited)
            numbers.append(self._numbers[key])
        return "[" + ", ".join(str(n) for n in numbers) + "]" if numbers else ""

    def cited(self) -> tuple[Citation, ...]:
        """The citations in the order they were numbered."""
        return tuple(self._cited)

    def lines(self, title: str = "References") -> list[str]:
        """The list: ``n. <NLM reference>`` then its links, and a legend for the marks."""
        from sarcoma_local._data.models import Flag
        from sarcoma_local._render.citations import format_citation
        from sarcoma_local._render.labels import meaning
        from sarcoma_local._render.links import citation_links

        if not self._cited:
            return []
        out = [title, "-" * len(title)]
        width = len(str(len(self._cited))) + 2
        marked = False
        for n, c in enumerate(self._cited, 1):
            text = format_citation(c, "nlm")
            if Flag.PMID_UNVERIFIED in c.flags:
                text += f"\N{NO-BREAK SPACE}{UNVERIFIED_MARK}"  # never alone on a line
                marked = True
            out.append(
                fill(text, f"{n}.".ljust(width), " " * width).replace("\N{NO-BREAK SPACE}", " ")
            )
            links = "  ".join(link.url for link in citation_links(c))
            if links:
                out.append(wrap(links, " " * width))
        if marked:
            out.append(f"{UNVERIFIED_MARK} {meaning(Flag.PMID_UNVERIFIED)}")
        return out
