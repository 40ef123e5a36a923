#!/usr/bin/env bash
# Set up (first time) and run the reference scenario: tables, summary and plot in results/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
alignsim run scenarios/casa_2019.yaml --out results/casa_2019 --force "$@"
