"""A static web site generated from the catalogue: sites, techniques, recurrence tables.

Pages (all relative links, no scripts, inline CSS, each with the data version and
the disclaimer in its footer)::

    index.html                  the sites, with links to everything else
    sites/<site>.html           a site's options, cited statements and references
    techniques/index.html       techniques by category
    techniques/<technique>.html where a technique is used, with its evidence
    recurrence.html             every recurrence table and pattern rule, with sources

The output depends only on the data and the code versions (no dates, stable
order), so building twice gives byte-identical files.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from sarcoma_local._core.version import DATA_VERSION
from sarcoma_local._render.citations import catalogue_labels
from sarcoma_local._render.labels import label, meaning

from .handout import (
    _e,
    describe,
    disclaimer_html,
    local_ref,
    option_body_html,
    page_html,
    references_html,
    statement_refs_html,
)

if TYPE_CHECKING:
    from sarcoma_local._data.models import (
        Citation,
        PatternRule,
        RecurrenceRow,
        RecurrenceTable,
        Site,
        Technique,
    )

__all__ = ["build_site", "render_site"]

INDEX = "index.html"
TECHNIQUES = "techniques/index.html"
RECURRENCE = "recurrence.html"

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")


def _slug(key: str) -> str:
    # Keys are validated slugs; refuse anything else rather than write odd file names.
    if not _SLUG.match(key):
        raise ValueError(f"cannot use {key!r} in a file name")
    return key


def site_page(key: str) -> str:
    """Path of a site's page inside the output folder."""
    return f"sites/{_slug(key)}.html"


def technique_page(key: str) -> str:
    """Path of a technique's page inside the output folder."""
    return f"techniques/{_slug(key)}.html"


def _rel(here: str, target: str) -> str:
    """The relative href from page ``here`` to ``target`` (which may carry #fragment)."""
    path, _, fragment = target.partition("#")
    href = posixpath.relpath(path, posixpath.dirname(here) or ".") if path else ""
    return f"{href}#{fragment}" if fragment else href


class _Builder:
    """Collects pages as (relative path, HTML) pairs."""

    def __init__(self) -> None:
        from sarcoma_local._data.queries import (
            citations,
            options,
            recurrence_tables,
            sites,
            techniques,
        )

        self.sites = sites()
        self.techniques = techniques()
        self.options = options()
        self.tables = recurrence_tables()
        self.citations = {c.key: c for c in citations()}
        self.labels = catalogue_labels()
        self.site_names = {s.key: s.name for s in self.sites}
        self.pages: dict[str, str] = {}

    def nav(self, here: str) -> list[tuple[str, str]]:
        return [
            ("Sites", _rel(here, INDEX)),
            ("Techniques", _rel(here, TECHNIQUES)),
            ("Recurrence patterns", _rel(here, RECURRENCE)),
        ]

    def add(self, path: str, title: str, description: str, body: Iterable[str]) -> None:
        self.pages[path] = page_html(
            title=f"{title} | sarcoma_local",
            description=describe(description),
            body="\n".join(body),
            nav=self.nav(path),
            brand_href=_rel(path, INDEX),
        )

    def cites(self, keys: Iterable[str]) -> list[Citation]:
        return [self.citations[k] for k in dict.fromkeys(keys)]

    def references(self, keys: Iterable[str]) -> list[str]:
        return [
            '<section aria-labelledby="references">',
            '<h2 id="references">References</h2>',
            references_html(self.cites(keys), self.labels),
            "</section>",
        ]

    # --- pages ---------------------------------------------------------------------

    def index(self) -> None:
        from sarcoma_local._data.queries import data_info

        info = data_info()
        body = [
            "<h1>Local treatment of metastatic soft-tissue sarcoma</h1>",
            '<p class="subtitle">Treatment options by metastatic site, the published '
            "evidence behind them, and recurrence patterns with their sources.</p>",
            disclaimer_html(),
            '<section aria-labelledby="sites">',
            '<h2 id="sites">Metastatic sites</h2>',
            "<ul>",
        ]
        for s in self.sites:
            n = sum(1 for o in self.options if o.site == s.key)
            words = f"{n} option" + ("" if n == 1 else "s")
            body.append(
                f'<li><a href="{_e(site_page(s.key))}">{_e(s.name)}</a> '
                f'<span class="meta">({words})</span>'
                + (f"<br>{_e(s.description)}" if s.description else "")
                + "</li>"
            )
        body += ["</ul>", "</section>"]
        body += [
            '<section aria-labelledby="more">',
            '<h2 id="more">Techniques and recurrence patterns</h2>',
            "<ul>",
            f'<li><a href="{TECHNIQUES}">All {len(self.techniques)} local-treatment '
            "techniques, by category</a></li>",
            f'<li><a href="{RECURRENCE}">Recurrence and metastatic patterns: '
            f"{len(self.tables)} tables with counts and sources</a></li>",
            "</ul>",
            "</section>",
            '<section aria-labelledby="about">',
            '<h2 id="about">About the data</h2>',
            f"<p>Data version {_e(DATA_VERSION)}: {len(self.citations)} cited articles, "
            f"{len(self.options)} site and technique entries. Every statement is written "
            "in our own words and names the articles that support it. Sources:</p>",
            "<ul>",
        ]
        body += [f"<li>{_e(src['title'])}</li>" for src in info["sources"]]
        body += ["</ul>", "</section>"]
        names = ", ".join(s.name.lower() for s in self.sites[:6])
        self.add(
            INDEX,
            "Local treatment of metastatic soft-tissue sarcoma: sites, techniques, evidence",
            f"Local-treatment options for metastatic soft-tissue sarcoma by site ({names} "
            "and more), with the cited journal articles and recurrence tables.",
            body,
        )

    def site(self, s: Site) -> None:
        here = site_page(s.key)
        opts = [o for o in self.options if o.site == s.key]
        techs = {t.key: t for t in self.techniques}
        title = f"{s.name}: local treatment of sarcoma metastases"
        body = [f"<h1>{_e(title)}</h1>", disclaimer_html()]
        if s.description:
            body.append(f"<p>{_e(s.description)}</p>")
        if s.parts:
            parts = ", ".join(
                f'<a href="{_e(_rel(here, site_page(p)))}">{_e(self.site_names.get(p, p))}</a>'
                for p in s.parts
            )
            body.append(f"<p>Combines the sites: {parts}.</p>")
        if opts:
            body.append("<p>Options on this page, surgery first:</p><ul>")
            body += [
                f'<li><a href="#opt-{_e(o.technique)}">{_e(techs[o.technique].name)}</a> '
                f'<span class="meta">({_e(o.role.value)})</span></li>'
                for o in opts
            ]
            body.append("</ul>")
        for o in opts:
            t = techs[o.technique]
            body += [
                f'<section aria-labelledby="opt-{_e(o.technique)}">',
                f'<h2 id="opt-{_e(o.technique)}">{_e(t.name)}</h2>',
                f'<p class="meta">Technique: <a href="{_e(_rel(here, technique_page(t.key)))}">'
                f"{_e(t.name)}, at every site</a></p>",
                option_body_html(o, self.labels, local_ref, heading_level=3),
                "</section>",
            ]
        body += self.patterns_for_site(here, s.key)
        body += self.references(k for o in opts for k in o.citation_keys)
        kinds = ", ".join(dict.fromkeys(techs[o.technique].category.value for o in opts))
        self.add(
            here,
            title,
            f"{s.name}: {len(opts)} local-treatment options for metastatic soft-tissue "
            f"sarcoma ({kinds}), each with the cited journal articles.",
            body,
        )

    def patterns_for_site(self, here: str, key: str) -> list[str]:
        tables = [t for t in self.tables if any(r.site == key for r in t.rows)]
        rules = [r for r in _rules() if key in r.sites]
        if not tables and not rules:
            return []
        out = [
            '<section aria-labelledby="patterns">',
            '<h2 id="patterns">Recurrence patterns involving this site</h2>',
            "<ul>",
        ]
        out += [
            f'<li><a href="{_e(_rel(here, f"{RECURRENCE}#table-{t.key}"))}">{_e(t.title)}</a></li>'
            for t in tables
        ]
        out += [
            f'<li><a href="{_e(_rel(here, f"{RECURRENCE}#rule-{r.key}"))}">'
            f"Pattern of spread: {_e(r.applies_to)}</a></li>"
            for r in rules
        ]
        out += ["</ul>", "</section>"]
        return out

    def technique_index(self) -> None:
        here = TECHNIQUES
        body = ["<h1>Local-treatment techniques for sarcoma metastases</h1>", disclaimer_html()]
        categories = dict.fromkeys(t.category for t in self.techniques)
        for cat in categories:
            body += [
                f'<section aria-labelledby="cat-{_e(cat.value)}">',
                f'<h2 id="cat-{_e(cat.value)}">{_e(label(cat))}</h2>',
                "<ul>",
            ]
            for t in (t for t in self.techniques if t.category is cat):
                where = [self.site_names[o.site] for o in self.options if o.technique == t.key]
                used = f"used at: {', '.join(where)}" if where else "no site entry yet"
                body.append(
                    f'<li><a href="{_e(_rel(here, technique_page(t.key)))}">{_e(t.name)}</a> '
                    f'<span class="meta">({_e(used)})</span></li>'
                )
            body += ["</ul>", "</section>"]
        self.add(
            here,
            "Local-treatment techniques for sarcoma metastases, by category",
            "Surgery, ablation, embolisation, perfusion, radiotherapy and hyperthermia for "
            "metastatic soft-tissue sarcoma: where each is used and the cited evidence.",
            body,
        )

    def technique(self, t: Technique) -> None:
        here = technique_page(t.key)
        opts = [o for o in self.options if o.technique == t.key]
        title = f"{t.name} for sarcoma metastases"
        body = [
            f"<h1>{_e(title)}</h1>",
            f'<p class="meta">Category: {_e(t.category.value)}</p>',
            disclaimer_html(),
        ]
        if t.summary:
            body.append(f"<p>{_e(t.summary)}</p>")
        if not opts:
            body.append("<p>The catalogue has no site-specific entry for this technique yet.</p>")
        for o in opts:
            name = self.site_names[o.site]
            body += [
                f'<section aria-labelledby="site-{_e(o.site)}">',
                f'<h2 id="site-{_e(o.site)}">At this site: {_e(name)}</h2>',
                f'<p class="meta"><a href="{_e(_rel(here, site_page(o.site)))}">'
                f"All options for {_e(name.lower())} metastases</a></p>",
                option_body_html(o, self.labels, local_ref, heading_level=3),
                "</section>",
            ]
        body += self.references(k for o in opts for k in o.citation_keys)
        where = ", ".join(self.site_names[o.site].lower() for o in opts) or "no site yet"
        self.add(
            here,
            title,
            f"{t.name} for metastatic soft-tissue sarcoma ({t.category.value}): used at "
            f"{where}, with roles, cited statements and references.",
            body,
        )

    def recurrence(self) -> None:
        here = RECURRENCE
        rules = _rules()
        body = [
            "<h1>Recurrence and metastatic patterns of soft-tissue sarcoma</h1>",
            disclaimer_html(),
            "<p>Each table comes from one paper and keeps every count with its "
            "denominator. The percent the paper printed and the percent the counts give "
            "are both shown; where they differ, neither is corrected.</p>",
            '<nav aria-label="Tables on this page"><ul>',
        ]
        body += [f'<li><a href="#table-{_e(t.key)}">{_e(t.title)}</a></li>' for t in self.tables]
        if rules:
            body.append('<li><a href="#rules">Patterns of spread</a></li>')
        body.append("</ul></nav>")
        kinds = dict.fromkeys(t.kind for t in self.tables)
        for kind in kinds:
            body += [
                f'<section aria-labelledby="kind-{_e(kind.value)}">',
                f'<h2 id="kind-{_e(kind.value)}">{_e(label(kind))}</h2>',
            ]
            for t in (t for t in self.tables if t.kind is kind):
                body += self.table(t)
            body.append("</section>")
        if rules:
            body += ['<section aria-labelledby="rules">', '<h2 id="rules">Patterns of spread</h2>']
            for r in rules:
                body += self.rule(r)
            body.append("</section>")
        keys = [t.citation for t in self.tables] + [k for r in rules for k in r.citations]
        body += self.references(keys)
        self.add(
            here,
            "Recurrence and metastatic patterns of soft-tissue sarcoma: tables and sources",
            f"{len(self.tables)} tables of recurrence, metastatic and lymph-node spread "
            "patterns in soft-tissue sarcoma, each count with its denominator and source.",
            body,
        )

    def table(self, t: RecurrenceTable) -> list[str]:
        ref = statement_refs_html((t.citation,), self.labels, local_ref)
        out = [
            f'<h3 id="table-{_e(t.key)}">{_e(t.title)}</h3>',
            f"<p>Patients counted: {_e(t.population)}.</p>",
            f"<p>Measure: {_e(t.measure)}. Source:{ref}</p>",
            "<table>",
            f"<caption>{_e(t.title)}</caption>",
            '<thead><tr><th scope="col">Row</th><th scope="col">Patients with the outcome</th>'
            '<th scope="col">Patients counted</th><th scope="col">Percent as printed</th>'
            '<th scope="col">Percent from the counts</th></tr></thead>',
            "<tbody>",
        ]
        out += [_row_html(r) for r in t.rows]
        out += ["</tbody>", "</table>"]
        notes = [r for r in t.rows if r.note or r.flags]
        if notes:
            out.append("<ul>")
            for r in notes:
                extra = [r.note] if r.note else []
                extra += [meaning(f) for f in r.flags]
                out.append(f"<li>{_e(r.label)}: {_e(' '.join(extra))}</li>")
            out.append("</ul>")
        if t.notes:
            out.append(f"<p>{_e(t.notes)}</p>")
        out += [f'<p class="note">Note: {_e(meaning(f))}</p>' for f in t.flags]
        return out

    def rule(self, r: PatternRule) -> list[str]:
        out = [
            f'<h3 id="rule-{_e(r.key)}">{_e(r.applies_to)}</h3>',
            f"<p>{_e(r.pattern)}{statement_refs_html(r.citations, self.labels, local_ref)}</p>",
        ]
        if r.note:
            out.append(f"<p>{_e(r.note)}</p>")
        out += [f'<p class="note">Note: {_e(meaning(f))}</p>' for f in r.flags]
        return out

    def build(self) -> Mapping[str, str]:
        self.index()
        for s in self.sites:
            self.site(s)
        self.technique_index()
        for t in self.techniques:
            self.technique(t)
        self.recurrence()
        return self.pages


def _rules() -> tuple[PatternRule, ...]:
    from sarcoma_local._data.queries import rules

    return rules()


def _cell(value: object, mark: str = "") -> str:
    text = "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)
    return f'<td class="num">{_e(text)}{mark}</td>'


def _row_html(r: RecurrenceRow) -> str:
    printed = _cell(r.percent_reported, " (differs)" if r.percent_mismatch else "")
    counted = _cell(r.numerator, " (derived)" if r.derived else "")
    return (
        f'<tr><th scope="row">{_e(r.label)}</th>{counted}{_cell(r.denominator)}'
        f"{printed}{_cell(r.percent_computed)}</tr>"
    )


def render_site() -> Mapping[str, str]:
    """Every page as ``{relative path: HTML}``, without writing anything."""
    return _Builder().build()


def build_site(outdir: str | os.PathLike[str]) -> list[Path]:
    """Write the static site into ``outdir`` (created if missing); returns the files written.

    Existing files of the same names are replaced; other files are left alone.
    Every link is relative, so the folder can be served from any path or opened
    from disk. See the module docstring for the pages.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.name for p in build_site(tmp)][:2]
    ['index.html', 'recurrence.html']
    """
    root = Path(outdir)
    written: list[Path] = []
    for rel, text in sorted(render_site().items()):
        path = root.joinpath(*rel.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
