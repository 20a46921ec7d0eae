"""Grids of scenarios: many checks of cities under policies on days, on any executor.

A :class:`Scenario` is one check: a city (or the recipe of a synthetic one), a policy (or a
reform of it), a day and a selection of rules. :func:`run` groups the scenarios by their city,
sends each group to the executor in as few pieces as keep every worker busy, and gathers one
row per scenario and rule. A recipe is built where its piece runs, so no synthetic city crosses
the wire; a given City crosses once per piece, and a city's scenarios are cut into at most as
many pieces as the executor has workers, so it crosses at most once per worker, never once per
scenario.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import Executor
from datetime import date
from typing import TYPE_CHECKING

import attrs

from neighborparty.errors import InvalidArgumentError, NeighborPartyError, ScenarioError
from neighborparty.model import City
from neighborparty.rules import DEFAULT_POLICY, Policy, Verdict, check
from neighborparty.scenarios._districts import check_recipe
from neighborparty.scenarios._executors import (
    Pickled,
    Progress,
    as_executor,
    gather,
    landed,
    ship,
    submit,
    worker_count,
)
from neighborparty.scenarios._results import LEVELS_KEPT, Change, Recipe, Results, Row

if TYPE_CHECKING:
    pass

__all__ = ["LEVELS_KEPT", "Change", "Recipe", "Results", "Row", "Scenario", "run"]


def _to_source(value: object) -> City | Recipe:
    if isinstance(value, City | Recipe):
        return value
    if isinstance(value, tuple) and len(value) == 3:
        seed, scale, year = value
        return Recipe(seed=seed, scale=scale, year=year)
    raise InvalidArgumentError(
        f"a scenario's city is a City, a Recipe or a (seed, scale, year) tuple, not {value!r}"
    )


def _codes(value: Iterable[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        raise InvalidArgumentError(
            f"select and ignore take lists of code prefixes, not the string {value!r}"
        )
    return tuple(value)


@attrs.frozen(kw_only=True)
class Scenario:
    """One check of a grid (情景): a city or a synthetic recipe, a policy or a reform of it, a
    day, the rules selected, and a label naming it in the results.

    Args:
        city: A :class:`~neighborparty.City`, a :class:`Recipe`, or ``(seed, scale, year)``.
        policy: The policy (default: every rule with default parameters).
        reform: Parameter values that replace the policy's from ``effective`` on.
        effective: The first day of the reform (``None``: it holds at every day).
        on: The day to check for (``None``: the latest day the city records).
        select: Code prefixes to check; ``None`` checks every rule.
        ignore: Code prefixes to leave out.
        label: The scenario's name in the results (``None``: its position in the grid).
        by: ``"district"`` checks a recipe district by district, each district built where
            it is checked (as :func:`~neighborparty.scenarios.check_partitioned` checks a
            recipe): for a city too large for one process. ``None`` (the default) builds and
            checks the city whole.

    Examples:
        >>> from neighborparty import examples
        >>> s = Scenario(city=examples.seed_city(), reform={"branch.max_members": 40},
        ...              label="stricter")
        >>> s.effective_policy().value("branch.max_members")
        40
        >>> Scenario(city=(1, 0.01, 2020)).city
        Recipe(seed=1, scale=0.01, year=2020)
        >>> Scenario(city="xm")
        Traceback (most recent call last):
        ...
        neighborparty.errors.InvalidArgumentError: a scenario's city is a City, a Recipe or a (seed, scale, year) tuple, not 'xm'
        >>> Scenario(city=examples.seed_city(), by="district")
        Traceback (most recent call last):
        ...
        neighborparty.errors.InvalidArgumentError: by='district' splits a Recipe, each district built where it is checked; a City is checked whole (check_partitioned splits a City)
    """

    city: City | Recipe = attrs.field(converter=_to_source, repr=False)
    policy: Policy = attrs.field(default=DEFAULT_POLICY)
    reform: Mapping[str, float] = attrs.field(factory=dict, converter=dict)
    effective: date | None = None
    on: date | None = None
    select: tuple[str, ...] | None = attrs.field(default=None, converter=_codes)
    ignore: tuple[str, ...] | None = attrs.field(default=None, converter=_codes)
    label: str | None = None
    by: str | None = attrs.field(default=None)

    @by.validator
    def _check_by(self, attribute: object, value: object) -> None:
        if value is None:
            return
        if value != "district":
            raise InvalidArgumentError(f"a scenario's by is 'district' or None, not {value!r}")
        if not isinstance(self.city, Recipe):
            raise InvalidArgumentError(
                "by='district' splits a Recipe, each district built where it is checked; a "
                "City is checked whole (check_partitioned splits a City)"
            )

    @policy.validator
    def _check_policy(self, attribute: object, value: object) -> None:
        if not isinstance(value, Policy):
            raise InvalidArgumentError(f"a scenario's policy is a Policy, not {value!r}")

    def effective_policy(self) -> Policy:
        """The policy with the reform applied.

        Raises:
            UnknownParameterError: The reform names no parameter of the policy.

        Examples:
            >>> from neighborparty import examples
            >>> Scenario(city=examples.seed_city()).effective_policy() is DEFAULT_POLICY
            True
        """
        if not self.reform:
            return self.policy
        return self.policy.with_parameters(
            self.reform, effective=self.effective or date.min, citation="scenario reform"
        )


_Job = tuple[str, Policy, date | None, tuple[str, ...] | None, tuple[str, ...] | None]
"""What a worker needs of a scenario besides its city: label, policy, day, select, ignore."""

_Done = tuple[str, tuple[Row, ...], dict[str, dict[str, float]], date] | tuple[str, str]
"""A scenario checked (label, rows, metrics, day), or one that failed (label, reason)."""


def run_piece(source: City | Pickled | Recipe, jobs: Sequence[_Job], level: str) -> list[_Done]:
    """Check several scenarios of one city (building it from its recipe first): what runs on
    a worker. A scenario whose city or policy fails gives its label and the reason.

    Examples:
        >>> from neighborparty import examples
        >>> done = run_piece(examples.seed_city(), [("a", DEFAULT_POLICY, None, ["NP101"], None)],
        ...                  "city")
        >>> done[0][0], done[0][1][0].passed
        ('a', 4)
        >>> run_piece(Recipe(year=2021), [("b", DEFAULT_POLICY, None, None, None)], "city")
        [('b', 'year must be one of 2020, 2024, got 2021')]
    """
    try:
        city = source.build() if isinstance(source, Recipe) else landed(source, City)
    except NeighborPartyError as exc:
        return [(job[0], str(exc)) for job in jobs]
    done: list[_Done] = []
    for label, policy, on, select, ignore in jobs:
        try:
            report = check(city, policy, on=on, select=select, ignore=ignore)
            rows = []
            for r, outcomes in report.results:
                failing = tuple(s for s, v, _ in outcomes if v is Verdict.FAIL)
                unknown = tuple(s for s, v, _ in outcomes if v is Verdict.UNDETERMINED)
                rows.append(
                    Row(
                        label=label,
                        code=r.code,
                        passed=len(outcomes) - len(failing) - len(unknown),
                        failed=len(failing),
                        undetermined=len(unknown),
                        failing=failing,
                        unknown=unknown,
                    )
                )
            metrics = (
                {city.id: report.metrics.at(city.id)}
                if level == "city"
                else report.metrics.by(level)
            )
            done.append((label, tuple(rows), metrics, report.day))
        except NeighborPartyError as exc:
            done.append((label, str(exc)))
    return done


def _pieces(
    groups: Sequence[tuple[City | Recipe, list[_Job]]], workers: int
) -> list[tuple[City | Recipe, list[_Job]]]:
    """Cut the groups of one city each into pieces: one piece per group, the largest cut
    while there are fewer pieces than workers, no city in more pieces than there are workers."""
    cuts = [1] * len(groups)
    while sum(cuts) < workers:
        best = max(
            range(len(groups)),
            key=lambda i: (len(groups[i][1]) / cuts[i], -i),
            default=None,
        )
        if best is None or cuts[best] >= min(workers, len(groups[best][1])):
            break
        cuts[best] += 1
    pieces: list[tuple[City | Recipe, list[_Job]]] = []
    for (source, jobs), n in zip(groups, cuts, strict=True):
        size = math.ceil(len(jobs) / n)
        pieces.extend((source, jobs[i : i + size]) for i in range(0, len(jobs), size))
    return pieces


def _by_district(
    label: str, scenario: Scenario, policy: Policy, executor: Executor, level: str
) -> tuple[tuple[Row, ...], dict[str, dict[str, float]], date]:
    """One scenario's rows, metrics and day, its recipe checked district by district."""
    from neighborparty.rules import select_rules

    assert isinstance(scenario.city, Recipe)  # by= is refused for a City
    rules = select_rules(policy.rules, scenario.select, scenario.ignore)
    results = check_recipe(
        scenario.city,
        policy,
        rules,
        executor=executor,
        on=scenario.on,
        level=level,
        progress=None,
        label=label,
    )
    metrics = {place: dict(values) for place, values in results.metrics[label].items()}
    return results.rows, metrics, results.days[label]


def run(
    scenarios: Iterable[Scenario],
    *,
    executor: Executor | None = None,
    progress: Progress | None = None,
    level: str = "city",
) -> Results:
    """Check every scenario of a grid on an executor and gather the results.

    Args:
        scenarios: The scenarios; labels must be unique (an unlabelled one is named by its
            position, ``"0"``, ``"1"`` ...).
        executor: Any :class:`concurrent.futures.Executor` (a process pool,
            ``dask.distributed.Client.get_executor()``); ``None`` runs here, one after
            another.
        progress: Called with the scenarios done and the scenarios in all, as pieces finish.
            If it raises, the pieces still pending are cancelled and the error goes on.
        level: The places whose metrics the results keep: ``"city"``, ``"district"``,
            ``"subdistrict"``, ``"community"`` or ``"compound"``.

    Returns:
        The :class:`Results`, rows in the grid's order and each scenario's rules in the order
        its check ran them.

    Raises:
        InvalidArgumentError: ``executor`` is not an executor, ``level`` names no level, a
            scenario is not a :class:`Scenario`, or two share a label.
        ScenarioError: Some scenarios could not be checked; it names each with its reason and
            holds the other scenarios' results.

    Notes:
        Scenarios of one City or one recipe go to the executor together: at most one piece
        per worker carries a given City, and a recipe is built in each piece that needs it.
        A scenario split by district (``by="district"``) is checked after the others, its
        districts spread over the executor, each built on the worker checking it.

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> grid = [Scenario(city=city, reform={"branch.max_members": n}, label=f"max {n}",
        ...                  select=["NP10"]) for n in (50, 2)]
        >>> results = run(grid)
        >>> [(r.label, r.failed) for r in results.rows if r.code == "NP107"]
        [('max 50', 0), ('max 2', 2)]
        >>> run([Scenario(city=(0, 0.01, 2021), label="bad year"), *grid])
        Traceback (most recent call last):
        ...
        neighborparty.errors.ScenarioError: 1 scenario could not be checked: 'bad year': year must be one of 2020, 2024, got 2021
    """
    chosen = as_executor(executor)
    if level not in LEVELS_KEPT:
        raise InvalidArgumentError(
            f"level must be one of {', '.join(map(repr, LEVELS_KEPT))}, not {level!r}"
        )
    listed = list(scenarios)
    groups: dict[int, tuple[City | Recipe, list[_Job]]] = {}
    split: list[tuple[str, Scenario, Policy]] = []
    labels: list[str] = []
    failures: dict[str, str] = {}
    for i, scenario in enumerate(listed):
        if not isinstance(scenario, Scenario):
            raise InvalidArgumentError(f"scenario {i} is not a Scenario: {scenario!r}")
        label = scenario.label if scenario.label is not None else str(i)
        if label in labels:
            raise InvalidArgumentError(f"two scenarios are labelled {label!r}")
        labels.append(label)
        try:
            policy = scenario.effective_policy()
        except NeighborPartyError as exc:
            failures[label] = str(exc)
            continue
        source = scenario.city
        if scenario.by is not None:
            split.append((label, scenario, policy))
            continue
        key = id(source) if isinstance(source, City) else hash(source)
        group = groups.setdefault(key, (source, []))
        group[1].append((label, policy, scenario.on, scenario.select, scenario.ignore))
    pieces = _pieces(list(groups.values()), worker_count(chosen))
    shipped: dict[int, City | Pickled] = {}
    futures = []
    for source, jobs in pieces:
        sent: City | Pickled | Recipe = source
        if isinstance(source, City):
            if id(source) not in shipped:
                shipped[id(source)] = ship(source, chosen)  # pickled once for every piece
            sent = shipped[id(source)]
        futures.append(submit(chosen, run_piece, sent, jobs, level))
    weights = [len(jobs) for _, jobs in pieces]
    whole = sum(weights) + len(split)

    def shown(done: int, total: int) -> object:
        return progress(done, whole) if progress is not None else None

    found = gather(futures, weights=weights, progress=shown)
    checked: dict[str, tuple[tuple[Row, ...], dict[str, dict[str, float]], date]] = {}
    for (_, jobs), outcome in zip(pieces, found, strict=True):
        if isinstance(outcome, BaseException):
            for job in jobs:
                failures[job[0]] = f"{type(outcome).__name__}: {outcome}"
            continue
        for done in outcome:
            if len(done) == 2:
                failures[done[0]] = done[1]
            else:
                label, rows, metrics, day = done
                checked[label] = (rows, metrics, day)
    # A scenario split by district spreads its districts over the executor, one after another.
    for finished, (label, scenario, policy) in enumerate(split, start=sum(weights) + 1):
        try:
            rows, metrics, day = _by_district(label, scenario, policy, chosen, level)
        except NeighborPartyError as exc:
            failures[label] = str(exc)
        except Exception as exc:  # noqa: BLE001 - a district's worker died: the others stand
            failures[label] = f"{type(exc).__name__}: {exc}"
        else:
            checked[label] = (rows, metrics, day)
        shown(finished, whole)
    kept = [label for label in labels if label in checked]
    results = Results(
        rows=tuple(row for label in kept for row in checked[label][0]),
        metrics={label: checked[label][1] for label in kept},
        days={label: checked[label][2] for label in kept},
        level=level,
    )
    if failures:
        raise ScenarioError({k: failures[k] for k in labels if k in failures}, results)
    return results
