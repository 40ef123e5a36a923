#!/usr/bin/env bash
# Set up (first time) and run the whole test suite, lint included. Exit status != 0 on failure.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
# the interactive page's browser test drives Debian's chromium (Playwright downloads nothing)
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "note: tests/viz/test_viz_browser.py needs chromium: sudo apt-get install chromium" >&2
  fi
fi
ruff check src tests benchmarks notebooks
ruff format --check src tests benchmarks notebooks
python -m pytest -n 2 -q "$@"
