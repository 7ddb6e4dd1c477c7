"""Question understanding: which sites, techniques, tumour types and topics a question names.

A phrase table is built once from the catalogue's own names and aliases (sites,
techniques, histologies, primary-tumour sites) plus the lay words of
:mod:`.lexicon`. A question is normalised, misspelt domain words are corrected
against that table (bounded edit distance, never into an ordinary English word),
and the longest phrases win: "soft tissue sarcoma" is a tumour type, not the
soft-tissue site; "liver resection" names the technique *and* the liver. Topics
(spread, lymph nodes, outcomes, subjects the catalogue does not cover) are read
separately so that "limb recurrence" still counts as a question about recurrence.

No model weights, no network: everything is dictionary look-ups, so understanding
a question takes tens of microseconds.
"""

from __future__ import annotations

import re
from functools import lru_cache

import attrs

from sarcoma_local._core.text import edit_distance, normalize
from sarcoma_local._data.loader import get_catalogue

from . import lexicon

__all__ = ["Intent", "understand"]

_MAX_PHRASE = 6
SITE, TECHNIQUE, HISTOLOGY, PRIMARY, FOREIGN, IMPLIED = (
    "site",
    "technique",
    "histology",
    "primary",
    "foreign",
    "implied",
)
# When two kinds name the same words, the first kind here wins the span's lead.
_KIND_ORDER = {TECHNIQUE: 0, HISTOLOGY: 1, SITE: 2, IMPLIED: 3, PRIMARY: 4, FOREIGN: 5}
_IMPLIED_SITE = 0.9  # "liver resection" names the liver a little less than "liver" does
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


def _canon(word: str) -> str:
    # Plural-insensitive, applied alike to the table and to questions.
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _phrase(text: str) -> str:
    return " ".join(_canon(w) for w in normalize(text).split())


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


Entry = tuple[str, str, float]  # kind, key, weight


class _Table:
    """Phrase table, topic phrases and the spelling index, built once."""

    __slots__ = ("concepts", "domain_words", "known", "longest", "neighbours", "topics")

    def __init__(self) -> None:
        cat = get_catalogue()
        concepts: dict[str, dict[tuple[str, str], float]] = {}

        def add(text: str, kind: str, key: str, weight: float = 1.0) -> None:
            phrase = _phrase(text)
            if not phrase:
                return
            variants = [phrase]
            words = phrase.split()
            if len(words) == 2:
                variants.append("".join(words))  # "gamma knife" -> "gammaknife"
            for p in variants:
                slot = concepts.setdefault(p, {})
                if slot.get((kind, key), 0.0) < weight:
                    slot[(kind, key)] = weight

        for s in cat.sites.by_key.values():
            for name in (s.key, *_name_variants(s.name), *s.aliases):
                add(name, SITE, s.key)
        for phrase, targets in lexicon.LAY_SITES.items():
            for key, weight in targets:
                add(phrase, SITE, key, weight)
        site_phrases = {p: dict(v) for p, v in concepts.items()}
        for h in cat.histologies.by_key.values():
            for name in (h.key, *_name_variants(h.name), *h.aliases):
                add(name, HISTOLOGY, h.key)
        for phrase, key in lexicon.LAY_HISTOLOGIES.items():
            add(phrase, HISTOLOGY, key)
        for p in cat.primary_sites.by_key.values():
            for name in (p.key, p.name, *p.aliases):
                add(name, PRIMARY, p.key)
        for phrase, key in lexicon.LAY_PRIMARY_SITES.items():
            add(phrase, PRIMARY, key)
        for phrase, label in lexicon.OUT_OF_SCOPE_HISTOLOGIES.items():
            add(phrase, FOREIGN, label)
        for phrase, label in lexicon.OUT_OF_SCOPE_TECHNIQUES.items():
            add(phrase, FOREIGN, label)

        technique_phrases: list[tuple[str, str, float]] = []
        for t in cat.techniques.by_key.values():
            for name in (t.key, *_name_variants(t.name), *t.aliases):
                technique_phrases.append((name, t.key, 1.0))
        for phrase, targets in lexicon.LAY_TECHNIQUES.items():
            technique_phrases.extend((phrase, key, weight) for key, weight in targets)
        by_category: dict[str, list[str]] = {}
        for t in cat.techniques.by_key.values():
            by_category.setdefault(t.category.value, []).append(t.key)
        for phrase, (category, weight) in lexicon.LAY_CATEGORIES.items():
            technique_phrases.extend((phrase, key, weight) for key in by_category[category])
        # A lay weight caps the alias weight for the same pair: "surgery" is a
        # catalogue alias of resection, but a vaguer word than "metastasectomy".
        lay = {
            (_phrase(p), key): w
            for p, targets in lexicon.LAY_TECHNIQUES.items()
            for key, w in targets
        }
        for name, key, weight in technique_phrases:
            phrase = _phrase(name)
            weight = min(weight, lay.get((phrase, key), weight))
            add(name, TECHNIQUE, key, weight)
            # A technique named with a site ("liver resection") names the site too.
            words = phrase.split()
            for size in range(len(words), 0, -1):
                for start in range(len(words) - size + 1):
                    for (kind, site_key), _ in site_phrases.get(
                        " ".join(words[start : start + size]), {}
                    ).items():
                        if kind == SITE and len(words) > size:
                            add(name, IMPLIED, f"{site_key}/{key}", _IMPLIED_SITE)

        self.concepts: dict[str, tuple[Entry, ...]] = {
            p: tuple((kind, key, w) for (kind, key), w in slot.items())
            for p, slot in concepts.items()
        }
        topics: dict[str, set[str]] = {}
        for name, group in (
            ("spread", lexicon.SPREAD_STRONG),
            ("weak", lexicon.SPREAD_WEAK),
            ("rate", lexicon.RATE_WORDS),
            ("recur", lexicon.RECURRENCE_WORDS),
            ("nodal", lexicon.NODAL_WORDS),
            ("outcome", lexicon.OUTCOME_WORDS),
            ("treatment", lexicon.TREATMENT_WORDS),
            ("repeat", lexicon.REPEAT_WORDS),
        ):
            for w in group:
                topics.setdefault(_phrase(w), set()).add(name)
        for w, label in lexicon.OUT_OF_SCOPE.items():
            topics.setdefault(_phrase(w), set()).add("oos:" + label)
        for w in lexicon.WHAT_IS:
            topics.setdefault(_phrase(w), set()).add("what")
        self.topics = {p: frozenset(v) for p, v in topics.items()}
        self.longest = max(len(p.split()) for p in (*self.concepts, *self.topics))

        # Typos are corrected into names (sites, techniques, tumour types) and
        # single topic words ("spread"), never into the parts of a topic phrase
        # ("live" of "live longer"), which are ordinary English.
        single_topics = (p for p in self.topics if " " not in p)
        domain = {w for p in (*self.concepts, *single_topics) for w in p.split() if len(w) >= 4}
        self.domain_words = frozenset(domain)
        known = set(domain) | set(lexicon.COMMON_WORDS) | set(lexicon.GENERIC)
        for text in _catalogue_texts():
            known.update(_canon(w) for w in normalize(text).split())
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


def _deletes(word: str, depth: int) -> set[str]:
    found = {word[:i] + word[i + 1 :] for i in range(len(word))}
    if depth > 1:
        for d in list(found):
            found.update(d[:i] + d[i + 1 :] for i in range(len(d)))
    return found


def _catalogue_texts() -> list[str]:
    cat = get_catalogue()
    texts: list[str] = []
    for o in cat.options:
        texts.append(o.summary)
        texts.extend(s.text for s in o.statements)
    for t in cat.techniques.by_key.values():
        texts.append(t.summary)
    for s in cat.sites.by_key.values():
        texts.append(s.description)
    for table in cat.tables.values():
        texts.extend((table.title, table.population, table.measure, table.notes))
        texts.extend(r.label for r in table.rows)
    for rule in cat.rules:
        texts.extend((rule.applies_to, rule.pattern, rule.note))
    return texts


@lru_cache(maxsize=1)
def table() -> _Table:
    """The phrase table (built on first use; the catalogue never changes in a process)."""
    return _Table()


@lru_cache(maxsize=4096)
def _corrected(word: str) -> str | None:
    return table().correct(word)


def _fix_spelling(words: list[str], t: _Table) -> tuple[list[str], list[tuple[str, str]]]:
    fixed: list[str] = []
    corrections: list[tuple[str, str]] = []
    for word in words:
        if len(word) < 4 or word.isdigit() or word in t.known or _canon(word) in t.known:
            fixed.append(word)
            continue
        # The table holds singular forms: "lunngs" is a slip for "lung(s)".
        better = _corrected(word) or _corrected(_canon(word))
        if better is None:
            fixed.append(word)
        else:
            fixed.append(better)
            corrections.append((word, better))
    return fixed, corrections


def understand(question: str) -> Intent:
    """Read the sites, techniques, tumour types and topics ``question`` names.

    >>> i = understand("can they burn the 3 spots on his livr?")
    >>> i.site_keys, i.technique_keys[0], i.corrections
    (('liver',), 'radiofrequency-ablation', (('livr', 'liver'),))
    """
    if not isinstance(question, str):
        raise TypeError(f"question must be a str, not {type(question).__name__}")
    t = table()
    raw = normalize(question).split()
    words, corrections = _fix_spelling(raw, t)
    canon = [_canon(w) for w in words]
    n = len(canon)

    # Concepts: every phrase that matches, then the longest non-overlapping ones.
    matches: list[tuple[int, int, tuple[Entry, ...]]] = []
    for i in range(n):
        for size in range(min(t.longest, n - i), 0, -1):
            found = t.concepts.get(" ".join(canon[i : i + size]))
            if found is None and size == 2:
                found = t.concepts.get(canon[i] + canon[i + 1])
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

    sites: dict[str, float] = {}
    implied: dict[str, None] = {}
    named_sites: set[str] = set()
    primary_words: dict[str, None] = {}
    techniques: dict[str, float] = {}
    histologies: dict[str, None] = {}
    primaries: dict[str, None] = {}
    foreign: dict[str, None] = {}
    for start, entries in chosen:
        # "an alternative to surgery": the technique is what the asker wants to avoid.
        aside = any(words[k] in lexicon.SETTING_ASIDE for k in range(max(0, start - 3), start))
        kinds = {e[0] for e in entries}
        for kind, key, weight in sorted(entries, key=lambda e: _KIND_ORDER[e[0]]):
            if kind == TECHNIQUE and aside:
                weight *= 0.5
            if kind == SITE:
                if aside:
                    weight *= 0.3  # "spread outside the lungs" is not about the lungs
                sites[key] = max(sites.get(key, 0.0), weight)
                named_sites.add(key)
                if PRIMARY in kinds:
                    primary_words[key] = None
            elif kind == IMPLIED:
                site_key = key.split("/", 1)[0]
                sites[site_key] = max(sites.get(site_key, 0.0), weight)
                implied[key] = None
            elif kind == TECHNIQUE:
                techniques[key] = max(techniques.get(key, 0.0), weight)
            elif kind == HISTOLOGY:
                histologies[key] = None
            elif kind == PRIMARY:
                primaries[key] = None
            else:
                foreign[key] = None

    # Topics: any phrase anywhere, overlapping concepts or not.
    topics: set[str] = set()
    in_concept = taken[:]
    for i in range(n):
        for size in range(1, min(t.longest, n - i) + 1):
            found_topics = t.topics.get(" ".join(canon[i : i + size]))
            if found_topics and any(in_concept[i : i + size]):
                # "chemo" inside "chemo embolization" or "heated chemo" is the technique.
                found_topics = frozenset(x for x in found_topics if not x.startswith("oos:"))
            if found_topics:
                if any(words[k] in lexicon.SETTING_ASIDE for k in range(max(0, i - 3), i)):
                    # "options besides chemo": the subject is set aside, not asked about.
                    found_topics = frozenset(x for x in found_topics if not x.startswith("oos:"))
                topics |= found_topics
                if found_topics & _TOPIC_ONLY:
                    # "other parts of the body" asks about spread; its words are not content.
                    for k in range(i, i + size):
                        taken[k] = True
    if "repeat" in topics and techniques.get("resection", 0.0) >= 0.6:
        techniques["repeat-resection"] = max(
            techniques.get("repeat-resection", 0.0), techniques["resection"]
        )
        implied.update(
            dict.fromkeys(k.replace("/resection", "/repeat-resection") for k in list(implied))
        )
    cat = get_catalogue()
    if "liver" in sites and "lung" in sites:
        both = min(sites["liver"], sites["lung"])
        sites["liver-and-lung"] = max(sites.get("liver-and-lung", 0.0), both)
    for key in list(sites):
        for part in cat.sites.by_key[key].parts:
            sites.setdefault(part, sites[key] * 0.8)

    # "How common is LMS?" asks for a number, but not about spread; "how often does
    # it reach the bones?" or "the incidence of bone metastases" does.
    metastasis = any(w in lexicon.METASTASIS_WORDS for w in words)
    asks_spread = "spread" in topics or ("rate" in topics and (sites or metastasis))
    spread = 1.0 if asks_spread else 0.5 if "weak" in topics else 0.0
    out_of_scope = tuple(sorted(x[4:] for x in topics if x.startswith("oos:")))
    content = [
        w
        for w, c, covered in zip(words, canon, taken, strict=True)
        if not covered and len(w) > 1 and w not in lexicon.GENERIC and c not in lexicon.GENERIC
    ]
    return Intent(
        sites=tuple(sites.items()),
        techniques=tuple(sorted(techniques.items(), key=lambda kv: -kv[1])),
        histologies=tuple(histologies),
        primary_sites=tuple(primaries),
        spread=spread,
        asks_rate="rate" in topics,
        recurrence="recur" in topics,
        implied=tuple(k for k in implied if k.split("/", 1)[0] not in named_sites),
        primary_words=tuple(primary_words),
        nodal="nodal" in topics,
        outcome="outcome" in topics,
        treatment="treatment" in topics,
        metastasis=metastasis,
        asks_what_is="what" in topics,
        out_of_scope=out_of_scope,
        not_in_catalogue=tuple(foreign),
        terms=tuple(dict.fromkeys(content)),
        corrections=tuple(corrections),
    )
