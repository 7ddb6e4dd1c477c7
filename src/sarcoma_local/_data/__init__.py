"""_data layer (private)."""
