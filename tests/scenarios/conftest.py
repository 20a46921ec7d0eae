"""Cities and executors the scenario tests share."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

import pytest

from neighborparty import City, synth
from neighborparty.scenarios._executors import Pickled


@pytest.fixture(scope="session")
def town() -> City:
    """A synthetic city of six districts, a dozen communities and some 2 000 people."""
    return synth.city(seed=5, scale=0.03)


class CountingPool(ProcessPoolExecutor):
    """A process pool that counts the Cities it is asked to send to its workers (as they are or
    pickled once)."""

    def __init__(self, max_workers: int) -> None:
        super().__init__(max_workers=max_workers)
        self.cities_sent = 0
        self.pieces = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.pieces += 1
        self.cities_sent += sum(isinstance(a, City | Pickled) for a in (*args, *kwargs.values()))
        return super().submit(fn, *args, **kwargs)


@pytest.fixture(scope="module")
def pool() -> Iterator[CountingPool]:
    """Two worker processes, shared by a module's tests."""
    with CountingPool(max_workers=2) as executor:
        yield executor
