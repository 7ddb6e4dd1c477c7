"""The ``sarcoma-local`` command line (private): one package, one module per command group."""

from sarcoma_local._cli.main import main

__all__ = ["main"]
