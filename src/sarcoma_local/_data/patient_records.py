"""The plain-words text a patient reads about a technique or an option.

It has its own module because options carry it too: a first ``options()`` then
creates no technique class.
"""

from __future__ import annotations

import attrs

from .record_base import Record
from .vocabulary import _tuple_of_str

__all__ = ["PatientText"]


@attrs.frozen(repr=False, eq=False)
class PatientText(Record):
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
