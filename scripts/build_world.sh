#!/usr/bin/env bash
# Rebuild the bundled world scenario from the observed panel (about a minute, no network):
# scenarios/world_2019_observed.yaml is exactly what
# `alignsim init --from-observed 2019 --actors all` writes (every state with CINC data in 2019,
# every value cited); world_2019.yaml extends it with a name, a title and groups to follow.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
alignsim init --from-observed 2019 --actors all --force \
    -o scenarios/world_2019_observed.yaml
