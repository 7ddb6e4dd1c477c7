#!/usr/bin/env bash
# Set up a fresh checkout and run the whole test suite (the README's test command).
#   bash scripts/test.sh [pytest arguments]
# Creates .venv, installs the package with its dev extras (which include the
# PubMed client), makes sure redis-server (cache and rate-limit tests), Debian
# chromium (headless-browser tests of the generated site) and axe-core (from npm,
# pinned by tests/web/axe/package-lock.json: accessibility checks in that browser)
# exist, then runs pytest. Safe to run again: every step is idempotent; the apt
# steps wait for the apt/dpkg lock when another install holds it.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[dev]'
bash scripts/ensure-redis.sh
bash scripts/ensure-chromium.sh
bash scripts/ensure-axe.sh
# Every test, the slow ones (processes, browsers, clocks) included; a later -m wins.
exec .venv/bin/python -m pytest -m "slow or not slow" "$@"
