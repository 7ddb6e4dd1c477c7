"""The grounded context for one question: ranked, cited passages that fit a budget.

:func:`context` reads the question (:mod:`.intent`), scores every passage
(:mod:`.passages`) by what the question names, uses BM25 over the remaining words
only to break ties, and fills ``max_chars`` in rank order. When the question names
nothing the catalogue covers, the answer says so (``coverage == "none"``) and
carries no passages, so a chatbot says "not covered" instead of improvising.
"""

from __future__ import annotations

from typing import Any

import attrs

from sarcoma_local._core.convert import to_builtins
from sarcoma_local._core.version import DATA_VERSION, DISCLAIMER
from sarcoma_local._data.models import RecurrenceRow, Role
from sarcoma_local._render.labels import role_text
from sarcoma_local._render.records import row_json

from .intent import Intent, understand
from .passages import Prepared, Reference, check_audience, reference
from .scoring import coverage, rank

__all__ = ["Context", "Passage", "context"]

DEFAULT_MAX_CHARS = 6000
DEFAULT_LIMIT = 8
#: Smallest budget that still holds the header, the disclaimer and one short passage.
MIN_MAX_CHARS = 800


@attrs.frozen
class Passage:
    """One ranked passage of a :class:`Context`.

    ``key`` is the catalogue key (``liver/resection``, ``cryoablation``, a table or
    rule key) and ``kind`` says which (option, technique, site, table, rule).
    ``text`` is our own words; ``role`` and ``role_meaning`` say, for an option,
    how the literature places it ("standard" is the usual approach where feasible,
    never a recommendation); ``citations`` carry canonical links only; ``figures``
    are a table's counts. For the patient audience an option's or technique's
    ``text`` opens with its plain-words text, and ``questions`` are questions a
    patient may ask their team.
    """

    key: str
    kind: str
    title: str
    text: str
    score: float
    role: str | None = None
    role_meaning: str | None = None
    citations: tuple[Reference, ...] = ()
    figures: tuple[RecurrenceRow, ...] = ()
    keys: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: the one converter, each table row as ``row_json``."""
        data: dict[str, Any] = to_builtins(self)
        data["figures"] = [row_json(r) for r in self.figures]
        return data


@attrs.frozen
class Context:
    """What the catalogue says about one question, ready to hand to a model.

    ``passages`` (also ``hits``) are ranked, best first. ``coverage`` is
    ``"full"``, ``"partial"`` (some of the question is outside the catalogue:
    ``reason`` says what) or ``"none"`` (nothing in the catalogue answers it;
    ``passages`` is empty). ``text`` renders everything, disclaimer included,
    within ``max_chars``.
    """

    question: str
    audience: str
    coverage: str
    reason: str
    passages: tuple[Passage, ...]
    intent: Intent
    text: str
    max_chars: int
    truncated: bool = False
    disclaimer: str = DISCLAIMER
    data_version: str = DATA_VERSION

    @property
    def hits(self) -> tuple[Passage, ...]:
        """The passages (the name retrieval scorers look for)."""
        return self.passages

    @property
    def keys(self) -> tuple[str, ...]:
        """The passages' keys, best first."""
        return tuple(p.key for p in self.passages)

    @property
    def covered(self) -> bool:
        """False when the catalogue does not cover the question at all."""
        return self.coverage != "none"

    @property
    def coverage_gap(self) -> bool:
        """True when part or all of the question is outside the catalogue."""
        return self.coverage != "full"

    @property
    def role_meanings(self) -> dict[str, str]:
        """Plain meanings of the roles the passages use."""
        return {p.role: p.role_meaning for p in self.passages if p.role and p.role_meaning}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (what the ``context`` chat tool returns), without the intent."""
        data: dict[str, Any] = to_builtins(attrs.evolve(self, passages=()))
        del data["intent"]
        data["passages"] = [p.to_dict() for p in self.passages]
        data["covered"] = self.covered
        data["coverage_gap"] = self.coverage_gap
        data["role_meanings"] = self.role_meanings
        return data


# --- rendering within the budget -----------------------------------------------------


def _reference_text(r: Reference, audience: str) -> str:
    text = r.label
    if audience == "professional" and r.detail():
        text += f" ({r.detail()})"
    return f"{text} <{r.link}>" if r.link else text


def _block(n: int, p: Passage, audience: str) -> str:
    lines = [f"[{n}] {p.title} ({p.kind} {p.key})"]
    if p.role:
        lines.append(f"Role: {role_text(Role(p.role))}")
    lines.append(p.text)
    if p.questions:
        lines.append(f"Questions to ask: {' '.join(p.questions)}")
    if p.citations:
        refs = "; ".join(_reference_text(c, audience) for c in p.citations)
        lines.append(f"Sources: {refs}")
    return "\n".join(lines) + "\n\n"


def _header(question: str, coverage: str, reason: str) -> str:
    head = f"Question: {' '.join(question.split())[:200]}\nCoverage: {coverage}"
    if reason:
        head += f" ({reason})"
    return head + "\n\n"


def _footer() -> str:
    return f"Data version {DATA_VERSION}. {DISCLAIMER}"


def _passage(p: Prepared, details: int, score: float, audience: str) -> Passage:
    chosen = p.details[:details]
    cites = tuple(dict.fromkeys((*p.head_citations, *(k for _, ks in chosen for k in ks))))
    refs = tuple(reference(k, audience) for k in cites)
    text = " ".join((p.head_for(audience), *(t for t, _ in chosen)))
    return Passage(
        key=p.key,
        kind=p.kind,
        title=p.title,
        text=text,
        score=score,
        role=None if p.role is None else p.role.value,
        role_meaning=p.role_meaning,
        citations=refs,
        figures=p.figures,
        keys=p.keys,
        questions=p.questions if audience == "patient" else (),
    )


class _Slot:
    """One passage being fitted: how many details it has so far, and its block size."""

    __slots__ = ("cites", "details", "prepared", "score", "size")

    def __init__(self, p: Prepared, score: float, size: int, cites: set[str]) -> None:
        self.prepared = p
        self.score = score
        self.details = 0
        self.size = size
        self.cites = cites


def _grow(slot: _Slot, audience: str) -> int:
    """How many characters the slot's next detail adds (text and any new citations)."""
    text, keys = slot.prepared.details[slot.details]
    extra = len(text) + 1
    for key in keys:
        if key not in slot.cites:
            ref = _reference_text(reference(key, audience), audience)
            extra += len(ref) + (2 if slot.cites else len("Sources: ") + 1)
    return extra


def _fit(
    ranked: list[tuple[float, Prepared]], room: int, limit: int, audience: str
) -> tuple[list[Passage], bool, str]:
    """Passages in rank order within ``room``: every head first, then details in turns."""
    slots: list[_Slot] = []
    truncated = False
    for score, p in ranked:
        if len(slots) == limit:
            truncated = True
            break
        # A passage whose head cites nothing travels with its first cited detail, so
        # every passage shown carries at least one source.
        first = 1 if p.details and not p.head_citations else 0
        passage = _passage(p, first, score, audience)
        size = len(_block(len(slots) + 1, passage, audience))
        if size <= room:
            slot = _Slot(p, score, size, {c.key for c in passage.citations})
            slot.details = first
            slots.append(slot)
            room -= size
        else:
            truncated = True
    # Details one at a time, best passage first, so the evidence is shared out.
    growing = True
    while growing:
        growing = False
        for slot in slots:
            if slot.details < len(slot.prepared.details):
                extra = _grow(slot, audience)
                if extra <= room:
                    room -= extra
                    slot.cites.update(slot.prepared.details[slot.details][1])
                    slot.details += 1
                    growing = True
    passages: list[Passage] = []
    body = ""
    for n, slot in enumerate(slots, start=1):
        if slot.details < len(slot.prepared.details):
            truncated = True
        passage = _passage(slot.prepared, slot.details, slot.score, audience)
        passages.append(passage)
        body += _block(n, passage, audience)
    return passages, truncated, body


def context(
    question: str,
    *,
    audience: str = "patient",
    max_chars: int = DEFAULT_MAX_CHARS,
    limit: int = DEFAULT_LIMIT,
) -> Context:
    """The catalogue's passages that answer ``question``, ranked, cited, within ``max_chars``.

    ``audience`` is ``"patient"`` or ``"professional"`` (who the text is for; the
    professional form adds each citation's study type, population and flags).
    ``max_chars`` bounds ``Context.text``, header and disclaimer included;
    ``limit`` caps the number of passages. Offline and deterministic.

    >>> ctx = context("can they burn the spots on my husband's liver?")
    >>> ctx.coverage, ctx.passages[0].key, ctx.passages[0].role
    ('full', 'liver/radiofrequency-ablation', 'alternative')
    >>> context("What does grade mean?").coverage
    'none'
    """
    if not isinstance(question, str):
        raise TypeError(f"question must be a str, not {type(question).__name__}")
    audience = check_audience(audience)
    for name, value in (("max_chars", max_chars), ("limit", limit)):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"{name} must be an int, not {type(value).__name__}")
    if max_chars < MIN_MAX_CHARS:
        raise ValueError(
            f"max_chars must be at least {MIN_MAX_CHARS} (room for the header, "
            f"one passage and the disclaimer), not {max_chars}"
        )
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    intent = understand(question)
    ranked = rank(intent)
    level, reason = coverage(intent, ranked)
    footer = _footer()
    header = _header(question, level, reason)
    spare = max_chars - len(footer) - len(header)
    if spare < 0:
        # A question naming many uncovered things: the full reason stays in .reason.
        shown = reason[: max(0, len(reason) + spare - 1)].rstrip() + "\u2026"
        header = _header(question, level, shown)
    room = max_chars - len(header) - len(footer)
    passages, truncated, body = _fit(ranked, room, limit, audience)
    return Context(
        question=question,
        audience=audience,
        coverage=level,
        reason=reason,
        passages=tuple(passages),
        intent=intent,
        text=header + body + footer,
        max_chars=max_chars,
        truncated=truncated,
    )
