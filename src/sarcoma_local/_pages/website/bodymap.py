"""The body map of the home page: a hand-drawn inline SVG outline of a body, with a
marked, labelled link for each metastatic site that has a page, and the same links as
a plain list beside it.

Hand-made on purpose (a body outline is a picture, not a data chart): no renderer is
needed, so the map is there with or without the ``charts`` extra. The figure faces the
reader, so the liver sits on the reader's left. The links in the picture use
``xlink:href``, which every browser follows; the list beside the map holds the same links
as plain HTML (the one a screen reader or a link checker reads).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import attrs

from sarcoma_local._data.vocabulary import Site
from sarcoma_local._pages.html import PALETTE, esc, link_html

__all__ = ["body_map_html"]

_OUTLINE = (
    '<circle cx="280" cy="52" r="32"/>'
    '<path d="M268,82 L292,82 L292,100 L268,100 Z"/>'
    '<path d="M232,100 Q280,92 328,100 L344,118 L338,200 L332,292 L228,292 L222,200 '
    'L216,118 Z"/>'
    '<path d="M216,118 L190,210 L176,300 L194,303 L208,216 L226,160 Z"/>'
    '<path d="M344,118 L370,210 L384,300 L366,303 L352,216 L334,160 Z"/>'
    '<path d="M230,292 L226,400 L228,502 L254,502 L258,400 L278,300 Z"/>'
    '<path d="M330,292 L334,400 L332,502 L306,502 L302,400 L282,300 Z"/>'
)


@attrs.frozen
class _Place:
    """Where a site is drawn: its marker shapes, the label's side and height, the
    leader line's end."""

    shapes: str
    side: str  # "left" or "right" of the body
    y: int
    to: tuple[int, int]


_PLACES: dict[str, _Place] = {
    "brain": _Place('<ellipse cx="280" cy="48" rx="18" ry="14"/>', "left", 50, (262, 50)),
    "lymph-nodes": _Place(
        "".join(
            f'<circle cx="{x}" cy="{y}" r="5"/>'
            for x, y in ((270, 94), (290, 94), (228, 124), (332, 124), (252, 286), (308, 286))
        ),
        "left",
        104,
        (223, 124),
    ),
    "lung": _Place(
        '<ellipse cx="256" cy="150" rx="14" ry="28"/><ellipse cx="306" cy="150" rx="14" ry="28"/>',
        "left",
        148,
        (242, 150),
    ),
    "soft-tissue": _Place('<ellipse cx="202" cy="186" rx="7" ry="18"/>', "left", 196, (195, 192)),
    "liver": _Place('<ellipse cx="266" cy="214" rx="30" ry="12"/>', "left", 236, (238, 218)),
    "bone": _Place(
        '<path d="M244,318 L240,396" stroke-width="7" stroke-linecap="round"/>',
        "left",
        356,
        (240, 356),
    ),
    "heart": _Place('<circle cx="285" cy="176" r="9"/>', "right", 150, (293, 172)),
    "liver-and-lung": _Place(
        '<path d="M300,186 L308,194 L300,202 L292,194 Z"/>', "right", 196, (308, 194)
    ),
    "pancreas": _Place('<ellipse cx="294" cy="234" rx="16" ry="6"/>', "right", 232, (310, 234)),
    "retroperitoneum": _Place(
        '<ellipse cx="324" cy="250" rx="6" ry="14" stroke-dasharray="3 2"/>',
        "right",
        264,
        (330, 252),
    ),
    "peritoneum": _Place('<ellipse cx="280" cy="266" rx="30" ry="12"/>', "right", 296, (302, 272)),
    "limb": _Place('<ellipse cx="318" cy="440" rx="11" ry="44"/>', "right", 440, (329, 440)),
}

_LEFT_X, _RIGHT_X = 170, 390


def _region(s: Site, place: _Place, href: str) -> str:
    left = place.side == "left"
    x = _LEFT_X if left else _RIGHT_X
    anchor = "end" if left else "start"
    return (
        f'<a xlink:href="{esc(href)}">'
        f'<g fill="#dbe7f5" stroke="{PALETTE["link"]}" stroke-width="2">{place.shapes}</g>'
        f'<line x1="{x + (4 if left else -4)}" y1="{place.y - 4}" x2="{place.to[0]}" '
        f'y2="{place.to[1]}" stroke="{PALETTE["link"]}" stroke-width="1"/>'
        f'<text x="{x}" y="{place.y}" text-anchor="{anchor}" fill="{PALETTE["link"]}" '
        f'font-size="16" text-decoration="underline">{esc(s.name)}</text>'
        "</a>"
    )


def body_map_html(sites: Sequence[Site], href: Callable[[str], str]) -> str:
    """The map (each site with a place a link) and, beside it, every site as a list."""
    drawn = [s for s in sites if s.key in _PLACES]
    regions = "".join(_region(s, _PLACES[s.key], href(s.key)) for s in drawn)
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'viewBox="0 0 620 520" width="620" '
        'height="520" role="group" aria-labelledby="bodymap-title" '
        'style="max-width:100%;height:auto" font-family="sans-serif">'
        '<title id="bodymap-title">Outline of a body with the metastatic sites marked; '
        "each label links to the site's page</title>"
        f'<g fill="#f2f2f2" stroke="{PALETTE["rule"]}" stroke-width="2">{_OUTLINE}</g>'
        f"{regions}</svg>"
    )
    items = "".join(f"<li>{link_html(href(s.key), s.name)}</li>" for s in sites)
    return "\n".join(
        [
            '<div style="display:flex;flex-wrap:wrap;gap:0 2rem;align-items:flex-start">',
            '<figure style="margin:0;flex:1 1 30rem">',
            '<figcaption id="bodymap-caption">Where the metastases are: choose a site on '
            "the body or in the list</figcaption>",
            svg,
            "</figure>",
            '<nav aria-label="Sites on the body map" style="flex:0 1 10rem">',
            # A plain vertical list (the header's nav lists run across; this one should not).
            f'<ul style="display:block;list-style:disc;padding-left:1.25rem">{items}</ul>',
            "</nav>",
            "</div>",
        ]
    )
