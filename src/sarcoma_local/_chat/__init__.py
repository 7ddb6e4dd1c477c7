"""_chat layer (private)."""
