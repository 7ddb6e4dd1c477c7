"""_exports layer (private)."""
