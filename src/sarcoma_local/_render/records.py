"""JSON views of records for people and programs: the one place such dicts are built.

The catalogue export unstructures whole records (:func:`~sarcoma_local._core.convert.to_builtins`);
the CLI's ``--json`` and the chat tools add the few things a record computes (a row's
percent from its counts, a citation's label and links) through the functions here, so
both surfaces return the same fields.
"""

from __future__ import annotations

from typing import Any

from sarcoma_local._core.convert import to_builtins
from sarcoma_local._data.models import (
    Citation,
    Finding,
    RecurrenceRow,
    RecurrenceTable,
    SearchHit,
)

from .citations import format_citation
from .links import citation_links, primary_link

__all__ = [
    "citation_brief",
    "citation_json",
    "citation_ref",
    "finding_json",
    "row_json",
    "search_hit_json",
    "table_json",
]

JSON = dict[str, Any]


def row_json(row: RecurrenceRow) -> JSON:
    """A table row with the percent its counts give and whether the printed one disagrees."""
    data: JSON = to_builtins(row)
    data["percent_computed"] = row.percent_computed
    data["percent_mismatch"] = row.percent_mismatch
    return data


def table_json(table: RecurrenceTable) -> JSON:
    """A whole recurrence table, each row as :func:`row_json`."""
    data: JSON = to_builtins(table)
    data["rows"] = [row_json(r) for r in table.rows]
    return data


def finding_json(f: Finding) -> JSON:
    """One row of one table, with the table's key, title, measure, population and source."""
    return {
        "table": f.table.key,
        "table_title": f.table.title,
        "measure": f.table.measure,
        "population": f.table.population,
        **row_json(f.row),
        "citation": f.citation.key,
    }


def citation_ref(c: Citation) -> JSON:
    """What a reader or a chatbot needs to cite an article and link to it."""
    return {
        "key": c.key,
        "label": format_citation(c, "label"),
        "short": format_citation(c, "short"),
        "reference": format_citation(c, "nlm"),
        "title": c.title,
        "year": c.year,
        "pmid": c.pmid,
        "doi": c.doi,
        "pmcid": c.pmcid,
        "links": [to_builtins(link) for link in citation_links(c)],
        "study_type": c.study_type.value,
        "population": c.population.value,
        "summary": c.summary,
        "flags": [f.value for f in c.flags],
    }


def citation_brief(c: Citation) -> JSON:
    """The least a compact answer needs to cite an article: key, label and one link
    (:func:`~sarcoma_local._render.links.primary_link`, canonical; ``None`` without one)."""
    link = primary_link(c)
    return {"key": c.key, "label": format_citation(c, "label"), "link": link.url if link else None}


def citation_json(c: Citation) -> JSON:
    """The whole citation record, plus its label, reference text and links."""
    data: JSON = to_builtins(c)
    data["label"] = format_citation(c, "label")
    data["reference"] = format_citation(c, "nlm")
    data["links"] = [to_builtins(link) for link in citation_links(c)]
    return data


def search_hit_json(hit: SearchHit) -> JSON:
    """One search result without its record: kind, key, label and score (3 decimals)."""
    return {"kind": hit.kind, "key": hit.key, "label": hit.label, "score": round(hit.score, 3)}
