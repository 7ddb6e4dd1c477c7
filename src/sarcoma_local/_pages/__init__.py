"""_pages layer (private)."""
