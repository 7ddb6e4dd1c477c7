"""Pattern queries: recurrence tables, their rows by primary site, and how a histology spreads."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sarcoma_local._core.errors import UnknownPrimarySiteError, UnknownRuleError, UnknownTableError

from .loader import get_catalogue, get_vocabulary
from .resolve import close_keys, histology_key, resolve, site_key, text_of, vocabulary_value

if TYPE_CHECKING:
    from .models import (
        Finding,
        PatternReport,
        PatternRule,
        RecurrenceTable,
        RuleKind,
        TableKind,
    )
    from .vocabulary import Histology, PrimarySite, Site

__all__ = [
    "metastatic_pattern",
    "nodal_spread",
    "recurrence_rate",
    "recurrence_table",
    "recurrence_tables",
    "rule",
    "rules",
]


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
        skey = site_key(site)
        found = (r for r in found if skey in r.sites)
    if histology is not None:
        keys = _descendants(histology_key(histology)) | _ancestors(histology_key(histology))
        found = (r for r in found if keys & set(r.histologies))
    return tuple(found)


def rule(key: str | PatternRule) -> PatternRule:
    """One pattern rule by key; :class:`UnknownRuleError` (with suggestions) otherwise."""
    from .models import PatternRule

    text = text_of(key, "rule key", PatternRule)
    by_key = {r.key: r for r in get_catalogue().rules}
    found = by_key.get(text) or by_key.get(text.strip().lower())
    if found is None:
        raise UnknownRuleError(key, valid=tuple(by_key), suggestions=close_keys(text, by_key))
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

    return cat.tables[resolve(cat.table_lookup, key, "table", UnknownTableError, RecurrenceTable)]


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
    key = resolve(
        cat.primary_sites.lookup,
        primary_site,
        "primary site",
        UnknownPrimarySiteError,
        "PrimarySite",
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
