"""Where each record sits in its data file, so a first query parses only what it reads.

A first ``citation(pmid=...)`` needs one citation, but parsing all of
``citations.json`` (650 kB) to find it was about a tenth of that first call, and
checking the JSON of every citation against the others another twentieth. The package
therefore ships ``data/record-index.jsonl``, written by
``scripts/build_search_index.py``: for ``citations.json``, ``options.json``,
``techniques.json`` and ``sites.json``, one line each: the byte span of each record (and of the
``_provenance`` block), plus the citations' PMIDs and DOIs.

The script writes it only from data that passed every load check, and each line
carries a CRC-32 of the files that file's checks read. When they are byte for byte
what passed,
the loader parses one record at a time from its span and builds it without checking
it again; when any differs (data edited, the script not run again) or the index is
missing or unreadable, the loader parses and checks everything as before, so a stale
index is never used. ``validate()`` runs every check either way, and
``tests/core/test_record_index_file.py`` fails until the file is written again.

>>> data = b'{"_provenance": {}, "things": [{"key": "a"}, {"key": "b", "n": 2}]}'
>>> spans = record_spans(data, "things", lambda r: r["key"])
>>> records = SpanRecords(data, spans["records"])
>>> list(records), records["b"]
(['a', 'b'], {'key': 'b', 'n': 2})
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Iterator, Mapping
from typing import Any

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
RECORD_INDEX_FORMAT = 2

#: The data files whose records the index locates: the member holding the list, and
#: the files whose bytes that file's load checks read (an option names its site,
#: technique and citations). A file's line is current only while none of them changed.
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


def _label() -> str:
    return f"record index format {RECORD_INDEX_FORMAT}"


class SpanRecords(Mapping[str, dict[str, Any]]):
    """``key -> parsed JSON object``, each parsed from its byte span when it is read."""

    __slots__ = ("_data", "_spans")

    def __init__(self, data: bytes, spans: Mapping[str, tuple[int, int]]) -> None:
        self._data = data
        self._spans = spans

    def __getitem__(self, key: str) -> dict[str, Any]:
        start, end = self._spans[key]
        record: dict[str, Any] = json.loads(self._data[start:end])
        return record

    def __contains__(self, key: object) -> bool:
        return key in self._spans

    def __iter__(self) -> Iterator[str]:
        return iter(self._spans)

    def __len__(self) -> int:
        return len(self._spans)


class FileSpans:
    """One data file's line of the index: its records by key, and its provenance."""

    __slots__ = ("_data", "_entry")

    def __init__(self, data: bytes, entry: dict[str, Any]) -> None:
        self._data = data
        self._entry = entry

    @property
    def records(self) -> SpanRecords:
        """The file's records by key, in file order, each parsed when read."""
        keys, offsets = self._entry["keys"], self._entry["spans"]
        pairs = zip(offsets[0::2], offsets[1::2], strict=True)
        return SpanRecords(self._data, dict(zip(keys, pairs, strict=True)))

    @property
    def provenance(self) -> dict[str, Any]:
        """The file's ``_provenance`` block."""
        start, end = self._entry["_provenance"]
        provenance: dict[str, Any] = json.loads(self._data[start:end])
        return provenance

    def keys_by(self, field: str) -> dict[str, str]:
        """A field's value (a PMID as text, a lower-case DOI) -> record key."""
        found: dict[str, str] = self._entry[field]
        return found


def shipped_spans(read: Callable[[str], bytes], name: str) -> FileSpans | None:
    """Where the records of data file ``name`` sit, or ``None`` when the index is missing,
    unreadable or out of date for it (then parse and check the file as a whole)."""
    member, checked = SPANNED[name]
    prefix = f'{{"file": "{name}",'.encode()
    data: dict[str, bytes] = {}

    def remember(file: str) -> bytes:
        data[file] = read(file)  # read once, for the checksum and then for the records
        return data[file]

    try:
        # One line per data file, so only that line is parsed.
        line = next((x for x in read(RECORD_INDEX_FILE).split(b"\n") if x.startswith(prefix)), b"")
        entry = json.loads(line) if line else None
        if (
            not isinstance(entry, dict)
            or entry.get("member") != member
            or tuple(entry.get("checked_files", ())) != checked
            or entry.get("checksum") != checksum(remember, checked, _label())
        ):
            return None
        return FileSpans(data[name], entry)
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
            "member": member,
            "checked_files": list(checked),
            "checksum": checksum(read, checked, _label()),
            "_provenance": found["_provenance"],
            "keys": list(found["records"]),
            "spans": [offset for span in found["records"].values() for offset in span],
        }
        if name == "citations.json":
            parsed = json.loads(data)[member]
            entry["pmid"] = {str(r["pmid"]): r["key"] for r in parsed if r.get("pmid") is not None}
            entry["doi"] = {r["doi"].lower(): r["key"] for r in parsed if r.get("doi")}
        lines.append(json.dumps(entry, ensure_ascii=False))
    return "\n".join(lines) + "\n"
