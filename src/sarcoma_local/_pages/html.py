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
import re
from collections.abc import Callable, Iterable, Sequence

from sarcoma_local._core.version import DATA_VERSION, DISCLAIMER, __version__
from sarcoma_local._pages.branding import Branding
from sarcoma_local._pages.document import FIGURE_COLUMNS, OptionText, Ref, Reference
from sarcoma_local._pages.style import CONTRAST_PAIRS, CSS, PALETTE, PAPERS, paper_css

__all__ = [
    "CONTRAST_PAIRS",
    "CSS",
    "PALETTE",
    "PAPERS",
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
    "paper_css",
    "plain_html",
    "reference_keys",
    "references_html",
    "references_section",
    "section_html",
    "statement_refs_html",
    "table_html",
]

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


def plain_html(
    texts: Sequence[str],
    questions: Sequence[str],
    heading_level: int,
    words: Callable[[str], str] = esc,
) -> str:
    """A patient's block: paragraphs in plain words and the questions to ask, if any.

    ``words`` escapes the patient text (the glossary linker passes its own).
    """
    h = f"h{heading_level}"
    out = [f'<div class="plain"><{h}>In plain words</{h}>']
    out += [f"<p>{words(text)}</p>" for text in texts if text]
    if questions:
        out.append(f"<{h}>Questions you may want to ask your team</{h}>")
        out.append(list_html(words(q) for q in questions))
    out.append("</div>")
    return "\n".join(out)


def option_body_html(
    option: OptionText,
    href: Href,
    heading_level: int,
    *,
    words: Callable[[str], str] | None = None,
    summary: bool = True,
) -> str:
    """Role, plain words, summary, cited statements and notes of one option (no heading
    of its own). ``words`` escapes the plain-words text (a page's glossary linker);
    ``summary=False`` leaves the professional summary out."""
    h = f"h{heading_level}"
    out = [f'<p><span class="role">Role in the cited literature:</span> {esc(option.role)}</p>']
    if option.plain:
        texts = (option.about, option.plain)
        out.append(plain_html(texts, option.questions, heading_level, words or esc))
    if summary:
        if option.plain:
            out.append(f"<{h}>For professionals</{h}>")
        out.append(f"<p>{esc(option.summary)}</p>")
    if option.statements:
        out.append(f"<{h}>What the cited articles report</{h}>")
        out.append(
            list_html(
                _finding_html(s.finding) + esc(s.text) + statement_refs_html(s.refs, href)
                for s in option.statements
            )
        )
    if option.more:
        out.append(f'<p class="meta">{esc(option.more)}</p>')
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


def _finding_html(finding: str) -> str:
    # Negative and harm findings are marked in words, not by colour alone.
    return f'<strong class="finding">{esc(finding)}:</strong> ' if finding else ""


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


# The opening of one reference entry, as _reference_html writes it.
_REFERENCE_ENTRY = re.compile(r'<li class="reference" id="ref-([^"]+)">')


def reference_keys(body: str) -> tuple[str, ...]:
    """The citation keys of the reference entries in ``body``, in list order.

    >>> reference_keys(references_html([]))
    ()
    """
    return tuple(dict.fromkeys(html.unescape(k) for k in _REFERENCE_ENTRY.findall(body)))


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


def _header(nav: Sequence[tuple[str, str]], brand_href: str | None, branding: Branding) -> str:
    # A logo stands for the title: it carries the title as its alternative text.
    if branding.logo_uri:
        brand = f'<img src="{esc(branding.logo_uri)}" alt="{esc(branding.title)}">'
    else:
        brand = esc(branding.title)
    brand_html = f'<a href="{esc(brand_href)}">{brand}</a>' if brand_href else brand
    nav_html = ""
    if nav:
        items = "".join(f"<li>{link_html(h, t)}</li>" for t, h in nav)
        nav_html = f'\n<nav aria-label="Main"><ul>{items}</ul></nav>'
    return f'<header>\n<p class="brand">{brand_html}</p>{nav_html}\n</header>'


def _footer(branding: Branding) -> str:
    extra = f"<p>{esc(branding.footer)}</p>\n" if branding.footer.strip() else ""
    return (
        f"<footer>\n{extra}"
        f"<p>Data version {esc(DATA_VERSION)}; sarcoma_local {esc(__version__)}.</p>\n"
        f"<p>{esc(DISCLAIMER)}</p>\n</footer>"
    )


_DEFAULT_BRANDING = Branding()


def page_html(
    *,
    title: str,
    description: str,
    body: str,
    nav: Sequence[tuple[str, str]] = (),
    brand_href: str | None = None,
    css: str = "",
    branding: Branding = _DEFAULT_BRANDING,
    head: str = "",
) -> str:
    """A complete, self-contained HTML page: header (with ``nav``), main, footer.

    ``body`` and ``head`` (extra elements for the head, such as a canonical link or
    JSON-LD) are trusted HTML built from escaped parts; ``title``, ``description`` and
    the nav entries (text, href) are escaped here; ``css`` (trusted) is added to the
    stylesheet (a handout's page size). ``branding`` names the header (title or logo),
    the language and any extra footer text; the footer always carries the data version
    and the disclaimer. A Content-Security-Policy forbids scripts and every external
    load (JSON-LD is data, not a script, and runs nowhere).
    """
    extra_head = f"{head}\n" if head else ""
    return f"""<!DOCTYPE html>
<html lang="{esc(branding.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="referrer" content="no-referrer">
<title>{esc(title)}</title>
<meta name="description" content="{esc(description)}">
<meta name="generator" content="sarcoma_local {esc(__version__)}, data {esc(DATA_VERSION)}">
<link rel="icon" href="data:,">
{extra_head}<style>
{CSS}{css}</style>
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
{_header(nav, brand_href, branding)}
<main id="main">
{body}
</main>
{_footer(branding)}
</body>
</html>
"""
