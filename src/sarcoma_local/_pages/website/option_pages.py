"""The per-site and per-technique pages of the web site: each option there, its cited
statements, the recurrence patterns that name the site, and one reference list."""

from __future__ import annotations

from sarcoma_local._data.vocabulary import Site, Technique
from sarcoma_local._pages.document import option_text, stances_for
from sarcoma_local._pages.html import (
    disclaimer_html,
    esc,
    link_html,
    list_html,
    local_ref,
    option_body_html,
    plain_html,
    references_section,
    section_html,
)
from sarcoma_local._pages.website.layout import (
    RECURRENCE,
    Page,
    SiteData,
    frame,
    rel,
    site_path,
    technique_path,
)
from sarcoma_local._pages.website.option_charts import option_chart_html
from sarcoma_local._render.labels import label

__all__ = ["site_options_page", "technique_options_page"]


def _patterns_section(data: SiteData, here: str, key: str) -> list[str]:
    tables = [t for t in data.tables if any(r.site == key for r in t.rows)]
    rules = [r for r in data.rules if key in r.sites]
    if not tables and not rules:
        return []
    items = [link_html(rel(here, f"{RECURRENCE}#table-{t.key}"), t.title) for t in tables]
    items += [
        link_html(rel(here, f"{RECURRENCE}#rule-{r.key}"), f"Pattern of spread: {r.applies_to}")
        for r in rules
    ]
    return [section_html("patterns", "Recurrence patterns involving this site", [list_html(items)])]


def _site_intro(data: SiteData, here: str, s: Site) -> list[str]:
    out = []
    if s.description:
        out.append(f"<p>{esc(s.description)}</p>")
    if s.parts:
        names = data.site_names
        parts = ", ".join(link_html(rel(here, site_path(p)), names.get(p, p)) for p in s.parts)
        out.append(f"<p>Combines the sites: {parts}.</p>")
    return out


def site_options_page(data: SiteData, s: Site) -> Page:
    """``sites/<site>.html``: the site's options, surgery first, with their evidence."""
    here = site_path(s.key)
    opts = [o for o in data.options if o.site == s.key]
    techs = {t.key: t for t in data.techniques}
    title = f"{s.name}: local treatment of sarcoma metastases"
    body = [f"<h1>{esc(title)}</h1>", disclaimer_html(), *_site_intro(data, here, s)]
    if opts:
        items = [
            f"{link_html(f'#opt-{o.technique}', techs[o.technique].name)} "
            f'<span class="meta">({esc(label(o.role))})</span>'
            for o in opts
        ]
        body.append("<p>Options on this page, surgery first:</p>" + list_html(items))
    linker = data.linker(here)
    for o in opts:
        t = techs[o.technique]
        link = link_html(rel(here, technique_path(t.key)), f"{t.name}, at every site")
        text = option_text(
            o, data.labels, cited=data.citations, stances=stances_for(o), technique=t
        )
        parts = [
            f'<p class="meta">Technique: {link}</p>',
            option_body_html(text, local_ref, heading_level=3, words=linker.html),
        ]
        if data.charts:
            parts.append(option_chart_html(o, data.labels, heading_level=3))
        body.append(section_html(f"opt-{o.technique}", t.name, [p for p in parts if p]))
    body += _patterns_section(data, here, s.key)
    body.append(references_section(data.references(k for o in opts for k in o.citation_keys)))
    kinds = ", ".join(dict.fromkeys(techs[o.technique].category.value for o in opts))
    return frame(
        here,
        title,
        f"{s.name}: {len(opts)} local-treatment options for metastatic soft-tissue "
        f"sarcoma ({kinds}), each with the cited journal articles.",
        body,
    )


def technique_options_page(data: SiteData, t: Technique) -> Page:
    """``techniques/<technique>.html``: every site where the technique is used."""
    here = technique_path(t.key)
    opts = [o for o in data.options if o.technique == t.key]
    title = f"{t.name} for sarcoma metastases"
    body = [
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">Category: {esc(t.category.value)}</p>',
        disclaimer_html(),
    ]
    linker = data.linker(here)
    if t.patient is not None:
        body.append(plain_html((t.patient.text,), t.patient.questions, 2, linker.html))
    if t.summary:
        if t.patient is not None:
            body.append("<h2>For professionals</h2>")
        body.append(f"<p>{esc(t.summary)}</p>")
    if not opts:
        body.append("<p>The catalogue has no site-specific entry for this technique yet.</p>")
    for o in opts:
        name = data.site_names[o.site]
        link = link_html(rel(here, site_path(o.site)), f"All options for {name.lower()} metastases")
        parts = [
            f'<p class="meta">{link}</p>',
            option_body_html(
                option_text(o, data.labels, cited=data.citations, stances=stances_for(o)),
                local_ref,
                heading_level=3,
                words=linker.html,
            ),
        ]
        body.append(section_html(f"site-{o.site}", f"At this site: {name}", parts))
    body.append(references_section(data.references(k for o in opts for k in o.citation_keys)))
    where = ", ".join(data.site_names[o.site].lower() for o in opts) or "no site yet"
    return frame(
        here,
        title,
        f"{t.name} for metastatic soft-tissue sarcoma ({t.category.value}): used at "
        f"{where}, with roles, cited statements and references.",
        body,
    )
