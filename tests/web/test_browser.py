"""The generated site in a real headless Chromium: pages load cleanly, links resolve.

Helpers (DevTools client, server, PNG decoder) are in ``devtools.py``; fixtures in
``conftest.py``. Accessibility is in ``test_accessibility.py``, printing in
``test_print.py``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest

from sarcoma_local import DATA_VERSION

from .devtools import DevTools, Served, blankness, evaluate, navigate, problems, save_artifact
from .devtools import screenshot as take_screenshot

# Starts a browser and a server: part of the full run, not the fast one.
pytestmark = pytest.mark.slow

#: Pages whose screenshots a person can look at in test-artifacts/ after a run.
SCREENSHOTS = {
    "index.html": "site-index.png",
    "sites/liver.html": "site-liver.png",
    "recurrence.html": "site-recurrence.png",
}


@pytest.fixture(scope="module")
def visits(browser: tuple[DevTools, str], served_site: Served) -> dict[str, dict[str, Any]]:
    """Load every page once; per page: problems, links, ids, title, lang and footer text."""
    devtools, session = browser
    seen: dict[str, dict[str, Any]] = {}
    for page in served_site.pages:
        devtools.events.clear()
        navigate(devtools, session, served_site.base + page)
        facts = evaluate(
            devtools,
            session,
            "({links: Array.from(document.querySelectorAll('a[href]'), a => a.href),"
            " ids: Array.from(document.querySelectorAll('[id]'), e => e.id),"
            " title: document.title, lang: document.documentElement.lang,"
            " footer: document.querySelector('footer').innerText})",
        )
        # Pick up events the page produced after its load event (late console errors).
        evaluate(devtools, session, "1")
        facts["problems"] = problems(devtools.events)
        seen[page] = facts
    return seen


def test_every_page_loads_without_console_errors(visits: dict[str, dict[str, Any]]) -> None:
    found = {page: v["problems"] for page, v in visits.items() if v["problems"]}
    assert found == {}


def test_every_page_has_a_title_language_and_data_version(
    visits: dict[str, dict[str, Any]],
) -> None:
    for page, v in visits.items():
        assert v["title"].endswith("| sarcoma_local"), page
        assert v["lang"] == "en", page
        assert f"Data version {DATA_VERSION}" in v["footer"], page
        assert "not medical advice" in v["footer"], page


def test_every_internal_link_resolves_in_the_browser(
    visits: dict[str, dict[str, Any]], served_site: Served
) -> None:
    base = served_site.base
    broken = []
    for page, v in visits.items():
        for href in v["links"]:
            if not href.startswith(base):
                assert urlsplit(href).scheme == "https", (page, href)
                continue
            target, fragment = urldefrag(href)
            path = target[len(base) :] or "index.html"
            if path not in visits or (fragment and fragment not in visits[path]["ids"]):
                broken.append((page, href))
    assert broken == []


@pytest.mark.parametrize("page", list(SCREENSHOTS))
def test_screenshot_of_a_page_is_saved_and_not_blank(
    browser: tuple[DevTools, str], served_site: Served, page: str
) -> None:
    devtools, session = browser
    navigate(devtools, session, served_site.base + page)
    png = take_screenshot(devtools, session)
    save_artifact(SCREENSHOTS[page], png)
    assert blankness(png) == []


def test_the_console_check_catches_an_error(browser: tuple[DevTools, str]) -> None:
    # Guards the checks above against passing vacuously.
    devtools, session = browser
    devtools.events.clear()
    page = "data:text/html,<title>t</title><script>console.error('boom')</script>"
    navigate(devtools, session, page)
    evaluate(devtools, session, "1")
    assert any("boom" in p for p in problems(devtools.events))


def test_the_blank_check_catches_an_empty_page(browser: tuple[DevTools, str]) -> None:
    devtools, session = browser
    navigate(devtools, session, "data:text/html,<title>t</title>")
    assert "no text drawn" in blankness(take_screenshot(devtools, session))
