"""Coverage plans: the fewest new branches reaching the target, against brute force."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neighborparty import (
    City,
    Community,
    Compound,
    CompoundKind,
    District,
    Formation,
    FourHaves,
    MemberCategory,
    Membership,
    OrgKind,
    PartyOrganization,
    Person,
    Severity,
    Standing,
    Subdistrict,
    check,
    examples,
)
from neighborparty.errors import InvalidArgumentError, UnknownIdError
from neighborparty.graph import coverage
from neighborparty.rules import DEFAULT_POLICY
from neighborparty.rules.plan import _candidates, needed, plan_coverage

DAY = date(2024, 6, 30)


@st.composite
def communities(draw: st.DrawFn) -> City:
    """One community of 1 to 6 compounds, none covered, with members registered in the
    community's committee."""
    n = draw(st.integers(1, 6))
    compounds, people = [], []
    for i in range(n):
        kind = draw(st.sampled_from([CompoundKind.MANAGED, CompoundKind.UNMANAGED]))
        households = draw(st.sampled_from([40, 150]))
        coordinates = (draw(st.integers(0, 9)) / 100, 0.0) if draw(st.booleans()) else None
        compounds.append(
            Compound(
                id=f"c{i}",
                name=f"小区{i}",
                community="cm",
                households=households,
                kind=kind,
                coordinates=coordinates,
            )
        )
        for j in range(draw(st.integers(0, 4))):
            full = draw(st.booleans()) or j == 0
            people.append(
                Person(
                    id=f"p{i}-{j}",
                    name="x",
                    home=f"c{i}",
                    party=Membership(
                        standing=Standing.FULL if full else Standing.PROBATIONARY,
                        category=MemberCategory.RETIRED,
                        registered_in="cc",
                        joined=date(2000, 1, 1),
                        full_since=date(2001, 1, 1) if full else None,
                    ),
                    four_haves=FourHaves(
                        capability=True, prestige=True, public_spirit=True, enthusiasm=True
                    )
                    if draw(st.booleans())
                    else None,
                )
            )
    return City(
        id="xm",
        name="厦门",
        districts=[District(id="d", name="区")],
        subdistricts=[Subdistrict(id="s", name="街道", district="d")],
        communities=[Community(id="cm", name="社区", subdistrict="s")],
        compounds=compounds,
        people=people,
        organizations=[
            PartyOrganization(
                id="cc", name="社区党委", kind=OrgKind.COMMUNITY_COMMITTEE, covers=["cm"]
            )
        ],
    )


def _brute_force(city: City, target: float) -> int | None:
    """The fewest disjoint candidate branches reaching the target, trying every set."""
    values = DEFAULT_POLICY.values(DAY)
    found = _candidates(city, "cm", values, DAY, set())
    need = needed(len(city.compounds), target, DAY)
    for count in range(len(found) + 1):
        for chosen in itertools.combinations(found, count):
            covered = [c for cand in chosen for c in cand.compounds]
            if len(covered) == len(set(covered)) and len(covered) >= need:
                return count
    return None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(communities(), st.sampled_from([0.5, 0.9, 1.0]))
def test_a_plan_is_optimal_and_does_what_it_says(city: City, target: float) -> None:
    plan = plan_coverage(city, "cm", target=target, on=DAY)
    best = _brute_force(city, target)
    assert plan.reached == (best is not None)
    if best is not None:
        assert len(plan.branches) == best
    edited = plan.apply(city)
    assert coverage(edited)["cm"].organized == plan.covered
    report = check(edited, on=DAY)
    for branch in plan.branches:
        assert len(branch.compounds) <= values_of("branch.joint_max_compounds")
        assert (branch.formation is Formation.JOINT) == (len(branch.compounds) > 1)
        for code in ("NP103", "NP201", "NP205"):
            verdicts = [f.verdict.value for f in report.findings_for(branch.id) if f.code == code]
            assert verdicts == ["pass"], (code, branch)
    # a compound qualifying for a standalone branch is never put in a joint one
    assert not [
        f
        for f in report.failures(severity=Severity.ERROR)
        if f.code == "NP102" and any(f.subject in b.compounds for b in plan.branches)
    ]


def values_of(name: str) -> float:
    return DEFAULT_POLICY.value(name, DAY)


def test_a_community_already_at_its_target_needs_nothing() -> None:
    plan = plan_coverage(examples.seed_city(), "cm-jinan")
    assert plan.reached
    assert plan.branches == ()
    assert not plan.edits


def test_the_target_defaults_to_the_policy_parameter() -> None:
    city = examples.seed_city()
    reform = DEFAULT_POLICY.with_parameters(
        {"coverage.organization_target": 0.5}, effective=date(2000, 1, 1)
    )
    assert plan_coverage(city, "cm-old", policy=reform).target == 0.5
    assert plan_coverage(city, "cm-old").target == 0.9


def test_joint_branches_take_the_nearest_compounds() -> None:
    city = communities_with_coordinates()
    pairs = DEFAULT_POLICY.with_parameters(
        {"branch.joint_max_compounds": 2}, effective=date(2000, 1, 1)
    )
    plan = plan_coverage(city, "cm", target=0.5, on=DAY, policy=pairs)
    assert [sorted(b.compounds) for b in plan.branches] == [["c0", "c1"]]
    # with room for three, the same one branch also takes in the far compound
    wider = plan_coverage(city, "cm", target=0.5, on=DAY)
    assert [sorted(b.compounds) for b in wider.branches] == [["c0", "c1", "c2"]]


def communities_with_coordinates() -> City:
    """c0 and c1 close together, c2 far away; two members each in c0 and c1, none in c2."""
    compounds = [
        Compound(
            id=f"c{i}",
            name=f"c{i}",
            community="cm",
            households=40,
            kind=CompoundKind.UNMANAGED,
            coordinates=(x, 0.0),
        )
        for i, x in enumerate([0.0, 0.01, 0.5])
    ]
    people = [
        Person(
            id=f"p{i}-{j}",
            name="x",
            home=f"c{i}",
            party=Membership(
                standing=Standing.FULL,
                category=MemberCategory.RETIRED,
                registered_in="cc",
                joined=date(2000, 1, 1),
                full_since=date(2001, 1, 1),
            ),
        )
        for i in (0, 1)
        for j in (0, 1)
    ]
    return City(
        id="xm",
        name="厦门",
        districts=[District(id="d", name="区")],
        subdistricts=[Subdistrict(id="s", name="街道", district="d")],
        communities=[Community(id="cm", name="社区", subdistrict="s")],
        compounds=compounds,
        people=people,
        organizations=[
            PartyOrganization(
                id="cc", name="社区党委", kind=OrgKind.COMMUNITY_COMMITTEE, covers=["cm"]
            )
        ],
    )


@pytest.mark.parametrize("target", [-0.1, 1.5, "0.9", True])
def test_a_bad_target_is_refused(target: object) -> None:
    with pytest.raises(InvalidArgumentError, match="target"):
        plan_coverage(examples.seed_city(), "cm-old", target=target)  # type: ignore[arg-type]


def test_an_unknown_community_is_refused() -> None:
    with pytest.raises(UnknownIdError):
        plan_coverage(examples.seed_city(), "cm-nowhere")


def test_the_plan_explains_itself_in_both_languages() -> None:
    plan = plan_coverage(communities_with_coordinates(), "cm", target=0.5, on=DAY)
    assert "form the joint compound branch" in plan.explain()
    assert "联合组建" in plan.explain("zh")
    assert plan.to_dict()["branches"][0]["formation"] == "joint"


def test_a_large_community_of_sparse_members_is_planned_exactly() -> None:
    """Sixteen uncovered compounds of one full member each: joint branches of three to five;
    the search over them stays small (it follows the compounds in turn)."""
    n = 16
    compounds = [
        Compound(
            id=f"c{i:02}",
            name=f"c{i}",
            community="cm",
            households=40,
            kind=CompoundKind.UNMANAGED,
            coordinates=(i / 100, 0.0),
        )
        for i in range(n)
    ]
    people = [
        Person(
            id=f"p{i:02}",
            name="x",
            home=f"c{i:02}",
            party=Membership(
                standing=Standing.FULL,
                category=MemberCategory.RETIRED,
                registered_in="cc",
                joined=date(2000, 1, 1),
                full_since=date(2001, 1, 1),
            ),
        )
        for i in range(n)
    ]
    city = City(
        id="xm",
        name="厦门",
        districts=[District(id="d", name="区")],
        subdistricts=[Subdistrict(id="s", name="街道", district="d")],
        communities=[Community(id="cm", name="社区", subdistrict="s")],
        compounds=compounds,
        people=people,
        organizations=[
            PartyOrganization(
                id="cc", name="社区党委", kind=OrgKind.COMMUNITY_COMMITTEE, covers=["cm"]
            )
        ],
    )
    plan = plan_coverage(city, "cm", on=DAY)
    assert plan.reached
    assert plan.covered >= 15
    assert len(plan.branches) == 3  # 15 compounds need three joint branches of five
    assert all(len(b.compounds) == 5 for b in plan.branches)
