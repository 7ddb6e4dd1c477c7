"""Catalogue commands: ``sites``, ``show``, ``techniques``, ``technique``, ``citation``,
``citations`` and ``search``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from sarcoma_local._cli.output import (
    Add,
    NoAnswerError,
    UsageError,
    disclaimer_line,
    fill,
    wrap,
)

if TYPE_CHECKING:
    from sarcoma_local._cli.references import References
    from sarcoma_local._data.models import Citation, Option

__all__ = ["add_commands"]


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text[:40]!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _cmd_sites(args: argparse.Namespace) -> object:
    from sarcoma_local._data.queries import sites

    found = sites()
    if args.json:
        return found
    for s in found:
        parts = f" (= {' + '.join(s.parts)})" if s.parts else ""
        print(f"{s.key:<22} {s.name}{parts}")
    return None


def _cited(text: str, refs: str) -> str:
    """A statement with its reference numbers before its closing period."""
    if not refs:
        return text
    return f"{text[:-1]} {refs}." if text.endswith(".") else f"{text} {refs}"


def _option_block(option: Option, refs: References) -> list[str]:
    from sarcoma_local._data.queries import technique
    from sarcoma_local._render.labels import label

    # Options are not numbered: numbers in this view point into the reference list.
    out = [f"{technique(option.technique).name} [{label(option.role)}]"]
    out.append(wrap(option.summary, "  "))
    for statement in option.statements:
        out.append(wrap(f"- {_cited(statement.text, refs.cite(statement.citations))}", "  ", "  "))
    # Sources the statements do not cite still belong in the list.
    refs.cite(option.citation_keys)
    return out


def _cmd_show(args: argparse.Namespace) -> object:
    from sarcoma_local._cli.references import References
    from sarcoma_local._data.queries import citation, options, site
    from sarcoma_local._render.records import citation_ref

    s = site(args.name)
    found = options(s, technique=args.technique)
    if args.json:
        keys = dict.fromkeys(k for o in found for k in o.citation_keys)
        return {
            "site": s,
            "options": found,
            "citations": [citation_ref(citation(k)) for k in keys],
        }
    refs = References()
    out = [s.name, "=" * len(s.name)]
    if s.description:
        out.append(wrap(s.description))
    out += ["", "Local-treatment options (surgery first):", ""]
    for option in found:
        out += [*_option_block(option, refs), ""]
    out += [*refs.lines(), "", disclaimer_line()]
    print("\n".join(out))
    return None


def _cmd_techniques(args: argparse.Namespace) -> object:
    from sarcoma_local._data.queries import techniques

    found = techniques(site=args.site, category=args.category)
    if not found:
        raise NoAnswerError("no technique matches these filters")
    if args.json:
        return found
    for t in found:
        print(f"{t.key:<34} {t.category.value:<13} {t.name}")
    return None


def _cmd_technique(args: argparse.Namespace) -> object:
    from sarcoma_local._data.queries import options, technique
    from sarcoma_local._render.labels import label

    t = technique(args.name)
    found = options(technique=t)
    if args.json:
        return {"technique": t, "options": found}
    out = [f"{t.name} ({label(t.category)})", wrap(t.summary), "", "Used at:"]
    out.extend(f"  {o.site} [{label(o.role)}]" for o in found)
    out += ["", disclaimer_line()]
    print("\n".join(out))
    return None


def _citation_text(c: Citation) -> list[str]:
    from sarcoma_local._render.citations import format_citation
    from sarcoma_local._render.labels import label, meaning, shown_flags
    from sarcoma_local._render.links import citation_links, evidence_place

    out = [c.key, wrap(format_citation(c, "nlm"))]
    out.extend(f"{link.name}: {link.url}" for link in citation_links(c))
    out.append(f"Study: {label(c.study_type)}; population: {label(c.population)}")
    if c.summary:
        out.append(wrap(c.summary))
    out.extend(f"Listed by: {label(p.source)} {p.label}" for p in c.provenance)
    out.extend(
        wrap(f"Verified {e.field}: {e.kind.value} at {evidence_place(e.where)}", "", "  ")
        for e in c.evidence
    )
    out.extend(wrap(f"Compiler's note: {note.text}") for note in c.editorial_notes)
    out.extend(wrap(f"Note: {meaning(flag)}") for flag in shown_flags(c.flags))
    return out


def _cmd_citation(args: argparse.Namespace) -> object:
    from sarcoma_local._data.queries import citation
    from sarcoma_local._render.records import citation_json

    c = citation(args.key, pmid=args.pmid, doi=args.doi, pmcid=args.pmcid)
    if args.json:
        return citation_json(c)
    print("\n".join([*_citation_text(c), "", disclaimer_line()]))
    return None


def _cmd_citations(args: argparse.Namespace) -> object:
    from sarcoma_local._data.queries import citations
    from sarcoma_local._render.citations import format_citation
    from sarcoma_local._render.records import citation_json

    found = citations(site=args.site, technique=args.technique)
    if not found:
        raise NoAnswerError("no citation matches these filters")
    if args.json:
        return [citation_json(c) for c in found]
    out = [fill(format_citation(c, "nlm"), f"[{c.key}] ", "    ") for c in found]
    print("\n".join([*out, "", disclaimer_line()]))
    return None


def _cmd_search(args: argparse.Namespace) -> object:
    from sarcoma_local._cli.output import cap
    from sarcoma_local._data.queries import search

    query = " ".join(args.query)
    if not query.strip():
        raise UsageError("search: give some words to search for")
    hits = search(query, kinds=args.kind or None, limit=args.limit)
    if not hits:
        raise NoAnswerError(f"no matches for {cap(query, 60)!r}")
    if args.json:
        from sarcoma_local._render.records import search_hit_json

        return [search_hit_json(h) for h in hits]
    lines = [f"{h.score:7.2f}  {h.kind:<9} {h.key:<40} {h.label}" for h in hits]
    print("\n".join([*lines, "", disclaimer_line()]))
    return None


def add_commands(add: Add) -> None:
    """Register the catalogue commands."""
    add("sites", _cmd_sites, "list metastatic sites")
    p: Any = add("show", _cmd_show, "a site's local-treatment options with their references")
    p.add_argument("name", help="site key, name or alias, e.g. liver, pulmonary")
    p.add_argument("--technique", help="only this technique")
    p = add("techniques", _cmd_techniques, "list techniques, surgery first")
    p.add_argument("--site", help="only techniques used at this site")
    p.add_argument("--category", help="surgery, ablation, embolisation, ...")
    p = add("technique", _cmd_technique, "one technique and where it is used")
    p.add_argument("name", help="technique key, name or alias, e.g. RFA")
    p = add("citation", _cmd_citation, "look up one citation by key, PMID, DOI or PMCID")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("key", nargs="?", help="stable citation key, e.g. potter-1985-353")
    which.add_argument("--pmid", help="PubMed identifier")
    which.add_argument("--doi", help="DOI")
    which.add_argument("--pmcid", help="PubMed Central identifier, e.g. PMC1234567")
    p = add("citations", _cmd_citations, "list citations, optionally for a site/technique")
    p.add_argument("--site")
    p.add_argument("--technique")
    p = add("search", _cmd_search, "ranked free-text search over everything")
    p.add_argument("query", nargs="+")
    p.add_argument("--kind", action="append", help="site, technique, option, citation, ...")
    p.add_argument("--limit", type=_positive, default=10, help="at most this many (default 10)")
