"""Turn the catalogue's records into weighted search documents, or read them back.

Names and aliases weigh most, titles next, free text least; options inherit the
names of their site and technique so that "cryo liver" finds the liver
cryoablation option first.

Building the index means building every record first (options, citations, tables),
which made a first ``search()`` cost half again as much as a first ``options()``. So
the package also ships the built index in compact form, ``data/search-index.json``,
written by ``scripts/build_search_index.py``. It carries a checksum of the data files
it was built from: when they differ (data edited, the script not run again) the
index is built from the records as before, so a stale file is never used, and
``tests/core/test_search_index_file.py`` fails until the file is written again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from .search import COMPACT_FORMAT, Document, SearchIndex
from .spans import checksum

if TYPE_CHECKING:
    from .loader import Catalogue

__all__ = [
    "INDEXED_FILES",
    "INDEX_FILE",
    "KIND_RANK",
    "build_search_index",
    "compact_search_index",
    "data_checksum",
    "record_for",
    "search_index_file",
    "shipped_search_index",
]

#: The shipped index, in ``sarcoma_local/data``.
INDEX_FILE = "search-index.json"

#: The data files whose records the index holds (its checksum covers them).
INDEXED_FILES = (
    "sites.json",
    "techniques.json",
    "vocabulary.json",
    "options.json",
    "recurrence.json",
    "citations.json",
)

NAME, TITLE, TEXT = 3.0, 2.0, 1.0

#: Order of kinds when scores tie.
KIND_RANK = {
    "site": 0,
    "technique": 1,
    "option": 2,
    "histology": 3,
    "table": 4,
    "rule": 5,
    "citation": 6,
}


def _documents(cat: Catalogue) -> list[Document]:
    docs: list[Document] = []
    for s in cat.sites.by_key.values():
        fields = [(s.name, NAME), (" ".join(s.aliases), NAME), (s.description, TEXT)]
        names = (s.key, s.name, *s.aliases)
        docs.append(Document("site", s.key, s.name, s, fields, KIND_RANK["site"], names))
    for t in cat.techniques.by_key.values():
        fields = [
            (t.name, NAME),
            (" ".join(t.aliases), NAME),
            (t.category.value, TITLE),
            (t.summary, TEXT),
        ]
        names = (t.key, t.name, *t.aliases)
        docs.append(Document("technique", t.key, t.name, t, fields, KIND_RANK["technique"], names))
    for o in cat.options:
        site, tech = cat.sites.by_key[o.site], cat.techniques.by_key[o.technique]
        fields = [
            (f"{site.name} {tech.name}", NAME),
            (" ".join((*site.aliases, *tech.aliases)), NAME),
            (o.summary, TEXT),
            (" ".join(st.text for st in o.statements), TEXT),
        ]
        label = f"{tech.name} for {site.name.lower()} metastases"
        key = f"{o.site}/{o.technique}"
        docs.append(Document("option", key, label, o, fields, KIND_RANK["option"]))
    for h in cat.histologies.by_key.values():
        fields = [(h.name, NAME), (" ".join(h.aliases), NAME)]
        names = (h.key, h.name, *h.aliases)
        docs.append(Document("histology", h.key, h.name, h, fields, KIND_RANK["histology"], names))
    for table in cat.tables.values():
        fields = [
            (table.title, TITLE),
            (table.population, TEXT),
            (table.notes, TEXT),
            (" ".join(r.label for r in table.rows), TEXT),
        ]
        docs.append(Document("table", table.key, table.title, table, fields, KIND_RANK["table"]))
    for rule in cat.rules:
        fields = [(rule.applies_to, TITLE), (rule.pattern, TEXT), (rule.note, TEXT)]
        docs.append(Document("rule", rule.key, rule.applies_to, rule, fields, KIND_RANK["rule"]))
    for c in cat.citations.values():
        fields = [
            (c.title, TITLE),
            (" ".join(a.family for a in c.authors), TITLE),
            (f"{c.journal} {c.year}", TEXT),
            (c.summary, TEXT),
            (str(c.pmid or ""), NAME),
        ]
        docs.append(Document("citation", c.key, c.short, c, fields, KIND_RANK["citation"]))
    return docs


def build_search_index(cat: Catalogue) -> SearchIndex:
    """The search index over every record of ``cat``."""
    return SearchIndex(_documents(cat))


def data_checksum(read: Callable[[str], bytes]) -> str:
    """A checksum of :data:`INDEXED_FILES` and the index format, read with ``read``."""
    return checksum(read, INDEXED_FILES, f"format {COMPACT_FORMAT}")


def compact_search_index(cat: Catalogue, read: Callable[[str], bytes]) -> dict[str, Any]:
    """What ``search-index.json`` holds for ``cat``, whose files ``read`` returns."""
    return {
        "_generated": (
            "Written by scripts/build_search_index.py from the data files listed in "
            "indexed_files; do not edit. Run the script again after any data change."
        ),
        "indexed_files": list(INDEXED_FILES),
        "checksum": data_checksum(read),
        **build_search_index(cat).to_compact(KIND_RANK),
    }


def search_index_file(cat: Catalogue, read: Callable[[str], bytes]) -> str:
    """The text of ``search-index.json`` for ``cat``: one document or word a line, so a
    data change shows as a readable diff."""
    compact = compact_search_index(cat, read)

    def lines(items: Iterable[str]) -> str:
        return ",\n".join(items)

    parts = []
    for name, value in compact.items():
        if name == "documents":
            body = lines(json.dumps(d, ensure_ascii=False) for d in value)
            text = f"[\n{body}\n]"
        elif name in ("whole", "postings"):
            body = lines(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in value.items())
            text = f"{{\n{body}\n}}"
        else:
            text = json.dumps(value, ensure_ascii=False)
        parts.append(f"{json.dumps(name)}: {text}")
    return "{\n" + lines(parts) + "\n}\n"


def shipped_search_index(read: Callable[[str], bytes]) -> SearchIndex | None:
    """The shipped index, or ``None`` when it is missing, unreadable or out of date."""
    try:
        compact = json.loads(read(INDEX_FILE))
        if not isinstance(compact, dict) or compact.get("checksum") != data_checksum(read):
            return None
        return SearchIndex.from_compact(compact)
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return None  # then the index is built from the records, as without the file


def record_for(cat: Catalogue, kind: str, key: str) -> object:
    """The record behind a document of ``kind`` and ``key`` (``KeyError`` if none)."""
    if kind == "site":
        return cat.sites.by_key[key]
    if kind == "technique":
        return cat.techniques.by_key[key]
    if kind == "option":
        site, technique = key.split("/", 1)
        return cat.option_by_pair[(site, technique)]
    if kind == "histology":
        return cat.histologies.by_key[key]
    if kind == "table":
        return cat.tables[key]
    if kind == "rule":
        for rule in cat.rules:
            if rule.key == key:
                return rule
        raise KeyError(key)
    if kind == "citation":
        return cat.citations[key]
    raise KeyError(kind)
