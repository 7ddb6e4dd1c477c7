"""The ``sarcoma-local`` command line (private): one package, one module per command group."""

from .main import main

__all__ = ["main"]
