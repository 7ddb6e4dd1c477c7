"""The grounded context for one question: ranked, cited passages that fit a budget.

:func:`context` reads the question (:mod:`.intent`), scores every passage
(:mod:`.passages`) by what the question names, uses BM25 over the remaining words
only to break ties, and fills ``max_chars`` in rank order. When the question names
nothing the catalogue covers, the answer says so (``coverage == "none"``) and
carries no passages, so a chatbot says "not covered" instead of improvising.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import attrs

from sarcoma_local._core.version import DATA_VERSION, DISCLAIMER
from sarcoma_local._data.loader import get_catalogue

from .intent import Intent, understand
from .passages import (
    ROLE_MEANINGS,
    Prepared,
    Reference,
    RowCount,
    _check_audience,
    lexical_index,
    prepared,
    reference,
    words,
)

__all__ = ["Context", "Passage", "context"]

DEFAULT_MAX_CHARS = 6000
DEFAULT_LIMIT = 8
#: Smallest budget that still holds the header, the disclaimer and one short passage.
MIN_MAX_CHARS = 800

_ROLE_BONUS = {
    "standard": 0.5,
    "alternative": 0.35,
    "palliative": 0.25,
    "investigational": 0.15,
    "staging": 0.1,
}
_MIN_SCORE = 1.0  # below this a passage is not about the question
_NAMED = 0.95  # a technique weight this high means the question named it
# BM25 over the words no concept claimed only breaks ties: it adds at most
# _LEXICAL, half of that at a BM25 score of _LEXICAL_HALF.
_LEXICAL, _LEXICAL_HALF = 0.6, 4.0


@attrs.frozen
class Passage:
    """One ranked passage of a :class:`Context`.

    ``key`` is the catalogue key (``liver/resection``, ``cryoablation``, a table or
    rule key) and ``kind`` says which (option, technique, site, table, rule).
    ``text`` is our own words; ``role`` and ``role_meaning`` say, for an option,
    how the literature places it ("standard" is the usual approach where feasible,
    never a recommendation); ``citations`` carry canonical links only; ``figures``
    are a table's counts.
    """

    key: str
    kind: str
    title: str
    text: str
    score: float
    role: str | None = None
    role_meaning: str | None = None
    citations: tuple[Reference, ...] = ()
    figures: tuple[RowCount, ...] = ()
    keys: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "key": self.key,
            "kind": self.kind,
            "title": self.title,
            "text": self.text,
            "score": self.score,
            "role": self.role,
            "role_meaning": self.role_meaning,
            "citations": [c.to_dict() for c in self.citations],
            "figures": [f.to_dict() for f in self.figures],
            "keys": list(self.keys),
        }


@attrs.frozen
class Context:
    """What the catalogue says about one question, ready to hand to a model.

    ``passages`` (also ``hits``) are ranked, best first. ``coverage`` is
    ``"full"``, ``"partial"`` (some of the question is outside the catalogue:
    ``reason`` says what) or ``"none"`` (nothing in the catalogue answers it;
    ``passages`` is empty). ``text`` renders everything, disclaimer included,
    within ``max_chars``.
    """

    question: str
    audience: str
    coverage: str
    reason: str
    passages: tuple[Passage, ...]
    intent: Intent
    text: str
    max_chars: int
    truncated: bool = False
    disclaimer: str = DISCLAIMER
    data_version: str = DATA_VERSION

    @property
    def hits(self) -> tuple[Passage, ...]:
        """The passages (the name retrieval scorers look for)."""
        return self.passages

    @property
    def keys(self) -> tuple[str, ...]:
        """The passages' keys, best first."""
        return tuple(p.key for p in self.passages)

    @property
    def covered(self) -> bool:
        """False when the catalogue does not cover the question at all."""
        return self.coverage != "none"

    @property
    def coverage_gap(self) -> bool:
        """True when part or all of the question is outside the catalogue."""
        return self.coverage != "full"

    @property
    def role_meanings(self) -> dict[str, str]:
        """Plain meanings of the roles the passages use."""
        return {p.role: ROLE_MEANINGS[p.role] for p in self.passages if p.role}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (what a chat tool returns)."""
        return {
            "question": self.question,
            "audience": self.audience,
            "coverage": self.coverage,
            "covered": self.covered,
            "coverage_gap": self.coverage_gap,
            "reason": self.reason,
            "passages": [p.to_dict() for p in self.passages],
            "role_meanings": self.role_meanings,
            "truncated": self.truncated,
            "text": self.text,
            "data_version": self.data_version,
            "disclaimer": self.disclaimer,
        }


# --- scoring -------------------------------------------------------------------------


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
    histologies = get_catalogue().histologies.by_key
    best: float | None = None
    for key in asked:
        ancestors: set[str] = set()
        parent = histologies[key].parent
        while parent is not None:
            ancestors.add(parent)
            parent = histologies[parent].parent
        if key in p.histologies:
            fit = 2.0
        elif any(_descends(h, key, histologies) for h in p.histologies):
            fit = 1.5
        elif p.histologies & ancestors:
            fit = 0.3
        else:
            continue
        best = fit if best is None else max(best, fit)
    return best


def _descends(key: str, ancestor: str, histologies: Any) -> bool:
    parent = histologies[key].parent
    while parent is not None:
        if parent == ancestor:
            return True
        parent = histologies[parent].parent
    return False


_OUTCOME_KINDS = ("metastasis-outcomes", "salvage-by-pattern")
_RECURRENCE_KINDS = ("recurrence-by-primary-site", "first-recurrence-pattern")


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
    if p.subkind == "locoregional" and not sites:
        score -= 0.3
    if p.primary_sites & set(intent.primary_sites):
        score += 1.5
    nodal_question = intent.nodal or "lymph-nodes" in sites
    is_nodal = p.subkind in ("nodal", "nodal-spread")
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
            category = get_catalogue().techniques.by_key[technique].category.value
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
        cat = get_catalogue()
        self.intent = intent
        self.sites = dict(intent.sites)
        self.techs = dict(intent.techniques)
        self.weights = {t: _technique_weight(t, self.techs) for t in cat.techniques.by_key}
        # Is any technique the question names on offer at a site it names?
        self.offered = any(
            (s, t) in cat.option_by_pair for t, w in self.weights.items() if w for s in self.sites
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
        return score + _ROLE_BONUS.get(p.role or "", 0.0) if score else 0.0
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


def _coverage(intent: Intent, ranked: list[tuple[float, Prepared]]) -> tuple[str, str]:
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
    cat = get_catalogue()
    site_keys = [k for k, w in intent.sites if w >= 0.8]
    if site_keys and intent.techniques:

        def offered(t: str) -> bool:
            return any((s, t) in cat.option_by_pair for s in site_keys)

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


def _rank(intent: Intent) -> list[tuple[float, Prepared]]:
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


# --- rendering within the budget -----------------------------------------------------


def _reference_text(r: Reference, audience: str) -> str:
    text = r.label
    if audience == "professional" and r.study_type:
        text += f" ({r.study_type}; population: {r.population})"
    return f"{text} <{r.link}>" if r.link else text


def _block(n: int, p: Passage, audience: str) -> str:
    lines = [f"[{n}] {p.title} ({p.kind} {p.key})"]
    if p.role:
        lines.append(f"Role: {p.role} ({p.role_meaning})")
    lines.append(p.text)
    if p.citations:
        refs = "; ".join(_reference_text(c, audience) for c in p.citations)
        lines.append(f"Sources: {refs}")
    return "\n".join(lines) + "\n\n"


def _header(question: str, coverage: str, reason: str) -> str:
    head = f"Question: {' '.join(question.split())[:200]}\nCoverage: {coverage}"
    if reason:
        head += f" ({reason})"
    return head + "\n\n"


def _footer() -> str:
    return f"Data version {DATA_VERSION}. {DISCLAIMER}"


def _passage(p: Prepared, details: int, score: float, audience: str) -> Passage:
    chosen = p.details[:details]
    cites = tuple(dict.fromkeys((*p.head_citations, *(k for _, ks in chosen for k in ks))))
    refs = tuple((reference if audience == "professional" else _plain_reference)(k) for k in cites)
    text = " ".join((p.head, *(t for t, _ in chosen)))
    return Passage(
        key=p.key,
        kind=p.kind,
        title=p.title,
        text=text,
        score=score,
        role=p.role,
        role_meaning=ROLE_MEANINGS.get(p.role) if p.role else None,
        citations=refs,
        figures=p.figures,
        keys=p.keys,
    )


@lru_cache(maxsize=512)
def _plain_reference(key: str) -> Reference:
    """The reference a patient sees: label and link, no study-type detail."""
    r = reference(key)
    return Reference(key=r.key, label=r.label, link=r.link, pmid=r.pmid, pmcid=r.pmcid, doi=r.doi)


class _Slot:
    """One passage being fitted: how many details it has so far, and its block size."""

    __slots__ = ("cites", "details", "prepared", "score", "size")

    def __init__(self, p: Prepared, score: float, size: int, cites: set[str]) -> None:
        self.prepared = p
        self.score = score
        self.details = 0
        self.size = size
        self.cites = cites


def _grow(slot: _Slot, audience: str) -> int:
    """How many characters the slot's next detail adds (text and any new citations)."""
    text, keys = slot.prepared.details[slot.details]
    extra = len(text) + 1
    for key in keys:
        if key not in slot.cites:
            ref = _reference_text(reference(key), audience)
            extra += len(ref) + (2 if slot.cites else len("Sources: ") + 1)
    return extra


def _fit(
    ranked: list[tuple[float, Prepared]], room: int, limit: int, audience: str
) -> tuple[list[Passage], bool, str]:
    """Passages in rank order within ``room``: every head first, then details in turns."""
    slots: list[_Slot] = []
    truncated = False
    for score, p in ranked:
        if len(slots) == limit:
            truncated = True
            break
        size = len(_block(len(slots) + 1, _passage(p, 0, score, audience), audience))
        if size <= room:
            slots.append(_Slot(p, score, size, set(p.head_citations)))
            room -= size
        else:
            truncated = True
    # Details one at a time, best passage first, so the evidence is shared out.
    growing = True
    while growing:
        growing = False
        for slot in slots:
            if slot.details < len(slot.prepared.details):
                extra = _grow(slot, audience)
                if extra <= room:
                    room -= extra
                    slot.cites.update(slot.prepared.details[slot.details][1])
                    slot.details += 1
                    growing = True
    passages: list[Passage] = []
    body = ""
    for n, slot in enumerate(slots, start=1):
        if slot.details < len(slot.prepared.details):
            truncated = True
        passage = _passage(slot.prepared, slot.details, slot.score, audience)
        passages.append(passage)
        body += _block(n, passage, audience)
    return passages, truncated, body


def context(
    question: str,
    *,
    audience: str = "patient",
    max_chars: int = DEFAULT_MAX_CHARS,
    limit: int = DEFAULT_LIMIT,
) -> Context:
    """The catalogue's passages that answer ``question``, ranked, cited, within ``max_chars``.

    ``audience`` is ``"patient"`` or ``"professional"`` (who the text is for; the
    professional form adds each citation's study type, population and flags).
    ``max_chars`` bounds ``Context.text``, header and disclaimer included;
    ``limit`` caps the number of passages. Offline and deterministic.

    >>> ctx = context("can they burn the spots on my husband's liver?")
    >>> ctx.coverage, ctx.passages[0].key, ctx.passages[0].role
    ('full', 'liver/radiofrequency-ablation', 'alternative')
    >>> context("What does grade mean?").coverage
    'none'
    """
    if not isinstance(question, str):
        raise TypeError(f"question must be a str, not {type(question).__name__}")
    audience = _check_audience(audience)
    for name, value in (("max_chars", max_chars), ("limit", limit)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if max_chars < MIN_MAX_CHARS:
        raise ValueError(
            f"max_chars must be at least {MIN_MAX_CHARS} (room for the header, "
            f"one passage and the disclaimer), not {max_chars}"
        )
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    intent = understand(question)
    ranked = _rank(intent)
    coverage, reason = _coverage(intent, ranked)
    footer = _footer()
    header = _header(question, coverage, reason)
    spare = max_chars - len(footer) - len(header)
    if spare < 0:
        # A question naming many uncovered things: the full reason stays in .reason.
        shown = reason[: max(0, len(reason) + spare - 1)].rstrip() + "\u2026"
        header = _header(question, coverage, shown)
    room = max_chars - len(header) - len(footer)
    passages, truncated, body = _fit(ranked, room, limit, audience)
    return Context(
        question=question,
        audience=audience,
        coverage=coverage,
        reason=reason,
        passages=tuple(passages),
        intent=intent,
        text=header + body + footer,
        max_chars=max_chars,
        truncated=truncated,
    )
