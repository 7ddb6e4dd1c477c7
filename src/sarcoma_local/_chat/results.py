"""What each chat tool answers: JSON views built from the records, never by hand.

Records become JSON through :func:`~sarcoma_local._core.convert.to_builtins` and the
shared views of :mod:`sarcoma_local._render.records` (``citation_ref``,
``finding_json``, ``table_json``); citation labels and links come from ``_render``,
and every role travels with its plain meaning (:func:`~sarcoma_local._render.labels.meaning`).
Each handler returns a :class:`Result` (the answer and the keys of the citations it
relies on); :func:`envelope` adds the data version, the disclaimer, what every role
means and those citations (compactly, label and one canonical link, for the
compact answers of ``context`` and ``site_options``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from sarcoma_local._answers import context
from sarcoma_local._core.convert import to_builtins
from sarcoma_local._core.version import DATA_VERSION, DISCLAIMER
from sarcoma_local._data import queries as q
from sarcoma_local._data.models import Citation, Option, PatternReport, Role
from sarcoma_local._render.citations import format_citation
from sarcoma_local._render.labels import label, meaning
from sarcoma_local._render.links import shown_evidence
from sarcoma_local._render.records import (
    citation_brief,
    citation_json,
    citation_ref,
    finding_json,
    search_hit_json,
    table_json,
)

from .arguments import ArgumentError, ToolArguments
from .compact import BUDGET, fit_statements, json_size
from .specs import (
    DEFAULT_LIMIT,
    DEFAULT_MAX_CHARS,
    DEFAULT_PASSAGES,
    Citations,
    Context,
    EvidenceFilter,
    ExplainTechnique,
    GuidelineFilter,
    Histology,
    RecurrenceLookup,
    Search,
    SiteOptions,
)

__all__ = [
    "HANDLERS",
    "Result",
    "envelope",
    "full_citation",
    "option_json",
    "reference",
    "role_meanings",
]

JSON = dict[str, Any]


@attrs.frozen
class Result:
    """A tool's answer, the keys of the citations it relies on, and whether the
    envelope cites them compactly (key, label, one canonical link) or in full."""

    result: JSON
    keys: list[str] = attrs.Factory(list)
    compact: bool = False


# --- records --------------------------------------------------------------------------


def _link_fields(c: Citation) -> JSON:
    # The 0.1.0 answers had these two canonical links as fields; chatbots read them.
    return {"pubmed_url": c.pubmed_url, "doi_url": c.doi_url}


def reference(c: Citation) -> JSON:
    """How an answer cites an article: :func:`citation_ref` (label, reference, canonical
    links only), plus ``pubmed_url`` and ``doi_url``."""
    return {**citation_ref(c), **_link_fields(c)}


def full_citation(c: Citation) -> JSON:
    """The whole citation record (:func:`citation_json`), plus ``pubmed_url`` and ``doi_url``."""
    return {**citation_json(c), **_link_fields(c)}


def option_json(o: Option) -> JSON:
    """An option with its technique's name and category and what its role means."""
    t = q.technique(o.technique)
    return {
        **to_builtins(o),
        "technique_name": t.name,
        "category": t.category.value,
        "role_meaning": meaning(o.role),
        "citation_keys": list(o.citation_keys),
        "literature_through": o.literature_through,
    }


def option_brief(o: Option, audience: str = "professional") -> JSON:
    """An option's head as a compact answer gives it (statements are added to fit).

    A patient gets the option's plain words in place of the professional summary and
    the labels of its first :data:`PATIENT_SOURCES` sources (questions to ask come with
    ``detail="full"`` and from ``explain_technique``).
    """
    t = q.technique(o.technique)
    brief: JSON = {"technique": o.technique, "technique_name": t.name}
    if audience == "patient" and o.patient is not None:
        brief["role"] = o.role.value
        brief["in_plain_words"] = o.patient.text
        brief["sources"] = [format_citation(k, "label") for k in patient_sources(o)]
    else:
        brief["category"] = t.category.value
        brief["role"] = o.role.value
        brief["summary"] = o.summary
    brief["reviewed"] = o.reviewed
    brief["literature_through"] = o.literature_through
    return brief


#: How many sources a patient's compact option names (the plain words rest on all of
#: the option's sources; one keeps a ten-option site's overview within the budget).
PATIENT_SOURCES = 1


def patient_sources(o: Option) -> tuple[str, ...]:
    """The keys of the first sources an option's statements cite, for a patient's answer."""
    return o.citation_keys[:PATIENT_SOURCES]


def role_meanings() -> dict[str, str]:
    """Every role and what it means ("standard": the usual approach where feasible)."""
    return {role.value: meaning(role) for role in Role}


def _report_json(r: PatternReport) -> Result:
    keys = [k for rule in r.rules for k in rule.citations]
    keys += [f.citation.key for f in r.findings]
    result: JSON = {
        "histology": r.key,
        "name": r.name,
        "rules": to_builtins(r.rules),
        "findings": [finding_json(f) for f in r.findings],
    }
    if not r.rules and not r.findings:
        result["note"] = "the catalogue has nothing on this histology yet"
    return Result(result, keys)


def envelope(tool: str | None, result: JSON, keys: Iterable[str], *, compact: bool = False) -> JSON:
    """A success: the result with data version, disclaimer, what every role means and
    each cited article once (:func:`reference`, or :func:`citation_brief` when compact)."""
    cite = citation_brief if compact else reference
    answer: JSON = {
        "tool": tool,
        "data_version": DATA_VERSION,
        "disclaimer": DISCLAIMER,
        "role_meanings": role_meanings(),
        "result": result,
        "citations": [cite(q.citation(k)) for k in dict.fromkeys(keys)],
    }
    # A chat model may show anything it is given: evidence pages off the canonical
    # hosts are named by host only, never handed out as links.
    shown: JSON = shown_evidence(answer)  # type: ignore[assignment]
    return shown


# --- one handler per tool ----------------------------------------------------------------


_LEFT_OUT = (
    "Some statements were left out to keep this answer short (see statements_left_out; "
    "where in_plain_words_complete is false, the later sentences of in_plain_words too); "
    "call again with detail='full', or with one technique, for all of them."
)


def _context(args: Context) -> Result:
    found = context(
        args.question,
        audience=args.audience or "patient",
        max_chars=DEFAULT_MAX_CHARS if args.max_chars is None else args.max_chars,
        limit=DEFAULT_PASSAGES if args.limit is None else args.limit,
    )
    result = found.to_dict()
    # The passages' words are in "text" already (within max_chars); the list says what
    # each passage is and whom it cites, by label, so nothing is sent twice.
    result["passages"] = [
        {
            "key": p.key,
            "kind": p.kind,
            "title": p.title,
            "role": p.role,
            "citations": [c.label for c in p.citations],
        }
        for p in found.passages
    ]
    keys = [c.key for p in found.passages for c in p.citations]
    return Result(result, keys, compact=True)


def _explain_technique(args: ExplainTechnique) -> Result:
    t = q.technique(args.technique)
    used = [
        {"site": o.site, "site_name": q.site(o.site).name, "role": o.role.value}
        for o in q.options(technique=t)
    ]
    category = {"key": t.category.value, "label": label(t.category), "meaning": meaning(t.category)}
    record = to_builtins(t)
    del record["patient"]
    result: JSON = {"technique": record, "category": category, "used_at": used}
    if (args.audience or "patient") == "patient" and t.patient is not None:
        result = {
            "in_plain_words": t.patient.text,
            "questions": list(t.patient.questions),
            **result,
        }
    return Result(result)


def _list_sites(args: ToolArguments) -> Result:
    return Result({"sites": to_builtins(q.sites())})


def _site_options(args: SiteOptions) -> Result:
    audience = args.audience or "patient"
    s = q.site(args.site)
    t = None if args.technique is None else q.technique(args.technique)
    # With a technique the site has no option for, this raises UnknownOptionError.
    found = q.options(s, technique=t)
    keys = [k for o in found for k in o.citation_keys]
    if args.detail == "full":
        full: JSON = {
            "site": to_builtins(s),
            "technique": None if t is None else to_builtins(t),
            "detail": "full",
            "options": [option_json(o) for o in found],
        }
        return Result(full, keys)
    compact: JSON = {
        "site": {"key": s.key, "name": s.name},
        "technique": None if t is None else {"key": t.key, "name": t.name},
        "detail": "compact",
        "complete": False,
        "note": _LEFT_OUT,
        "options": [option_brief(o, audience) for o in found],
        "audience": audience,
    }
    sources = [k for o in found if audience == "patient" and o.patient for k in patient_sources(o)]
    for brief, o in zip(compact["options"], found, strict=True):
        # Measured with the fields fit_statements adds, so the cut is not undone.
        brief["statements"], brief["statements_left_out"] = [], len(o.statements)
    _shorten_plain_words(
        compact["options"],
        lambda: json_size(envelope("site_options", compact, sources, compact=True)),
    )
    cited = fit_statements(
        found,
        compact["options"],
        lambda: json_size(envelope("site_options", compact, sources, compact=True)),
        already=sources,
    )
    if not any("statements_left_out" in o for o in compact["options"]):
        compact["complete"] = True
        del compact["note"]
    return Result(compact, cited, compact=True)


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9])")


def _shorten_plain_words(options: list[JSON], size_of: Callable[[], int]) -> None:
    """Drop last sentences from the longest plain-words texts until the answer fits the
    budget (each keeps at least its first sentence); a shortened one says so."""
    sentences = {
        i: _SENTENCE_END.split(o["in_plain_words"])
        for i, o in enumerate(options)
        if "in_plain_words" in o
    }
    while size_of() > BUDGET:
        cuttable = [i for i, parts in sentences.items() if len(parts) > 1]
        if not cuttable:
            return
        longest = max(cuttable, key=lambda i: len(options[i]["in_plain_words"]))
        sentences[longest].pop()
        options[longest]["in_plain_words"] = " ".join(sentences[longest])
        options[longest]["in_plain_words_complete"] = False


def _citations(args: Citations) -> Result:
    if args.site is None and args.technique is None:
        raise ArgumentError("give site, technique or both", valid=["site", "technique"])
    s = None if args.site is None else q.site(args.site).key
    t = None if args.technique is None else q.technique(args.technique).key
    keys = [c.key for c in q.citations(site=s, technique=t)]
    return Result({"site": s, "technique": t, "count": len(keys), "citation_keys": keys}, keys)


def _recurrence_lookup(args: RecurrenceLookup) -> Result:
    if args.primary_site is not None and args.table is not None:
        raise ArgumentError("give primary_site or table, not both", valid=["primary_site", "table"])
    if args.primary_site is not None:
        where = q.primary_site(args.primary_site)
        findings = q.recurrence_rate(where)
        return Result(
            {"primary_site": where.key, "findings": [finding_json(f) for f in findings]},
            [f.citation.key for f in findings],
        )
    if args.table is not None:
        table = q.recurrence_table(args.table)
        return Result({"table": table_json(table)}, [table.citation])
    tables = [
        {
            "key": t.key,
            "title": t.title,
            "kind": t.kind.value,
            "kind_label": label(t.kind),
            "citation": t.citation,
        }
        for t in q.recurrence_tables()
    ]
    return Result({"tables": tables})


def _metastatic_pattern(args: Histology) -> Result:
    return _report_json(q.metastatic_pattern(args.histology))


def _nodal_spread(args: Histology) -> Result:
    return _report_json(q.nodal_spread(args.histology))


def _evidence(args: EvidenceFilter) -> Result:
    from sarcoma_local._data.evidence_queries import evidence

    items = evidence(
        args.site,
        args.technique,
        min_patients=args.min_patients,
        since=args.since,
        population=args.population,
        level=args.level,
    )
    shown = items[: DEFAULT_LIMIT if args.limit is None else args.limit]
    figures = [
        {
            "option": f"{i.option.site}/{i.option.technique}",
            "statement": i.statement.text,
            "direction": i.statement.direction.value,
            **to_builtins(i.figure),
            "measure_label": label(i.figure.measure),
            "level": i.level,
            "patients": i.patients,
        }
        for i in shown
    ]
    result: JSON = {"count": len(items), "shown": len(figures), "figures": figures}
    if not items:
        result["note"] = "the catalogue has no outcome figure matching these filters"
    return Result(result, [i.citation.key for i in shown])


def _guidelines(args: GuidelineFilter) -> Result:
    from sarcoma_local._data.evidence_queries import guidelines

    found = guidelines(args.site, args.technique, args.organisation)
    stances = [{**to_builtins(g), "stance_meaning": meaning(g.stance)} for g in found]
    result: JSON = {"count": len(stances), "stances": stances}
    if not stances:
        result["note"] = "the catalogue has no guideline stance matching these filters"
    return Result(result, [g.citation for g in found])


def _search(args: Search) -> Result:
    limit = DEFAULT_LIMIT if args.limit is None else args.limit
    hits = q.search(args.query, kinds=args.kinds, limit=limit)
    found = [search_hit_json(h) for h in hits]
    cited = [h.record.key for h in hits if isinstance(h.record, Citation)]
    return Result({"query": args.query, "hits": found}, cited)


#: The handler of each tool, by name; each takes that tool's arguments class.
HANDLERS: dict[str, Callable[[Any], Result]] = {
    "context": _context,
    "explain_technique": _explain_technique,
    "list_sites": _list_sites,
    "site_options": _site_options,
    "citations": _citations,
    "recurrence_lookup": _recurrence_lookup,
    "metastatic_pattern": _metastatic_pattern,
    "nodal_spread": _nodal_spread,
    "evidence": _evidence,
    "guidelines": _guidelines,
    "search": _search,
}
