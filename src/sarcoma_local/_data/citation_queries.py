"""Citation queries: list, get by key (any case), PMID, DOI or PMCID."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sarcoma_local._core.errors import UnknownCitationError
from sarcoma_local._core.identifiers import parse_pmid

from .loader import get_catalogue
from .resolve import close_keys, text_of, vocabulary_value

if TYPE_CHECKING:
    from .models import Citation, Population, StudyType
    from .vocabulary import Site, Technique

__all__ = ["citation", "citations", "find_citation"]


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
        from .queries import options

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
    # Counted without building a list: this is the hot path of a warm citation(pmid=).
    if (key is not None) + (pmid is not None) + (doi is not None) + (pmcid is not None) != 1:
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

    text = text_of(key, "citation key", Citation)
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
            suggestions = close_keys(key, cat.citations)
        raise UnknownCitationError(asked, valid=tuple(cat.citations), suggestions=suggestions)
    return found
