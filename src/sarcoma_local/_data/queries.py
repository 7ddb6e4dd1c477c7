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
from enum import Enum
from typing import TYPE_CHECKING, Any, TypeVar

from sarcoma_local._core.errors import (
    UnknownCitationError,
    UnknownHistologyError,
    UnknownKeyError,
    UnknownOptionError,
    UnknownPrimarySiteError,
    UnknownRuleError,
    UnknownSiteError,
    UnknownTableError,
    UnknownTechniqueError,
    UnknownValueError,
)
from sarcoma_local._core.identifiers import parse_pmid

from .loader import get_catalogue, get_sites, get_techniques, get_vocabulary
from .vocabulary import Histology as _Histology
from .vocabulary import PrimarySite as _PrimarySite
from .vocabulary import Site as _Site
from .vocabulary import Technique as _Technique

E = TypeVar("E", bound=Enum)

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
        RuleKind,
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
    "find_option",
    "find_primary_site",
    "find_site",
    "find_technique",
    "histologies",
    "histology",
    "metastatic_pattern",
    "nodal_spread",
    "option",
    "options",
    "primary_site",
    "primary_sites",
    "recurrence_rate",
    "recurrence_table",
    "recurrence_tables",
    "rule",
    "rules",
    "search",
    "site",
    "sites",
    "technique",
    "techniques",
]


def _text(name: object, what: str, record: type | None = None) -> str:
    # Every function that takes a key also takes the record itself.
    if record is not None and isinstance(name, record):
        key: str = name.key  # type: ignore[attr-defined]
        return key
    if not isinstance(name, str):
        kind = f"a str or a {record.__name__}" if record is not None else "a str"
        raise TypeError(f"{what} must be {kind}, not {type(name).__name__}")
    return name


def _fold(text: str) -> str:
    return text.strip().casefold().replace("_", "-").replace(" ", "-")


def vocabulary_value(value: object, vocabulary: type[E], what: str) -> E:
    """``value`` as a member of ``vocabulary``, matched case-insensitively on the value or
    the member name ("Investigational", "LMS", "ABLATION" all resolve).

    Raises :class:`UnknownValueError` (a ``ValueError``) listing the valid values and the
    closest ones.
    """
    if isinstance(value, vocabulary):
        return value
    if not isinstance(value, str):
        raise TypeError(
            f"{what} must be a str or a {vocabulary.__name__}, not {type(value).__name__}"
        )
    folded = _fold(value)
    for member in vocabulary:
        if folded in (_fold(str(member.value)), _fold(member.name)):
            return member
    from .lookup import Lookup

    valid = tuple(str(m.value) for m in vocabulary)
    suggestions = Lookup((v, ()) for v in valid).suggestions(value[:200])
    raise UnknownValueError(value, vocabulary=what, valid=valid, suggestions=suggestions)


def _resolve(
    lookup: Lookup,
    name: object,
    what: str,
    error: type[UnknownKeyError],
    record: type | None = None,
) -> str:
    text = _text(name, what, record)
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


def site(name: str | Site) -> Site:
    """The site ``name`` means: a key, name, alias or near miss.

    >>> site("pulmonary").key
    'lung'
    >>> site("lugn").key
    'lung'

    Raises :class:`UnknownSiteError` (listing valid keys and suggestions).
    """
    named = get_sites()
    return named.by_key[_resolve(named.lookup, name, "site", UnknownSiteError, _Site)]


def find_site(name: str | Site) -> Site | None:
    """Like :func:`site`, but ``None`` when nothing matches."""
    named = get_sites()
    key = named.lookup.resolve(_text(name, "site", _Site))
    return None if key is None else named.by_key[key]


# --- techniques ----------------------------------------------------------------------


def techniques(
    *, site: str | Site | None = None, category: TechniqueCategory | str | None = None
) -> tuple[Technique, ...]:
    """Techniques, surgery first; with ``site``, only those the catalogue applies there.

    >>> techniques(site="liver")[0].key
    'resection'
    """
    found: Iterable[Technique]
    if site is not None:
        cat = get_catalogue()
        key = _resolve(cat.sites.lookup, site, "site", UnknownSiteError, _Site)
        found = (cat.techniques.by_key[o.technique] for o in cat.by_site[key])
    else:
        found = get_techniques().by_key.values()
    if category is not None:
        from .vocabulary import TechniqueCategory

        wanted = vocabulary_value(category, TechniqueCategory, "category")
        found = (t for t in found if t.category is wanted)
    return tuple(found)


def technique(name: str | Technique) -> Technique:
    """The technique ``name`` means (key, name, alias such as "RFA", or near miss).

    >>> technique("RFA").key
    'radiofrequency-ablation'
    """
    named = get_techniques()
    key = _resolve(named.lookup, name, "technique", UnknownTechniqueError, _Technique)
    return named.by_key[key]


def find_technique(name: str | Technique) -> Technique | None:
    """Like :func:`technique`, but ``None`` when nothing matches."""
    named = get_techniques()
    key = named.lookup.resolve(_text(name, "technique", _Technique))
    return None if key is None else named.by_key[key]


# --- options -------------------------------------------------------------------------


def _site_key(site: object) -> str:
    return _resolve(get_sites().lookup, site, "site", UnknownSiteError, _Site)


def _technique_key(technique: object) -> str:
    return _resolve(
        get_techniques().lookup, technique, "technique", UnknownTechniqueError, _Technique
    )


def options(
    site: str | Site | None = None,
    *,
    technique: str | Technique | None = None,
    role: Role | str | None = None,
) -> tuple[Option, ...]:
    """Site x technique records (notes, role, cited statements), surgery first.

    ``site`` and ``technique`` take a key, name, alias or the record itself; ``role``
    a :class:`Role` or its value in any case. Giving both ``site`` and ``technique``
    is the same as :func:`option` (an :class:`UnknownOptionError` when the catalogue
    does not pair them), so a missing pair is never an empty answer.

    >>> options("liver")[0].technique
    'resection'
    >>> [o.site for o in options(technique="RFA", role="Standard")]
    []
    """
    wanted = None
    if role is not None:
        from .models import Role

        wanted = vocabulary_value(role, Role, "role")
    cat = get_catalogue()
    found: Iterable[Option]
    if site is not None and technique is not None:
        found = (option(site, technique),)
    elif site is not None:
        found = cat.by_site[_site_key(site)]
    elif technique is not None:
        found = cat.by_technique[_technique_key(technique)]
    else:
        found = (o for key in cat.sites.by_key for o in cat.by_site[key])
    if wanted is not None:
        found = (o for o in found if o.role is wanted)
    return tuple(found)


def option(site: str | Site, technique: str | Technique) -> Option:
    """The one option for ``site`` and ``technique``.

    Raises :class:`UnknownOptionError` naming what the site does have when the
    catalogue does not pair them:

    >>> option("brain", "RFA")
    Traceback (most recent call last):
      ...
    sarcoma_local.UnknownOptionError: unknown option 'brain/radiofrequency-ablation': the catalogue has no option for radiofrequency-ablation at brain; brain has: resection, stereotactic-radiosurgery, whole-brain-radiotherapy
    """  # noqa: E501
    cat = get_catalogue()
    skey, tkey = _site_key(site), _technique_key(technique)
    found = cat.option_by_pair.get((skey, tkey))
    if found is None:
        paired = tuple(o.technique for o in cat.by_site[skey])
        raise UnknownOptionError(
            f"{skey}/{tkey}",
            valid=tuple(f"{skey}/{t}" for t in paired),
            detail=(
                f"the catalogue has no option for {tkey} at {skey}; "
                f"{skey} has: {', '.join(paired) or 'no options yet'}"
            ),
        )
    return found


def find_option(site: str | Site, technique: str | Technique) -> Option | None:
    """Like :func:`option`, but ``None`` when the site, the technique or the pair is unknown.

    >>> find_option("liver", "RFA").role.value
    'alternative'
    >>> find_option("brain", "RFA") is None
    True
    """
    cat = get_catalogue()
    skey = cat.sites.lookup.resolve(_text(site, "site", _Site))
    tkey = cat.techniques.lookup.resolve(_text(technique, "technique", _Technique))
    if skey is None or tkey is None:
        return None
    return cat.option_by_pair.get((skey, tkey))


# --- citations -----------------------------------------------------------------------


def citations(
    *,
    site: str | Site | None = None,
    technique: str | Technique | None = None,
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
    from .models import Population, StudyType

    wanted_population = (
        None if population is None else vocabulary_value(population, Population, "population")
    )
    wanted_type = (
        None if study_type is None else vocabulary_value(study_type, StudyType, "study type")
    )
    if site is None and technique is None:
        found = cat.citations.values()
    else:
        keys = dict.fromkeys(k for o in options(site, technique=technique) for k in o.citation_keys)
        found = (cat.citations[k] for k in keys)
    if wanted_population is not None:
        found = (c for c in found if c.population is wanted_population)
    if wanted_type is not None:
        found = (c for c in found if c.study_type is wanted_type)
    return tuple(found)


def find_citation(
    key: str | Citation | None = None,
    *,
    pmid: int | str | None = None,
    doi: str | None = None,
    pmcid: str | None = None,
) -> Citation | None:
    """The citation with this stable ``key`` (any case), ``pmid``, ``doi`` or ``pmcid``,
    else ``None``.

    Give exactly one of the four. A malformed PMID, DOI or PMCID raises
    :class:`InvalidIdentifierError` (it could never match).

    >>> find_citation("Potter-1985-353").pmid
    3973646
    """
    given = [v for v in (key, pmid, doi, pmcid) if v is not None]
    if len(given) != 1:
        raise TypeError("give exactly one of key, pmid, doi or pmcid")
    cat = get_catalogue()
    if pmid is not None:
        return cat.citation_by_pmid.get(parse_pmid(pmid))
    if doi is not None:
        from sarcoma_local._core.identifiers import parse_doi

        return cat.citation_by_doi.get(parse_doi(doi))
    if pmcid is not None:
        from sarcoma_local._core.identifiers import parse_pmcid

        wanted = parse_pmcid(pmcid)
        return next((c for c in cat.citations.values() if c.pmcid == wanted), None)
    from .models import Citation

    text = _text(key, "citation key", Citation)
    return cat.citations.get(text) or cat.citations.get(text.strip().lower())


def citation(
    key: str | Citation | None = None,
    *,
    pmid: int | str | None = None,
    doi: str | None = None,
    pmcid: str | None = None,
) -> Citation:
    """Like :func:`find_citation`, but raises :class:`UnknownCitationError` on a miss.

    >>> citation(pmid=3973646).first_author
    'Potter'
    """
    found = find_citation(key, pmid=pmid, doi=doi, pmcid=pmcid)
    if found is None:
        cat = get_catalogue()
        asked: object = next(v for v in (key, pmid, doi, pmcid) if v is not None)
        suggestions: tuple[str, ...] = ()
        if isinstance(key, str):
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


def histology_key(name: object) -> str:
    """The key of the histology ``name`` means (raises :class:`UnknownHistologyError`)."""
    named = get_vocabulary()[0]
    return _resolve(named.lookup, name, "histology", UnknownHistologyError, _Histology)


def histology(name: str | Histology) -> Histology:
    """The histology ``name`` means ("LMS", "myxoid liposarcoma", "clear-cell sarcoma")."""
    return get_vocabulary()[0].by_key[histology_key(name)]


def find_histology(name: str | Histology) -> Histology | None:
    """Like :func:`histology`, but ``None`` when nothing matches."""
    named = get_vocabulary()[0]
    key = named.lookup.resolve(_text(name, "histology", _Histology))
    return None if key is None else named.by_key[key]


def primary_sites() -> tuple[PrimarySite, ...]:
    """Every primary-tumour site the recurrence tables use (extremity, retroperitoneum ...)."""
    return tuple(get_vocabulary()[1].by_key.values())


def primary_site(name: str | PrimarySite) -> PrimarySite:
    """The primary-tumour site ``name`` means; :class:`UnknownPrimarySiteError` otherwise.

    >>> primary_site("limb").key
    'extremity'
    """
    named = get_vocabulary()[1]
    key = _resolve(named.lookup, name, "primary site", UnknownPrimarySiteError, _PrimarySite)
    return named.by_key[key]


def find_primary_site(name: str | PrimarySite) -> PrimarySite | None:
    """Like :func:`primary_site`, but ``None`` when nothing matches."""
    named = get_vocabulary()[1]
    key = named.lookup.resolve(_text(name, "primary site", _PrimarySite))
    return None if key is None else named.by_key[key]


# --- pattern rules -------------------------------------------------------------------


def rules(
    *,
    kind: RuleKind | str | None = None,
    site: str | Site | None = None,
    histology: str | Histology | None = None,
) -> tuple[PatternRule, ...]:
    """The qualitative pattern-of-spread rules, optionally of one ``kind``, naming a ``site``
    or a ``histology`` (a histology also matches rules on its parent types).

    >>> all(r.kind.value == "nodal" for r in rules(kind="NODAL"))
    True
    """
    found: Iterable[PatternRule] = get_catalogue().rules
    if kind is not None:
        from .models import RuleKind

        wanted = vocabulary_value(kind, RuleKind, "rule kind")
        found = (r for r in found if r.kind is wanted)
    if site is not None:
        skey = _site_key(site)
        found = (r for r in found if skey in r.sites)
    if histology is not None:
        keys = _descendants(histology_key(histology)) | _ancestors(histology_key(histology))
        found = (r for r in found if keys & set(r.histologies))
    return tuple(found)


def rule(key: str | PatternRule) -> PatternRule:
    """One pattern rule by key; :class:`UnknownRuleError` (with suggestions) otherwise."""
    from .models import PatternRule

    text = _text(key, "rule key", PatternRule)
    by_key = {r.key: r for r in get_catalogue().rules}
    found = by_key.get(text) or by_key.get(text.strip().lower())
    if found is None:
        raise UnknownRuleError(key, valid=tuple(by_key), suggestions=_close_keys(text, by_key))
    return found


# --- recurrence tables ---------------------------------------------------------------


def recurrence_tables(*, kind: TableKind | str | None = None) -> tuple[RecurrenceTable, ...]:
    """Every recurrence-pattern table, each with its citation key; ``kind`` filters."""
    found: Iterable[RecurrenceTable] = get_catalogue().tables.values()
    if kind is not None:
        from .models import TableKind

        wanted = vocabulary_value(kind, TableKind, "table kind")
        found = (t for t in found if t.kind is wanted)
    return tuple(found)


def recurrence_table(key: str | RecurrenceTable) -> RecurrenceTable:
    """One table by key or title (typo-tolerant); :class:`UnknownTableError` otherwise."""
    cat = get_catalogue()
    from .models import RecurrenceTable

    return cat.tables[_resolve(cat.table_lookup, key, "table", UnknownTableError, RecurrenceTable)]


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


def recurrence_rate(primary_site: str | PrimarySite) -> tuple[Finding, ...]:
    """How often sarcoma recurred, by site of the primary tumour, in every table that says.

    Each finding has ``numerator``, ``denominator``, ``percent_reported``,
    ``percent_computed``, its ``table`` (population, measure) and ``citation``.

    >>> f = recurrence_rate("retroperitoneum")[0]
    >>> (f.numerator, f.denominator, f.citation.first_author)
    (17, 36, 'Potter')
    """
    from .models import TableKind

    cat = get_catalogue()
    key = _resolve(
        cat.primary_sites.lookup,
        primary_site,
        "primary site",
        UnknownPrimarySiteError,
        _PrimarySite,
    )
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


def _ancestors(key: str) -> set[str]:
    histologies = get_vocabulary()[0].by_key
    found = {key}
    parent = histologies[key].parent
    while parent is not None:
        found.add(parent)
        parent = histologies[parent].parent
    return found


def _report(
    histology: str | Histology, kinds: tuple[TableKind, ...], rule_filter: Any
) -> PatternReport:
    from .models import PatternReport

    cat = get_catalogue()
    key = histology_key(histology)
    family = _descendants(key)
    h = cat.histologies.by_key[key]
    # A rule about a parent type (liposarcoma) also speaks for its subtypes.
    ancestors = _ancestors(key)

    def specificity(rule: PatternRule) -> int:
        # Rules naming this very histology first, then its subtypes, then parents.
        named = set(rule.histologies)
        return 0 if key in named else 1 if named & family else 2

    found = tuple(
        sorted(
            (r for r in cat.rules if rule_filter(r) and set(r.histologies) & (family | ancestors)),
            key=specificity,
        )
    )
    findings = _findings(lambda r: r.histology in family, kinds=kinds)
    return PatternReport(key=key, name=h.name, rules=found, findings=findings)


def metastatic_pattern(histology: str | Histology) -> PatternReport:
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


def nodal_spread(histology: str | Histology) -> PatternReport:
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
