"""LLM tool definitions for the catalogue, and a dispatcher that never raises.

:func:`tool_specs` describes each query as a tool with a JSON Schema for its
arguments; :func:`call_tool` runs one and returns JSON-ready data. Every answer
carries ``data_version``, ``disclaimer`` and, under ``citations``, the key,
PMID, DOI and links of every article the result relies on. Bad input (an
unknown tool, a missing, extra or mistyped argument, an unknown site) comes back
as ``{"error": {"type", "message", "valid"?, "suggestions"?}}``, never as an
exception, so a chatbot can show it to the model and let it retry.

>>> [s["name"] for s in tool_specs()][:3]
['list_sites', 'site_options', 'citations']
>>> answer = call_tool("site_options", {"site": "liver"})
>>> answer["result"]["options"][0]["technique"], answer["data_version"] == DATA_VERSION
('resection', True)
>>> call_tool("site_options", {"site": "perito"})["error"]["suggestions"]
['peritoneum', 'retroperitoneum']

The MCP server (:mod:`sarcoma_local._chat.mcp_server`) serves these same tools.
Nothing here imports ``jsonschema``: arguments are checked by a small
validator that understands exactly the schema keywords the specs use.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal

from sarcoma_local._core.errors import InvalidIdentifierError, SarcomaLocalError, UnknownKeyError
from sarcoma_local._core.version import DATA_VERSION, DISCLAIMER
from sarcoma_local._data.indexing import KIND_RANK

if TYPE_CHECKING:
    from sarcoma_local._data.models import Citation, Finding, Option, PatternReport, RecurrenceTable

__all__ = [
    "RESOURCE_SCHEME",
    "call_tool",
    "list_resource_templates",
    "list_resources",
    "read_resource",
    "to_anthropic",
    "to_openai",
    "tool_specs",
]

JSON = dict[str, Any]
SpecFormat = Literal["neutral", "openai", "anthropic"]

#: URI scheme of the catalogue resources (``sarcoma-local://sites/liver``).
RESOURCE_SCHEME = "sarcoma-local"
_MIME = "application/json"

# Longest free-text argument accepted: names and queries are short, and a cap
# keeps a runaway model from sending megabytes into the fuzzy matcher.
_MAX_TEXT = 200
_MAX_LIMIT = 50
_SEARCH_KINDS = tuple(KIND_RANK)  # the record kinds search() ranks, in its tie-break order


# --- specs ---------------------------------------------------------------------------


def _text(description: str) -> JSON:
    return {"type": "string", "minLength": 1, "maxLength": _MAX_TEXT, "description": description}


_SITE = (
    "Metastatic site: a key (liver, lung, liver-and-lung, limb, brain, bone, lymph-nodes, "
    "pancreas, peritoneum, retroperitoneum, soft-tissue, heart), a name or an alias such as "
    "'pulmonary'; small typos resolve."
)
_TECHNIQUE = (
    "Local-treatment technique: a key (resection, radiofrequency-ablation, cryoablation, "
    "stereotactic-body-radiotherapy ...), a name or an abbreviation such as 'RFA' or 'SBRT'."
)
_HISTOLOGY = (
    "Tumour type, e.g. leiomyosarcoma, 'LMS', 'myxoid liposarcoma', 'clear cell sarcoma', "
    "synovial sarcoma, angiosarcoma."
)

_SPECS: tuple[JSON, ...] = (
    {
        "name": "list_sites",
        "description": (
            "List every metastatic site the catalogue covers (liver, lung, brain, bone ...), "
            "with key, name, aliases and a short description. Use the keys with the other "
            "tools."
        ),
        "input_schema": {"type": "object", "properties": {}, "additionalProperties": False},
    },
    {
        "name": "site_options",
        "description": (
            "Local-treatment options for metastases at one site, surgery first: each "
            "technique's role there (standard, alternative, palliative, investigational, "
            "staging), a summary, and cited statements. Optionally only one technique. "
            "Describes published evidence; it does not recommend a treatment."
        ),
        "input_schema": {
            "type": "object",
            "properties": {"site": _text(_SITE), "technique": _text(_TECHNIQUE)},
            "required": ["site"],
            "additionalProperties": False,
        },
    },
    {
        "name": "citations",
        "description": (
            "The journal articles behind the options at a site, for a technique, or for one "
            "technique at one site: authors, title, journal, year, PMID, DOI, links, study "
            "type, population and a short summary. Give site, technique or both."
        ),
        "input_schema": {
            "type": "object",
            "properties": {"site": _text(_SITE), "technique": _text(_TECHNIQUE)},
            "additionalProperties": False,
        },
    },
    {
        "name": "recurrence_lookup",
        "description": (
            "Published recurrence counts. With primary_site (extremity, retroperitoneum, "
            "head-and-neck, trunk, visceral, uterus ...): how often sarcoma recurred by the "
            "site of the primary tumour, each count with its denominator and source. With "
            "table: one whole table by key. With neither: the list of table keys. Give at "
            "most one of the two."
        ),
        "input_schema": {
            "type": "object",
            "properties": {
                "primary_site": _text("Site of the primary tumour, e.g. extremity."),
                "table": _text("Recurrence-table key or title, from this tool with no arguments."),
            },
            "additionalProperties": False,
        },
    },
    {
        "name": "metastatic_pattern",
        "description": (
            "Where a sarcoma histology tends to spread: qualitative rules (e.g. myxoid "
            "liposarcoma spreads outside the lungs) and counted site frequencies, cited."
        ),
        "input_schema": {
            "type": "object",
            "properties": {"histology": _text(_HISTOLOGY)},
            "required": ["histology"],
            "additionalProperties": False,
        },
    },
    {
        "name": "nodal_spread",
        "description": (
            "How often a sarcoma histology spreads to lymph nodes: rules naming the "
            "exceptions (clear cell, epithelioid, rhabdomyosarcoma ...) and counted rows, cited."
        ),
        "input_schema": {
            "type": "object",
            "properties": {"histology": _text(_HISTOLOGY)},
            "required": ["histology"],
            "additionalProperties": False,
        },
    },
    {
        "name": "search",
        "description": (
            "Ranked, typo-tolerant free-text search over sites, techniques, options, "
            "citations, recurrence tables and rules. Use it when unsure of a key."
        ),
        "input_schema": {
            "type": "object",
            "properties": {
                "query": _text("Words to look for, e.g. 'cryo liver' or 'Potter 1985'."),
                "kinds": {
                    "type": "array",
                    "items": {"type": "string", "enum": list(_SEARCH_KINDS)},
                    "uniqueItems": True,
                    "maxItems": len(_SEARCH_KINDS),
                    "description": "Only these record kinds (default: all).",
                },
                "limit": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": _MAX_LIMIT,
                    "default": 10,
                    "description": "Most hits to return.",
                },
            },
            "required": ["query"],
            "additionalProperties": False,
        },
    },
)
_SPEC_BY_NAME: dict[str, JSON] = {s["name"]: s for s in _SPECS}


def tool_specs(format: SpecFormat = "neutral") -> list[JSON]:
    """The tools as a fresh list of dicts, ready to hand to an LLM API.

    ``"neutral"`` gives ``{name, description, input_schema}``; ``"anthropic"`` is
    the Anthropic Messages API's tool shape; ``"openai"`` wraps each as
    ``{"type": "function", "function": {name, description, parameters}}``.

    >>> tool_specs("openai")[0]["function"]["name"]
    'list_sites'
    """
    convert: dict[str, Callable[[JSON], JSON]] = {
        "neutral": copy.deepcopy,
        "openai": to_openai,
        "anthropic": to_anthropic,
    }
    if format not in convert:
        raise ValueError(f"unknown format {format!r}; choose from {sorted(convert)}")
    return [convert[format](spec) for spec in _SPECS]


def to_openai(spec: Mapping[str, Any]) -> JSON:
    """One neutral spec as an OpenAI Chat Completions function tool."""
    return {
        "type": "function",
        "function": {
            "name": spec["name"],
            "description": spec["description"],
            "parameters": copy.deepcopy(spec["input_schema"]),
        },
    }


def to_anthropic(spec: Mapping[str, Any]) -> JSON:
    """One neutral spec as an Anthropic Messages API tool (the neutral shape itself)."""
    return {
        "name": spec["name"],
        "description": spec["description"],
        "input_schema": copy.deepcopy(spec["input_schema"]),
    }


# --- argument checks -----------------------------------------------------------------


class _BadArguments(Exception):
    """Raised inside the dispatcher only; turned into an ``invalid_arguments`` error."""

    def __init__(
        self, message: str, *, argument: str | None = None, valid: list[str] | None = None
    ) -> None:
        super().__init__(message)
        self.argument = argument
        self.valid = valid


def _type_name(value: object) -> str:
    """The JSON name of a value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "array"
    if isinstance(value, Mapping):
        return "object"
    return type(value).__name__


def _check_value(name: str, schema: Mapping[str, Any], value: object) -> None:
    kind = schema["type"]
    wrong = _BadArguments(
        f"argument {name!r} must be {'an' if kind[0] in 'aei' else 'a'} {kind}, "
        f"not {_type_name(value)}",
        argument=name,
    )
    if kind == "string":
        if not isinstance(value, str):
            raise wrong
        if len(value.strip()) < schema.get("minLength", 0):
            raise _BadArguments(f"argument {name!r} must not be empty", argument=name)
        if len(value) > schema.get("maxLength", len(value)):
            raise _BadArguments(
                f"argument {name!r} is longer than {schema['maxLength']} characters",
                argument=name,
            )
        if "enum" in schema and value not in schema["enum"]:
            raise _BadArguments(
                f"argument {name!r} must be one of {schema['enum']}, not {value!r}",
                argument=name,
                valid=list(schema["enum"]),
            )
    elif kind == "integer":
        # bool is an int subclass; JSON true is not a number.
        if not isinstance(value, int) or isinstance(value, bool):
            raise wrong
        low, high = schema.get("minimum"), schema.get("maximum")
        if (low is not None and value < low) or (high is not None and value > high):
            raise _BadArguments(
                f"argument {name!r} must be between {low} and {high}, not {value}", argument=name
            )
    elif kind == "array":
        if not isinstance(value, list | tuple):
            raise wrong
        if len(value) > schema.get("maxItems", len(value)):
            raise _BadArguments(
                f"argument {name!r} has more than {schema['maxItems']} items", argument=name
            )
        if schema.get("uniqueItems") and len(set(map(repr, value))) != len(value):
            raise _BadArguments(f"argument {name!r} repeats an item", argument=name)
        for item in value:
            _check_value(f"{name} item", schema["items"], item)
    else:  # pragma: no cover - every spec uses the types above
        raise AssertionError(f"schema type {kind!r} is not supported by the checker")


def _checked(schema: Mapping[str, Any], arguments: object) -> JSON:
    """The arguments, with explicit nulls for optional ones dropped, or _BadArguments."""
    if isinstance(arguments, str):
        # OpenAI hands over function arguments as a JSON string.
        try:
            arguments = json.loads(arguments) if arguments.strip() else {}
        except (ValueError, RecursionError):
            raise _BadArguments("arguments are not valid JSON") from None
    if arguments is None:
        arguments = {}
    if not isinstance(arguments, Mapping):
        raise _BadArguments(f"arguments must be an object, not {_type_name(arguments)}")
    properties: Mapping[str, Any] = schema["properties"]
    required: list[str] = schema.get("required", [])
    extra = [k for k in arguments if k not in properties]
    if extra:
        names = ", ".join(repr(k) for k in extra)
        raise _BadArguments(
            f"unexpected argument{'s' if len(extra) > 1 else ''} {names}",
            argument=str(extra[0]),
            valid=list(properties),
        )
    # Models often send null for an optional argument they mean to leave out.
    given = {k: v for k, v in arguments.items() if v is not None or k in required}
    for name in required:
        if name not in given:
            raise _BadArguments(f"missing required argument {name!r}", argument=name)
    for name, value in given.items():
        _check_value(name, properties[name], value)
    return given


# --- results -------------------------------------------------------------------------


def _citation_ref(c: Citation) -> JSON:
    """What a chatbot needs to cite an article and link to it."""
    return {
        "key": c.key,
        "label": c.short(),
        "title": c.title,
        "authors": [str(a) for a in c.authors],
        "et_al": c.et_al,
        "journal": c.journal,
        "year": c.year,
        "volume": c.volume,
        "issue": c.issue,
        "pages": c.pages,
        "pmid": c.pmid,
        "doi": c.doi,
        "pmcid": c.pmcid,
        "pubmed_url": c.pubmed_url,
        "doi_url": c.doi_url,
        "url": c.url,
        "study_type": c.study_type.value,
        "population": c.population.value,
        "summary": c.summary,
        "flags": list(c.flags),
    }


def _option_json(o: Option) -> JSON:
    from sarcoma_local._data.queries import technique

    t = technique(o.technique)
    return {
        "technique": t.key,
        "technique_name": t.name,
        "category": t.category.value,
        "role": o.role.value,
        "summary": o.summary,
        "statements": [{"text": s.text, "citations": list(s.citations)} for s in o.statements],
        "citation_keys": list(o.citation_keys),
        "flags": list(o.flags),
    }


def _finding_json(f: Finding) -> JSON:
    r = f.row
    return {
        "table": f.table.key,
        "table_title": f.table.title,
        "label": r.label,
        "numerator": r.numerator,
        "denominator": r.denominator,
        "percent_reported": r.percent_reported,
        "percent_computed": r.percent_computed,
        "percent_mismatch": r.percent_mismatch,
        "derived": r.derived,
        "measure": f.table.measure,
        "population": f.table.population,
        "note": r.note,
        "citation": f.citation.key,
    }


def _table_json(t: RecurrenceTable) -> JSON:
    from sarcoma_local._core.convert import to_builtins

    data: JSON = to_builtins(t)
    # The computed fields are properties, which unstructuring leaves out.
    for row, out in zip(t.rows, data["rows"], strict=True):
        out["percent_computed"] = row.percent_computed
        out["percent_mismatch"] = row.percent_mismatch
    return data


def _report_json(r: PatternReport) -> tuple[JSON, list[str]]:
    from sarcoma_local._core.convert import to_builtins

    keys = [k for rule in r.rules for k in rule.citations]
    keys += [f.citation.key for f in r.findings]
    result = {
        "histology": r.key,
        "name": r.name,
        "rules": to_builtins(r.rules),
        "findings": [_finding_json(f) for f in r.findings],
    }
    if not r.rules and not r.findings:
        result["note"] = "the catalogue has nothing on this histology yet"
    return result, keys


_Result = tuple[JSON, list[str]]


def _list_sites(args: JSON) -> _Result:
    from sarcoma_local._core.convert import to_builtins
    from sarcoma_local._data.queries import sites

    return {"sites": to_builtins(sites())}, []


def _site_options(args: JSON) -> _Result:
    from sarcoma_local._core.convert import to_builtins
    from sarcoma_local._data.queries import options, site, technique

    s = site(args["site"])
    t = technique(args["technique"]) if "technique" in args else None
    found = options(s.key, technique=None if t is None else t.key)
    result: JSON = {
        "site": to_builtins(s),
        "technique": None if t is None else to_builtins(t),
        "options": [_option_json(o) for o in found],
    }
    if t is not None and not found:
        result["note"] = (
            f"the catalogue has no {t.key} option at {s.key}; techniques there: "
            + ", ".join(o.technique for o in options(s.key))
        )
    return result, [k for o in found for k in o.citation_keys]


def _citations(args: JSON) -> _Result:
    from sarcoma_local._data.queries import citations, site, technique

    if not args:
        raise _BadArguments("give site, technique or both", valid=["site", "technique"])
    s = site(args["site"]).key if "site" in args else None
    t = technique(args["technique"]).key if "technique" in args else None
    found = citations(site=s, technique=t)
    keys = [c.key for c in found]
    return {"site": s, "technique": t, "count": len(keys), "citation_keys": keys}, keys


def _recurrence_lookup(args: JSON) -> _Result:
    from sarcoma_local._data.queries import recurrence_rate, recurrence_table, recurrence_tables

    if len(args) > 1:
        raise _BadArguments("give primary_site or table, not both", valid=["primary_site", "table"])
    if "primary_site" in args:
        findings = recurrence_rate(args["primary_site"])
        key = findings[0].row.primary_site if findings else args["primary_site"]
        return (
            {"primary_site": key, "findings": [_finding_json(f) for f in findings]},
            [f.citation.key for f in findings],
        )
    if "table" in args:
        table = recurrence_table(args["table"])
        return {"table": _table_json(table)}, [table.citation]
    tables = [
        {"key": t.key, "title": t.title, "kind": t.kind.value, "citation": t.citation}
        for t in recurrence_tables()
    ]
    return {"tables": tables}, []


def _metastatic_pattern(args: JSON) -> _Result:
    from sarcoma_local._data.queries import metastatic_pattern

    return _report_json(metastatic_pattern(args["histology"]))


def _nodal_spread(args: JSON) -> _Result:
    from sarcoma_local._data.queries import nodal_spread

    return _report_json(nodal_spread(args["histology"]))


def _search(args: JSON) -> _Result:
    from sarcoma_local._data.models import Citation
    from sarcoma_local._data.queries import search

    hits = search(args["query"], kinds=args.get("kinds"), limit=args.get("limit", 10))
    return (
        {
            "query": args["query"],
            "hits": [
                {"kind": h.kind, "key": h.key, "label": h.label, "score": round(h.score, 3)}
                for h in hits
            ],
        },
        [h.record.key for h in hits if isinstance(h.record, Citation)],
    )


_HANDLERS: dict[str, Callable[[JSON], _Result]] = {
    "list_sites": _list_sites,
    "site_options": _site_options,
    "citations": _citations,
    "recurrence_lookup": _recurrence_lookup,
    "metastatic_pattern": _metastatic_pattern,
    "nodal_spread": _nodal_spread,
    "search": _search,
}


def _envelope(tool: str | None, result: JSON, keys: list[str]) -> JSON:
    from sarcoma_local._data.queries import citation

    return {
        "tool": tool,
        "data_version": DATA_VERSION,
        "disclaimer": DISCLAIMER,
        "result": result,
        "citations": [_citation_ref(citation(k)) for k in dict.fromkeys(keys)],
    }


def _error(
    kind: str,
    message: str,
    *,
    tool: object = None,
    argument: str | None = None,
    valid: list[str] | None = None,
    suggestions: list[str] | None = None,
) -> JSON:
    error: JSON = {"type": kind, "message": message}
    if argument is not None:
        error["argument"] = argument
    if valid is not None:
        error["valid"] = valid
    if suggestions is not None:
        error["suggestions"] = suggestions
    return {
        "tool": tool if isinstance(tool, str) else None,
        "error": error,
        "data_version": DATA_VERSION,
        "disclaimer": DISCLAIMER,
    }


def call_tool(name: str, arguments: Mapping[str, Any] | str | None = None) -> JSON:
    """Run tool ``name`` with ``arguments``; always returns a JSON-ready dict.

    On success: ``{"tool", "data_version", "disclaimer", "result", "citations"}``,
    where ``citations`` has the key, label, PMID, DOI and links of every article
    the result cites. On bad input: ``{"tool", "error": {"type", "message", ...},
    "data_version", "disclaimer"}`` with ``type`` one of ``unknown_tool``,
    ``invalid_arguments``, ``unknown_site`` (and the other ``unknown_*`` kinds),
    ``invalid_identifier`` or ``internal_error``. ``arguments`` may also be the
    JSON string an OpenAI tool call carries.

    >>> call_tool("list_site")["error"]["suggestions"]
    ['list_sites']
    >>> call_tool("search", {"query": "cryo", "limit": "5"})["error"]["message"]
    "argument 'limit' must be an integer, not string"
    """
    if not isinstance(name, str) or name not in _HANDLERS:
        return _unknown_tool(name)
    try:
        args = _checked(_SPEC_BY_NAME[name]["input_schema"], arguments)
        result, keys = _HANDLERS[name](args)
        return _envelope(name, result, keys)
    except _BadArguments as exc:
        return _error(
            "invalid_arguments", str(exc), tool=name, argument=exc.argument, valid=exc.valid
        )
    except UnknownKeyError as exc:
        return _error(
            f"unknown_{exc.kind.replace(' ', '_')}",
            str(exc),
            tool=name,
            valid=list(exc.valid),
            suggestions=list(exc.suggestions),
        )
    except InvalidIdentifierError as exc:
        return _error("invalid_identifier", str(exc), tool=name)
    except (SarcomaLocalError, TypeError, ValueError) as exc:
        return _error("invalid_arguments", str(exc), tool=name)
    except Exception as exc:  # a chatbot must get an answer, never a traceback
        return _error("internal_error", f"{type(exc).__name__} while running {name}", tool=name)


def _unknown_tool(name: object) -> JSON:
    from sarcoma_local._data.lookup import Lookup

    valid = list(_HANDLERS)
    suggestions: list[str] = []
    if isinstance(name, str):
        suggestions = list(Lookup((k, ()) for k in valid).suggestions(name[:_MAX_TEXT]))
    shown = repr(name) if isinstance(name, str) else f"of type {_type_name(name)}"
    return _error(
        "unknown_tool",
        f"unknown tool {shown}; valid tools: {', '.join(valid)}",
        tool=name,
        valid=valid,
        suggestions=suggestions,
    )


# --- resources (served by the MCP server) --------------------------------------------


def _uri(*parts: str) -> str:
    return f"{RESOURCE_SCHEME}://{'/'.join(parts)}"


def list_resources() -> list[JSON]:
    """The fixed resources: the catalogue index, each site, technique and table.

    Each is ``{uri, name, description, mime_type}``; citations are reached through
    the ``sarcoma-local://citations/{key}`` template.
    """
    from sarcoma_local._data.queries import recurrence_tables, sites, techniques

    def entry(uri: str, name: str, description: str) -> JSON:
        return {"uri": uri, "name": name, "description": description, "mime_type": _MIME}

    found = [
        entry(
            _uri("catalogue"),
            "catalogue",
            "Index of the catalogue: data version, disclaimer, record counts and the keys and "
            "URIs of every site, technique, table and citation.",
        )
    ]
    found += [
        entry(_uri("sites", s.key), f"site: {s.name}", f"Options at {s.name}, cited.")
        for s in sites()
    ]
    found += [
        entry(_uri("techniques", t.key), f"technique: {t.name}", f"{t.name} and where it is used.")
        for t in techniques()
    ]
    found += [entry(_uri("tables", t.key), f"table: {t.key}", t.title) for t in recurrence_tables()]
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
        {
            "uri_template": _uri(kind, "{key}"),
            "name": kind,
            "description": text,
            "mime_type": _MIME,
        }
        for kind, text in described.items()
    ]


def _catalogue_index() -> JSON:
    from sarcoma_local._data.queries import (
        citations,
        data_info,
        histologies,
        recurrence_tables,
        sites,
        techniques,
    )

    info = data_info()
    return {
        "data_version": DATA_VERSION,
        "disclaimer": DISCLAIMER,
        "counts": info["counts"],
        "sites": [{"key": s.key, "name": s.name, "uri": _uri("sites", s.key)} for s in sites()],
        "techniques": [
            {
                "key": t.key,
                "name": t.name,
                "category": t.category.value,
                "uri": _uri("techniques", t.key),
            }
            for t in techniques()
        ],
        "tables": [
            {"key": t.key, "title": t.title, "uri": _uri("tables", t.key)}
            for t in recurrence_tables()
        ],
        "histologies": [{"key": h.key, "name": h.name} for h in histologies()],
        "citations": [
            {"key": c.key, "label": c.short(), "uri": _uri("citations", c.key)} for c in citations()
        ],
        "tools": [s["name"] for s in _SPECS],
    }


def _technique_resource(key: str) -> JSON:
    from sarcoma_local._core.convert import to_builtins
    from sarcoma_local._data.queries import options, technique

    t = technique(key)
    used = options(technique=t.key)
    result = {
        "technique": to_builtins(t),
        "sites": [{"site": o.site, "role": o.role.value, "summary": o.summary} for o in used],
    }
    return _envelope(None, result, [k for o in used for k in o.citation_keys])


def _citation_resource(key: str) -> JSON:
    from sarcoma_local._core.convert import to_builtins
    from sarcoma_local._data.queries import citation

    c = citation(key)
    record: JSON = to_builtins(c)
    record.update(label=c.short(), pubmed_url=c.pubmed_url, doi_url=c.doi_url)
    return _envelope(None, {"citation": record}, [c.key])


def read_resource(uri: object) -> JSON:
    """The JSON content of one resource URI, or an error dict (as from :func:`call_tool`).

    Either way the dict names the ``resource`` asked for.

    >>> read_resource("sarcoma-local://sites/liver")["result"]["options"][0]["technique"]
    'resection'
    """
    if not isinstance(uri, str):
        return _error("unknown_resource", f"resource URI must be a string, not {_type_name(uri)}")
    content = _read(uri)
    content["resource"] = uri[:_MAX_TEXT]
    return content


def _read(uri: str) -> JSON:
    prefix = f"{RESOURCE_SCHEME}://"
    path = uri[len(prefix) :] if uri.startswith(prefix) else None
    kind, _, key = (path or "").partition("/")
    try:
        if path == "catalogue":
            return _catalogue_index()
        if key and "/" not in key:
            if kind == "sites":
                return call_tool("site_options", {"site": key})
            if kind == "techniques":
                return _technique_resource(key)
            if kind == "citations":
                return _citation_resource(key)
            if kind == "tables":
                return call_tool("recurrence_lookup", {"table": key})
    except UnknownKeyError as exc:
        return _error(
            f"unknown_{exc.kind.replace(' ', '_')}",
            str(exc),
            valid=list(exc.valid),
            suggestions=list(exc.suggestions),
        )
    templates = [t["uri_template"] for t in list_resource_templates()]
    return _error(
        "unknown_resource",
        f"unknown resource {uri[:_MAX_TEXT]!r}; try {_uri('catalogue')} or " + ", ".join(templates),
        valid=[_uri("catalogue"), *templates],
    )
