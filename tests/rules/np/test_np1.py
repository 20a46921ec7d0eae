"""The rules of the organisation (NP1xx, :mod:`neighborparty.rules.np.organization`): one
branch per compound, standalone where a compound qualifies, three full members, open areas by
courtyard or grid, coverage, at most fifty members, joint branches of at most five compounds."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from neighborparty import (
    DEFAULT_POLICY,
    Appointment,
    City,
    Compound,
    CompoundKind,
    Formation,
    MemberCategory,
    OrgKind,
    PartyOrganization,
    Role,
    Standing,
)
from tests.rules._helpers import (
    FAIL,
    PASS,
    Case,
    NotJudged,
    a_member,
    assert_judged,
    assert_not_judged,
    assert_seen_every_way,
    case,
    codes_of,
    east_with,
    edit,
    edit_party,
    finding,
    jinan_branch_of,
    not_judged,
    post,
    seed,
)

# --------------------------------------------------------------------------- city builders


def old_reached_by_no_branch(*posts: Appointment) -> City:
    """c-old with its grid branch covering nothing, and these posts added."""
    return edit(seed(), "br-grid-old", covers=[]).with_updates(appointments=posts)


def joint_branch_of(compounds: int) -> City:
    """br-joint covering this many compounds (c-east, c-west and new small managed ones)."""
    city = seed()
    new = [
        Compound(
            id=f"c-small-{i}",
            name=f"small {i}",
            community="cm-jinan",
            households=40,
            kind=CompoundKind.MANAGED,
        )
        for i in range(compounds - 2)
    ]
    city = city.with_updates(compounds=new)
    return edit(city, "br-joint", covers=["c-east", "c-west", *(c.id for c in new)])


_reform_075 = DEFAULT_POLICY.with_parameters(
    {"coverage.organization_target": 0.75}, effective=date(2020, 1, 1)
)


# --------------------------------------------------------------------------- the cases

CASES = [
    # NP101 one compound, one branch
    case(
        "NP101", PASS, "c-jinan", seed, "its standalone branch", evidence={"branches": ["br-jinan"]}
    ),
    case(
        "NP101",
        PASS,
        "c-old",
        seed,
        "a grid branch through a grid",
        evidence={"branches": ["br-grid-old"]},
    ),
    case(
        "NP101",
        FAIL,
        "c-west",
        lambda: edit(seed(), "br-joint", covers=["c-east"]),
        "dropped from the joint branch",
        evidence={"branches": []},
    ),
    # NP102 standalone branch where the compound qualifies
    case(
        "NP102",
        PASS,
        "c-jinan",
        seed,
        "has a standalone branch",
        evidence={"standalone_branches": ["br-jinan"]},
    ),
    case(
        "NP102",
        FAIL,
        "c-east",
        lambda: east_with(3, 100),
        "3 full members and 100 households, joint branch only",
        evidence={
            "full_members": 3,
            "households": 100,
            "min_full_members": 3,
            "min_households": 100,
            "standalone_branches": [],
        },
    ),
    case("NP102", PASS, "c-east", lambda: east_with(2, 130), "2 full members are too few"),
    case("NP102", PASS, "c-east", lambda: east_with(3, 99), "99 households are too few"),
    case(
        "NP102",
        PASS,
        "c-east",
        lambda: east_with(
            2, 130, a_member("p-prob", "b-east-1", "br-joint", standing=Standing.PROBATIONARY)
        ),
        "a probationary member does not count",
        evidence={"full_members": 2},
    ),
    case(
        "NP102",
        PASS,
        "c-east",
        lambda: east_with(
            2,
            130,
            a_member(
                "p-unit",
                "b-east-1",
                "org-tax",
                category=MemberCategory.IN_SERVICE,
                managed_in="br-joint",
            ),
        ),
        "a member registered with a unit elsewhere does not count",
        evidence={"full_members": 2},
    ),
    # NP103 a branch has three full members
    case("NP103", PASS, "br-joint", seed, "exactly 3 full members", evidence={"full_members": 3}),
    case(
        "NP103",
        FAIL,
        "br-joint",
        lambda: edit_party(seed(), "p-ma", registered_in="cc-jinan"),
        "2 full members",
        evidence={"full_members": 2, "min_full_members": 3},
    ),
    case(
        "NP103",
        FAIL,
        "br-joint",
        lambda: edit_party(
            seed(), "p-ma", standing=Standing.PROBATIONARY, joined=date(2020, 3, 1), full_since=None
        ),
        "2 full members and a probationary one",
        evidence={"full_members": 2},
    ),
    case("NP103", FAIL, "br-grid-old", seed, "1 full member", evidence={"full_members": 1}),
    # NP104 open areas by courtyard or grid
    case(
        "NP104",
        PASS,
        "c-old",
        seed,
        "an old quarter reached by a grid branch",
        evidence={"kind": "old_quarter", "standalone_branch": None},
    ),
    case(
        "NP104",
        FAIL,
        "c-jinan",
        lambda: edit(seed(), "c-jinan", kind=CompoundKind.RESETTLEMENT),
        "a resettlement area with a standalone compound branch",
        evidence={"kind": "resettlement", "standalone_branch": "br-jinan"},
    ),
    case(
        "NP104",
        FAIL,
        "c-old",
        lambda: edit(
            seed(), "br-grid-old", kind=OrgKind.COMPOUND_BRANCH, formation=Formation.STANDALONE
        ),
        "an old quarter as a standalone compound branch",
        evidence={"standalone_branch": "br-grid-old"},
    ),
    # NP105 organisation coverage
    case(
        "NP105",
        PASS,
        "cm-jinan",
        seed,
        "3 of 3",
        evidence={"covered": 3, "compounds": 3, "rate": 1.0},
    ),
    case(
        "NP105",
        FAIL,
        "cm-old",
        seed,
        "a grid branch is no compound branch",
        evidence={"level": "community", "covered": 0, "compounds": 1, "target": 0.9},
    ),
    case(
        "NP105",
        FAIL,
        "s-1",
        seed,
        "3 of 4 below 90 %",
        evidence={"level": "subdistrict", "rate": 0.75},
    ),
    case(
        "NP105",
        PASS,
        "s-1",
        seed,
        "3 of 4 exactly at a 75 % target",
        policy=_reform_075,
        evidence={"rate": 0.75, "target": 0.75},
    ),
    # NP106 work coverage
    case("NP106", PASS, "cm-old", seed, "a grid branch reaches c-old", evidence={"covered": 1}),
    case(
        "NP106",
        FAIL,
        "cm-old",
        old_reached_by_no_branch,
        "no branch and no staffer",
        evidence={"covered": 0, "compounds": 1, "target": 1.0},
    ),
    case(
        "NP106",
        PASS,
        "cm-old",
        lambda: old_reached_by_no_branch(
            post("p-ye", "c-old", Role.COMPOUND_SECRETARY, dispatched=True)
        ),
        "a staffer the community dispatched",
    ),
    case(
        "NP106",
        FAIL,
        "cm-old",
        lambda: old_reached_by_no_branch(post("p-ye", "c-old", Role.COMPOUND_SECRETARY)),
        "a compound secretary not dispatched",
    ),
    case(
        "NP106",
        FAIL,
        "xm-demo",
        old_reached_by_no_branch,
        "3 of 4 at the city",
        evidence={"level": "city"},
    ),
    # NP107 at most fifty members
    case(
        "NP107",
        PASS,
        "br-jinan",
        lambda: jinan_branch_of(50),
        "50 members",
        evidence={"members": 50},
    ),
    case(
        "NP107",
        FAIL,
        "br-jinan",
        lambda: jinan_branch_of(51),
        "51 members",
        evidence={"members": 51, "max_members": 50},
    ),
    case(
        "NP107",
        FAIL,
        "br-jinan",
        lambda: jinan_branch_of(51, standing=Standing.PROBATIONARY),
        "51 members, probationary ones included",
    ),
    # NP108 a joint branch of at most five compounds
    case("NP108", PASS, "br-joint", seed, "2 compounds", evidence={"compounds": 2}),
    case(
        "NP108",
        PASS,
        "br-joint",
        lambda: joint_branch_of(5),
        "5 compounds",
        evidence={"compounds": 5},
    ),
    case(
        "NP108",
        FAIL,
        "br-joint",
        lambda: joint_branch_of(6),
        "6 compounds",
        evidence={"compounds": 6, "max_compounds": 5},
    ),
]


@pytest.mark.parametrize("c", CASES, ids=lambda c: c.id)
def test_an_np1_rule_judges_a_subject(c: Case) -> None:
    assert_judged(c)


@pytest.mark.parametrize("code", codes_of("NP1"))
def test_every_np1_rule_is_seen_passing_failing_and_where_it_can_undetermined(code: str) -> None:
    assert_seen_every_way(code, CASES)


NOT_JUDGED: list[NotJudged] = [
    ("NP102", "c-old", seed, "an old quarter is not held to the managed compounds' rule"),
    ("NP104", "c-jinan", seed, "a managed compound is not held to the open areas' advice"),
    ("NP108", "br-jinan", seed, "a standalone branch is no joint branch"),
]


@pytest.mark.parametrize(("code", "subject", "build"), not_judged(NOT_JUDGED))
def test_an_np1_rule_leaves_subjects_outside_its_scope_unjudged(
    code: str, subject: str, build: Callable[[], City]
) -> None:
    assert_not_judged(code, subject, build)


def test_np102_does_not_count_members_registered_with_a_company_serving_the_compound() -> None:
    company = PartyOrganization(
        id="org-pm", name="安居物业党支部", kind=OrgKind.COMPANY_ORGANIZATION, covers=["c-east"]
    )
    staff = a_member("p-pm", "b-east-1", "org-pm", category=MemberCategory.IN_SERVICE)
    city = east_with(2, 130).with_updates(organizations=[company], people=[staff])
    # Two members registered with the joint branch, one with the property company.
    f = finding(city, "NP102", "c-east")
    assert (f.verdict, f.evidence["full_members"]) == (PASS, 2)
