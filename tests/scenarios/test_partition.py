"""A city checked part by part equals the whole city's check: same outcomes in the same order,
same findings, same metrics at every level, for every level of split and on any executor."""

from __future__ import annotations

import pickle
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neighborparty import (
    Activity,
    ActivityKind,
    City,
    Policy,
    Report,
    Severity,
    check,
    examples,
)
from neighborparty.errors import InvalidArgumentError
from neighborparty.model import COLLECTIONS
from neighborparty.rules import NP_CATALOGUE, Catalogue, Verdict, rule
from neighborparty.scenarios import BY, check_partitioned, partition
from neighborparty.strategies import cities
from tests.scenarios.conftest import CountingPool

_DAYS = st.sampled_from([None, date(2019, 3, 1), date(2020, 10, 1), date(2024, 6, 30)])


def _same(parted: Report, whole: Report) -> None:
    assert parted.rules == whole.rules
    assert parted.day == whole.day
    for (r1, o1), (r2, o2) in zip(parted.results, whole.results, strict=True):
        assert r1 is r2
        assert o1 == o2, r1.code
    assert parted.findings == whole.findings
    assert parted.metrics.values == whole.metrics.values
    assert parted.to_dict() == whole.to_dict()


@given(city=cities(max_size=5), by=st.sampled_from(sorted(BY)), on=_DAYS)
def test_partitioned_equals_whole_for_generated_cities(
    city: City, by: str, on: date | None
) -> None:
    _same(check_partitioned(city, by=by, on=on), check(city, on=on))


@settings(max_examples=30)
@given(
    city=st.sampled_from(sorted(r.code for r in NP_CATALOGUE.rules)).flatmap(
        lambda code: cities(max_size=4, breaking=code)
    ),
    by=st.sampled_from(sorted(BY)),
)
def test_partitioned_equals_whole_for_cities_breaking_a_rule(city: City, by: str) -> None:
    _same(check_partitioned(city, by=by), check(city))


def test_a_branch_counts_the_meetings_of_its_members_living_in_another_part() -> None:
    city = examples.seed_city()
    ye = city.get("p-ye")  # lives in the old quarter (cm-old), joins a branch of cm-jinan
    joined = city.get("p-wang").party  # type: ignore[union-attr]
    meetings = [  # the first of its kind lies in every part: the second one is the test
        Activity(id=f"ac-m{i}", person=p, kind=ActivityKind.BRANCH_MEETING, on=day)
        for i, (p, day) in enumerate([("p-chen", date(2020, 6, 1)), ("p-ye", date(2020, 9, 30))])
    ]
    city = city.with_updates(people=[attrs.evolve(ye, party=joined)], activities=meetings)
    whole = check(city, select=["NP207"])
    [found] = [f for f in whole.findings if f.subject == "br-jinan"]
    assert found.evidence["last"] == "2020-09-30"
    _same(check_partitioned(city, by="community", select=["NP207"]), whole)


@pytest.mark.parametrize("by", sorted(BY))
def test_a_synthetic_city_on_a_process_pool(town: City, by: str, pool: CountingPool) -> None:
    parts = partition(town, by=by)
    assert len(parts) == len(getattr(town, BY[by]))
    _same(check_partitioned(town, by=by, executor=pool), check(town))
    sent = pool.cities_sent
    check_partitioned(town, by=by, executor=pool, select=["NP2"], on=date(2020, 5, 1))
    assert pool.cities_sent - sent == len(parts)  # each part crosses once


@pytest.mark.parametrize("by", sorted(BY))
def test_every_entity_lies_in_one_part_and_each_part_is_a_city(town: City, by: str) -> None:
    parts = partition(town, by=by)
    owned = [part.owned for part in parts]
    everything = {
        e.id for name in COLLECTIONS if name != "appointments" for e in getattr(town, name)
    }
    assert set().union(*owned) == everything
    assert sum(map(len, owned)) == len(everything)
    for part in parts:
        assert pickle.loads(pickle.dumps(part.city)) == part.city  # checked on arrival
        assert part.place in part.owned
        assert {c.id for c in part.city.compounds} >= {
            c.id for c in town.compounds if c.id in part.owned
        }
    # A community's part holds its compounds' residents and no other part's residents it
    # does not read.
    sizes = [sum(len(getattr(p.city, n)) for n in COLLECTIONS) for p in parts]
    assert max(sizes) < sum(len(getattr(town, n)) for n in COLLECTIONS) or len(parts) == 1


def _user_rules() -> Policy:
    """A rule of the user's declaring no reads (it counts over the whole city), and a local one."""
    words: dict[str, Any] = {
        "title_en": "a user's rule",
        "title_zh": "用户规则",
        "citation": "a user's own",
        "severity": Severity.INFO,
        "statement_zh": "用户规则。",
        "pass_en": "{subject} passes",
        "fail_en": "{subject} fails",
        "pass_zh": "{subject} 通过",
        "fail_zh": "{subject} 不通过",
    }

    @rule(code="UX01", subject="compound", **words)
    def ux01(ctx: Any) -> Any:
        """A compound has at most the city's mean number of people recorded."""
        people = len(ctx.city.people)
        mean = people / max(1, len(ctx.city.compounds))
        for compound in ctx.city.compounds:
            mine = len(ctx.city.residents(compound.id))
            yield compound.id, (Verdict.PASS if mine <= mean else Verdict.FAIL), {"people": mine}

    @rule(code="UX02", subject="compound", reads=["compounds", "people.home"], local=True, **words)
    def ux02(ctx: Any) -> Any:
        """A compound has a resident recorded."""
        for compound in ctx.city.compounds:
            mine = len(ctx.city.residents(compound.id))
            yield compound.id, (Verdict.PASS if mine else Verdict.FAIL), {"people": mine}

    return Policy.from_catalogues(NP_CATALOGUE, Catalogue("user", [ux01, ux02]))


def test_a_rule_without_reads_runs_on_the_whole_city(town: City) -> None:
    policy = _user_rules()
    whole = check(town, policy)
    assert {f.verdict.value for f in whole.findings if f.code == "UX01"} == {"pass", "fail"}
    for by in BY:
        _same(check_partitioned(town, policy, by=by), whole)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"by": "street"}, "by must be 'district', 'subdistrict', 'community', not 'street'"),
        ({"executor": 2}, "executor must be a concurrent"),
        ({"policy": "default"}, "policy must be a Policy"),
        ({"select": "NP1"}, "not a string"),
    ],
)
def test_bad_input_is_named(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidArgumentError, match=message):
        check_partitioned(examples.seed_city(), **kwargs)


def test_what_is_not_a_city_is_refused() -> None:
    with pytest.raises(InvalidArgumentError, match="takes a City or a Recipe, not dict"):
        check_partitioned({})  # type: ignore[arg-type]
    with pytest.raises(InvalidArgumentError, match="takes a City, not str"):
        partition("xm")  # type: ignore[arg-type]


def test_progress_counts_the_parts(town: City) -> None:
    seen: list[tuple[int, int]] = []
    check_partitioned(town, by="community", progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (len(town.communities), len(town.communities))
