"""Helpers for the browser tests: a DevTools client, a local server, PDF and PNG tools.

The protocol runs over a pipe (``--remote-debugging-pipe``: JSON messages ending in
a NUL byte, written to the browser's fd 3 and read from its fd 4), so the tests need
no Python package beyond the standard library (and ``pypdf`` to count PDF pages) and
open no debugging port. Pages are served from 127.0.0.1 by ``http.server`` in a
thread; the browser's background networking is switched off, and the pages'
Content-Security-Policy forbids any external load, so nothing leaves the machine.

Install the browser with ``bash scripts/ensure-chromium.sh`` (Debian ``chromium``);
without it the browser tests skip and say why (or fail, when
``SARCOMA_LOCAL_REQUIRE_BROWSER`` is set, as CI does). ``SARCOMA_LOCAL_CHROMIUM``
names another binary.

Typical use in a test module (the fixtures live in ``conftest.py``)::

    def test_the_handout_fits_two_pages(browser, served_site):
        devtools, session = browser
        url = served_site.base + "handouts/liver.html"
        assert print_pages(devtools, session, url, paper="letter") <= 2
"""

from __future__ import annotations

import base64
import contextlib
import functools
import http.server
import io
import json
import os
import select
import shutil
import struct
import subprocess
import threading
import time
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import pytest
from pypdf import PdfReader

#: Upper bound for one protocol reply or page load.
STEP_TIMEOUT = 15.0
#: Where screenshots and printed PDFs go (git-ignored); never asserted against.
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
#: Set (as CI does) to turn "no browser" or "no axe-core" from a skip into a failure.
REQUIRE_ENV = "SARCOMA_LOCAL_REQUIRE_BROWSER"
#: Paper sizes in inches (width, height).
PAPER: Mapping[str, tuple[float, float]] = {"a4": (8.27, 11.69), "letter": (8.5, 11.0)}
#: Print margin when the page's CSS sets none in an ``@page`` rule.
DEFAULT_MARGIN_IN = 0.4


def skip_or_fail(reason: str) -> None:
    """Skip the test with ``reason``, or fail it when CI requires the browser tests."""
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(f"{REQUIRE_ENV} is set, but {reason}")
    pytest.skip(reason)


def find_chromium() -> str | None:
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


@contextlib.contextmanager
def open_browser(work: Path) -> Iterator[tuple[DevTools, str]]:
    """A headless Chromium with one page attached: ``(devtools, session)``.

    Skips the calling test when no Chromium is installed (fails under CI's
    ``SARCOMA_LOCAL_REQUIRE_BROWSER``). ``work`` holds the profile and the browser log.
    """
    executable = find_chromium()
    if executable is None:
        skip_or_fail(
            "no Chromium found (looked for chromium, chromium-browser, google-chrome; "
            "or set SARCOMA_LOCAL_CHROMIUM): install it with scripts/ensure-chromium.sh"
        )
        raise AssertionError("unreachable")  # skip_or_fail raises; keeps mypy's flow simple
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


def evaluate(devtools: DevTools, session: str, expression: str, *, wait: bool = False) -> Any:
    """The value of a JavaScript ``expression`` in the page; ``wait``: await its promise."""
    reply = devtools.send(
        "Runtime.evaluate",
        {"expression": expression, "returnByValue": True, "awaitPromise": wait},
        session=session,
        timeout=60 if wait else STEP_TIMEOUT,
    )
    assert "exceptionDetails" not in reply, reply["exceptionDetails"]
    return reply["result"].get("value")


def navigate(devtools: DevTools, session: str, url: str) -> None:
    """Load ``url`` and wait for its load event."""
    navigated = devtools.send("Page.navigate", {"url": url}, session=session)
    assert "errorText" not in navigated, (url, navigated)
    devtools.wait_for("Page.loadEventFired", session)


def problems(events: list[dict[str, Any]]) -> list[str]:
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


# --- serving files on 127.0.0.1 ----------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep the test output clean; failures show up in the browser events


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve the folder ``root`` on 127.0.0.1; yields its base URL (ending in ``/``)."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def write_pages(root: Path, pages: Mapping[str, str]) -> list[str]:
    """Write ``{relative path: HTML}`` under ``root``; returns the paths, in order."""
    for path, html in pages.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    return list(pages)


@attrs.frozen
class Served:
    """A folder of pages served on 127.0.0.1."""

    root: Path
    base: str  #: the base URL, ending in ``/``
    pages: tuple[str, ...]  #: the generated site's pages, relative to ``base``
    handouts: Mapping[str, str]  #: site key -> the path of its HTML handout
    #: (site key, paper) -> the path of its two-page handout "for your doctor"
    briefs: Mapping[tuple[str, str], str] = attrs.field(factory=dict)
    #: site key -> its full handout laid out for US Letter
    letters: Mapping[str, str] = attrs.field(factory=dict)


# --- printing to PDF -------------------------------------------------------------------

#: The page's ``@page`` margins in inches (top, right, bottom, left), null where unset.
_PAGE_MARGINS_JS = """(() => {
  const inches = (value) => {
    if (!value || !/^[0-9.]+(in|cm|mm|pt|pc|px|q)$/i.test(value)) return null;
    const probe = document.createElement('div');
    probe.style.cssText = 'position:absolute;visibility:hidden;width:' + value;
    document.body.appendChild(probe);
    const px = probe.getBoundingClientRect().width;
    probe.remove();
    return px / 96;
  };
  let found = [null, null, null, null];
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (rule instanceof CSSPageRule && !rule.selectorText) {
        const s = rule.style;
        found = [s.marginTop, s.marginRight, s.marginBottom, s.marginLeft]
          .map((v, i) => inches(v) ?? found[i]);
      }
    }
  }
  return found;
})()"""


def page_margins(devtools: DevTools, session: str) -> tuple[float, float, float, float]:
    """The loaded page's print margins in inches: its ``@page`` CSS, else 0.4 in."""
    found = evaluate(devtools, session, _PAGE_MARGINS_JS)
    top, right, bottom, left = (DEFAULT_MARGIN_IN if m is None else float(m) for m in found)
    return top, right, bottom, left


def print_pdf(devtools: DevTools, session: str, url: str, paper: str = "a4") -> bytes:
    """Load ``url`` and print it to PDF on ``paper`` (``"a4"`` or ``"letter"``)."""
    if paper not in PAPER:
        raise ValueError(f"paper must be one of {sorted(PAPER)}, not {paper!r}")
    navigate(devtools, session, url)
    width, height = PAPER[paper]
    top, right, bottom, left = page_margins(devtools, session)
    printed = devtools.send(
        "Page.printToPDF",
        {
            "paperWidth": width,
            "paperHeight": height,
            "preferCSSPageSize": False,
            "marginTop": top,
            "marginRight": right,
            "marginBottom": bottom,
            "marginLeft": left,
            "printBackground": True,
        },
        session=session,
        timeout=60,
    )
    return base64.b64decode(printed["data"])


def pdf_pages(pdf: bytes) -> int:
    """The number of pages in a PDF."""
    return len(PdfReader(io.BytesIO(pdf)).pages)


def print_pages(devtools: DevTools, session: str, url: str, paper: str = "a4") -> int:
    """How many pages ``url`` prints to on ``paper`` (``"a4"`` or ``"letter"``)."""
    return pdf_pages(print_pdf(devtools, session, url, paper))


def pdf_to_png(pdf: bytes, work: Path, dpi: int = 40) -> bytes | None:
    """Page 1 of ``pdf`` as a PNG, by Debian's ``pdftoppm``; None when it is missing."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        return None
    source = work / "printed.pdf"
    source.write_bytes(pdf)
    stem = work / "page-1"
    subprocess.run(
        [pdftoppm, "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", source, stem],
        check=True,
        timeout=60,
    )
    return stem.with_suffix(".png").read_bytes()


# --- PNG ---------------------------------------------------------------------------------


def screenshot(devtools: DevTools, session: str, width: int = 1000, height: int = 900) -> bytes:
    """A PNG of the top of the loaded page, at half scale (quick to decode here)."""
    clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": 0.5}
    shot = devtools.send("Page.captureScreenshot", {"format": "png", "clip": clip}, session=session)
    return base64.b64decode(shot["data"])


def png_pixels(data: bytes) -> tuple[int, int, int, bytes]:
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


def blankness(png: bytes) -> list[str]:
    """Why ``png`` looks blank (empty when it shows dark text on a light page)."""
    _, _, bpp, pixels = png_pixels(png)
    grey = [sum(pixels[i : i + 3]) // 3 for i in range(0, len(pixels), bpp)]
    mean = sum(grey) / len(grey)
    variance = sum((g - mean) ** 2 for g in grey) / len(grey)
    why = []
    if variance <= 100:
        why.append("the image is (nearly) one flat colour")
    if sum(1 for g in grey if g < 100) <= 0.005 * len(grey):  # text is near-black on white
        why.append("no text drawn")
    if len(set(grey)) <= 16:
        why.append("too few shades for rendered text")
    return why


def save_artifact(name: str, data: bytes) -> Path:
    """Write ``data`` to ``test-artifacts/name`` (for a person to look at)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    path.write_bytes(data)
    return path
