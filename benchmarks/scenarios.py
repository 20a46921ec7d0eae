"""Benchmarks of scenarios on a cluster: a grid of synthetic scenarios in this process and on
two Dask workers, and a city checked district by district against the whole check.

Rows are in ``run.py``'s format (``what``, ``median``, ``min``, ``runs``); ``run.py --dask``
prints them after its scales. Alone::

    python benchmarks/scenarios.py                      # grid at 0.2, partitioned at 3, province at 30
    python benchmarks/scenarios.py --grid-scale 0.05 --partition-scale 0.3 --province-scale 1
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

_HWM = "print([l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0])"
"""The high-water mark of the process's own memory, in KiB (VmHWM starts anew at exec, where
ru_maxrss would keep the peak of the process it was forked from)."""

_WHOLE_PEAK = f"""
import sys
from neighborparty import check, synth
city = synth.city(seed=int(sys.argv[2]), scale=float(sys.argv[1]))
check(city)
{_HWM}
"""
"""A fresh process that builds the city and checks it whole."""

_BARE_PEAK = f"""
import neighborparty.rules, neighborparty.synth, neighborparty.scenarios
{_HWM}
"""
"""A fresh process that only imports the library."""


def _peak_mb(script: str, *args: str) -> float:
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip().splitlines()[-1]) / 1024


def _worker_peak_kib() -> int:
    """A worker's high-water mark of memory, in KiB."""
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))


def _fresh(city: Any) -> Any:
    """An equal City whose indexes and derived facts are not built yet (a part on a worker
    is one)."""
    import attrs

    return type(city)(**{f.name: getattr(city, f.name) for f in attrs.fields(type(city)) if f.init})


def _cluster() -> tuple[Any, Any]:
    from distributed import Client, LocalCluster

    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address="127.0.0.1:0",
    )
    return cluster, Client(cluster)


def _timed(rows: list[dict[str, Any]], what: str, fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    rows.append({"what": what, "median": elapsed, "min": elapsed, "runs": 1})
    return elapsed, result


def grid_rows(scale: float = 0.2, seed: int = 0) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """A 16-scenario grid (4 synthetic seeds x 4 reforms) at ``scale``: in this process, then
    on two Dask workers (each builds the recipes it checks)."""
    from neighborparty.scenarios import Recipe, Scenario, run

    grid = [
        Scenario(
            city=Recipe(seed=seed + s, scale=scale),
            reform={"branch.min_full_members": members},
            label=f"seed {seed + s}, {members} members",
        )
        for s in range(4)
        for members in (2, 3, 4, 5)
    ]
    rows: list[dict[str, Any]] = []
    here_s, here = _timed(rows, f"grid of 16 at scale {scale:g}, in-process", lambda: run(grid))
    cluster, client = _cluster()
    try:
        executor = client.get_executor()
        there_s, there = _timed(
            rows,
            f"grid of 16 at scale {scale:g}, 2 Dask workers",
            lambda: run(grid, executor=executor),
        )
    finally:
        client.close()
        cluster.close()
    return rows, {
        "grid: 2 Dask workers / in-process": there_s / here_s,
        "grid: equal results": there == here,
    }


def partition_rows(
    scale: float = 3.0, seed: int = 0, by: str = "district"
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The city at ``scale`` checked whole in this process and ``by`` district on two Dask
    workers: equality, the time ratio, and each worker's peak memory beside that of a process
    checking the whole city."""
    from neighborparty import check, synth
    from neighborparty.scenarios import check_partitioned, partition

    rows: list[dict[str, Any]] = []
    _, city = _timed(
        rows, f"synth.city at scale {scale:g}", lambda: synth.city(seed=seed, scale=scale)
    )
    fresh_s, _ = _timed(
        rows, f"check at scale {scale:g}, whole, a fresh City", lambda: check(_fresh(city))
    )
    whole_s, whole = _timed(
        rows, f"check at scale {scale:g}, whole, checked before", lambda: check(city)
    )
    _timed(rows, f"partition by {by} at scale {scale:g}", lambda: partition(city, by=by))
    here_s, here = _timed(
        rows,
        f"check_partitioned by {by}, in-process",
        lambda: check_partitioned(city, by=by),
    )
    cluster, client = _cluster()
    try:
        executor = client.get_executor()
        before = client.run(_worker_peak_kib)
        there_s, there = _timed(
            rows,
            f"check_partitioned by {by}, 2 Dask workers",
            lambda: check_partitioned(city, by=by, executor=executor),
        )
        after = client.run(_worker_peak_kib)
    finally:
        client.close()
        cluster.close()
    whole_mb = _peak_mb(_WHOLE_PEAK, str(scale), str(seed))
    bare_mb = _peak_mb(_BARE_PEAK)
    equal = (
        there.results == whole.results
        and here.results == whole.results
        and there.metrics.values == whole.metrics.values
    )
    return rows, {
        "partitioned: equal to the whole check": equal,
        "partitioned in-process / whole check of a fresh City": here_s / fresh_s,
        "partitioned on 2 Dask workers / whole check of a fresh City": there_s / fresh_s,
        "partitioned on 2 Dask workers / whole check checked before": there_s / whole_s,
        "peak memory per worker (MB), before and after": {
            address: (before[address] / 1024, after[address] / 1024) for address in after
        },
        "peak memory of a process checking the whole city (MB)": whole_mb,
        "peak memory of a process that only imports the library (MB)": bare_mb,
    }


def province_rows(
    scale: float = 30.0, seed: int = 0, *, compare_scale: float = 1.0
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """A synthetic recipe checked district by district on two Dask workers, each district
    built on the worker that checks it (the city is never whole in one process): wall time,
    each worker's peak memory, the peak memory of this process. First, at ``compare_scale``,
    the same check beside the whole city's (equal rows, the time ratio)."""
    from neighborparty.scenarios import Recipe, Scenario, check_partitioned, run

    rows: list[dict[str, Any]] = []
    small = Recipe(seed=seed, scale=compare_scale)
    province = Recipe(seed=seed, scale=scale)
    cluster, client = _cluster()
    try:
        executor = client.get_executor()
        # The province first, so that this process's peak is the province's.
        province_s, results = _timed(
            rows,
            f"recipe at scale {scale:g} by district, 2 Dask workers",
            lambda: check_partitioned(province, executor=executor),
        )
        peaks = client.run(_worker_peak_kib)
        driver_mb = _worker_peak_kib() / 1024
        small_s, by_district = _timed(
            rows,
            f"recipe at scale {compare_scale:g} by district, 2 Dask workers",
            lambda: check_partitioned(small, executor=executor),
        )
    finally:
        client.close()
        cluster.close()
    whole_s, whole = _timed(
        rows,
        f"recipe at scale {compare_scale:g}: synth.city + check, whole",
        lambda: run([Scenario(city=small, label=small.label)]),
    )
    failing = sum(r.failed for r in results.rows)
    judged = sum(r.passed + r.failed + r.undetermined for r in results.rows)
    return rows, {
        f"by district at scale {compare_scale:g}: equal to the whole check": (
            by_district.rows == whole.rows and by_district.metrics == whole.metrics
        ),
        f"by district at scale {compare_scale:g} on 2 workers / whole in-process": (
            small_s / whole_s
        ),
        f"scale {scale:g}: districts": len(province.districts()),
        f"scale {scale:g}: subjects judged, failing": [judged, failing],
        f"scale {scale:g}: compounds in the city's metrics": (
            results.metrics[province.label][f"xm-synth-{province.year}"]["compounds"]
        ),
        f"scale {scale:g}: peak memory per worker (MB)": {
            address: kib / 1024 for address, kib in peaks.items()
        },
        f"scale {scale:g}: peak memory of this process (MB)": driver_mb,
        f"scale {scale:g}: wall time (s)": province_s,
    }


def print_rows(rows: list[dict[str, Any]], notes: dict[str, Any]) -> None:
    """Print rows as run.py does, then the ratios and notes."""
    print(f"| {'what':<48} | {'seconds':>9} |")
    print(f"|{'-' * 50}|{'-' * 11}|")
    for r in rows:
        print(f"| {r['what']:<48} | {r['median']:>9.3f} |")
    for what, value in notes.items():
        if isinstance(value, float):
            print(f"{what:<60} {value:8.2f}")
        else:
            print(f"{what:<60} {json.dumps(value)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--grid-scale", type=float, default=0.2)
    parser.add_argument("--partition-scale", type=float, default=3.0)
    parser.add_argument("--province-scale", type=float, default=30.0)
    parser.add_argument(
        "--only",
        choices=["grid", "partition", "province"],
        help="one group of rows (the province's in a process of its own, for its peak memory)",
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.only == "province":
        print_rows(*province_rows(args.province_scale, args.seed))
        return 0
    rows, notes = grid_rows(args.grid_scale, args.seed) if args.only != "partition" else ([], {})
    if args.only != "grid":
        more, more_notes = partition_rows(args.partition_scale, args.seed)
        rows, notes = rows + more, {**notes, **more_notes}
    print_rows(rows, notes)
    if args.only is None:
        print()
        province_in_a_process(args.province_scale, args.seed)
    return 0


def province_in_a_process(scale: float, seed: int) -> None:
    """Print the province's rows, measured in a fresh process (its peak memory its own)."""
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--only",
            "province",
            "--province-scale",
            str(scale),
            "--seed",
            str(seed),
        ],
        check=True,
    )


if __name__ == "__main__":
    sys.exit(main())
