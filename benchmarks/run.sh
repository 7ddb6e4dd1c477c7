#!/usr/bin/env bash
# Run every benchmark (installs the bench extras into .venv first).
#   bash benchmarks/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet -e '.[dev,bench]'
.venv/bin/python benchmarks/core_bench.py "$@"
.venv/bin/python benchmarks/pubmed_bench.py
.venv/bin/python benchmarks/qa_bench.py
.venv/bin/python benchmarks/chat_sizes.py
