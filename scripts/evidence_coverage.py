"""How far the computable-evidence backfill has come (issue 11's "done means" numbers).

.venv/bin/python scripts/evidence_coverage.py
"""

from __future__ import annotations

import re
from collections import Counter

import sarcoma_local as sl
from sarcoma_local._data.evidence_checks import states_a_number

#: Study types that report patients of their own (the rest summarise others' work).
PRIMARY = {
    "randomised-trial",
    "prospective-trial",
    "retrospective-series",
    "case-report",
    "autopsy-study",
    "registry-study",
    "conference-abstract",
}


_YEAR_ONLY = re.compile(r"\b(19|20)\d{2}\b")
_DIGIT = re.compile(r"\d")


def main() -> None:
    statements = [s for o in sl.options() for s in o.statements]
    numeric = [s for s in statements if states_a_number(s)]
    with_figures = [s for s in numeric if s.figures]
    reasons = Counter(s.no_figures_reason for s in numeric if not s.figures)
    print(
        f"statements {len(statements)}; stating a number {len(numeric)}; with figures "
        f"{len(with_figures)} ({100 * len(with_figures) / len(numeric):.1f}%); "
        f"with a reason {sum(reasons.values())} {dict(reasons)}"
    )
    # A statement whose only numbers are publication years states no outcome number.
    outcome = [s for s in numeric if _DIGIT.search(_YEAR_ONLY.sub("", s.text))]
    with_outcome_figures = [s for s in outcome if s.figures]
    print(
        f"stating an outcome number (years aside) {len(outcome)}; with figures "
        f"{len(with_outcome_figures)} ({100 * len(with_outcome_figures) / len(outcome):.1f}%)"
    )
    print(f"figures {sum(len(s.figures) for s in statements)}")
    print("directions", dict(Counter(s.direction.value for s in statements)))
    cits = sl.citations()
    levels = Counter(c.level_of_evidence for c in cits)
    print(f"citations {len(cits)}, each with a design and a level: {dict(levels)}")
    primary = [c for c in cits if c.study_type.value in PRIMARY]
    counted = [c for c in primary if c.descriptors and c.descriptors.patients is not None]
    print(
        f"primary studies {len(primary)}; with a patient count {len(counted)} "
        f"({100 * len(counted) / len(primary):.1f}%)"
    )
    stances = sl.guidelines()
    bodies = Counter(g.organisation for g in stances)
    print(f"guideline stances {len(stances)} from {len(bodies)} organisations: {dict(bodies)}")
    print("options by review date", dict(Counter(o.reviewed for o in sl.options())))


if __name__ == "__main__":
    main()
