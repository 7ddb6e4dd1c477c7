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
    figure_row,
    md,
    option_text,
    reference,
    stances_for,
    strongest_statements,
)
from sarcoma_local._pages.glossary import TermLinker, glossary_html, term_anchor
from sarcoma_local._pages.html import (
    describe,
    disclaimer_html,
    esc,
    local_ref,
    option_body_html,
    page_html,
    paper_css,
    references_section,
    section_html,
)
from sarcoma_local._pages.jsonld import condition, medical_web_page, procedure, script_html
from sarcoma_local._render.citations import catalogue_labels
from sarcoma_local._render.labels import check_audience

if TYPE_CHECKING:
    from sarcoma_local._data.models import Citation, GlossaryTerm, Option, Site, Technique

__all__ = ["Handout", "Section", "build_handout", "handout", "render_html", "render_markdown"]

FORMATS = ("markdown", "html")

#: A patient's handout gives each option this many of its cited statements (those
#: resting on the strongest articles); the professional handout and the site give all.
PATIENT_STATEMENTS = 4

_SUBTITLE = (
    "Local treatment of metastatic soft-tissue sarcoma: the options and the published evidence"
)


@attrs.frozen
class Section:
    """One option of the handout: its anchor, heading, the technique's summary (for
    professionals; a patient's handout carries the technique's plain words in the
    option text instead), its text."""

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


def handout(
    site: str,
    technique: str | None = None,
    format: str = "markdown",
    *,
    audience: str = "patient",
    brief: bool = False,
    paper: str = "a4",
) -> str:
    """A printable handout of the options at ``site`` (or the one ``technique`` there).

    The full handout gives each option's role, cited statements, figures, guideline
    stances and notes, then the references with PubMed and DOI links, the data
    version and the disclaimer. For ``audience="patient"`` (the default) each option
    opens with the technique and the evidence in plain words and questions to ask,
    and the technical words used are explained at the end; ``"professional"`` gives
    the professional summaries only. ``brief=True`` gives the two-page summary "for
    your doctor" instead (:mod:`sarcoma_local._pages.doctor_handout`). ``format`` is
    ``"markdown"`` or ``"html"`` (one self-contained page, laid out for ``paper``,
    ``"a4"`` or ``"letter"``). Names resolve like :func:`sarcoma_local.site` and
    :func:`sarcoma_local.technique`; an unknown site or a technique not used there
    raises an :class:`UnknownKeyError` subclass.

    >>> handout("lung", format="html").startswith("<!DOCTYPE html>")
    True
    >>> handout("lung", brief=True).splitlines()[0]
    '# Lung: local-treatment options, a summary for your doctor'
    """
    if format not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {str(format)[:40]!r}")
    audience = check_audience(audience)
    if brief and technique is not None:
        raise ValueError("brief=True summarises a whole site; leave out the technique")
    css = paper_css(paper)
    from sarcoma_local._data.queries import citation, glossary, option, options
    from sarcoma_local._data.queries import site as get_site
    from sarcoma_local._data.queries import technique as get_technique

    s = get_site(site)
    opts = options(s) if technique is None else (option(s, technique),)
    techs = {o.technique: get_technique(o.technique) for o in opts}
    cites = [citation(k) for k in dict.fromkeys(k for o in opts for k in o.citation_keys)]
    labels = catalogue_labels()
    if brief:
        from sarcoma_local._pages import doctor_handout

        summary = doctor_handout.build(s, opts, techs, cites, labels)
        if format == "html":
            return doctor_handout.render_html(summary, css)
        return doctor_handout.render_markdown(summary)
    focused = technique is not None
    doc = build_handout(s, opts, techs, cites, labels, focused=focused, audience=audience)
    if format == "html":
        return render_html(doc, css, glossary() if audience == "patient" else ())
    return render_markdown(doc, glossary() if audience == "patient" else ())


def build_handout(
    site: Site,
    opts: Sequence[Option],
    techs: Mapping[str, Technique],
    cites: Sequence[Citation],
    labels: Mapping[str, str],
    *,
    focused: bool = False,
    audience: str = "patient",
) -> Handout:
    """The handout of already looked-up records; ``focused``: about one technique only;
    ``audience``: "patient" adds the plain words and questions, "professional" not."""
    if focused:
        title = f"{site.name}: {techs[opts[0].technique].name}"
    else:
        title = f"{site.name}: local-treatment options"
    cited = {c.key: c for c in cites}
    patient = audience == "patient"
    shown: dict[str, None] = {}  # the articles the handout cites, in first-use order

    def text(o: Option) -> OptionText:
        t = techs[o.technique]
        stances = stances_for(o)
        full = option_text(o, labels, cited=cited, stances=stances, technique=t)
        shown.update(dict.fromkeys(g.citation for g in stances if g.citation in cited))
        if not patient:
            shown.update(dict.fromkeys(o.citation_keys))
            return attrs.evolve(full, plain="", questions=(), about="")
        return _shortened(o, full)

    def _shortened(o: Option, full: OptionText) -> OptionText:
        # A patient reads the strongest few findings; the rest are named, not dropped
        # silently (the professional handout and the site page give every one).
        keep = strongest_statements(o, cited, PATIENT_STATEMENTS)
        statements = [o.statements[i] for i in keep]
        shown.update(dict.fromkeys(k for st in statements for k in st.citations))
        left = len(o.statements) - len(keep)
        if not left:
            return full
        others = {k for i, st in enumerate(o.statements) if i not in keep for k in st.citations}
        others -= {k for st in statements for k in st.citations}
        more = (
            f"{left} more finding{'s' if left != 1 else ''}"
            + (
                f" from {len(others)} more article{'s' if len(others) != 1 else ''}"
                if others
                else ""
            )
            + " are in the version of this handout for professionals and on the web site."
        )
        return attrs.evolve(
            full,
            statements=tuple(full.statements[i] for i in keep),
            figures=tuple(figure_row(f, labels, cited) for st in statements for f in st.figures),
            more=more,
        )

    sections = tuple(
        Section(
            anchor="about" if focused else f"opt-{o.technique}",
            heading="About this option" if focused else techs[o.technique].name,
            intro="" if patient and o.patient else techs[o.technique].summary,
            option=text(o),
        )
        for o in opts
    )
    cites = [c for c in cites if c.key in shown]
    return Handout(
        title=title,
        subtitle=_SUBTITLE,
        intro=site.description,
        sections=sections,
        # A patient's reference list names and links each article; the professional
        # summary of what each article studied stays in the professionals' version.
        references=tuple(
            attrs.evolve(reference(c, labels), summary="") if patient else reference(c, labels)
            for c in cites
        ),
        about=(
            (procedure(techs[opts[0].technique]), condition(site.name))
            if focused
            else (condition(site.name),)
        ),
        cited=tuple(cites),
        reviewed=max((o.reviewed for o in opts), default=""),
    )


# --- HTML ----------------------------------------------------------------------------


def render_html(doc: Handout, css: str = "", terms: Sequence[GlossaryTerm] = ()) -> str:
    """The handout as one self-contained HTML page; ``css`` is added to the stylesheet
    (the page size); with glossary ``terms``, the first use of each links to a
    "Words used in this handout" section at the end."""
    linker = TermLinker(terms, lambda key: f"#{term_anchor(key)}")
    body = [f"<h1>{esc(doc.title)}</h1>", f'<p class="subtitle">{esc(doc.subtitle)}</p>']
    body.append(disclaimer_html())
    if doc.intro:
        body.append(f"<p>{esc(doc.intro)}</p>")
    for s in doc.sections:
        parts = [f"<p>{esc(s.intro)}</p>"] if s.intro else []
        parts.append(option_body_html(s.option, local_ref, heading_level=3, words=linker.html))
        body.append(section_html(s.anchor, s.heading, parts))
    if linker.used:
        used = sorted(linker.used, key=lambda t: t.name.casefold())
        body.append(section_html("glossary", "Words used in this handout", [glossary_html(used)]))
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
        css=css,
        head=script_html(jsonld),
    )


# --- Markdown ------------------------------------------------------------------------


def _md_section(s: Section) -> list[str]:
    out = [f"## {md(s.heading)}", ""]
    if s.intro:
        out += [md(s.intro), ""]
    out += [f"**Role in the cited literature:** {md(s.option.role)}", ""]
    if s.option.plain:
        out += ["### In plain words", ""]
        out += [md(t) + "\n" for t in (s.option.about, s.option.plain) if t]
        if s.option.questions:
            out += ["### Questions you may want to ask your team", ""]
            out += [f"- {md(q)}" for q in s.option.questions]
            out.append("")
        out += ["### For professionals", ""]
    out += [md(s.option.summary), ""]
    if s.option.statements:
        out += ["### What the cited articles report", ""]
        for st in s.option.statements:
            refs = "; ".join(md(r.label) for r in st.refs)
            finding = f"**{md(st.finding)}:** " if st.finding else ""
            out.append(f"- {finding}{md(st.text)}" + (f" ({refs})" if refs else ""))
        out.append("")
    if s.option.more:
        out += [f"*{md(s.option.more)}*", ""]
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


def render_markdown(doc: Handout, terms: Sequence[GlossaryTerm] = ()) -> str:
    """The handout as Markdown (every value escaped); with glossary ``terms``, those the
    plain-words texts use are explained in a section before the references."""
    out = [f"# {md(doc.title)}", "", f"*{md(doc.subtitle)}*", ""]
    out += [f"> **Not medical advice.** {md(DISCLAIMER)}", ""]
    if doc.intro:
        out += [md(doc.intro), ""]
    linker = TermLinker(terms, lambda key: "")
    for s in doc.sections:
        out += _md_section(s)
        for text in (s.option.about, s.option.plain, *s.option.questions):
            linker.html(text)  # only to learn which terms are used
    if linker.used:
        out += ["## Words used in this handout", ""]
        for t in sorted(linker.used, key=lambda t: t.name.casefold()):
            out += [f"- **{md(t.name)}**: {md(t.text)}"]
        out.append("")
    out += ["## References", ""]
    for i, r in enumerate(doc.references, 1):
        out += _md_reference(i, r)
    out += ["---", "", f"Data version {DATA_VERSION}; sarcoma\\_local {md(__version__)}.", ""]
    out += [md(DISCLAIMER), ""]
    return "\n".join(out)
