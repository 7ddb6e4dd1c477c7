"""_core layer (private)."""
