"""FHIR R5 JSON: a ``Citation`` per citation and an ``Evidence`` per outcome figure.

Plain dicts, so the package needs no FHIR library; the tests validate every resource
with the ``fhir.resources`` (R5) models. Codeable concepts carry text only: the
catalogue's vocabularies are its own, and no code is claimed that was not checked.

>>> bundle = to_fhir()
>>> bundle["resourceType"], bundle["type"]
('Bundle', 'collection')
>>> fhir_citation("potter-1985-353")["citedArtifact"]["identifier"][0]
{'system': 'https://pubmed.ncbi.nlm.nih.gov', 'value': '3973646'}
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from sarcoma_local._core.version import DATA_VERSION, DISCLAIMER
from sarcoma_local._data.citation_queries import citation as get_citation
from sarcoma_local._data.evidence_queries import EvidenceItem, evidence
from sarcoma_local._data.models import Citation
from sarcoma_local._render.citations import format_citation
from sarcoma_local._render.labels import label, meaning

__all__ = ["fhir_citation", "fhir_evidence", "fhir_id", "to_fhir"]

_PMID = "https://pubmed.ncbi.nlm.nih.gov"
_DOI = "https://doi.org"
_PMC = "https://www.ncbi.nlm.nih.gov/pmc"
_NCT = "https://clinicaltrials.gov"
_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")


def fhir_id(text: str) -> str:
    """``text`` as a FHIR id (letters, digits, ``-`` and ``.``, at most 64 characters)."""
    if _ID.fullmatch(text):
        return text
    cleaned = re.sub(r"[^A-Za-z0-9\-.]+", "-", text)
    if len(cleaned) <= 64:
        return cleaned
    digest = hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:12]
    return f"{cleaned[:51]}-{digest}"


def _text(value: str) -> dict[str, str]:
    return {"text": value}


def _note() -> list[dict[str, str]]:
    return [{"text": f"sarcoma_local data version {DATA_VERSION}. {DISCLAIMER}"}]


def _identifiers(c: Citation) -> list[dict[str, str]]:
    ids = []
    if c.pmid is not None:
        ids.append({"system": _PMID, "value": str(c.pmid)})
    if c.doi:
        ids.append({"system": _DOI, "value": c.doi})
    if c.pmcid:
        ids.append({"system": _PMC, "value": c.pmcid})
    return ids


def fhir_citation(c: Citation | str) -> dict[str, Any]:
    """A FHIR R5 ``Citation`` resource for one citation (a record or its key)."""
    c = c if isinstance(c, Citation) else get_citation(c)
    form: dict[str, Any] = {"articleDate": str(c.year)}
    # A journal not seen on any page is stored empty; FHIR strings may not be empty.
    if c.journal:
        form["publishedIn"] = {"title": c.journal}
    for name in ("volume", "issue"):
        if getattr(c, name):
            form[name] = getattr(c, name)
    if c.pages:
        form["pageString"] = c.pages
    classifiers = [
        {"type": _text("study design"), "classifier": [_text(label(c.study_type))]},
        {"type": _text("level of evidence (NCI PDQ)"), "classifier": [_text(c.level_of_evidence)]},
        {"type": _text("population"), "classifier": [_text(label(c.population))]},
    ]
    artifact: dict[str, Any] = {
        "title": [{"text": c.title}],
        "publicationForm": [form],
        "classification": classifiers,
    }
    if ids := _identifiers(c):
        artifact["identifier"] = ids
    if c.descriptors and c.descriptors.registry_ids:
        artifact["relatedIdentifier"] = [
            {"system": _NCT, "value": r} for r in c.descriptors.registry_ids
        ]
    if c.authors:
        authors = ", ".join(str(a) for a in c.authors) + (", et al" if c.et_al else "")
        artifact["contributorship"] = {"summary": [{"value": authors}]}
    resource: dict[str, Any] = {
        "resourceType": "Citation",
        "id": fhir_id(c.key),
        "status": "active",
        "title": format_citation(c, "short"),
        "citedArtifact": artifact,
        "note": _note(),
    }
    if c.summary:
        resource["summary"] = [{"text": c.summary}]
    return resource


def _statistic(item: EvidenceItem) -> dict[str, Any]:
    f = item.figure
    statistic: dict[str, Any] = {
        "statisticType": _text(label(f.statistic)),
        "category": _text(label(f.measure)),
    }
    if f.value is not None:
        quantity: dict[str, Any] = {"value": f.value}
        if f.unit is not None:
            quantity["unit"] = label(f.unit)
        statistic["quantity"] = quantity
    if f.numerator is not None:
        statistic["numberOfEvents"] = f.numerator
    participants = f.denominator if f.denominator is not None else item.patients
    if participants is not None:
        statistic["sampleSize"] = {"numberOfStudies": 1, "numberOfParticipants": participants}
    if f.ci_low is not None and f.ci_high is not None:
        statistic["attributeEstimate"] = [
            {
                "type": _text("confidence interval"),
                "range": {"low": {"value": f.ci_low}, "high": {"value": f.ci_high}},
            }
        ]
    return statistic


def fhir_evidence(item: EvidenceItem, ident: str) -> dict[str, Any]:
    """A FHIR R5 ``Evidence`` resource for one figure; ``ident`` becomes its id."""
    o, f, c = item.option, item.figure, item.citation
    outcome = label(f.measure) + (f" at {f.time_point.text}" if f.time_point else "")
    population = f"{meaning(c.population)}, metastases at {o.site}"
    if f.group:
        population += f" ({f.group})"
    return {
        "resourceType": "Evidence",
        "id": fhir_id(ident),
        "status": "active",
        "description": item.statement.text,
        "citeAsReference": {"reference": f"Citation/{fhir_id(c.key)}"},
        "variableDefinition": [
            {"description": population, "variableRole": _text("population")},
            {"description": f"{o.technique} at {o.site}", "variableRole": _text("exposure")},
            {"description": outcome, "variableRole": _text("measuredVariable")},
        ],
        "statistic": [_statistic(item)],
        "certainty": [
            {"type": _text("level of evidence (NCI PDQ)"), "rating": _text(item.level)},
        ],
        "note": [*_note(), {"text": f"Figure verified at {f.verified_at}"}],
    }


def to_fhir(items: tuple[EvidenceItem, ...] | None = None) -> dict[str, Any]:
    """A FHIR ``Bundle`` (collection): the Evidence of each figure and the Citations they use.

    ``items`` defaults to every figure (:func:`sarcoma_local.evidence`).
    """
    items = evidence() if items is None else items
    entries: list[dict[str, Any]] = []
    cited: dict[str, Citation] = {}
    for item in items:
        o = item.option
        index = o.statements.index(item.statement)
        figure = item.statement.figures.index(item.figure)
        ident = f"{o.site}.{o.technique}.{index}.{figure}"
        entries.append({"resource": fhir_evidence(item, ident)})
        cited.setdefault(item.citation.key, item.citation)
    entries[:0] = [{"resource": fhir_citation(c)} for c in cited.values()]
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}
