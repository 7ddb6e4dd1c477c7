"""Lazy, thread-safe loading of the shipped catalogue, one dataset at a time.

Nothing is read at import. Each dataset is built on first use, under a lock
with a re-check, and published with a single assignment only once it is fully
built and checked, so racing threads all get the same complete object:

* sites, techniques and the vocabulary (histologies, primary sites) are flat
  records, each file loaded on its own; ``site("liver")`` in a fresh process
  reads only ``sites.json`` and never imports cattrs;
* the :class:`Catalogue` (citations, options, recurrence tables and rules)
  is structured with cattrs and validated against everything else
  (``_validate.load_problems``) before it is published.
"""

from __future__ import annotations

import json
from typing import Generic, TypeVar

from sarcoma_local._core.errors import DataIntegrityError
from sarcoma_local._core.once import Once
from sarcoma_local._core.resources import read_data

from .lookup import Lookup
from .vocabulary import GlossaryTerm, Histology, PrimarySite, Site, Technique, TechniqueCategory

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from typing import Any

    from .evidence import GuidelineStance
    from .models import Citation, Option, PatternRule, RecurrenceTable
    from .search import SearchIndex

T = TypeVar("T")
R = TypeVar("R", bound="Site | Technique | Histology | PrimarySite | GlossaryTerm")

__all__ = [
    "DATA_FILES",
    "Catalogue",
    "Named",
    "get_catalogue",
    "get_glossary",
    "get_sites",
    "get_techniques",
    "get_vocabulary",
    "preload",
    "read_json",
]

#: Every data file; each begins with a ``_provenance`` block.
DATA_FILES = (
    "meta.json",
    "sites.json",
    "techniques.json",
    "vocabulary.json",
    "citations.json",
    "options.json",
    "recurrence.json",
    "guidelines.json",
    "glossary.json",
)


def read_json(name: str) -> dict[str, Any]:
    """Parse one shipped data file (a name from :data:`DATA_FILES`)."""
    try:
        data = json.loads(read_data(name))
    except (OSError, ValueError) as exc:
        raise DataIntegrityError([f"{name}: cannot be read as JSON ({exc})"]) from exc
    if not isinstance(data, dict) or not isinstance(data.get("_provenance"), dict):
        raise DataIntegrityError([f"{name}: top level must be an object with _provenance"])
    return data


def _build_flat(name: str, records: object, cls: Callable[..., T]) -> tuple[T, ...]:
    """Flat records via their attrs constructors; a bad field names its record."""
    if not isinstance(records, list):
        raise DataIntegrityError([f"{name}: expected a list of records"])
    built: list[T] = []
    problems: list[str] = []
    for i, record in enumerate(records):
        try:
            built.append(cls(**record))
        except (TypeError, ValueError) as exc:  # unknown/missing field, bad enum value
            key = record.get("key", i) if isinstance(record, dict) else i
            problems.append(f"{name}[{key}]: {exc}")
    if problems:
        raise DataIntegrityError(problems)
    return tuple(built)


class Named(Generic[R]):
    """Records of one flat kind, by key in file order, with a forgiving lookup."""

    __slots__ = ("by_key", "lookup", "provenance")

    by_key: dict[str, R]
    lookup: Lookup
    provenance: dict[str, Any]

    def __init__(
        self, name: str, records: Iterable[R], provenance: dict[str, Any] | None = None
    ) -> None:
        self.provenance = provenance or {}
        by_key: dict[str, R] = {}
        for record in records:
            if record.key in by_key:
                raise DataIntegrityError([f"{name}: key {record.key!r} appears twice"])
            by_key[record.key] = record
        self.by_key = by_key
        entries = [(record.key, (record.name, *record.aliases)) for record in by_key.values()]
        try:
            self.lookup = Lookup(entries)
        except ValueError as exc:  # one alias naming two records
            raise DataIntegrityError([f"{name}: {exc}"]) from exc


def _load_sites() -> Named[Site]:
    data = read_json("sites.json")
    records = _build_flat("sites.json", data.get("sites"), Site)
    named = Named("sites.json", records, data["_provenance"])
    for site in named.by_key.values():
        for part in site.parts:
            if part not in named.by_key or part == site.key:
                raise DataIntegrityError([f"site {site.key}: part {part!r} is not another site"])
    return named


def _load_techniques() -> Named[Technique]:
    data = read_json("techniques.json")
    records = _build_flat("techniques.json", data.get("techniques"), Technique)
    # Surgery first, then the other families in the order TechniqueCategory lists them.
    rank = {category: i for i, category in enumerate(TechniqueCategory)}
    ordered = sorted(enumerate(records), key=lambda item: (rank[item[1].category], item[0]))
    return Named("techniques.json", (t for _, t in ordered), data["_provenance"])


def _load_vocabulary() -> tuple[Named[Histology], Named[PrimarySite]]:
    data = read_json("vocabulary.json")
    histologies = Named(
        "vocabulary.json histologies",
        _build_flat("vocabulary.json histologies", data.get("histologies"), Histology),
        data["_provenance"],
    )
    primary_sites = Named(
        "vocabulary.json primary_sites",
        _build_flat("vocabulary.json primary_sites", data.get("primary_sites"), PrimarySite),
    )
    for h in histologies.by_key.values():
        if h.parent is not None and h.parent not in histologies.by_key:
            raise DataIntegrityError([f"histology {h.key}: unknown parent {h.parent!r}"])
    return histologies, primary_sites


def _load_glossary() -> Named[GlossaryTerm]:
    data = read_json("glossary.json")
    records = _build_flat("glossary.json", data.get("terms"), GlossaryTerm)
    # Alphabetical, as a reader looks a word up.
    ordered = sorted(records, key=lambda t: t.name.casefold())
    return Named("glossary.json", ordered, data["_provenance"])


_sites = Once(_load_sites)
_techniques = Once(_load_techniques)
_vocabulary = Once(_load_vocabulary)
_glossary = Once(_load_glossary)


def get_sites() -> Named[Site]:
    """Sites by key, with their lookup (loads ``sites.json`` on first call)."""
    named: Named[Site] = _sites.get()
    return named


def get_techniques() -> Named[Technique]:
    """Techniques by key, surgery first, with their lookup."""
    named: Named[Technique] = _techniques.get()
    return named


def get_vocabulary() -> tuple[Named[Histology], Named[PrimarySite]]:
    """Histologies and primary-tumour sites, with their lookups."""
    pair: tuple[Named[Histology], Named[PrimarySite]] = _vocabulary.get()
    return pair


def get_glossary() -> Named[GlossaryTerm]:
    """Glossary terms by key, alphabetical, with their lookup (loads on first call)."""
    named: Named[GlossaryTerm] = _glossary.get()
    return named


class Catalogue:
    """Citations, options, tables and rules, cross-checked against the flat records."""

    __slots__ = (
        "_search_index",
        "by_site",
        "by_technique",
        "citation_by_doi",
        "citation_by_pmid",
        "citations",
        "guidelines",
        "histologies",
        "meta",
        "option_by_pair",
        "options",
        "primary_sites",
        "provenance",
        "rules",
        "sites",
        "table_lookup",
        "tables",
        "techniques",
    )

    def __init__(
        self,
        *,
        meta: dict[str, Any],
        provenance: dict[str, dict[str, Any]],
        citations: tuple[Citation, ...],
        options: tuple[Option, ...],
        tables: tuple[RecurrenceTable, ...],
        rules: tuple[PatternRule, ...],
        guidelines: tuple[GuidelineStance, ...] = (),
    ) -> None:
        self.meta = meta
        self.provenance = provenance
        self.sites = get_sites()
        self.techniques = get_techniques()
        self.histologies, self.primary_sites = get_vocabulary()
        self.citations = {c.key: c for c in citations}
        self.options = options
        self.tables = {t.key: t for t in tables}
        self.rules = rules
        self.guidelines = guidelines
        self.table_lookup = Lookup((t.key, (t.title,)) for t in tables)
        self.citation_by_pmid = {c.pmid: c for c in citations if c.pmid is not None}
        self.citation_by_doi = {c.doi.lower(): c for c in citations if c.doi}
        technique_rank = {key: i for i, key in enumerate(self.techniques.by_key)}
        by_site: dict[str, list[Option]] = {key: [] for key in self.sites.by_key}
        by_technique: dict[str, list[Option]] = {key: [] for key in self.techniques.by_key}
        for option in sorted(options, key=lambda o: technique_rank.get(o.technique, -1)):
            by_site.setdefault(option.site, []).append(option)
            by_technique.setdefault(option.technique, []).append(option)
        self.by_site = {key: tuple(found) for key, found in by_site.items()}
        self.by_technique = {key: tuple(found) for key, found in by_technique.items()}
        self.option_by_pair = {(o.site, o.technique): o for o in options}
        self._search_index: Once[SearchIndex] = Once(self._build_search_index)

    def _build_search_index(self) -> SearchIndex:
        from .indexing import build_search_index

        return build_search_index(self)

    def search_index(self) -> SearchIndex:
        """The free-text index, built on the first search (most programs never search)."""
        return self._search_index.get()


def _by_key(record: dict[str, Any]) -> str:
    return str(record["key"])


def _by_pair(record: dict[str, Any]) -> str:
    return f"{record['site']}/{record['technique']}"


def _load_catalogue() -> Catalogue:
    from sarcoma_local._core.version import DATA_VERSION, DISCLAIMER

    from .build import build_records

    from .checks import load_problems
    from .evidence import GuidelineStance
    from .models import Citation, Option, PatternRule, RecurrenceTable

    # One file at a time, so the parsed JSON of one is garbage before the next
    # is read: a lower peak means a lower resident size for the whole process.
    provenance: dict[str, dict[str, Any]] = {}

    def records(name: str, field: str, cls: Any, key: Callable[[dict[str, Any]], str]) -> Any:
        data = read_json(name)
        provenance[name] = data["_provenance"]
        return build_records(f"{name} {field}", data.get(field), cls, key)

    meta_file = read_json("meta.json")
    provenance["meta.json"] = meta_file["_provenance"]
    meta = {k: v for k, v in meta_file.items() if k != "_provenance"}
    problems = []
    if meta.get("data_version") != DATA_VERSION:
        problems.append(f"meta.json data_version {meta.get('data_version')!r} != {DATA_VERSION!r}")
    if meta.get("disclaimer") != DISCLAIMER:
        problems.append("meta.json disclaimer differs from sarcoma_local.DISCLAIMER")
    if problems:
        raise DataIntegrityError(problems)
    citations = records("citations.json", "citations", Citation, _by_key)
    options = records("options.json", "options", Option, _by_pair)
    recurrence = read_json("recurrence.json")
    provenance["recurrence.json"] = recurrence["_provenance"]
    tables = build_records("recurrence.json tables", recurrence.get("tables"), RecurrenceTable, _by_key)
    rules = build_records("recurrence.json rules", recurrence.get("rules"), PatternRule, _by_key)
    del recurrence
    guidelines = records("guidelines.json", "stances", GuidelineStance, _by_key)
    provenance["sites.json"] = get_sites().provenance
    provenance["techniques.json"] = get_techniques().provenance
    provenance["vocabulary.json"] = get_vocabulary()[0].provenance
    catalogue = Catalogue(
        meta=meta,
        provenance=provenance,
        citations=citations,
        options=options,
        tables=tables,
        rules=rules,
        guidelines=guidelines,
    )
    problems = load_problems(catalogue)
    if problems:
        raise DataIntegrityError(problems)
    return catalogue


_catalogue = Once(_load_catalogue)


def get_catalogue() -> Catalogue:
    """The full catalogue; the first call loads and checks it (thread-safe, once)."""
    catalogue: Catalogue = _catalogue.get()
    return catalogue


def preload() -> None:
    """Load, check and index everything now (e.g. at server start) instead of on first use."""
    get_catalogue().search_index()
    get_glossary()


def _reset() -> None:
    """Forget everything loaded (tests only)."""
    for once in (_sites, _techniques, _vocabulary, _glossary, _catalogue):
        once.reset()
