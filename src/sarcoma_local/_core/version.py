"""Code version, data version and the disclaimer: constants, so reading them loads nothing.

The code follows SemVer; the data is versioned by curation date (YYYY.MM.DD, with
``.N`` appended for a further release on the same day). The loader checks that
``data/meta.json`` carries the same data version and disclaimer.
"""

__all__ = ["DATA_VERSION", "DISCLAIMER", "__version__"]

__version__ = "0.5.0"

#: Date of the last curation of the shipped data.
DATA_VERSION = "2026.11.30.3"

#: Shipped with the data, every export and the CLI output.
DISCLAIMER = (
    "sarcoma_local describes treatment options and the published evidence about them. "
    "It is not medical advice and does not recommend a treatment for any person. "
    "Decisions about care belong to patients and their own clinicians."
)
