"""The rule of the chain below the branch (NP3xx, :mod:`neighborparty.rules.np.members`): every
building where members live is served by a group or a building head."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from neighborparty import Building, City, Role
from tests.rules._helpers import (
    ENDED,
    FAIL,
    PASS,
    Case,
    NotJudged,
    a_resident,
    assert_judged,
    assert_not_judged,
    assert_seen_every_way,
    case,
    codes_of,
    not_judged,
    post,
    seed,
)

# --------------------------------------------------------------------------- city builders


def with_building_head(end: date | None) -> City:
    return seed().with_updates(
        appointments=[post("p-liu", "b-east-1", Role.BUILDING_HEAD, end=end)]
    )


# --------------------------------------------------------------------------- the cases

CASES = [
    # NP301 every members' building served
    case(
        "NP301",
        PASS,
        "b-jinan-1",
        seed,
        "a group and a building head",
        evidence={"members": 2, "served_by": ["grp-jinan-1", "building_head p-chen"]},
    ),
    case(
        "NP301",
        FAIL,
        "b-east-1",
        seed,
        "nobody serves it",
        evidence={"members": 1, "served_by": []},
    ),
    case("NP301", PASS, "b-east-1", lambda: with_building_head(None), "a building head"),
    case("NP301", FAIL, "b-east-1", lambda: with_building_head(ENDED), "a building head who left"),
    case("NP301", PASS, "ln-datong", seed, "a lane with a lane group"),
]


@pytest.mark.parametrize("c", CASES, ids=lambda c: c.id)
def test_an_np3_rule_judges_a_subject(c: Case) -> None:
    assert_judged(c)


@pytest.mark.parametrize("code", codes_of("NP3"))
def test_every_np3_rule_is_seen_passing_failing_and_where_it_can_undetermined(code: str) -> None:
    assert_seen_every_way(code, CASES)


NOT_JUDGED: list[NotJudged] = [
    (
        "NP301",
        "b-jinan-3",
        lambda: seed().with_updates(
            buildings=[Building(id="b-jinan-3", compound="c-jinan", households=30)],
            people=[a_resident("p-neighbour", "b-jinan-3")],
        ),
        "a building where no member lives",
    ),
]


@pytest.mark.parametrize(("code", "subject", "build"), not_judged(NOT_JUDGED))
def test_an_np3_rule_leaves_subjects_outside_its_scope_unjudged(
    code: str, subject: str, build: Callable[[], City]
) -> None:
    assert_not_judged(code, subject, build)
