"""Fixtures of the browser tests: the generated site and handouts served, and a browser.

The site is built and served once per test run; each browser test module starts its
own headless Chromium (module scope), so one module's page state never leaks into
another's. Helpers are in ``devtools.py``.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import sarcoma_local as sl
from sarcoma_local._pages.website import build_site

from .devtools import DevTools, Served, open_browser, serve, write_pages


@pytest.fixture(scope="session")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Every generated page, and under ``handouts/`` every site's HTML handout (A4 and
    Letter) and its two-page handout "for your doctor" (A4 and Letter)."""
    root = tmp_path_factory.mktemp("site")
    pages = tuple(p.relative_to(root).as_posix() for p in build_site(root))
    handouts = {s.key: f"handouts/{s.key}.html" for s in sl.sites()}
    write_pages(root, {path: sl.handout(key, format="html") for key, path in handouts.items()})
    letters = {s.key: f"handouts/{s.key}-letter.html" for s in sl.sites()}
    write_pages(
        root,
        {path: sl.handout(key, format="html", paper="letter") for key, path in letters.items()},
    )
    briefs = {
        (s.key, paper): f"handouts/{s.key}-brief-{paper}.html"
        for s in sl.sites()
        for paper in ("a4", "letter")
    }
    write_pages(
        root,
        {
            path: sl.handout(key, format="html", brief=True, paper=paper)
            for (key, paper), path in briefs.items()
        },
    )
    with serve(root) as base:
        yield Served(
            root=root, base=base, pages=pages, handouts=handouts, briefs=briefs, letters=letters
        )


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DevTools, str]]:
    """A headless Chromium for this module: ``(devtools, session)``."""
    with open_browser(tmp_path_factory.mktemp("chromium")) as opened:
        yield opened
