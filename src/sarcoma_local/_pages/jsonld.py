"""schema.org JSON-LD for the human pages: a page as a ``MedicalWebPage``, each cited
article as a ``ScholarlyArticle`` with its identifiers and canonical links.

Serialised deterministically (sorted keys, no spaces) with ``<``, ``>`` and ``&`` written
as JSON escapes, so no title can close the ``<script>`` element or open a comment.
The element is data (``type="application/ld+json"``): browsers never run it, and the
pages' Content-Security-Policy still refuses every script.

>>> script_html({"name": "a </script> b"})
'<script type="application/ld+json">{"name":"a \\\\u003c/script\\\\u003e b"}</script>'
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sarcoma_local._core.version import DATA_VERSION
from sarcoma_local._data.models import Author, Citation
from sarcoma_local._data.vocabulary import Technique, TechniqueCategory
from sarcoma_local._render.links import citation_links

__all__ = [
    "AUDIENCE",
    "CONDITION",
    "CONTEXT",
    "condition",
    "data_date",
    "dumps",
    "identifiers",
    "medical_web_page",
    "procedure",
    "scholarly_article",
    "script_html",
]

CONTEXT = "https://schema.org"

JsonObject = dict[str, Any]

#: Who the pages are written for: patients and their clinicians. (schema.org's
#: ``MedicalAudienceType`` has ``Clinician``; a patient audience is the ``Patient`` type.)
AUDIENCE: tuple[Mapping[str, str], ...] = (
    {"@type": "Patient", "audienceType": "Patient"},
    {"@type": "MedicalAudience", "audienceType": "Clinician"},
)


#: The condition every page is about.
CONDITION = "Metastatic soft-tissue sarcoma"

# schema.org types of the technique categories; the rest are therapeutic procedures,
# except "other", which holds a diagnostic one (PET staging) too.
_PROCEDURE_TYPES = {
    TechniqueCategory.SURGERY: "SurgicalProcedure",
    TechniqueCategory.RADIOTHERAPY: "RadiationTherapy",
    TechniqueCategory.OTHER: "MedicalProcedure",
}


def condition(site: str | None = None) -> JsonObject:
    """Metastatic soft-tissue sarcoma as a ``MedicalCondition``, at the body location
    ``site`` (a site's name) when given."""
    out: JsonObject = {"@type": "MedicalCondition", "name": CONDITION}
    if site:
        out["associatedAnatomy"] = {"@type": "AnatomicalStructure", "name": site}
    return out


def procedure(t: Technique) -> JsonObject:
    """A technique as a schema.org procedure or therapy, by its category."""
    return {"@type": _PROCEDURE_TYPES.get(t.category, "TherapeuticProcedure"), "name": t.name}


def data_date(version: str = DATA_VERSION) -> str:
    """The curation date of a data version (``2026.11.29.1`` -> ``2026-11-29``)."""
    return "-".join(version.split(".")[:3])


def _author(a: Author) -> JsonObject:
    # A name without initials is a group author (a guideline body, a working group).
    if not a.initials:
        return {"@type": "Organization", "name": a.family}
    return {"@type": "Person", "name": str(a), "familyName": a.family}


def identifiers(c: Citation) -> list[JsonObject]:
    """The citation's PMID, DOI and PMCID as schema.org ``PropertyValue`` records."""
    found = [("PMID", str(c.pmid) if c.pmid else None), ("DOI", c.doi), ("PMCID", c.pmcid)]
    return [
        {"@type": "PropertyValue", "propertyID": kind, "value": value}
        for kind, value in found
        if value
    ]


def scholarly_article(c: Citation) -> JsonObject:
    """One cited article: title, authors, year, journal, identifiers and canonical links
    (the same links the reference list shows: ``_render.links.citation_links``)."""
    out: JsonObject = {
        "@type": "ScholarlyArticle",
        "name": c.title,
        "author": [_author(a) for a in c.authors],
        "datePublished": str(c.year),
    }
    if c.journal:
        out["isPartOf"] = {"@type": "Periodical", "name": c.journal}
    if c.pages:
        out["pagination"] = c.pages
    ids = identifiers(c)
    if ids:
        out["identifier"] = ids
    links = [link.url for link in citation_links(c)]
    if links:
        out["sameAs"] = links
    return out


def medical_web_page(
    *,
    name: str,
    description: str,
    language: str,
    site: Mapping[str, Any],
    about: Sequence[Mapping[str, Any]],
    citations: Iterable[Citation],
    version: str = DATA_VERSION,
    modified: str | None = None,
    reviewed: str | None = None,
    url: str | None = None,
) -> JsonObject:
    """A page as a schema.org ``MedicalWebPage`` (``site`` is its ``WebSite``).

    ``version`` is the data version; ``modified`` defaults to its curation date.
    """
    out: JsonObject = {
        "@context": CONTEXT,
        "@type": "MedicalWebPage",
        "name": name,
        "description": description,
        "inLanguage": language,
        "isPartOf": dict(site),
        "about": [dict(a) for a in about],
        "audience": [dict(a) for a in AUDIENCE],
        "version": version,
        "dateModified": modified or data_date(version),
    }
    if reviewed:
        out["lastReviewed"] = reviewed
    if url:
        out["url"] = url
    cited = [scholarly_article(c) for c in citations]
    if cited:
        out["citation"] = cited
    return out


def dumps(data: Mapping[str, Any]) -> str:
    """``data`` as compact JSON with sorted keys, safe inside an HTML ``<script>``."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # Only strings can hold these characters, and JSON reads the escapes back unchanged.
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def script_html(data: Mapping[str, Any]) -> str:
    """The ``<script type="application/ld+json">`` element carrying ``data``."""
    return f'<script type="application/ld+json">{dumps(data)}</script>'
