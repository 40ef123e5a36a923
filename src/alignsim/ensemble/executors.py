"""Where chunks of runs are computed: in process, a process pool, any executor, or Dask.

Results come back in task order whatever the executor, and a chunk's result depends only on
its task, so the number and kind of workers never changes the numbers.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
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


#: ``--workers auto``: the number of worker processes is chosen from the size of the job
AUTO = 0
#: work (runs x steps x actors^2) above which two worker processes beat one on a 2-core
#: machine; below it starting the processes costs more than they save. benchmarks/workers.py
#: on the shared, loaded 2-core machine of development: 1 worker / 2 workers time ratio 0.06
#: at 0.2 M, 0.31 at 0.9 M, 0.61 at 3.5 M and 0.91 at 14 M (casa_2019, 200 to 12,800 runs)
AUTO_BREAK_EVEN = 20_000_000


def auto_workers(work: float, tasks: int, cores: int | None = None) -> int:
    """Worker processes for a job of ``work`` (runs x steps x actors^2) split in ``tasks``.

    One below :data:`AUTO_BREAK_EVEN` or with a single task, else one per core (at most one
    per task).
    """
    if work < AUTO_BREAK_EVEN or tasks < 2:
        return 1
    return max(1, min(cores or os.cpu_count() or 1, tasks))


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
        on_done: Called with the index and result of each task, in task order (for
            progress bars, or to store results as they arrive).

    Returns:
        The results in task order.

    Raises:
        ExecutorError: If a ``dask://`` address cannot be reached.
    """
    results = []
    for index, result in stream_tasks(function, tasks, workers, executor, window=len(tasks)):
        results.append(result)
        if on_done:
            on_done(index, result)
    return results


def stream_tasks(
    function: Callable[..., Any],
    tasks: Sequence[tuple[Any, ...]],
    workers: int = 1,
    executor: ExecutorLike = None,
    shared: tuple[Any, ...] = (),
    window: int | None = None,
) -> Iterator[tuple[int, Any]]:
    """Yield ``(index, function(*shared, *task))`` in task order, computed where asked.

    At most ``window`` tasks are submitted and not yet yielded (default: twice the number
    of workers), so the results held at once do not grow with the number of tasks. The
    ``shared`` arguments are sent to each Dask worker once (``Client.scatter``), not with
    every task. See :func:`run_tasks` for ``workers`` and ``executor``.
    """
    if isinstance(executor, str):
        with connect(executor) as client:
            yield from _stream(_DaskPool(client, shared), function, tasks, window)
        return
    if executor is not None and _is_dask_client(executor):
        yield from _stream(_DaskPool(executor, shared), function, tasks, window)
        return
    if isinstance(executor, Executor):
        yield from _stream(_Pool(executor, shared, workers), function, tasks, window)
        return
    if executor is not None:
        raise TypeError(f"cannot run tasks on {type(executor).__name__}")
    if workers <= 1 or len(tasks) <= 1:
        for index, task in enumerate(tasks):
            yield index, function(*shared, *task)
        return
    yield from _local_pool(function, tasks, min(workers, len(tasks)), shared, window)


def _local_pool(
    function: Callable[..., Any],
    tasks: Sequence[tuple[Any, ...]],
    workers: int,
    shared: tuple[Any, ...],
    window: int | None,
) -> Iterator[tuple[int, Any]]:
    """The default pool: worker processes that never outlive this one.

    Each worker watches this process (see :func:`alignsim.ensemble.lifetime.watch_parent`)
    and exits within a second of its death, even by SIGKILL. If the work is interrupted
    (Ctrl-C, SIGTERM, an error), the workers are terminated at once instead of finishing
    the chunks they hold.
    """
    from alignsim.ensemble.lifetime import stop_workers, watch_parent

    context = multiprocessing.get_context("forkserver")
    reader, writer = context.Pipe(duplex=False)  # the writing end stays in this process
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=watch_parent,
        initargs=(os.getpid(), reader),
    )
    try:
        yield from _stream(_Pool(pool, shared, workers), function, tasks, window)
    except BaseException:
        stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        writer.close()
        reader.close()


class _Pool:
    """A ``concurrent.futures`` executor; shared arguments travel with each task."""

    def __init__(self, executor: Executor, shared: tuple[Any, ...], workers: int) -> None:
        self.executor, self.shared = executor, shared
        self.workers = max(workers, getattr(executor, "_max_workers", 1))

    def submit(self, function: Callable[..., Any], task: tuple[Any, ...]) -> Any:
        return self.executor.submit(function, *self.shared, *task)


class _DaskPool:
    """A Dask client; shared arguments are scattered to every worker once."""

    def __init__(self, client: Any, shared: tuple[Any, ...]) -> None:
        self.client = client
        self.shared = tuple(client.scatter(value, broadcast=True) for value in shared)
        self.workers = max(1, sum(client.nthreads().values()))

    def submit(self, function: Callable[..., Any], task: tuple[Any, ...]) -> Any:
        return self.client.submit(function, *self.shared, *task, pure=False)


def _stream(
    pool: _Pool | _DaskPool,
    function: Callable[..., Any],
    tasks: Sequence[tuple[Any, ...]],
    window: int | None,
) -> Iterator[tuple[int, Any]]:
    ahead = max(1, window or 2 * pool.workers)
    pending: deque[Any] = deque()
    submitted = 0
    for index in range(len(tasks)):
        while submitted < len(tasks) and submitted < index + ahead:
            pending.append(pool.submit(function, tasks[submitted]))
            submitted += 1
        yield index, pending.popleft().result()
