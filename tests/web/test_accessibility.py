"""Accessibility of the generated site and handouts, checked in a real headless Chromium.

axe-core (from npm, pinned by ``tests/web/axe/package-lock.json``, installed by
``scripts/ensure-axe.sh``) runs the WCAG 2.0/2.1 A and AA rules over every page and
every site's HTML handout; a deliberately broken page proves the run is not vacuous.
Keyboard use is tested by pressing Tab through a site page.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .devtools import DevTools, Served, evaluate, navigate, skip_or_fail, write_pages

# Starts a browser and a server: part of the full run, not the fast one.
pytestmark = pytest.mark.slow

AXE_DIR = Path(__file__).resolve().parent / "axe"
AXE_SCRIPT = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
#: The WCAG levels checked: 2.0 and 2.1, A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Each violation as rule id, impact, help text and the CSS selectors of its nodes.
RUN_AXE = (
    "axe.run(document, {runOnly: {type: 'tag', values: "
    + json.dumps(WCAG_TAGS)
    + "}, resultTypes: ['violations']}).then(r => r.violations.map(v => ({id: v.id,"
    " impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))"
)
KEYBOARD_PAGE = "sites/liver.html"
#: Pages tabbed through from top to bottom: a site page, the tables, a handout.
TAB_PAGES = [KEYBOARD_PAGE, "recurrence.html", "handouts/liver.html"]
BROKEN_PAGE = "broken/inaccessible.html"
#: What the broken page gets wrong, as axe names it.
BROKEN_RULES = {"image-alt", "color-contrast", "label"}
#: A 1x1 grey PNG: allowed by the pages' CSP (img-src data:).
_PIXEL = (
    "data:image/png;base64,"
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg=="
)
_BROKEN_PARTS = (
    f'<img src="{_PIXEL}" width="40" height="40">'
    '<p style="color:#c8c8c8;background:#ffffff">Text too pale to read.</p>'
    '<input type="text" name="unlabelled">'
)


def pinned_axe_version() -> str:
    """The axe-core version ``package-lock.json`` pins."""
    lock = json.loads((AXE_DIR / "package-lock.json").read_text(encoding="utf-8"))
    version: str = lock["packages"]["node_modules/axe-core"]["version"]
    return version


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE_SCRIPT.is_file():
        skip_or_fail(
            f"axe-core is not installed ({AXE_SCRIPT} is missing): "
            "run scripts/ensure-axe.sh (npm ci in tests/web/axe)"
        )
    return AXE_SCRIPT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def axe_page(browser: tuple[DevTools, str], axe_source: str) -> Iterator[tuple[DevTools, str, str]]:
    """The browser with the pages' CSP bypassed, so axe can be injected after each load."""
    devtools, session = browser
    # The pages' `default-src 'none'` silently blocks a <script> element added to them;
    # Runtime.evaluate is not blocked today, but with the bypass the run does not depend
    # on how axe gets into the page.
    devtools.send("Page.setBypassCSP", {"enabled": True}, session=session)
    yield devtools, session, axe_source
    devtools.send("Page.setBypassCSP", {"enabled": False}, session=session)


def axe_violations(page: tuple[DevTools, str, str], url: str) -> list[dict[str, Any]]:
    """Load ``url``, inject axe-core and return its WCAG A/AA violations there."""
    devtools, session, source = page
    navigate(devtools, session, url)
    evaluate(devtools, session, source)
    found: list[dict[str, Any]] = evaluate(devtools, session, RUN_AXE, wait=True)
    return found


@pytest.fixture(scope="module")
def broken_page(served_site: Served) -> str:
    """A real site page with an unlabelled image, pale text and an unlabelled field added."""
    liver = (served_site.root / "sites" / "liver.html").read_text(encoding="utf-8")
    assert '<main id="main">' in liver
    broken = liver.replace('<main id="main">', '<main id="main">' + _BROKEN_PARTS, 1)
    write_pages(served_site.root, {BROKEN_PAGE: broken})
    return served_site.base + BROKEN_PAGE


# --- axe-core ----------------------------------------------------------------------------


def test_axe_in_the_browser_is_the_version_the_lock_file_pins(
    axe_page: tuple[DevTools, str, str], served_site: Served
) -> None:
    devtools, session, source = axe_page
    navigate(devtools, session, served_site.base + "index.html")
    evaluate(devtools, session, source)
    assert evaluate(devtools, session, "axe.version") == pinned_axe_version()


def test_axe_finds_the_faults_of_a_broken_page(
    axe_page: tuple[DevTools, str, str], broken_page: str
) -> None:
    # Guards the tests below against passing vacuously (no axe, CSP blocking it, no rules).
    found = {v["id"] for v in axe_violations(axe_page, broken_page)}
    assert found >= BROKEN_RULES, found


def test_every_site_page_has_no_wcag_a_or_aa_violation(
    axe_page: tuple[DevTools, str, str], served_site: Served
) -> None:
    found = {
        page: violations
        for page in served_site.pages
        if (violations := axe_violations(axe_page, served_site.base + page))
    }
    assert found == {}


def test_every_handout_has_no_wcag_a_or_aa_violation(
    axe_page: tuple[DevTools, str, str], served_site: Served
) -> None:
    found = {
        path: violations
        for path in served_site.handouts.values()
        if (violations := axe_violations(axe_page, served_site.base + path))
    }
    assert found == {}


def test_every_letter_handout_has_no_wcag_a_or_aa_violation(
    axe_page: tuple[DevTools, str, str], served_site: Served
) -> None:
    found = {
        path: violations
        for path in served_site.letters.values()
        if (violations := axe_violations(axe_page, served_site.base + path))
    }
    assert found == {}


def test_every_two_page_handout_has_no_wcag_a_or_aa_violation(
    axe_page: tuple[DevTools, str, str], served_site: Served
) -> None:
    found = {
        path: violations
        for path in served_site.briefs.values()
        if (violations := axe_violations(axe_page, served_site.base + path))
    }
    assert found == {}


# --- keyboard ----------------------------------------------------------------------------

#: Elements a keyboard user can reach with Tab, in DOM order (the page has no tabindex > 0).
_FOCUSABLE = (
    "a[href], area[href], button, input:not([type=hidden]), select, textarea, summary,"
    " iframe, [tabindex]:not([tabindex='-1']), [contenteditable='true']"
)
#: Where the focus is: its index among the focusables, inside <main>, and its focus ring.
_FOCUS_STATE = """(() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return {
    index: window.__focusables.indexOf(el),
    tag: el.tagName.toLowerCase(),
    text: (el.textContent || '').trim().slice(0, 60),
    inMain: !!el.closest('main'),
    ring: outline || style.boxShadow !== 'none',
  };
})()"""


def _press(devtools: DevTools, session: str, key: str, code: int) -> None:
    text = {"text": "\r"} if key == "Enter" else {}
    for kind in ("keyDown", "keyUp"):
        params = {"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code}
        devtools.send(
            "Input.dispatchKeyEvent", params | (text if kind == "keyDown" else {}), session=session
        )


@pytest.fixture(scope="module")
def keyboard_page(browser: tuple[DevTools, str], served_site: Served) -> tuple[DevTools, str]:
    """A site page loaded with the page focused (headless has no window focus otherwise)."""
    devtools, session = browser
    devtools.send("Emulation.setFocusEmulationEnabled", {"enabled": True}, session=session)
    return devtools, session


def _load_for_keys(page: tuple[DevTools, str], url: str) -> int:
    """Load ``url`` and note its focusable elements; returns how many there are."""
    devtools, session = page
    navigate(devtools, session, url)
    count: int = evaluate(
        devtools,
        session,
        f"(window.__focusables = Array.from(document.querySelectorAll({json.dumps(_FOCUSABLE)}))"
        ".filter(e => e.getClientRects().length > 0 || e.classList.contains('skip'))).length",
    )
    return count


def _tab(page: tuple[DevTools, str]) -> dict[str, Any]:
    devtools, session = page
    _press(devtools, session, "Tab", 9)
    state: dict[str, Any] = evaluate(devtools, session, _FOCUS_STATE)
    return state


def test_the_first_tab_reaches_the_skip_link(
    keyboard_page: tuple[DevTools, str], served_site: Served
) -> None:
    _load_for_keys(keyboard_page, served_site.base + KEYBOARD_PAGE)
    first = _tab(keyboard_page)
    assert (first["index"], first["text"]) == (0, "Skip to main content")


def test_the_focused_skip_link_is_on_screen(
    keyboard_page: tuple[DevTools, str], served_site: Served
) -> None:
    devtools, session = keyboard_page
    _load_for_keys(keyboard_page, served_site.base + KEYBOARD_PAGE)
    hidden = "document.querySelector('.skip').getBoundingClientRect().right <= 0"
    assert evaluate(devtools, session, hidden) is True  # off-screen until focused
    _tab(keyboard_page)
    box = evaluate(devtools, session, "document.activeElement.getBoundingClientRect().toJSON()")
    assert box["left"] >= 0
    assert box["top"] >= 0
    assert box["width"] > 0


def test_the_skip_link_moves_the_focus_to_main(
    keyboard_page: tuple[DevTools, str], served_site: Served
) -> None:
    devtools, session = keyboard_page
    _load_for_keys(keyboard_page, served_site.base + KEYBOARD_PAGE)
    _tab(keyboard_page)
    _press(devtools, session, "Enter", 13)
    assert evaluate(devtools, session, "location.hash") == "#main"
    # The next Tab starts from <main>: the header's links are skipped.
    after = _tab(keyboard_page)
    first_in_main = evaluate(
        devtools, session, "window.__focusables.findIndex(e => e.closest('main'))"
    )
    assert first_in_main > 1  # there are header links to skip
    assert after["inMain"]
    assert after["index"] == first_in_main


def _tab_through(page: tuple[DevTools, str], url: str) -> tuple[int, list[dict[str, Any]]]:
    """Every focus stop from the top of ``url`` until the focus leaves the page."""
    count = _load_for_keys(page, url)
    stops: list[dict[str, Any]] = []
    for _ in range(count + 2):
        state = _tab(page)
        if state["index"] < 0 or (stops and state["index"] == stops[0]["index"]):
            break
        stops.append(state)
    return count, stops


@pytest.mark.parametrize("page", TAB_PAGES)
def test_tab_order_follows_the_dom_order(
    keyboard_page: tuple[DevTools, str], served_site: Served, page: str
) -> None:
    count, stops = _tab_through(keyboard_page, served_site.base + page)
    assert count > 10  # a site page has a header, options and references to reach
    assert [s["index"] for s in stops] == list(range(count))


@pytest.mark.parametrize("page", TAB_PAGES)
def test_every_focused_element_shows_a_focus_indicator(
    keyboard_page: tuple[DevTools, str], served_site: Served, page: str
) -> None:
    _, stops = _tab_through(keyboard_page, served_site.base + page)
    assert stops
    assert [s for s in stops if not s["ring"]] == []
