"""Write the shipped search index, ``src/sarcoma_local/data/search-index.json``.

    python scripts/build_search_index.py          # write it (after any data change)
    python scripts/build_search_index.py --check  # exit 1 if it is out of date

The index is built from the records in the data files, exactly as a search would build
it without the file (see ``sarcoma_local._data.indexing``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sarcoma_local._core.resources import read_data
from sarcoma_local._data.indexing import INDEX_FILE, search_index_file
from sarcoma_local._data.loader import get_catalogue


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only report whether it is current")
    args = parser.parse_args()
    import sarcoma_local.data

    path = Path(sarcoma_local.data.__file__).parent / INDEX_FILE
    text = search_index_file(get_catalogue(), read_data)
    current = path.exists() and path.read_text(encoding="utf-8") == text
    if args.check:
        print(f"{path}: {'up to date' if current else 'OUT OF DATE (run this script)'}")
        return 0 if current else 1
    if not current:
        path.write_text(text, encoding="utf-8")
    print(f"{path}: {'unchanged' if current else 'written'} ({len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
