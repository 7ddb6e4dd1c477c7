"""The chat tools: what each one is called, what it does, and its arguments, defined once.

Each tool's arguments are a frozen attrs class; its ``input_schema`` is generated from
that class (:func:`~sarcoma_local._core.jsonschema.object_schema`) and incoming
arguments are checked against the same class (:mod:`sarcoma_local._chat.arguments`),
so what a model is told and what is enforced cannot differ. :func:`tool_specs` gives
the tools in the neutral shape or the one the OpenAI or Anthropic API takes.

>>> [s["name"] for s in tool_specs()][:3]
['context', 'list_sites', 'site_options']
>>> tool_specs()[2]["input_schema"]["required"]
['site']
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any, Literal

import attrs

from sarcoma_local._answers.context import DEFAULT_LIMIT as DEFAULT_PASSAGES
from sarcoma_local._answers.context import DEFAULT_MAX_CHARS, MIN_MAX_CHARS
from sarcoma_local._core.jsonschema import object_schema
from sarcoma_local._data.indexing import KIND_RANK
from sarcoma_local._render.labels import AUDIENCES

from .arguments import (
    MAX_LIMIT,
    ToolArguments,
    checks_for,
    choice_field,
    integer_field,
    text_field,
)

__all__ = [
    "AUDIENCES",
    "DEFAULT_MAX_CHARS",
    "DEFAULT_PASSAGES",
    "DETAILS",
    "TOOLS",
    "Citations",
    "Context",
    "ExplainTechnique",
    "Histology",
    "ListSites",
    "RecurrenceLookup",
    "Search",
    "SiteOptions",
    "SpecFormat",
    "Tool",
    "find_tool",
    "to_anthropic",
    "to_openai",
    "tool_specs",
]

JSON = dict[str, Any]
SpecFormat = Literal["neutral", "openai", "anthropic"]

#: How many hits search gives when the call names no limit.
DEFAULT_LIMIT = 10
#: How much site_options says: compact (statements with citation labels) or everything.
DETAILS = ("compact", "full")
#: Longest question the context tool takes (a patient's message can be a paragraph).
MAX_QUESTION = 1000
#: Largest text budget (characters) and number of passages the context tool gives;
#: the defaults and the smallest budget are those of context() itself.
MAX_MAX_CHARS, MAX_PASSAGES = 20000, 20
#: The record kinds search() ranks, in its tie-break order.
SEARCH_KINDS = tuple(KIND_RANK)

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


# --- arguments, one class per tool ------------------------------------------------------


@attrs.frozen
class ListSites(ToolArguments):
    """No arguments."""


@attrs.frozen
class SiteOptions(ToolArguments):
    """A site, and optionally one technique there."""

    site: str = text_field(_SITE)
    technique: str | None = text_field(_TECHNIQUE, optional=True)
    detail: str | None = choice_field(
        "compact (default): each option's role, summary and statements with citation "
        "labels, and one list of the cited articles with a canonical link; full: every "
        "field of every option and citation.",
        DETAILS,
        default="compact",
    )
    audience: str | None = choice_field(
        "patient (default): each option in plain words with questions to ask the care "
        "team; professional: the professional summary instead.",
        AUDIENCES,
        default="patient",
    )


@attrs.frozen
class Context(ToolArguments):
    """A question in the user's own words, who the answer is for, and a size budget."""

    question: str = text_field(
        "The question as the user asked it, e.g. 'can they burn the spots on his liver?'.",
        max_length=MAX_QUESTION,
    )
    audience: str | None = choice_field(
        "patient (default) or professional (adds each article's study type and population).",
        AUDIENCES,
        default="patient",
    )
    max_chars: int | None = integer_field(
        "Most characters of the context text, disclaimer included.",
        minimum=MIN_MAX_CHARS,
        maximum=MAX_MAX_CHARS,
        default=DEFAULT_MAX_CHARS,
    )
    limit: int | None = integer_field(
        "Most passages to return.", minimum=1, maximum=MAX_PASSAGES, default=DEFAULT_PASSAGES
    )


@attrs.frozen
class ExplainTechnique(ToolArguments):
    """One technique, and who the explanation is for."""

    technique: str = text_field(_TECHNIQUE)
    audience: str | None = choice_field(
        "patient (default): the technique in plain words with questions to ask; "
        "professional: the professional summary only.",
        AUDIENCES,
        default="patient",
    )


@attrs.frozen
class Citations(ToolArguments):
    """A site, a technique or both (the tool refuses neither)."""

    site: str | None = text_field(_SITE, optional=True)
    technique: str | None = text_field(_TECHNIQUE, optional=True)


@attrs.frozen
class RecurrenceLookup(ToolArguments):
    """A primary site or a table key, at most one (the tool refuses both)."""

    primary_site: str | None = text_field(
        "Site of the primary tumour, e.g. extremity.", optional=True
    )
    table: str | None = text_field(
        "Recurrence-table key or title, from this tool with no arguments.", optional=True
    )


@attrs.frozen
class Histology(ToolArguments):
    """One histology (tumour type)."""

    histology: str = text_field(_HISTOLOGY)


@attrs.frozen
class Search(ToolArguments):
    """Free text, optionally narrowed to record kinds and a number of hits."""

    query: str = text_field("Words to look for, e.g. 'cryo liver' or 'Potter 1985'.")
    kinds: list[str] | None = attrs.field(
        default=None,
        metadata={
            "json_schema": {
                "items": {"type": "string", "enum": list(SEARCH_KINDS)},
                "uniqueItems": True,
                "maxItems": len(SEARCH_KINDS),
                "description": "Only these record kinds (default: all).",
            }
        },
    )
    limit: int | None = integer_field(
        "Most hits to return.", minimum=1, maximum=MAX_LIMIT, default=DEFAULT_LIMIT
    )


_POPULATIONS = ["leiomyosarcoma", "sarcoma", "mixed", "other-cancer"]


@attrs.frozen
class EvidenceFilter(ToolArguments):
    """Optional filters over the outcome figures."""

    site: str | None = text_field(_SITE, optional=True)
    technique: str | None = text_field(_TECHNIQUE, optional=True)
    min_patients: int | None = attrs.field(
        default=None,
        metadata={
            "json_schema": {
                "minimum": 1,
                "maximum": 100000,
                "description": "Only studies that printed at least this many patients.",
            }
        },
    )
    since: int | None = attrs.field(
        default=None,
        metadata={
            "json_schema": {
                "minimum": 1900,
                "maximum": 2100,
                "description": "Only articles published in this year or later.",
            }
        },
    )
    population: str | None = attrs.field(
        default=None,
        metadata={
            "json_schema": {
                # null too: the argument is optional, and enum restricts every type.
                "enum": [*_POPULATIONS, None],
                "description": "Only articles about these patients.",
            }
        },
    )
    level: str | None = text_field(
        "Level of evidence: a code such as '3iiiA', a design such as '3iii' or "
        "'guideline', or '1' (randomised trials) / '3' (case series).",
        optional=True,
    )
    limit: int | None = integer_field(
        "Most figures to return.", minimum=1, maximum=MAX_LIMIT, default=DEFAULT_LIMIT
    )


@attrs.frozen
class GuidelineFilter(ToolArguments):
    """Optional site, technique and organisation."""

    site: str | None = text_field(_SITE, optional=True)
    technique: str | None = text_field(_TECHNIQUE, optional=True)
    organisation: str | None = text_field(
        "Part of the guideline body's name, e.g. 'NICE', 'NCCN', 'SEOM'.", optional=True
    )


# --- the tools ------------------------------------------------------------------------


@attrs.frozen
class Tool:
    """One tool as an LLM sees it: name, description, and the class of its arguments."""

    name: str
    description: str
    arguments: type[ToolArguments]

    def __attrs_post_init__(self) -> None:
        checks_for(self.arguments)  # a keyword published but not checked fails here, at import

    def spec(self) -> JSON:
        """The neutral shape, ``{name, description, input_schema}``, freshly built."""
        return {
            "name": self.name,
            "description": self.description,
            "input_schema": object_schema(self.arguments),
        }


TOOLS: tuple[Tool, ...] = (
    Tool(
        "context",
        "Start here for a user's question in their own words ('can they burn the spots on "
        "his liver?'). Returns the catalogue's passages that answer it, ranked, in our own "
        "words, each with its key, role and what the role means, and its sources (label and "
        "canonical link), plus a ready 'text' within max_chars. 'coverage' is full, partial "
        "(reason says what is missing) or none: with none, say the catalogue does not cover "
        "it rather than answering from elsewhere. Describes evidence; never recommends.",
        Context,
    ),
    Tool(
        "list_sites",
        "List every metastatic site the catalogue covers (liver, lung, brain, bone ...), "
        "with key, name, aliases and a short description. Use the keys with the other tools.",
        ListSites,
    ),
    Tool(
        "site_options",
        "Local-treatment options for metastases at one site, surgery first: each "
        "technique's role there (standard, alternative, palliative, investigational, "
        "staging), a summary, and statements citing their sources by label, with one list "
        "of the cited articles and their canonical links (detail='full' for every field). "
        "Optionally only one technique (an error lists the techniques the site has when it "
        "has no such option). Describes published evidence; it does not recommend a "
        "treatment.",
        SiteOptions,
    ),
    Tool(
        "explain_technique",
        "What one technique is ('what is RFA?'): its name, aliases, a plain summary, its "
        "category and what that category means, and every site where the catalogue has an "
        "option for it with the role there. Use site_options for the evidence at a site.",
        ExplainTechnique,
    ),
    Tool(
        "citations",
        "The journal articles behind the options at a site, for a technique, or for one "
        "technique at one site: authors, title, journal, year, PMID, DOI, links, study "
        "type, population and a short summary. Give site, technique or both.",
        Citations,
    ),
    Tool(
        "recurrence_lookup",
        "Published recurrence counts. With primary_site (extremity, retroperitoneum, "
        "head-and-neck, trunk, visceral, uterus ...): how often sarcoma recurred by the "
        "site of the primary tumour, each count with its denominator and source. With "
        "table: one whole table by key. With neither: the list of table keys. Give at "
        "most one of the two.",
        RecurrenceLookup,
    ),
    Tool(
        "metastatic_pattern",
        "Where a sarcoma histology tends to spread: qualitative rules (e.g. myxoid "
        "liposarcoma spreads outside the lungs) and counted site frequencies, cited.",
        Histology,
    ),
    Tool(
        "nodal_spread",
        "How often a sarcoma histology spreads to lymph nodes: rules naming the "
        "exceptions (clear cell, epithelioid, rhabdomyosarcoma ...) and counted rows, cited.",
        Histology,
    ),
    Tool(
        "evidence",
        "Outcome figures the cited studies printed (survival, local control, response, "
        "complications ...), each with its value, unit, time point, counts, the group it "
        "describes, the study's size and its level of evidence (3iii = a case series of "
        "selected patients, the weakest design). Filter by site, technique, minimum "
        "patients, publication year, population or level.",
        EvidenceFilter,
    ),
    Tool(
        "guidelines",
        "What published guidelines (NICE, NCCN, SEOM, SIR, expert consensus ...) say about "
        "local treatment of metastases: the stance (standard, option in selected patients, "
        "consider, investigational or trial ...), the guideline's own grade as printed and "
        "a one-line summary. Filter by site, technique or organisation.",
        GuidelineFilter,
    ),
    Tool(
        "search",
        "Ranked, typo-tolerant free-text search over sites, techniques, options, "
        "citations, recurrence tables and rules. Use it when unsure of a key.",
        Search,
    ),
)
_BY_NAME = {t.name: t for t in TOOLS}


def find_tool(name: object) -> Tool | None:
    """The tool called ``name``, or None."""
    return _BY_NAME.get(name) if isinstance(name, str) else None


def tool_specs(format: SpecFormat = "neutral") -> list[JSON]:
    """The tools as a fresh list of dicts, ready to hand to an LLM API.

    ``"neutral"`` gives ``{name, description, input_schema}``; ``"anthropic"`` is
    the Anthropic Messages API's tool shape; ``"openai"`` wraps each as
    ``{"type": "function", "function": {name, description, parameters}}``.

    >>> tool_specs("openai")[0]["function"]["name"]
    'context'
    """
    convert: dict[str, Callable[[JSON], JSON]] = {
        "neutral": copy.deepcopy,
        "openai": to_openai,
        "anthropic": to_anthropic,
    }
    if format not in convert:
        raise ValueError(f"unknown format {format!r}; choose from {sorted(convert)}")
    return [convert[format](t.spec()) for t in TOOLS]


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
