#!/usr/bin/env bash
# Set up (first time) and run the whole test suite, lint included. Exit status != 0 on failure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
ruff check src tests benchmarks notebooks
ruff format --check src tests benchmarks
python -m pytest -n 2 -q "$@"
