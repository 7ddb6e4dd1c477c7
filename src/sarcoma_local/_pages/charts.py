"""Bar charts as inline, accessible SVG: a Vega-Lite spec compiled in-process by
vl-convert (the optional ``charts`` extra: ``pip install 'sarcoma-local[charts]'``).

Why vl-convert: Vega-Lite is a well-kept declarative grammar, so a chart is a small
dict rather than drawing code; vl-convert renders it to SVG inside the Python process
(no browser, no Node, no network), and the same spec gives the same bytes. Its ARIA
output is turned off and stripped: each chart carries our own ``role="img"``,
``<title>`` and ``<desc>``, and the numbers stay in a table beside it.

>>> spec = bar_spec([Bar("A", 40.0, 30.0, 50.0)], axis_title="Percent", domain=(0, 100))
>>> spec["layer"][1]["mark"]["type"], spec["data"]["values"][0]["low"]
('rule', 30.0)
"""

from __future__ import annotations

import concurrent.futures
import functools
import json
import os
import re
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from sarcoma_local._pages.html import PALETTE, esc

__all__ = [
    "CHARTS_INSTALL",
    "Bar",
    "ChartsUnavailableError",
    "bar_spec",
    "chart_figure_html",
    "charts_available",
    "prefetch",
    "render_svg",
    "use_charts",
]

#: The command that installs the chart renderer.
CHARTS_INSTALL = "pip install 'sarcoma-local[charts]'"

#: Colours of the chart. Text is the page text (4.5:1 on white); the bars a mid blue that
#: stands 3:1 from white (WCAG 1.4.11) with the dark interval line 3:1 from the bars;
#: tests/web/test_charts.py checks each pair and the text of a rendered chart.
CHART_COLOURS = {
    "text": PALETTE["text"],
    "bar": "#5b8fc7",
    "interval": PALETTE["text"],
    "axis": PALETTE["rule"],
    "grid": "#dddddd",
    "background": PALETTE["background"],
}

_STEP = 24  # pixels per bar
_WIDTH = 360  # pixels of the plot area; labels add their own width


class ChartsUnavailableError(ImportError):
    """Charts were asked for, but vl-convert (the ``charts`` extra) is not installed."""


@attrs.frozen
class Bar:
    """One bar: its axis label (unique within a chart), its value and an optional interval."""

    label: str
    value: float
    low: float | None = None
    high: float | None = None


def _vl_convert() -> Any:
    """The vl_convert module, or None when the extra is not installed."""
    try:
        import vl_convert
    except ImportError:
        return None
    return vl_convert


def charts_available() -> bool:
    """Whether charts can be drawn here (vl-convert-python is importable)."""
    return _vl_convert() is not None


def use_charts(charts: bool | None) -> bool:
    """Resolve a ``charts=`` argument: None means "when available"; True insists.

    Raises :class:`ChartsUnavailableError` (an ImportError) for True without the extra.
    """
    if charts is None:
        return charts_available()
    if charts and not charts_available():
        raise ChartsUnavailableError(
            "charts=True needs the chart renderer vl-convert-python, which is not "
            f"installed: {CHARTS_INSTALL} (or build without charts: charts=False)"
        )
    return bool(charts)


def bar_spec(
    bars: Sequence[Bar],
    *,
    axis_title: str,
    domain: tuple[float, float] | None = None,
) -> dict[str, Any]:
    """A Vega-Lite spec of horizontal bars in the given order, with interval rules."""
    colours = CHART_COLOURS
    values = [{"label": b.label, "value": b.value, "low": b.low, "high": b.high} for b in bars]
    x: dict[str, Any] = {"field": "value", "type": "quantitative", "title": axis_title}
    if domain is not None:
        x["scale"] = {"domain": list(domain), "nice": False}
    y = {"field": "label", "type": "nominal", "sort": None, "title": None}
    layers: list[dict[str, Any]] = [
        {"mark": {"type": "bar", "color": colours["bar"]}, "encoding": {"y": y, "x": x}},
    ]
    if any(b.low is not None and b.high is not None for b in bars):
        layers.append(
            {
                "transform": [{"filter": "isValid(datum.low) && isValid(datum.high)"}],
                "mark": {"type": "rule", "color": colours["interval"], "strokeWidth": 2},
                "encoding": {
                    "y": y,
                    "x": {"field": "low", "type": "quantitative"},
                    "x2": {"field": "high"},
                },
            }
        )
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "width": _WIDTH,
        "height": {"step": _STEP},
        "background": colours["background"],
        "data": {"values": values},
        "layer": layers,
        "config": {
            "aria": False,
            # A generic family, so the output depends as little as possible on fonts.
            "font": "sans-serif",
            "view": {"stroke": None},
            "axis": {
                "labelColor": colours["text"],
                "titleColor": colours["text"],
                "labelFontSize": 12,
                "titleFontSize": 12,
                "titleFontWeight": "normal",
                "labelLimit": 0,
                "domainColor": colours["axis"],
                "tickColor": colours["axis"],
                "gridColor": colours["grid"],
            },
        },
    }


@functools.lru_cache(maxsize=512)
def _compile(spec_json: str) -> str:
    # One compile per distinct spec per process: a build and a rebuild share them.
    vlc = _vl_convert()
    if vlc is None:
        raise ChartsUnavailableError(f"drawing a chart needs vl-convert-python: {CHARTS_INSTALL}")
    return str(vlc.vegalite_to_svg(json.loads(spec_json)))


def prefetch(specs: Iterable[dict[str, Any]]) -> None:
    """Compile ``specs`` side by side, so the pages find their SVG ready.

    Each SVG depends only on its spec, so drawing them on threads changes no byte;
    a site build on two cores takes about half the time.
    """
    todo = list(dict.fromkeys(json.dumps(spec, sort_keys=True) for spec in specs))
    if len(todo) < 2:
        return
    _compile(todo[0])  # the first call starts the renderer; the others then share it
    with concurrent.futures.ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 1)) as pool:
        list(pool.map(_compile, todo[1:]))


# Vega's own roles, ARIA attributes and classes: our <svg role="img"> speaks for the chart.
_VEGA_ATTRIBUTES = re.compile(r'\s(?:role|aria-[a-z]+|class)="[^"]*"')
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_SIZE = re.compile(r'\s(width|height|viewBox)="([^"]*)"')


def render_svg(spec: dict[str, Any], *, chart_id: str, title: str, description: str) -> str:
    """The chart as inline SVG: ``role="img"`` labelled by its own title and description."""
    svg = _VEGA_ATTRIBUTES.sub("", _compile(json.dumps(spec, sort_keys=True)))
    opening = _SVG_OPEN.search(svg)
    if opening is None:  # pragma: no cover - vl-convert always writes an <svg> element
        raise ValueError("the chart renderer returned no <svg> element")
    size = " ".join(f'{k}="{v}"' for k, v in _SIZE.findall(opening.group(0)))
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" {size} role="img" '
        f'aria-labelledby="{esc(chart_id)}-title {esc(chart_id)}-desc" '
        'style="max-width:100%;height:auto">'
        f'<title id="{esc(chart_id)}-title">{esc(title)}</title>'
        f'<desc id="{esc(chart_id)}-desc">{esc(description)}</desc>'
    )
    return head + svg[opening.end() :]


def chart_figure_html(
    *,
    chart_id: str,
    caption: str,
    description: str,
    spec: dict[str, Any],
    numbers_id: str,
) -> str:
    """``<figure>``: the caption, the SVG, and a link to the table that holds its numbers."""
    svg = render_svg(spec, chart_id=chart_id, title=caption, description=description)
    return "\n".join(
        [
            f'<figure id="{esc(chart_id)}" aria-details="{esc(numbers_id)}" style="margin:1rem 0">',
            f"<figcaption>{esc(caption)}</figcaption>",
            svg,
            f'<p class="meta"><a href="#{esc(numbers_id)}">The numbers behind this chart, '
            "as a table</a></p>",
            "</figure>",
        ]
    )
