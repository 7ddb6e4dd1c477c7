"""Lazy, thread-safe loading of the shipped catalogue, one dataset at a time.

Nothing is read at import. Each dataset is built on first use, under a lock
with a re-check, and published with a single assignment only once it is fully
built and checked, so racing threads all get the same complete object:

* sites, techniques and the vocabulary (histologies, primary sites) are flat
  records, each file loaded on its own; ``site("liver")`` in a fresh process
  reads only ``sites.json`` and never imports cattrs;
* the :class:`Catalogue` loads in parts: citations, options, recurrence tables
  and rules, guideline stances. Each part is built with the records' own
  constructors (``build``, no cattrs) and checked against what it refers to
  (``checks.*_load_problems``) before it is published, so a first ``options()``
  builds no citation and a first ``citation()`` builds no option. Options check
  their citation keys against a scan of ``citations.json``;
* while the shipped record index (``data/record-index.jsonl``, see ``spans``) is
  current with the data files, citations and options are parsed one record at a
  time from their place in the file, without checking again what passed every
  check when the index was written.
"""

from __future__ import annotations

import json
import re
from typing import Generic, Literal, TypeGuard, TypeVar

from sarcoma_local._core.errors import DataIntegrityError
from sarcoma_local._core.once import Once
from sarcoma_local._core.resources import read_data

from .lookup import Lookup

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Container, Iterable, Mapping
    from typing import Any

    from .evidence import GuidelineStance
    from .lazy import LazyRecords
    from .models import Citation, Option, PatternRule, RecurrenceTable
    from .search import SearchIndex
    from .spans import FileSpans
    from .vocabulary import GlossaryTerm, Histology, PrimarySite, Site, Technique

T = TypeVar("T")
V = TypeVar("V")
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
    "key_problems",
    "preload",
    "read_json",
    "record_keys",
    "site_keys",
    "use_record_index",
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


_KEY = r"[a-z0-9]+(?:-[a-z0-9]+)*"  # compiled by re's cache on first check, off the fast path


def key_problems(kind: str, keys: Iterable[str]) -> list[str]:
    """Keys that are not lower-case words joined by hyphens."""
    return [
        f"{kind} key {key!r} is not lower-case-with-hyphens"
        for key in keys
        if not re.fullmatch(_KEY, key)
    ]


def _checked(problems: list[str]) -> None:
    if problems:
        raise DataIntegrityError(problems)


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
    from .site_records import Site

    data = read_json("sites.json")
    records = _build_flat("sites.json", data.get("sites"), Site)
    _checked(key_problems("site", (s.key for s in records)))
    named = Named("sites.json", records, data["_provenance"])
    for site in named.by_key.values():
        for part in site.parts:
            if part not in named.by_key or part == site.key:
                raise DataIntegrityError([f"site {site.key}: part {part!r} is not another site"])
    return named


def _load_techniques() -> Named[Technique]:
    from .technique_records import Technique
    from .vocabulary import TechniqueCategory

    data = read_json("techniques.json")
    records = _build_flat("techniques.json", data.get("techniques"), Technique)
    # Surgery first, then the other families in the order TechniqueCategory lists them.
    rank = {category: i for i, category in enumerate(TechniqueCategory)}
    ordered = sorted(enumerate(records), key=lambda item: (rank[item[1].category], item[0]))
    _checked(key_problems("technique", (t.key for t in records)))
    return Named("techniques.json", (t for _, t in ordered), data["_provenance"])


def _load_vocabulary() -> tuple[Named[Histology], Named[PrimarySite]]:
    from .term_records import Histology, PrimarySite

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
    from .term_records import GlossaryTerm

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


class _Citations:
    """The citations by key, PMID and DOI.

    The shipped part keeps its records lazily (:class:`~.lazy.LazyRecords`): a
    citation is built the first time it is read, all of them when all are asked for.
    """

    __slots__ = ("by_doi", "by_key", "by_pmid", "provenance")

    by_key: Mapping[str, Citation]
    by_pmid: Mapping[int, Citation]
    by_doi: Mapping[str, Citation]

    def __init__(self, citations: Iterable[Citation], provenance: dict[str, Any]) -> None:
        self.provenance = provenance
        by_key = {c.key: c for c in citations}
        self.by_key = by_key
        self.by_pmid = {c.pmid: c for c in by_key.values() if c.pmid is not None}
        self.by_doi = {c.doi.lower(): c for c in by_key.values() if c.doi}

    @classmethod
    def lazy(
        cls,
        records: LazyRecords[Citation],
        by_pmid: dict[int, str],
        by_doi: dict[str, str],
        provenance: dict[str, Any],
    ) -> _Citations:
        """The part over records built on first read, with their keys by PMID and DOI."""
        from .lazy import KeyView

        part = cls((), provenance)
        part.by_key = records
        part.by_pmid = KeyView(by_pmid, records)
        part.by_doi = KeyView(by_doi, records)
        return part


class _Options:
    """The options in file order, by site and technique (surgery first), and by pair.

    The shipped part keeps its records lazily: ``options("liver")`` builds the liver
    options only; ``everything()`` builds them all.
    """

    __slots__ = ("_all", "by_pair", "by_site", "by_technique", "provenance")

    by_site: Mapping[str, tuple[Option, ...]]
    by_technique: Mapping[str, tuple[Option, ...]]
    by_pair: Mapping[tuple[str, str], Option]

    def __init__(self, options: tuple[Option, ...], provenance: dict[str, Any]) -> None:
        self.provenance = provenance
        self._all: tuple[Option, ...] | LazyRecords[Option] = options
        by_site, by_technique = _grouped(((o.site, o.technique), o) for o in options)
        self.by_site = {key: tuple(found) for key, found in by_site.items()}
        self.by_technique = {key: tuple(found) for key, found in by_technique.items()}
        self.by_pair = {(o.site, o.technique): o for o in options}

    @classmethod
    def lazy(cls, records: LazyRecords[Option], provenance: dict[str, Any]) -> _Options:
        """The part over records built on first read; the groups read from the keys."""
        from .lazy import GroupView, KeyView

        part = cls((), provenance)
        part._all = records
        pairs: dict[tuple[str, str], str] = {}
        for key in records:
            site, technique = key.split("/", 1)
            pairs[site, technique] = key
        by_site, by_technique = _grouped((pair, key) for pair, key in pairs.items())
        part.by_site = GroupView(by_site, records)
        part.by_technique = GroupView(by_technique, records)
        part.by_pair = KeyView(pairs, records)
        return part

    def everything(self) -> tuple[Option, ...]:
        """Every option in file order (building what is not built yet)."""
        return self._all if isinstance(self._all, tuple) else self._all.all()


def _grouped(
    items: Iterable[tuple[tuple[str, str], V]],
) -> tuple[dict[str, list[V]], dict[str, list[V]]]:
    """Items by site and by technique, each list in technique order (surgery first)."""
    technique_keys = _technique_keys()
    technique_rank = {key: i for i, key in enumerate(technique_keys)}
    by_site: dict[str, list[V]] = {key: [] for key in site_keys()}
    by_technique: dict[str, list[V]] = {key: [] for key in technique_keys}
    for (site, technique), item in sorted(items, key=lambda i: technique_rank.get(i[0][1], -1)):
        by_site.setdefault(site, []).append(item)
        by_technique.setdefault(technique, []).append(item)
    return by_site, by_technique


class _Recurrence:
    """The recurrence tables by key (with a title lookup) and the pattern rules."""

    __slots__ = ("lookup", "provenance", "rules", "tables")

    def __init__(
        self,
        tables: tuple[RecurrenceTable, ...],
        rules: tuple[PatternRule, ...],
        provenance: dict[str, Any],
    ) -> None:
        self.provenance = provenance
        self.tables = {t.key: t for t in tables}
        self.rules = rules
        self.lookup = Lookup((t.key, (t.title,)) for t in tables)


class _Guidelines:
    """The guideline stances in file order."""

    __slots__ = ("all", "provenance")

    def __init__(self, stances: tuple[GuidelineStance, ...], provenance: dict[str, Any]) -> None:
        self.all = stances
        self.provenance = provenance


class Catalogue:
    """Citations, options, tables, rules and guideline stances, each part on first use.

    ``Catalogue()`` is the shipped catalogue: a part (say the options) is read, built
    and checked against what it refers to the first time one of its attributes is
    read, so the first ``options()`` never builds a citation and the first
    ``citation()`` never builds an option. A descriptor fills a part's attributes into
    the instance when it loads, so a warm query reads plain attributes.
    ``Catalogue(citations=..., options=..., ...)`` wraps records already built (tests;
    nothing is checked, as ``load_problems`` does that).
    """

    # The lazily loaded attributes are filled into the instance's __dict__ by a
    # descriptor on first read (as functools.cached_property does); after that a read is
    # a plain attribute read. (A __getattr__ fallback slowed every attribute read.)
    if TYPE_CHECKING:
        #: Sites and techniques by key, with their lookups.
        sites: Named[Site]
        techniques: Named[Technique]
        histologies: Named[Histology]
        primary_sites: Named[PrimarySite]
        #: Citations by key (file order), by PMID and by lower-case DOI.
        citations: Mapping[str, Citation]
        citation_by_pmid: Mapping[int, Citation]
        citation_by_doi: Mapping[str, Citation]
        #: Options in file order; by site and by technique (surgery first); by pair.
        options: tuple[Option, ...]
        by_site: dict[str, tuple[Option, ...]]
        by_technique: dict[str, tuple[Option, ...]]
        option_by_pair: dict[tuple[str, str], Option]
        #: Recurrence tables by key, their title lookup, and the pattern rules.
        tables: dict[str, RecurrenceTable]
        table_lookup: Lookup
        rules: tuple[PatternRule, ...]
        #: Guideline stances in file order.
        guidelines: tuple[GuidelineStance, ...]

    #: ``meta.json`` without its provenance: data version, disclaimer, sources.
    meta: dict[str, Any]

    def __init__(
        self,
        *,
        meta: dict[str, Any] | None = None,
        provenance: dict[str, dict[str, Any]] | None = None,
        citations: tuple[Citation, ...] | None = None,
        options: tuple[Option, ...] | None = None,
        tables: tuple[RecurrenceTable, ...] | None = None,
        rules: tuple[PatternRule, ...] | None = None,
        guidelines: tuple[GuidelineStance, ...] = (),
    ) -> None:
        self._shipped = citations is None and options is None and tables is None and rules is None
        if self._shipped:
            self.meta, self._provenance = _load_meta()
            self._citations: Once[_Citations] = Once(_load_citations)
            self._options: Once[_Options] = Once(lambda: _load_options(self))
            self._recurrence: Once[_Recurrence] = Once(lambda: _load_recurrence(self))
            self._guidelines: Once[_Guidelines] = Once(lambda: _load_guidelines(self))
        else:
            self.meta, self._provenance = meta or {}, provenance or {}
            given = (
                _Citations(citations or (), {}),
                _Options(options or (), {}),
                _Recurrence(tables or (), rules or (), {}),
                _Guidelines(guidelines, {}),
            )
            self._citations = Once(lambda: given[0])
            self._options = Once(lambda: given[1])
            self._recurrence = Once(lambda: given[2])
            self._guidelines = Once(lambda: given[3])
        self._search_index: Once[SearchIndex] = Once(self._build_search_index)

    def _fill_flat(self) -> None:
        self.__dict__.update(sites=get_sites(), techniques=get_techniques())

    def _fill_vocabulary(self) -> None:
        histologies, primary_sites = get_vocabulary()
        self.__dict__.update(histologies=histologies, primary_sites=primary_sites)

    def _fill_citations(self) -> None:
        part = self._citations.get()
        self.__dict__.update(
            citations=part.by_key, citation_by_pmid=part.by_pmid, citation_by_doi=part.by_doi
        )

    def _fill_options(self) -> None:
        self.__dict__["options"] = self._options.get().everything()

    def _fill_option_groups(self) -> None:
        part = self._options.get()
        self.__dict__.update(
            by_site=part.by_site, by_technique=part.by_technique, option_by_pair=part.by_pair
        )

    def _fill_recurrence(self) -> None:
        part = self._recurrence.get()
        self.__dict__.update(tables=part.tables, table_lookup=part.lookup, rules=part.rules)

    def _fill_guidelines(self) -> None:
        self.__dict__["guidelines"] = self._guidelines.get().all

    @property
    def provenance(self) -> dict[str, dict[str, Any]]:
        """Each data file's ``_provenance`` block, by file name (loads every part)."""
        if self._provenance.keys() == {"meta.json"} and self._shipped:
            self._provenance = {
                "meta.json": self._provenance["meta.json"],
                "citations.json": self._citations.get().provenance,
                "options.json": self._options.get().provenance,
                "recurrence.json": self._recurrence.get().provenance,
                "guidelines.json": self._guidelines.get().provenance,
                "sites.json": get_sites().provenance,
                "techniques.json": get_techniques().provenance,
                "vocabulary.json": get_vocabulary()[0].provenance,
            }
        return self._provenance

    def _build_search_index(self) -> SearchIndex:
        from .indexing import build_search_index, shipped_search_index

        if self._shipped:
            # The shipped catalogue's index is read, not built, unless the data files
            # changed since it was written (then it is built; see indexing.py).
            shipped = shipped_search_index(read_data)
            if shipped is not None:
                return shipped
        return build_search_index(self)

    def search_index(self) -> SearchIndex:
        """The free-text index, built on the first search (most programs never search)."""
        return self._search_index.get()


class _Filled:
    """A catalogue attribute that its part fills on first read (then a plain attribute)."""

    __slots__ = ("fill", "name")

    def __init__(self, fill: Callable[[Catalogue], None]) -> None:
        self.fill = fill
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Catalogue | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        self.fill(instance)
        return instance.__dict__[self.name]


for _names, _fill in (
    (("sites", "techniques"), Catalogue._fill_flat),
    (("histologies", "primary_sites"), Catalogue._fill_vocabulary),
    (("citations", "citation_by_pmid", "citation_by_doi"), Catalogue._fill_citations),
    (("options",), Catalogue._fill_options),
    (("by_site", "by_technique", "option_by_pair"), Catalogue._fill_option_groups),
    (("tables", "table_lookup", "rules"), Catalogue._fill_recurrence),
    (("guidelines",), Catalogue._fill_guidelines),
):
    for _name in _names:
        _filled = _Filled(_fill)
        _filled.__set_name__(Catalogue, _name)
        setattr(Catalogue, _name, _filled)
del _names, _fill, _name, _filled


def record_keys() -> dict[str, Callable[[dict[str, Any]], str]]:
    """How each data file the record index locates keys its records."""
    return {
        "citations.json": _by_key,
        "options.json": _by_pair,
        "techniques.json": _by_key,
        "sites.json": _by_key,
    }


def _by_key(record: dict[str, Any]) -> str:
    return str(record["key"])


def _by_pair(record: dict[str, Any]) -> str:
    return f"{record['site']}/{record['technique']}"


def _records(
    name: str, field: str, cls: type, key: Callable[[dict[str, Any]], str]
) -> tuple[Any, dict[str, Any]]:
    """One list of records from one data file, and the file's provenance."""
    from .build import build_records

    data = read_json(name)
    return build_records(f"{name} {field}", data.get(field), cls, key), data["_provenance"]


def _load_meta() -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    from sarcoma_local._core.version import DATA_VERSION, DISCLAIMER

    meta_file = read_json("meta.json")
    meta = {k: v for k, v in meta_file.items() if k != "_provenance"}
    problems = []
    if meta.get("data_version") != DATA_VERSION:
        problems.append(f"meta.json data_version {meta.get('data_version')!r} != {DATA_VERSION!r}")
    if meta.get("disclaimer") != DISCLAIMER:
        problems.append("meta.json disclaimer differs from sarcoma_local.DISCLAIMER")
    _checked(problems)
    return meta, {"meta.json": meta_file["_provenance"]}


def _shipped_spans(name: str) -> FileSpans | None:
    """Where the records of data file ``name`` sit, while the shipped record index is
    current for it (``None`` otherwise: then parse and check the whole file)."""
    once = _spans.get(name)
    if once is None:
        once = _spans.setdefault(name, _spans_of(name))  # one Once per file, even if raced
    found = once.get()
    return None if found is False else found


def _spans_of(name: str) -> Once[FileSpans | Literal[False]]:
    def read() -> FileSpans | Literal[False]:
        if not _record_index_enabled:
            return False
        from .spans import shipped_spans

        return shipped_spans(read_data, name) or False

    return Once(read)


_record_index_enabled = True


def use_record_index(enabled: bool) -> None:
    """Whether loading may use the shipped record index (``scripts/build_search_index.py``
    turns it off to load and check the data files whole before it writes a new index)."""
    global _record_index_enabled
    _record_index_enabled = enabled
    _reset()


_spans: dict[str, Once[FileSpans | Literal[False]]] = {}


def _load_citations() -> _Citations:
    from .lazy import LazyRecords
    from .models import Citation

    name = "citations.json citations"
    shipped = _shipped_spans("citations.json")
    if shipped is not None:
        # The bytes that passed every check when the index was written: parse each
        # citation from its span when it is read, and skip the checks (spans.py).
        by_pmid = {int(pmid): key for pmid, key in shipped.keys_by("pmid").items()}
        records = LazyRecords(name, shipped.records, Citation)
        return _Citations.lazy(records, by_pmid, shipped.keys_by("doi"), shipped.provenance)
    from .checks import citation_load_problems, citation_record_problems, raw_citation_problems

    data = read_json("citations.json")
    raw = data.get("citations")
    if not _keyed(raw):
        # Not a list of objects with string keys: build them all, which names each problem.
        citations, provenance = _records("citations.json", "citations", Citation, _by_key)
        _checked(citation_load_problems(citations))
        return _Citations(citations, provenance)
    # Checks across citations (keys, a PMID or DOI twice) run on the JSON now; each
    # citation's own checks run when it is built (the first one read, or all at once).
    _checked(raw_citation_problems(raw))
    records = LazyRecords(name, {r["key"]: r for r in raw}, Citation, citation_record_problems)
    by_pmid = {r["pmid"]: r["key"] for r in raw if r.get("pmid") is not None}
    by_doi = {r["doi"].lower(): r["key"] for r in raw if r.get("doi")}
    return _Citations.lazy(records, by_pmid, by_doi, data["_provenance"])


def _keyed(raw: object) -> TypeGuard[list[dict[str, Any]]]:
    """A list of JSON objects, each with a string ``key`` used once."""
    if not isinstance(raw, list) or not all(
        isinstance(r, dict) and isinstance(r.get("key"), str) for r in raw
    ):
        return False
    return len({r["key"] for r in raw}) == len(raw)


def _citation_keys(cat: Catalogue) -> Container[str]:
    """The citation keys, to check references; builds no citation that is not loaded."""
    if cat._citations.done:
        return cat.citations
    return _citation_key_set.get()


# Every member named "key" in citations.json, wherever it is. In JSON a quoted name
# followed by a colon is always a member name (a quote inside a value is escaped),
# and no record nested in a citation has a "key" field (the citation load refuses
# unknown fields), so these are exactly the citation keys of a loadable file.
_KEY_MEMBER = rb'"key"\s*:\s*"((?:[^"\\]|\\.)*)"'


def _read_citation_keys() -> frozenset[str]:
    shipped = _shipped_spans("citations.json")
    if shipped is not None:
        return frozenset(shipped.records)
    # Scanned, not parsed: parsing the whole file only for its keys, to check that an
    # option's citations exist, took about a sixth of the first options() call.
    try:
        raw = read_data("citations.json")
        return frozenset(
            json.loads(b'"' + found + b'"') if b"\\" in found else found.decode()
            for found in re.findall(_KEY_MEMBER, raw)  # compiled here, off the fast path
        )
    except (OSError, ValueError) as exc:
        raise DataIntegrityError([f"citations.json: cannot be read ({exc})"]) from exc


_citation_key_set = Once(_read_citation_keys)


def site_keys() -> tuple[str, ...]:
    """The site keys in file order; read from the record index while no site is built.

    A first ``options("liver")`` needs the keys only (to check the name and to group
    the options): building the sites and their lookup was about a fiftieth of it.
    """
    if _sites.done:
        return tuple(get_sites().by_key)
    return _site_key_list.get()


def _read_site_keys() -> tuple[str, ...]:
    shipped = _shipped_spans("sites.json")
    return tuple(shipped.records) if shipped is not None else tuple(get_sites().by_key)


_site_key_list = Once(_read_site_keys)


def _technique_keys() -> tuple[str, ...]:
    """The technique keys in file order; read from the file while no technique is built.

    Grouping and checking options needs only the keys: building the techniques (their
    plain-language texts and a lookup of every alias) was about a seventh of the first
    ``options()`` beyond the sites.
    """
    if _techniques.done:
        return tuple(get_techniques().by_key)
    return _technique_key_list.get()


def _read_technique_keys() -> tuple[str, ...]:
    shipped = _shipped_spans("techniques.json")
    if shipped is not None:
        return tuple(shipped.records)
    data = read_json("techniques.json")
    records = data.get("techniques")
    if not isinstance(records, list) or not all(
        isinstance(r, dict) and isinstance(r.get("key"), str) for r in records
    ):
        return tuple(get_techniques().by_key)  # builds them, which names the problem
    return tuple(r["key"] for r in records)


_technique_key_list = Once(_read_technique_keys)


def _load_options(cat: Catalogue) -> _Options:
    from .lazy import LazyRecords
    from .models import Option

    name = "options.json options"
    shipped = _shipped_spans("options.json")
    if shipped is not None:
        # As for citations: the checked bytes, each option parsed when it is read.
        return _Options.lazy(LazyRecords(name, shipped.records, Option), shipped.provenance)

    from .checks import option_load_problems

    data = read_json("options.json")
    raw = data.get("options")
    if not _paired(raw):
        # Not a list of objects with string sites and techniques, each pair once: build
        # them all, which names each problem.
        options, provenance = _records("options.json", "options", Option, _by_pair)
        problems = option_load_problems(
            options, _citation_keys(cat), cat.sites.by_key, cat.techniques.by_key
        )
        _checked(problems)
        return _Options(options, provenance)

    techniques = frozenset(_technique_keys())

    def check(option: Option) -> list[str]:
        # An option's own checks, when it is built: its site, technique and citations
        # exist, its figures are possible.
        return option_load_problems((option,), _citation_keys(cat), get_sites().by_key, techniques)

    records = LazyRecords(name, {_by_pair(r): r for r in raw}, Option, check)
    return _Options.lazy(records, data["_provenance"])


def _paired(raw: object) -> TypeGuard[list[dict[str, Any]]]:
    """A list of JSON objects with string ``site`` and ``technique``, each pair once."""
    if not isinstance(raw, list) or not all(
        isinstance(r, dict)
        and isinstance(r.get("site"), str)
        and isinstance(r.get("technique"), str)
        for r in raw
    ):
        return False
    return len({_by_pair(r) for r in raw}) == len(raw)


class _RecurrenceParts:
    """What the table and rule checks read, before the part is published."""

    __slots__ = ("citations", "rules", "tables")

    def __init__(self, recurrence: _Recurrence, citations: Container[str]) -> None:
        self.tables = recurrence.tables
        self.rules = recurrence.rules
        self.citations = citations

    @property
    def sites(self) -> Named[Site]:
        return get_sites()

    @property
    def histologies(self) -> Named[Histology]:
        return get_vocabulary()[0]

    @property
    def primary_sites(self) -> Named[PrimarySite]:
        return get_vocabulary()[1]


def _load_recurrence(cat: Catalogue) -> _Recurrence:
    from .build import build_records
    from .checks import recurrence_load_problems
    from .models import PatternRule, RecurrenceTable

    data = read_json("recurrence.json")
    tables = build_records("recurrence.json tables", data.get("tables"), RecurrenceTable, _by_key)
    rules = build_records("recurrence.json rules", data.get("rules"), PatternRule, _by_key)
    recurrence = _Recurrence(tables, rules, data["_provenance"])
    histologies, primary_sites = get_vocabulary()
    problems = key_problems("histology", histologies.by_key)
    problems += key_problems("primary site", primary_sites.by_key)
    problems += recurrence_load_problems(_RecurrenceParts(recurrence, _citation_keys(cat)))
    _checked(problems)
    return recurrence


def _load_guidelines(cat: Catalogue) -> _Guidelines:
    from .checks import guideline_load_problems
    from .evidence import GuidelineStance

    stances, provenance = _records("guidelines.json", "stances", GuidelineStance, _by_key)
    problems = guideline_load_problems(
        stances, _citation_keys(cat), cat.sites.by_key, cat.techniques.by_key
    )
    _checked(problems)
    return _Guidelines(stances, provenance)


def _load_catalogue() -> Catalogue:
    return Catalogue()


_catalogue = Once(_load_catalogue)


def get_catalogue() -> Catalogue:
    """The catalogue; each part is loaded and checked on first use (thread-safe, once)."""
    catalogue: Catalogue = _catalogue.get()
    return catalogue


def preload() -> None:
    """Load, check and index everything now (e.g. at server start) instead of on first use."""
    catalogue = get_catalogue()
    catalogue.provenance  # noqa: B018  (reads every part, each checked as it loads)
    catalogue.citations.values()  # builds every citation (they are built on first read)
    catalogue.options  # noqa: B018  (builds every option)
    catalogue.search_index().prepare()
    get_glossary()


def _reset() -> None:
    """Forget everything loaded (tests only)."""
    loaded: tuple[Once[Any], ...] = (
        _sites,
        _techniques,
        _vocabulary,
        _glossary,
        _catalogue,
        _citation_key_set,
        _technique_key_list,
        _site_key_list,
    )
    for once in loaded:
        once.reset()
    _spans.clear()
