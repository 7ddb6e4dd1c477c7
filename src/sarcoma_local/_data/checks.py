"""Checks over the whole catalogue.

:func:`load_problems` runs on every load and covers what would make queries
wrong: unique keys, references between records, identifier syntax, counts.
:func:`validate` adds the curation checks (``sarcoma-local validate``): duplicate
titles, provenance for every verified identifier, flags that match the numbers,
page ranges and years. Each returns a list of human-readable problems; empty
means the catalogue passes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Protocol

from sarcoma_local._core.errors import InvalidIdentifierError
from sarcoma_local._core.text import normalize

from .evidence_checks import evidence_problems, figure_load_problems, guideline_load_problems
from .loader import key_problems
from .models import EvidenceKind
from .vocabulary import Flag

if TYPE_CHECKING:
    from collections.abc import Container, Mapping

    from .loader import Catalogue, Named
    from .models import Citation, Option, PatternRule, RecurrenceTable
    from .vocabulary import Histology, PrimarySite, Site

    class _RecurrenceContext(Protocol):
        """What the table and rule checks read: the tables, the rules, what they name."""

        @property
        def tables(self) -> Mapping[str, RecurrenceTable]: ...
        @property
        def rules(self) -> tuple[PatternRule, ...]: ...
        @property
        def citations(self) -> Container[str]: ...
        @property
        def sites(self) -> Named[Site]: ...
        @property
        def histologies(self) -> Named[Histology]: ...
        @property
        def primary_sites(self) -> Named[PrimarySite]: ...


__all__ = [
    "citation_load_problems",
    "guideline_load_problems",
    "key_problems",
    "load_problems",
    "option_load_problems",
    "recurrence_load_problems",
    "validate",
]

_PAGES = re.compile(r"[A-Za-z]?[0-9]+[A-Za-z]?(?:-[A-Za-z]?[0-9]+[A-Za-z]?(?:\.e[0-9]+)?)?")
_FIRST_YEAR = 1900


def _duplicates(values: Iterable[object]) -> list[object]:
    return [v for v, n in Counter(values).items() if n > 1]


def _check_identifiers(c: Citation, problems: list[str]) -> None:
    # Imported here: the first options() loads this module but checks no identifier.
    from sarcoma_local._core.identifiers import parse_doi, parse_pmcid, parse_pmid

    checks = (
        ("pmid", c.pmid, parse_pmid),
        ("doi", c.doi, parse_doi),
        ("pmcid", c.pmcid, parse_pmcid),
    )
    for name, value, parse in checks:
        if value is None:
            continue
        try:
            canonical = parse(value)
        except InvalidIdentifierError as exc:
            problems.append(f"citation {c.key}: {exc}")
            continue
        if name != "pmid" and canonical != value:
            problems.append(f"citation {c.key}: {name} {value!r} is not canonical ({canonical!r})")


def load_problems(cat: Catalogue) -> list[str]:
    """Problems that make the catalogue unusable; each part's share runs when it loads."""
    problems = key_problems("site", cat.sites.by_key)
    problems += key_problems("technique", cat.techniques.by_key)
    problems += key_problems("histology", cat.histologies.by_key)
    problems += key_problems("primary site", cat.primary_sites.by_key)
    problems += citation_load_problems(cat.citations.values())
    problems += option_load_problems(
        cat.options, cat.citations, cat.sites.by_key, cat.techniques.by_key
    )
    problems += recurrence_load_problems(cat)
    problems += guideline_load_problems(
        cat.guidelines, cat.citations, cat.sites.by_key, cat.techniques.by_key
    )
    return problems


def citation_record_problems(c: Citation) -> list[str]:
    """One citation's own problems: a malformed or non-canonical PMID, DOI or PMCID."""
    problems: list[str] = []
    _check_identifiers(c, problems)
    return problems


def citation_load_problems(citations: Iterable[Citation]) -> list[str]:
    """Bad keys and identifiers, and a PMID or DOI on two citations."""
    citations = tuple(citations)
    problems = key_problems("citation", (c.key for c in citations))
    for c in citations:
        problems += citation_record_problems(c)
    for pmid in _duplicates(c.pmid for c in citations if c.pmid is not None):
        problems.append(f"PMID {pmid} is on two citations")
    for doi in _duplicates(c.doi for c in citations if c.doi):
        problems.append(f"DOI {doi} is on two citations")
    return problems


def raw_citation_problems(raw: Iterable[dict[str, Any]]) -> list[str]:
    """The checks across citations, on their JSON objects: keys, a PMID or DOI twice.

    Each citation's own checks run when it is built (:func:`citation_load_problems`).
    """
    raw = tuple(raw)
    problems = key_problems("citation", (r["key"] for r in raw))
    pmids = (r.get("pmid") for r in raw)
    for pmid in _duplicates(p for p in pmids if p is not None and p.__class__ is int):
        problems.append(f"PMID {pmid} is on two citations")
    dois = (r.get("doi") for r in raw)
    for doi in _duplicates(d for d in dois if d and d.__class__ is str):
        problems.append(f"DOI {doi} is on two citations")
    return problems


def option_load_problems(
    options: Iterable[Option],
    citations: Container[str],
    sites: Container[str],
    techniques: Container[str],
) -> list[str]:
    """Options repeated, naming what the catalogue lacks, or whose figures are impossible."""
    options = tuple(options)
    pairs = _duplicates((o.site, o.technique) for o in options)
    problems = [f"option {pair} appears twice" for pair in pairs]
    for o in options:
        where = f"option {o.site}/{o.technique}"
        if o.site not in sites:
            problems.append(f"{where}: unknown site")
        if o.technique not in techniques:
            problems.append(f"{where}: unknown technique")
        if not o.citation_keys:
            problems.append(f"{where}: cites nothing")
        for key in o.citation_keys:
            if key not in citations:
                problems.append(f"{where}: unknown citation {key!r}")
    problems += figure_load_problems(options)
    return problems


def recurrence_load_problems(cat: _RecurrenceContext) -> list[str]:
    """Tables and rules with bad keys, impossible counts or unknown references."""
    problems = key_problems("table", cat.tables)
    problems += key_problems("rule", (r.key for r in cat.rules))
    for twice in _duplicates(r.key for r in cat.rules):
        problems.append(f"rule key {twice!r} is used twice")
    _check_tables(cat, problems)
    _check_rules(cat, problems)
    return problems


def _check_tables(cat: _RecurrenceContext, problems: list[str]) -> None:
    for table in cat.tables.values():
        if table.citation not in cat.citations:
            problems.append(f"table {table.key}: unknown citation {table.citation!r}")
        for row in table.rows:
            where = f"table {table.key} row {row.label!r}"
            if row.numerator is not None and row.numerator < 0:
                problems.append(f"{where}: negative numerator")
            if row.denominator is not None and row.denominator <= 0:
                problems.append(f"{where}: denominator must be positive")
            if (
                row.numerator is not None
                and row.denominator is not None
                and row.numerator > row.denominator
            ):
                problems.append(f"{where}: numerator above denominator")
            if row.percent_reported is not None and not 0 <= row.percent_reported <= 100:
                problems.append(f"{where}: percent outside 0-100")
            refs = (
                (row.histology, cat.histologies.by_key, "histology"),
                (row.primary_site, cat.primary_sites.by_key, "primary site"),
                (row.site, cat.sites.by_key, "site"),
            )
            for value, known, label in refs:
                if value is not None and value not in known:
                    problems.append(f"{where}: unknown {label} {value!r}")


def _check_rules(cat: _RecurrenceContext, problems: list[str]) -> None:
    for rule in cat.rules:
        for key in rule.citations:
            if key not in cat.citations:
                problems.append(f"rule {rule.key}: unknown citation {key!r}")
        for key in rule.histologies:
            if key not in cat.histologies.by_key:
                problems.append(f"rule {rule.key}: unknown histology {key!r}")
        for key in rule.primary_sites:
            if key not in cat.primary_sites.by_key:
                problems.append(f"rule {rule.key}: unknown primary site {key!r}")
        for key in rule.sites:
            if key not in cat.sites.by_key:
                problems.append(f"rule {rule.key}: unknown site {key!r}")


def validate(cat: Catalogue) -> list[str]:
    """Every check, load-time and curation (``sarcoma-local validate``)."""
    import datetime  # curation checks only; keeps the load path lean

    problems = load_problems(cat)
    this_year = datetime.date.today().year
    for title in _duplicates(normalize(c.title) for c in cat.citations.values()):
        problems.append(f"title {title!r} is on two citations")
    cited = {k for o in cat.options for k in o.citation_keys}
    cited |= {t.citation for t in cat.tables.values()}
    cited |= {k for r in cat.rules for k in r.citations}
    cited |= {g.citation for g in cat.guidelines}
    for c in cat.citations.values():
        _curate_citation(c, this_year, cited, problems)
    for table in cat.tables.values():
        for row in table.rows:
            where = f"table {table.key} row {row.label!r}"
            flagged = "percent-mismatch" in row.flags
            if row.percent_mismatch and not flagged:
                problems.append(f"{where}: printed percent disagrees with counts; flag it")
            if flagged and not row.percent_mismatch:
                problems.append(f"{where}: flagged percent-mismatch but the counts agree")
            if row.derived and "derived-count" not in row.flags:
                problems.append(f"{where}: derived count must carry the 'derived-count' flag")
    # Unknown flags cannot get this far: Flag is a closed enum, checked at load.
    for o in cat.options:
        if not o.summary.strip():
            problems.append(f"option {o.site}/{o.technique}: empty summary")
    for t in cat.techniques.by_key.values():
        if not t.summary.strip():
            problems.append(f"technique {t.key}: empty summary")
    problems.extend(evidence_problems(cat))
    return problems


def _curate_citation(c: Citation, this_year: int, cited: set[str], problems: list[str]) -> None:
    """The curation checks of one citation: years, pages, evidence, PMID flags, use."""
    where = f"citation {c.key}"
    if not _FIRST_YEAR <= c.year <= this_year:
        problems.append(f"{where}: year {c.year} out of range")
    if c.pages and not _PAGES.fullmatch(c.pages):
        problems.append(f"{where}: pages {c.pages!r} is not a page or range")
    if c.pages and "-" in c.pages:
        first, last = c.pages.split("-", 1)
        # Only an all-digit range can run backwards; "e99-104" (a letter-prefixed first
        # page, as PubMed prints some supplements) is compared no further.
        numeric = first.isdigit() and last.isdigit()
        if numeric and len(last) >= len(first) and int(last) < int(first):
            problems.append(f"{where}: page range {c.pages!r} runs backwards")
    if not c.title.strip():
        problems.append(f"{where}: empty title")
    if not c.provenance:
        problems.append(f"{where}: no provenance (which source listed it?)")
    evidenced = {e.field for e in c.evidence}
    for name, value in (("pmid", c.pmid), ("doi", c.doi), ("pmcid", c.pmcid)):
        if value is not None and name not in evidenced:
            problems.append(f"{where}: {name} has no evidence record (where was it seen?)")
    for e in c.evidence:
        if e.kind is not EvidenceKind.SOURCE_DOCUMENT and not e.where.startswith("http"):
            problems.append(f"{where}: evidence for {e.field} must give the page URL")
    url_only = any(
        e.field == "pmid" and e.kind is EvidenceKind.PUBMED_STYLE_ADDRESS for e in c.evidence
    )
    if url_only and "pmid-url-only" not in c.flags:
        problems.append(f"{where}: PMID seen only in an address; flag it 'pmid-url-only'")
    no_pmid_flags = {Flag.PMID_UNVERIFIED, Flag.NOT_IN_PUBMED} & set(c.flags)
    if c.pmid is None and len(no_pmid_flags) != 1:
        problems.append(
            f"{where}: no PMID; flag it 'pmid-unverified', or 'not-in-pubmed' when PubMed "
            "cannot index it (an online guideline, web page or meeting abstract)"
        )
    if c.pmid is not None and no_pmid_flags:
        problems.append(f"{where}: has a PMID but is flagged {sorted(no_pmid_flags)}")
    if c.key not in cited:
        problems.append(f"{where}: cited by no option, table, rule or guideline stance")
    from sarcoma_local._core.links import link_problem

    problem = link_problem(c.url) if c.url else None
    if problem:
        # A mirror or proxy page belongs in evidence, never in the shown link.
        problems.append(f"{where}: url may not be shown as a link ({problem})")
