"""Pure array functions of the alignment dynamics, one module per mechanism.

Every function broadcasts over leading batch axes: an alignment matrix may be
``(n, n)`` for one run or ``(runs, n, n)`` for many, so the Mesa model and the
batched ensemble engine share one implementation.  Importing this package
registers the built-in mechanisms in :mod:`alignsim.dynamics.registry`.
"""

from alignsim.dynamics import (  # noqa: F401  (imported to register)
    adjustment,
    affinity,
    anchor,
    attributed_threat,
    balance,
    bargaining,
    baseline,
    coalition,
    consent,
    growth,
    influence,
    rivalry,
    signed_affinity,
    threat,
    ties,
)
