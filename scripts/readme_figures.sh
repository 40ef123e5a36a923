#!/usr/bin/env bash
# Regenerate the figures shown in README.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
TMP="$(mktemp -d)"
alignsim run casa_2019 --seed 0 --out "$TMP/casa_2019" > /dev/null
cp "$TMP/casa_2019/trajectories.png" docs/images/casa_2019_trajectories.png
rm -rf "$TMP"
echo "wrote docs/images/casa_2019_trajectories.png"
