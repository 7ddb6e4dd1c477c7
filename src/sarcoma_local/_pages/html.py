"""HTML components of the human pages: escaping, the page shell, and the parts that the
handout and the web site share (disclaimer, option text, statement citations,
reference list, sections, tables).

Standard library only: the output is small and fixed, so a template engine would add
a dependency without adding safety. Every value goes through :func:`esc`; a function
that takes ``body`` or ``items`` takes HTML already built from escaped parts.

>>> esc('<a href="x">')
'&lt;a href=&quot;x&quot;&gt;'
>>> note_html("GIST possible & <more>")
'<p class="note">Note: GIST possible &amp; &lt;more&gt;</p>'
"""

from __future__ import annotations

import html
import string
from collections.abc import Callable, Iterable, Mapping, Sequence

from sarcoma_local._core.version import DATA_VERSION, DISCLAIMER, __version__
from sarcoma_local._pages.document import FIGURE_COLUMNS, OptionText, Ref, Reference

__all__ = [
    "CONTRAST_PAIRS",
    "CSS",
    "PALETTE",
    "Href",
    "describe",
    "disclaimer_html",
    "esc",
    "link_html",
    "list_html",
    "local_ref",
    "note_html",
    "option_body_html",
    "page_html",
    "references_html",
    "references_section",
    "section_html",
    "statement_refs_html",
    "table_html",
]

#: Colours of the pages. Every (foreground, background) pair in ``CONTRAST_PAIRS``
#: meets WCAG AA for body text (4.5:1); the tests compute the ratios.
PALETTE: Mapping[str, str] = {
    "text": "#1b1b1b",
    "muted": "#4a4a4a",
    "background": "#ffffff",
    "link": "#0b4f8a",
    "link_visited": "#5b2a86",
    "note_text": "#3d2a00",
    "note_bg": "#fff3d6",
    "note_border": "#8a5a00",
    "head_bg": "#e8eef5",
    "rule": "#767676",
    "focus": "#b35c00",
}
CONTRAST_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "background"),
    ("muted", "background"),
    ("link", "background"),
    ("link_visited", "background"),
    ("note_text", "note_bg"),
    ("link", "note_bg"),
    ("text", "head_bg"),
    ("link", "head_bg"),
    ("muted", "head_bg"),
)

#: The one stylesheet, inlined in every page (screen and print).
CSS = string.Template("""\
*,*::before,*::after{box-sizing:border-box}
html{font-size:100%}
body{margin:0;color:$text;background:$background;font-family:system-ui,-apple-system,"Segoe UI",\
Roboto,"Helvetica Neue",Arial,sans-serif;line-height:1.55}
.skip{position:absolute;left:-999px;top:0;background:$background;padding:.5rem;z-index:1}
.skip:focus{left:.5rem}
header,main,footer{max-width:48rem;margin:0 auto;padding:1rem 1.25rem}
header{border-bottom:1px solid $rule}
header .brand{margin:0;font-weight:700}
nav ul{list-style:none;margin:.5rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
footer{border-top:1px solid $rule;color:$muted;font-size:.9rem}
a{color:$link;text-underline-offset:.15em}
a:visited{color:$link_visited}
a:focus-visible{outline:3px solid $focus;outline-offset:2px}
h1{font-size:1.75rem;line-height:1.25;margin:1rem 0 .5rem}
h2{font-size:1.35rem;margin:2rem 0 .5rem;padding-top:.5rem;border-top:1px solid $rule}
h3{font-size:1.1rem;margin:1.25rem 0 .25rem}
.subtitle,.meta{color:$muted}
.note{color:$note_text;background:$note_bg;border-left:4px solid $note_border;padding:.6rem .9rem}
.note a{color:$link}
.role{font-weight:600}
.refs{white-space:normal}
ol.references li{margin-bottom:.75rem}
.reference .links a{margin-right:.75rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid $rule;padding:.3rem .5rem;text-align:left;vertical-align:top}
thead th{background:$head_bg}
td.num{text-align:right;font-variant-numeric:tabular-nums}
@media print{
  body{font-size:11pt;line-height:1.4}
  .skip,nav{display:none}
  header,main,footer{max-width:none;padding:0}
  a,a:visited{color:$text}
  .reference a[href^="https:"]::after{content:" <" attr(href) ">";font-size:.85em;\
word-break:break-all}
  h2,h3{break-after:avoid}
  li,tr,.note{break-inside:avoid}
  .note{border:1px solid $note_border}
}
""").substitute(PALETTE)

#: Scripts, frames, forms and every external load are refused; only inline CSS runs.
_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'"
)

Href = Callable[[str], str]
"""Maps a citation key to the href of its reference entry."""


def esc(value: object) -> str:
    """Escape any value for HTML text or a double- or single-quoted attribute."""
    return html.escape(str(value), quote=True)


def local_ref(key: str) -> str:
    """The fragment of a reference on the same page."""
    return f"#ref-{key}"


def link_html(href: str, text: str) -> str:
    """``<a href="href">text</a>``, both escaped."""
    return f'<a href="{esc(href)}">{esc(text)}</a>'


def list_html(items: Iterable[str]) -> str:
    """A bulleted list of trusted HTML items, one per line."""
    return "\n".join(["<ul>", *(f"<li>{item}</li>" for item in items), "</ul>"])


def section_html(anchor: str, heading: str, parts: Iterable[str]) -> str:
    """A ``<section>`` labelled by its ``<h2 id=anchor>``; ``parts`` are trusted HTML."""
    return "\n".join(
        [
            f'<section aria-labelledby="{esc(anchor)}">',
            f'<h2 id="{esc(anchor)}">{esc(heading)}</h2>',
            *parts,
            "</section>",
        ]
    )


def note_html(text: str) -> str:
    """A highlighted curation note."""
    return f'<p class="note">Note: {esc(text)}</p>'


def disclaimer_html() -> str:
    """The disclaimer as a highlighted note."""
    return f'<p class="note"><strong>Not medical advice.</strong> {esc(DISCLAIMER)}</p>'


def statement_refs_html(refs: Sequence[Ref], href: Href) -> str:
    """`` (<a>Chen 1998</a>; <a>Lang 2000</a>)`` for a statement's citations."""
    if not refs:
        return ""
    links = "; ".join(link_html(href(r.key), r.label) for r in refs)
    return f' <span class="refs">({links})</span>'


def option_body_html(option: OptionText, href: Href, heading_level: int) -> str:
    """Role, summary, cited statements and notes of one option (no heading of its own)."""
    h = f"h{heading_level}"
    out = [
        f'<p><span class="role">Role in the cited literature:</span> {esc(option.role)}</p>',
        f"<p>{esc(option.summary)}</p>",
    ]
    if option.statements:
        out.append(f"<{h}>What the cited articles report</{h}>")
        out.append(
            list_html(esc(s.text) + statement_refs_html(s.refs, href) for s in option.statements)
        )
    if option.figures:
        out.append(f"<{h}>Figures the sources printed</{h}>")
        out.append(_figures_html(option, href))
    if option.guidelines:
        out.append(f"<{h}>What the guidelines say</{h}>")
        out.append(list_html(esc(g) for g in option.guidelines))
    out += [note_html(note) for note in option.notes]
    if option.reviewed:
        out.append(f'<p class="meta">{esc(option.reviewed)}</p>')
    return "\n".join(out)


def _figures_html(option: OptionText, href: Href) -> str:
    """The figures table: outcome as the row header, the source cell a link to its reference."""
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in FIGURE_COLUMNS)
    body = [
        f'<tr><th scope="row">{esc(r.outcome)}</th><td>{esc(r.value)}</td>'
        f"<td>{esc(r.patients)}</td><td>{esc(r.level)}</td>"
        f"<td>{link_html(href(r.source.key), r.source.label)}</td></tr>"
        for r in option.figures
    ]
    caption = "As each source printed it; level: NCI PDQ level of evidence (3iii = case series)"
    return "\n".join(
        [
            "<table>",
            f"<caption>{esc(caption)}</caption>",
            f"<thead><tr>{head}</tr></thead>",
            "<tbody>",
            *body,
            "</tbody>",
            "</table>",
        ]
    )


def _reference_html(r: Reference) -> str:
    out = [
        f'<li class="reference" id="ref-{esc(r.key)}">',
        f"<strong>{esc(r.label)}.</strong> {esc(r.text)}",
        f'<br><span class="meta">{esc(r.evidence)}</span>',
    ]
    if r.summary:
        out.append(f"<br>{esc(r.summary)}")
    if r.links:
        anchors = " ".join(link_html(k.url, k.text) for k in r.links)
        out.append(f'<br><span class="links">{anchors}</span>')
    out += [f'<br><span class="meta">Note: {esc(note)}</span>' for note in r.notes]
    out.append("</li>")
    return "\n".join(out)


def references_html(refs: Sequence[Reference]) -> str:
    """A numbered reference list; each entry has the id ``ref-<key>`` and https links."""
    if not refs:
        return "<p>No citations.</p>"
    return "\n".join(['<ol class="references">', *map(_reference_html, refs), "</ol>"])


def references_section(refs: Sequence[Reference]) -> str:
    """The "References" section of a page."""
    return section_html("references", "References", [references_html(refs)])


def table_html(
    caption: str, columns: Sequence[str], rows: Iterable[Sequence[str]], *, table_id: str = ""
) -> str:
    """A data table: the first cell of each row is its header, the others are numbers.

    ``columns`` names every column (the row-header column first); cells are text;
    ``table_id`` gives the table an id (a chart beside it points there).
    """
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in columns)
    body = [
        f'<tr><th scope="row">{esc(first)}</th>'
        + "".join(f'<td class="num">{esc(cell)}</td>' for cell in cells)
        + "</tr>"
        for first, *cells in rows
    ]
    return "\n".join(
        [
            f'<table id="{esc(table_id)}">' if table_id else "<table>",
            f"<caption>{esc(caption)}</caption>",
            f"<thead><tr>{head}</tr></thead>",
            "<tbody>",
            *body,
            "</tbody>",
            "</table>",
        ]
    )


def describe(text: str, limit: int = 158) -> str:
    """``text`` cut at a word boundary to fit a meta description."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


def _header(nav: Sequence[tuple[str, str]], brand_href: str | None) -> str:
    brand = "sarcoma_local"
    brand_html = f'<a href="{esc(brand_href)}">{brand}</a>' if brand_href else brand
    nav_html = ""
    if nav:
        items = "".join(f"<li>{link_html(h, t)}</li>" for t, h in nav)
        nav_html = f'\n<nav aria-label="Main"><ul>{items}</ul></nav>'
    return f'<header>\n<p class="brand">{brand_html}</p>{nav_html}\n</header>'


def page_html(
    *,
    title: str,
    description: str,
    body: str,
    nav: Sequence[tuple[str, str]] = (),
    brand_href: str | None = None,
) -> str:
    """A complete, self-contained HTML page: header (with ``nav``), main, footer.

    ``body`` is trusted HTML built from escaped parts; ``title``, ``description`` and
    the nav entries (text, href) are escaped here. The footer carries the data version
    and the disclaimer. A Content-Security-Policy forbids scripts and every external load.
    """
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="referrer" content="no-referrer">
<title>{esc(title)}</title>
<meta name="description" content="{esc(description)}">
<meta name="generator" content="sarcoma_local {esc(__version__)}, data {esc(DATA_VERSION)}">
<link rel="icon" href="data:,">
<style>
{CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
{_header(nav, brand_href)}
<main id="main">
{body}
</main>
<footer>
<p>Data version {esc(DATA_VERSION)}; sarcoma_local {esc(__version__)}.</p>
<p>{esc(DISCLAIMER)}</p>
</footer>
</body>
</html>
"""
