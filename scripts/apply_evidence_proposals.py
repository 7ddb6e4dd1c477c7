"""Apply a researcher's evidence proposals (JSON lines) to the data files, idempotently.

    python scripts/apply_evidence_proposals.py /work/notes/evidence-proposals.jsonl
    python scripts/apply_evidence_proposals.py PROPOSALS.jsonl --rebuild-from main

``--rebuild-from REF`` first restores ``options.json`` and ``citations.json`` from git
ref REF and empties the guideline stances, so the data is exactly REF's plus the
proposals (use it after merging, or when a proposal was corrected in place).

A proposal is applied only when it names the page it was read on (``verified_at``, a
URL) and the printed wording (``printed``, read to check the fields, never written to the
data: sentences stay the source's); anything else is reported and skipped. Kinds:

* ``figure``: one outcome figure on ``option`` (site/technique) statement ``statement_index``;
* ``descriptors``: study descriptors of ``citation``;
* ``stance``: a guideline stance; its guideline citation is ``citation`` (an existing key)
  or is built from ``citation_hint`` when that gives a title and a year.

Also backfills what every record now needs: ``reviewed`` on options (the last data
version's date, 2026-11-22, when none is set) and, on a statement whose text has a
digit but which has no figures, the reason ``figures not yet re-verified against the
source``. Prints what it did and what it skipped.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

DATA = Path(__file__).resolve().parent.parent / "src" / "sarcoma_local" / "data"
LAST_REVIEW = "2026-11-22"
BACKFILL_REASON = "figures not yet re-verified against the source"
YEARS_REASON = "its only numbers are years (of publication or edition), not outcomes"
_YEAR = re.compile(r"(?:19|20)\d\d")

_STATISTIC = {"proportion-at-time": "proportion", "proportion-at-time-point": "proportion"}
_UNIT = {
    "%": "percent",
    "percentage": "percent",
    "month": "months",
    "year": "years",
    "hr": "ratio",
    "or": "ratio",
    "patient": "patients",
    "lesion": "lesions",
    "subhazard ratio": "ratio",
}
#: Proposals a curator read and chose not to apply, by the start of their document name,
#: with the reason (the proposal's own note says it is not ready, or it is not about sarcoma).
NOT_APPLIED = {
    "Metastatic spinal cord compression": "superseded (CG75 -> NG234); current wording not read",
    "CIRSE standards of practice": "secondary quotation; the CIRSE document and title not read",
    "Bone health in cancer": "secondary quotation; citation details only in a reference list",
    "RCR news: NHSE rolls out": "secondary news report; the NHS England policy not read",
    "Clinical commissioning policy statement: Selective": "does not name sarcoma",
}

_CATEGORY = {"ablation": "ablation", "emboli": "embolisation", "radio": "radiotherapy"}
_TIME = re.compile(r"(\d+(?:\.\d+)?)[ -]?(day|month|year)s?")


def _load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA / name).read_text(encoding="utf-8"))
    return data


def _save(name: str, data: dict[str, Any]) -> None:
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    (DATA / name).write_text(text, encoding="utf-8")


def _time_point(text: object) -> dict[str, Any] | None:
    """``{"value", "unit"}`` for "3 years"; None for anything else (the caller notes it)."""
    if text is None or isinstance(text, dict):
        return text
    match = _TIME.fullmatch(str(text).strip())
    if match is None:
        return None
    value = float(match.group(1))
    return {"value": int(value) if value.is_integer() else value, "unit": match.group(2) + "s"}


def _unit(p: dict[str, Any]) -> tuple[str | None, str]:
    """The vocabulary unit of a proposal, and the printed unit when it had to be mapped.

    A unit the vocabulary lacks ("limbs", "pain score") becomes None, kept in the note.
    """
    from sarcoma_local._data.evidence import Unit

    printed = str(p.get("unit") or "")
    if not printed:
        return None, ""
    known = {u.value for u in Unit}
    unit = _UNIT.get(printed.lower(), printed)
    if unit in known:
        exact = (
            printed.lower() in (unit, "%", "hr", "or") or printed.lower().rstrip("s") == unit[:-1]
        )
        return unit, "" if exact else printed
    head = _UNIT.get(unit.split(" (", 1)[0], unit.split(" (", 1)[0])
    return (head, printed) if head in known else (None, printed)


def _figure(p: dict[str, Any]) -> dict[str, Any]:
    from sarcoma_local._data.evidence import Measure, Statistic

    unit, printed_unit = _unit(p)
    time_point = _time_point(p.get("time_point"))
    figure: dict[str, Any] = {
        "measure": p["measure"],
        "statistic": _STATISTIC.get(p["statistic"], p["statistic"]),
        "citation": p["citation"],
        "verified_at": p["verified_at"],
        "value": p.get("value"),
        "unit": unit,
        "time_point": time_point,
    }
    for name in ("numerator", "denominator", "ci_low", "ci_high"):
        figure[name] = p.get(name)
    for name in ("group", "grade", "note"):
        figure[name] = p.get(name) or ""
    notes = [figure["note"]] if figure["note"] else []
    if printed_unit:
        notes.append(f"unit as printed: {printed_unit}")
    if time_point is None and p.get("time_point"):
        notes.append(f"time as printed: {p['time_point']}")
    figure["note"] = "; ".join(notes)
    figure["flags"] = list(p.get("flags") or ())
    if _percent_disagrees(figure) and "percent-mismatch" not in figure["flags"]:
        figure["flags"].append("percent-mismatch")  # kept as printed, and flagged
    Measure(figure["measure"]), Statistic(figure["statistic"])  # a bad value raises ValueError
    timed = figure["statistic"] in ("median-time", "mean-time")
    if timed and figure["unit"] not in ("days", "months", "years"):
        raise ValueError(f"a {figure['statistic']} in {printed_unit or unit!r} is not a time")
    return figure


def _percent_disagrees(figure: dict[str, Any]) -> bool:
    from sarcoma_local._data.evidence import percent_disagrees

    if figure["unit"] != "percent" or figure["value"] is None:
        return False
    return percent_disagrees(figure["numerator"], figure["denominator"], figure["value"])


def _apply_figure(p: dict[str, Any], options: list[dict[str, Any]]) -> str:
    site, technique = p["option"].split("/", 1)
    found = [o for o in options if o["site"] == site and o["technique"] == technique]
    if not found:
        return f"skip: no option {p['option']}"
    statements = found[0]["statements"]
    index = p["statement_index"]
    if not 0 <= index < len(statements):
        return f"skip: {p['option']} has no statement {index}"
    statement = statements[index]
    if p["citation"] not in statement["citations"]:
        return f"skip: {p['option']}[{index}] does not cite {p['citation']}"
    figure = _figure(p)
    figures = statement.setdefault("figures", [])
    if figure in figures:
        return ""
    figures.append(figure)
    statement.pop("no_figures_reason", None)
    if p.get("direction"):
        statement["direction"] = p["direction"]
    return f"figure: {p['option']}[{index}] {figure['measure']} {figure['value']}"


def _apply_descriptors(p: dict[str, Any], citations: list[dict[str, Any]]) -> str:
    found = [c for c in citations if c["key"] == p["citation"]]
    if not found:
        return f"skip: no citation {p['citation']}"
    consecutive = p.get("consecutive")
    sampling = p.get("sampling") or ("consecutive" if consecutive else None)
    if consecutive is False:
        sampling = "not-consecutive"
    descriptors = {
        "verified_at": p["verified_at"],
        "patients": p.get("patients"),
        "lesions": p.get("lesions"),
        "lms_patients": p.get("lms_patients"),
        "centres": p.get("centres") or "unknown",
        "sampling": sampling,
        "controlled": p.get("controlled"),
        "blinded": p.get("blinded"),
        "accrual_first_year": p.get("accrual_first_year"),
        "accrual_last_year": p.get("accrual_last_year"),
        "median_follow_up_months": p.get("median_follow_up_months"),
        "registry_ids": list(p.get("registry_ids") or ()),
        "endpoint": p.get("endpoint"),
    }
    if found[0].get("descriptors") == descriptors:
        return ""
    found[0]["descriptors"] = descriptors
    return f"descriptors: {p['citation']} ({descriptors['patients']} patients)"


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower().removeprefix("www.")


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _citation_key(p: dict[str, Any], hint: dict[str, Any], year: int) -> str:
    """``<first author>-<year>-<first page>`` for an article; ``<body>-<year>-<version>`` else."""
    authors = str(hint.get("authors") or "")
    if hint.get("journal") and "," in authors:
        family = authors.split(",")[0].rsplit(" ", 1)[0].split(" ")[0]
        page = re.split(r"[-.]", str(hint.get("pages") or ""))[0]
        return "-".join(x for x in (_slug(family), str(year), _slug(page)) if x)
    organisation = p["organisation"]
    short = re.search(r"\(([A-Z]{2,8})\)", organisation)
    body = short.group(1) if short else organisation.split(" (")[0]
    version = str(p.get("version") or "").split(" ")[0]
    parts = [_slug(body), str(year)]
    if _slug(version) not in ("", str(year)):
        parts.append(_slug(version))
    return "-".join(parts)


def _guideline_citation(p: dict[str, Any], citations: list[dict[str, Any]]) -> str | None:
    """The key of the stance's guideline citation, creating it from the hint if needed.

    An existing record with the hint's title is reused. A new record ships only what a
    canonical page showed: identifiers, journal details and authors seen elsewhere (an
    aggregator, a copy) stay out and the record is flagged as unverified instead.
    """
    from sarcoma_local._core.links import is_canonical_url

    if p.get("citation"):
        return str(p["citation"]) if any(c["key"] == p["citation"] for c in citations) else None
    hint = p.get("citation_hint") or {}
    same = [c for c in citations if hint.get("title") and c["title"] == hint["title"]]
    if same:
        return str(same[0]["key"])
    year = hint.get("year") or p.get("year")
    if not hint.get("title") or not year:
        return None
    key = _citation_key(p, hint, year)
    if any(c["key"] == key for c in citations):
        return key
    evidence_url = hint.get("id_evidence_url") or ""
    shown = is_canonical_url(p["verified_at"])
    checked = is_canonical_url(evidence_url)
    journal = hint.get("journal")
    flags = ["pmid-unverified"] if journal else ["not-in-pubmed", "online-guideline"]
    authors = hint.get("authors") or ""
    collective = authors and "," not in authors and checked
    if not collective:
        flags.append("authors-unverified")
    if journal and not checked:
        flags.append("journal-unverified")
    record: dict[str, Any] = {
        "key": key,
        "authors": [{"family": authors, "initials": ""}] if collective else [],
        "title": hint["title"],
        "journal": journal or p["organisation"].split(" (")[0] + " (online)",
        "year": year,
        "volume": str(hint.get("volume") or "") if checked else "",
        "pages": str(hint.get("pages") or "") if checked else "",
        "study_type": "guideline",
        "population": "other-cancer" if "not sarcoma" in p["summary"].lower() else "sarcoma",
        "summary": p["summary"],
        "provenance": [{"source": "curation", "label": "EXT", "section": "guidelines"}],
        "evidence": [
            {"field": "title", "kind": "printed-beside-article", "where": p["verified_at"]}
        ],
        "flags": sorted(flags),
    }
    if shown and not journal and _host(p["verified_at"]) == _host(evidence_url):
        record["url"] = p["verified_at"]  # the guideline body's own page for it
    if hint.get("doi") and checked:
        record["doi"] = hint["doi"].lower()
        in_address = record["doi"] in evidence_url.lower()
        kind = "page-address" if in_address else "printed-beside-article"
        record["evidence"].append({"field": "doi", "kind": kind, "where": evidence_url})
    citations.append(record)
    return key


def _apply_stance(
    p: dict[str, Any], stances: list[dict[str, Any]], citations: list[dict[str, Any]]
) -> str:
    citation = _guideline_citation(p, citations)
    if citation is None:
        return f"skip: stance {p['document'][:50]!r}: no guideline citation (needs title + year)"
    sites = p.get("sites") or ([p["site"]] if p.get("site") else [])
    techniques = p.get("techniques") or ([p["technique"]] if p.get("technique") else [])
    printed_family = str(p.get("technique_as_printed") or "").lower()
    categories = [v for k, v in _CATEGORY.items() if k in printed_family] if not techniques else []
    scope = "-".join([*sites, *techniques, *categories]) or "general"
    key = p.get("key") or _slug(f"{citation}-{scope}")
    n = 2
    while any(old["key"] == key for old in stances):
        key = _slug(f"{citation}-{scope}-{n}")
        n += 1
    stance = {
        "key": key,
        "organisation": p["organisation"],
        "document": p["document"],
        "citation": citation,
        "stance": p["stance"],
        "summary": p["summary"],
        "verified_at": p["verified_at"],
        "sites": sites,
        "techniques": techniques,
        "categories": categories,
        "version": p.get("version") or "",
        "year": p.get("year"),
        "grade_as_printed": p.get("grade_as_printed") or "",
    }
    for i, old in enumerate(stances):
        if old["key"] == key:
            if old == stance:
                return ""
            stances[i] = stance
            return f"stance updated: {key}"
    stances.append(stance)
    return f"stance: {key}"


def _backfill(options: list[dict[str, Any]]) -> int:
    reasons = 0
    for o in options:
        o.setdefault("reviewed", LAST_REVIEW)
        for s in o["statements"]:
            if re.search(r"\d", s["text"]) and not s.get("figures"):
                numbers = re.findall(r"\d+(?:[.,]\d+)?", s["text"])
                only_years = all(_YEAR.fullmatch(n) for n in numbers)
                s.setdefault("no_figures_reason", YEARS_REASON if only_years else BACKFILL_REASON)
            if s.get("no_figures_reason") == BACKFILL_REASON:
                reasons += 1
    return reasons


def _apply(
    p: dict[str, Any],
    options: list[dict[str, Any]],
    citations: list[dict[str, Any]],
    stances: list[dict[str, Any]],
) -> str:
    kind = p.get("type")
    for start, reason in NOT_APPLIED.items():
        if str(p.get("document", "")).startswith(start):
            return f"not applied: {reason}"
    if kind == "figure":
        return _apply_figure(p, options)
    if kind == "descriptors":
        return _apply_descriptors(p, citations)
    if kind == "stance":
        return _apply_stance(p, stances, citations)
    return f"skip: unknown proposal type {kind!r}"


def _rebuild_from(ref: str) -> None:
    import subprocess

    for name in ("options.json", "citations.json"):
        text = subprocess.run(
            ["git", "show", f"{ref}:src/sarcoma_local/data/{name}"],
            check=True,
            capture_output=True,
            text=True,
            cwd=DATA,
        ).stdout
        (DATA / name).write_text(text, encoding="utf-8")
    guidelines = _load("guidelines.json")
    guidelines["stances"] = []
    _save("guidelines.json", guidelines)


def main(path: str, rebuild_from: str | None = None) -> int:
    if rebuild_from:
        _rebuild_from(rebuild_from)
    options_file, citations_file = _load("options.json"), _load("citations.json")
    guidelines_file = _load("guidelines.json")
    options, citations = options_file["options"], citations_file["citations"]
    stances = guidelines_file["stances"]
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        p = json.loads(line)
        if not str(p.get("verified_at", "")).startswith("http") or not p.get("printed"):
            print(f"line {n}: skip: needs a verified_at URL and the printed wording")
            continue
        try:
            done = _apply(p, options, citations, stances)
        except (KeyError, ValueError) as exc:  # a malformed proposal is reported, not applied
            done = f"skip: {type(exc).__name__}: {exc}"
        if done:
            print(f"line {n}: {done}")
    reasons = _backfill(options)
    print(f"statements still awaiting re-verified figures: {reasons}")
    for name, data in (
        ("options.json", options_file),
        ("citations.json", citations_file),
        ("guidelines.json", guidelines_file),
    ):
        _save(name, data)
    return 0


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Apply evidence proposals to the data files.")
    parser.add_argument("proposals", help="the proposals file (JSON lines)")
    parser.add_argument("--rebuild-from", metavar="REF", help="start from git ref REF's data")
    args = parser.parse_args()
    sys.exit(main(args.proposals, args.rebuild_from))
