"""Size of the chat tools' answers: site_options compact and full for every site.

Prints a Markdown table of JSON bytes (``json.dumps`` defaults, UTF-8), the form a
chat client hands to a model, plus how many statements the compact answer kept.

    .venv/bin/python benchmarks/chat_sizes.py
"""

from __future__ import annotations

import json
import sys

import sarcoma_local as sl


def size(answer: object) -> int:
    return len(json.dumps(answer, ensure_ascii=False).encode("utf-8"))


def main() -> int:
    print("| site | compact bytes | statements kept | full bytes |")
    print("|---|---:|---:|---:|")
    largest = 0
    for s in sl.sites():
        compact = sl.call_tool("site_options", {"site": s.key})
        full = sl.call_tool("site_options", {"site": s.key, "detail": "full"})
        kept = sum(len(o["statements"]) for o in compact["result"]["options"])
        total = sum(len(o.statements) for o in sl.options(s))
        largest = max(largest, size(compact))
        print(f"| {s.key} | {size(compact):,} | {kept}/{total} | {size(full):,} |")
    question = "My husband has 3 spots on his liver from LMS. Can they burn them?"
    print()
    print(f"largest compact site_options answer: {largest:,} bytes (promise: under 8,192)")
    print(
        f"context tool, default budget, the liver question: "
        f"{size(sl.call_tool('context', {'question': question})):,} bytes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
