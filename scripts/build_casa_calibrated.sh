#!/usr/bin/env bash
# Rebuild the calibrated blocks of scenarios/casa_2019.yaml (about 20 s, no network): the
# adjustment rate, noise and error-correction drift that `alignsim calibrate` fits on the
# packaged observed index of the 20-state validation panel over 1991-2013 (the index refitted
# on the indicators up to 2013, so nothing from 2014 on, the scenario's own period, is used),
# and the two sources citing that fit (alignsim.forecast.adopt; a test checks the file
# against this output line by line).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
python -m alignsim.forecast.adopt scenarios/casa_2019.yaml
