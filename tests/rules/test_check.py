"""Checking a city: the day a check is made for, selections of rules, and findings that depend
on neither the order of entities nor the run."""

from __future__ import annotations

import random
from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborparty import City, Role, check
from neighborparty.model import COLLECTIONS
from neighborparty.rules import all_rules, as_of, select_rules
from neighborparty.strategies import cities
from tests.rules._helpers import FAIL, ON, PASS, ended, seed, verdict, verdicts


def test_without_a_day_a_check_measures_to_the_latest_recorded_day_with_open_posts() -> None:
    city = seed()
    report = check(city)
    assert (report.on, report.day) == (None, as_of(city))
    assert report.day == date(2020, 10, 8)
    assert report.to_dict()["on"] is None
    # A post with an end day is over, whatever day it ends.
    later = ended(city, "p-lin", "br-jinan", Role.SECRETARY, date(2030, 1, 1))
    assert verdict(later, "NP201", "br-jinan", on=None) is FAIL
    assert verdict(later, "NP201", "br-jinan") is PASS


def test_rules_are_selected_by_prefix_as_in_ruff() -> None:
    assert [r.code for r in select_rules(all_rules(), ["NP50"])] == [
        "NP501",
        "NP502",
        "NP503",
        "NP504",
        "NP505",
    ]
    assert [r.code for r in select_rules(all_rules(), ["NP5", "NP102"], ["NP50"])] == ["NP102"]
    with pytest.raises(TypeError):
        select_rules(all_rules(), "NP1")  # type: ignore[arg-type]


def shuffled(city: City, rnd: random.Random) -> City:
    """The same city with every collection in another order."""
    return attrs.evolve(
        city,
        **{name: rnd.sample(getattr(city, name), len(getattr(city, name))) for name in COLLECTIONS},
    )


@pytest.mark.parametrize("seed_number", range(5))
def test_the_seeds_findings_do_not_depend_on_the_order_of_entities(seed_number: int) -> None:
    city = seed()
    other = shuffled(city, random.Random(seed_number))
    assert verdicts(check(other, on=ON)) == verdicts(check(city, on=ON))


@given(cities(max_size=3), st.randoms(use_true_random=False), st.sampled_from([ON, None]))
def test_findings_do_not_depend_on_the_order_of_entities(
    city: City, rnd: random.Random, on: date | None
) -> None:
    other = shuffled(city, rnd)
    before, after = check(city, on=on), check(other, on=on)
    assert verdicts(after) == verdicts(before)
    assert after.metrics.values == before.metrics.values


PREFIXES = [
    "NP1",
    "NP2",
    "NP3",
    "NP4",
    "NP5",
    "NP6",
    "NP10",
    "NP20",
    "NP40",
    "NP50",
    "NP102",
    "NP505",
]


@given(cities(max_size=3), st.sampled_from(PREFIXES))
def test_select_and_ignore_partition_the_findings(city: City, prefix: str) -> None:
    whole = check(city, on=ON)
    selected = check(city, on=ON, select=[prefix])
    ignored = check(city, on=ON, ignore=[prefix])
    assert verdicts(selected) + verdicts(ignored) == verdicts(whole)
    assert all(f.code.startswith(prefix) for f in selected.findings)
    assert not any(f.code.startswith(prefix) for f in ignored.findings)
    assert sorted(selected.rules + ignored.rules) == list(whole.rules)


@given(cities(max_size=3))
def test_a_check_is_deterministic(city: City) -> None:
    first, second = check(city, on=ON), check(city, on=ON)
    assert first.findings == second.findings
    assert first.to_dict() == second.to_dict()
    # A second check of one City reads the facts the first derived; an equal City derives them
    # anew.
    fresh = check(attrs.evolve(city), on=ON)
    assert fresh.findings == first.findings
    assert fresh.to_dict() == first.to_dict()


def test_a_selection_given_as_a_generator_is_read_once() -> None:
    from neighborparty import check, examples

    report = check(examples.seed_city(), select=(p for p in ["NP10", "NP2"]))
    assert report.rules == check(examples.seed_city(), select=["NP10", "NP2"]).rules
    assert report.select == ("NP10", "NP2")
