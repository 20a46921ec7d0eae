"""Where the work runs: any :class:`concurrent.futures.Executor`, in-process by default.

The library knows executors only through their interface (``submit`` and futures), so a thread
pool, a process pool and a Dask client's executor (``Client.get_executor()``) all serve. What it
asks of one beyond that is how many workers it has, to send a city to each worker once rather
than once per piece of work; an executor it does not know counts as one worker per core.
"""

from __future__ import annotations

import os
import pickle
import warnings
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from typing import Any, TypeVar

from neighborparty.errors import InvalidArgumentError

__all__ = [
    "InProcessExecutor",
    "Pickled",
    "as_executor",
    "gather",
    "landed",
    "ship",
    "submit",
    "worker_count",
]

T = TypeVar("T")

Progress = Callable[[int, int], object]
"""A progress callback: called with the pieces done and the pieces in all."""


class InProcessExecutor(Executor):
    """An executor that runs each piece of work at once, in the calling process and thread: the
    default of :func:`~neighborparty.scenarios.run` and
    :func:`~neighborparty.scenarios.check_partitioned`.

    Nothing is pickled and nothing runs in parallel; a piece's error is held by its future, as
    with any executor.

    Examples:
        >>> future = InProcessExecutor().submit(sum, [1, 2, 3])
        >>> future.result()
        6
        >>> InProcessExecutor().submit(int, "x").exception()
        ValueError("invalid literal for int() with base 10: 'x'")
    """

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        """Run ``fn(*args, **kwargs)`` now and return its finished future.

        Examples:
            >>> InProcessExecutor().submit(pow, 2, 10).result()
            1024
        """
        future: Future[T] = Future()
        future.set_running_or_notify_cancel()
        try:
            result = fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - held by the future, as any executor does
            future.set_exception(exc)
        else:
            future.set_result(result)
        return future


def as_executor(executor: object) -> Executor:
    """The executor to run on: ``None`` gives an :class:`InProcessExecutor`; anything that is
    not a :class:`concurrent.futures.Executor` raises
    :class:`~neighborparty.errors.InvalidArgumentError`.

    Examples:
        >>> type(as_executor(None)).__name__
        'InProcessExecutor'
        >>> as_executor("dask")
        Traceback (most recent call last):
        ...
        neighborparty.errors.InvalidArgumentError: executor must be a concurrent.futures.Executor (a process pool, Client.get_executor() of dask.distributed) or None, not 'dask'
    """
    if executor is None:
        return InProcessExecutor()
    if not isinstance(executor, Executor):
        raise InvalidArgumentError(
            "executor must be a concurrent.futures.Executor (a process pool, "
            f"Client.get_executor() of dask.distributed) or None, not {executor!r}"
        )
    return executor


def worker_count(executor: Executor) -> int:
    """How many workers an executor has: one in-process; the pool's size for a thread or
    process pool; the cluster's workers for a Dask client's executor; else the machine's cores.

    Examples:
        >>> from concurrent.futures import ThreadPoolExecutor
        >>> worker_count(InProcessExecutor())
        1
        >>> with ThreadPoolExecutor(max_workers=3) as pool:
        ...     worker_count(pool)
        3
    """
    if isinstance(executor, InProcessExecutor):
        return 1
    client = getattr(executor, "_client", None)
    if client is not None and type(executor).__module__.startswith("distributed"):
        return max(1, len(client.nthreads()))
    size = getattr(executor, "_max_workers", None)
    if isinstance(size, int) and size > 0:
        return size
    return os.cpu_count() or 1


def submit(executor: Executor, fn: Callable[..., T], /, *args: Any) -> Future[T]:
    """Submit one piece of work. A piece carries its city (a part, or the city of several
    scenarios) once, by design: Dask's warning that a task is large is not shown for it.

    Examples:
        >>> submit(InProcessExecutor(), max, 3, 4).result()
        4
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Sending large graph", category=UserWarning)
        return executor.submit(fn, *args)


def gather(
    futures: Iterable[Future[T]],
    *,
    weights: Iterable[int] | None = None,
    progress: Progress | None = None,
) -> list[T | BaseException]:
    """Each future's result, or the error it raised, in the order given; ``progress`` is
    called with the weight done and the weight in all as each finishes.

    If ``progress`` raises, or the wait is interrupted, the futures still pending are
    cancelled before the error goes on: nothing is left queued on the workers.

    Examples:
        >>> ex = InProcessExecutor()
        >>> seen = []
        >>> gather([ex.submit(abs, -2), ex.submit(int, "x")],
        ...        progress=lambda done, total: seen.append((done, total)))
        [2, ValueError("invalid literal for int() with base 10: 'x'")]
        >>> seen   # both were done when the wait began
        [(0, 2), (2, 2)]
    """
    futures = list(futures)
    sizes = list(weights) if weights is not None else [1] * len(futures)
    total = sum(sizes)
    weight = {id(f): w for f, w in zip(futures, sizes, strict=True)}
    pending = set(futures)
    done = 0
    try:
        if progress is not None:
            progress(done, total)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            done += sum(weight[id(f)] for f in finished)
            if progress is not None:
                progress(done, total)
    except BaseException:
        for future in pending:
            future.cancel()
        raise
    found: list[T | BaseException] = []
    for future in futures:
        error = future.exception()
        found.append(error if error is not None else future.result())
    return found


class Pickled(bytes):
    """A value pickled once where it is sent from (a City, a part of one): an executor sends
    the bytes as they are, where it would otherwise pickle the value again for each piece of
    work, or digest it to name the piece (Dask does, as costly as pickling).

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> Pickled.of(city).load() == city
        True
    """

    @classmethod
    def of(cls, value: object) -> Pickled:
        """The pickle of a value.

        Examples:
            >>> from neighborparty import examples
            >>> len(Pickled.of(examples.seed_city())) > 1000
            True
        """
        return cls(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def load(self) -> Any:
        """The value again (a City is checked on arrival, as any unpickled City).

        Examples:
            >>> from neighborparty import examples
            >>> Pickled.of(examples.seed_city()).load().id
            'xm-demo'
        """
        return pickle.loads(self)


def ship(value: T, executor: Executor) -> T | Pickled:
    """A value as it goes to an executor: as it is in this process, else pickled once.

    Examples:
        >>> from concurrent.futures import ThreadPoolExecutor
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> ship(city, InProcessExecutor()) is city
        True
        >>> with ThreadPoolExecutor(1) as pool:
        ...     type(ship(city, pool)).__name__
        'Pickled'
    """
    return value if isinstance(executor, InProcessExecutor) else Pickled.of(value)


def landed(value: T | Pickled, kind: type[T]) -> T:
    """A value of a kind as it arrived from :func:`ship`.

    Raises:
        InvalidArgumentError: What arrived is not of that kind.

    Examples:
        >>> from neighborparty import City, examples
        >>> landed(Pickled.of(examples.seed_city()), City).id
        'xm-demo'
    """
    found = value.load() if isinstance(value, Pickled) else value
    if not isinstance(found, kind):
        raise InvalidArgumentError(f"expected {kind.__name__}, got {type(found).__name__}")
    return found
