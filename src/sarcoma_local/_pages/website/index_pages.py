"""The two index pages of the web site: the home page (the sites) and the techniques."""

from __future__ import annotations

from sarcoma_local._core.version import DATA_VERSION
from sarcoma_local._pages.html import disclaimer_html, esc, link_html, list_html, section_html
from sarcoma_local._pages.website.bodymap import body_map_html
from sarcoma_local._pages.website.layout import (
    INDEX,
    RECURRENCE,
    TECHNIQUES,
    Page,
    SiteData,
    frame,
    rel,
    site_path,
    technique_path,
)
from sarcoma_local._render.labels import label

__all__ = ["home_page", "techniques_page"]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _sites_section(data: SiteData) -> str:
    items = []
    for s in data.sites:
        n = sum(1 for o in data.options if o.site == s.key)
        count = f'<span class="meta">({_plural(n, "option")})</span>'
        item = f"{link_html(site_path(s.key), s.name)} {count}"
        items.append(item + (f"<br>{esc(s.description)}" if s.description else ""))
    return section_html("sites", "Metastatic sites", [list_html(items)])


def _about_section(data: SiteData) -> str:
    about = (
        f"<p>Data version {esc(DATA_VERSION)}: {len(data.citations)} cited articles, "
        f"{len(data.options)} site and technique entries. Every statement is written "
        "in our own words and names the articles that support it. Sources:</p>"
    )
    return section_html("about", "About the data", [about, list_html(map(esc, data.sources))])


def home_page(data: SiteData) -> Page:
    """``index.html``: the sites, with links to everything else."""
    more = [
        f'<a href="{TECHNIQUES}">All {len(data.techniques)} local-treatment '
        "techniques, by category</a>",
        f'<a href="{RECURRENCE}">Recurrence and metastatic patterns: '
        f"{len(data.tables)} tables with counts and sources</a>",
    ]
    body = [
        "<h1>Local treatment of metastatic soft-tissue sarcoma</h1>",
        '<p class="subtitle">Treatment options by metastatic site, the published '
        "evidence behind them, and recurrence patterns with their sources.</p>",
        disclaimer_html(),
        section_html("body-map", "Sites on a body map", [body_map_html(data.sites, site_path)]),
        _sites_section(data),
        section_html("more", "Techniques and recurrence patterns", [list_html(more)]),
        _about_section(data),
    ]
    names = ", ".join(s.name.lower() for s in data.sites[:6])
    return frame(
        INDEX,
        "Local treatment of metastatic soft-tissue sarcoma: sites, techniques, evidence",
        f"Local-treatment options for metastatic soft-tissue sarcoma by site ({names} "
        "and more), with the cited journal articles and recurrence tables.",
        body,
    )


def techniques_page(data: SiteData) -> Page:
    """``techniques/index.html``: every technique by category, with where it is used."""
    here = TECHNIQUES
    body = ["<h1>Local-treatment techniques for sarcoma metastases</h1>", disclaimer_html()]
    for cat in dict.fromkeys(t.category for t in data.techniques):
        items = []
        for t in (t for t in data.techniques if t.category is cat):
            where = [data.site_names[o.site] for o in data.options if o.technique == t.key]
            used = f"used at: {', '.join(where)}" if where else "no site entry yet"
            link = link_html(rel(here, technique_path(t.key)), t.name)
            items.append(f'{link} <span class="meta">({esc(used)})</span>')
        body.append(section_html(f"cat-{cat.value}", label(cat), [list_html(items)]))
    return frame(
        here,
        "Local-treatment techniques for sarcoma metastases, by category",
        "Surgery, ablation, embolisation, perfusion, radiotherapy and hyperthermia for "
        "metastatic soft-tissue sarcoma: where each is used and the cited evidence.",
        body,
    )
