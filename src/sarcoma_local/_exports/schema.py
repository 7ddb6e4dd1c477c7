"""The JSON Schema of the catalogue export, generated from the attrs model.

:func:`catalogue_schema` is the schema of :func:`sarcoma_local.catalogue_json`,
built by the generic generator :func:`sarcoma_local._core.jsonschema.schema_for`;
the package ships a copy in ``sarcoma_local/data/schema/catalogue.schema.json``
(a test keeps it equal).

Regenerate the shipped copy with ``python -m sarcoma_local._exports.schema``.

>>> from sarcoma_local._data.models import Author
>>> schema_for(Author)["$defs"]["Author"]["required"]
['family', 'initials']
"""

from __future__ import annotations

import json
from typing import Any

from sarcoma_local._core.jsonschema import schema_for

__all__ = ["SCHEMA_PATH", "catalogue_schema", "schema_for", "shipped_catalogue_schema"]

#: Where the shipped schema lives, relative to ``sarcoma_local/data``.
SCHEMA_PATH = "schema/catalogue.schema.json"


def catalogue_schema() -> dict[str, Any]:
    """The schema of :func:`sarcoma_local.catalogue_json`, generated from the model now.

    >>> catalogue_schema()["$ref"]
    '#/$defs/CatalogueExport'
    """
    from .catalogue import CatalogueExport

    return schema_for(CatalogueExport, title="sarcoma_local catalogue export")


def shipped_catalogue_schema() -> dict[str, Any]:
    """The schema file shipped in the package (equal to :func:`catalogue_schema`)."""
    from sarcoma_local._core.resources import read_data

    loaded: dict[str, Any] = json.loads(read_data(SCHEMA_PATH))
    return loaded


def render(schema: dict[str, Any]) -> str:
    """The schema as the shipped file spells it: two-space indent, UTF-8, final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # pragma: no cover - a maintainer's tool
    import pathlib

    target = pathlib.Path(__file__).parent.parent / "data" / SCHEMA_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(catalogue_schema()), encoding="utf-8")
    print(f"wrote {target}")
