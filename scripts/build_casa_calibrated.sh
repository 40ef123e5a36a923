#!/usr/bin/env bash
# Rebuild scenarios/casa_2019_calibrated.yaml (about 20 s, no network): casa_2019 with the
# adjustment rate, noise and error-correction drift fitted by `alignsim calibrate` to the
# packaged observed index of its five states over 1991-2013 (the index refitted on the
# indicators up to 2013, so nothing from 2014 on, the scenario's own period, is used).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
alignsim calibrate casa_2019 --fit 1991:2013 --out "$WORK/calibration" > /dev/null
sed 's|^extends: .*|extends: casa_2019.yaml|' "$WORK/calibration/overlay.yaml" \
    > scenarios/casa_2019_calibrated.yaml
