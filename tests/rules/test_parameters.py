"""Dated parameters: raising a threshold moves verdicts one way only, and a value is used as
given."""

from __future__ import annotations

from datetime import date

import attrs
from hypothesis import given
from hypothesis import strategies as st

from neighborparty import DEFAULT_POLICY, City, Verdict, check, examples
from neighborparty.rules import compare, tipping_points
from neighborparty.strategies import cities
from tests.rules._helpers import FAIL, ON, PASS

STRICTER = "a failing subject still fails"
LAXER = "a passing subject still passes"

MONOTONE = [
    # Fewer full members than the minimum fail, so a higher minimum fails more branches.
    ("branch.min_full_members", "NP103", STRICTER),
    # A compound must form its own branch from these numbers: higher ones oblige fewer.
    ("formation.standalone_min_full_members", "NP102", LAXER),
    ("formation.standalone_min_households", "NP102", LAXER),
    ("committee.required_from_full_members", "NP203", LAXER),
    ("secretary.min_standing_years", "NP205", STRICTER),
    ("service.min_claims", "NP404", STRICTER),
    # Maxima, windows and terms: raising them allows more.
    ("branch.max_members", "NP107", LAXER),
    ("branch.joint_max_compounds", "NP108", LAXER),
    ("term.branch_years", "NP206", LAXER),
    ("term.community_branch_years", "NP206", LAXER),
    ("service.max_claims", "NP404", LAXER),
    ("membership.inactive_months", "NP405", LAXER),
    ("owners.max_term_years", "NP502", LAXER),
    ("whistle.answer_days", "NP603", LAXER),
    # Shares to reach: higher ones are harder.
    ("coverage.organization_target", "NP105", STRICTER),
    ("vote.min_participation", "NP505", STRICTER),
    ("vote.ordinary_majority", "NP505", STRICTER),
    ("vote.major_majority", "NP505", STRICTER),
]


@given(city=cities(max_size=3), data=st.data())
def test_raising_a_threshold_moves_verdicts_one_way_only(city: City, data: st.DataObject) -> None:
    for name, code, direction in MONOTONE:
        parameter = DEFAULT_POLICY.parameter(name)
        old = parameter.value_on(ON)
        if parameter.unit == "share":
            new = data.draw(st.floats(min_value=old, max_value=1.0), label=name)
        else:
            new = old + data.draw(st.integers(1, 200), label=f"{name} raised by")
        raised = DEFAULT_POLICY.with_parameters({name: new}, effective=ON)
        assert raised.value(name, ON) == new
        before = check(city, on=ON, select=[code]).findings
        after = {f.subject: f.verdict for f in check(city, raised, on=ON, select=[code]).findings}
        kept = FAIL if direction == STRICTER else PASS
        for f in before:
            if f.verdict is kept and f.subject in after:
                assert after[f.subject] is kept, (name, f.subject, f.verdict, after[f.subject])


def test_a_share_parameter_is_used_as_given() -> None:
    """A share was rounded to the nearest simple fraction: a reform to 0.7501 was read as 3/4 and
    changed nothing. A share is the simple fraction it stands for only when it is that fraction."""
    seed = examples.seed_city()  # v-fund: exactly 3/4 participation, held under 民法典
    city = seed.with_updates(votes=[attrs.evolve(seed.votes[0], held_on=date(2021, 9, 1))])
    reform = DEFAULT_POLICY.with_parameters(
        {"vote.min_participation": 0.7501}, effective=date(2021, 1, 1)
    )
    assert check(city, reform, select=["NP505"]).findings[0].verdict is Verdict.FAIL
    assert [(c.code, c.subject) for c in compare(city, DEFAULT_POLICY, reform).changes] == [
        ("NP505", "v-fund")
    ]
    [point] = tipping_points(city, "vote.min_participation")
    assert point.fails(0.7501)
    assert not point.fails(0.75)
