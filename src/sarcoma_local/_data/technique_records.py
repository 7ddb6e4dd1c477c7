"""Technique records and the patient text they (and options) carry."""

from __future__ import annotations

import attrs

from .vocabulary import Source, TechniqueCategory, _sources, _tuple_of_str

__all__ = ["PatientText", "Technique"]


@attrs.frozen
class PatientText:
    """What a patient reads about a technique or an option, in plain words.

    A technique's text says what it is and what having it involves; an option's
    text says what the evidence at that site shows. ``questions`` are questions a
    patient may want to ask their team. Written for a reading grade of 8 or below
    (a test measures every one); technical words are explained in the glossary.

    >>> PatientText("A thin needle heats the spot.", questions="Will it hurt?").questions
    ('Will it hurt?',)
    """

    text: str
    questions: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)


def _patient_text(value: object) -> PatientText | None:
    """A :class:`PatientText` from the record itself, its JSON object, or ``None``."""
    if value is None or isinstance(value, PatientText):
        return value
    if isinstance(value, dict):
        return PatientText(**value)
    raise TypeError(f"expected a patient text object, got {value!r}")


@attrs.frozen
class Technique:
    """A local-control technique, e.g. radiofrequency ablation.

    ``summary`` is written for professionals; ``patient`` says the same in plain words.
    """

    key: str
    name: str
    category: TechniqueCategory = attrs.field(converter=TechniqueCategory)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_tuple_of_str)
    summary: str = ""
    named_in: tuple[Source, ...] = attrs.field(default=(), converter=_sources)
    patient: PatientText | None = attrs.field(default=None, converter=_patient_text)
