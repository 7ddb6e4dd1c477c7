"""The facade ``sarcoma_local/__init__.py``: one lazy table, one ``__all__``, one import list."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import sarcoma_local as sl
from sarcoma_local._render.labels import READER_TEXTS, label, meaning

INIT = Path(sl.__file__)


def _type_checking_names() -> set[str]:
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    block = next(
        n
        for n in tree.body
        if isinstance(n, ast.If) and getattr(n.test, "id", "") == "TYPE_CHECKING"
    )
    return {
        alias.asname or alias.name
        for node in block.body
        if isinstance(node, ast.ImportFrom) and node.module != "typing"
        for alias in node.names
    }


def test_every_lazy_name_is_public() -> None:
    assert set(sl._LAZY) <= set(sl.__all__)


def test_type_checking_imports_are_exactly_the_lazy_names() -> None:
    assert _type_checking_names() == set(sl._LAZY)


def test_every_public_name_resolves() -> None:
    missing = [name for name in sl.__all__ if not hasattr(sl, name)]
    assert missing == []


@pytest.mark.parametrize(("name", "module"), sorted(sl._LAZY.items()))
def test_lazy_table_points_at_the_defining_module(name: str, module: str) -> None:
    assert hasattr(importlib.import_module(f"sarcoma_local.{module}"), name)


def test_all_has_no_duplicates() -> None:
    assert len(sl.__all__) == len(set(sl.__all__))


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'sitez'"):
        sl.sitez  # noqa: B018


VOCABULARIES = [sl.Role, sl.Population, sl.StudyType, sl.EvidenceKind, sl.Flag, sl.RuleKind,
                sl.TableKind, sl.TechniqueCategory, sl.Source, sl.Measure, sl.Statistic, sl.Unit,
                sl.Direction, sl.Centres, sl.Sampling, sl.DesignLevel, sl.Endpoint,
                sl.Stance]  # fmt: skip


@pytest.mark.parametrize("vocabulary", VOCABULARIES, ids=lambda v: v.__name__)
def test_every_vocabulary_member_has_a_reader_text(vocabulary: type) -> None:
    assert set(READER_TEXTS[vocabulary]) == set(vocabulary)  # type: ignore[call-overload]


@pytest.mark.parametrize("member", [m for v in VOCABULARIES for m in v], ids=str)
def test_reader_texts_are_not_the_raw_value(member: sl.Role) -> None:
    assert label(member)
    assert meaning(member) != member.value


def test_every_enum_in_the_model_is_a_known_vocabulary() -> None:
    from enum import Enum

    from sarcoma_local._data import (
        appraisal_vocabulary,
        evidence,
        figure_vocabulary,
        models,
        study_vocabulary,
        tables,
        technique_records,
        vocabulary,
    )

    homes = (
        models,
        vocabulary,
        evidence,
        tables,
        figure_vocabulary,
        study_vocabulary,
        appraisal_vocabulary,
        technique_records,
    )
    enums = {
        obj
        for mod in homes
        for obj in vars(mod).values()
        if isinstance(obj, type) and issubclass(obj, Enum) and obj.__module__ == mod.__name__
    }
    assert enums == set(VOCABULARIES)
