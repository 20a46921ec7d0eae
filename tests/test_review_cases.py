"""Edge cases found in review: each pins the behaviour the docs promise."""

import pickle
import subprocess
import sys
from datetime import date

import attrs
import pytest

import neighborparty as np_
from neighborparty import DEFAULT_POLICY, Role, check, examples, graph
from neighborparty.rules import compare, tipping_points

DAY = date(2020, 10, 26)


def test_policies_and_reports_pickle_for_process_pools() -> None:
    report = check(examples.seed_city())
    again = pickle.loads(pickle.dumps(report))
    assert again.counts() == report.counts()
    assert pickle.loads(pickle.dumps(DEFAULT_POLICY)) == DEFAULT_POLICY


def test_compare_is_a_top_level_name() -> None:
    assert np_.compare is compare


def vote(**numbers: float) -> np_.OwnersVote:
    return np_.OwnersVote(
        id="v-fund",
        compound="c-jinan",
        matter=np_.MatterKind.USE_MAINTENANCE_FUND,
        held_on=date(2020, 9, 1),
        **numbers,
    )


def test_exactly_two_thirds_of_a_decimal_area_takes_part() -> None:
    v = vote(
        total_area=12000.6,
        total_owners=135,
        participating_area=8000.4,
        participating_owners=90,
        area_for=8000.4,
        owners_for=90,
    )
    city = examples.seed_city().with_updates(votes=[v])
    assert check(city, select=["NP505"]).findings[0].verdict is np_.Verdict.PASS


def test_a_share_parameter_is_used_as_given() -> None:
    city = examples.seed_city()  # v-fund: exactly 3/4 participation
    reform = DEFAULT_POLICY.with_parameters(
        {"vote.min_participation": 0.7501}, effective=date(2020, 1, 1)
    )
    assert check(city, reform, select=["NP505"]).findings[0].verdict is np_.Verdict.FAIL
    assert [(c.code, c.subject) for c in compare(city, DEFAULT_POLICY, reform).changes] == [
        ("NP505", "v-fund")
    ]
    [point] = tipping_points(city, "vote.min_participation")
    assert point.fails(0.7501)
    assert not point.fails(0.75)


@pytest.mark.parametrize("second", ["p-aaa", "p-zzz"])
def test_every_secretary_in_office_is_judged(second: str) -> None:
    city = examples.seed_city()
    newcomer = np_.Person(
        id=second,
        name="x",
        home="b-jinan-1",
        party=np_.Membership(
            standing=np_.Standing.PROBATIONARY,
            category=np_.MemberCategory.RETIRED,
            registered_in="br-jinan",
        ),
    )
    post = np_.Appointment(
        person=second, body="br-jinan", role=Role.SECRETARY, start=date(2020, 1, 1)
    )
    edited = city.with_updates(people=[newcomer], appointments=[post])
    verdicts = {
        f.code: f.verdict
        for f in check(edited, select=["NP202", "NP205"], on=DAY).findings_for("br-jinan")
    }
    assert verdicts == {"NP202": np_.Verdict.UNDETERMINED, "NP205": np_.Verdict.FAIL}


def test_red_committees_are_counted_per_committee() -> None:
    city = examples.seed_city()
    second = np_.OwnersCommittee(id="oc-jinan-2", compound="c-jinan", term_start=date(2020, 6, 1))
    owners = [np_.Person(id=f"o-{k}", name="o", home="b-jinan-1") for k in range(5)]
    seats = [
        np_.Appointment(
            person=p.id, body="oc-jinan-2", role=Role.OWNERS_MEMBER, start=date(2020, 6, 1)
        )
        for p in owners
    ]
    edited = city.with_updates(committees=[second], people=owners, appointments=seats)
    metrics = check(edited).metrics.at("xm-demo")
    assert metrics["red_committees"] == len(graph.red_committees(edited)) == 1


def test_a_branch_is_placed_by_the_first_compound_it_reaches() -> None:
    city = examples.seed_city()
    empty = np_.Grid(id="g-empty", name="empty", community="cm-old")
    branch = attrs.evolve(city.get("br-grid-old"), covers=["g-empty", "g-old"])
    edited = city.with_updates(grids=[empty], organizations=[branch])
    assert check(edited).metrics.at("cm-old")["branches.grid_branch"] == 1


def test_a_bad_scale_is_a_usage_error_not_a_traceback() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "neighborparty", "demo", "--scale", "0"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "must be a positive number" in result.stderr
    assert "Traceback" not in result.stderr
