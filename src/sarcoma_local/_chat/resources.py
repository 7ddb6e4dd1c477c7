"""The catalogue as resources (what the MCP server serves): an index and one per record.

URIs are ``sarcoma-local://about`` (what the catalogue is and how current),
``sarcoma-local://catalogue`` and ``sarcoma-local://{sites,techniques,citations,
tables}/{key}``. Each resource is JSON with the data version and the
disclaimer; an unknown URI or key is an error dict, as from
:func:`~sarcoma_local._chat.dispatch.call_tool`.

>>> read_resource("sarcoma-local://sites/liver")["result"]["options"][0]["technique"]
'resection'
"""

from __future__ import annotations

from typing import Any

from sarcoma_local._core.convert import to_builtins
from sarcoma_local._core.errors import UnknownKeyError, echo
from sarcoma_local._core.version import DATA_VERSION, DISCLAIMER, __version__
from sarcoma_local._data import queries as q
from sarcoma_local._data.models import Role
from sarcoma_local._render.citations import format_citation

from .arguments import MAX_TEXT, json_type
from .dispatch import call_tool, error, key_error
from .results import envelope, full_citation, option_json, role_meanings
from .specs import TOOLS

__all__ = [
    "RESOURCE_SCHEME",
    "about",
    "list_resource_templates",
    "list_resources",
    "read_resource",
]

JSON = dict[str, Any]

#: URI scheme of the catalogue resources (``sarcoma-local://sites/liver``).
RESOURCE_SCHEME = "sarcoma-local"
_MIME = "application/json"


def _uri(*parts: str) -> str:
    return f"{RESOURCE_SCHEME}://{'/'.join(parts)}"


def _entry(uri: str, name: str, description: str) -> JSON:
    return {"uri": uri, "name": name, "description": description, "mime_type": _MIME}


def list_resources() -> list[JSON]:
    """The fixed resources: about, the catalogue index, each site, technique and table.

    Each is ``{uri, name, description, mime_type}``; citations are reached through
    the ``sarcoma-local://citations/{key}`` template.
    """
    found = [
        _entry(
            _uri("about"),
            "about",
            "What the catalogue is: data version, literature current through (the newest "
            "cited year), coverage counts, what each role means, and the disclaimer.",
        ),
        _entry(
            _uri("catalogue"),
            "catalogue",
            "Index of the catalogue: data version, disclaimer, record counts and the keys and "
            "URIs of every site, technique, table and citation.",
        ),
    ]
    found += [
        _entry(_uri("sites", s.key), f"site: {s.name}", f"Options at {s.name}, cited.")
        for s in q.sites()
    ]
    found += [
        _entry(_uri("techniques", t.key), f"technique: {t.name}", f"{t.name} and where it is used.")
        for t in q.techniques()
    ]
    found += [
        _entry(_uri("tables", t.key), f"table: {t.key}", t.title) for t in q.recurrence_tables()
    ]
    return found


def list_resource_templates() -> list[JSON]:
    """URI templates, ``{uri_template, name, description, mime_type}``, for keyed records."""
    described = {
        "sites": "A site's local-treatment options with their citations.",
        "techniques": "A technique and the sites where the catalogue applies it.",
        "citations": "One citation: authors, title, journal, identifiers, links, provenance.",
        "tables": "One recurrence table with counts, denominators and its source.",
    }
    return [
        {"uri_template": _uri(kind, "{key}"), "name": kind, "description": text, "mime_type": _MIME}
        for kind, text in described.items()
    ]


def _catalogue_index() -> JSON:
    return {
        "data_version": DATA_VERSION,
        "disclaimer": DISCLAIMER,
        "counts": q.data_info()["counts"],
        "sites": [{"key": s.key, "name": s.name, "uri": _uri("sites", s.key)} for s in q.sites()],
        "techniques": [
            {
                "key": t.key,
                "name": t.name,
                "category": t.category.value,
                "uri": _uri("techniques", t.key),
            }
            for t in q.techniques()
        ],
        "tables": [
            {"key": t.key, "title": t.title, "uri": _uri("tables", t.key)}
            for t in q.recurrence_tables()
        ],
        "histologies": [{"key": h.key, "name": h.name} for h in q.histologies()],
        "citations": [
            {"key": c.key, "label": format_citation(c, "label"), "uri": _uri("citations", c.key)}
            for c in q.citations()
        ],
        "tools": [t.name for t in TOOLS],
    }


def about() -> JSON:
    """The ``about`` resource: versions, how current the literature is, coverage, disclaimer.

    "Literature current through" is the newest publication year among the citations:
    nothing newer has been read into the catalogue.
    """
    info = q.data_info()
    by_role = {role.value: len(q.options(role=role)) for role in Role}
    return {
        "name": "sarcoma_local",
        "title": info["title"],
        "library_version": __version__,
        "data_version": DATA_VERSION,
        "curated": info["curated"],
        "literature_current_through": max(c.year for c in q.citations()),
        "coverage": {
            **info["counts"],
            "options_by_role": by_role,
            "sites_covered": [s.key for s in q.sites()],
        },
        "sources": info["sources"],
        "role_meanings": role_meanings(),
        "tools": [t.name for t in TOOLS],
        "disclaimer": DISCLAIMER,
    }


def _technique_resource(key: str) -> JSON:
    t = q.technique(key)
    used = q.options(technique=t)
    result = {"technique": to_builtins(t), "sites": [option_json(o) for o in used]}
    return envelope(None, result, [k for o in used for k in o.citation_keys])


def _citation_resource(key: str) -> JSON:
    c = q.citation(key)
    return envelope(None, {"citation": full_citation(c)}, [c.key])


def read_resource(uri: object) -> JSON:
    """The JSON content of one resource URI, or an error dict (as from ``call_tool``).

    Either way the dict names the ``resource`` asked for (cut to a readable length).
    """
    if not isinstance(uri, str):
        return error("unknown_resource", f"resource URI must be a string, not {json_type(uri)}")
    content = _read(uri)
    content["resource"] = uri[:MAX_TEXT]
    return content


def _read(uri: str) -> JSON:
    prefix = f"{RESOURCE_SCHEME}://"
    path = uri[len(prefix) :] if uri.startswith(prefix) else None
    kind, _, key = (path or "").partition("/")
    try:
        if path == "about":
            return about()
        if path == "catalogue":
            return _catalogue_index()
        if key and "/" not in key:
            if kind == "sites":
                return call_tool("site_options", {"site": key, "detail": "full"})
            if kind == "techniques":
                return _technique_resource(key)
            if kind == "citations":
                return _citation_resource(key)
            if kind == "tables":
                return call_tool("recurrence_lookup", {"table": key})
    except UnknownKeyError as exc:
        return key_error(exc)
    templates = [t["uri_template"] for t in list_resource_templates()]
    return error(
        "unknown_resource",
        f"unknown resource {echo(uri)}; try {_uri('about')}, {_uri('catalogue')} or "
        + ", ".join(templates),
        valid=[_uri("about"), _uri("catalogue"), *templates],
    )
