"""Organisational life by the book (NP207–NP212, :mod:`neighborparty.rules.np.life`): the
branch general meeting within three months, the committee's and the groups' meetings and the
theme party day within a month, the party lecture within three months, the organisational-life
meeting and the democratic appraisal within a year — each counted from the last record, or from
the branch's election, and undetermined where the city records no such activity at all."""

from __future__ import annotations

from datetime import date

import attrs
import pytest

from neighborparty import Activity, ActivityKind, City, Role, check
from neighborparty.rules.np import life
from neighborparty.rules.np.life import held_days
from tests.rules._helpers import (
    FAIL,
    PASS,
    UNDETERMINED,
    Case,
    a_resident,
    assert_judged,
    case,
    codes_of,
    edit,
    post,
    seed,
)

# --------------------------------------------------------------------------- city builders


def held(
    kind: ActivityKind, *days: date, ref: str | None = "br-jinan", person: str = "p-lin"
) -> City:
    """The seed with p-lin attending an activity of ``kind`` on each day, held by ``ref``."""
    return seed().with_updates(
        activities=[
            Activity(id=f"ac-life-{i}", person=person, kind=kind, on=day, ref=ref)
            for i, day in enumerate(days)
        ]
    )


def with_committee(*days: date) -> City:
    """br-jinan with a branch committee member in post and its committee's meetings."""
    city = held(ActivityKind.BRANCH_COMMITTEE_MEETING, *days)
    member = a_resident("p-bc", "b-jinan-1")
    return city.with_updates(
        people=[member], appointments=[post("p-bc", "br-jinan", Role.BRANCH_COMMITTEE_MEMBER)]
    )


_MEETING = ActivityKind.BRANCH_MEETING
_DAY = date(2020, 10, 26)

# --------------------------------------------------------------------------- the cases

CASES = [
    # NP207 the branch general meeting, at most three months apart
    case(
        "NP207",
        PASS,
        "br-jinan",
        lambda: held(_MEETING, date(2020, 7, 26)),
        "exactly three months ago",
        evidence={"last": "2020-07-26", "counted_from": "branch_meeting"},
    ),
    case(
        "NP207",
        FAIL,
        "br-jinan",
        lambda: held(_MEETING, date(2020, 7, 25)),
        "three months and a day ago",
    ),
    case(
        "NP207",
        PASS,
        "br-jinan",
        lambda: held(_MEETING, date(2020, 7, 25), date(2020, 10, 1)),
        "the latest of several counts",
    ),
    case(
        "NP207",
        FAIL,
        "br-jinan",
        lambda: held(_MEETING, date(2020, 7, 25), date(2020, 11, 1)),
        "a meeting after the day judged does not count",
        evidence={"last": "2020-07-25"},
    ),
    case(
        "NP207",
        PASS,
        "br-jinan",
        lambda: held(_MEETING, date(2020, 10, 1), ref=None),
        "a record naming no organisation counts for the member's branch",
    ),
    case(
        "NP207",
        FAIL,
        "br-joint",
        lambda: held(_MEETING, date(2020, 10, 1)),
        "another branch's meetings: counted from its election on 2019-06-01",
        evidence={"last": "2019-06-01", "counted_from": "election"},
    ),
    case(
        "NP207",
        UNDETERMINED,
        "br-jinan",
        seed,
        "the city records no branch meeting at all",
        evidence={"missing": ["any branch_meeting among the activity records"]},
    ),
    case(
        "NP207",
        UNDETERMINED,
        "br-joint",
        lambda: edit(held(_MEETING, date(2020, 10, 1)), "br-joint", elected_on=None),
        "neither a meeting of its own nor its election recorded",
        evidence={"missing": ["a branch_meeting, or the day br-joint was elected"]},
    ),
    # NP208 the branch committee's meeting, at most a month apart
    case(
        "NP208",
        PASS,
        "br-jinan",
        lambda: with_committee(date(2020, 9, 26)),
        "exactly a month ago",
    ),
    case(
        "NP208",
        FAIL,
        "br-jinan",
        lambda: with_committee(date(2020, 9, 25)),
        "a month and a day ago",
    ),
    case(
        "NP208",
        UNDETERMINED,
        "br-jinan",
        lambda: with_committee(),
        "a committee, but no committee meeting recorded in the city",
    ),
    # NP209 the group's meeting, at most a month apart
    case(
        "NP209",
        PASS,
        "grp-jinan-1",
        lambda: held(ActivityKind.GROUP_MEETING, date(2020, 9, 26), ref="grp-jinan-1"),
        "exactly a month ago",
    ),
    case(
        "NP209",
        FAIL,
        "grp-datong",
        lambda: edit(
            held(ActivityKind.GROUP_MEETING, date(2020, 9, 26), ref="grp-jinan-1"),
            "grp-datong",
            elected_on=date(2020, 9, 25),
        ),
        "another group's meeting only: counted from its own election a month and a day ago",
        evidence={"counted_from": "election"},
    ),
    case(
        "NP209",
        UNDETERMINED,
        "grp-jinan-1",
        seed,
        "no group meeting recorded in the city",
    ),
    # NP210 the theme party day, at most a month apart
    case(
        "NP210",
        PASS,
        "br-jinan",
        seed,
        "the seed's theme party day, 2020-09-05, judged on 2020-10-05",
        on=date(2020, 10, 5),
    ),
    case(
        "NP210",
        FAIL,
        "br-jinan",
        seed,
        "the seed's theme party day, judged on 2020-10-06",
        on=date(2020, 10, 6),
    ),
    case(
        "NP210",
        UNDETERMINED,
        "br-jinan",
        lambda: attrs.evolve(seed(), activities=()),
        "no activity recorded",
    ),
    # NP211 the party lecture, at most three months apart (a library default)
    case(
        "NP211",
        PASS,
        "br-jinan",
        lambda: held(ActivityKind.PARTY_LECTURE, date(2020, 7, 26)),
        "exactly three months ago",
    ),
    case(
        "NP211",
        FAIL,
        "br-jinan",
        lambda: held(ActivityKind.PARTY_LECTURE, date(2020, 7, 25)),
        "three months and a day ago",
    ),
    case("NP211", UNDETERMINED, "br-jinan", seed, "no lecture recorded in the city"),
    # NP212 the organisational-life meeting and the democratic appraisal, within a year
    case(
        "NP212",
        PASS,
        "br-jinan",
        lambda: held(ActivityKind.ORGANIZATIONAL_LIFE_MEETING, date(2019, 10, 26)).with_updates(
            activities=[
                Activity(
                    id="ac-appraisal",
                    person="p-lin",
                    kind=ActivityKind.DEMOCRATIC_APPRAISAL,
                    on=date(2019, 12, 20),
                    ref="br-jinan",
                )
            ]
        ),
        "both within the year: the meeting exactly a year ago",
    ),
    case(
        "NP212",
        FAIL,
        "br-jinan",
        lambda: held(ActivityKind.ORGANIZATIONAL_LIFE_MEETING, date(2019, 10, 25)).with_updates(
            activities=[
                Activity(
                    id="ac-appraisal",
                    person="p-lin",
                    kind=ActivityKind.DEMOCRATIC_APPRAISAL,
                    on=date(2020, 10, 1),
                    ref="br-jinan",
                )
            ]
        ),
        "the meeting a year and a day ago",
    ),
    case(
        "NP212",
        FAIL,
        "br-joint",
        lambda: held(ActivityKind.ORGANIZATIONAL_LIFE_MEETING, date(2020, 10, 1)),
        "no meeting of its own since its election, appraisals unrecorded: fails on the meeting",
    ),
    case(
        "NP212",
        UNDETERMINED,
        "br-jinan",
        lambda: held(ActivityKind.ORGANIZATIONAL_LIFE_MEETING, date(2020, 10, 1)),
        "the meeting held, appraisals not recorded in the city",
    ),
]


@pytest.mark.parametrize("c", CASES, ids=lambda c: c.id)
def test_an_organisational_life_rule_judges_a_subject(c: Case) -> None:
    assert_judged(c)


@pytest.mark.parametrize("code", codes_of("NP2", life))
def test_every_organisational_life_rule_is_seen_every_way(code: str) -> None:
    assert {c.expected for c in CASES if c.code == code} == {PASS, FAIL, UNDETERMINED}


def test_the_rules_are_those_of_the_life_module() -> None:
    assert codes_of("NP2", life) == ["NP207", "NP208", "NP209", "NP210", "NP211", "NP212"]


def test_a_branch_without_a_committee_is_not_judged_for_committee_meetings() -> None:
    report = check(held(ActivityKind.BRANCH_COMMITTEE_MEETING, _DAY), select=["NP208"])
    assert [f.subject for f in report.findings] == []


def test_a_meeting_attended_by_several_members_is_one_day_held() -> None:
    city = held(_MEETING, date(2020, 9, 1))
    city = city.with_updates(
        activities=[
            Activity(
                id="ac-other", person="p-chen", kind=_MEETING, on=date(2020, 9, 1), ref="br-jinan"
            )
        ]
    )
    assert held_days(city, "br-jinan", _MEETING) == (date(2020, 9, 1),)
