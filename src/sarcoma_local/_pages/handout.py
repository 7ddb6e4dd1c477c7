"""Printable handouts: a site's local-treatment options (or one technique there) with the
cited evidence, the data version and the disclaimer, as Markdown or as one HTML page.

>>> text = handout("liver", technique="RFA")
>>> text.splitlines()[0]
'# Liver: Radiofrequency ablation (RFA)'
>>> "DOI 10.1007/s00464-005-0236-0: <https://doi.org/10.1007/s00464-005-0236-0>" in text
True
>>> f"Data version {DATA_VERSION}" in text and "not medical advice" in text
True

One walk over the records builds a :class:`Handout`; two small renderers turn it into
Markdown (:func:`render_markdown`) or one self-contained HTML page
(:func:`render_html`: inline CSS with a print stylesheet, no scripts, no external
requests, landmarks and ordered headings, every value escaped; its head carries
schema.org JSON-LD, which is data, not a script).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from sarcoma_local._core.version import DATA_VERSION, DISCLAIMER, __version__
from sarcoma_local._pages.document import (
    FIGURE_COLUMNS,
    OptionText,
    Reference,
    option_text,
    reference,
    stances_for,
)
from sarcoma_local._pages.html import (
    describe,
    disclaimer_html,
    esc,
    local_ref,
    option_body_html,
    page_html,
    references_section,
    section_html,
)
from sarcoma_local._pages.jsonld import condition, medical_web_page, procedure, script_html
from sarcoma_local._render.citations import catalogue_labels

if TYPE_CHECKING:
    from sarcoma_local._data.models import Citation, Option, Site, Technique

__all__ = ["Handout", "Section", "build_handout", "handout", "render_html", "render_markdown"]

FORMATS = ("markdown", "html")

_SUBTITLE = (
    "Local treatment of metastatic soft-tissue sarcoma: the options and the published evidence"
)


@attrs.frozen
class Section:
    """One option of the handout: its anchor, heading, the technique's summary, its text."""

    anchor: str
    heading: str
    intro: str
    option: OptionText


@attrs.frozen
class Handout:
    """Everything a handout says, ready to render."""

    title: str
    subtitle: str
    intro: str
    sections: tuple[Section, ...]
    references: tuple[Reference, ...]
    #: For the page's JSON-LD: what it is about (schema.org objects), the articles it
    #: cites, and the newest date its options were reviewed.
    about: tuple[Mapping[str, Any], ...] = ()
    cited: tuple[Citation, ...] = ()
    reviewed: str = ""


def handout(site: str, technique: str | None = None, format: str = "markdown") -> str:
    """A printable page of the options at ``site`` (or the one ``technique`` there).

    Gives each option's role, notes and cited statements, then the references with
    PubMed and DOI links, the data version and the disclaimer. ``format`` is
    ``"markdown"`` or ``"html"`` (one self-contained page). Names resolve like
    :func:`sarcoma_local.site` and :func:`sarcoma_local.technique`; an unknown site
    or a technique not used there raises an :class:`UnknownKeyError` subclass.

    >>> handout("lung", format="html").startswith("<!DOCTYPE html>")
    True
    """
    if format not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {str(format)[:40]!r}")
    from sarcoma_local._data.queries import citation, option, options
    from sarcoma_local._data.queries import site as get_site
    from sarcoma_local._data.queries import technique as get_technique

    s = get_site(site)
    opts = options(s) if technique is None else (option(s, technique),)
    techs = {o.technique: get_technique(o.technique) for o in opts}
    cites = [citation(k) for k in dict.fromkeys(k for o in opts for k in o.citation_keys)]
    focused = technique is not None
    doc = build_handout(s, opts, techs, cites, catalogue_labels(), focused=focused)
    return render_html(doc) if format == "html" else render_markdown(doc)


def build_handout(
    site: Site,
    opts: Sequence[Option],
    techs: Mapping[str, Technique],
    cites: Sequence[Citation],
    labels: Mapping[str, str],
    *,
    focused: bool = False,
) -> Handout:
    """The handout of already looked-up records; ``focused``: about one technique only."""
    if focused:
        title = f"{site.name}: {techs[opts[0].technique].name}"
    else:
        title = f"{site.name}: local-treatment options"
    cited = {c.key: c for c in cites}
    sections = tuple(
        Section(
            anchor="about" if focused else f"opt-{o.technique}",
            heading="About this option" if focused else techs[o.technique].name,
            intro=techs[o.technique].summary,
            option=option_text(o, labels, cited=cited, stances=stances_for(o)),
        )
        for o in opts
    )
    return Handout(
        title=title,
        subtitle=_SUBTITLE,
        intro=site.description,
        sections=sections,
        references=tuple(reference(c, labels) for c in cites),
        about=(
            (procedure(techs[opts[0].technique]), condition(site.name))
            if focused
            else (condition(site.name),)
        ),
        cited=tuple(cites),
        reviewed=max((o.reviewed for o in opts), default=""),
    )


# --- HTML ----------------------------------------------------------------------------


def render_html(doc: Handout) -> str:
    """The handout as one self-contained HTML page."""
    body = [f"<h1>{esc(doc.title)}</h1>", f'<p class="subtitle">{esc(doc.subtitle)}</p>']
    body.append(disclaimer_html())
    if doc.intro:
        body.append(f"<p>{esc(doc.intro)}</p>")
    for s in doc.sections:
        parts = [f"<p>{esc(s.intro)}</p>"] if s.intro else []
        parts.append(option_body_html(s.option, local_ref, heading_level=3))
        body.append(section_html(s.anchor, s.heading, parts))
    body.append(references_section(doc.references))
    description = describe(
        f"{doc.title}. {doc.subtitle}, with {len(doc.references)} cited articles. "
        f"Data version {DATA_VERSION}."
    )
    jsonld = medical_web_page(
        name=doc.title,
        description=description,
        language="en",
        site={"@type": "WebSite", "name": "sarcoma_local"},
        about=doc.about or (condition(),),
        citations=doc.cited,
        reviewed=doc.reviewed or None,
    )
    return page_html(
        title=f"{doc.title} | sarcoma_local",
        description=description,
        body="\n".join(body),
        head=script_html(jsonld),
    )


# --- Markdown ------------------------------------------------------------------------

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>&|#"})


def md(value: object) -> str:
    """Escape text for Markdown, so data can never become markup or raw HTML."""
    return str(value).translate(_MD_SPECIAL)


def _md_section(s: Section) -> list[str]:
    out = [f"## {md(s.heading)}", ""]
    if s.intro:
        out += [md(s.intro), ""]
    out += [f"**Role in the cited literature:** {md(s.option.role)}", ""]
    out += [md(s.option.summary), ""]
    if s.option.statements:
        out += ["### What the cited articles report", ""]
        for st in s.option.statements:
            refs = "; ".join(md(r.label) for r in st.refs)
            out.append(f"- {md(st.text)}" + (f" ({refs})" if refs else ""))
        out.append("")
    if s.option.figures:
        out += ["### Figures the sources printed", ""]
        out.append("| " + " | ".join(FIGURE_COLUMNS) + " |")
        out.append("|" + "---|" * len(FIGURE_COLUMNS))
        for r in s.option.figures:
            cells = (r.outcome, r.value, r.patients, r.level, r.source.label)
            out.append("| " + " | ".join(md(c) for c in cells) + " |")  # md escapes "|"
        out.append("")
    if s.option.guidelines:
        out += ["### What the guidelines say", ""]
        out += [f"- {md(g)}" for g in s.option.guidelines]
        out.append("")
    out += [f"*Note: {md(note)}*\n" for note in s.option.notes]
    if s.option.reviewed:
        out += [f"*{md(s.option.reviewed)}*", ""]
    return out


def _md_reference(number: int, r: Reference) -> list[str]:
    # Blank-line-separated, indented paragraphs stay inside the list item.
    out = [f"{number}. **{md(r.label)}.** {md(r.text)}", ""]
    out += [f"   {md(r.evidence)}", ""]
    if r.summary:
        out += [f"   {md(r.summary)}", ""]
    if r.links:
        # Angle brackets let a destination hold parentheses (DOIs often do).
        out += ["   " + " · ".join(f"{md(k.text)}: <{k.url}>" for k in r.links), ""]
    out += [f"   *Note: {md(note)}*\n" for note in r.notes]
    return out


def render_markdown(doc: Handout) -> str:
    """The handout as Markdown (every value escaped)."""
    out = [f"# {md(doc.title)}", "", f"*{md(doc.subtitle)}*", ""]
    out += [f"> **Not medical advice.** {md(DISCLAIMER)}", ""]
    if doc.intro:
        out += [md(doc.intro), ""]
    for s in doc.sections:
        out += _md_section(s)
    out += ["## References", ""]
    for i, r in enumerate(doc.references, 1):
        out += _md_reference(i, r)
    out += ["---", "", f"Data version {DATA_VERSION}; sarcoma\\_local {md(__version__)}.", ""]
    out += [md(DISCLAIMER), ""]
    return "\n".join(out)
