"""Guideline stances: what one guideline says about techniques at sites."""

from __future__ import annotations

import attrs

from .appraisal_vocabulary import Stance
from .record_base import Record
from .technique_records import TechniqueCategory
from .vocabulary import _tuple_of_str

__all__ = ["GuidelineStance"]


@attrs.frozen(repr=False, eq=False)
class GuidelineStance(Record):
    """What one guideline says about one or more techniques at one or more sites.

    ``citation`` is the guideline's citation record; ``summary`` is our one line;
    ``grade_as_printed`` is the guideline's own grade or wording of strength. No
    ``sites`` means the guideline spoke of metastases anywhere; ``categories`` name a
    family of techniques when the guideline did not name one technique ("ablation").
    """

    key: str
    organisation: str
    document: str
    citation: str
    stance: Stance
    summary: str
    verified_at: str
    sites: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    techniques: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    categories: tuple[TechniqueCategory, ...] = ()
    version: str = ""
    year: int | None = None
    grade_as_printed: str = ""
