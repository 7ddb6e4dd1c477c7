"""Read the shipped data files.

The first choice is the package loader's ``get_data()``, exactly what the
standard library's ``pkgutil.get_data`` does: it works from a directory, a zip
file (zipimport) and frozen applications, and costs nothing to import. Only a
loader without ``get_data`` falls back to ``importlib.resources.files()``,
whose import alone (pathlib, tempfile, shutil) took about 10 ms of a 47 ms
cold start on our benchmark machine; see docs/performance.md. Neither path uses
``__file__`` to open files behind the loader's back.
"""

from __future__ import annotations

import os
import sys

__all__ = ["read_data"]

_PACKAGE = "sarcoma_local.data"


def read_data(name: str) -> bytes:
    """The bytes of ``sarcoma_local/data/<name>``; ``FileNotFoundError`` if absent."""
    if _PACKAGE not in sys.modules:
        __import__(_PACKAGE)
    spec = sys.modules[_PACKAGE].__spec__
    loader = getattr(spec, "loader", None)
    get_data = getattr(loader, "get_data", None)
    origin = getattr(spec, "origin", None)
    if get_data is not None and isinstance(origin, str):
        # Same path arithmetic as pkgutil.get_data: resources sit beside __init__.
        data: bytes = get_data(os.path.join(os.path.dirname(origin), name))
        return data
    return _read_with_importlib_resources(name)


def _read_with_importlib_resources(name: str) -> bytes:
    from importlib.resources import files

    return files(_PACKAGE).joinpath(name).read_bytes()
