"""On a Dask cluster of two worker processes on loopback, started and closed here: the grid
and the partitioned check give the in-process results, and a stop leaves nothing behind."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from distributed import Client, LocalCluster

from neighborparty import City, check
from neighborparty.scenarios import Recipe, Scenario, check_partitioned, run, worker_count


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            # Its HTTP server (metrics, health) on a free port of loopback: the default, 8787,
            # may be taken on the machine running the tests.
            dashboard_address="127.0.0.1:0",
        ) as cluster,
        Client(cluster) as dask_client,
    ):
        yield dask_client


def test_the_partitioned_check_on_dask_equals_the_whole(town: City, client: Client) -> None:
    executor = client.get_executor()
    assert worker_count(executor) == 2
    whole = check(town)
    for by in ("district", "community"):
        parted = check_partitioned(town, by=by, executor=executor)
        assert parted.results == whole.results
        assert parted.findings == whole.findings
        assert parted.metrics.values == whole.metrics.values


def test_a_grid_on_dask_equals_in_process(town: City, client: Client) -> None:
    grid = [
        Scenario(city=town, reform={"branch.max_members": n}, label=f"max {n}") for n in (50, 10)
    ] + [Scenario(city=Recipe(seed=s, scale=0.02), label=f"seed {s}") for s in (1, 2)]
    seen: list[tuple[int, int]] = []
    there = run(grid, executor=client.get_executor(), progress=lambda d, t: seen.append((d, t)))
    assert there == run(grid)
    assert seen[-1] == (4, 4)


def test_a_stop_cancels_the_pending_work_and_leaves_no_state(client: Client) -> None:
    grid = [Scenario(city=Recipe(seed=s, scale=0.02), label=str(s)) for s in range(6)]

    def stop(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(grid, executor=client.get_executor(), progress=stop)
    _nothing_left(client)


def _nothing_left(client: Client) -> None:
    """No future is held and, within a few seconds, the scheduler holds no task."""
    assert not client.futures

    def left() -> int:
        return int(client.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks)))

    # the scheduler releases cancelled tasks asynchronously: give it a few seconds
    deadline = time.monotonic() + 10
    while left() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert left() == 0


def test_a_recipe_by_district_on_dask_equals_in_process(client: Client) -> None:
    """Each district is built on the worker that checks it; a stop leaves nothing queued."""
    recipe = Recipe(seed=3, scale=0.02)
    executor = client.get_executor()
    seen: list[tuple[int, int]] = []
    there = check_partitioned(recipe, executor=executor, progress=lambda d, t: seen.append((d, t)))
    assert there == check_partitioned(recipe)
    assert seen[-1] == (6, 6)

    def stop(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        check_partitioned(Recipe(seed=4, scale=0.05), executor=executor, progress=stop)
    _nothing_left(client)
