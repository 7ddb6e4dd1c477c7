"""The generated site in a real headless Chromium, driven over the DevTools protocol.

The protocol runs over a pipe (``--remote-debugging-pipe``: JSON messages ending in
a NUL byte, written to the browser's fd 3 and read from its fd 4), so the test needs
no Python package beyond the standard library and opens no debugging port. The site
is served from 127.0.0.1 by ``http.server`` in a thread; the browser's background
networking is switched off, and the pages' Content-Security-Policy forbids any
external load, so nothing leaves the machine.

Install the browser with ``bash scripts/ensure-chromium.sh`` (Debian ``chromium``);
without it these tests skip and say why (or fail, when ``SARCOMA_LOCAL_REQUIRE_BROWSER``
is set, as CI should). ``SARCOMA_LOCAL_CHROMIUM`` names another binary.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import http.server
import json
import os
import select
import shutil
import struct
import subprocess
import threading
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest

from sarcoma_local import DATA_VERSION
from sarcoma_local._pages.website import build_site

# Starts a browser or a server process: part of the full run, not the fast one.
pytestmark = pytest.mark.slow

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCREENSHOT_PAGE = "sites/liver.html"
#: Upper bound for one protocol reply or page load; the whole module stays under 60 s.
STEP_TIMEOUT = 15.0


def _find_chromium() -> str | None:
    named = os.environ.get("SARCOMA_LOCAL_CHROMIUM")
    if named:
        return named
    for name in ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class DevTools:
    """A minimal Chrome DevTools Protocol client over ``--remote-debugging-pipe``."""

    def __init__(self, executable: str, profile: Path, log: Path) -> None:
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        flags = [
            "--headless",
            "--no-sandbox",  # root in a container; the pages are our own static files
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-default-apps",
            "--no-first-run",
            "--no-default-browser-check",
            "--mute-audio",
            "--hide-scrollbars",
            "--window-size=1280,1000",
            f"--user-data-dir={profile}",
            "--remote-debugging-pipe",
            "about:blank",
        ]
        # The protocol pipe must be fds 3 and 4 in the browser; bash moves them there
        # (dash, Debian's sh, cannot name fds above 9 in a redirection).
        script = f'exec "$0" "$@" 3<&{to_browser_r} 4>&{from_browser_w}'
        self._log = log.open("wb")
        self.proc = subprocess.Popen(
            ["bash", "-c", script, executable, *flags],
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
            pass_fds=(to_browser_r, from_browser_w),
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []

    def close(self) -> None:
        with contextlib.suppress(OSError, AssertionError, TimeoutError):
            self.send("Browser.close", timeout=5)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)
        self._log.close()

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no reply from the browser in time")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if ready:
                chunk = os.read(self._from_browser, 1 << 16)
                if not chunk:
                    raise AssertionError(f"the browser exited (status {self.proc.poll()})")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def send(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        session: str | None = None,
        timeout: float = STEP_TIMEOUT,
    ) -> dict[str, Any]:
        """Call ``method`` and return its result; events read meanwhile go to ``events``."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                assert "error" not in reply, f"{method} failed: {reply['error']}"
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def wait_for(self, method: str, session: str, timeout: float = STEP_TIMEOUT) -> None:
        """Read until the event ``method`` arrives for ``session``."""
        deadline = time.monotonic() + timeout
        while True:
            event = self._read_message(deadline)
            self.events.append(event)
            if event.get("method") == method and event.get("sessionId") == session:
                return


def _problems(events: list[dict[str, Any]]) -> list[str]:
    """Console errors, uncaught exceptions, failed loads and HTTP errors in ``events``."""
    found = []
    for e in events:
        method, p = e.get("method"), e.get("params", {})
        if method == "Runtime.consoleAPICalled" and p.get("type") in {"error", "assert", "warning"}:
            found.append(f"console {p['type']}: {p.get('args')}")
        elif method == "Runtime.exceptionThrown":
            found.append(f"exception: {p.get('exceptionDetails')}")
        elif method == "Log.entryAdded" and p["entry"].get("level") in {"error", "warning"}:
            found.append(f"log {p['entry']['level']}: {p['entry'].get('text')}")
        elif method == "Network.responseReceived" and p["response"]["status"] >= 400:
            found.append(f"HTTP {p['response']['status']}: {p['response']['url']}")
        elif method == "Network.loadingFailed":
            found.append(f"load failed: {p.get('errorText')}")
    return found


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep the test output clean; failures show up in the browser events


@pytest.fixture(scope="module")
def served_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, list[str]]]:
    root = tmp_path_factory.mktemp("site")
    pages = [p.relative_to(root).as_posix() for p in build_site(root)]
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", pages
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DevTools, str]]:
    executable = _find_chromium()
    if executable is None:
        if os.environ.get("SARCOMA_LOCAL_REQUIRE_BROWSER"):
            pytest.fail("SARCOMA_LOCAL_REQUIRE_BROWSER is set but no Chromium was found")
        pytest.skip(
            "no Chromium found (looked for chromium, chromium-browser, google-chrome; "
            "or set SARCOMA_LOCAL_CHROMIUM): install it with scripts/ensure-chromium.sh"
        )
    work = tmp_path_factory.mktemp("chromium")
    devtools = DevTools(executable, work / "profile", work / "chromium.log")
    try:
        target = devtools.send("Target.createTarget", {"url": "about:blank"}, timeout=30)
        attached = devtools.send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}
        )
        session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            devtools.send(f"{domain}.enable", session=session)
        yield devtools, session
    finally:
        devtools.close()


def _evaluate(devtools: DevTools, session: str, expression: str) -> Any:
    reply = devtools.send(
        "Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session
    )
    assert "exceptionDetails" not in reply, reply
    return reply["result"]["value"]


@pytest.fixture(scope="module")
def visits(
    browser: tuple[DevTools, str], served_site: tuple[str, list[str]]
) -> dict[str, dict[str, Any]]:
    """Load every page once; per page: problems, links, ids, title, lang and footer text."""
    devtools, session = browser
    base, pages = served_site
    seen: dict[str, dict[str, Any]] = {}
    for page in pages:
        devtools.events.clear()
        navigated = devtools.send("Page.navigate", {"url": base + page}, session=session)
        assert "errorText" not in navigated, (page, navigated)
        devtools.wait_for("Page.loadEventFired", session)
        facts = _evaluate(
            devtools,
            session,
            "({links: Array.from(document.querySelectorAll('a[href]'), a => a.href),"
            " ids: Array.from(document.querySelectorAll('[id]'), e => e.id),"
            " title: document.title, lang: document.documentElement.lang,"
            " footer: document.querySelector('footer').innerText})",
        )
        # Pick up events the page produced after its load event (late console errors).
        _evaluate(devtools, session, "1")
        facts["problems"] = _problems(devtools.events)
        seen[page] = facts
    return seen


def test_every_page_loads_without_console_errors(visits: dict[str, dict[str, Any]]) -> None:
    problems = {page: v["problems"] for page, v in visits.items() if v["problems"]}
    assert problems == {}


def test_every_page_has_a_title_language_and_data_version(
    visits: dict[str, dict[str, Any]],
) -> None:
    for page, v in visits.items():
        assert v["title"].endswith("| sarcoma_local"), page
        assert v["lang"] == "en", page
        assert f"Data version {DATA_VERSION}" in v["footer"], page
        assert "not medical advice" in v["footer"], page


def test_every_internal_link_resolves_in_the_browser(
    visits: dict[str, dict[str, Any]], served_site: tuple[str, list[str]]
) -> None:
    base, _ = served_site
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


def _png_pixels(data: bytes) -> tuple[int, int, int, bytes]:
    """Decode an 8-bit RGB or RGBA PNG: (width, height, bytes per pixel, raw pixels)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8, "unexpected PNG bit depth"
    assert colour in (2, 6), "not an RGB or RGBA PNG"
    assert interlace == 0, "interlaced PNG"
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    out, previous = bytearray(), bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):  # undo the per-line PNG filter
            a = line[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 0xFF
        out += line
        previous = line
    return width, height, bpp, bytes(out)


def test_screenshot_of_a_site_page_is_saved_and_not_blank(
    browser: tuple[DevTools, str], served_site: tuple[str, list[str]]
) -> None:
    devtools, session = browser
    base, _ = served_site
    devtools.send("Page.navigate", {"url": base + SCREENSHOT_PAGE}, session=session)
    devtools.wait_for("Page.loadEventFired", session)
    # Half scale keeps the pure-Python PNG decoding quick.
    clip = {"x": 0, "y": 0, "width": 1000, "height": 900, "scale": 0.5}
    shot = devtools.send("Page.captureScreenshot", {"format": "png", "clip": clip}, session=session)
    png = base64.b64decode(shot["data"])
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "site-liver.png").write_bytes(png)

    width, height, bpp, pixels = _png_pixels(png)
    grey = [sum(pixels[i : i + 3]) // 3 for i in range(0, len(pixels), bpp)]
    mean = sum(grey) / len(grey)
    variance = sum((g - mean) ** 2 for g in grey) / len(grey)
    dark = sum(1 for g in grey if g < 100)  # text is near-black on white
    assert (width, height) == (500, 450)
    assert variance > 100, "the screenshot is (nearly) one flat colour"
    assert dark > 0.005 * len(grey), "no text drawn"
    assert len(set(grey)) > 16, "too few shades for rendered text"


def test_the_console_check_catches_an_error(browser: tuple[DevTools, str]) -> None:
    # Guards the checks above against passing vacuously.
    devtools, session = browser
    devtools.events.clear()
    page = "data:text/html,<title>t</title><script>console.error('boom')</script>"
    devtools.send("Page.navigate", {"url": page}, session=session)
    devtools.wait_for("Page.loadEventFired", session)
    _evaluate(devtools, session, "1")
    assert any("boom" in p for p in _problems(devtools.events))
