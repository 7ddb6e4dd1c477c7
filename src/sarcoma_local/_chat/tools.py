"""Old home of the chat layer, kept only because ``_cli/chat.py`` imports ``tool_specs`` from
here; the code lives in ``specs``, ``arguments``, ``results``, ``dispatch`` and ``resources``.

Remove once ``_cli/chat.py`` imports ``sarcoma_local._chat.specs`` directly.
"""

from __future__ import annotations

from .dispatch import call_tool
from .specs import tool_specs

__all__ = ["call_tool", "tool_specs"]
