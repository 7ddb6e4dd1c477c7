"""FHIR R5 export: every resource validates against the fhir.resources (R5) models."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

import sarcoma_local as sl
from sarcoma_local._exports.fhir import fhir_citation, fhir_id

fhir_resources = pytest.importorskip("fhir.resources")

from fhir.resources.bundle import Bundle  # noqa: E402
from fhir.resources.citation import Citation  # noqa: E402
from fhir.resources.evidence import Evidence  # noqa: E402


@pytest.fixture(scope="module")
def bundle() -> dict[str, Any]:
    return sl.to_fhir()


def test_the_models_are_fhir_r5() -> None:
    assert fhir_resources.__fhir_version__ == "5.0.0"


def test_the_bundle_validates(bundle: dict[str, Any]) -> None:
    Bundle.model_validate(bundle)


def test_every_resource_validates_as_its_type(bundle: dict[str, Any]) -> None:
    models: dict[str, Any] = {"Citation": Citation, "Evidence": Evidence}
    for entry in bundle["entry"]:
        resource = entry["resource"]
        models[resource["resourceType"]].model_validate(resource)


def test_one_evidence_per_figure_and_one_citation_per_cited_record(
    bundle: dict[str, Any],
) -> None:
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    items = sl.evidence()
    assert kinds.count("Evidence") == len(items)
    assert kinds.count("Citation") == len({i.citation.key for i in items})


def test_every_evidence_cites_a_citation_in_the_bundle(bundle: dict[str, Any]) -> None:
    ids = {e["resource"]["id"] for e in bundle["entry"]}
    for entry in bundle["entry"]:
        if entry["resource"]["resourceType"] == "Evidence":
            reference = entry["resource"]["citeAsReference"]["reference"]
            assert reference.removeprefix("Citation/") in ids


def test_a_citation_carries_its_identifiers_design_and_level() -> None:
    resource = fhir_citation(sl.citation("potter-1985-353"))
    Citation.model_validate(resource)
    artifact = resource["citedArtifact"]
    assert {"system": "https://pubmed.ncbi.nlm.nih.gov", "value": "3973646"} in artifact[
        "identifier"
    ]
    classified = {c["type"]["text"]: c["classifier"][0]["text"] for c in artifact["classification"]}
    assert (
        classified["level of evidence (NCI PDQ)"]
        == sl.citation("potter-1985-353").level_of_evidence
    )


def test_every_resource_carries_the_disclaimer(bundle: dict[str, Any]) -> None:
    for entry in bundle["entry"]:
        assert any(sl.DISCLAIMER in n["text"] for n in entry["resource"]["note"])


def test_a_long_key_becomes_a_valid_fhir_id() -> None:
    long_id = fhir_id("x" * 80 + " y")
    assert len(long_id) <= 64
    assert fhir_id("potter-1985-353") == "potter-1985-353"


def test_a_citation_without_a_known_journal_omits_published_in() -> None:
    record = attrs.evolve(sl.citation("potter-1985-353"), journal="")
    resource = fhir_citation(record)
    Citation.model_validate(resource)
    assert "publishedIn" not in resource["citedArtifact"]["publicationForm"][0]
