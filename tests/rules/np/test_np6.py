"""The rules of service and co-governance (NP6xx, :mod:`neighborparty.rules.np.cogovernance`):
staff linked to every compound, reporting units co-building, whistles answered, a station in
every compound."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from neighborparty import City, Role, ServiceStation, StationKind, check
from tests.rules._helpers import (
    ENDED,
    FAIL,
    PASS,
    Case,
    NotJudged,
    assert_judged,
    assert_not_judged,
    assert_seen_every_way,
    case,
    codes_of,
    edit,
    findings_of,
    not_judged,
    post,
    seed,
)

# --------------------------------------------------------------------------- city builders


def whistle(answered_on: date | None) -> City:
    """w-lamp, raised on 2020-05-01 (day 30 is 2020-05-31), answered on a day or not."""
    return edit(seed(), "w-lamp", answered_on=answered_on)


# --------------------------------------------------------------------------- the cases

CASES = [
    # NP601 staff linked to every compound
    case(
        "NP601",
        PASS,
        "c-east",
        seed,
        "a dispatched compound secretary",
        evidence={"linked": ["p-ye"]},
    ),
    case("NP601", FAIL, "c-jinan", seed, "nobody linked", evidence={"linked": []}),
    case(
        "NP601",
        PASS,
        "c-jinan",
        lambda: seed().with_updates(appointments=[post("p-ye", "c-jinan", Role.LIAISON)]),
        "a linked leader",
    ),
    case(
        "NP601",
        FAIL,
        "c-jinan",
        lambda: seed().with_updates(
            appointments=[post("p-ye", "c-jinan", Role.LIAISON, end=ENDED)]
        ),
        "a link that ended",
    ),
    # NP602 reporting units co-build
    case(
        "NP602",
        PASS,
        "u-tax",
        seed,
        "an agreement with br-jinan",
        evidence={"community": "cm-jinan", "partners": ["br-jinan"]},
    ),
    case(
        "NP602",
        FAIL,
        "u-tax",
        lambda: edit(seed(), "ag-tax", ends_on=ENDED),
        "the agreement ended",
        evidence={"partners": []},
    ),
    case(
        "NP602",
        FAIL,
        "u-tax",
        lambda: edit(seed(), "ag-tax", organization="br-grid-old"),
        "an agreement with a branch of another community",
    ),
    case(
        "NP602",
        PASS,
        "u-tax",
        lambda: edit(seed(), "ag-tax", organization="cc-jinan"),
        "an agreement with the community committee",
    ),
    # NP603 departments answer whistles
    case(
        "NP603",
        PASS,
        "w-lamp",
        seed,
        "answered in five days",
        evidence={"raised_on": "2020-05-01", "status": "answered 2020-05-06", "days": 30},
    ),
    case("NP603", PASS, "w-lamp", lambda: whistle(date(2020, 5, 31)), "answered on day 30"),
    case(
        "NP603",
        FAIL,
        "w-lamp",
        lambda: whistle(date(2020, 6, 1)),
        "answered on day 31",
        evidence={"status": "answered 2020-06-01"},
    ),
    case(
        "NP603",
        PASS,
        "w-lamp",
        lambda: whistle(None),
        "unanswered on day 30",
        on=date(2020, 5, 31),
        evidence={"status": "not answered"},
    ),
    case(
        "NP603", FAIL, "w-lamp", lambda: whistle(None), "unanswered on day 31", on=date(2020, 6, 1)
    ),
    case(
        "NP603",
        PASS,
        "w-lamp",
        lambda: whistle(date(2020, 6, 15)),
        "an answer recorded later is not yet due",
        on=date(2020, 5, 20),
        evidence={"status": "not answered"},
    ),
    # NP604 a service station in every compound
    case("NP604", PASS, "c-jinan", seed, "a compound station", evidence={"stations": ["st-jinan"]}),
    case("NP604", FAIL, "c-east", seed, "no station", evidence={"stations": []}),
    case(
        "NP604",
        FAIL,
        "c-east",
        lambda: seed().with_updates(
            stations=[
                ServiceStation(
                    id="st-east", name="x", place="c-east", kind=StationKind.COMMUNITY_CENTRE
                )
            ]
        ),
        "a centre of another kind is no compound station",
    ),
]


@pytest.mark.parametrize("c", CASES, ids=lambda c: c.id)
def test_an_np6_rule_judges_a_subject(c: Case) -> None:
    assert_judged(c)


@pytest.mark.parametrize("code", codes_of("NP6"))
def test_every_np6_rule_is_seen_passing_failing_and_where_it_can_undetermined(code: str) -> None:
    assert_seen_every_way(code, CASES)


NOT_JUDGED: list[NotJudged] = [
    (
        "NP602",
        "u-tax",
        lambda: edit(seed(), "u-tax", reported_on=None),
        "a unit that never reported",
    ),
    (
        "NP602",
        "u-tax",
        lambda: edit(seed(), "u-tax", reported_on=date(2020, 11, 1)),
        "a unit that reports after the check",
    ),
]


@pytest.mark.parametrize(("code", "subject", "build"), not_judged(NOT_JUDGED))
def test_an_np6_rule_leaves_subjects_outside_its_scope_unjudged(
    code: str, subject: str, build: Callable[[], City]
) -> None:
    assert_not_judged(code, subject, build)


def test_a_whistle_raised_after_the_check_is_not_judged() -> None:
    report = check(seed(), on=date(2020, 4, 30), select=["NP603"])
    assert findings_of(report, "NP603", "w-lamp") == []
