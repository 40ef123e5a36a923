"""Forecasts scored against what was observed: scores, baselines, calibration, hindcasts.

- :mod:`~alignsim.forecast.scores`: proper scores of ensembles (CRPS, through the
  ``scoringrules`` library), 90% interval coverage and interval score, error of the median,
  direction of change.
- :mod:`~alignsim.forecast.baselines`: persistence, AR(1) and linear-trend forecasts per dyad.
- :mod:`~alignsim.forecast.protocol`: the rolling-origin hindcast, which passes every
  forecaster only the observations up to its origin.
- :mod:`~alignsim.forecast.kalman` and :mod:`~alignsim.forecast.calibrate`: the
  error-correction state-space model, its Kalman-filter likelihood and its fit.
"""
