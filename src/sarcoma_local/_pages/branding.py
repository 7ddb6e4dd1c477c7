"""The branding of the web site, so a clinic can publish it under its own name and address.

Every option is checked when the record is made, so a bad value fails before any page
is written; the error is :class:`~sarcoma_local.InvalidBrandingError` (a ``ValueError``).

>>> b = Branding(title="Sarcoma Centre", base_url="https://example.org/sarcoma")
>>> b.base_url
'https://example.org/sarcoma/'
>>> Branding(language="en_GB")
Traceback (most recent call last):
...
sarcoma_local.InvalidBrandingError: invalid branding option language 'en_GB': expected a BCP 47 tag such as 'en', 'en-GB' or 'de-CH'
"""  # noqa: E501

from __future__ import annotations

import base64
import os
import re
from pathlib import Path

import attrs

from sarcoma_local._core.errors import InvalidBrandingError

__all__ = ["LOGO_MAX_BYTES", "LOGO_TYPES", "Branding"]

#: The largest logo embedded in every page (each page carries its own copy).
LOGO_MAX_BYTES = 200 * 1024

#: Logo file types by suffix: the CSP allows images only as ``data:`` URIs.
LOGO_TYPES = {
    ".png": "image/png",
    ".svg": "image/svg+xml",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}

# What the first bytes of each type look like, so a renamed file is refused.
_MAGIC = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
}

# BCP 47 in the shape people write it: a 2-3 letter language (or 5-8 letters), then
# subtags of 1-8 letters or digits ("en", "en-GB", "zh-Hant-TW", "es-419").
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*|[A-Za-z]{5,8}(?:-[A-Za-z0-9]{1,8})*")

_MAX_TITLE = 80
_MAX_FOOTER = 1000


def _fail(option: str, value: object, reason: str) -> InvalidBrandingError:
    return InvalidBrandingError(option, value, reason)


def _check_text(option: str, value: str, limit: int, *, empty_ok: bool) -> None:
    if not isinstance(value, str):
        raise _fail(option, value, f"expected text, got {type(value).__name__}")
    if not empty_ok and not value.strip():
        raise _fail(option, value, "must not be empty")
    if len(value) > limit:
        raise _fail(option, value, f"longer than {limit} characters")
    if any(ord(ch) < 32 and ch not in "\n\t" for ch in value):
        raise _fail(option, value, "contains control characters")


def _title(_: object, __: attrs.Attribute[str], value: str) -> None:
    _check_text("title", value, _MAX_TITLE, empty_ok=False)
    if "\n" in value:
        raise _fail("title", value, "must be one line")


def _footer(_: object, __: attrs.Attribute[str], value: str) -> None:
    _check_text("footer", value, _MAX_FOOTER, empty_ok=True)


def _language(_: object, __: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not _LANGUAGE.fullmatch(value):
        raise _fail("language", value, "expected a BCP 47 tag such as 'en', 'en-GB' or 'de-CH'")


def _base_url(value: str | None) -> str | None:
    """``value`` checked as an absolute http(s) address, ending in ``/``."""
    from urllib.parse import urlsplit

    if value is None:
        return None
    if not isinstance(value, str):
        raise _fail("base_url", value, f"expected text, got {type(value).__name__}")
    example = "an absolute address such as https://example.org/sarcoma/"
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        raise _fail("base_url", value, f"malformed; expected {example}") from None
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        raise _fail("base_url", value, f"expected {example}")
    if parts.query or parts.fragment or "?" in value or "#" in value:
        raise _fail("base_url", value, f"has a query or fragment; expected {example}")
    if parts.username or parts.password:
        raise _fail("base_url", value, "must not carry a user name or password")
    if any(ch.isspace() or ch in "<>\"'`\\" for ch in value.strip()):
        raise _fail("base_url", value, "contains spaces, quotes or angle brackets")
    del port  # read only to refuse a malformed port
    host = parts.netloc.lower()
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.scheme}://{host}{path}"


def _logo_path(value: str | os.PathLike[str] | None) -> Path | None:
    return None if value is None else Path(value)


@attrs.frozen
class Branding:
    """How the web site names itself: ``title`` ends every page title and heads every
    page; ``logo`` (a PNG, SVG or JPEG file up to 200 KB) is embedded in each page with
    ``title`` as its alternative text; ``footer`` is extra text (escaped) above the data
    version and the disclaimer, which every footer keeps; ``language`` is the BCP 47 tag
    of ``<html lang>`` and of the pages' JSON-LD (the catalogue text itself is English).

    ``base_url`` is the address the site will be served from. With it every page names
    its canonical address and the site gets a ``sitemap.xml`` and a ``robots.txt``;
    without it (the default) there is no canonical link and no sitemap, so the folder
    stays movable.
    """

    title: str = attrs.field(default="sarcoma_local", validator=_title)
    logo: Path | None = attrs.field(default=None, converter=_logo_path)
    base_url: str | None = attrs.field(default=None, converter=_base_url)
    footer: str = attrs.field(default="", validator=_footer)
    language: str = attrs.field(default="en", validator=_language)
    logo_uri: str | None = attrs.field(init=False, repr=False)

    @logo_uri.default
    def _logo_uri(self) -> str | None:
        return None if self.logo is None else _data_uri(self.logo)

    def url(self, path: str) -> str | None:
        """The absolute address of the page at ``path``, or ``None`` without a base URL."""
        return None if self.base_url is None else self.base_url + path


def _data_uri(path: Path) -> str:
    """The logo file as a ``data:`` URI, after checking its type and size."""
    kind = LOGO_TYPES.get(path.suffix.lower())
    if kind is None:
        raise _fail("logo", str(path), f"expected a {', '.join(LOGO_TYPES)} file")
    try:
        size = path.stat().st_size
        if size > LOGO_MAX_BYTES:
            raise _fail("logo", str(path), f"{size} bytes; the limit is {LOGO_MAX_BYTES}")
        data = path.read_bytes()
    except OSError as exc:
        raise _fail("logo", str(path), f"cannot read it: {exc.strerror or exc}") from None
    if len(data) > LOGO_MAX_BYTES:  # grew since stat()
        raise _fail("logo", str(path), f"{len(data)} bytes; the limit is {LOGO_MAX_BYTES}")
    if kind == "image/svg+xml":
        if b"<svg" not in data[:4096]:
            raise _fail("logo", str(path), "not an SVG image (no <svg element)")
    elif not data.startswith(_MAGIC[kind]):
        raise _fail("logo", str(path), f"the file is not a {kind.split('/')[1].upper()} image")
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
