"""``python -m sarcoma_local``: the same command line as ``sarcoma-local``."""

from sarcoma_local._cli.main import main

raise SystemExit(main())
