"""``python -m sarcoma_local``: the same command line as ``sarcoma-local``."""

from ._cli import main

raise SystemExit(main())
