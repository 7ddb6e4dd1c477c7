"""Where each record sits in its data file, so a first query parses only what it reads.

A first ``citation(pmid=...)`` needs one citation, but parsing all of
``citations.json`` (650 kB) to find it was about a tenth of that first call, and
checking the JSON of every citation against the others another twentieth. The package
therefore ships ``data/record-index.jsonl``, written by
``scripts/build_search_index.py`` only from data that passed every load check: for
``citations.json``, ``options.json``, ``techniques.json`` and ``sites.json``, one line
each with the byte span and CRC-32 of every record (and of the ``_provenance`` block),
plus the citations' PMIDs and DOIs.

A line is current while the files its checks read (an option names its site, technique
and citations) have the lengths they had when it was written; each record's bytes are
checked against their CRC-32 when the record is read. So a first query reads, checks and
parses only its own records, and costs the same however large the catalogue grows.
Current records are built without running the load checks again: they are byte for byte
what passed them. A file whose length changed (data edited, the script not run again)
is parsed and checked as a whole, as without the index; a record edited in place
without changing the file's length is refused with a :class:`DataIntegrityError` that
says to run the script. ``validate()`` runs every check either way, and
``tests/core/test_record_index_file.py`` fails until the file is written again.

>>> data = b'{"_provenance": {}, "things": [{"key": "a"}, {"key": "b", "n": 2}]}'
>>> spans = record_spans(data, "things", lambda r: r["key"])
>>> records = SpanRecords("x.json", data, spans["records"])
>>> list(records), records["b"]
(['a', 'b'], {'key': 'b', 'n': 2})
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from sarcoma_local._core.errors import DataIntegrityError

__all__ = [
    "RECORD_INDEX_FILE",
    "SPANNED",
    "FileSpans",
    "SpanRecords",
    "checksum",
    "record_index_file",
    "record_spans",
    "shipped_spans",
]

#: The shipped record index, in ``sarcoma_local/data``: one line per data file.
RECORD_INDEX_FILE = "record-index.jsonl"

#: Bump when the layout of the index, or what the load checks read, changes.
RECORD_INDEX_FORMAT = 3

#: The data files whose records the index locates: the member holding the list, and
#: the files that file's load checks read (an option names its site, technique and
#: citations). A file's line is current only while each of them keeps its length.
SPANNED: dict[str, tuple[str, tuple[str, ...]]] = {
    "citations.json": ("citations", ("citations.json",)),
    "options.json": (
        "options",
        ("options.json", "sites.json", "techniques.json", "citations.json"),
    ),
    "techniques.json": ("techniques", ("techniques.json",)),
    "sites.json": ("sites", ("sites.json",)),
}


def checksum(read: Callable[[str], bytes], names: tuple[str, ...], label: str) -> str:
    """A CRC-32 over ``label`` and the files ``names`` as ``read`` returns them.

    CRC-32, not a cryptographic hash: it only has to notice an edit, and it costs a
    fraction of a millisecond where importing ``hashlib`` alone costs about 3 ms.

    >>> checksum(lambda name: b"{}", ("a.json",), "format 1")
    'crc32:0eb5cad3'
    """
    crc = zlib.crc32(label.encode())
    for name in names:
        crc = zlib.crc32(read(name), zlib.crc32(name.encode(), crc))
    return f"crc32:{crc:08x}"


class SpanRecords(Mapping[str, dict[str, Any]]):
    """``key -> parsed JSON object``, each read from its byte span when it is asked for.

    A span is ``(start, end)``, or ``(start, end, crc)`` when its bytes must still have
    the CRC-32 they had when the index was written (else :class:`DataIntegrityError`).
    """

    __slots__ = ("_data", "_name", "_spans")

    def __init__(self, name: str, data: bytes, spans: Mapping[str, Sequence[int]]) -> None:
        self._name = name
        self._data = data
        self._spans = spans

    def __getitem__(self, key: str) -> dict[str, Any]:
        return _parse(self._name, key, self._data, self._spans[key])

    def __contains__(self, key: object) -> bool:
        return key in self._spans

    def __iter__(self) -> Iterator[str]:
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)


def _parse(name: str, key: str, data: bytes, span: Sequence[int]) -> dict[str, Any]:
    chunk = data[span[0] : span[1]]
    if len(span) > 2 and zlib.crc32(chunk) != span[2]:
        raise DataIntegrityError(
            [
                f"{name} {key}: changed since data/{RECORD_INDEX_FILE} was written; "
                "run python scripts/build_search_index.py"
            ]
        )
    record: dict[str, Any] = json.loads(chunk)
    return record


class FileSpans:
    """One data file's line of the index: its records by key, and its provenance."""

    __slots__ = ("_data", "_entry", "_name")

    def __init__(self, name: str, data: bytes, entry: dict[str, Any]) -> None:
        self._name = name
        self._data = data
        self._entry = entry

    @property
    def records(self) -> SpanRecords:
        """The file's records by key, in file order, each checked and parsed when read."""
        keys, spans = self._entry["keys"], self._entry["spans"]
        triples = zip(spans[0::3], spans[1::3], spans[2::3], strict=True)
        return SpanRecords(self._name, self._data, dict(zip(keys, triples, strict=True)))

    @property
    def provenance(self) -> dict[str, Any]:
        """The file's ``_provenance`` block."""
        return _parse(self._name, "_provenance", self._data, self._entry["_provenance"])

    def keys_by(self, field: str) -> dict[str, str]:
        """A field's value (a PMID as text, a lower-case DOI) -> record key."""
        found: dict[str, str] = self._entry[field]
        return found


def shipped_spans(read: Callable[[str], bytes], name: str) -> FileSpans | None:
    """Where the records of data file ``name`` sit, or ``None`` when the index is missing,
    unreadable or out of date for it (then parse and check the file as a whole)."""
    member, checked = SPANNED[name]
    prefix = f'{{"file": "{name}",'.encode()
    try:
        # One line per data file, so only that line is parsed.
        line = next((x for x in read(RECORD_INDEX_FILE).split(b"\n") if x.startswith(prefix)), b"")
        entry = json.loads(line) if line else None
        if (
            not isinstance(entry, dict)
            or entry.get("format") != RECORD_INDEX_FORMAT
            or entry.get("member") != member
            or tuple(entry.get("checked_files", ())) != checked
        ):
            return None
        data = read(name)
        lengths = [len(data) if file == name else len(read(file)) for file in checked]
        if lengths != entry.get("lengths"):
            return None
        return FileSpans(name, data, entry)
    except (OSError, ValueError, TypeError, KeyError):
        return None  # then every record is parsed and checked, as without the file


def _skip_space(text: str, at: int) -> int:
    while text[at] in " \t\r\n":
        at += 1
    return at


def record_spans(data: bytes, member: str, key: Callable[[dict[str, Any]], str]) -> dict[str, Any]:
    """The byte spans of the ``_provenance`` block and of each record in ``member``.

    The bytes are read as Latin-1, one character per byte, so positions are byte
    offsets; the bytes of a UTF-8 character are all above 0x7F and never look like
    JSON punctuation. Each record is parsed again from its span to read its key.
    """
    text = data.decode("latin-1")
    decoder = json.JSONDecoder()
    found: dict[str, Any] = {"_provenance": None, "records": {}}
    at = _skip_space(text, 0)
    if text[at] != "{":
        raise ValueError("top level is not an object")
    at = _skip_space(text, at + 1)
    while text[at] != "}":
        name, at = decoder.raw_decode(text, at)
        at = _skip_space(text, at)
        if text[at] != ":":
            raise ValueError(f"expected ':' at byte {at}")
        at = _skip_space(text, at + 1)
        if name == member:
            at = _list_spans(text, at, data, key, found["records"], decoder)
        else:
            start = at
            _, at = decoder.raw_decode(text, at)
            if name == "_provenance":
                found["_provenance"] = [start, at]
        at = _skip_space(text, at)
        if text[at] == ",":
            at = _skip_space(text, at + 1)
    if found["_provenance"] is None:
        raise ValueError("no _provenance block")
    return found


def _list_spans(
    text: str,
    at: int,
    data: bytes,
    key: Callable[[dict[str, Any]], str],
    records: dict[str, list[int]],
    decoder: json.JSONDecoder,
) -> int:
    if text[at] != "[":
        raise ValueError(f"expected '[' at byte {at}")
    at = _skip_space(text, at + 1)
    while text[at] != "]":
        start = at
        _, at = decoder.raw_decode(text, at)
        records[key(json.loads(data[start:at]))] = [start, at]
        at = _skip_space(text, at)
        if text[at] == ",":
            at = _skip_space(text, at + 1)
    return at + 1


def _with_crc(data: bytes, span: list[int]) -> list[int]:
    return [*span, zlib.crc32(data[span[0] : span[1]])]


def record_index_file(
    read: Callable[[str], bytes], keys: Mapping[str, Callable[[dict[str, Any]], str]]
) -> str:
    """The text of ``record-index.jsonl`` for the files ``read`` returns: one JSON line
    per data file in :data:`SPANNED`. ``keys`` names each file's key function. Write it
    only for data that passed every load check."""
    lines = []
    for name, (member, checked) in SPANNED.items():
        data = read(name)
        found = record_spans(data, member, keys[name])

        entry: dict[str, Any] = {
            "file": name,
            "format": RECORD_INDEX_FORMAT,
            "member": member,
            "checked_files": list(checked),
            "lengths": [len(read(file)) for file in checked],
            "_provenance": _with_crc(data, found["_provenance"]),
            "keys": list(found["records"]),
            "spans": [n for span in found["records"].values() for n in _with_crc(data, span)],
        }
        if name == "citations.json":
            parsed = json.loads(data)[member]
            entry["pmid"] = {str(r["pmid"]): r["key"] for r in parsed if r.get("pmid") is not None}
            entry["doi"] = {r["doi"].lower(): r["key"] for r in parsed if r.get("doi")}
        lines.append(json.dumps(entry, ensure_ascii=False))
    return "\n".join(lines) + "\n"
