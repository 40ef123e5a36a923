#!/usr/bin/env bash
# Regenerate the figures shown in README.md and docs/dynamics.md (about a minute).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
alignsim run casa_2019 --seed 0 --out "$TMP/one" > /dev/null
cp "$TMP/one/trajectories.png" docs/images/casa_2019_trajectories.png
alignsim run casa_2019 --runs 500 --seed 0 --out "$TMP/many" > /dev/null
cp "$TMP/many/trajectories.png" docs/images/casa_2019_ensemble.png
alignsim plot "$TMP/one" --kind network --at 2014-01 -o docs/images/casa_2019_network_2014.png
alignsim observed --actors USA,RUS,CHN,IND,PAK --years 1991:2023 --out "$TMP/observed" > /dev/null
cp "$TMP/observed/observed.png" docs/images/observed_core_dyads.png
alignsim plot "$TMP/one" --observed -o docs/images/casa_2019_observed.png 2> /dev/null
echo "wrote docs/images/casa_2019_{trajectories,ensemble,network_2014,observed}.png, observed_core_dyads.png"
