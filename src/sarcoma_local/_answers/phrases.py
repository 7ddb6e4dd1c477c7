"""The phrase table a question is read against, and the spelling corrector.

Built once from the catalogue's own names and aliases (sites, techniques,
histologies, primary-tumour sites, read through the public queries) plus the lay
words of :mod:`.lexicon_sites`, :mod:`.lexicon_techniques` and :mod:`.lexicon_scope`.
Typos are corrected only into domain words (bounded edit distance, a unique
winner), never into ordinary English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from sarcoma_local._core.text import edit_distance, normalize
from sarcoma_local._data.queries import (
    histologies,
    options,
    primary_sites,
    recurrence_tables,
    rules,
    sites,
    techniques,
)

from . import lexicon_scope as scope
from .lexicon_sites import LAY_HISTOLOGIES, LAY_PRIMARY_SITES, LAY_SITES
from .lexicon_techniques import LAY_CATEGORIES, LAY_TECHNIQUES

__all__ = ["FOREIGN", "HISTOLOGY", "IMPLIED", "PRIMARY", "SITE", "TECHNIQUE", "Entry", "table"]

SITE, TECHNIQUE, HISTOLOGY, PRIMARY, FOREIGN, IMPLIED = (
    "site",
    "technique",
    "histology",
    "primary",
    "foreign",
    "implied",
)
_IMPLIED_SITE = 0.9  # "liver resection" names the liver a little less than "liver" does

Entry = tuple[str, str, float]  # kind, key, weight

_TOPIC_GROUPS = (
    ("spread", scope.SPREAD_STRONG),
    ("weak", scope.SPREAD_WEAK),
    ("rate", scope.RATE_WORDS),
    ("recur", scope.RECURRENCE_WORDS),
    ("nodal", scope.NODAL_WORDS),
    ("outcome", scope.OUTCOME_WORDS),
    ("treatment", scope.TREATMENT_WORDS),
    ("repeat", scope.REPEAT_WORDS),
)


def canon(word: str) -> str:
    """``word`` without a plural ``s`` (applied alike to the table and to questions)."""
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def phrase(text: str) -> str:
    """``text`` normalised, word by word through :func:`canon`."""
    return " ".join(canon(w) for w in normalize(text).split())


_PAREN = re.compile(r"\s*\(([^)]*)\)")


def _name_variants(name: str) -> list[str]:
    """A name, the name without its parenthesis and the parenthesis alone."""
    found = [name]
    inner = _PAREN.findall(name)
    if inner:
        found.append(_PAREN.sub("", name))
        for part in inner:
            found.extend(p for p in re.split(r",|/| or ", part) if p.strip())
    return found


class _Concepts:
    """Phrase -> {(kind, key): weight}, keeping the highest weight of a pair."""

    def __init__(self) -> None:
        self.slots: dict[str, dict[tuple[str, str], float]] = {}

    def add(self, text: str, kind: str, key: str, weight: float = 1.0) -> None:
        p = phrase(text)
        if not p:
            return
        variants = [p]
        words = p.split()
        if len(words) == 2:
            variants.append("".join(words))  # "gamma knife" -> "gammaknife"
        for v in variants:
            slot = self.slots.setdefault(v, {})
            if slot.get((kind, key), 0.0) < weight:
                slot[(kind, key)] = weight

    def add_records(self) -> None:
        """Sites, histologies and primary sites by key, name and alias, plus lay words."""
        for s in sites():
            for name in (s.key, *_name_variants(s.name), *s.aliases):
                self.add(name, SITE, s.key)
        for text, targets in LAY_SITES.items():
            for key, weight in targets:
                self.add(text, SITE, key, weight)
        for h in histologies():
            for name in (h.key, *_name_variants(h.name), *h.aliases):
                self.add(name, HISTOLOGY, h.key)
        for text, key in LAY_HISTOLOGIES.items():
            self.add(text, HISTOLOGY, key)
        for ps in primary_sites():
            for name in (ps.key, ps.name, *ps.aliases):
                self.add(name, PRIMARY, ps.key)
        for text, key in LAY_PRIMARY_SITES.items():
            self.add(text, PRIMARY, key)
        foreign = (*scope.OUT_OF_SCOPE_HISTOLOGIES.items(), *scope.OUT_OF_SCOPE_TECHNIQUES.items())
        for text, label in foreign:
            self.add(text, FOREIGN, label)

    def add_techniques(self, site_phrases: dict[str, dict[tuple[str, str], float]]) -> None:
        """Techniques by name, alias, lay and family word; a site inside a name counts too."""
        named: list[tuple[str, str, float]] = []
        for t in techniques():
            for name in (t.key, *_name_variants(t.name), *t.aliases):
                named.append((name, t.key, 1.0))
        for text, targets in LAY_TECHNIQUES.items():
            named.extend((text, key, weight) for key, weight in targets)
        by_category: dict[str, list[str]] = {}
        for t in techniques():
            by_category.setdefault(t.category.value, []).append(t.key)
        for text, (category, weight) in LAY_CATEGORIES.items():
            named.extend((text, key, weight) for key in by_category[category])
        # A lay weight caps the alias weight for the same pair: "surgery" is a
        # catalogue alias of resection, but a vaguer word than "metastasectomy".
        lay = {(phrase(p), key): w for p, targets in LAY_TECHNIQUES.items() for key, w in targets}
        for name, key, weight in named:
            p = phrase(name)
            self.add(name, TECHNIQUE, key, min(weight, lay.get((p, key), weight)))
            # A technique named with a site ("liver resection") names the site too.
            for site_key in _sites_inside(p, site_phrases):
                self.add(name, IMPLIED, f"{site_key}/{key}", _IMPLIED_SITE)


def _sites_inside(p: str, site_phrases: dict[str, dict[tuple[str, str], float]]) -> Iterator[str]:
    words = p.split()
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            for kind, site_key in site_phrases.get(" ".join(words[start : start + size]), {}):
                if kind == SITE:
                    yield site_key


def _topics() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for name, group in _TOPIC_GROUPS:
        for w in group:
            found.setdefault(phrase(w), set()).add(name)
    for w, label in scope.OUT_OF_SCOPE.items():
        found.setdefault(phrase(w), set()).add("oos:" + label)
    for w in scope.WHAT_IS:
        found.setdefault(phrase(w), set()).add("what")
    return {p: frozenset(v) for p, v in found.items()}


class Table:
    """Phrase table, topic phrases, site parts and the spelling index, built once."""

    __slots__ = ("concepts", "domain_words", "known", "longest", "neighbours", "parts", "topics")

    def __init__(self) -> None:
        concepts = _Concepts()
        concepts.add_records()
        site_phrases = {p: dict(v) for p, v in concepts.slots.items()}
        concepts.add_techniques(site_phrases)
        self.concepts: dict[str, tuple[Entry, ...]] = {
            p: tuple((kind, key, w) for (kind, key), w in slot.items())
            for p, slot in concepts.slots.items()
        }
        self.topics = _topics()
        self.longest = max(len(p.split()) for p in (*self.concepts, *self.topics))
        self.parts = {s.key: s.parts for s in sites()}
        # Typos are corrected into names (sites, techniques, tumour types) and
        # single topic words ("spread"), never into the parts of a topic phrase
        # ("live" of "live longer"), which are ordinary English.
        single_topics = (p for p in self.topics if " " not in p)
        domain = {w for p in (*self.concepts, *single_topics) for w in p.split() if len(w) >= 4}
        self.domain_words = frozenset(domain)
        known = set(domain) | set(scope.COMMON_WORDS) | set(scope.GENERIC)
        for text in _catalogue_texts():
            known.update(canon(w) for w in normalize(text).split())
        self.known = frozenset(known)
        # Delete-neighbourhood index (SymSpell): words one or two edits apart
        # share a one- or two-letter deletion, so a typo costs a few look-ups.
        neighbours: dict[str, set[str]] = {}
        for word in domain:
            for d in _deletes(word, 2 if len(word) >= 9 else 1):
                neighbours.setdefault(d, set()).add(word)
        self.neighbours = {d: tuple(sorted(ws)) for d, ws in neighbours.items()}

    def correct(self, word: str) -> str | None:
        """The domain word ``word`` is a slip for, when exactly one is closest."""
        bound = 2 if len(word) >= 9 else 1
        candidates: set[str] = set()
        for d in _deletes(word, bound) | {word}:
            candidates.update(self.neighbours.get(d, ()))  # a letter changed or missing
            if d in self.domain_words:
                candidates.add(d)  # a letter too many ("livver")
        if len(word) <= 6:
            # Short words: keep the first letter ("kind" is not "skin"); at four letters
            # only a swap ("lugn") or a dropped letter ("livr"), never a changed one
            # ("fast" is not "fsrt").
            candidates = {c for c in candidates if c[0] == word[0]}
            if len(word) == 4:
                candidates = {c for c in candidates if sorted(c) == sorted(word) or len(c) == 5}
        best: list[str] = []
        best_distance = bound + 1
        for c in sorted(candidates):
            distance = edit_distance(word, c, bound)
            if distance < best_distance:
                best, best_distance = [c], distance
            elif distance == best_distance:
                best.append(c)
        return best[0] if len(best) == 1 else None

    def fix_spelling(self, words: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
        """``words`` with slips corrected, and the (slip, correction) pairs."""
        fixed: list[str] = []
        corrections: list[tuple[str, str]] = []
        for word in words:
            if len(word) < 4 or word.isdigit() or word in self.known or canon(word) in self.known:
                fixed.append(word)
                continue
            # The table holds singular forms: "lunngs" is a slip for "lung(s)".
            better = _corrected(word) or _corrected(canon(word))
            if better is None:
                fixed.append(word)
            else:
                fixed.append(better)
                corrections.append((word, better))
        return fixed, corrections


def _deletes(word: str, depth: int) -> set[str]:
    found = {word[:i] + word[i + 1 :] for i in range(len(word))}
    if depth > 1:
        for d in list(found):
            found.update(d[:i] + d[i + 1 :] for i in range(len(d)))
    return found


def _catalogue_texts() -> list[str]:
    texts: list[str] = []
    for o in options():
        texts.append(o.summary)
        texts.extend(s.text for s in o.statements)
    texts.extend(t.summary for t in techniques())
    texts.extend(s.description for s in sites())
    for tab in recurrence_tables():
        texts.extend((tab.title, tab.population, tab.measure, tab.notes))
        texts.extend(r.label for r in tab.rows)
    for rule in rules():
        texts.extend((rule.applies_to, rule.pattern, rule.note))
    return texts


@lru_cache(maxsize=1)
def table() -> Table:
    """The phrase table (built on first use; the catalogue never changes in a process)."""
    return Table()


@lru_cache(maxsize=4096)
def _corrected(word: str) -> str | None:
    return table().correct(word)
