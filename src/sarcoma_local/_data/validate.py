"""``sarcoma_local.validate()``: every catalogue check, as a list of problems."""

from __future__ import annotations

from .checks import validate as _validate
from .loader import get_catalogue

__all__ = ["validate"]


def validate() -> list[str]:
    """Run every curation check over the shipped catalogue; ``[]`` means it passes.

    The load-time checks already passed if this returns at all (a failing load
    raises :class:`DataIntegrityError`).

    >>> validate()
    []
    """
    return _validate(get_catalogue())
