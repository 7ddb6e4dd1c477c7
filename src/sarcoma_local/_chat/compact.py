"""Compact answers: a site's options within a size budget, statements shared out fairly.

``site_options`` answers compactly by default: each option's role and summary, then
its cited statements (each citing its sources by label), added one round at a time
(every option's first statement, then every second ...) while the whole answer,
envelope and citation list included, stays under :data:`BUDGET` bytes of JSON. An
option whose next statement does not fit stops there and says how many it left
out; ``detail="full"`` gives everything.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from sarcoma_local._data.models import Direction, Option, Statement
from sarcoma_local._data.queries import citation
from sarcoma_local._render.citations import format_citation
from sarcoma_local._render.records import citation_brief

__all__ = ["BUDGET", "fit_statements", "json_size", "statement_json"]

JSON = dict[str, Any]

#: Most bytes of JSON (UTF-8, ``json.dumps`` defaults) a compact answer takes; the
#: promise to chatbots is "under 8 KB", and the estimate below only overcounts.
BUDGET = 7800


def json_size(value: object) -> int:
    """Bytes of ``value`` as JSON with ``json.dumps`` defaults, UTF-8 encoded."""
    return len(json.dumps(value, ensure_ascii=False).encode("utf-8"))


def statement_json(s: Statement) -> JSON:
    """A statement and the labels of its sources ("Chen 1998"), and its ``direction``
    when it reports a benefit, no benefit or harm (a descriptive one leaves it out)."""
    out: JSON = {"text": s.text, "citations": [format_citation(k, "label") for k in s.citations]}
    if s.direction is not Direction.DESCRIPTIVE:
        out["direction"] = s.direction.value
    return out


def fit_statements(
    found: Sequence[Option],
    options: list[JSON],
    size_of: Callable[[], int],
    already: Sequence[str] = (),
) -> list[str]:
    """Add statements to ``options`` (the heads of ``found``, same order) in rounds while
    the answer fits :data:`BUDGET`; returns the keys of the citations now cited.

    ``size_of()`` measures the answer as it stands (heads only, with the ``already``
    cited articles) once; each statement then adds its own size and that of any
    article it newly cites, each with a separator, which overcounts slightly and
    never undercounts.
    """
    for option in options:
        option["statements"] = []
        option["statements_left_out"] = 0  # measured now, dropped below when 0
    total = size_of()
    cited: dict[str, None] = dict.fromkeys(already)
    open_ = [True] * len(found)
    for turn in range(max((len(o.statements) for o in found), default=0)):
        for i, o in enumerate(found):
            if not open_[i] or turn >= len(o.statements):
                continue
            s = o.statements[turn]
            new = [k for k in dict.fromkeys(s.citations) if k not in cited]
            cost = json_size(statement_json(s)) + 2
            cost += sum(json_size(citation_brief(citation(k))) + 2 for k in new)
            if total + cost > BUDGET:
                open_[i] = False
                continue
            total += cost
            options[i]["statements"].append(statement_json(s))
            cited.update(dict.fromkeys(new))
    for option, o in zip(options, found, strict=True):
        left = len(o.statements) - len(option["statements"])
        if left:
            option["statements_left_out"] = left
        else:
            del option["statements_left_out"]
    return list(cited)
