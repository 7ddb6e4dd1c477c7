"""The public query functions.

One small set of verbs, the same for every kind of record:

* ``sites()``, ``techniques()`` ... list records (a tuple, possibly filtered);
* ``site(name)`` ... get one record, raising an :class:`UnknownKeyError` subclass
  that lists the valid keys and the closest matches;
* ``find_site(name)`` ... the same, returning ``None`` instead of raising;
* ``search(query)`` ranks everything and returns a possibly empty list.

Names are matched forgivingly: case, accents, punctuation, plurals, aliases
("pulmonary") and one or two typos ("lugn") all resolve. A non-string where a
name belongs is a :class:`TypeError`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sarcoma_local._core.errors import (
    UnknownCitationError,
    UnknownHistologyError,
    UnknownKeyError,
    UnknownOptionError,
    UnknownPrimarySiteError,
    UnknownSiteError,
    UnknownTableError,
    UnknownTechniqueError,
)

from .loader import get_catalogue, get_sites, get_techniques, get_vocabulary

if TYPE_CHECKING:
    from .lookup import Lookup
    from .models import (
        Citation,
        Finding,
        Histology,
        Option,
        PatternReport,
        PatternRule,
        Population,
        PrimarySite,
        RecurrenceTable,
        Role,
        SearchHit,
        Site,
        StudyType,
        TableKind,
        Technique,
        TechniqueCategory,
    )

__all__ = [
    "citation",
    "citations",
    "data_info",
    "find_citation",
    "find_histology",
    "find_site",
    "find_technique",
    "histologies",
    "histology",
    "metastatic_pattern",
    "nodal_spread",
    "option",
    "options",
    "primary_sites",
    "recurrence_rate",
    "recurrence_table",
    "recurrence_tables",
    "search",
    "site",
    "sites",
    "technique",
    "techniques",
]


def _text(name: object, what: str) -> str:
    if not isinstance(name, str):
        raise TypeError(f"{what} must be a str, not {type(name).__name__}")
    return name


def _resolve(lookup: Lookup, name: object, what: str, error: type[UnknownKeyError]) -> str:
    text = _text(name, what)
    key = lookup.resolve(text)
    if key is None:
        raise error(name, valid=lookup.keys, suggestions=lookup.suggestions(text))
    return key


# --- sites ---------------------------------------------------------------------------


def sites() -> tuple[Site, ...]:
    """Every metastatic site, in the catalogue's stable order (the LMS source's six first).

    >>> [s.key for s in sites()][:3]
    ['liver', 'lung', 'liver-and-lung']
    """
    return tuple(get_sites().by_key.values())


def site(name: str) -> Site:
    """The site ``name`` means: a key, name, alias or near miss.

    >>> site("pulmonary").key
    'lung'
    >>> site("lugn").key
    'lung'

    Raises :class:`UnknownSiteError` (listing valid keys and suggestions).
    """
    named = get_sites()
    return named.by_key[_resolve(named.lookup, name, "site", UnknownSiteError)]


def find_site(name: str) -> Site | None:
    """Like :func:`site`, but ``None`` when nothing matches."""
    named = get_sites()
    key = named.lookup.resolve(_text(name, "site"))
    return None if key is None else named.by_key[key]


# --- techniques ----------------------------------------------------------------------


def techniques(
    *, site: str | None = None, category: TechniqueCategory | str | None = None
) -> tuple[Technique, ...]:
    """Techniques, surgery first; with ``site``, only those the catalogue applies there.

    >>> techniques(site="liver")[0].key
    'resection'
    """
    found: Iterable[Technique]
    if site is not None:
        cat = get_catalogue()
        key = _resolve(cat.sites.lookup, site, "site", UnknownSiteError)
        found = (cat.techniques.by_key[o.technique] for o in cat.by_site[key])
    else:
        found = get_techniques().by_key.values()
    if category is not None:
        from .models import TechniqueCategory

        wanted = TechniqueCategory(category)
        found = (t for t in found if t.category is wanted)
    return tuple(found)


def technique(name: str) -> Technique:
    """The technique ``name`` means (key, name, alias such as "RFA", or near miss).

    >>> technique("RFA").key
    'radiofrequency-ablation'
    """
    named = get_techniques()
    key = _resolve(named.lookup, name, "technique", UnknownTechniqueError)
    return named.by_key[key]


def find_technique(name: str) -> Technique | None:
    """Like :func:`technique`, but ``None`` when nothing matches."""
    named = get_techniques()
    key = named.lookup.resolve(_text(name, "technique"))
    return None if key is None else named.by_key[key]


# --- options -------------------------------------------------------------------------


def options(
    site: str | None = None,
    *,
    technique: str | None = None,
    role: Role | str | None = None,
) -> tuple[Option, ...]:
    """Site x technique records (notes, role, cited statements), surgery first.

    >>> options("liver")[0].technique
    'resection'
    """
    cat = get_catalogue()
    found: Iterable[Option]
    if site is not None:
        found = cat.by_site[_resolve(cat.sites.lookup, site, "site", UnknownSiteError)]
        if technique is not None:
            tkey = _resolve(cat.techniques.lookup, technique, "technique", UnknownTechniqueError)
            found = (o for o in found if o.technique == tkey)
    elif technique is not None:
        tkey = _resolve(cat.techniques.lookup, technique, "technique", UnknownTechniqueError)
        found = cat.by_technique[tkey]
    else:
        found = (o for key in cat.sites.by_key for o in cat.by_site[key])
    if role is not None:
        from .models import Role

        wanted = Role(role)
        found = (o for o in found if o.role is wanted)
    return tuple(found)


def option(site: str, technique: str) -> Option:
    """The one option for ``site`` and ``technique``; :class:`UnknownOptionError` if unpaired."""
    cat = get_catalogue()
    skey = _resolve(cat.sites.lookup, site, "site", UnknownSiteError)
    tkey = _resolve(cat.techniques.lookup, technique, "technique", UnknownTechniqueError)
    found = cat.option_by_pair.get((skey, tkey))
    if found is None:
        paired = tuple(o.technique for o in cat.by_site[skey])
        raise UnknownOptionError(
            f"{skey}/{tkey}",
            valid=tuple(f"{skey}/{t}" for t in paired),
            detail=f"the catalogue has no {tkey} option at {skey}",
        )
    return found


# --- citations -----------------------------------------------------------------------


def citations(
    *,
    site: str | None = None,
    technique: str | None = None,
    population: Population | str | None = None,
    study_type: StudyType | str | None = None,
) -> tuple[Citation, ...]:
    """Citations, all or those supporting the options at ``site`` and/or ``technique``.

    >>> any(c.first_author == "Baumann" for c in citations(
    ...     site="lung", technique="stereotactic-body-radiotherapy"))
    True
    """
    cat = get_catalogue()
    found: Iterable[Citation]
    if site is None and technique is None:
        found = cat.citations.values()
    else:
        keys = dict.fromkeys(k for o in options(site, technique=technique) for k in o.citation_keys)
        found = (cat.citations[k] for k in keys)
    if population is not None:
        from .models import Population

        wanted_population = Population(population)
        found = (c for c in found if c.population is wanted_population)
    if study_type is not None:
        from .models import StudyType

        wanted_type = StudyType(study_type)
        found = (c for c in found if c.study_type is wanted_type)
    return tuple(found)


def find_citation(
    key: str | None = None, *, pmid: int | str | None = None, doi: str | None = None
) -> Citation | None:
    """The citation with this stable ``key``, ``pmid`` or ``doi``, else ``None``.

    Give exactly one of the three. A malformed PMID or DOI raises
    :class:`InvalidIdentifierError` (it could never match).
    """
    given = [v for v in (key, pmid, doi) if v is not None]
    if len(given) != 1:
        raise TypeError("give exactly one of key, pmid or doi")
    cat = get_catalogue()
    if pmid is not None:
        from sarcoma_local._core.identifiers import parse_pmid

        return cat.citation_by_pmid.get(parse_pmid(pmid))
    if doi is not None:
        from sarcoma_local._core.identifiers import parse_doi

        return cat.citation_by_doi.get(parse_doi(doi))
    return cat.citations.get(_text(key, "citation key"))


def citation(
    key: str | None = None, *, pmid: int | str | None = None, doi: str | None = None
) -> Citation:
    """Like :func:`find_citation`, but raises :class:`UnknownCitationError` on a miss.

    >>> citation(pmid=3973646).first_author
    'Potter'
    """
    found = find_citation(key, pmid=pmid, doi=doi)
    if found is None:
        cat = get_catalogue()
        asked: object = key if key is not None else (pmid if pmid is not None else doi)
        suggestions: tuple[str, ...] = ()
        if key is not None:
            suggestions = _close_keys(key, cat.citations)
        raise UnknownCitationError(asked, valid=tuple(cat.citations), suggestions=suggestions)
    return found


def _close_keys(text: str, keys: Iterable[str]) -> tuple[str, ...]:
    from .lookup import Lookup

    # Citation keys are many and look alike; rank them only when a lookup failed.
    return Lookup((k, ()) for k in keys).suggestions(text)


# --- search --------------------------------------------------------------------------


def search(query: str, *, kinds: Iterable[str] | None = None, limit: int = 10) -> list[SearchHit]:
    """Rank sites, techniques, options, citations, tables and rules against ``query``.

    Typo-tolerant ("hepatc") and prefix-aware ("cryo"). Returns ``[]`` when
    nothing matches or the query has no words; ``kinds`` narrows the record kinds.

    >>> search("cryo liver")[0].key
    'liver/cryoablation'
    """
    from .indexing import KIND_RANK
    from .models import SearchHit

    text = _text(query, "query")
    if not isinstance(limit, int) or isinstance(limit, bool):
        raise TypeError("limit must be an int")
    wanted: frozenset[str] | None = None
    if kinds is not None:
        if isinstance(kinds, str):
            kinds = (kinds,)
        wanted = frozenset(kinds)
        unknown = wanted - KIND_RANK.keys()
        if unknown:
            raise ValueError(f"unknown kinds {sorted(unknown)}; choose from {sorted(KIND_RANK)}")
    hits = get_catalogue().search_index().search(text, kinds=wanted, limit=limit)
    return [
        SearchHit(kind=d.kind, key=d.key, label=d.label, score=score, record=d.record)  # type: ignore[arg-type]
        for score, d in hits
    ]


# --- vocabularies --------------------------------------------------------------------


def histologies() -> tuple[Histology, ...]:
    """Every tumour type the recurrence tables and rules use."""
    return tuple(get_vocabulary()[0].by_key.values())


def histology(name: str) -> Histology:
    """The histology ``name`` means ("LMS", "myxoid liposarcoma", "clear-cell sarcoma")."""
    named = get_vocabulary()[0]
    key = _resolve(named.lookup, name, "histology", UnknownHistologyError)
    return named.by_key[key]


def find_histology(name: str) -> Histology | None:
    """Like :func:`histology`, but ``None`` when nothing matches."""
    named = get_vocabulary()[0]
    key = named.lookup.resolve(_text(name, "histology"))
    return None if key is None else named.by_key[key]


def primary_sites() -> tuple[PrimarySite, ...]:
    """Every primary-tumour site the recurrence tables use (extremity, retroperitoneum ...)."""
    return tuple(get_vocabulary()[1].by_key.values())


# --- recurrence tables ---------------------------------------------------------------


def recurrence_tables(*, kind: TableKind | str | None = None) -> tuple[RecurrenceTable, ...]:
    """Every recurrence-pattern table, each with its citation key; ``kind`` filters."""
    found: Iterable[RecurrenceTable] = get_catalogue().tables.values()
    if kind is not None:
        from .models import TableKind

        wanted = TableKind(kind)
        found = (t for t in found if t.kind is wanted)
    return tuple(found)


def recurrence_table(key: str) -> RecurrenceTable:
    """One table by key or title (typo-tolerant); :class:`UnknownTableError` otherwise."""
    cat = get_catalogue()
    return cat.tables[_resolve(cat.table_lookup, key, "table", UnknownTableError)]


def _findings(predicate: Any, kinds: Iterable[TableKind] | None = None) -> tuple[Finding, ...]:
    from .models import Finding

    cat = get_catalogue()
    wanted = None if kinds is None else set(kinds)
    return tuple(
        Finding(table=t, row=r, citation=cat.citations[t.citation])
        for t in cat.tables.values()
        if wanted is None or t.kind in wanted
        for r in t.rows
        if predicate(r)
    )


def recurrence_rate(primary_site: str) -> tuple[Finding, ...]:
    """How often sarcoma recurred, by site of the primary tumour, in every table that says.

    Each finding has ``numerator``, ``denominator``, ``percent_reported``,
    ``percent_computed``, its ``table`` (population, measure) and ``citation``.

    >>> f = recurrence_rate("retroperitoneum")[0]
    >>> (f.numerator, f.denominator, f.citation.first_author)
    (17, 36, 'Potter')
    """
    from .models import TableKind

    cat = get_catalogue()
    key = _resolve(cat.primary_sites.lookup, primary_site, "primary site", UnknownPrimarySiteError)
    return _findings(lambda r: r.primary_site == key, kinds=(TableKind.RECURRENCE_BY_PRIMARY_SITE,))


def _descendants(key: str) -> set[str]:
    histologies = get_vocabulary()[0].by_key
    found = {key}
    grew = True
    while grew:
        more = {h.key for h in histologies.values() if h.parent in found} - found
        grew = bool(more)
        found |= more
    return found


def _report(histology: str, kinds: tuple[TableKind, ...], rule_filter: Any) -> PatternReport:
    from .models import PatternReport

    cat = get_catalogue()
    key = _resolve(cat.histologies.lookup, histology, "histology", UnknownHistologyError)
    family = _descendants(key)
    h = cat.histologies.by_key[key]
    # A rule about a parent type (liposarcoma) also speaks for its subtypes.
    ancestors = {key}
    parent = h.parent
    while parent is not None:
        ancestors.add(parent)
        parent = cat.histologies.by_key[parent].parent

    def specificity(rule: PatternRule) -> int:
        # Rules naming this very histology first, then its subtypes, then parents.
        named = set(rule.histologies)
        return 0 if key in named else 1 if named & family else 2

    rules = tuple(
        sorted(
            (r for r in cat.rules if rule_filter(r) and set(r.histologies) & (family | ancestors)),
            key=specificity,
        )
    )
    findings = _findings(lambda r: r.histology in family, kinds=kinds)
    return PatternReport(key=key, name=h.name, rules=rules, findings=findings)


def metastatic_pattern(histology: str) -> PatternReport:
    """Where this histology tends to spread: qualitative rules and site-frequency rows.

    >>> metastatic_pattern("myxoid liposarcoma").rules[0].key
    'myxoid-liposarcoma-extrapulmonary'
    """
    from .models import RuleKind, TableKind

    return _report(
        histology,
        (TableKind.METASTATIC_SITES, TableKind.AUTOPSY_SITES),
        lambda r: r.kind is not RuleKind.NODAL,
    )


def nodal_spread(histology: str) -> PatternReport:
    """How often this histology spreads to lymph nodes: rules and counted rows.

    >>> nodal_spread("clear cell sarcoma").rules[0].key
    'nodal-spread-exceptions'
    """
    from .models import RuleKind, TableKind

    return _report(histology, (TableKind.NODAL_SPREAD,), lambda r: r.kind is RuleKind.NODAL)


def data_info() -> dict[str, Any]:
    """Data version, schema version, disclaimer, sources and record counts."""
    cat = get_catalogue()
    return {
        **cat.meta,
        "counts": {
            "sites": len(cat.sites.by_key),
            "techniques": len(cat.techniques.by_key),
            "options": len(cat.options),
            "citations": len(cat.citations),
            "tables": len(cat.tables),
            "rules": len(cat.rules),
            "histologies": len(cat.histologies.by_key),
        },
    }
