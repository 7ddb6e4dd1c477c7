"""The catalogue as retrieval chunks: one self-contained passage each, JSON-ready.

What a developer loads into a vector store unchanged (``sarcoma-local export chunks``
writes them as JSON Lines).
"""

from __future__ import annotations

from typing import Any

from sarcoma_local._core.version import DATA_VERSION, DISCLAIMER
from sarcoma_local._render.records import row_json

from .passages import Prepared, check_audience, prepared, reference

__all__ = ["chunks"]

_PATIENT_FIELDS = ("key", "label", "link")


def _citations(keys: tuple[str, ...], audience: str) -> list[dict[str, Any]]:
    refs = [reference(k, audience).to_dict() for k in keys]
    if audience == "patient":
        return [{f: r[f] for f in _PATIENT_FIELDS} for r in refs]
    return refs


def _chunk(
    p: Prepared, chunk_id: str, text: str, cites: tuple[str, ...], audience: str
) -> dict[str, Any]:
    return {
        "id": chunk_id,
        "kind": p.kind,
        "key": p.key,
        "keys": list(p.keys),
        "title": p.title,
        "text": text,
        "role": None if p.role is None else p.role.value,
        "role_meaning": p.role_meaning,
        "citations": _citations(cites, audience),
        "figures": [row_json(r) for r in p.figures],
        "questions": list(p.questions) if audience == "patient" else [],
        "audience": audience,
        "data_version": DATA_VERSION,
        "disclaimer": DISCLAIMER,
    }


def chunks(*, audience: str = "patient") -> list[dict[str, Any]]:
    """The catalogue as retrieval chunks: JSON-ready dicts, one passage each.

    One chunk per option, per cited statement of an option, per technique, site,
    recurrence table (its rows together) and pattern rule. Every chunk has a
    stable ``id`` (``option:liver/resection``, ``statement:liver/resection:1``,
    ``technique:cryoablation``, ``table:<key>``, ``rule:<key>``), its text in our
    own words, the catalogue ``keys`` it is about, citations with their label and
    a canonical ``link``, the role and its meaning, ``audience`` (a patient's option
    and technique chunks open with the plain-words text and carry ``questions``),
    ``data_version`` and the disclaimer. Load them into a vector store unchanged.

    >>> first = chunks()[0]
    >>> first["id"], first["role"], first["data_version"] == DATA_VERSION
    ('option:liver/resection', 'standard', True)
    """
    audience = check_audience(audience)
    out: list[dict[str, Any]] = []
    for p in prepared():
        text = p.full_text_for(audience)
        out.append(_chunk(p, f"{p.kind}:{p.key}", text, p.citation_keys, audience))
        if p.kind != "option":
            continue
        for n, (text, cites) in enumerate(p.details, start=1):
            chunk = _chunk(p, f"statement:{p.key}:{n}", f"{p.title}: {text}", cites, audience)
            out.append({**chunk, "kind": "statement", "statement": n})
    return out
