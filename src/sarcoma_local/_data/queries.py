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
    UnknownGlossaryTermError,
    UnknownOptionError,
    UnknownPrimarySiteError,
    UnknownSiteError,
    UnknownTechniqueError,
)
from sarcoma_local._core.lazy_names import lazy_names

from .loader import get_catalogue, get_glossary, get_sites, get_techniques, get_vocabulary
from .resolve import (
    histology_key,
    resolve,
    site_key,
    technique_key,
    text_of,
    vocabulary_value,
)

if TYPE_CHECKING:
    from .citation_queries import citation, citations, find_citation
    from .models import (
        GlossaryTerm,
        Histology,
        Option,
        PrimarySite,
        Role,
        SearchHit,
        Site,
        Technique,
        TechniqueCategory,
    )
    from .pattern_queries import (
        metastatic_pattern,
        nodal_spread,
        recurrence_rate,
        recurrence_table,
        recurrence_tables,
        rule,
        rules,
    )

__all__ = [
    "citation",
    "citations",
    "data_info",
    "find_citation",
    "find_glossary_term",
    "find_histology",
    "find_option",
    "find_primary_site",
    "find_site",
    "find_technique",
    "glossary",
    "glossary_term",
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


#: Queries this module offers from their own modules, imported when first asked for:
#: a first ``options()`` then loads neither (about 2.5 M instructions).
_ELSEWHERE = {
    **dict.fromkeys(("citation", "citations", "find_citation"), "citation_queries"),
    **dict.fromkeys(
        (
            "metastatic_pattern",
            "nodal_spread",
            "recurrence_rate",
            "recurrence_table",
            "recurrence_tables",
            "rule",
            "rules",
        ),
        "pattern_queries",
    ),
}


__getattr__ = lazy_names(globals(), __package__, _ELSEWHERE)


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
    return named.by_key[resolve(named.lookup, name, "site", UnknownSiteError, "Site")]


def find_site(name: str | Site) -> Site | None:
    """Like :func:`site`, but ``None`` when nothing matches."""
    named = get_sites()
    key = named.lookup.resolve(text_of(name, "site", "Site"))
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
        key = resolve(cat.sites.lookup, site, "site", UnknownSiteError, "Site")
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
    key = resolve(named.lookup, name, "technique", UnknownTechniqueError, "Technique")
    return named.by_key[key]


def find_technique(name: str | Technique) -> Technique | None:
    """Like :func:`technique`, but ``None`` when nothing matches."""
    named = get_techniques()
    key = named.lookup.resolve(text_of(name, "technique", "Technique"))
    return None if key is None else named.by_key[key]


# --- options -------------------------------------------------------------------------


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
        found = cat.by_site[site_key(site)]
    elif technique is not None:
        found = cat.by_technique[technique_key(technique)]
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
    skey, tkey = site_key(site), technique_key(technique)
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
    skey = cat.sites.lookup.resolve(text_of(site, "site", "Site"))
    tkey = cat.techniques.lookup.resolve(text_of(technique, "technique", "Technique"))
    if skey is None or tkey is None:
        return None
    return cat.option_by_pair.get((skey, tkey))


# --- search --------------------------------------------------------------------------


def search(query: str, *, kinds: Iterable[str] | None = None, limit: int = 10) -> list[SearchHit]:
    """Rank sites, techniques, options, citations, tables and rules against ``query``.

    Typo-tolerant ("hepatc") and prefix-aware ("cryo"). Returns ``[]`` when
    nothing matches or the query has no words; ``kinds`` narrows the record kinds.

    >>> search("cryo liver")[0].key
    'liver/cryoablation'
    """
    from .hit_records import DeferredRecord, SearchHit
    from .indexing import KIND_RANK

    text = text_of(query, "query")
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
    cat = get_catalogue()
    hits = cat.search_index().search(text, kinds=wanted, limit=limit)
    return [
        SearchHit(
            kind=d.kind,
            key=d.key,
            label=d.label,
            score=score,
            # From the shipped index, a record is looked up when the hit's record is read.
            record=d.record if d.record is not None else DeferredRecord(cat, d.kind, d.key),  # type: ignore[arg-type]
        )
        for score, d in hits
    ]


# --- vocabularies --------------------------------------------------------------------


def histologies() -> tuple[Histology, ...]:
    """Every tumour type the recurrence tables and rules use."""
    return tuple(get_vocabulary()[0].by_key.values())


def histology(name: str | Histology) -> Histology:
    """The histology ``name`` means ("LMS", "myxoid liposarcoma", "clear-cell sarcoma")."""
    return get_vocabulary()[0].by_key[histology_key(name)]


def find_histology(name: str | Histology) -> Histology | None:
    """Like :func:`histology`, but ``None`` when nothing matches."""
    named = get_vocabulary()[0]
    key = named.lookup.resolve(text_of(name, "histology", "Histology"))
    return None if key is None else named.by_key[key]


def glossary() -> tuple[GlossaryTerm, ...]:
    """Every glossary term, alphabetical: the technical words patient texts explain.

    >>> glossary()[0].name <= glossary()[1].name
    True
    """
    return tuple(get_glossary().by_key.values())


def glossary_term(name: str | GlossaryTerm) -> GlossaryTerm:
    """The glossary term ``name`` means (key, word, any form such as "SBRT", or near miss).

    >>> glossary_term("metastases").key
    'metastasis'
    """
    named = get_glossary()
    key = resolve(named.lookup, name, "glossary term", UnknownGlossaryTermError, "GlossaryTerm")
    return named.by_key[key]


def find_glossary_term(name: str | GlossaryTerm) -> GlossaryTerm | None:
    """Like :func:`glossary_term`, but ``None`` when nothing matches."""
    named = get_glossary()
    key = named.lookup.resolve(text_of(name, "glossary term", "GlossaryTerm"))
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
    key = resolve(named.lookup, name, "primary site", UnknownPrimarySiteError, "PrimarySite")
    return named.by_key[key]


def find_primary_site(name: str | PrimarySite) -> PrimarySite | None:
    """Like :func:`primary_site`, but ``None`` when nothing matches."""
    named = get_vocabulary()[1]
    key = named.lookup.resolve(text_of(name, "primary site", "PrimarySite"))
    return None if key is None else named.by_key[key]


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
