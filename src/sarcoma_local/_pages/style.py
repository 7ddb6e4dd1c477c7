"""The look of every human page: the colour palette (WCAG AA contrast, tested), the one
inlined stylesheet, and the print page sizes of the handouts.

>>> paper_css("letter")
'@page{size:letter;margin:14mm 14mm 16mm}\\n'
"""

from __future__ import annotations

import string
from collections.abc import Mapping

__all__ = ["CONTRAST_PAIRS", "CSS", "PALETTE", "PAPERS", "paper_css"]

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
header .brand img{display:block;max-height:3rem;max-width:100%;width:auto}
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
.plain{border-left:4px solid $head_bg;padding:0 0 0 .9rem;margin:.75rem 0}
.plain h3,.plain h4{margin-top:.5rem}
dl.glossary dt{font-weight:700;margin-top:.75rem}
dl.glossary dd{margin:0 0 0 1.25rem}
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

#: Print page sizes a handout can be laid out for (CSS ``@page`` size names).
PAPERS: Mapping[str, str] = {"a4": "A4", "letter": "letter"}


def paper_css(paper: str) -> str:
    """The ``@page`` rule for ``paper`` ("a4" or "letter"); a ValueError names the choices."""
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {tuple(PAPERS)}, not {str(paper)[:40]!r}")
    return f"@page{{size:{PAPERS[paper]};margin:14mm 14mm 16mm}}\n"
