"""Syntax checks for PMIDs, DOIs and PMCIDs, shared by the catalogue and the PubMed client.

Each ``parse_*`` returns the canonical form or raises
:class:`~sarcoma_local.InvalidIdentifierError`; nothing here does I/O.
"""

from __future__ import annotations

import re

from .errors import InvalidIdentifierError

__all__ = ["MAX_PMID", "is_valid_pmid", "parse_doi", "parse_pmcid", "parse_pmid"]

#: PMIDs are assigned sequentially and are below 100 million today; eight digits
#: leave room for decades while refusing absurd values before any request.
MAX_PMID = 99_999_999

_DIGITS = re.compile(r"[0-9]{1,8}")
# Crossref's recommended pattern for modern DOIs, anchored; case is not significant.
_DOI = re.compile(r"10\.[0-9]{4,9}/[-._;()/:A-Za-z0-9<>\[\]]+")
_DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "doi:")
_PMCID = re.compile(r"(?:PMC)?([0-9]{1,9})", re.IGNORECASE)


def parse_pmid(value: object) -> int:
    """Return ``value`` as a PMID (a positive integer of at most eight digits).

    Accepts an ``int`` or a string of digits (surrounding spaces ignored).

    >>> parse_pmid(" 3973646 ")
    3973646
    >>> parse_pmid("PMID:1")
    Traceback (most recent call last):
    ...
    sarcoma_local.InvalidIdentifierError: invalid PMID 'PMID:1': digits only (1 to 8)
    """
    if isinstance(value, bool):
        raise InvalidIdentifierError("pmid", value, "a bool is not a PMID")
    if isinstance(value, int):
        if value <= 0:
            raise InvalidIdentifierError("pmid", value, "must be a positive number")
        if value > MAX_PMID:
            raise InvalidIdentifierError("pmid", value, "more than eight digits")
        return value
    if isinstance(value, str):
        text = value.strip()
        if not _DIGITS.fullmatch(text):
            raise InvalidIdentifierError("pmid", value, "digits only (1 to 8)")
        number = int(text)
        if number == 0:
            raise InvalidIdentifierError("pmid", value, "must be a positive number")
        return number
    raise InvalidIdentifierError("pmid", value, f"expected int or str, got {type(value).__name__}")


def is_valid_pmid(value: object) -> bool:
    """True when :func:`parse_pmid` would accept ``value``; never raises."""
    try:
        parse_pmid(value)
    except InvalidIdentifierError:
        return False
    return True


def parse_doi(value: object) -> str:
    """Return the DOI in canonical form: no resolver prefix, lower case.

    DOIs are case-insensitive, so lower case makes equal DOIs compare equal.

    >>> parse_doi("https://doi.org/10.1200/JCO.1985.3.3.353")
    '10.1200/jco.1985.3.3.353'
    """
    if not isinstance(value, str):
        raise InvalidIdentifierError("doi", value, f"expected str, got {type(value).__name__}")
    text = value.strip()
    lowered = text.lower()
    for prefix in _DOI_PREFIXES:
        if lowered.startswith(prefix):
            text = text[len(prefix) :].strip()
            break
    if not _DOI.fullmatch(text):
        raise InvalidIdentifierError("doi", value, "expected 10.<registrant>/<suffix>")
    return text.lower()


def parse_pmcid(value: object) -> str:
    """Return a PubMed Central id as ``PMC`` followed by digits.

    >>> parse_pmcid("pmc3657306")
    'PMC3657306'
    """
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InvalidIdentifierError("pmcid", value, "expected str or int")
    match = _PMCID.fullmatch(str(value).strip())
    if match is None or int(match.group(1)) == 0:
        raise InvalidIdentifierError("pmcid", value, "expected PMC followed by digits")
    return f"PMC{int(match.group(1))}"
