"""E-utilities answer bodies: spotting bad ones, parsing XML safely, slicing each record.

XML goes through :mod:`defusedxml` (no entity expansion, no external entities or
DTD fetching: PubMed documents name an external DTD that must never be loaded).
A body that cannot declare an entity at all (UTF-8 or ASCII, no ``<!ENTITY``
anywhere, no NUL bytes) is parsed by ElementTree's C parser instead, about twice
as fast, with the same result; everything else takes the defusedxml path.
The parsers are lenient about unknown tags (the DTD changes every year) and strict
about the document itself: an NCBI ``<ERROR>``, malformed or truncated XML, or an
HTML error page raises :class:`~sarcoma_local.PubMedResponseError`.
"""

from __future__ import annotations

import functools
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import ParamSpec, TypeVar  # only the Element type and ParseError; parsing is defusedxml

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from sarcoma_local._core.errors import PubMedResponseError

from ._xmltext import flatten

_P = ParamSpec("_P")
_T = TypeVar("_T")

__all__ = [
    "EFETCH_CLOSE",
    "EFETCH_OPEN",
    "ESUMMARY_CLOSE",
    "ESUMMARY_OPEN",
    "MalformedResponseError",
    "body_problem",
    "cannot_declare_entities",
    "check_xml_body",
    "excerpt",
    "guarded",
    "own_xml",
    "parse_xml",
]

_SPACES = re.compile(r"\s+")
_ROOT_TAG = re.compile(rb"<([A-Za-z_][-\w.:]*)")
_XML_DECL_ENCODING = re.compile(
    rb"""\A(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([^"']*)["']"""
)
#: Encodings in which "<!ENTITY" can only be written as those very bytes.
_PLAIN_ENCODINGS = frozenset({b"utf-8", b"utf8", b"us-ascii", b"ascii"})
#: Longest excerpt of a bad body quoted in an error message.
_EXCERPT = 200


class MalformedResponseError(PubMedResponseError):
    """A body NCBI sends when something went wrong on its side: truncated or malformed
    XML, an HTML page, an ``<ERROR>`` or JSON error inside a 200. Worth a retry."""


def body_problem(body: bytes) -> str | None:
    """Why ``body`` is not an answer (empty, HTML, JSON error), or None; cheap, no parse.

    >>> body_problem(b'{"error":"API rate limit exceeded","count":"11"}')
    'NCBI reported an error: API rate limit exceeded'
    >>> body_problem(b"<eSearchResult/>") is None
    True
    """
    text = body.strip()
    if not text:
        return "empty answer"
    head = text[:300].lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return f"got an HTML page, not XML: {excerpt(body)}"
    if text.startswith(b"{"):
        try:
            decoded = json.loads(text)
        except ValueError:
            return f"got malformed JSON: {excerpt(body)}"
        error = decoded.get("error") if isinstance(decoded, dict) else None
        if error:
            return f"NCBI reported an error: {excerpt(str(error))}"
        return f"got JSON, not XML: {excerpt(body)}"
    return None


def excerpt(body: bytes | str) -> str:
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    text = _SPACES.sub(" ", text).strip()
    return text[:_EXCERPT] + ("..." if len(text) > _EXCERPT else "")


def parse_xml(
    body: bytes,
    *,
    what: str,
    ignore_errors: re.Pattern[str] | None = None,
    plain: bool | None = None,
) -> ET.Element:
    """Parse ``body`` safely; raise PubMedResponseError for HTML, junk or truncated XML.

    ``<ERROR>`` elements whose text matches ``ignore_errors`` are not errors.
    ``plain`` is :func:`cannot_declare_entities` of ``body`` if already known (the
    scan costs about 1 ms per MB).
    """
    head = body.lstrip()[:200].lower()
    if head.startswith((b"<!doctype html", b"<html")):
        raise MalformedResponseError(f"{what}: got an HTML page, not XML: {excerpt(body)}")
    if plain is None:
        plain = cannot_declare_entities(body)
    try:
        root: ET.Element
        if plain:
            root = ET.fromstring(body)  # noqa: S314 - see cannot_declare_entities
        else:
            # forbid_dtd stays False: every PubMed document starts with a DOCTYPE naming
            # an external DTD. ElementTree never fetches it; entities and external refs
            # are refused.
            root = SafeET.fromstring(
                body, forbid_dtd=False, forbid_entities=True, forbid_external=True
            )
    except DefusedXmlException as exc:
        raise PubMedResponseError(f"{what}: refused unsafe XML ({type(exc).__name__})") from exc
    except ET.ParseError as exc:
        raise MalformedResponseError(
            f"{what}: malformed or truncated XML ({exc}): {excerpt(body)}"
        ) from exc
    # A bytes scan beats walking the tree; it is exact only for UTF-8/ASCII bodies.
    if root.tag == "ERROR" or not plain or b"<ERROR" in body:
        _raise_for_error(root, what=what, ignore=ignore_errors)
    return root


def cannot_declare_entities(body: bytes) -> bool:
    """True when ``body`` provably declares no entity, so the C parser is as safe as defusedxml.

    Every entity (internal, external, parameter or unparsed) needs a ``<!ENTITY``
    declaration; expat never loads the external DTD PubMed names (parameter entity
    parsing is off) and refuses undeclared ones. The bytes test is exact only when
    the document is UTF-8/ASCII: no NUL (UTF-16/32 write "<" as two or four bytes)
    and no XML declaration naming another encoding (EBCDIC and other single-byte
    codecs would spell the declaration differently).

    >>> cannot_declare_entities(b'<?xml version="1.0"?><a>&amp;</a>')
    True
    >>> cannot_declare_entities(b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>')
    False
    >>> cannot_declare_entities('<a/>'.encode("utf-16"))
    False
    """
    if b"\x00" in body or b"<!ENTITY" in body:
        return False
    if body.startswith((b"\xfe\xff", b"\xff\xfe")):
        return False
    declared = _XML_DECL_ENCODING.match(body)
    return declared is None or declared.group(1).strip().lower() in _PLAIN_ENCODINGS


def _raise_for_error(root: ET.Element, *, what: str, ignore: re.Pattern[str] | None = None) -> None:
    # NCBI reports many failures as <ERROR> inside an HTTP 200 document.
    errors = [flatten(e) for e in root.iter("ERROR")]
    if ignore is not None and root.tag != "ERROR":
        errors = [e for e in errors if not ignore.search(e)]
    if root.tag == "ERROR" or errors:
        message = "; ".join(e for e in errors if e) or flatten(root)
        raise MalformedResponseError(f"{what}: NCBI reported an error: {message}")


def check_xml_body(body: bytes) -> bool:
    """Cheap test used before caching: True when ``body`` looks like a complete NCBI answer.

    No full parse (that happens once in the client); this refuses the usual
    bad shapes: empty, HTML, JSON errors, ``<ERROR>``, and a document whose last
    tag is not a closing tag (truncated).
    """
    text = body.strip()
    if not text:
        return False
    lowered = text[:300].lower()
    if lowered.startswith((b"<!doctype html", b"<html")):
        return False
    if text.startswith(b"{"):
        return b'"error"' not in text.lower()
    if text.startswith(b"<"):
        if b"<ERROR>" in text:
            return False
        root = _ROOT_TAG.search(text)  # first element name; skips <?xml and <!DOCTYPE
        if root is None:
            return False
        name = root.group(1)
        return text.endswith((b"</" + name + b">", b"<" + name + b"/>"))
    # ECitMatch answers are plain text lines.
    return True


def guarded(what: str) -> Callable[[Callable[_P, _T]], Callable[_P, _T]]:
    """Turn any exception of a parser into PubMedResponseError (never a raw ValueError)."""

    def wrap(parse: Callable[_P, _T]) -> Callable[_P, _T]:
        @functools.wraps(parse)
        def safe(*args: _P.args, **kwargs: _P.kwargs) -> _T:
            try:
                return parse(*args, **kwargs)
            except PubMedResponseError:
                raise
            except Exception as exc:  # RecursionError, ValueError, MemoryError, ...
                raise PubMedResponseError(
                    f"{what}: could not read the answer ({type(exc).__name__}: {exc})"
                ) from exc

        return safe

    return wrap


def _slices(body: bytes, tags: tuple[bytes, ...]) -> list[bytes]:
    """``<tag>...</tag>`` slices of ``body`` in order (bytes.find: far faster than a regex)."""
    opens = {tag: b"<" + tag + b">" for tag in tags}
    ahead = {tag: body.find(opens[tag]) for tag in tags}
    found: list[bytes] = []
    while True:
        live = [(at, tag) for tag, at in ahead.items() if at >= 0]
        if not live:
            return found
        start, tag = min(live)
        close = b"</" + tag + b">"
        end = body.find(close, start)
        if end < 0:
            return found
        end += len(close)
        found.append(body[start:end])
        for other in tags:  # skip openings inside the slice (none in valid PubMed XML)
            if 0 <= ahead[other] < end:
                ahead[other] = body.find(opens[other], end)


def own_xml(
    body: bytes,
    elements: list[ET.Element],
    span: tuple[bytes, ...],
    *,
    plain: bool | None = None,
) -> list[bytes]:
    """Each record's own bytes, sliced from the answer (serialising costs ms per record).

    The slices are used only when they provably match the parsed records: a
    UTF-8/ASCII body, as many slices as records, in the same order. Otherwise
    (another encoding, CDATA, odd markup) each record is serialised instead.
    """
    if plain is None:
        plain = cannot_declare_entities(body)
    if plain:
        slices = _slices(body, span)
        if len(slices) == len(elements) and all(
            s[1 : 1 + len(e.tag)] == e.tag.encode() for s, e in zip(slices, elements, strict=True)
        ):
            return slices
    serialised = []
    for element in elements:
        element.tail = None
        xml: bytes = ET.tostring(element, encoding="utf-8", xml_declaration=False)
        serialised.append(xml)
    return serialised


#: Wrap cached record XML so the normal parsers read it.
EFETCH_OPEN, EFETCH_CLOSE = b"<PubmedArticleSet>", b"</PubmedArticleSet>"
ESUMMARY_OPEN, ESUMMARY_CLOSE = b"<eSummaryResult>", b"</eSummaryResult>"
