"""Shared data for the chatbot-tool tests: one valid call per tool."""

from __future__ import annotations

from typing import Any

#: Arguments that succeed for each tool, with a fact the answer must show.
HAPPY_CALLS: dict[str, dict[str, Any]] = {
    "context": {"question": "can they burn the spots on my husband's liver?"},
    "list_sites": {},
    "site_options": {"site": "liver"},
    "explain_technique": {"technique": "RFA"},
    "citations": {"site": "lung", "technique": "SBRT"},
    "recurrence_lookup": {"primary_site": "retroperitoneum"},
    "metastatic_pattern": {"histology": "myxoid liposarcoma"},
    "nodal_spread": {"histology": "clear cell sarcoma"},
    "evidence": {"site": "soft tissue", "technique": "SBRT", "min_patients": 30},
    "guidelines": {"site": "liver", "organisation": "NICE"},
    "search": {"query": "cryo liver"},
}
