"""Self-contained passages built from the catalogue, for answers and retrieval pipelines.

One passage per option (site x technique), technique, site, recurrence table and
pattern rule, read through the public queries. Every passage carries its keys,
our own words and its citations as :class:`Reference`: the label of the one
formatter (``format_citation(c, "label")``) and the one link a single-link field
carries (``primary_link``, built on ``citation_links``: canonical addresses only,
never a mirror the record was verified on).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import attrs

from sarcoma_local._core.convert import to_builtins
from sarcoma_local._data.models import (
    Flag,
    Option,
    PatternRule,
    Population,
    RecurrenceRow,
    RecurrenceTable,
    Role,
    StudyType,
)
from sarcoma_local._data.queries import (
    citation,
    options,
    recurrence_tables,
    rules,
    sites,
    technique,
    techniques,
)
from sarcoma_local._data.vocabulary import Site, Technique
from sarcoma_local._render.citations import format_citation
from sarcoma_local._render.labels import AUDIENCES, check_audience, label, meaning
from sarcoma_local._render.links import primary_link

__all__ = [
    "AUDIENCES",
    "Prepared",
    "Reference",
    "check_audience",
    "prepared",
    "reference",
    "row_sentence",
]

#: Option flags a reader is told about beside the option itself (their reader text).
_NOTED_FLAGS = (Flag.OTHER_CANCER_EVIDENCE, Flag.GIST_POSSIBLE)

Details = tuple[tuple[str, tuple[str, ...]], ...]


@attrs.frozen
class Reference:
    """A cited article as an answer shows it: its label and one canonical link.

    ``label`` is ``format_citation(c, "label")`` ("Potter 1985"); ``link`` is
    ``primary_link(c)`` (the DOI, else PubMed, PubMed Central, a canonical page).
    The professional form adds study type, population and flags (JSON gives their
    values; :meth:`detail` their reader text); the patient form leaves them empty.
    """

    key: str
    label: str
    link: str | None
    pmid: int | None = None
    pmcid: str | None = None
    doi: str | None = None
    study_type: StudyType | None = None
    population: Population | None = None
    flags: tuple[Flag, ...] = ()

    def detail(self) -> str:
        """Study type and population in reader words ("Retrospective series; population:
        sarcoma patients"), or "" for the patient form."""
        if self.study_type is None or self.population is None:
            return ""
        return f"{label(self.study_type)}; population: {meaning(self.population)}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (through the one converter)."""
        data: dict[str, Any] = to_builtins(self)
        return data


@lru_cache(maxsize=1024)
def reference(key: str, audience: str = "professional") -> Reference:
    """The :class:`Reference` for citation ``key``, as ``audience`` sees it."""
    c = citation(key)
    primary = primary_link(c)
    link = None if primary is None else primary.url
    label = format_citation(c, "label")
    if audience != "professional":
        return Reference(key=c.key, label=label, link=link, pmid=c.pmid, pmcid=c.pmcid, doi=c.doi)
    return Reference(
        key=c.key,
        label=label,
        link=link,
        pmid=c.pmid,
        pmcid=c.pmcid,
        doi=c.doi,
        study_type=c.study_type,
        population=c.population,
        flags=c.flags,
    )


def row_sentence(row: RecurrenceRow) -> str:
    """``"Extremity: 45 of 211 (21%)"``, with what the paper printed."""
    count = ""
    if row.numerator is not None and row.denominator:
        count = f"{row.numerator} of {row.denominator}"
    if row.percent is not None:
        shown = f"{row.percent:g}%"
        count = f"{count} ({shown})" if count else shown
    if row.derived:
        count += ", count derived from the percent"
    if row.percent_mismatch:
        count += ", printed percent differs from the counts"
    return f"{row.label}: {count or 'not given'}"


@attrs.frozen
class Prepared:
    """A passage before ranking: a head sentence, optional details, and what it is about.

    ``details`` are (text, citation keys) pairs that can be dropped from the end
    when an answer runs short of room; ``head_citations`` always travel.
    """

    key: str
    kind: str
    title: str
    head: str
    details: Details = ()
    head_citations: tuple[str, ...] = ()
    role: Role | None = None
    figures: tuple[RecurrenceRow, ...] = ()
    keys: tuple[str, ...] = ()
    site: str | None = None
    technique: str | None = None
    sites: frozenset[str] = frozenset()
    histologies: frozenset[str] = frozenset()
    primary_sites: frozenset[str] = frozenset()
    subkind: str = ""
    order: int = 0
    plain: str = ""
    questions: tuple[str, ...] = ()

    def head_for(self, audience: str) -> str:
        """The head sentence a reader of ``audience`` gets: plain words for patients."""
        if audience == "patient" and self.plain:
            return self.plain
        return self.head

    @property
    def role_meaning(self) -> str | None:
        """The role's reader text (:func:`~sarcoma_local._render.labels.meaning`)."""
        return None if self.role is None else meaning(self.role)

    @property
    def citation_keys(self) -> tuple[str, ...]:
        """Every citation key, head first, no repeats."""
        return tuple(
            dict.fromkeys((*self.head_citations, *(k for _, ks in self.details for k in ks)))
        )

    @property
    def full_text(self) -> str:
        """Head and every detail, as one text (the professional head)."""
        return self.full_text_for("professional")

    def full_text_for(self, audience: str) -> str:
        """:attr:`full_text` with the head ``audience`` reads."""
        return " ".join((self.head_for(audience), *(t for t, _ in self.details)))


def _option(o: Option, s: Site) -> Prepared:
    t = technique(o.technique)
    title = f"{t.name} for {s.name.lower()} metastases"
    notes = [meaning(f) for f in _NOTED_FLAGS if f in o.flags]
    # A patient reads the option's own plain words; the technique's are its own passage.
    plain = f"{title}. {o.patient.text}" if o.patient else ""
    return Prepared(
        key=f"{o.site}/{o.technique}",
        kind="option",
        title=title,
        head=" ".join((f"{title}. {o.summary}", *notes)),
        details=tuple((st.text, st.citations) for st in o.statements),
        role=o.role,
        keys=(f"{o.site}/{o.technique}", o.site, o.technique),
        site=o.site,
        technique=o.technique,
        sites=frozenset((o.site,)),
        plain=plain,
        questions=o.patient.questions if o.patient else (),
    )


def _technique(t: Technique) -> Prepared:
    where = [o.site for o in options(technique=t)]
    tail = (
        f" The catalogue has options for it at: {', '.join(where)}."
        if where
        else " The catalogue has no option for it at any site yet."
    )
    return Prepared(
        key=t.key,
        kind="technique",
        title=t.name,
        head=f"{t.name}: {t.summary}{tail}",
        keys=(t.key, *(f"{s}/{t.key}" for s in where)),
        technique=t.key,
        sites=frozenset(where),
        subkind=t.category.value,
        plain=f"{t.name}: {t.patient.text}{tail}" if t.patient else "",
        questions=t.patient.questions if t.patient else (),
    )


def _site(s: Site) -> Prepared:
    techs = [o.technique for o in options(s)]
    return Prepared(
        key=s.key,
        kind="site",
        title=f"{s.name} metastases",
        head=f"{s.name}: {s.description} Techniques with an option here: {', '.join(techs)}.",
        keys=(s.key, *s.parts),
        site=s.key,
        sites=frozenset((s.key, *s.parts)),
    )


def _table(table: RecurrenceTable) -> Prepared:
    rows: list[tuple[str, tuple[str, ...]]] = [(row_sentence(r) + ".", ()) for r in table.rows]
    if table.notes:
        rows.append((table.notes, ()))
    return Prepared(
        key=table.key,
        kind="table",
        title=table.title,
        head=f"{table.title}. Who was counted: {table.population}. "
        f"What is counted: {table.measure}.",
        details=tuple(rows),
        head_citations=(table.citation,),
        figures=table.rows,
        keys=(table.key,),
        sites=frozenset(r.site for r in table.rows if r.site),
        histologies=frozenset(r.histology for r in table.rows if r.histology),
        primary_sites=frozenset(r.primary_site for r in table.rows if r.primary_site),
        subkind=table.kind.value,
    )


def _rule(rule: PatternRule) -> Prepared:
    note: Details = ((rule.note, ()),) if rule.note else ()
    return Prepared(
        key=rule.key,
        kind="rule",
        title=f"Pattern of spread: {rule.applies_to}",
        head=f"{rule.applies_to}: {rule.pattern}",
        details=note,
        head_citations=rule.citations,
        keys=(rule.key, *rule.histologies, *rule.sites),
        sites=frozenset(rule.sites),
        histologies=frozenset(rule.histologies),
        primary_sites=frozenset(rule.primary_sites),
        subkind=rule.kind.value,
    )


@lru_cache(maxsize=1)
def prepared() -> tuple[Prepared, ...]:
    """Every passage of the catalogue, in a stable order (options by site, then the rest)."""
    found = [
        *(_option(o, s) for s in sites() for o in options(s)),
        *(_technique(t) for t in techniques()),
        *(_site(s) for s in sites()),
        *(_table(t) for t in recurrence_tables()),
        *(_rule(r) for r in rules()),
    ]
    return tuple(attrs.evolve(p, order=n) for n, p in enumerate(found))
