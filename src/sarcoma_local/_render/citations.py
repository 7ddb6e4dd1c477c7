"""The one citation formatter: NLM (Vancouver), AMA, a short line, and in-text labels.

Every surface cites through :func:`format_citation`, so one paper reads the same in the
CLI, a handout, the web site, a chat answer and a text export.

>>> import sarcoma_local as sl
>>> c = sl.citation("potter-1985-353")
>>> format_citation(c, "short")
'Potter DA et al. J Clin Oncol 1985;3:353-66'
>>> format_citation(c, "label")
'Potter 1985'
>>> format_citation(c)[-46:]
'J Clin Oncol. 1985;3(3):353-66. PMID: 3973646.'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Literal

from sarcoma_local._core.once import Once
from sarcoma_local._data.models import Author, Citation

__all__ = [
    "STYLES",
    "Style",
    "catalogue_labels",
    "citation_labels",
    "format_citation",
    "full_pages",
    "given_initials",
    "is_organisation",
    "is_report",
    "page_range",
    "publisher",
]

Style = Literal["nlm", "ama", "short", "label"]
#: The styles :func:`format_citation` knows.
STYLES: tuple[str, ...] = ("nlm", "ama", "short", "label")


def is_report(c: Citation) -> bool:
    """True for a record with no journal issue to cite (an online guideline)."""
    return "online-guideline" in c.flags


def publisher(c: Citation) -> str:
    """The body that published a report (its ``journal`` without "(online)")."""
    return c.journal.removesuffix("(online)").strip()


def is_organisation(author: Author) -> bool:
    """True for a collective author (PubMed lists one with a name and no initials)."""
    return not author.initials


def given_initials(initials: str) -> str:
    """ "DA" -> "D. A."; "J-P" -> "J.-P." (initials as BibTeX, CSL and RIS spell them)."""
    parts = re.findall(r"-?[^\W\d_]", initials)
    return " ".join(p + "." for p in parts).replace(" -", "-")


def full_pages(pages: str) -> str:
    """Expand PubMed's abbreviated range: "353-66" -> "353-366", "S12-5" -> "S12-S15"."""
    m = re.fullmatch(r"([A-Za-z]*)(\d+)([A-Za-z]*)-([A-Za-z]*)(\d+)([A-Za-z]*)", pages.strip())
    if not m:
        return pages.strip()
    pre1, first, suf1, pre2, last, suf2 = m.groups()
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return f"{pre1}{first}{suf1}-{pre2 or pre1}{last}{suf2 or suf1}"


def page_range(pages: str) -> tuple[str, str]:
    """First and last page of ``pages``, the range expanded ("353-66" -> ("353", "366"))."""
    start, _, end = full_pages(pages).partition("-")
    return start, end


def _end(text: str) -> str:
    """Text with a closing period unless it already ends in . ? or !"""
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else text + "."


def _names(c: Citation, style: str) -> str:
    names = [str(a) for a in c.authors]
    et_al = c.et_al
    if style == "ama" and len(names) > 6:
        names, et_al = names[:3], True
    elif style == "ama" and et_al:
        names = names[:3]
    if not names:
        return ""
    return ", ".join(names) + (", et al." if et_al else ".")


def _issue_part(c: Citation, style: str) -> str:
    # An issue number without its volume reads as a stray "(5)": leave it out.
    if not c.volume and not c.issue.lower().startswith("suppl"):
        return ""
    out = ";" + c.volume
    if c.issue.lower().startswith("suppl"):
        if style == "ama":
            return out + f"(suppl{c.issue[5:]})"
        return out + (f" {c.issue}" if c.volume else c.issue)
    return out + (f"({c.issue})" if c.issue else "")


def _source_nlm(c: Citation) -> str:
    out = f"{c.journal}. {c.year}{_issue_part(c, 'nlm')}"
    if c.pages:
        out += f":{c.pages}"
    out += "."
    if c.doi:
        out += f" doi: {c.doi}."
    ids = []
    if c.pmid is not None:
        ids.append(f"PMID: {c.pmid}")
    if c.pmcid:
        ids.append(f"PMCID: {c.pmcid}")
    if ids:
        out += " " + "; ".join(ids) + "."
    return out


def _source_ama(c: Citation) -> str:
    out = f"{c.journal}. {c.year}{_issue_part(c, 'ama')}"
    if c.pages:
        out += f":{full_pages(c.pages)}"
    out += "."
    if c.doi:
        out += f" doi:{c.doi}"
    return out


def _short(c: Citation) -> str:
    # Without authors (a guideline, a collective report) the journal or body leads,
    # as in a reference list; never an invented "Anonymous".
    where = f"{c.journal} {c.year}"
    if c.volume:
        where += f";{c.volume}"
    if c.pages:
        where += f":{c.pages}"
    if not c.authors:
        return where
    who = str(c.authors[0])
    if len(c.authors) > 1 or c.et_al:
        who += " et al."
    return f"{who} {where}"


def _base_label(c: Citation) -> str:
    return f"{c.first_author or publisher(c)} {c.year}"


def citation_labels(cites: Iterable[Citation]) -> dict[str, str]:
    """Short in-text labels, ``Chen 1998``; same author and year get a, b in key order.

    A citation without authors is labelled by its journal or publishing body.
    """
    groups: dict[str, list[str]] = {}
    for c in sorted(cites, key=lambda c: c.key):
        groups.setdefault(_base_label(c), []).append(c.key)
    labels: dict[str, str] = {}
    for base, keys in groups.items():
        for i, key in enumerate(keys):
            labels[key] = base if len(keys) == 1 else f"{base}{'abcdefghijklmnopqrstuvwxyz'[i]}"
    return labels


def _all_labels() -> Mapping[str, str]:
    from sarcoma_local._data.queries import citations

    return citation_labels(citations())


_labels: Once[Mapping[str, str]] = Once(_all_labels)


def catalogue_labels() -> Mapping[str, str]:
    """:func:`citation_labels` over the whole catalogue, so labels agree on every page."""
    return _labels.get()


def format_citation(citation: Citation | str, style: Style = "nlm") -> str:
    """One reference as text: ``"nlm"`` (as PubMed's "Cite" prints it), ``"ama"``,
    ``"short"`` (one line: first author, journal, year;volume:pages) or ``"label"``
    (in-text, ``Potter 1985``; unique across the catalogue).

    ``citation`` is a :class:`~sarcoma_local.Citation` or its key.

    >>> format_citation("potter-1985-353", "ama")[:46]
    'Potter DA, Glenn J, Kinsella T, et al. Pattern'
    """
    if isinstance(citation, str):
        from sarcoma_local._data.queries import citation as get_citation

        citation = get_citation(citation)
    if style == "short":
        return _short(citation)
    if style == "label":
        return catalogue_labels().get(citation.key) or _base_label(citation)
    if style not in ("nlm", "ama"):
        raise ValueError(f"unknown citation style {str(style)[:40]!r}; choose from {STYLES}")
    parts = [_names(citation, style), _end(citation.title)]
    parts.append(_source_nlm(citation) if style == "nlm" else _source_ama(citation))
    return " ".join(p for p in parts if p)
