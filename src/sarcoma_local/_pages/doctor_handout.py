"""The two-page handout "for your doctor": per site, every option in one line, the key
figures, the best few references with their PMIDs and DOIs, questions to ask, the
data version and the disclaimer, laid out to print on at most two A4 or Letter pages.

The full handout (:mod:`sarcoma_local._pages.handout`) stays the complete record;
this one picks. Picks are rules, not judgement calls made per site:

* one line per option: the first clause of its professional summary;
* key figures: per option, the figure of the most telling measure (survival before
  local control before harms), from the largest study, at most :data:`MAX_FIGURES`;
* references: the articles the site's statements cite, ranked by how many
  statements cite them, whether they are about sarcoma, study size and recency,
  those with a PMID or DOI first, at most :data:`MAX_REFERENCES`;
* questions: the options' own questions, then the techniques', at most
  :data:`MAX_QUESTIONS`.

>>> import sarcoma_local as sl
>>> text = sl.handout("liver", brief=True)
>>> "## Questions you may want to ask" in text and "Data version" in text
True
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import attrs

from sarcoma_local._core.version import DATA_VERSION, DISCLAIMER, __version__
from sarcoma_local._data.evidence import Figure, Measure
from sarcoma_local._data.models import Citation, Option, Site, Technique
from sarcoma_local._pages.document import (
    FigureRow,
    Reference,
    citation_rank,
    figure_row,
    md,
    reference,
)
from sarcoma_local._pages.html import describe, disclaimer_html, esc, link_html, page_html
from sarcoma_local._pages.jsonld import condition, medical_web_page, script_html
from sarcoma_local._render.labels import label

__all__ = [
    "MAX_FIGURES",
    "MAX_QUESTIONS",
    "MAX_REFERENCES",
    "DoctorHandout",
    "KeyFigure",
    "OptionLine",
    "build",
    "render_html",
    "render_markdown",
]

MAX_FIGURES = 6
MAX_REFERENCES = 5
MAX_QUESTIONS = 5

#: Measures in the order a reader weighs them; others are not key figures.
_MEASURES = (
    Measure.OVERALL_SURVIVAL,
    Measure.DISEASE_SPECIFIC_SURVIVAL,
    Measure.LOCAL_CONTROL,
    Measure.PROGRESSION_FREE_SURVIVAL,
    Measure.DISEASE_FREE_SURVIVAL,
    Measure.RECURRENCE_FREE_SURVIVAL,
    Measure.RESPONSE,
    Measure.LOCAL_RECURRENCE,
    Measure.COMPLICATIONS,
    Measure.PERIOPERATIVE_DEATH,
)
_FIRST_CLAUSE = re.compile(r"(?<=[.;])\s")

#: Tighter type for two pages; print shows identifiers as text, so no URLs are appended.
_CSS = """\
.brief{font-size:.95rem}
.brief h1{font-size:1.4rem;margin:.25rem 0}
.brief h2{font-size:1.1rem;margin:1rem 0 .25rem;padding-top:.25rem}
.brief table{font-size:.85rem;margin:.25rem 0 .5rem}
.brief th,.brief td{padding:.15rem .35rem}
.brief table.options th:first-child{width:24%}
.brief table.options td:nth-child(2){width:11%}
.brief table.options td:last-child{width:9%}
.brief ol,.brief ul{margin:.25rem 0;padding-left:1.25rem}
.brief li{margin-bottom:.2rem}
@media print{
  body{font-size:8.5pt;line-height:1.25}
  header{display:none}
  footer{font-size:7.5pt;padding-top:.25rem}
  .brief .note{padding:.2rem .4rem}
  .brief h1{font-size:13pt}
  .brief h2{font-size:10.5pt;margin-top:.45rem;padding-top:.15rem}
  .brief table{font-size:8pt}
  .brief .links{display:none}
}
"""


@attrs.frozen
class OptionLine:
    """One option in one line: technique, role, the line, newest evidence year."""

    technique: str
    role: str
    line: str
    newest: int | None


@attrs.frozen
class KeyFigure:
    """A key figure and the option it belongs to."""

    option: str
    row: FigureRow


@attrs.frozen
class DoctorHandout:
    """Everything the two-page handout says, ready to render."""

    title: str
    intro: str
    options: tuple[OptionLine, ...]
    figures: tuple[KeyFigure, ...]
    references: tuple[Reference, ...]
    questions: tuple[str, ...]
    reviewed: str
    #: The site's name and the articles the references list, for the page's JSON-LD.
    site_name: str = ""
    cited: tuple[Citation, ...] = ()


def _line(summary: str) -> str:
    first = _FIRST_CLAUSE.split(summary.strip(), maxsplit=1)[0].rstrip(";").strip()
    return first if first.endswith(".") else first + "."


def _patients(f: Figure, cited: Mapping[str, Citation]) -> int:
    c = cited.get(f.citation)
    if c is not None and c.descriptors is not None and c.descriptors.patients is not None:
        return c.descriptors.patients
    return f.denominator or 0


def _key_figure(o: Option, cited: Mapping[str, Citation]) -> Figure | None:
    ranked = [
        (_MEASURES.index(f.measure), -_patients(f, cited), n, f)
        for n, f in enumerate(o.figures)
        if f.measure in _MEASURES and f.value is not None
    ]
    return min(ranked, key=lambda item: item[:3])[3] if ranked else None


def _questions(opts: Sequence[Option], techs: Mapping[str, Technique]) -> tuple[str, ...]:
    """The options' questions one per option in turn, then the techniques' in turn."""
    lists = [o.patient.questions for o in opts if o.patient]
    lists += [t.patient.questions for o in opts if (t := techs[o.technique]).patient]
    out: dict[str, None] = {}
    for turn in range(max((len(q) for q in lists), default=0)):
        for questions in lists:
            if turn < len(questions) and len(out) < MAX_QUESTIONS:
                out.setdefault(questions[turn])
    return tuple(out)


def build(
    site: Site,
    opts: Sequence[Option],
    techs: Mapping[str, Technique],
    cites: Sequence[Citation],
    labels: Mapping[str, str],
) -> DoctorHandout:
    """The two-page handout of already looked-up records."""
    cited = {c.key: c for c in cites}
    lines = tuple(
        OptionLine(
            technique=techs[o.technique].name,
            role=label(o.role),
            line=_line(o.summary),
            newest=max((cited[k].year for k in o.citation_keys if k in cited), default=None),
        )
        for o in opts
    )
    figures: list[KeyFigure] = []
    for o in opts:
        f = _key_figure(o, cited)
        if f is not None and len(figures) < MAX_FIGURES:
            figures.append(KeyFigure(techs[o.technique].name, figure_row(f, labels, cited)))
    uses: dict[str, int] = {}
    for o in opts:
        for st in o.statements:
            for k in st.citations:
                uses[k] = uses.get(k, 0) + 1
    best = sorted(cites, key=lambda c: citation_rank(c, uses.get(c.key, 0)), reverse=True)
    chosen = best[:MAX_REFERENCES]
    reviewed = max((o.reviewed for o in opts if o.reviewed), default="")
    return DoctorHandout(
        title=f"{site.name}: local-treatment options, a summary for your doctor",
        intro=(
            f"The {len(opts)} local treatments the sarcoma_local catalogue describes for "
            f"{site.name.lower()} metastases of soft-tissue sarcoma, with key figures and "
            "references. The handout for professionals and the web site give every cited statement."
        ),
        options=lines,
        figures=tuple(figures),
        references=tuple(reference(c, labels) for c in chosen),
        questions=_questions(opts, techs),
        reviewed=reviewed,
        site_name=site.name,
        cited=tuple(chosen),
    )


def _footnote(doc: DoctorHandout) -> str:
    reviewed = f" Options last reviewed {doc.reviewed}." if doc.reviewed else ""
    return f"Data version {DATA_VERSION}; sarcoma_local {__version__}.{reviewed}"


def render_html(doc: DoctorHandout, css: str = "") -> str:
    """The two-page handout as one self-contained HTML page."""
    rows = [
        f'<tr><th scope="row">{esc(o.technique)}</th><td>{esc(o.role)}</td>'
        f"<td>{esc(o.line)}</td><td>{esc(o.newest or '')}</td></tr>"
        for o in doc.options
    ]
    body = [
        '<div class="brief">',
        f"<h1>{esc(doc.title)}</h1>",
        disclaimer_html(),
        f"<p>{esc(doc.intro)}</p>",
        "<h2>The options</h2>",
        '<table class="options"><caption>Each option in one line, as the cited literature '
        "describes it"
        "</caption><thead><tr>"
        '<th scope="col">Technique</th><th scope="col">Role</th>'
        '<th scope="col">In one line</th><th scope="col">Newest evidence</th>'
        "</tr></thead><tbody>",
        *rows,
        "</tbody></table>",
    ]
    if doc.figures:
        body += [
            "<h2>Key figures</h2>",
            "<table><caption>As each source printed it; patients: the study's size</caption>"
            '<thead><tr><th scope="col">Option</th><th scope="col">Outcome</th>'
            '<th scope="col">Value</th><th scope="col">Patients</th>'
            '<th scope="col">Source</th></tr></thead><tbody>',
            *(
                f'<tr><th scope="row">{esc(k.option)}</th><td>{esc(k.row.outcome)}</td>'
                f"<td>{esc(k.row.value)}</td><td>{esc(k.row.patients)}</td>"
                f"<td>{esc(k.row.source.label)}</td></tr>"
                for k in doc.figures
            ),
            "</tbody></table>",
        ]
    refs = []
    for r in doc.references:
        # The NLM text prints the PMID and DOI; the links make them clickable on screen.
        links = " ".join(link_html(k.url, k.text) for k in r.links)
        refs.append(
            f'<li id="ref-{esc(r.key)}"><strong>{esc(r.label)}.</strong> {esc(r.text)}'
            + (f' <span class="links">{links}</span>' if links else "")
            + "</li>"
        )
    body += ["<h2>Key references</h2>", '<ol class="references">', *refs, "</ol>"]
    if doc.questions:
        body += ["<h2>Questions you may want to ask</h2>"]
        body += ["<ul>", *(f"<li>{esc(q)}</li>" for q in doc.questions), "</ul>"]
    body += [f'<p class="meta">{esc(_footnote(doc))}</p>', "</div>"]
    description = describe(f"{doc.title}. {doc.intro}")
    jsonld = medical_web_page(
        name=doc.title,
        description=description,
        language="en",
        site={"@type": "WebSite", "name": "sarcoma_local"},
        about=(condition(doc.site_name) if doc.site_name else condition(),),
        citations=doc.cited,
        reviewed=doc.reviewed or None,
    )
    return page_html(
        title=f"{doc.title} | sarcoma_local",
        description=description,
        body="\n".join(body),
        css=_CSS + css,
        head=script_html(jsonld),
    )


def render_markdown(doc: DoctorHandout) -> str:
    """The two-page handout as Markdown (every value escaped)."""
    out = [f"# {md(doc.title)}", "", f"> **Not medical advice.** {md(DISCLAIMER)}", ""]
    out += [md(doc.intro), "", "## The options", ""]
    out += ["| Technique | Role | In one line | Newest evidence |", "|---|---|---|---|"]
    out += [
        f"| {md(o.technique)} | {md(o.role)} | {md(o.line)} | {md(o.newest or '')} |"
        for o in doc.options
    ]
    out.append("")
    if doc.figures:
        out += ["## Key figures", ""]
        out += ["| Option | Outcome | Value | Patients | Source |", "|---|---|---|---|---|"]
        out += [
            f"| {md(k.option)} | {md(k.row.outcome)} | {md(k.row.value)} | "
            f"{md(k.row.patients)} | {md(k.row.source.label)} |"
            for k in doc.figures
        ]
        out.append("")
    out += ["## Key references", ""]
    for n, r in enumerate(doc.references, 1):
        out.append(f"{n}. **{md(r.label)}.** {md(r.text)}")
    out.append("")
    if doc.questions:
        out += ["## Questions you may want to ask", ""]
        out += [f"- {md(q)}" for q in doc.questions]
        out.append("")
    out += ["---", "", md(_footnote(doc)), "", md(DISCLAIMER), ""]
    return "\n".join(out)
