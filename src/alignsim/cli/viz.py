"""``alignsim viz``: serve the interactive page of a scenario on 127.0.0.1.

The page (Mesa's SolaraViz, :mod:`alignsim.viz.app`) runs under ``solara run`` in a child
process; solara is imported only there.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import click

from alignsim.cli._common import fail, load_or_fail

#: modules the page needs (the ``viz`` extra; Mesa's visualisation imports altair)
NEEDED = ("solara", "altair")
#: the only address the page is served on
HOST = "127.0.0.1"


def port_is_free(port: int, host: str = HOST) -> bool:
    """Whether a server could listen on ``host:port`` now (probed by binding it briefly).

    ``SO_REUSEADDR`` is set as uvicorn sets it, so a port left in TIME_WAIT by an earlier
    server counts as free, as it is for the server.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def serve_command(port: int) -> list[str]:
    """The ``solara run`` command line serving the page on 127.0.0.1."""
    return [
        sys.executable,
        "-m",
        "solara",
        "run",
        "alignsim.viz.app",
        "--host",
        HOST,
        "--port",
        str(port),
        "--production",
        "--no-open",
        "--no-check-version",  # an online check: it cannot work offline and only prints noise
    ]


@click.command()
@click.argument("scenario")
@click.option(
    "--port",
    type=click.IntRange(min=1, max=65535),
    default=8765,
    show_default=True,
    help="Port on 127.0.0.1.",
)
def viz(scenario: str, port: int) -> None:
    """Serve an interactive page for SCENARIO (a YAML file or a bundled name).

    Sliders set the weights of the term mechanisms, the adjustment rate and noise and the
    seed; Reset rebuilds the model, Step and Play advance it, and the page shows live
    trajectories, the alignment heatmap, the signed network and the current landscape blocs;
    one box per event keeps it in the run or leaves it out. A port already in use is an
    error (status 2). Stop with Ctrl-C.
    """
    missing = [name for name in NEEDED if importlib.util.find_spec(name) is None]
    if missing:
        fail(
            f"alignsim viz needs {', '.join(missing)}: install the viz extra "
            "(pip install 'alignsim[viz]')"
        )
    loaded = load_or_fail(scenario)
    if not port_is_free(port):
        fail(f"port {port} on {HOST} is in use")
    given = Path(scenario)
    source = str(given.resolve()) if given.exists() else scenario
    click.echo(f"serving {loaded.title} on http://{HOST}:{port}/ (Ctrl-C stops)", err=True)
    env = {**os.environ, "ALIGNSIM_VIZ_SCENARIO": source}
    process = subprocess.Popen(serve_command(port), env=env)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        status = process.wait()
    except KeyboardInterrupt:
        status = 0
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    sys.exit(status)


def _interrupt(signum: int, frame: object) -> None:
    """Treat SIGTERM like Ctrl-C so the server child is stopped too."""
    raise KeyboardInterrupt


if __name__ == "__main__":
    viz(prog_name="alignsim viz")
