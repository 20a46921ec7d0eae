"""The rules of the chain below the branch (NP3xx, :mod:`neighborparty.rules.np.chain`): every
building where members live is served by a group, a party-member building head or a party
member's central household; the chain's posts are held by party members."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import attrs
import pytest

from neighborparty import Building, City, Person, Role
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


def with_building_head(end: date | None, person: str = "p-liu") -> City:
    return seed().with_updates(appointments=[post(person, "b-east-1", Role.BUILDING_HEAD, end=end)])


def with_post(person: str, body: str, role: Role) -> City:
    """The seed with one more post of the chain."""
    return seed().with_updates(appointments=[post(person, body, role)])


def not_a_member(person: str) -> Callable[[], City]:
    """The seed with a member's party record gone: the same posts, held by a non-member."""

    def build() -> City:
        city = seed()
        found = city.get(person)
        assert isinstance(found, Person)
        return city.with_updates(people=[attrs.evolve(found, party=None)])

    return build


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
    case(
        "NP301",
        FAIL,
        "b-east-1",
        lambda: with_building_head(None, person="p-zhou"),
        "a building head who is no party member does not serve it",
        evidence={"served_by": []},
    ),
    case(
        "NP301",
        FAIL,
        "b-east-1",
        lambda: with_post("p-zhou", "b-east-1", Role.CENTRAL_HOUSEHOLD),
        "a central household that is no party member's does not serve it",
    ),
    case(
        "NP301",
        PASS,
        "b-jinan-2",
        not_a_member("p-wang"),
        "still served by its group when its central household leaves the party",
        evidence={"served_by": ["grp-jinan-1"]},
    ),
    # NP302 the chain's posts held by party members
    case(
        "NP302",
        PASS,
        "p-chen",
        seed,
        "a member leads a group and heads a building",
        evidence={
            "posts": ["group_leader grp-jinan-1", "building_head b-jinan-1"],
            "party_member": True,
        },
    ),
    case(
        "NP302",
        FAIL,
        "p-zhou",
        lambda: with_building_head(None, person="p-zhou"),
        "a building head who is no party member",
        evidence={"posts": ["building_head b-east-1"], "party_member": False},
    ),
    case(
        "NP302",
        FAIL,
        "p-wang",
        not_a_member("p-wang"),
        "a central household that is no party member's",
    ),
    case(
        "NP302",
        FAIL,
        "p-chen",
        not_a_member("p-chen"),
        "a group leader who is no party member",
    ),
    case("NP302", PASS, "p-liu", lambda: with_building_head(None), "a member's new post"),
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
    (
        "NP302",
        "p-zhou",
        lambda: seed().with_updates(
            appointments=[post("p-zhou", "b-east-1", Role.BUILDING_HEAD, end=ENDED)]
        ),
        "someone whose post of the chain has ended",
    ),
    ("NP302", "p-lin", seed, "a member with no post of the chain"),
]


@pytest.mark.parametrize(("code", "subject", "build"), not_judged(NOT_JUDGED))
def test_an_np3_rule_leaves_subjects_outside_its_scope_unjudged(
    code: str, subject: str, build: Callable[[], City]
) -> None:
    assert_not_judged(code, subject, build)
