"""Limits on what the package reads, so that any input is answered in bounded time and memory.

Every value is far above what a real scenario needs (the bundled ``casa_2019.yaml`` is
31 KB, about 3,000 YAML nodes, 7 levels deep, no aliases; ``world_2019_observed.yaml``, every
state with data, is 6.3 MB and about 370,000 nodes) and low enough that refusing
the worst input allowed takes well under 5 s and 1 GB. ``docs/limits.md`` lists them with
their reasons.
"""

from __future__ import annotations

#: largest YAML file read, in bytes (the C parser reads it in well under a second)
MAX_BYTES = 16 * 1024 * 1024
#: largest YAML file when PyYAML was built without libyaml (its pure-Python parser is
#: about 15 times slower)
MAX_BYTES_PURE_PYTHON = 1024 * 1024
#: most YAML nodes (scalars, lists, mappings) of one scenario and its ``extends`` chain,
#: counting every node an alias stands for as often as the alias is used
MAX_NODES = 400_000
#: most aliases (``*name``) in one file
MAX_ALIASES = 10_000
#: deepest nesting of lists and mappings, aliases expanded
MAX_DEPTH = 64
#: most digits of a whole number (a 64-bit integer has at most 19)
MAX_INT_DIGITS = 19
#: most files in an ``extends`` chain (the file itself included)
MAX_EXTENDS = 32
#: most problems collected before the rest are only counted
MAX_PROBLEMS = 200
#: most problem lines printed by a command before the rest are only counted
MAX_SHOWN = 40
#: largest magnitude of a number without a natural bound (capability, economic tie, weights,
#: shifts, scale ends): products and sums of a few hundred of them stay finite in float64
MAX_MAGNITUDE = 1e9
#: smallest capability a run reaches (events that lower a capability stop there too)
MIN_CAPABILITY = 1e-9
#: earliest and latest year of any date: the calendar arithmetic, pandas' nanosecond
#: timestamps (years 1678..2261) and Matplotlib's date axes all represent them
MIN_YEAR, MAX_YEAR = 1700, 2250
