"""Answers to real questions: question understanding, grounded context, retrieval chunks.

* :func:`context` -- the catalogue's passages that answer a question, ranked,
  cited with canonical links, within a character budget, with a coverage signal;
* :func:`chunks` -- the whole catalogue as self-contained passages for a vector store;
* :func:`understand` -- the sites, techniques, tumour types and topics a question names.
"""

from __future__ import annotations

from .chunks import chunks
from .context import Context, Passage, context
from .intent import Intent, understand
from .passages import Reference

__all__ = [
    "Context",
    "Intent",
    "Passage",
    "Reference",
    "chunks",
    "context",
    "understand",
]
