"""Text of XML elements: inline markup removed, XML whitespace collapsed, MathML squeezed.

Also the small readers every parser shares: a child's text, an ASCII number, a PMID.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # only the Element type; parsing is in _responses

from sarcoma_local._core.errors import PubMedResponseError
from sarcoma_local._core.identifiers import MAX_PMID

__all__ = ["MAX_DEPTH", "ascii_number", "child_text", "every", "first", "flatten", "valid_pmid"]

_MATHML = "{http://www.w3.org/1998/Math/MathML}"
#: XML's own whitespace (plus \f\v): collapsed. Unicode spaces (no-break, thin) are text.
_ASCII_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_ASCII_WS = " \t\n\r\f\v"
#: Deepest inline markup read inside one text element (real records nest < 20 levels).
MAX_DEPTH = 200


def flatten(element: ET.Element | None) -> str:
    """All text inside ``element`` with inline markup removed and whitespace collapsed.

    ``<i>``, ``<sub>`` and friends keep their text; MathML is squeezed to its tokens
    (``V.O2max``) because the pretty-printer's indentation inside it is not text.

    >>> import xml.etree.ElementTree as ET
    >>> flatten(ET.fromstring("<T>EC<sub>50</sub> of <i>B. cinerea</i></T>"))
    'EC50 of B. cinerea'
    """
    if element is None:
        return ""
    if not len(element):
        # Most elements are leaves: skip the walk (and, for ASCII text, the call). A
        # MathML leaf reads the same either way (its text, XML whitespace collapsed).
        text = element.text
        if not text:
            return ""
        if text.isascii():
            return " ".join(text.split())
        return _squash(text)
    parts: list[str] = []
    _collect(element, parts)
    return _squash("".join(parts))


def _squash(text: str) -> str:
    r"""Collapse runs of XML whitespace to one space; keep no-break and thin spaces.

    >>> _squash(" 5\u00a0mg \n dose ")
    '5\xa0mg dose'
    """
    if text.isascii():
        # str.split() is several times faster than re.sub, and on ASCII text it
        # splits on the same characters as the pattern (plus four control codes).
        return " ".join(text.split())
    return _ASCII_SPACES.sub(" ", text).strip(_ASCII_WS)


def _collect(element: ET.Element, parts: list[str]) -> None:
    # An explicit stack, not recursion: a hostile body may nest thousands of tags.
    stack: list[tuple[ET.Element | str, int]] = [(element, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        if depth > MAX_DEPTH:
            raise PubMedResponseError(f"markup nested deeper than {MAX_DEPTH} levels; refused")
        if item.tag.startswith(_MATHML):
            parts.append(_mathml_text(item))
            continue
        if item.text:
            parts.append(item.text)
        for child in reversed(item):
            if child.tail:
                stack.append((child.tail, depth))
            stack.append((child, depth + 1))


def _mathml_text(math: ET.Element) -> str:
    """MathML squeezed to its tokens, prescripts first (``³He`` -> ``3He``).

    Only the pretty-printer's ASCII indentation is dropped; a thin space inside a
    token (``10 000``) is text.
    """
    parts: list[str] = []
    stack = [(math, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise PubMedResponseError(f"MathML nested deeper than {MAX_DEPTH} levels; refused")
        if node.text:
            parts.append(node.text.strip(_ASCII_WS))
        children = list(node)
        if node.tag == _MATHML + "mmultiscripts":
            # base, post-scripts..., <mprescripts/>, pre-scripts...: read pre, base, post.
            split = next(
                (i for i, c in enumerate(children) if c.tag == _MATHML + "mprescripts"), None
            )
            if split is not None and children:
                children = children[split + 1 :] + children[:1] + children[1:split]
        stack.extend((child, depth + 1) for child in reversed(children))
    return "".join(parts)


def child_text(parent: ET.Element | None, path: str) -> str:
    """Text of ``parent``'s first child ``path`` (a tag, or ``"Tag/Sub"``), or ""."""
    if parent is None:
        return ""
    return flatten(first(parent, path))


def first(parent: ET.Element, path: str) -> ET.Element | None:
    """``parent.find(path)`` for ``"Tag"`` or ``"Tag/Sub"``, without ElementPath.

    ElementTree's C ``find``/``findall`` handle a plain tag themselves; a path with
    a ``/`` goes through the pure-Python ElementPath, several times slower.
    """
    tag, _, sub = path.partition("/")
    if not sub:
        return parent.find(tag)
    for child in parent.findall(tag):
        found = child.find(sub)
        if found is not None:
            return found
    return None


def every(parent: ET.Element, path: str) -> list[ET.Element]:
    """``parent.findall(path)`` for ``"Tag"`` or ``"Tag/Sub"``, without ElementPath."""
    tag, _, sub = path.partition("/")
    if not sub:
        return parent.findall(tag)
    return [found for child in parent.findall(tag) for found in child.findall(sub)]


def ascii_number(text: str) -> int | None:
    """``text`` as a non-negative int when it is ASCII digits only (``"2²"`` is not)."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None


def valid_pmid(text: str) -> int | None:
    number = ascii_number(text)
    return number if number is not None and 0 < number <= MAX_PMID else None
