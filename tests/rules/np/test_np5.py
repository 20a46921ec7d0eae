"""The rules of owners' bodies (NP5xx, :mod:`neighborparty.rules.np.owners`): an owners'
committee of five to eleven, within its term, elected under the branch's lead; the branch
deliberates first; the owners' vote carries."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import attrs
import pytest

from neighborparty import City, ElectionLead, MatterKind, OwnersVote, Role, check
from tests.rules._helpers import (
    ENDED,
    FAIL,
    PASS,
    UNDETERMINED,
    Case,
    NotJudged,
    a_resident,
    assert_judged,
    assert_not_judged,
    assert_seen_every_way,
    case,
    codes_of,
    edit,
    not_judged,
    post,
    seed,
)

# --------------------------------------------------------------------------- city builders

CIVIL_CODE = date(2021, 1, 1)
"""The first day of 民法典 art. 278."""
LAST_PROPERTY_LAW_DAY = date(2020, 12, 31)
"""The last day of 物权法 (2007) art. 76."""
ALLOWANCE = date(2024, 5, 1)
"""The first day of the small compounds' allowance (北京市物业管理条例 art. 39)."""


def owners_committee_of(size: int, households: int = 120) -> City:
    """oc-jinan with exactly this many members in post, in c-jinan of this many households."""
    city = seed()
    people = tuple(a_resident(f"p-owner-{i}", "b-jinan-1") for i in range(size))
    posts = [
        post(p.id, "oc-jinan", Role.OWNERS_CHAIR if i == 0 else Role.OWNERS_MEMBER)
        for i, p in enumerate(people)
    ]
    kept = [a for a in city.appointments if a.body != "oc-jinan"]
    city = attrs.evolve(city, people=city.people + people, appointments=[*kept, *posts])
    return edit(city, "c-jinan", households=households)


def owners_postsENDED(on: date) -> City:
    """The seed with every oc-jinan post ended on a day: a past committee."""
    city = seed()
    return city.with_updates(
        appointments=[attrs.evolve(a, end=on) for a in city.appointments if a.body == "oc-jinan"]
    )


def vote(
    matter: MatterKind,
    *,
    participating: tuple[float, int],
    approving: tuple[float, int],
    total: tuple[float, int] = (12000.0, 120),
    held_on: date = CIVIL_CODE,
) -> City:
    """v-fund, deliberated first by br-jinan, as a vote on a matter with these (area, owners),
    held on a day (by default the Civil Code's first)."""
    return edit(
        seed(),
        "v-fund",
        matter=matter,
        held_on=held_on,
        total_area=total[0],
        total_owners=total[1],
        participating_area=participating[0],
        participating_owners=participating[1],
        area_for=approving[0],
        owners_for=approving[1],
    )


_major = MatterKind.RAISE_MAINTENANCE_FUND
_ordinary = MatterKind.ORDINARY


def old_vote(
    matter: MatterKind,
    approving: tuple[float, int],
    *,
    participating: tuple[float, int] = (120000.0, 1200),
    held_on: date = LAST_PROPERTY_LAW_DAY,
) -> City:
    """v-fund as a vote of 1200 owners over 120 000 m², held under 物权法 by default."""
    return vote(
        matter,
        participating=participating,
        approving=approving,
        total=(120000.0, 1200),
        held_on=held_on,
    )


_PROPERTY_LAW = {"version": "2007-10-01"}


# --------------------------------------------------------------------------- the cases

CASES = [
    # NP501 an owners' committee of five to eleven, odd
    case("NP501", PASS, "oc-jinan", seed, "5 members", evidence={"size": 5, "households": 120}),
    case(
        "NP501",
        FAIL,
        "oc-jinan",
        lambda: owners_committee_of(4),
        "4",
        evidence={"problem": "an even number"},
    ),
    case("NP501", PASS, "oc-jinan", lambda: owners_committee_of(5), "5"),
    case("NP501", PASS, "oc-jinan", lambda: owners_committee_of(11), "11", evidence={"size": 11}),
    case(
        "NP501",
        FAIL,
        "oc-jinan",
        lambda: owners_committee_of(12),
        "12",
        evidence={"problem": "an even number"},
    ),
    case(
        "NP501",
        FAIL,
        "oc-jinan",
        lambda: owners_committee_of(13),
        "13",
        evidence={"problem": "more than 11"},
    ),
    case(
        "NP501",
        PASS,
        "oc-jinan",
        lambda: owners_committee_of(3, households=100),
        "3 for 100 households",
        on=ALLOWANCE,
        evidence={"size": 3, "households": 100},
    ),
    case(
        "NP501",
        FAIL,
        "oc-jinan",
        lambda: owners_committee_of(3, households=101),
        "3 for 101 households",
        on=ALLOWANCE,
        evidence={"size": 3, "households": 101},
    ),
    case(
        "NP501",
        FAIL,
        "oc-jinan",
        lambda: owners_committee_of(1, households=100),
        "1 for 100 households",
        on=ALLOWANCE,
    ),
    case(
        "NP501",
        UNDETERMINED,
        "oc-jinan",
        lambda: owners_committee_of(3, households=100),
        "3 for 100 households the day before the allowance",
        on=ALLOWANCE - timedelta(days=1),
        evidence={
            "missing": [
                "a value of owners.small_committee_size in force on 2024-04-30",
                "a value of owners.small_compound_households in force on 2024-04-30",
            ]
        },
    ),
    case(
        "NP501",
        PASS,
        "oc-jinan",
        lambda: owners_committee_of(5, households=100),
        "5 before the allowance: the allowance does not decide it",
        on=ALLOWANCE - timedelta(days=1),
    ),
    case(
        "NP501",
        FAIL,
        "oc-jinan",
        lambda: owners_committee_of(4, households=100),
        "4 before the allowance: even, whatever the allowance",
        on=ALLOWANCE - timedelta(days=1),
    ),
    # NP502 an owners' committee within its term
    case(
        "NP502",
        PASS,
        "oc-jinan",
        seed,
        "2019-06-01 to 2024-05-31",
        evidence={"term_start": "2019-06-01", "term_end": "2024-05-31", "max_term_years": 5},
    ),
    case("NP502", PASS, "oc-jinan", seed, "on the term's last day", on=date(2024, 5, 31)),
    case(
        "NP502",
        FAIL,
        "oc-jinan",
        seed,
        "the day after the term's last day",
        on=date(2024, 6, 1),
        evidence={"problem": "ran out before 2024-06-01"},
    ),
    case(
        "NP502",
        PASS,
        "oc-jinan",
        lambda: edit(seed(), "oc-jinan", term_end=date(2024, 6, 1)),
        "a term of exactly five years",
    ),
    case(
        "NP502",
        FAIL,
        "oc-jinan",
        lambda: edit(seed(), "oc-jinan", term_end=date(2024, 6, 2)),
        "a term of five years and a day",
        evidence={"problem": "longer than 5 years"},
    ),
    case(
        "NP502",
        UNDETERMINED,
        "oc-jinan",
        lambda: edit(seed(), "oc-jinan", term_end=None),
        "no term end recorded",
        evidence={"missing": ["term_end of oc-jinan"]},
    ),
    # NP503 the branch leads the committee's election
    case(
        "NP503",
        PASS,
        "oc-jinan",
        seed,
        "the compound branch led",
        evidence={"led_by": "compound_branch"},
    ),
    case(
        "NP503",
        FAIL,
        "oc-jinan",
        lambda: edit(seed(), "oc-jinan", election_led_by=ElectionLead.DEVELOPER),
        "the developer led",
        evidence={"led_by": "developer"},
    ),
    case(
        "NP503",
        FAIL,
        "oc-jinan",
        lambda: edit(seed(), "oc-jinan", election_led_by=ElectionLead.COMMUNITY),
        "the community led",
    ),
    case(
        "NP503",
        UNDETERMINED,
        "oc-jinan",
        lambda: edit(seed(), "oc-jinan", election_led_by=None),
        "not recorded",
        evidence={"missing": ["election_led_by of oc-jinan"]},
    ),
    # NP504 the branch deliberates first
    case(
        "NP504",
        PASS,
        "v-fund",
        seed,
        "deliberated before the vote",
        evidence={"matter": "use_maintenance_fund", "deliberated_by": ["br-jinan"]},
    ),
    case(
        "NP504",
        PASS,
        "v-fund",
        lambda: edit(seed(), "dl-fund", held_on=date(2020, 9, 1)),
        "deliberated on the day of the vote",
    ),
    case(
        "NP504",
        FAIL,
        "v-fund",
        lambda: edit(seed(), "dl-fund", held_on=date(2020, 9, 2)),
        "deliberated after the vote",
        evidence={"deliberated_by": []},
    ),
    case(
        "NP504",
        FAIL,
        "v-fund",
        lambda: edit(seed(), "dl-fund", organization="br-joint"),
        "deliberated by a branch of other compounds",
    ),
    # NP505 the owners' vote carries
    case(
        "NP505",
        PASS,
        "v-fund",
        lambda: vote(_ordinary, participating=(8000.0, 80), approving=(4100.0, 41)),
        "exactly 2/3 take part",
        evidence={"matter": "ordinary"},
    ),
    case(
        "NP505",
        FAIL,
        "v-fund",
        lambda: vote(_ordinary, participating=(8000.0, 79), approving=(4100.0, 41)),
        "one owner short of 2/3",
    ),
    case(
        "NP505",
        FAIL,
        "v-fund",
        lambda: vote(_ordinary, participating=(7999.99, 80), approving=(4100.0, 41)),
        "a little area short of 2/3",
    ),
    case(
        "NP505",
        PASS,
        "v-fund",
        lambda: vote(
            _ordinary, participating=(6666.67, 80), approving=(4000.0, 41), total=(10000.0, 120)
        ),
        "just over 2/3 of an area that does not divide by three",
    ),
    case(
        "NP505",
        FAIL,
        "v-fund",
        lambda: vote(
            _ordinary, participating=(6666.66, 80), approving=(4000.0, 41), total=(10000.0, 120)
        ),
        "just under 2/3 of an area that does not divide by three",
    ),
    case(
        "NP505",
        PASS,
        "v-fund",
        lambda: vote(_major, participating=(8000.0, 80), approving=(6000.0, 60)),
        "exactly 3/4 approve raising the maintenance fund",
        evidence={"matter": "raise_maintenance_fund"},
    ),
    case(
        "NP505",
        FAIL,
        "v-fund",
        lambda: vote(_major, participating=(8000.0, 80), approving=(6000.0, 59)),
        "one owner short of 3/4 for raising the maintenance fund",
    ),
    case(
        "NP505",
        FAIL,
        "v-fund",
        lambda: vote(_major, participating=(8000.0, 80), approving=(5999.0, 60)),
        "a little area short of 3/4 for raising the maintenance fund",
    ),
    case(
        "NP505",
        FAIL,
        "v-fund",
        lambda: vote(MatterKind.REBUILD, participating=(8000.0, 80), approving=(5000.0, 50)),
        "5/8 is not enough to rebuild",
    ),
    case(
        "NP505",
        FAIL,
        "v-fund",
        lambda: vote(
            MatterKind.CHANGE_COMMON_PARTS, participating=(8000.0, 80), approving=(5000.0, 50)
        ),
        "5/8 is not enough to change common parts",
    ),
    case(
        "NP505",
        FAIL,
        "v-fund",
        lambda: vote(_ordinary, participating=(8000.0, 80), approving=(4100.0, 40)),
        "exactly 1/2 of the owners for an ordinary matter",
    ),
    case(
        "NP505",
        FAIL,
        "v-fund",
        lambda: vote(_ordinary, participating=(8000.0, 80), approving=(4000.0, 41)),
        "exactly 1/2 of the area for an ordinary matter",
    ),
    case(
        "NP505",
        PASS,
        "v-fund",
        lambda: vote(_ordinary, participating=(8000.0, 80), approving=(4000.01, 41)),
        "just over 1/2 for an ordinary matter",
    ),
    case(
        "NP505",
        PASS,
        "v-fund",
        lambda: vote(
            MatterKind.USE_MAINTENANCE_FUND, participating=(8000.0, 80), approving=(4100.0, 41)
        ),
        "using the maintenance fund needs a simple majority",
    ),
    case(
        "NP505",
        UNDETERMINED,
        "v-fund",
        lambda: vote(_ordinary, participating=(0.0, 0), approving=(0.0, 0), total=(12000.0, 0)),
        "no owners recorded",
        evidence={"missing": ["total owners and area of v-fund"]},
    ),
    case(
        "NP505",
        UNDETERMINED,
        "v-fund",
        lambda: vote(_ordinary, participating=(0.0, 80), approving=(0.0, 41), total=(0.0, 120)),
        "no area recorded",
    ),
]


CASES += [
    # NP505 before 2021: 物权法 (2007) art. 76, of the whole area and of all owners
    case(
        "NP505",
        PASS,
        "v-fund",
        lambda: old_vote(_major, (80000.0, 800)),
        "exactly 2/3 of the whole for raising the fund on 2020-12-31",
        evidence=_PROPERTY_LAW | {"judged_on": "2020-12-31"},
    ),
    case(
        "NP505",
        FAIL,
        "v-fund",
        lambda: old_vote(_major, (80000.0, 799)),
        "one owner short of 2/3 of all owners for raising the fund",
        evidence=_PROPERTY_LAW,
    ),
    case(
        "NP505",
        FAIL,
        "v-fund",
        lambda: old_vote(_major, (79999.99, 800)),
        "a little area short of 2/3 of the whole for raising the fund",
    ),
    case(
        "NP505",
        FAIL,
        "v-fund",
        lambda: old_vote(MatterKind.USE_MAINTENANCE_FUND, (70000.0, 700)),
        "using the fund needed 2/3 of the whole (item 5), not a majority",
    ),
    case(
        "NP505",
        PASS,
        "v-fund",
        lambda: old_vote(MatterKind.REBUILD, (80000.0, 800)),
        "rebuilding with exactly 2/3 of the whole (item 6)",
    ),
    case(
        "NP505",
        PASS,
        "v-fund",
        lambda: old_vote(MatterKind.CHANGE_COMMON_PARTS, (60000.01, 601)),
        "changing common parts needed only a majority of the whole",
    ),
    case(
        "NP505",
        FAIL,
        "v-fund",
        lambda: old_vote(_ordinary, (60000.0, 601)),
        "exactly half of the whole area is no majority",
    ),
    case(
        "NP505",
        FAIL,
        "v-fund",
        lambda: old_vote(_ordinary, (60000.01, 600)),
        "exactly half of all owners is no majority",
    ),
    case(
        "NP505",
        PASS,
        "v-fund",
        lambda: old_vote(_ordinary, (60000.01, 601), participating=(60000.01, 601)),
        "no participation quorum: half the owners taking part, all for, carries",
    ),
    case(
        "NP505",
        FAIL,
        "v-fund",
        lambda: old_vote(
            _ordinary, (50000.0, 500), participating=(60000.0, 600), held_on=CIVIL_CODE
        ),
        "the same kind of vote on 2021-01-01 needs two thirds to take part",
        evidence={"version": "2021-01-01", "judged_on": "2021-01-01"},
    ),
    case(
        "NP505",
        PASS,
        "v-fund",
        lambda: old_vote(MatterKind.USE_MAINTENANCE_FUND, (60000.01, 601), held_on=CIVIL_CODE),
        "using the fund with a majority of the participants on 2021-01-01",
    ),
    case(
        "NP505",
        UNDETERMINED,
        "v-fund",
        lambda: old_vote(_ordinary, (60000.01, 601), held_on=date(2007, 9, 30)),
        "a vote before 物权法 came into force",
        evidence={"missing": ["a version of NP505 in force on 2007-09-30"]},
    ),
]


@pytest.mark.parametrize("c", CASES, ids=lambda c: c.id)
def test_an_np5_rule_judges_a_subject(c: Case) -> None:
    assert_judged(c)


@pytest.mark.parametrize("code", codes_of("NP5"))
def test_every_np5_rule_is_seen_passing_failing_and_where_it_can_undetermined(code: str) -> None:
    assert_seen_every_way(code, CASES)


NOT_JUDGED: list[NotJudged] = [
    (
        "NP501",
        "oc-jinan",
        lambda: owners_postsENDED(ENDED),
        "a committee nobody sits on any more",
    ),
    (
        "NP502",
        "oc-jinan",
        lambda: owners_postsENDED(ENDED),
        "a committee nobody sits on any more",
    ),
    ("NP504", "v-fund", lambda: edit(seed(), "v-fund", matter=_ordinary), "an ordinary matter"),
]


@pytest.mark.parametrize(("code", "subject", "build"), not_judged(NOT_JUDGED))
def test_an_np5_rule_leaves_subjects_outside_its_scope_unjudged(
    code: str, subject: str, build: Callable[[], City]
) -> None:
    assert_not_judged(code, subject, build)


def test_exactly_two_thirds_of_a_decimal_area_takes_part() -> None:
    """Areas were compared in binary floating point: exactly two thirds of 12000.6 m² (8000.4)
    fell short of two thirds by a rounding error. An area is the decimal it is written as."""
    v = OwnersVote(
        id="v-fund",
        compound="c-jinan",
        matter=MatterKind.USE_MAINTENANCE_FUND,
        held_on=date(2021, 9, 1),
        total_area=12000.6,
        total_owners=135,
        participating_area=8000.4,
        participating_owners=90,
        area_for=8000.4,
        owners_for=90,
    )
    city = seed().with_updates(votes=[v])
    assert check(city, select=["NP505"]).findings[0].verdict is PASS
