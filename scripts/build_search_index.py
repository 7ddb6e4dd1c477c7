"""Write the shipped indexes: ``src/sarcoma_local/data/search-index.json`` (the search
index) and ``src/sarcoma_local/data/record-index.jsonl`` (where each record sits).

    python scripts/build_search_index.py          # write them (after any data change)
    python scripts/build_search_index.py --check  # exit 1 if either is out of date

Both are built from the data files, and only once every check passes: the search
index exactly as a search would build it without the file (see
``sarcoma_local._data.indexing``), the record index from the files' bytes (see
``sarcoma_local._data.spans``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sarcoma_local._core.resources import read_data
from sarcoma_local._data.checks import validate
from sarcoma_local._data.indexing import INDEX_FILE, search_index_file
from sarcoma_local._data.loader import get_catalogue, record_keys, use_record_index
from sarcoma_local._data.spans import RECORD_INDEX_FILE, record_index_file


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only report whether they are current")
    args = parser.parse_args()
    import sarcoma_local.data

    use_record_index(False)  # load and check the data files whole, not through the old index
    catalogue = get_catalogue()
    problems = validate(catalogue)  # loads and checks every record first
    if problems:
        print("the data does not pass its checks; fix these first:", *problems, sep="\n  ")
        return 1
    folder = Path(sarcoma_local.data.__file__).parent
    status = 0
    for name, text in (
        (INDEX_FILE, search_index_file(catalogue, read_data)),
        (RECORD_INDEX_FILE, record_index_file(read_data, record_keys())),
    ):
        path = folder / name
        current = path.exists() and path.read_text(encoding="utf-8") == text
        if args.check:
            print(f"{path}: {'up to date' if current else 'OUT OF DATE (run this script)'}")
            status = status or (0 if current else 1)
            continue
        if not current:
            path.write_text(text, encoding="utf-8")
        print(f"{path}: {'unchanged' if current else 'written'} ({len(text.encode())} bytes)")
    return status


if __name__ == "__main__":
    sys.exit(main())
