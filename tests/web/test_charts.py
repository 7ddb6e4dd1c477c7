"""The site's pictures: a bar chart per recurrence table (95% Wilson intervals), outcome
charts for options with comparable figures, the body map, and the site without charts.

Charts need the optional ``charts`` extra (vl-convert-python, part of ``dev``); the
compiled SVG is cached per spec, so these tests render each chart once.
"""

from __future__ import annotations

import html
import json
import re
import sys
from collections.abc import Mapping

import pytest

import sarcoma_local as sl
from sarcoma_local._data.evidence import Figure, Measure, Statistic, TimePoint, Unit
from sarcoma_local._data.models import Option, Role, Statement
from sarcoma_local._data.stats import wilson_interval
from sarcoma_local._pages import charts
from sarcoma_local._pages.charts import CHART_COLOURS, Bar, bar_spec
from sarcoma_local._pages.website import render_site
from sarcoma_local._pages.website.option_charts import outcome_charts
from sarcoma_local._pages.website.recurrence_page import recurrence_bars

pytest.importorskip("vl_convert", reason="charts need the charts extra")

SVG = re.compile(r"<svg\b.*?</svg>", re.S)


@pytest.fixture(scope="module")
def site() -> Mapping[str, str]:
    return render_site(charts=True)


@pytest.fixture
def no_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if vl-convert-python were not installed: importing it fails."""
    monkeypatch.setitem(sys.modules, "vl_convert", None)


def _figure(page: str, chart_id: str) -> str:
    match = re.search(rf'<figure id="{re.escape(chart_id)}".*?</figure>', page, re.S)
    assert match is not None, chart_id
    return match.group(0)


def _luminance(colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _figure_of(value: float, citation: str, time: TimePoint | None = None) -> Figure:
    return Figure(
        measure=Measure.OVERALL_SURVIVAL,
        statistic=Statistic.PROPORTION,
        citation=citation,
        verified_at="https://example.org/",
        value=value,
        unit=Unit.PERCENT,
        time_point=time,
    )


def _option(*figures: Figure) -> Option:
    statement = Statement(text="x", citations=("a",), figures=figures)
    return Option("liver", "resection", Role.STANDARD, "", "", statements=(statement,))


def test_every_recurrence_table_has_a_chart_linked_to_its_numbers_table(
    site: Mapping[str, str],
) -> None:
    page = site["recurrence.html"]
    for t in sl.recurrence_tables():
        figure = _figure(page, f"chart-{t.key}")
        assert f'href="#numbers-{t.key}"' in figure
        assert f'<table id="numbers-{t.key}">' in page


def test_every_recurrence_table_has_at_least_one_bar() -> None:
    assert [t.key for t in sl.recurrence_tables() if not recurrence_bars(t)] == []


def test_recurrence_bars_carry_the_wilson_interval_of_their_counts() -> None:
    table = next(
        t for t in sl.recurrence_tables() if t.key == "potter-1985-recurrence-by-primary-site"
    )
    low, high = wilson_interval(65, 211)
    assert recurrence_bars(table)[0] == Bar(
        "Extremity (n=211)", 30.8, round(100 * low, 1), round(100 * high, 1)
    )


def test_the_chart_spec_draws_each_interval_from_low_to_high() -> None:
    spec = bar_spec([Bar("A (n=10)", 50.0, 23.7, 76.3)], axis_title="Percent")
    rule = spec["layer"][1]
    assert (rule["encoding"]["x"]["field"], rule["encoding"]["x2"]["field"]) == ("low", "high")
    assert spec["data"]["values"] == [
        {"label": "A (n=10)", "value": 50.0, "low": 23.7, "high": 76.3}
    ]


def test_the_recurrence_table_lists_the_interval_the_chart_draws(site: Mapping[str, str]) -> None:
    low, high = wilson_interval(65, 211)
    assert f"{round(100 * low, 1):g} to {round(100 * high, 1):g}" in site["recurrence.html"]


def test_a_row_without_counts_shows_the_printed_percent_without_an_interval() -> None:
    table = next(t for t in sl.recurrence_tables() if t.key == "rose-1989-autopsy-sites")
    first = recurrence_bars(table)[0]
    assert (first.value, first.low, first.high) == (59.0, None, None)


def test_every_option_with_comparable_figures_has_its_charts_on_the_site_page(
    site: Mapping[str, str],
) -> None:
    for o in sl.options():
        page = site[f"sites/{o.site}.html"]
        for i, _ in enumerate(outcome_charts(o), start=1):
            figure = _figure(page, f"chart-{o.technique}-{i}")
            assert f'href="#chart-{o.technique}-{i}-numbers"' in figure
            assert f'<table id="chart-{o.technique}-{i}-numbers">' in page


def test_some_options_have_outcome_charts() -> None:
    assert sum(1 for o in sl.options() if outcome_charts(o)) >= 10


def test_outcome_charts_put_only_comparable_figures_together() -> None:
    for o in sl.options():
        for chart in outcome_charts(o):
            kinds = {(f.measure, f.statistic, f.unit, f.time_point) for f in chart.figures}
            assert len(kinds) == 1
            assert len(chart.figures) >= 2


def test_one_figure_alone_gets_no_chart() -> None:
    assert outcome_charts(_option(_figure_of(40.0, "a"))) == []


def test_figures_at_different_time_points_are_not_compared() -> None:
    one = _figure_of(40.0, "a", TimePoint(3, Unit.YEARS))
    other = _figure_of(20.0, "b", TimePoint(5, Unit.YEARS))
    assert outcome_charts(_option(one, other)) == []


def test_two_figures_at_the_same_time_point_get_one_chart() -> None:
    five = TimePoint(5, Unit.YEARS)
    [chart] = outcome_charts(_option(_figure_of(40.0, "a", five), _figure_of(20.0, "b", five)))
    assert chart.title == "Overall survival at 5 years"


def test_outcome_chart_bars_name_the_study_and_its_size(site: Mapping[str, str]) -> None:
    figure = _figure(site["sites/liver.html"], "chart-resection-1")
    assert "Chen 1998, n=11" in html.unescape(figure)


def test_each_chart_svg_is_an_image_labelled_by_its_own_title_and_description(
    site: Mapping[str, str],
) -> None:
    svg = SVG.search(
        _figure(site["recurrence.html"], "chart-potter-1985-recurrence-by-primary-site")
    )
    assert svg is not None
    text = svg.group(0)
    chart_id = "chart-potter-1985-recurrence-by-primary-site"
    assert f'aria-labelledby="{chart_id}-title {chart_id}-desc"' in text
    assert f'<title id="{chart_id}-title">' in text
    assert f'<desc id="{chart_id}-desc">' in text


def test_chart_svgs_carry_no_roles_or_aria_of_vegas_own(site: Mapping[str, str]) -> None:
    for name, page in site.items():
        for svg in SVG.findall(page):
            assert re.findall(r'\srole="([^"]*)"', svg) in (["img"], ["group"]), name
            assert "aria-roledescription" not in svg, name


def test_chart_text_meets_wcag_aa_contrast(site: Mapping[str, str]) -> None:
    fills = {
        fill
        for svg in SVG.findall(site["recurrence.html"])
        for fill in re.findall(r'<text\b[^>]*\sfill="(#[0-9a-fA-F]{6})"', svg)
    }
    assert fills
    assert {f: _contrast(f, "#ffffff") for f in fills if _contrast(f, "#ffffff") < 4.5} == {}


@pytest.mark.parametrize(
    ("fg", "bg", "ratio"),
    [("text", "background", 4.5), ("bar", "background", 3.0), ("interval", "bar", 3.0)],
)
def test_chart_colours_stand_out(fg: str, bg: str, ratio: float) -> None:
    assert _contrast(CHART_COLOURS[fg], CHART_COLOURS[bg]) >= ratio


def test_the_body_map_links_every_site_page(site: Mapping[str, str]) -> None:
    svg = SVG.search(site["index.html"])
    assert svg is not None
    hrefs = set(re.findall(r'<a xlink:href="([^"]+)"', svg.group(0)))
    assert hrefs == {f"sites/{s.key}.html" for s in sl.sites()}


def test_the_body_map_has_the_same_links_as_a_list_beside_it(site: Mapping[str, str]) -> None:
    nav = re.search(r'<nav aria-label="Sites on the body map".*?</nav>', site["index.html"], re.S)
    assert nav is not None
    hrefs = re.findall(r'<a href="([^"]+)"', nav.group(0))
    assert hrefs == [f"sites/{s.key}.html" for s in sl.sites()]


@pytest.mark.usefixtures("no_renderer")
def test_without_the_extra_the_site_builds_without_charts_and_says_so() -> None:
    pages = render_site()
    assert not any('<figure id="chart-' in page for page in pages.values())
    assert "pip install 'sarcoma-local[charts]'" in html.unescape(pages["recurrence.html"])


@pytest.mark.usefixtures("no_renderer")
def test_without_the_extra_the_numbers_tables_stay() -> None:
    page = render_site()["recurrence.html"]
    assert all(f'<table id="numbers-{t.key}">' in page for t in sl.recurrence_tables())


@pytest.mark.usefixtures("no_renderer")
def test_without_the_extra_the_body_map_stays() -> None:
    assert "bodymap-title" in render_site()["index.html"]


@pytest.mark.usefixtures("no_renderer")
def test_asking_for_charts_without_the_extra_names_the_install_command() -> None:
    with pytest.raises(ImportError, match=re.escape("pip install 'sarcoma-local[charts]'")):
        render_site(charts=True)


def test_charts_false_leaves_the_charts_out() -> None:
    assert '<figure id="chart-' not in render_site(charts=False)["recurrence.html"]


def test_the_same_spec_renders_to_the_same_svg_twice() -> None:
    spec = json.dumps(bar_spec([Bar("A (n=10)", 50.0, 23.7, 76.3)], axis_title="Percent"))
    compile_uncached = charts._compile.__wrapped__
    assert compile_uncached(spec) == compile_uncached(spec)


@pytest.mark.slow
def test_a_fresh_render_of_every_chart_is_byte_identical(site: Mapping[str, str]) -> None:
    charts._compile.cache_clear()
    assert render_site(charts=True) == site
