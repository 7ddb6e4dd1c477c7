"""Keys are a contract: every key of a released data version keeps resolving.

Applications store site, technique, option, citation, table, histology, primary-site
and rule keys. ``data/released-keys-<version>.json`` freezes the keys of each release;
a later rename must leave the old key resolving (as an alias) to the same record.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import sarcoma_local as sl

RELEASES = sorted((Path(__file__).parent / "data").glob("released-keys-*.json"))


def _released(kind: str) -> list[tuple[str, str]]:
    pairs = []
    for path in RELEASES:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        # A kind first released later (the glossary, 2026.11.30) is absent before.
        pairs += [(data["data_version"], key) for key in data.get(kind, ())]
    return pairs


def _same(record: Any, key: str) -> bool:
    # Unchanged, or renamed with the old key kept as an alias of the new record.
    return bool(record.key == key or key in getattr(record, "aliases", ()))


def test_a_released_key_file_exists() -> None:
    assert RELEASES, "tests/core/data/released-keys-*.json is missing"


@pytest.mark.parametrize(("release", "key"), _released("sites"))
def test_released_site_keys_resolve(release: str, key: str) -> None:
    assert _same(sl.site(key), key)


@pytest.mark.parametrize(("release", "key"), _released("techniques"))
def test_released_technique_keys_resolve(release: str, key: str) -> None:
    assert _same(sl.technique(key), key)


@pytest.mark.parametrize(("release", "key"), _released("options"))
def test_released_option_keys_resolve(release: str, key: str) -> None:
    site, technique = key.split("/")
    option = sl.option(site, technique)
    assert (option.site, option.technique) == (site, technique)


@pytest.mark.parametrize(("release", "key"), _released("citations"))
def test_released_citation_keys_resolve(release: str, key: str) -> None:
    assert _same(sl.citation(key), key)


@pytest.mark.parametrize(("release", "key"), _released("tables"))
def test_released_table_keys_resolve(release: str, key: str) -> None:
    assert _same(sl.recurrence_table(key), key)


@pytest.mark.parametrize(("release", "key"), _released("histologies"))
def test_released_histology_keys_resolve(release: str, key: str) -> None:
    assert _same(sl.histology(key), key)


@pytest.mark.parametrize(("release", "key"), _released("primary_sites"))
def test_released_primary_site_keys_resolve(release: str, key: str) -> None:
    assert _same(sl.primary_site(key), key)


@pytest.mark.parametrize(("release", "key"), _released("rules"))
def test_released_rule_keys_resolve(release: str, key: str) -> None:
    assert _same(sl.rule(key), key)


@pytest.mark.parametrize(("release", "key"), _released("glossary"))
def test_released_glossary_keys_resolve(release: str, key: str) -> None:
    assert _same(sl.glossary_term(key), key)
