"""Printable handouts: a site's local-treatment options (or one technique there) with the
cited evidence, the data version and the disclaimer, as Markdown or as one HTML page.

>>> text = handout("liver", technique="RFA")
>>> text.splitlines()[0]
'# Liver: Radiofrequency ablation (RFA)'
>>> "DOI 10.1007/s00464-005-0236-0: <https://doi.org/10.1007/s00464-005-0236-0>" in text
True
>>> f"Data version {DATA_VERSION}" in text and "not medical advice" in text
True

The HTML is self-contained (inline CSS with a print stylesheet, no scripts, no
external requests), uses landmarks and ordered headings, and escapes every value it
inserts. The helpers here also build the pages of :func:`sarcoma_local.build_site`.
Standard library only: the output is small and fixed, so a template engine would
add a dependency without adding safety (every insertion goes through :func:`_e`).
"""

from __future__ import annotations

import html
import string
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from sarcoma_local._core.version import DATA_VERSION, DISCLAIMER, __version__
from sarcoma_local._render.citations import catalogue_labels, format_citation
from sarcoma_local._render.labels import label, meaning, role_text, shown_flags
from sarcoma_local._render.links import citation_links

if TYPE_CHECKING:
    from sarcoma_local._data.models import Citation, Option, Site, Technique

__all__ = ["handout"]

FORMATS = ("markdown", "html")

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

_CSS = string.Template("""\
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


def _e(value: object) -> str:
    """Escape any value for HTML text or a double- or single-quoted attribute."""
    return html.escape(str(value), quote=True)


# --- citations ------------------------------------------------------------------------


def _evidence_line(c: Citation) -> str:
    return f"{label(c.study_type)}; {meaning(c.population)}."


# --- HTML building blocks (shared with the site generator) ------------------------------

Href = Callable[[str], str]
"""Maps a citation key to the href of its reference entry."""


def local_ref(key: str) -> str:
    """The fragment of a reference on the same page."""
    return f"#ref-{key}"


def statement_refs_html(keys: Sequence[str], labels: Mapping[str, str], href: Href) -> str:
    """``(<a>Chen 1998</a>; <a>Lang 2000</a>)`` for a statement's citation keys."""
    if not keys:
        return ""
    links = "; ".join(f'<a href="{_e(href(k))}">{_e(labels.get(k, k))}</a>' for k in keys)
    return f' <span class="refs">({links})</span>'


def option_body_html(
    option: Option,
    labels: Mapping[str, str],
    href: Href,
    heading_level: int,
) -> str:
    """Role, summary, cited statements and notes of one option (no heading of its own)."""
    out = [
        f'<p><span class="role">Role in the cited literature:</span> '
        f"{_e(role_text(option.role))}</p>",
        f"<p>{_e(option.summary)}</p>",
    ]
    if option.statements:
        out.append(f"<h{heading_level}>What the cited articles report</h{heading_level}>")
        out.append("<ul>")
        for s in option.statements:
            out.append(f"<li>{_e(s.text)}{statement_refs_html(s.citations, labels, href)}</li>")
        out.append("</ul>")
    for flag in shown_flags(option.flags):
        out.append(f'<p class="note">Note: {_e(meaning(flag))}</p>')
    return "\n".join(out)


def references_html(cites: Sequence[Citation], labels: Mapping[str, str]) -> str:
    """A numbered reference list; each entry has the id ``ref-<key>`` and https links."""
    if not cites:
        return "<p>No citations.</p>"
    out = ['<ol class="references">']
    for c in cites:
        out.append(f'<li class="reference" id="ref-{_e(c.key)}">')
        out.append(
            f"<strong>{_e(labels.get(c.key, c.key))}.</strong> {_e(format_citation(c, 'nlm'))}"
        )
        out.append(f'<br><span class="meta">{_e(_evidence_line(c))}</span>')
        if c.summary:
            out.append(f"<br>{_e(c.summary)}")
        links = citation_links(c)
        if links:
            anchors = " ".join(f'<a href="{_e(k.url)}">{_e(k.text)}</a>' for k in links)
            out.append(f'<br><span class="links">{anchors}</span>')
        for flag in shown_flags(c.flags):
            out.append(f'<br><span class="meta">Note: {_e(meaning(flag))}</span>')
        out.append("</li>")
    out.append("</ol>")
    return "\n".join(out)


def disclaimer_html() -> str:
    """The disclaimer as a highlighted note."""
    return f'<p class="note"><strong>Not medical advice.</strong> {_e(DISCLAIMER)}</p>'


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
    the nav entries are escaped here. The footer carries the data version and the
    disclaimer. A Content-Security-Policy forbids scripts and every external load.
    """
    brand = "sarcoma_local"
    brand_html = f'<a href="{_e(brand_href)}">{brand}</a>' if brand_href else brand
    nav_html = ""
    if nav:
        items = "".join(f'<li><a href="{_e(h)}">{_e(t)}</a></li>' for t, h in nav)
        nav_html = f'\n<nav aria-label="Main"><ul>{items}</ul></nav>'
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; \
style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>{_e(title)}</title>
<meta name="description" content="{_e(description)}">
<meta name="generator" content="sarcoma_local {_e(__version__)}, data {_e(DATA_VERSION)}">
<link rel="icon" href="data:,">
<style>
{_CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header>
<p class="brand">{brand_html}</p>{nav_html}
</header>
<main id="main">
{body}
</main>
<footer>
<p>Data version {_e(DATA_VERSION)}; sarcoma_local {_e(__version__)}.</p>
<p>{_e(DISCLAIMER)}</p>
</footer>
</body>
</html>
"""


def describe(text: str, limit: int = 158) -> str:
    """``text`` cut at a word boundary to fit a meta description."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "\u2026"


# --- Markdown -----------------------------------------------------------------------

_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>&|#"})


def md(value: object) -> str:
    """Escape text for Markdown, so data can never become markup or raw HTML."""
    return str(value).translate(_MD_SPECIAL)


def _md_url(url: str) -> str:
    # Angle brackets let a destination hold parentheses (DOIs often do).
    return f"<{url}>"


# --- the handout ----------------------------------------------------------------------


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
        raise ValueError(f"format must be one of {FORMATS}, not {format!r}")
    from sarcoma_local._data.queries import citation, option, options
    from sarcoma_local._data.queries import site as get_site
    from sarcoma_local._data.queries import technique as get_technique

    s = get_site(site)
    opts = options(s.key) if technique is None else (option(s.key, technique),)
    techs = {o.technique: get_technique(o.technique) for o in opts}
    keys = dict.fromkeys(k for o in opts for k in o.citation_keys)
    cites = [citation(k) for k in keys]
    focus = techs[opts[0].technique] if technique is not None else None
    render = render_html if format == "html" else render_markdown
    return render(s, opts, techs, cites, catalogue_labels(), focus)


def _title(site: Site, focus: Technique | None) -> str:
    if focus is not None:
        return f"{site.name}: {focus.name}"
    return f"{site.name}: local-treatment options"


_SUBTITLE = (
    "Local treatment of metastatic soft-tissue sarcoma: the options and the published evidence"
)


def render_html(
    site: Site,
    opts: Sequence[Option],
    techs: Mapping[str, Technique],
    cites: Sequence[Citation],
    labels: Mapping[str, str],
    focus: Technique | None = None,
) -> str:
    """The HTML handout for already looked-up records (see :func:`handout`)."""
    title = _title(site, focus)
    body = [f"<h1>{_e(title)}</h1>", f'<p class="subtitle">{_e(_SUBTITLE)}</p>']
    body.append(disclaimer_html())
    if site.description:
        body.append(f"<p>{_e(site.description)}</p>")
    for o in opts:
        tech = techs[o.technique]
        if focus is None:
            body.append(f'<section aria-labelledby="opt-{_e(o.technique)}">')
            body.append(f'<h2 id="opt-{_e(o.technique)}">{_e(tech.name)}</h2>')
        else:
            body.append('<section aria-labelledby="about">')
            body.append('<h2 id="about">About this option</h2>')
        if tech.summary:
            body.append(f"<p>{_e(tech.summary)}</p>")
        body.append(option_body_html(o, labels, local_ref, heading_level=3))
        body.append("</section>")
    body.append('<section aria-labelledby="references">')
    body.append('<h2 id="references">References</h2>')
    body.append(references_html(cites, labels))
    body.append("</section>")
    description = describe(
        f"{title}. {_SUBTITLE}, with {len(cites)} cited articles. Data version {DATA_VERSION}."
    )
    return page_html(
        title=f"{title} | sarcoma_local", description=description, body="\n".join(body)
    )


def render_markdown(
    site: Site,
    opts: Sequence[Option],
    techs: Mapping[str, Technique],
    cites: Sequence[Citation],
    labels: Mapping[str, str],
    focus: Technique | None = None,
) -> str:
    """The Markdown handout for already looked-up records (see :func:`handout`)."""
    out = [f"# {md(_title(site, focus))}", "", f"*{md(_SUBTITLE)}*", ""]
    out += [f"> **Not medical advice.** {md(DISCLAIMER)}", ""]
    if site.description:
        out += [md(site.description), ""]
    for o in opts:
        tech = techs[o.technique]
        out += [f"## {md(tech.name if focus is None else 'About this option')}", ""]
        if tech.summary:
            out += [md(tech.summary), ""]
        out += [f"**Role in the cited literature:** {md(role_text(o.role))}", ""]
        out += [md(o.summary), ""]
        if o.statements:
            out += ["### What the cited articles report", ""]
            for s in o.statements:
                refs = "; ".join(md(labels.get(k, k)) for k in s.citations)
                out.append(f"- {md(s.text)}" + (f" ({refs})" if refs else ""))
            out.append("")
        out += [f"*Note: {md(meaning(flag))}*\n" for flag in shown_flags(o.flags)]
    out += ["## References", ""]
    for i, c in enumerate(cites, 1):
        # Blank-line-separated, indented paragraphs stay inside the list item.
        out += [f"{i}. **{md(labels.get(c.key, c.key))}.** {md(format_citation(c, 'nlm'))}", ""]
        out += [f"   {md(_evidence_line(c))}", ""]
        if c.summary:
            out += [f"   {md(c.summary)}", ""]
        links = citation_links(c)
        if links:
            out += ["   " + " · ".join(f"{md(k.text)}: {_md_url(k.url)}" for k in links), ""]
        out += [f"   *Note: {md(meaning(f))}*\n" for f in shown_flags(c.flags)]
    out += ["---", "", f"Data version {DATA_VERSION}; sarcoma\\_local {md(__version__)}.", ""]
    out += [md(DISCLAIMER), ""]
    return "\n".join(out)
