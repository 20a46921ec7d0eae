"""Grids of scenarios: rows equal to each scenario's own check, on any executor; a City sent to
each worker once; bad input named, the other scenarios kept."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neighborparty import DEFAULT_POLICY, City, Verdict, check, examples
from neighborparty.errors import InvalidArgumentError, ScenarioError, UnknownParameterError
from neighborparty.scenarios import InProcessExecutor, Recipe, Results, Scenario, run, worker_count
from neighborparty.strategies import cities
from tests.scenarios.conftest import CountingPool


def _expected(city: City, scenario: Scenario) -> dict[str, tuple[int, int, int, tuple[str, ...]]]:
    report = check(
        city,
        scenario.effective_policy(),
        on=scenario.on,
        select=scenario.select,
        ignore=scenario.ignore,
    )
    counts = report.counts()
    return {
        code: (
            c["pass"],
            c["fail"],
            c["undetermined"],
            tuple(
                s for r, o in report.results if r.code == code for s, v, _ in o if v is Verdict.FAIL
            ),
        )
        for code, c in counts.items()
    }


def _got(results: Results, label: str) -> dict[str, tuple[int, int, int, tuple[str, ...]]]:
    return {
        r.code: (r.passed, r.failed, r.undetermined, r.failing)
        for r in results.rows
        if r.label == label
    }


@settings(max_examples=15)
@given(
    city=cities(max_size=3),
    members=st.integers(1, 6),
    on=st.sampled_from([None, date(2020, 6, 1), date(2023, 1, 1)]),
)
def test_each_scenarios_rows_are_its_own_check(city: City, members: int, on: date | None) -> None:
    grid = [
        Scenario(city=city, label="base", on=on),
        Scenario(city=city, reform={"branch.min_full_members": members}, on=on, label="reform"),
        Scenario(city=city, select=["NP1", "NP5"], ignore=["NP105"], on=on, label="some"),
    ]
    results = run(grid)
    assert results.labels == ("base", "reform", "some")
    for scenario in grid:
        assert scenario.label is not None
        assert _got(results, scenario.label) == _expected(city, scenario)
    report = check(city, on=on)
    assert results.metrics["base"] == {city.id: report.metrics.at(city.id)}
    assert results.days["base"] == report.day
    # The comparison names exactly the subjects whose verdict moved.
    moved = {
        (c.code, c.subject, c.baseline, c.verdict)
        for c in results.compare("base")
        if c.label == "reform"
    }
    reformed = check(city, grid[1].effective_policy(), on=on)
    assert moved == {
        (a.code, a.subject, a.verdict, b.verdict)
        for a, b in zip(report.findings, reformed.findings, strict=True)
        if a.verdict is not b.verdict
    }


def test_a_process_pool_gives_the_in_process_results(town: City, pool: CountingPool) -> None:
    grid = [
        Scenario(city=town, reform={"branch.max_members": n}, label=f"max {n}") for n in (50, 20, 8)
    ] + [Scenario(city=Recipe(seed=s, scale=0.02), label=f"seed {s}") for s in (1, 2)]
    here = run(grid)
    there = run(grid, executor=pool)
    assert there == here
    assert {r.code for r in here.rows} == {r.code for r in DEFAULT_POLICY.rules}


def test_a_city_crosses_once_per_worker_and_a_recipe_never(town: City) -> None:
    grid = [
        Scenario(city=town, reform={"branch.max_members": n}, label=str(n)) for n in range(10, 16)
    ]
    recipes = [Scenario(city=(3, 0.01, 2020), on=date(2020, m, 1), label=f"m{m}") for m in (3, 6)]
    with CountingPool(max_workers=2) as executor:
        alone = run(grid, executor=executor)
        assert executor.cities_sent == 2  # six scenarios of the town, one piece per worker
        results = run(grid + recipes, executor=executor)
        assert executor.cities_sent == 3  # the town in one piece, the recipe in the other
        assert executor.pieces == 4
    assert alone == run(grid)
    assert results.labels == (*(str(n) for n in range(10, 16)), "m3", "m6")
    assert results == run(grid + recipes)


def test_scenarios_of_one_city_are_spread_over_the_workers(town: City) -> None:
    grid = [Scenario(city=town, label=str(n), select=["NP101"]) for n in range(5)]
    with ThreadPoolExecutor(max_workers=3) as executor:
        sent: list[int] = []
        original = executor.submit

        def submit(fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
            sent.append(len(args[1]))
            return original(fn, *args, **kwargs)

        executor.submit = submit  # type: ignore[method-assign]
        run(grid, executor=executor)
    assert sorted(sent) == [1, 2, 2]
    assert worker_count(InProcessExecutor()) == 1


def test_what_is_not_an_executor_is_refused() -> None:
    with pytest.raises(
        InvalidArgumentError, match=r"executor must be a concurrent\.futures\.Executor"
    ):
        run([Scenario(city=examples.seed_city())], executor="dask")  # type: ignore[arg-type]


def test_a_scenario_whose_city_does_not_load_is_named_and_the_others_kept() -> None:
    city = examples.seed_city()
    grid = [
        Scenario(city=city, label="seed"),
        Scenario(city=Recipe(seed=1, scale=0.01, year=2021), label="2021"),
        Scenario(city=(1, -1.0, 2020), label="negative"),
        Scenario(city=city, reform={"branch.max_member": 3}, label="typo"),
    ]
    with pytest.raises(ScenarioError) as caught:
        run(grid)
    error = caught.value
    assert list(error.failures) == ["2021", "negative", "typo"]
    assert "year must be one of 2020, 2024, got 2021" in error.failures["2021"]
    assert "scale must be a positive finite number" in error.failures["negative"]
    assert "did you mean 'branch.max_members'" in error.failures["typo"]
    assert "'2021'" in str(error)
    assert "'negative'" in str(error)
    assert error.results.labels == ("seed",)
    assert _got(error.results, "seed") == _expected(city, grid[0])
    again = pickle.loads(pickle.dumps(error))
    assert (again.failures, again.results) == (error.failures, error.results)
    with pytest.raises(UnknownParameterError):
        grid[3].effective_policy()


def test_a_piece_that_dies_on_its_worker_fails_its_scenarios_only() -> None:
    class Flaky(InProcessExecutor):
        def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
            if isinstance(args[0], Recipe):
                future: Future[Any] = Future()
                future.set_exception(MemoryError("worker killed"))
                return future
            return super().submit(fn, *args, **kwargs)

    with pytest.raises(ScenarioError, match="'r': MemoryError: worker killed") as caught:
        run(
            [Scenario(city=(1, 0.01, 2020), label="r"), Scenario(city=examples.seed_city())],
            executor=Flaky(),
        )
    assert caught.value.results.labels == ("1",)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: run([c]), "scenario 0 is not a Scenario"),
        (
            lambda c: run([Scenario(city=c, label="a"), Scenario(city=c, label="a")]),
            "two scenarios are labelled 'a'",
        ),
        (lambda c: run([Scenario(city=c)], level="street"), "level must be one of"),
        (lambda c: Scenario(city=c, policy="default"), "a scenario's policy is a Policy"),
        (lambda c: Scenario(city=c, select="NP1"), "not the string 'NP1'"),
        (lambda c: run([Scenario(city=c)]).compare("none"), "no scenario is labelled 'none'"),
        (lambda c: run([Scenario(city=c)]).row("0", "NP999"), "no row for scenario '0'"),
    ],
)
def test_bad_input_is_named(call: Callable[[City], object], message: str) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        call(examples.seed_city())


def test_progress_counts_scenarios_and_a_stop_cancels_what_is_pending() -> None:
    seen: list[tuple[int, int]] = []
    city = examples.seed_city()
    grid = [Scenario(city=city, label=str(n), select=["NP1"]) for n in range(3)]
    run(grid, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 3)
    assert seen[-1] == (3, 3)

    class Held(Executor):
        """An executor whose work never starts."""

        def __init__(self) -> None:
            self.futures: list[Future[Any]] = []

        def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
            future: Future[Any] = Future()
            self.futures.append(future)
            return future

    held = Held()

    def stop(done: int, total: int) -> None:
        raise KeyboardInterrupt

    held._max_workers = 3  # type: ignore[attr-defined]
    with pytest.raises(KeyboardInterrupt):
        run(grid, executor=held, progress=stop)
    assert len(held.futures) == 3
    assert all(f.cancelled() for f in held.futures)


def test_results_as_a_table_and_by_level(town: City) -> None:
    results = run([Scenario(city=town, label="t", select=["NP10"])], level="district")
    frame = results.to_pandas()
    assert list(frame.columns) == ["label", "code", "pass", "fail", "undetermined", "failing"]
    assert frame.shape == (8, 6)
    report = check(town, select=["NP10"])
    assert results.metrics["t"] == report.metrics.by("district")
    assert len(results.metrics["t"]) == len(town.districts)
    assert frame["fail"].sum() == len(report.failures())


def test_the_warning_that_a_piece_is_large_is_not_shown() -> None:
    """Dask warns of a task carrying much data; a piece carries its city once, by design (the
    tests turn warnings into errors)."""
    import warnings

    class Warns(InProcessExecutor):
        def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
            warnings.warn("Sending large graph of size 23.54 MiB.", UserWarning, stacklevel=2)
            return super().submit(fn, *args, **kwargs)

    results = run([Scenario(city=examples.seed_city(), select=["NP101"])], executor=Warns())
    assert results.labels == ("0",)
    with pytest.raises(UserWarning, match="Sending large graph"):
        Warns().submit(abs, -1)
