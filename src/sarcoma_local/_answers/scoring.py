"""Scoring: how well each prepared passage answers what a question names.

A passage scores by what the question names (site x technique for options; spread
level x histology fit, site, primary site and nodal wording for rules and tables;
technique passages for "what is X" or a technique the named site does not offer).
BM25 over the words no concept claimed only breaks ties. :func:`coverage` says
whether the catalogue covers the question fully, partly or not at all.
"""

from __future__ import annotations

from functools import lru_cache

import attrs

from sarcoma_local._data.models import Role, RuleKind, TableKind
from sarcoma_local._data.queries import histologies, options, techniques

from .intent import Intent
from .lexical import lexical_index, words
from .passages import Prepared, prepared

__all__ = ["coverage", "rank"]

_ROLE_BONUS = {
    Role.STANDARD: 0.5,
    Role.ALTERNATIVE: 0.35,
    Role.PALLIATIVE: 0.25,
    Role.INVESTIGATIONAL: 0.15,
    Role.STAGING: 0.1,
}
_MIN_SCORE = 1.0  # below this a passage is not about the question
_NAMED = 0.95  # a technique weight this high means the question named it
# BM25 over the words no concept claimed only breaks ties: it adds at most
# _LEXICAL, half of that at a BM25 score of _LEXICAL_HALF.
_LEXICAL, _LEXICAL_HALF = 0.6, 4.0


@attrs.frozen
class _Facts:
    """What scoring looks up per passage, read once through the public queries."""

    parents: dict[str, str | None]
    categories: dict[str, str]
    offered: frozenset[tuple[str, str]]


@lru_cache(maxsize=1)
def _facts() -> _Facts:
    return _Facts(
        parents={h.key: h.parent for h in histologies()},
        categories={t.key: t.category.value for t in techniques()},
        offered=frozenset((o.site, o.technique) for o in options()),
    )


def _histology_fit(p: Prepared, intent: Intent) -> float | None:
    """How well a rule or table's tumour types fit the question; None: unrelated."""
    asked = intent.specific_histologies
    if not asked:
        # Asked about sarcoma in general: general statements first.
        if p.histologies <= {"soft-tissue-sarcoma"}:
            return 0.5
        return 0.3 if "soft-tissue-sarcoma" in p.histologies else 0.0
    if not p.histologies:
        return 0.2  # a table that counts sarcoma in general
    parents = _facts().parents
    best: float | None = None
    for key in asked:
        ancestors: set[str] = set()
        parent = parents[key]
        while parent is not None:
            ancestors.add(parent)
            parent = parents[parent]
        if key in p.histologies:
            fit = 2.0
        elif any(_descends(h, key, parents) for h in p.histologies):
            fit = 1.5
        elif p.histologies & ancestors:
            fit = 0.3
        else:
            continue
        best = fit if best is None else max(best, fit)
    return best


def _descends(key: str, ancestor: str, parents: dict[str, str | None]) -> bool:
    parent = parents[key]
    while parent is not None:
        if parent == ancestor:
            return True
        parent = parents[parent]
    return False


_OUTCOME_KINDS = (TableKind.METASTASIS_OUTCOMES, TableKind.SALVAGE_BY_PATTERN)
_RECURRENCE_KINDS = (TableKind.RECURRENCE_BY_PRIMARY_SITE, TableKind.FIRST_RECURRENCE_PATTERN)
_NODAL_KINDS = (RuleKind.NODAL, TableKind.NODAL_SPREAD)


def _pattern_score(p: Prepared, intent: Intent, level: float, sites: dict[str, float]) -> float:
    if level <= 0:
        # Survival after metastases at a named site: the outcome tables only.
        if intent.outcome and p.subkind in _OUTCOME_KINDS and p.sites & sites.keys():
            return 2.5 if _histology_fit(p, intent) is not None else 0.0
        return 0.0
    fit = _histology_fit(p, intent)
    if fit is None:
        return 0.0
    outcome_kinds = _OUTCOME_KINDS
    score = 5.0 + fit
    # A word that may name where the tumour started ("leg") is no site to insist on.
    where = sites.keys() - set(intent.primary_words)
    overlap = p.sites & sites.keys()
    if overlap:
        score += max(sites[s] for s in overlap)
    elif where:
        score -= max(sites[s] for s in where)
    else:
        # No site asked: a pattern naming several sites says more than one about a single site.
        score += 0.1 * min(len(p.sites), 4)
    if p.subkind == RuleKind.LOCOREGIONAL and not sites:
        score -= 0.3
    if p.primary_sites & set(intent.primary_sites):
        score += 1.5
    nodal_question = intent.nodal or "lymph-nodes" in sites
    is_nodal = p.subkind in _NODAL_KINDS
    if is_nodal:
        score += 1.5 if nodal_question else -2.5
    elif nodal_question:
        score -= 2.0
    if p.kind == "table":
        # The rule says it in words; its table gives the counts a "how often" asks for.
        score += 0.8 if intent.asks_rate else -0.6
        if intent.recurrence and p.subkind in _RECURRENCE_KINDS:
            score += 0.6
        if p.subkind in outcome_kinds:
            score += 0.8 if intent.outcome else -1.0
    return level * score


def _technique_weight(technique: str | None, techs: dict[str, float]) -> float:
    tw = techs.get(technique or "", 0.0)
    generic = techs.get("resection", 0.0)
    if not tw:
        if technique and 0.0 < generic < _NAMED:
            # "Surgery" in general also means the other operations (node dissection ...).
            category = _facts().categories[technique]
            return 0.5 * generic if category == "surgery" else 0.0
        return 0.0
    # Resection is the default; a question that names another technique beside it
    # ("VATS for pulmonary metastasectomy") is about the other one.
    if technique != "resection" and generic:
        tw += 0.25
    return tw


class _Query:
    """What scoring needs from one question, worked out once rather than per passage."""

    __slots__ = ("intent", "level", "offered", "sites", "techs", "weights")

    def __init__(self, intent: Intent) -> None:
        facts = _facts()
        self.intent = intent
        self.sites = dict(intent.sites)
        self.techs = dict(intent.techniques)
        self.weights = {t: _technique_weight(t, self.techs) for t in facts.categories}
        # Is any technique the question names on offer at a site it names?
        self.offered = any(
            (s, t) in facts.offered for t, w in self.weights.items() if w for s in self.sites
        )
        # "It came back in the thigh, what are the options?" asks for treatment first;
        # "how often" asks for the tables whatever else it names.
        treatment_first = self.techs or (intent.treatment and self.sites)
        self.level = intent.spread * (0.4 if treatment_first and not intent.asks_rate else 1.0)


def _score(p: Prepared, q: _Query) -> float:
    intent, sites, techs, level = q.intent, q.sites, q.techs, q.level
    if p.kind == "option":
        sw = sites.get(p.site or "", 0.0)
        if p.key in intent.implied and len(sites) > 1:
            # "Lymph node dissection during pulmonary metastasectomy": each technique's
            # name carries a site; the metastases are where the *other* one points.
            sw *= 0.5
        tw = q.weights.get(p.technique or "", 0.0)
        if sites and techs:
            score = 4.0 * sw + 3.0 * tw if sw else 1.2 * tw
        elif sites:
            score = 4.0 * sw
        else:
            score = 3.0 * tw
        return score + _ROLE_BONUS.get(p.role, 0.0) if score and p.role else score
    if p.kind == "technique":
        tw = q.weights.get(p.technique or "", 0.0)
        if not tw:
            return 0.0
        if not sites:
            # "What is RFA?" is about the technique; "palliative amputation" about
            # where it is used, so its options come first and it follows them.
            return 3.0 * tw + (3.0 if intent.asks_what_is else 0.1)
        if p.sites & sites.keys():
            return 3.0 * tw + 0.5
        # Named outright at a site where the catalogue has no option for any technique
        # the question names: explain the technique. A family word ("radiation") or a
        # second technique that is on offer there needs no such explanation.
        return 3.0 * tw + 2.0 if tw >= _NAMED and not q.offered else 0.0
    if p.kind == "site":
        sw = sites.get(p.site or "", 0.0)
        return (2.0 if techs else 3.6) * sw
    return _pattern_score(p, intent, level, sites)


def _general(p: Prepared) -> float:
    # No site named: the techniques themselves, surgery first.
    return 2.0 - p.order * 0.001 if p.kind == "technique" and p.sites else 0.0


def coverage(intent: Intent, ranked: list[tuple[float, Prepared]]) -> tuple[str, str]:
    if not ranked:
        if intent.not_in_catalogue:
            return "none", "not covered: the catalogue holds no entry for " + ", ".join(
                intent.not_in_catalogue
            )
        if intent.out_of_scope:
            topics = ", ".join(intent.out_of_scope)
            return "none", f"not covered: the catalogue does not cover {topics}"
        return "none", (
            "not covered: the question names no metastatic site, local treatment or "
            "pattern of spread that the catalogue describes"
        )
    gaps: list[str] = []
    if intent.out_of_scope:
        gaps.append("it does not cover " + ", ".join(intent.out_of_scope))
    if intent.not_in_catalogue:
        gaps.append("it holds no entry for " + ", ".join(intent.not_in_catalogue))
    offered_pairs = _facts().offered
    site_keys = [k for k, w in intent.sites if w >= 0.8]
    if site_keys and intent.techniques:

        def offered(t: str) -> bool:
            return any((s, t) in offered_pairs for s in site_keys)

        # Techniques named outright must be there; for a family word, one member will do.
        missing = [t for t, w in intent.techniques if w >= _NAMED and not offered(t)]
        if not missing and not any(offered(t) for t, _ in intent.techniques):
            missing = [intent.techniques[0][0]]
        if missing:
            where = " or ".join(site_keys)
            gaps.append(f"it has no option for {', '.join(missing)} at {where}")
    if not intent.sites and not intent.techniques and intent.spread < 1.0 and not intent.nodal:
        gaps.append("the question names no site, so the techniques are listed in general")
    if gaps:
        return "partial", "partly covered: " + "; ".join(gaps)
    return "full", ""


def rank(intent: Intent) -> list[tuple[float, Prepared]]:
    passages = prepared()
    if intent.out_of_scope and not (intent.techniques or intent.spread >= 1.0 or intent.nodal):
        # "Symptoms of lung metastases", "chemo for liver mets": the site is named, but
        # the subject (symptoms, drugs) is one the catalogue does not cover.
        return []
    if intent.names_something:
        query = _Query(intent)
        scored = [(_score(p, query), p) for p in passages]
    elif intent.treatment and intent.metastasis and not intent.out_of_scope:
        scored = [(_general(p), p) for p in passages]
    else:
        return []
    lexical = lexical_index().scores([w for t in intent.terms for w in words(t)])
    ranked: list[tuple[float, Prepared]] = []
    for i, (score, p) in enumerate(scored):
        if score < _MIN_SCORE:
            continue
        bm25 = lexical.get(i, 0.0)
        bonus = _LEXICAL * bm25 / (bm25 + _LEXICAL_HALF)
        ranked.append((round(score + bonus, 4), p))
    ranked.sort(key=lambda sp: (-sp[0], sp[1].order))
    return ranked
