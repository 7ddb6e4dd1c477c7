#!/usr/bin/env bash
# Set up a fresh checkout and run the main job: a query on the shipped data.
#   bash scripts/run.sh [sarcoma-local arguments]   (default: show liver)
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet .
if [ "$#" -eq 0 ]; then
    set -- show liver
fi
exec .venv/bin/sarcoma-local "$@"
