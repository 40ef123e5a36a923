"""``alignsim landscape``: stable coalitions of the published landscape model from CSV files.

For users of Axelrod & Bennett's (1993) landscape theory ("A landscape theory of
aggregation", *British Journal of Political Science* 23(2)): sizes and a propensity matrix
in CSV, optionally on the classic 1..5 scale (``--offset 3``), more than two coalitions
with ``--coalitions K`` (Florian & Galam 2000, *Eur. Phys. J. B* 16). The computation is
:func:`alignsim.games.landscape.solve`; numpy and rich are imported only when the command
runs.

Input files:

* SIZES.csv: a header with columns ``name`` and ``size``, one actor per row, sizes > 0.
* PROPENSITY.csv: a header row whose first cell is ignored and whose other cells are the
  actor names, then one row per actor: its name, then its propensity with each column
  actor. The matrix must be square and symmetric; the diagonal is ignored (may be empty).
  Names must be those of SIZES.csv, in any order; actors keep the order of SIZES.csv.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import Any

import click

from alignsim.cli._common import console, fail
from alignsim.report.words import counted

#: most stable configurations shown with their frustrations
FRUSTRATION_COLUMNS = 8


def _read_rows(path: Path) -> tuple[list[tuple[int, list[str]]], list[str]]:
    """CSV rows with their line numbers, skipping blank lines; or a problem."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return [], [f"{path}: file not found"]
    except IsADirectoryError:
        return [], [f"{path}: is a folder, not a CSV file"]
    except UnicodeDecodeError:
        return [], [f"{path}: not UTF-8 text"]
    except OSError as error:
        return [], [f"{path}: cannot read ({error.strerror})"]
    reader = csv.reader(io.StringIO(text))
    try:
        rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as error:
        return [], [f"{path}: line {reader.line_num}: malformed CSV ({error})"]
    if not rows:
        return [], [f"{path}: file is empty"]
    return rows, []


def _number(text: str) -> tuple[float | None, str | None]:
    """Parse a finite number, or explain why the text is not one."""
    try:
        value = float(text.strip())
    except ValueError:
        return None, f"{text.strip()!r} is not a number"
    if not math.isfinite(value):
        return None, f"{text.strip()!r} is not a finite number"
    return value, None


def read_sizes(path: Path) -> tuple[dict[str, float], list[str]]:
    """Actor sizes by name (in file order) and the problems found in SIZES.csv."""
    rows, problems = _read_rows(path)
    if problems:
        return {}, problems
    (_, header), body = rows[0], rows[1:]
    columns = [cell.strip().lower() for cell in header]
    if "name" not in columns or "size" not in columns:
        found = ", ".join(repr(c) for c in header)
        return {}, [f"{path}: line 1: header must have columns 'name' and 'size' (found {found})"]
    name_at, size_at = columns.index("name"), columns.index("size")
    sizes: dict[str, float] = {}
    first_line: dict[str, int] = {}
    for line, row in body:
        if len(row) != len(header):
            problems.append(f"{path}: line {line}: expected {len(header)} fields, found {len(row)}")
            continue
        name = row[name_at].strip()
        if not name:
            problems.append(f"{path}: line {line}, column 'name': empty name")
            continue
        if name in first_line:
            problems.append(
                f"{path}: line {line}, column 'name': duplicate name {name!r} "
                f"(first on line {first_line[name]})"
            )
            continue
        first_line[name] = line
        value, why = _number(row[size_at])
        if why:
            problems.append(f"{path}: line {line} ({name}), column 'size': {why}")
        elif value <= 0:
            problems.append(
                f"{path}: line {line} ({name}), column 'size': must be > 0, got {value:g}"
            )
        else:
            sizes[name] = value
    if not first_line and not problems:
        problems.append(f"{path}: no actors (need at least one row after the header)")
    return sizes, problems


def read_propensity(path: Path) -> tuple[list[str], dict[tuple[str, str], float], list[str]]:
    """Column names, off-diagonal values by (row, column) name, and problems of the matrix."""
    rows, problems = _read_rows(path)
    if problems:
        return [], {}, problems
    (_, header), body = rows[0], rows[1:]
    columns = [cell.strip() for cell in header[1:]]
    if not columns:
        return [], {}, [f"{path}: line 1: header row must list the actor names after one cell"]
    seen: set[str] = set()
    for position, name in enumerate(columns, start=2):
        if not name:
            problems.append(f"{path}: line 1, column {position}: empty actor name")
        elif name in seen:
            problems.append(f"{path}: line 1, column {position}: duplicate actor name {name!r}")
        seen.add(name)
    if problems:
        return columns, {}, problems
    values: dict[tuple[str, str], float] = {}
    row_names: list[str] = []
    for line, row in body:
        name = row[0].strip()
        if len(row) != len(header):
            problems.append(
                f"{path}: line {line} (row {name!r}): expected {len(header)} fields, "
                f"found {len(row)}"
            )
            continue
        if name not in seen:
            problems.append(f"{path}: line {line}: row name {name!r} is not a column name")
            continue
        if name in row_names:
            problems.append(f"{path}: line {line}: duplicate row {name!r}")
            continue
        row_names.append(name)
        for column, cell in zip(columns, row[1:], strict=True):
            if column == name:
                continue  # the diagonal is ignored
            value, why = _number(cell)
            if why:
                problems.append(f"{path}: line {line} (row {name!r}), column {column!r}: {why}")
            else:
                values[name, column] = value
    if len(body) != len(columns):
        problems.append(
            f"{path}: matrix is not square: {len(columns)} columns but {len(body)} rows"
        )
    for name in columns:
        if name not in row_names and len(body) == len(columns):
            problems.append(f"{path}: no row for column {name!r}")
    for i, first in enumerate(columns):
        for second in columns[i + 1 :]:
            a, b = values.get((first, second)), values.get((second, first))
            if a is not None and b is not None and abs(a - b) > 1e-9 * max(1.0, abs(a), abs(b)):
                problems.append(
                    f"{path}: not symmetric: row {first!r}, column {second!r} is {a:g} but "
                    f"row {second!r}, column {first!r} is {b:g}"
                )
    return columns, values, problems


def load_inputs(sizes_path: Path, propensity_path: Path) -> tuple[list[str], list, list]:
    """Names, sizes and raw propensity matrix (actors in SIZES.csv order); exit 2 on problems."""
    sizes, problems = read_sizes(sizes_path)
    columns, values, matrix_problems = read_propensity(propensity_path)
    problems += matrix_problems
    if not problems:
        for name in sizes:
            if name not in columns:
                problems.append(f"{propensity_path}: actor {name!r} of {sizes_path} is missing")
        for name in columns:
            if name not in sizes:
                problems.append(f"{propensity_path}: actor {name!r} is not in {sizes_path}")
    if problems:
        fail(problems)
    names = list(sizes)
    matrix = [[0.0 if a == b else values[a, b] for b in names] for a in names]
    return names, [sizes[name] for name in names], matrix


@click.command()
@click.argument("sizes_csv", metavar="SIZES.csv", type=click.Path(path_type=Path))
@click.argument("propensity_csv", metavar="PROPENSITY.csv", type=click.Path(path_type=Path))
@click.option(
    "--offset",
    type=float,
    default=0.0,
    show_default=True,
    help="Subtracted from every propensity (3 for the classic 1..5 scale).",
)
@click.option(
    "--coalitions",
    type=click.IntRange(min=2),
    default=2,
    show_default=True,
    help="Largest number of coalitions (Florian & Galam 2000).",
)
@click.option(
    "--method",
    type=click.Choice(["auto", "exact", "heuristic"]),
    default="auto",
    show_default=True,
    help="Exact enumeration, multi-start heuristic, or exact when it fits.",
)
@click.option(
    "--starts",
    type=click.IntRange(min=1),
    default=2000,
    show_default=True,
    help="Random starts of the heuristic.",
)
@click.option(
    "--seed",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Seed of the heuristic's random starts.",
)
@click.option(
    "--top",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Most stable configurations to print.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the full result as JSON.")
def landscape(
    sizes_csv: Path,
    propensity_csv: Path,
    offset: float,
    coalitions: int,
    method: str,
    starts: int,
    seed: int,
    top: int,
    as_json: bool,
) -> None:
    """Stable coalitions of the landscape model (Axelrod & Bennett 1993).

    Reads actor sizes from SIZES.csv (columns name,size) and a symmetric propensity
    matrix from PROPENSITY.csv (header row and first column of names), and prints every
    stable configuration (local minimum of the energy, a Nash equilibrium of the alignment
    game) with its energy and basin share, and each actor's frustration.

    Frustration F_i is the sum of s_j p_ij over the actors j outside i's coalition, and the
    energy is the sum of s_i F_i: both are 0 when everyone stands together, so with
    propensities centred on 0 they are usually negative at a stable configuration. A
    negative F_i means the actors kept apart from i are, weighted by size, more hostile than
    friendly to it (the split suits i); a positive one that i is kept apart from friends.

    \b
    Example (files in the repository; the five states of casa_2019 in 2014):
      alignsim landscape examples/landscape/sizes.csv examples/landscape/propensity.csv
    """
    names, sizes, matrix = load_inputs(sizes_csv, propensity_csv)

    from alignsim.games.landscape import solve

    try:
        result = solve(
            sizes,
            matrix,
            names=names,
            coalitions=coalitions,
            method=method,
            offset=offset,
            seed=seed,
            starts=starts,
        )
    except ValueError as error:
        if method == "exact" and "exact limit" in str(error):
            fail(f"--method exact: {len(names)} actors are beyond the exact limit ({error})")
        fail(f"{sizes_csv}, {propensity_csv}: {error}")
    if as_json:
        import json

        click.echo(json.dumps({"offset": offset, **result.to_dict()}, indent=2))
    else:
        print_result(result, top)


def print_result(result: Any, top: int) -> None:
    """Stable configurations and frustrations as rich tables."""
    from rich.table import Table

    from alignsim.games.landscape import FRUSTRATION_MEANING

    out = console()
    n = len(result.names)
    if result.method == "exact":
        out.print(
            f"[bold]Landscape of {counted(n, 'actor')}[/bold], up to "
            f"{counted(result.coalitions, 'coalition')}: "
            f"exact enumeration of {counted(result.n_configurations, 'configuration')}, "
            f"{result.n_minima} stable."
        )
    else:
        out.print(
            f"[bold]Landscape of {counted(n, 'actor')}[/bold], up to "
            f"{counted(result.coalitions, 'coalition')}: "
            f"HEURISTIC search, {result.n_starts} random starts (seed {result.seed}) found "
            f"{result.n_minima} distinct stable configurations of {result.n_configurations}; "
            f"basin shares are shares of starts. Lowest energy found {result.global_energy:g}, "
            f"lower bound {result.energy_lower_bound:g} (gap at most {result.optimality_gap:g})."
        )
    frame = result.to_frame()
    shown = min(top, len(frame))
    table = Table(
        "#",
        "sides",
        "energy",
        "basin share",
        "global" if result.method == "exact" else "lowest found",
        title="Stable configurations",
        header_style="bold",
    )
    for index, row in frame.head(shown).iterrows():
        table.add_row(
            str(index + 1),
            row.sides,
            f"{row.energy:g}",
            f"{row.basin_share:.4f}",
            "yes" if row.is_global else "",
        )
    out.print(table)
    if shown < len(frame):
        out.print(f"... and {len(frame) - shown} more (use --top or --json)")
    columns = min(shown, FRUSTRATION_COLUMNS)
    out.print("Frustration of each actor at stable configuration #:")
    frustration = Table("actor", *(f"#{i + 1}" for i in range(columns)), header_style="bold")
    for actor, name in enumerate(result.names):
        frustration.add_row(name, *(f"{result.frustration[i, actor]:g}" for i in range(columns)))
    out.print(frustration)
    out.print(FRUSTRATION_MEANING)


if __name__ == "__main__":
    landscape(prog_name="alignsim landscape")
