#!/usr/bin/env bash
# Set up a fresh checkout and run the main job: a query on the shipped data.
#   bash scripts/run.sh [sarcoma-local arguments]   (default: site liver)
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet .
if [ "$#" -eq 0 ]; then
    set -- site liver
fi
exec .venv/bin/sarcoma-local "$@"
