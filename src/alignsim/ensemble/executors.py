"""Where chunks of runs are computed: in process, a process pool, any executor, or Dask.

Results come back in task order whatever the executor, and a chunk's result depends only on
its task, so the number and kind of workers never changes the numbers.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from typing import Any

#: an executor given by the caller: ``None`` (decided by ``workers``), a
#: ``concurrent.futures.Executor``, a ``dask.distributed.Client`` or ``"dask://HOST:PORT"``
ExecutorLike = Any


#: how long to wait for a Dask scheduler, unless Dask's own setting is in the environment
CONNECT_TIMEOUT = "10s"


class ExecutorError(RuntimeError):
    """An executor address that is malformed or cannot be reached."""


def connect_timeout() -> str:
    """:data:`CONNECT_TIMEOUT`, or ``DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT`` if set."""
    return os.environ.get("DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT", CONNECT_TIMEOUT)


def check_address(address: str) -> None:
    """Check that ``address`` reads ``dask://HOST:PORT`` with a valid port.

    Raises:
        ExecutorError: In one line naming the address.
    """
    host, _, port = address.removeprefix("dask://").rpartition(":")
    if not address.startswith("dask://") or not host or not port.isdigit():
        raise ExecutorError(f"--executor: expected dask://HOST:PORT, got {address!r}")
    if not 0 < int(port) < 65536:
        raise ExecutorError(f"--executor {address}: port {port} is not between 1 and 65535")


def connect(address: str) -> Any:
    """A ``dask.distributed.Client`` connected to ``dask://HOST:PORT``.

    Raises:
        ExecutorError: In one line naming the address, if it is malformed or no scheduler
            answers there within :func:`connect_timeout`.
    """
    check_address(address)
    from distributed import Client

    timeout = connect_timeout()
    try:
        return Client(f"tcp://{address.removeprefix('dask://')}", timeout=timeout)
    except ValueError as error:
        raise ExecutorError(f"--executor {address}: {error}") from None
    except OSError:  # refused, unknown host or timed out: all end as a timeout
        raise ExecutorError(
            f"--executor {address}: no Dask scheduler answered within {timeout}"
        ) from None


def _is_dask_client(executor: Any) -> bool:
    return type(executor).__module__.startswith("distributed") and hasattr(executor, "gather")


def run_tasks(
    function: Callable[..., Any],
    tasks: Sequence[tuple[Any, ...]],
    workers: int = 1,
    executor: ExecutorLike = None,
    on_done: Callable[[int, Any], None] | None = None,
) -> list[Any]:
    """``[function(*task) for task in tasks]``, computed where asked.

    Args:
        function: A module-level (picklable) function.
        tasks: Argument tuples, one per call.
        workers: Processes of the default pool (started by a fork server, safe in
            multi-threaded programs); 1 computes in this process.
        executor: See :data:`ExecutorLike`; overrides ``workers``.
        on_done: Called with the index and result of each task as it finishes (for
            progress bars, or to store results as they arrive).

    Returns:
        The results in task order.

    Raises:
        ExecutorError: If a ``dask://`` address cannot be reached.
    """
    if isinstance(executor, str):
        with connect(executor) as client:
            return _run_dask(client, function, tasks, on_done)
    if executor is not None and _is_dask_client(executor):
        return _run_dask(executor, function, tasks, on_done)
    if isinstance(executor, Executor):
        return _run_futures(executor, function, tasks, on_done)
    if executor is not None:
        raise TypeError(f"cannot run tasks on {type(executor).__name__}")
    if workers <= 1 or len(tasks) <= 1:
        results = []
        for index, task in enumerate(tasks):
            results.append(function(*task))
            if on_done:
                on_done(index, results[-1])
        return results
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=min(workers, len(tasks)), mp_context=context) as pool:
        return _run_futures(pool, function, tasks, on_done)


def _run_futures(
    executor: Executor,
    function: Callable[..., Any],
    tasks: Sequence[tuple[Any, ...]],
    on_done: Callable[[int, Any], None] | None,
) -> list[Any]:
    futures = {executor.submit(function, *task): index for index, task in enumerate(tasks)}
    results: list[Any] = [None] * len(tasks)
    for future in as_completed(futures):
        index = futures[future]
        results[index] = future.result()
        if on_done:
            on_done(index, results[index])
    return results


def _run_dask(
    client: Any,
    function: Callable[..., Any],
    tasks: Sequence[tuple[Any, ...]],
    on_done: Callable[[int, Any], None] | None,
) -> list[Any]:
    from distributed import as_completed as dask_completed

    futures = [client.submit(function, *task, pure=False) for task in tasks]
    index_of = {future.key: index for index, future in enumerate(futures)}
    results: list[Any] = [None] * len(tasks)
    for future in dask_completed(futures):
        index = index_of[future.key]
        results[index] = future.result()
        if on_done:
            on_done(index, results[index])
    return results
