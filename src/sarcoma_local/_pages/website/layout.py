"""What every page of the web site shares: the catalogue snapshot it is built from, the
page paths, relative links, the navigation and the page frame.

>>> rel("sites/liver.html", "techniques/resection.html")
'../techniques/resection.html'
>>> rel("sites/liver.html", "recurrence.html#rules")
'../recurrence.html#rules'
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping

import attrs

from sarcoma_local._data.models import Citation, Option, PatternRule, RecurrenceTable
from sarcoma_local._data.vocabulary import GlossaryTerm, Site, Technique
from sarcoma_local._pages.branding import Branding
from sarcoma_local._pages.document import Reference, reference
from sarcoma_local._pages.glossary import TermLinker, term_anchor
from sarcoma_local._pages.html import describe, page_html

__all__ = [
    "GLOSSARY",
    "INDEX",
    "RECURRENCE",
    "TECHNIQUES",
    "Page",
    "SiteData",
    "frame",
    "framed",
    "rel",
    "site_path",
    "technique_path",
]

INDEX = "index.html"
TECHNIQUES = "techniques/index.html"
RECURRENCE = "recurrence.html"
GLOSSARY = "glossary.html"

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


@attrs.frozen
class Page:
    """One page before its frame: its path inside the output folder, its title (without
    the site's name), its meta description and its body (trusted HTML)."""

    path: str
    title: str
    description: str
    body: str


def _slug(key: str) -> str:
    # Keys are validated slugs; refuse anything else rather than write odd file names.
    if not _SLUG.match(key):
        raise ValueError(f"cannot use {key[:60]!r} in a file name")
    return key


def site_path(key: str) -> str:
    """Path of a site's page inside the output folder."""
    return f"sites/{_slug(key)}.html"


def technique_path(key: str) -> str:
    """Path of a technique's page inside the output folder."""
    return f"techniques/{_slug(key)}.html"


def rel(here: str, target: str) -> str:
    """The relative href from page ``here`` to ``target`` (which may carry #fragment)."""
    path, _, fragment = target.partition("#")
    href = posixpath.relpath(path, posixpath.dirname(here) or ".") if path else ""
    return f"{href}#{fragment}" if fragment else href


@attrs.frozen
class SiteData:
    """The records the site is built from, read once through the public queries."""

    sites: tuple[Site, ...]
    techniques: tuple[Technique, ...]
    options: tuple[Option, ...]
    tables: tuple[RecurrenceTable, ...]
    rules: tuple[PatternRule, ...]
    citations: Mapping[str, Citation]
    labels: Mapping[str, str]
    sources: tuple[str, ...]
    glossary: tuple[GlossaryTerm, ...] = ()
    #: Whether the pages carry charts (vl-convert installed, or asked for).
    charts: bool = False
    site_names: Mapping[str, str] = attrs.field(init=False)

    @site_names.default
    def _site_names(self) -> Mapping[str, str]:
        return {s.key: s.name for s in self.sites}

    @classmethod
    def load(cls, *, charts: bool = False) -> SiteData:
        """The whole catalogue, in its stable order; ``charts``: draw the charts."""
        from sarcoma_local._data import queries as q
        from sarcoma_local._render.citations import catalogue_labels

        return cls(
            sites=q.sites(),
            techniques=q.techniques(),
            options=q.options(),
            tables=q.recurrence_tables(),
            rules=q.rules(),
            citations={c.key: c for c in q.citations()},
            labels=catalogue_labels(),
            sources=tuple(str(src["title"]) for src in q.data_info()["sources"]),
            glossary=q.glossary(),
            charts=charts,
        )

    def linker(self, here: str) -> TermLinker:
        """A glossary linker for the page at ``here``: first uses link to the glossary page."""
        return TermLinker(self.glossary, lambda key: rel(here, f"{GLOSSARY}#{term_anchor(key)}"))

    def references(self, keys: Iterable[str]) -> tuple[Reference, ...]:
        """Reference entries for ``keys``, each once, in first-use order."""
        return tuple(reference(self.citations[k], self.labels) for k in dict.fromkeys(keys))


def frame(here: str, title: str, description: str, body: Iterable[str]) -> Page:
    """The page at ``here`` with ``body`` (trusted HTML); :func:`framed` adds the frame."""
    return Page(here, title, describe(description), "\n".join(body))


def framed(page: Page, branding: Branding, head: str = "") -> str:
    """``page`` in the site's frame: navigation, ``branding``, and ``head`` (trusted HTML
    such as the canonical link and JSON-LD)."""
    here = page.path
    nav = [
        ("Sites", rel(here, INDEX)),
        ("Techniques", rel(here, TECHNIQUES)),
        ("Recurrence patterns", rel(here, RECURRENCE)),
        ("Glossary", rel(here, GLOSSARY)),
    ]
    return page_html(
        title=f"{page.title} | {branding.title}",
        description=page.description,
        body=page.body,
        nav=nav,
        brand_href=rel(here, INDEX),
        branding=branding,
        head=head,
    )
