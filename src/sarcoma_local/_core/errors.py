"""Every exception ``sarcoma_local`` raises.

The tree (catch the root to catch everything the library raises on purpose)::

    SarcomaLocalError
    ├── UnknownKeyError (also a LookupError)
    │   ├── UnknownSiteError
    │   ├── UnknownTechniqueError
    │   ├── UnknownOptionError
    │   ├── UnknownHistologyError
    │   ├── UnknownPrimarySiteError
    │   ├── UnknownCitationError
    │   ├── UnknownTableError
    │   ├── UnknownRuleError
    │   ├── UnknownGlossaryTermError
    │   └── UnknownValueError (also a ValueError: a filter outside its vocabulary)
    ├── InvalidIdentifierError (also a ValueError)
    ├── InvalidBrandingError (also a ValueError: a web-site branding option)
    ├── DataIntegrityError
    └── PubMedError                      (raised only by sarcoma_local.pubmed)
        ├── PubMedNetworkError
        │   └── PubMedTimeoutError
        ├── PubMedHTTPError
        │   └── PubMedRateLimitError
        ├── PubMedResponseError
        └── PubMedNotCachedError

This module imports nothing beyond the standard library's builtins so that
``import sarcoma_local`` stays cheap and these classes can be caught without
loading any data.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "DataIntegrityError",
    "InvalidBrandingError",
    "InvalidIdentifierError",
    "PubMedError",
    "PubMedHTTPError",
    "PubMedNetworkError",
    "PubMedNotCachedError",
    "PubMedRateLimitError",
    "PubMedResponseError",
    "PubMedTimeoutError",
    "SarcomaLocalError",
    "UnknownCitationError",
    "UnknownGlossaryTermError",
    "UnknownHistologyError",
    "UnknownKeyError",
    "UnknownOptionError",
    "UnknownPrimarySiteError",
    "UnknownRuleError",
    "UnknownSiteError",
    "UnknownTableError",
    "UnknownTechniqueError",
    "UnknownValueError",
    "error_type",
]

# How many valid keys an error message lists before it says "and N more".
_MAX_LISTED = 25
# How much of what was asked for a message repeats: input can be any length.
_MAX_ECHO = 60


def echo(value: object) -> str:
    """``repr(value)``, cut to a readable length for an error message.

    >>> echo("x" * 100)[-4:]
    "...'"
    """
    text = repr(value)
    return text if len(text) <= _MAX_ECHO else text[: _MAX_ECHO - 4] + "...'"


class SarcomaLocalError(Exception):
    """Root of every error ``sarcoma_local`` raises on purpose."""


class UnknownKeyError(SarcomaLocalError, LookupError):
    """A well-formed name or key that matches nothing in the catalogue.

    ``key`` is what was asked for, ``valid`` every accepted key of that kind,
    ``suggestions`` the closest matches (best first, possibly empty).

    >>> err = UnknownKeyError("lugnx", valid=("liver", "lung"), suggestions=("lung",))
    >>> str(err)
    "unknown key 'lugnx'; did you mean 'lung'? Valid keys: liver, lung"
    """

    kind = "key"
    #: The plural of ``kind`` in messages ("Valid histologies: ...").
    kinds = "keys"

    def __init__(
        self,
        key: object,
        *,
        valid: Sequence[str] = (),
        suggestions: Sequence[str] = (),
        detail: str = "",
    ) -> None:
        self.key = key
        self.valid = tuple(valid)
        self.suggestions = tuple(suggestions)
        self.detail = detail
        super().__init__(self._message())

    def _message(self) -> str:
        parts = [f"unknown {self.kind} {echo(self.key)}"]
        if self.detail:
            parts.append(f" ({self.detail})")
        if self.suggestions:
            quoted = " or ".join(repr(s) for s in self.suggestions[:3])
            parts.append(f"; did you mean {quoted}?")
        if self.valid:
            shown = ", ".join(self.valid[:_MAX_LISTED])
            more = len(self.valid) - _MAX_LISTED
            if more > 0:
                shown += f" and {more} more"
            parts.append(f"{'' if self.suggestions else ';'} Valid {self.kinds}: {shown}")
        return "".join(parts)

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments need help to survive pickling (multiprocessing).
        return (_rebuild, (type(self), self.key, self.valid, self.suggestions, self.detail))


def _rebuild(
    cls: type[UnknownKeyError],
    key: object,
    valid: tuple[str, ...],
    suggestions: tuple[str, ...],
    detail: str,
) -> UnknownKeyError:
    return cls(key, valid=valid, suggestions=suggestions, detail=detail)


class UnknownSiteError(UnknownKeyError):
    """No metastatic site has that key, name or alias."""

    kind = "site"
    kinds = "sites"


class UnknownTechniqueError(UnknownKeyError):
    """No local-treatment technique has that key, name or alias."""

    kind = "technique"
    kinds = "techniques"


class UnknownOptionError(UnknownKeyError):
    """The site and the technique exist, but the catalogue pairs them in no option."""

    kind = "option"
    kinds = "options"

    def _message(self) -> str:
        # The detail already names what the site does have.
        if self.detail:
            return f"unknown option {echo(self.key)}: {self.detail}"
        return super()._message()


class UnknownHistologyError(UnknownKeyError):
    """No histology (tumour type) has that key, name or alias."""

    kind = "histology"
    kinds = "histologies"


class UnknownPrimarySiteError(UnknownKeyError):
    """No primary-tumour site (extremity, retroperitoneum ...) has that key or alias."""

    kind = "primary site"
    kinds = "primary sites"


class UnknownCitationError(UnknownKeyError):
    """No citation has that key, PMID or DOI."""

    kind = "citation"
    kinds = "citations"


class UnknownTableError(UnknownKeyError):
    """No recurrence table has that key, or no table row matches the filter."""

    kind = "table"
    kinds = "tables"


class UnknownRuleError(UnknownKeyError):
    """No pattern-of-spread rule has that key."""

    kind = "rule"
    kinds = "rules"


class UnknownGlossaryTermError(UnknownKeyError):
    """No glossary term has that key or word form."""

    kind = "glossary term"
    kinds = "glossary terms"


class UnknownValueError(UnknownKeyError, ValueError):
    """A filter value outside its closed vocabulary (a role, population, category ...).

    ``kind`` names the vocabulary.

    >>> str(UnknownValueError("investigatonal", vocabulary="role", valid=("standard",
    ...     "investigational"), suggestions=("investigational",)))
    "unknown role 'investigatonal'; did you mean 'investigational'? Valid values: standard, investigational"
    """  # noqa: E501

    kinds = "values"

    def __init__(
        self,
        key: object,
        *,
        vocabulary: str = "value",
        valid: Sequence[str] = (),
        suggestions: Sequence[str] = (),
    ) -> None:
        self.kind = vocabulary
        super().__init__(key, valid=valid, suggestions=suggestions)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_value, (self.key, self.kind, self.valid, self.suggestions))


def _rebuild_value(
    key: object, vocabulary: str, valid: tuple[str, ...], suggestions: tuple[str, ...]
) -> UnknownValueError:
    return UnknownValueError(key, vocabulary=vocabulary, valid=valid, suggestions=suggestions)


class InvalidIdentifierError(SarcomaLocalError, ValueError):
    """A PMID, DOI or PMCID that is malformed, refused before any lookup or request.

    >>> str(InvalidIdentifierError("pmid", "12a", "digits only"))
    "invalid PMID '12a': digits only"
    """

    def __init__(self, kind: str, value: object, reason: str) -> None:
        self.kind = kind
        self.value = value
        self.reason = reason
        super().__init__(f"invalid {kind.upper()} {echo(value)}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.kind, self.value, self.reason))


class InvalidBrandingError(SarcomaLocalError, ValueError):
    """A web-site branding option (title, logo, base URL, footer, language) that cannot be used.

    ``option`` names the option, ``value`` is what was given, ``reason`` what is wrong.

    >>> str(InvalidBrandingError("base_url", "example.org", "expected https://host/path/"))
    "invalid branding option base_url 'example.org': expected https://host/path/"
    """

    def __init__(self, option: str, value: object, reason: str) -> None:
        self.option = option
        self.value = value
        self.reason = reason
        super().__init__(f"invalid branding option {option} {echo(value)}: {reason}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.option, self.value, self.reason))


class DataIntegrityError(SarcomaLocalError):
    """The shipped data failed validation; ``problems`` lists every finding."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        head = "; ".join(self.problems[:5])
        more = f" (and {len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
        super().__init__(f"catalogue data failed validation: {head}{more}")

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problems,))


class PubMedError(SarcomaLocalError):
    """Anything that went wrong talking to NCBI E-utilities (``sarcoma_local.pubmed``)."""


class PubMedNetworkError(PubMedError):
    """The request could not be completed (connection refused, reset, DNS, ...)."""


class PubMedTimeoutError(PubMedNetworkError):
    """The server did not answer within the client's timeout."""


class PubMedHTTPError(PubMedError):
    """The server answered with an error status after all retries.

    ``status`` is the HTTP status code of the last attempt.
    """

    def __init__(self, message: str, *, status: int) -> None:
        self.status = status
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_http, (type(self), str(self), self.status))


def _rebuild_http(cls: type[PubMedHTTPError], message: str, status: int) -> PubMedHTTPError:
    return cls(message, status=status)


class PubMedRateLimitError(PubMedHTTPError):
    """NCBI kept answering 429 Too Many Requests after all retries."""


class PubMedResponseError(PubMedError):
    """A 200 response that cannot be used: an NCBI ``<ERROR>``, malformed or truncated XML."""


class PubMedNotCachedError(PubMedError):
    """Offline mode was asked for and the answer is not in the cache."""


def error_type(exc: BaseException) -> str:
    """The snake_case name every surface (CLI ``--json``, chat tools) reports for ``exc``.

    >>> error_type(UnknownSiteError("x"))
    'unknown_site'
    >>> error_type(InvalidIdentifierError("pmid", "x", "digits only"))
    'invalid_identifier'
    """
    if isinstance(exc, UnknownKeyError):
        return f"unknown_{exc.kind.replace(' ', '_')}"
    if isinstance(exc, InvalidIdentifierError):
        return "invalid_identifier"
    if isinstance(exc, DataIntegrityError):
        return "data_integrity"
    if isinstance(exc, PubMedError):
        return "pubmed_error"
    if isinstance(exc, OSError):
        return "os_error"
    return "invalid_arguments" if isinstance(exc, ValueError | TypeError) else "internal_error"


# Tracebacks and reprs name the public path users import from, not this private module
# (pickle finds the classes there too: the facade imports them eagerly).
for _cls in (
    SarcomaLocalError,
    UnknownKeyError,
    UnknownSiteError,
    UnknownTechniqueError,
    UnknownOptionError,
    UnknownHistologyError,
    UnknownPrimarySiteError,
    UnknownCitationError,
    UnknownTableError,
    UnknownRuleError,
    UnknownGlossaryTermError,
    UnknownValueError,
    InvalidIdentifierError,
    InvalidBrandingError,
    DataIntegrityError,
    PubMedError,
    PubMedNetworkError,
    PubMedTimeoutError,
    PubMedHTTPError,
    PubMedRateLimitError,
    PubMedResponseError,
    PubMedNotCachedError,
):
    _cls.__module__ = "sarcoma_local"
del _cls
