"""Self-contained passages built from the catalogue, for answers and retrieval pipelines.

One passage per option (site x technique), technique, site, recurrence table and
pattern rule; :func:`chunks` also splits every option into one chunk per cited
statement. Every passage carries its keys, our own words, its citations as a
short label and a canonical link (PubMed, PubMed Central or doi.org, never the
page a record happened to be verified on) and, for tables, the counted figures.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import attrs

from sarcoma_local._core.text import normalize
from sarcoma_local._core.version import DATA_VERSION, DISCLAIMER
from sarcoma_local._data.loader import get_catalogue

if TYPE_CHECKING:
    from sarcoma_local._data.models import Citation, RecurrenceRow

__all__ = [
    "AUDIENCES",
    "ROLE_MEANINGS",
    "Prepared",
    "Reference",
    "RowCount",
    "chunks",
    "link",
    "prepared",
    "reference",
]

#: Who an answer is written for.
AUDIENCES = ("patient", "professional")

#: Each role in plain words. "Standard" is what the literature usually does where
#: it is feasible; the catalogue never recommends.
ROLE_MEANINGS = {
    "standard": "the usual approach where feasible, as the cited literature describes it; "
    "not a recommendation",
    "alternative": "used instead of, or alongside, the usual approach in selected patients",
    "palliative": "aimed at relieving symptoms or slowing the disease rather than removing it",
    "investigational": "still being studied; the evidence is limited",
    "staging": "a test that helps decide whether local treatment makes sense; not a treatment",
}

_FLAG_NOTES = {
    "other-cancer-evidence": "Some of the evidence comes from other cancers.",
    "gist-possible": "Some of the series may include GIST, a different tumour.",
}

#: Hosts whose links may be shown as they are (NLM and the DOI resolver).
CANONICAL_HOSTS = frozenset({"pubmed.ncbi.nlm.nih.gov", "pmc.ncbi.nlm.nih.gov", "doi.org"})


def link(c: Citation) -> str | None:
    """The one link to show for ``c``: PubMed, else PMC, else doi.org, else none.

    A recorded ``url`` is used only when it is itself on a canonical host; a
    mirror, proxy or catalogue page stays evidence and is never shown.
    """
    if c.pmid:
        return f"https://pubmed.ncbi.nlm.nih.gov/{c.pmid}/"
    if c.pmcid:
        return f"https://pmc.ncbi.nlm.nih.gov/articles/{c.pmcid}/"
    if c.doi:
        return f"https://doi.org/{c.doi}"
    if c.url:
        parts = urlsplit(c.url)
        if parts.scheme == "https" and parts.hostname in CANONICAL_HOSTS and not parts.port:
            return c.url
    return None


@attrs.frozen
class Reference:
    """A cited article as an answer shows it: a short label and one canonical link."""

    key: str
    label: str
    link: str | None
    pmid: int | None = None
    pmcid: str | None = None
    doi: str | None = None
    study_type: str = ""
    population: str = ""
    flags: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "key": self.key,
            "label": self.label,
            "link": self.link,
            "pmid": self.pmid,
            "pmcid": self.pmcid,
            "doi": self.doi,
            "study_type": self.study_type,
            "population": self.population,
            "flags": list(self.flags),
        }


@lru_cache(maxsize=512)
def reference(key: str) -> Reference:
    """The :class:`Reference` for citation ``key``."""
    c = get_catalogue().citations[key]
    return Reference(
        key=c.key,
        label=c.short(),
        link=link(c),
        pmid=c.pmid,
        pmcid=c.pmcid,
        doi=c.doi,
        study_type=c.study_type.value,
        population=c.population.value,
        flags=c.flags,
    )


@attrs.frozen
class RowCount:
    """One counted row of a table: ``numerator`` of ``denominator`` and the percent."""

    label: str
    numerator: int | None
    denominator: int | None
    percent_reported: float | None
    percent_computed: float | None
    percent_mismatch: bool = False
    derived: bool = False

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return attrs.asdict(self)

    def sentence(self) -> str:
        """``"Extremity: 45 of 211 (21%)"``, with what the paper printed."""
        count = ""
        if self.numerator is not None and self.denominator:
            count = f"{self.numerator} of {self.denominator}"
        pct = self.percent_reported if self.percent_reported is not None else self.percent_computed
        if pct is not None:
            shown = f"{pct:g}%"
            count = f"{count} ({shown})" if count else shown
        if self.derived:
            count += ", count derived from the percent"
        if self.percent_mismatch:
            count += ", printed percent differs from the counts"
        return f"{self.label}: {count or 'not given'}"


def _figure(row: RecurrenceRow) -> RowCount:
    return RowCount(
        label=row.label,
        numerator=row.numerator,
        denominator=row.denominator,
        percent_reported=row.percent_reported,
        percent_computed=row.percent_computed,
        percent_mismatch=row.percent_mismatch,
        derived=row.derived,
    )


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
    details: tuple[tuple[str, tuple[str, ...]], ...] = ()
    head_citations: tuple[str, ...] = ()
    role: str | None = None
    figures: tuple[RowCount, ...] = ()
    keys: tuple[str, ...] = ()
    site: str | None = None
    technique: str | None = None
    sites: frozenset[str] = frozenset()
    histologies: frozenset[str] = frozenset()
    primary_sites: frozenset[str] = frozenset()
    subkind: str = ""
    order: int = 0

    @property
    def citation_keys(self) -> tuple[str, ...]:
        """Every citation key, head first, no repeats."""
        return tuple(
            dict.fromkeys((*self.head_citations, *(k for _, ks in self.details for k in ks)))
        )

    @property
    def full_text(self) -> str:
        """Head and every detail, as one text."""
        return " ".join((self.head, *(t for t, _ in self.details)))


def _flag_notes(flags: tuple[str, ...]) -> str:
    return " ".join(_FLAG_NOTES[f] for f in flags if f in _FLAG_NOTES)


@lru_cache(maxsize=1)
def prepared() -> tuple[Prepared, ...]:
    """Every passage of the catalogue, in a stable order (options by site, then the rest)."""
    cat = get_catalogue()
    out: list[Prepared] = []
    for site_key in cat.sites.by_key:
        for o in cat.by_site[site_key]:
            s, t = cat.sites.by_key[o.site], cat.techniques.by_key[o.technique]
            head = f"{t.name} for {s.name.lower()} metastases. {o.summary}"
            notes = _flag_notes(o.flags)
            if notes:
                head += " " + notes
            out.append(
                Prepared(
                    key=f"{o.site}/{o.technique}",
                    kind="option",
                    title=f"{t.name} for {s.name.lower()} metastases",
                    head=head,
                    details=tuple((st.text, st.citations) for st in o.statements),
                    role=o.role.value,
                    keys=(f"{o.site}/{o.technique}", o.site, o.technique),
                    site=o.site,
                    technique=o.technique,
                    sites=frozenset((o.site,)),
                    order=len(out),
                )
            )
    for t in cat.techniques.by_key.values():
        where = [o.site for o in cat.by_technique[t.key]]
        tail = (
            f" The catalogue has options for it at: {', '.join(where)}."
            if where
            else " The catalogue has no option for it at any site yet."
        )
        out.append(
            Prepared(
                key=t.key,
                kind="technique",
                title=t.name,
                head=f"{t.name}: {t.summary}{tail}",
                keys=(t.key, *(f"{s}/{t.key}" for s in where)),
                technique=t.key,
                sites=frozenset(where),
                subkind=t.category.value,
                order=len(out),
            )
        )
    for s in cat.sites.by_key.values():
        techs = [o.technique for o in cat.by_site[s.key]]
        out.append(
            Prepared(
                key=s.key,
                kind="site",
                title=f"{s.name} metastases",
                head=f"{s.name}: {s.description} Techniques with an option here: "
                f"{', '.join(techs)}.",
                keys=(s.key, *s.parts),
                site=s.key,
                sites=frozenset((s.key, *s.parts)),
                order=len(out),
            )
        )
    for table in cat.tables.values():
        figures = tuple(_figure(r) for r in table.rows)
        head = (
            f"{table.title}. Who was counted: {table.population}. What is counted: {table.measure}."
        )
        rows: list[tuple[str, tuple[str, ...]]] = [(f.sentence() + ".", ()) for f in figures]
        if table.notes:
            rows.append((table.notes, ()))
        out.append(
            Prepared(
                key=table.key,
                kind="table",
                title=table.title,
                head=head,
                details=tuple(rows),
                head_citations=(table.citation,),
                figures=figures,
                keys=(table.key,),
                sites=frozenset(r.site for r in table.rows if r.site),
                histologies=frozenset(r.histology for r in table.rows if r.histology),
                primary_sites=frozenset(r.primary_site for r in table.rows if r.primary_site),
                subkind=table.kind.value,
                order=len(out),
            )
        )
    for rule in cat.rules:
        note: tuple[tuple[str, tuple[str, ...]], ...] = ((rule.note, ()),) if rule.note else ()
        out.append(
            Prepared(
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
                order=len(out),
            )
        )
    return tuple(out)


def _check_audience(audience: object) -> str:
    if audience not in AUDIENCES:
        raise ValueError(f"audience must be one of {AUDIENCES}, not {audience!r}")
    return str(audience)


def _chunk(
    p: Prepared,
    chunk_id: str,
    text: str,
    cites: tuple[str, ...],
    audience: str,
    **extra: Any,
) -> dict[str, Any]:
    refs = [reference(k).to_dict() for k in cites]
    if audience == "patient":
        refs = [{k: r[k] for k in ("key", "label", "link")} for r in refs]
    return {
        "id": chunk_id,
        "kind": p.kind,
        "key": p.key,
        "keys": list(p.keys),
        "title": p.title,
        "text": text,
        "role": p.role,
        "role_meaning": ROLE_MEANINGS.get(p.role or ""),
        "citations": refs,
        "figures": [f.to_dict() for f in p.figures],
        "audience": audience,
        "data_version": DATA_VERSION,
        "disclaimer": DISCLAIMER,
        **extra,
    }


def chunks(*, audience: str = "patient") -> list[dict[str, Any]]:
    """The catalogue as retrieval chunks: JSON-ready dicts, one passage each.

    One chunk per option, per cited statement of an option, per technique, site,
    recurrence table (its rows together) and pattern rule. Every chunk has a
    stable ``id`` (``option:liver/resection``, ``statement:liver/resection:1``,
    ``technique:cryoablation``, ``table:<key>``, ``rule:<key>``), its text in our
    own words, the catalogue ``keys`` it is about, citations with a canonical
    ``link``, ``audience``, ``data_version`` and the disclaimer. Load them into a
    vector store unchanged.

    >>> first = chunks()[0]
    >>> first["id"], first["role"], first["data_version"] == DATA_VERSION
    ('option:liver/resection', 'standard', True)
    """
    audience = _check_audience(audience)
    out: list[dict[str, Any]] = []
    for p in prepared():
        out.append(_chunk(p, f"{p.kind}:{p.key}", p.full_text, p.citation_keys, audience))
        if p.kind == "option":
            for n, (text, cites) in enumerate(p.details, start=1):
                out.append(
                    _chunk(
                        p,
                        f"statement:{p.key}:{n}",
                        f"{p.title}: {text}",
                        cites,
                        audience,
                        statement=n,
                    )
                    | {"kind": "statement"}
                )
    return out


# --- a small BM25 over the passages (the tie-breaker of context ranking) --------------


class LexicalIndex:
    """Okapi BM25 over :func:`prepared` passages; query terms are normalised words."""

    __slots__ = ("_avg", "_idf", "_lengths", "_postings")

    K1, B = 1.2, 0.75

    def __init__(self, texts: list[str], words: Any) -> None:
        postings: dict[str, dict[int, int]] = {}
        lengths: list[int] = []
        for i, text in enumerate(texts):
            terms = words(text)
            lengths.append(len(terms))
            for w in terms:
                row = postings.setdefault(w, {})
                row[i] = row.get(i, 0) + 1
        n = max(len(texts), 1)
        self._idf = {
            w: math.log(1.0 + (n - len(row) + 0.5) / (len(row) + 0.5))
            for w, row in postings.items()
        }
        self._postings = postings
        self._lengths = lengths
        self._avg = sum(lengths) / n if lengths else 1.0

    def scores(self, terms: list[str]) -> dict[int, float]:
        """BM25 score of every passage that shares a term with ``terms``."""
        out: dict[int, float] = {}
        for w in dict.fromkeys(terms):
            row = self._postings.get(w)
            if not row:
                continue
            idf = self._idf[w]
            for i, tf in row.items():
                norm = tf + self.K1 * (1 - self.B + self.B * self._lengths[i] / self._avg)
                out[i] = out.get(i, 0.0) + idf * tf * (self.K1 + 1) / norm
        return out


def stem(word: str) -> str:
    """A light, deterministic stem: plural and common endings off ("resected" -> "resect")."""
    for suffix in ("ations", "ation", "ions", "ion", "ing", "ies", "ed", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def words(text: str) -> list[str]:
    """Stemmed words of ``text`` worth matching (no one-letter words)."""
    return [stem(w) for w in normalize(text).split() if len(w) > 1]


@lru_cache(maxsize=1)
def lexical_index() -> LexicalIndex:
    """The BM25 index over every prepared passage (built once)."""
    return LexicalIndex([f"{p.title} {p.full_text}" for p in prepared()], words)
