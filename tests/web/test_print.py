"""Printing the site and the handouts in a real headless Chromium.

Print styles are checked with print media emulated; every site's handout is printed
to PDF on A4 and US Letter by ``devtools.print_pages`` (pypdf counts the pages), and
page 1 of one printed handout is saved as a PNG in test-artifacts/.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from .devtools import (
    PAPER,
    DevTools,
    Served,
    blankness,
    evaluate,
    navigate,
    page_margins,
    pdf_pages,
    pdf_to_png,
    print_pages,
    print_pdf,
    save_artifact,
    screenshot,
    write_pages,
)

# Starts a browser and a server: part of the full run, not the fast one.
pytestmark = pytest.mark.slow

PRINT_PAGE = "sites/liver.html"
SCREENSHOT_HANDOUT = "liver"


@pytest.fixture
def print_media(browser: tuple[DevTools, str]) -> Iterator[tuple[DevTools, str]]:
    """The browser with print media emulated, back to screen afterwards."""
    devtools, session = browser
    devtools.send("Emulation.setEmulatedMedia", {"media": "print"}, session=session)
    yield devtools, session
    devtools.send("Emulation.setEmulatedMedia", {"media": ""}, session=session)


@pytest.fixture(scope="module")
def printed(browser: tuple[DevTools, str], served_site: Served) -> dict[tuple[str, str], bytes]:
    """Every site's handout printed on every paper: ``{(site, paper): PDF}``.

    The page counts go to test-artifacts/handout-pages.json for a person to read.
    """
    devtools, session = browser
    pdfs = {
        (site, paper): print_pdf(devtools, session, served_site.base + path, paper)
        for site, path in served_site.handouts.items()
        for paper in PAPER
    }
    counts = {site: {paper: pdf_pages(pdfs[site, paper]) for paper in PAPER} for site, _ in pdfs}
    save_artifact("handout-pages.json", json.dumps(counts, indent=2).encode() + b"\n")
    return pdfs


# --- print styles ------------------------------------------------------------------------


def _printed_styles(page: tuple[DevTools, str], url: str) -> dict[str, Any]:
    devtools, session = page
    navigate(devtools, session, url)
    styles: dict[str, Any] = evaluate(
        devtools,
        session,
        """(() => {
          const shown = (el) => getComputedStyle(el).display !== 'none';
          const links = Array.from(document.querySelectorAll('main a[href^="https:"]'));
          const text = Array.from(document.querySelectorAll('main p, main li, main td, main th'));
          return {
            skip: shown(document.querySelector('.skip')),
            nav: shown(document.querySelector('nav')),
            links: links.length,
            unspelled: links.filter(a => !getComputedStyle(a, '::after').content.includes(a.href))
              .map(a => a.href),
            body: [getComputedStyle(document.body).color,
                   getComputedStyle(document.body).backgroundColor],
            colours: Array.from(new Set(text.map(e => getComputedStyle(e).color))),
          };
        })()""",
    )
    return styles


def _luminance(css: str) -> float:
    """The WCAG relative luminance of an ``rgb()``/``rgba()`` colour."""
    channels = [float(c) / 255 for c in css[css.index("(") + 1 : css.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast_on_white(css: str) -> float:
    return 1.05 / (_luminance(css) + 0.05)


def test_print_hides_the_navigation_and_the_skip_link(
    print_media: tuple[DevTools, str], served_site: Served
) -> None:
    styles = _printed_styles(print_media, served_site.base + PRINT_PAGE)
    assert (styles["nav"], styles["skip"]) == (False, False)


def test_the_screen_shows_the_navigation(
    browser: tuple[DevTools, str], served_site: Served
) -> None:
    # The check above, without print media: it can fail.
    styles = _printed_styles(browser, served_site.base + PRINT_PAGE)
    assert styles["nav"] is True


def test_print_spells_out_every_external_link(
    print_media: tuple[DevTools, str], served_site: Served
) -> None:
    styles = _printed_styles(print_media, served_site.base + PRINT_PAGE)
    assert styles["links"] > 0
    assert styles["unspelled"] == []


def test_printed_text_is_dark_on_white(
    print_media: tuple[DevTools, str], served_site: Served
) -> None:
    styles = _printed_styles(print_media, served_site.base + PRINT_PAGE)
    colour, background = styles["body"]
    assert background in {"rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"}  # white paper
    assert _contrast_on_white(colour) >= 7
    pale = [c for c in styles["colours"] if _contrast_on_white(c) < 4.5]
    assert pale == []


# --- printing to PDF ---------------------------------------------------------------------


def test_every_handout_prints_on_a4_and_letter(printed: dict[tuple[str, str], bytes]) -> None:
    counts = {key: pdf_pages(pdf) for key, pdf in printed.items()}
    assert len(counts) == 2 * len({site for site, _ in counts})
    assert {key: n for key, n in counts.items() if n < 1} == {}


def test_the_pdf_has_the_paper_size_asked_for(printed: dict[tuple[str, str], bytes]) -> None:
    for (site, paper), pdf in printed.items():
        box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
        size = (round(float(box.width) / 72, 2), round(float(box.height) / 72, 2))
        assert size == pytest.approx(PAPER[paper], abs=0.02), (site, paper)


def test_the_printed_handout_keeps_its_reference_urls(
    printed: dict[tuple[str, str], bytes],
) -> None:
    pdf = PdfReader(io.BytesIO(printed[SCREENSHOT_HANDOUT, "a4"]))
    text = "".join("".join(page.extract_text().split()) for page in pdf.pages)
    assert "https://pubmed.ncbi.nlm.nih.gov/" in text
    assert "https://doi.org/" in text


def test_print_margins_come_from_the_page_css_or_default_to_0_4_in(
    browser: tuple[DevTools, str], served_site: Served
) -> None:
    devtools, session = browser
    page = "<!DOCTYPE html><title>m</title><style>@page{margin:1in 2cm}</style><p>x</p>"
    bare = "<!DOCTYPE html><title>m</title><p>x</p>"
    write_pages(served_site.root, {"print/margins.html": page, "print/no-margins.html": bare})
    navigate(devtools, session, served_site.base + "print/margins.html")
    # Layout rounds lengths to 1/64 px, hence the tolerance.
    margins = page_margins(devtools, session)
    assert margins == pytest.approx((1, 2 / 2.54, 1, 2 / 2.54), abs=1e-3)
    navigate(devtools, session, served_site.base + "print/no-margins.html")
    assert page_margins(devtools, session) == (0.4, 0.4, 0.4, 0.4)


def test_a_handout_sets_its_own_print_margins(
    browser: tuple[DevTools, str], served_site: Served
) -> None:
    devtools, session = browser
    navigate(devtools, session, served_site.base + served_site.handouts["liver"])
    mm = 1 / 25.4
    assert page_margins(devtools, session) == pytest.approx(
        (14 * mm, 14 * mm, 16 * mm, 14 * mm), abs=1e-3
    )


@pytest.mark.parametrize("paper", sorted(PAPER))
def test_every_two_page_handout_prints_on_at_most_two_pages(
    browser: tuple[DevTools, str], served_site: Served, paper: str
) -> None:
    devtools, session = browser
    counts = {
        site: print_pages(devtools, session, served_site.base + path, paper)
        for (site, laid_out_for), path in served_site.briefs.items()
        if laid_out_for == paper
    }
    save_artifact(f"brief-pages-{paper}.json", json.dumps(counts, indent=2).encode() + b"\n")
    assert counts
    assert {site: n for site, n in counts.items() if n > 2} == {}


def test_page_one_of_a_printed_handout_is_saved_and_not_blank(
    browser: tuple[DevTools, str],
    served_site: Served,
    printed: dict[tuple[str, str], bytes],
    tmp_path: Path,
) -> None:
    png = pdf_to_png(printed[SCREENSHOT_HANDOUT, "a4"], tmp_path)
    if png is None:  # no pdftoppm (Debian poppler-utils): the page under print media
        devtools, session = browser
        a4 = {"width": 794, "height": 1123, "deviceScaleFactor": 1, "mobile": False}  # 96 dpi
        devtools.send("Emulation.setDeviceMetricsOverride", a4, session=session)
        devtools.send("Emulation.setEmulatedMedia", {"media": "print"}, session=session)
        try:
            navigate(devtools, session, served_site.base + served_site.handouts["liver"])
            png = screenshot(devtools, session, width=794, height=1123)
        finally:
            devtools.send("Emulation.setEmulatedMedia", {"media": ""}, session=session)
            devtools.send("Emulation.clearDeviceMetricsOverride", session=session)
    save_artifact(f"handout-{SCREENSHOT_HANDOUT}-page-1.png", png)
    assert blankness(png) == []
