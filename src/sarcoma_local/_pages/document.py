"""What a human page says, as plain records: an option's text and a reference entry.

The handout and the web site build these once from the catalogue records (every
reader text through :mod:`sarcoma_local._render`), then render them: to HTML with
:mod:`sarcoma_local._pages.html`, to Markdown in the handout. So a page never
walks the records twice, and an option reads the same on every page.

>>> import sarcoma_local as sl
>>> from sarcoma_local._render.citations import catalogue_labels
>>> ref = reference(sl.citation("potter-1985-353"), catalogue_labels())
>>> ref.label, [link.kind for link in ref.links]
('Potter 1985', ['pubmed'])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from sarcoma_local._data.models import Citation, Option
from sarcoma_local._render.citations import format_citation
from sarcoma_local._render.labels import label, meaning, role_text, shown_flags
from sarcoma_local._render.links import Link, citation_links

__all__ = ["CitedText", "OptionText", "Ref", "Reference", "option_text", "reference", "refs"]


@attrs.frozen
class Ref:
    """An in-text citation: the citation key (the anchor) and its label, ``Chen 1998``."""

    key: str
    label: str


@attrs.frozen
class CitedText:
    """A sentence and the citations behind it."""

    text: str
    refs: tuple[Ref, ...] = ()


@attrs.frozen
class OptionText:
    """What a page says about one option: its role, summary, statements and notes."""

    role: str
    summary: str
    statements: tuple[CitedText, ...]
    notes: tuple[str, ...]


@attrs.frozen
class Reference:
    """One entry of a reference list, every text already formatted."""

    key: str
    label: str
    text: str
    evidence: str
    summary: str
    links: tuple[Link, ...]
    notes: tuple[str, ...]


def refs(keys: Iterable[str], labels: Mapping[str, str]) -> tuple[Ref, ...]:
    """In-text citations for ``keys``; a key without a label shows the key."""
    return tuple(Ref(k, labels.get(k, k)) for k in keys)


def option_text(option: Option, labels: Mapping[str, str]) -> OptionText:
    """The reader's view of ``option``; ``labels`` maps citation keys to in-text labels."""
    return OptionText(
        role=role_text(option.role),
        summary=option.summary,
        statements=tuple(CitedText(s.text, refs(s.citations, labels)) for s in option.statements),
        notes=tuple(meaning(f) for f in shown_flags(option.flags)),
    )


def reference(c: Citation, labels: Mapping[str, str]) -> Reference:
    """The reference entry of ``c``: the NLM text, study type and population, links, notes."""
    return Reference(
        key=c.key,
        label=labels.get(c.key, c.key),
        text=format_citation(c, "nlm"),
        evidence=f"{label(c.study_type)}; {meaning(c.population)}.",
        summary=c.summary,
        links=citation_links(c),
        notes=tuple(meaning(f) for f in shown_flags(c.flags)),
    )
