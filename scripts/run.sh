#!/usr/bin/env bash
# Set up a fresh checkout and run the main job: a query on the shipped data.
#   bash scripts/run.sh [sarcoma-local arguments]   (default: show liver)
# Installs the package into .venv only when pyproject.toml or src/ changed since
# the last install (a fingerprint of their contents is kept in .venv), so repeated
# runs start at once.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
stamp=.venv/.sarcoma-local-installed
fingerprint=$(
    find pyproject.toml src -type f ! -path '*/__pycache__/*' ! -name '*.pyc' -print0 |
        LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
)
if [ ! -x .venv/bin/sarcoma-local ] || [ "$(cat "$stamp" 2>/dev/null)" != "$fingerprint" ]; then
    .venv/bin/python -m pip install --quiet .
    echo "$fingerprint" >"$stamp"
fi
if [ "$#" -eq 0 ]; then
    set -- show liver
fi
exec .venv/bin/sarcoma-local "$@"
