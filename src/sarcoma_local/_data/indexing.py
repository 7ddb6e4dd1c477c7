"""Turn the catalogue's records into weighted search documents.

Names and aliases weigh most, titles next, free text least; options inherit the
names of their site and technique so that "cryo liver" finds the liver
cryoablation option first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .search import Document, SearchIndex

if TYPE_CHECKING:
    from .loader import Catalogue

__all__ = ["KIND_RANK", "build_search_index"]

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
