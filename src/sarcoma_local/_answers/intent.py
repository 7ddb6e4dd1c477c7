"""Question understanding: which sites, techniques, tumour types and topics a question names.

A phrase table is built once from the catalogue's own names and aliases (sites,
techniques, histologies, primary-tumour sites) plus the lay words of
:mod:`.phrases`. A question is normalised, misspelt domain words are corrected
against that table (bounded edit distance, never into an ordinary English word),
and the longest phrases win: "soft tissue sarcoma" is a tumour type, not the
soft-tissue site; "liver resection" names the technique *and* the liver. Topics
(spread, lymph nodes, outcomes, subjects the catalogue does not cover) are read
separately so that "limb recurrence" still counts as a question about recurrence.

No model weights, no network: everything is dictionary look-ups, so understanding
a question takes tens of microseconds.
"""

from __future__ import annotations

import attrs

from sarcoma_local._core.text import normalize

from .lexicon_scope import GENERIC, METASTASIS_WORDS, SETTING_ASIDE
from .phrases import (
    FOREIGN,
    HISTOLOGY,
    IMPLIED,
    PRIMARY,
    SITE,
    TECHNIQUE,
    Entry,
    Table,
    canon,
    table,
)

__all__ = ["Intent", "understand"]

# When two kinds name the same words, the first kind here wins the span's lead.
_KIND_ORDER = {TECHNIQUE: 0, HISTOLOGY: 1, SITE: 2, IMPLIED: 3, PRIMARY: 4, FOREIGN: 5}
GENERIC_HISTOLOGY = "soft-tissue-sarcoma"  # the domain itself: names no subtype
_TOPIC_ONLY = frozenset(("spread", "weak", "rate", "recur", "treatment", "what", "repeat"))


@attrs.frozen
class Intent:
    """What a question asks about, in catalogue keys.

    ``sites`` and ``techniques`` pair each key with how clearly the question named
    it (1.0 for a name or alias, less for a vague lay word such as "burn" or
    "belly"). ``spread`` is 1.0 for a question about where or whether a sarcoma
    spreads or recurs, 0.5 for a hint ("recurrent"), else 0. ``out_of_scope``
    names subjects the catalogue does not cover (chemotherapy, grading ...) and
    ``not_in_catalogue`` tumour types or treatments it has no entry for;
    ``asks_rate`` marks a question for a number ("how often"), ``recurrence`` one
    about coming back rather than where it spreads. ``implied`` holds
    the ``site/technique`` pairs whose site was named only inside a technique's
    name ("liver resection"); ``primary_words`` the sites named by words that may
    also mean where the tumour started ("leg"). ``terms`` are the remaining
    content words; ``corrections`` the typos fixed.
    """

    sites: tuple[tuple[str, float], ...] = ()
    techniques: tuple[tuple[str, float], ...] = ()
    histologies: tuple[str, ...] = ()
    primary_sites: tuple[str, ...] = ()
    spread: float = 0.0
    asks_rate: bool = False
    recurrence: bool = False
    nodal: bool = False
    outcome: bool = False
    treatment: bool = False
    metastasis: bool = False
    asks_what_is: bool = False
    implied: tuple[str, ...] = ()
    primary_words: tuple[str, ...] = ()
    out_of_scope: tuple[str, ...] = ()
    not_in_catalogue: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    corrections: tuple[tuple[str, str], ...] = ()

    @property
    def site_keys(self) -> tuple[str, ...]:
        """The site keys alone."""
        return tuple(k for k, _ in self.sites)

    @property
    def technique_keys(self) -> tuple[str, ...]:
        """The technique keys alone."""
        return tuple(k for k, _ in self.techniques)

    @property
    def specific_histologies(self) -> tuple[str, ...]:
        """Histologies other than soft-tissue sarcoma in general."""
        return tuple(h for h in self.histologies if h != GENERIC_HISTOLOGY)

    @property
    def names_something(self) -> bool:
        """True when the question names a site, a technique or asks about spread."""
        return bool(self.sites or self.techniques or self.spread >= 1.0 or self.nodal)


def _spans(
    canon_words: list[str], t: Table
) -> tuple[list[tuple[int, tuple[Entry, ...]]], list[bool]]:
    """The longest non-overlapping concept phrases, in question order, and the words taken."""
    n = len(canon_words)
    matches: list[tuple[int, int, tuple[Entry, ...]]] = []
    for i in range(n):
        for size in range(min(t.longest, n - i), 0, -1):
            found = t.concepts.get(" ".join(canon_words[i : i + size]))
            if found is None and size == 2:
                found = t.concepts.get(canon_words[i] + canon_words[i + 1])
            if found is not None:
                matches.append((i, i + size, found))
                break  # the longest phrase starting here
    matches.sort(key=lambda m: (m[0] - m[1], m[0]))
    taken = [False] * n
    chosen: list[tuple[int, tuple[Entry, ...]]] = []
    for start, end, entries in matches:
        if any(taken[start:end]):
            continue
        for k in range(start, end):
            taken[k] = True
        chosen.append((start, entries))
    chosen.sort()
    return chosen, taken


class _Named:
    """What the concept phrases of one question name, gathered kind by kind."""

    def __init__(self) -> None:
        self.sites: dict[str, float] = {}
        self.implied: dict[str, None] = {}
        self.named_sites: set[str] = set()
        self.primary_words: dict[str, None] = {}
        self.techniques: dict[str, float] = {}
        self.histologies: dict[str, None] = {}
        self.primaries: dict[str, None] = {}
        self.foreign: dict[str, None] = {}

    def take(self, entries: tuple[Entry, ...], aside: bool) -> None:
        """Record one span's entries; ``aside``: the asker sets it aside ("instead of")."""
        kinds = {e[0] for e in entries}
        for kind, key, weight in sorted(entries, key=lambda e: _KIND_ORDER[e[0]]):
            if kind == TECHNIQUE:
                w = weight * 0.5 if aside else weight
                self.techniques[key] = max(self.techniques.get(key, 0.0), w)
            elif kind == SITE:
                w = weight * 0.3 if aside else weight  # "outside the lungs" is not the lungs
                self.sites[key] = max(self.sites.get(key, 0.0), w)
                self.named_sites.add(key)
                if PRIMARY in kinds:
                    self.primary_words[key] = None
            elif kind == IMPLIED:
                site_key = key.split("/", 1)[0]
                self.sites[site_key] = max(self.sites.get(site_key, 0.0), weight)
                self.implied[key] = None
            elif kind == HISTOLOGY:
                self.histologies[key] = None
            elif kind == PRIMARY:
                self.primaries[key] = None
            else:
                self.foreign[key] = None

    def finish(self, topics: set[str], t: Table) -> None:
        """Second operations, the combined liver-and-lung site and a site's parts."""
        if "repeat" in topics and self.techniques.get("resection", 0.0) >= 0.6:
            resection = self.techniques["resection"]
            self.techniques["repeat-resection"] = max(
                self.techniques.get("repeat-resection", 0.0), resection
            )
            self.implied.update(
                dict.fromkeys(
                    k.replace("/resection", "/repeat-resection") for k in list(self.implied)
                )
            )
        if "liver" in self.sites and "lung" in self.sites:
            both = min(self.sites["liver"], self.sites["lung"])
            self.sites["liver-and-lung"] = max(self.sites.get("liver-and-lung", 0.0), both)
        for key in list(self.sites):
            for part in t.parts[key]:
                self.sites.setdefault(part, self.sites[key] * 0.8)


def _set_aside(words: list[str], start: int) -> bool:
    # "an alternative to surgery": the thing named is what the asker wants to avoid.
    return any(words[k] in SETTING_ASIDE for k in range(max(0, start - 3), start))


def _read_topics(words: list[str], canon_words: list[str], taken: list[bool], t: Table) -> set[str]:
    """Topic phrases anywhere, overlapping concepts or not; marks topic-only words taken."""
    topics: set[str] = set()
    in_concept = taken[:]
    n = len(canon_words)
    for i in range(n):
        for size in range(1, min(t.longest, n - i) + 1):
            found = t.topics.get(" ".join(canon_words[i : i + size]))
            if not found:
                continue
            if any(in_concept[i : i + size]) or _set_aside(words, i):
                # "chemo" inside "chemo embolization" is the technique; "options besides
                # chemo" sets the subject aside rather than asking about it.
                found = frozenset(x for x in found if not x.startswith("oos:"))
            topics |= found
            if found & _TOPIC_ONLY:
                # "other parts of the body" asks about spread; its words are not content.
                for k in range(i, i + size):
                    taken[k] = True
    return topics


def understand(question: str) -> Intent:
    """Read the sites, techniques, tumour types and topics ``question`` names.

    >>> i = understand("can they burn the 3 spots on his livr?")
    >>> i.site_keys, i.technique_keys[0], i.corrections
    (('liver',), 'radiofrequency-ablation', (('livr', 'liver'),))
    """
    if not isinstance(question, str):
        raise TypeError(f"question must be a str, not {type(question).__name__}")
    t = table()
    words, corrections = t.fix_spelling(normalize(question).split())
    canon_words = [canon(w) for w in words]
    chosen, taken = _spans(canon_words, t)
    named = _Named()
    for start, entries in chosen:
        named.take(entries, _set_aside(words, start))
    topics = _read_topics(words, canon_words, taken, t)
    named.finish(topics, t)
    # "How common is LMS?" asks for a number, but not about spread; "how often does
    # it reach the bones?" or "the incidence of bone metastases" does.
    metastasis = any(w in METASTASIS_WORDS for w in words)
    asks_spread = "spread" in topics or ("rate" in topics and (named.sites or metastasis))
    content = [
        w
        for w, c, covered in zip(words, canon_words, taken, strict=True)
        if not covered and len(w) > 1 and w not in GENERIC and c not in GENERIC
    ]
    return Intent(
        sites=tuple(named.sites.items()),
        techniques=tuple(sorted(named.techniques.items(), key=lambda kv: -kv[1])),
        histologies=tuple(named.histologies),
        primary_sites=tuple(named.primaries),
        spread=1.0 if asks_spread else 0.5 if "weak" in topics else 0.0,
        asks_rate="rate" in topics,
        recurrence="recur" in topics,
        implied=tuple(k for k in named.implied if k.split("/", 1)[0] not in named.named_sites),
        primary_words=tuple(named.primary_words),
        nodal="nodal" in topics,
        outcome="outcome" in topics,
        treatment="treatment" in topics,
        metastasis=metastasis,
        asks_what_is="what" in topics,
        out_of_scope=tuple(sorted(x[4:] for x in topics if x.startswith("oos:"))),
        not_in_catalogue=tuple(named.foreign),
        terms=tuple(dict.fromkeys(content)),
        corrections=tuple(corrections),
    )
