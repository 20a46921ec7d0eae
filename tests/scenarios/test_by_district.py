"""A synthetic city checked district by district, each district built where it is checked:
the rows and metrics equal those of the whole city's check, on any executor."""

from __future__ import annotations

from concurrent.futures import Future
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neighborparty import DEFAULT_POLICY, check, synth
from neighborparty.errors import InvalidArgumentError, ScenarioError
from neighborparty.model import City
from neighborparty.scenarios import (
    InProcessExecutor,
    Recipe,
    Results,
    Scenario,
    check_partitioned,
    run,
)
from neighborparty.scenarios._districts import check_district
from tests.scenarios.conftest import CountingPool
from tests.scenarios.test_partition import _user_rules

_RECIPES = st.builds(
    Recipe,
    seed=st.integers(0, 2**16),
    scale=st.sampled_from([0.004, 0.01, 0.02, 0.03]),
    year=st.sampled_from([2020, 2024]),
)
_DAYS = st.sampled_from([None, date(2020, 6, 30), date(2024, 6, 30)])


def _whole(recipe: Recipe, level: str = "city", **kwargs: Any) -> Results:
    return run([Scenario(city=recipe, label=recipe.label, **kwargs)], level=level)


@settings(max_examples=12, deadline=None)
@given(
    recipe=_RECIPES,
    on=_DAYS,
    level=st.sampled_from(["city", "district", "community"]),
    members=st.sampled_from([3, 5]),
)
def test_by_district_equals_the_whole_city(
    recipe: Recipe, on: date | None, level: str, members: int
) -> None:
    reform = {"branch.min_full_members": members}
    policy = Scenario(city=recipe, reform=reform).effective_policy()
    by_district = check_partitioned(recipe, policy, on=on, level=level)
    whole = _whole(recipe, level, reform=reform, on=on)
    assert by_district.rows == whole.rows
    assert by_district.metrics == whole.metrics
    assert by_district.days == whole.days


def test_a_district_recording_fewer_kinds_is_told_the_citys() -> None:
    """seed 2 at scale 0.01: one district records six kinds of activity, the others eight."""
    recipe = Recipe(seed=2, scale=0.01)
    kinds = [
        len(check_district(recipe, d, DEFAULT_POLICY, [], None, None, "city")[1])
        for d in recipe.districts()
    ]
    assert len(set(kinds)) > 1
    assert check_partitioned(recipe).rows == _whole(recipe).rows


def test_the_citys_coverage_row_is_judged_from_the_districts_sums() -> None:
    recipe = Recipe(seed=1, scale=0.02)
    city = recipe.build()
    places = len(city.communities) + len(city.subdistricts) + len(city.districts) + 1
    for code, target in (("NP105", 0.9), ("NP106", 0.9), ("NP105", 0.8)):
        policy = Scenario(
            city=recipe, reform={"coverage.organization_target": target}
        ).effective_policy()
        ((_, outcomes),) = check(city, policy, select=[code]).results
        verdict = {s: v for s, v, _ in outcomes}[city.id]
        row = check_partitioned(recipe, policy, select=[code]).row(recipe.label, code)
        assert row.passed + row.failed + row.undetermined == places
        assert row.verdict_of(city.id) is verdict


def test_on_a_process_pool_each_district_is_built_on_its_worker(pool: CountingPool) -> None:
    recipe = Recipe(seed=4, scale=0.02)
    before = pool.pieces
    seen: list[tuple[int, int]] = []
    there = check_partitioned(recipe, executor=pool, progress=lambda d, t: seen.append((d, t)))
    assert there.rows == _whole(recipe).rows
    assert pool.cities_sent == 0  # no City crosses: each district is built where it runs
    assert pool.pieces - before >= len(recipe.districts())
    assert seen[0] == (0, 6)
    assert seen[-1] == (6, 6)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"by": "community"}, "a Recipe is split by district .* not by 'community'"),
        ({"level": "street"}, "level must be one of .* not 'street'"),
        (
            {"policy": _user_rules()},
            "UX01 is neither: check the city whole",
        ),
        ({"executor": "pool"}, "executor must be a concurrent.futures.Executor"),
    ],
)
def test_bad_input_is_named(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        check_partitioned(Recipe(seed=1, scale=0.01), **kwargs)


def test_a_recipe_that_does_not_build_is_named() -> None:
    with pytest.raises(InvalidArgumentError, match="year must be one of 2020, 2024, got 2021"):
        check_partitioned(Recipe(year=2021))
    with pytest.raises(InvalidArgumentError, match="scale must be a positive finite number"):
        check_partitioned(Recipe(scale=0))


def test_a_district_city_is_what_the_workers_check() -> None:
    recipe = Recipe(seed=1, scale=0.02)
    district = recipe.build_district("d-3")
    assert isinstance(district, City)
    assert district == synth.district_city(seed=1, scale=0.02, district="d-3")


def test_a_grid_checks_a_scenario_by_district_as_it_checks_it_whole() -> None:
    recipe = Recipe(seed=6, scale=0.02)
    grid = [
        Scenario(city=recipe, label="whole", reform={"branch.min_full_members": 4}),
        Scenario(city=recipe, label="split", reform={"branch.min_full_members": 4}, by="district"),
        Scenario(city=recipe, label="split, NP4", select=["NP4"], by="district"),
    ]
    seen: list[tuple[int, int]] = []
    results = run(grid, level="district", progress=lambda d, t: seen.append((d, t)))
    assert results.labels == ("whole", "split", "split, NP4")
    split = [attrs.evolve(r, label="whole") for r in results.rows if r.label == "split"]
    assert split == [r for r in results.rows if r.label == "whole"]
    assert results.metrics["split"] == results.metrics["whole"]
    assert {r.code for r in results.rows if r.label == "split, NP4"} == {
        "NP401",
        "NP402",
        "NP403",
        "NP404",
        "NP405",
    }
    assert seen[-1] == (3, 3)


def test_a_scenario_by_district_that_cannot_be_checked_is_named_and_the_others_kept() -> None:
    grid = [
        Scenario(city=Recipe(seed=1, scale=0.01), label="fine", by="district"),
        Scenario(
            city=Recipe(seed=1, scale=0.01), label="no reads", policy=_user_rules(), by="district"
        ),
        Scenario(city=Recipe(year=2021), label="bad year", by="district"),
    ]
    with pytest.raises(ScenarioError) as raised:
        run(grid)
    assert set(raised.value.failures) == {"no reads", "bad year"}
    assert "UX01 is neither" in raised.value.failures["no reads"]
    assert raised.value.results.labels == ("fine",)


def test_by_is_for_a_recipe() -> None:
    with pytest.raises(InvalidArgumentError, match="a City is checked whole"):
        Scenario(city=synth.city(seed=1, scale=0.01), by="district")
    with pytest.raises(InvalidArgumentError, match="by is 'district' or None, not 'community'"):
        Scenario(city=Recipe(), by="community")


class _DyingDistricts(InProcessExecutor):
    """Runs everything here, but a district's check dies as on a lost worker."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        if fn is check_district:
            future: Future[Any] = Future()
            future.set_exception(RuntimeError("worker lost"))
            return future
        return super().submit(fn, *args, **kwargs)


def test_a_district_whose_worker_dies_fails_its_scenario_only() -> None:
    grid = [
        Scenario(city=Recipe(seed=1, scale=0.01), label="whole"),
        Scenario(city=Recipe(seed=1, scale=0.01), label="split", by="district"),
    ]
    with pytest.raises(ScenarioError) as raised:
        run(grid, executor=_DyingDistricts())
    assert raised.value.failures == {"split": "RuntimeError: worker lost"}
    assert raised.value.results.labels == ("whole",)
