"""The rules of leadership (NP2xx, :mod:`neighborparty.rules.np.leadership`): a secretary in
office, of the four haves and a year's standing; a branch committee from seven full members, of
three to seven, within its term."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from neighborparty import (
    Appointment,
    City,
    FourHaves,
    MemberCategory,
    Membership,
    Person,
    Role,
    Standing,
    check,
)
from tests.rules._helpers import (
    ENDED,
    FAIL,
    ON,
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
    edit_party,
    ended,
    jinan_branch_of,
    not_judged,
    post,
    seed,
    verdict,
)

# --------------------------------------------------------------------------- city builders


def jinan_committee_of(size: int, *, full_members: int = 3) -> City:
    """br-jinan with p-lin as secretary and committee members up to this size in all, and this
    many full members."""
    city = jinan_branch_of(full_members)
    people = [a_resident(f"p-bc-{i}", "b-jinan-1") for i in range(size - 1)]
    posts = [post(p.id, "br-jinan", Role.BRANCH_COMMITTEE_MEMBER) for p in people]
    return city.with_updates(people=people, appointments=posts)


def secretary_full_since(day: date | None) -> City:
    return edit_party(seed(), "p-lin", full_since=day)


def jinan_secretary(person: str) -> City:
    """br-jinan with p-lin's post ended before the check and another secretary in office."""
    city = ended(seed(), "p-lin", "br-jinan", Role.SECRETARY, date(2020, 6, 30))
    return city.with_updates(appointments=[post(person, "br-jinan", Role.SECRETARY)])


_no_enthusiasm = FourHaves(
    capability=True,
    prestige=True,
    public_spirit=True,
    enthusiasm=False,
    assessed_on=date(2019, 5, 20),
)


# --------------------------------------------------------------------------- the cases

CASES = [
    # NP201 a secretary in office
    case("NP201", PASS, "br-jinan", seed, "p-lin in office", evidence={"secretaries": ["p-lin"]}),
    case(
        "NP201",
        FAIL,
        "br-jinan",
        lambda: ended(seed(), "p-lin", "br-jinan", Role.SECRETARY, ENDED),
        "the post ended",
        evidence={"secretaries": []},
    ),
    case(
        "NP201",
        PASS,
        "br-jinan",
        lambda: ended(seed(), "p-lin", "br-jinan", Role.SECRETARY, ENDED),
        "on the post's last day",
        on=ENDED,
    ),
    case("NP201", FAIL, "br-jinan", seed, "before the post began", on=date(2019, 5, 31)),
    # NP202 a secretary of the four haves
    case("NP202", PASS, "br-jinan", seed, "all four haves met", evidence={"unmet": []}),
    case(
        "NP202",
        FAIL,
        "br-jinan",
        lambda: edit(seed(), "p-lin", four_haves=_no_enthusiasm),
        "enthusiasm unmet",
        evidence={"secretary": "p-lin", "unmet": ["enthusiasm"]},
    ),
    case(
        "NP202",
        PASS,
        "br-grid-old",
        lambda: seed().with_updates(
            appointments=[post("p-xu", "br-grid-old", Role.SECRETARY, dispatched=True)]
        ),
        "dispatched by the community, not assessed",
        evidence={"how": "was dispatched by the community"},
    ),
    case(
        "NP202",
        UNDETERMINED,
        "br-grid-old",
        seed,
        "no assessment",
        evidence={"missing": ["four-haves assessment of p-xu"]},
    ),
    # NP203 a branch committee from seven full members
    case(
        "NP203",
        PASS,
        "br-jinan",
        lambda: jinan_branch_of(6),
        "6 full members and a secretary only",
        evidence={"full_members": 6, "committee_size": 1},
    ),
    case(
        "NP203",
        FAIL,
        "br-jinan",
        lambda: jinan_branch_of(7),
        "7 full members and a secretary only",
        evidence={"full_members": 7, "committee_size": 1, "required_from": 7, "min_size": 3},
    ),
    case(
        "NP203",
        PASS,
        "br-jinan",
        lambda: jinan_committee_of(3, full_members=7),
        "7 full members, a secretary and 2 committee members",
        evidence={"committee_size": 3},
    ),
    case(
        "NP203",
        FAIL,
        "br-jinan",
        lambda: jinan_committee_of(2, full_members=7),
        "7 full members, a secretary and 1 committee member",
        evidence={"committee_size": 2},
    ),
    case(
        "NP203",
        PASS,
        "br-jinan",
        lambda: jinan_branch_of(7, standing=Standing.PROBATIONARY),
        "3 full and 4 probationary members",
        evidence={"full_members": 3},
    ),
    # NP204 a branch committee of three to seven
    case(
        "NP204",
        PASS,
        "br-jinan",
        lambda: jinan_committee_of(3),
        "3",
        evidence={"committee_size": 3},
    ),
    case(
        "NP204",
        FAIL,
        "br-jinan",
        lambda: jinan_committee_of(2),
        "2",
        evidence={"committee_size": 2},
    ),
    case(
        "NP204",
        PASS,
        "br-jinan",
        lambda: jinan_committee_of(7),
        "7",
        evidence={"committee_size": 7},
    ),
    case(
        "NP204",
        FAIL,
        "br-jinan",
        lambda: jinan_committee_of(8),
        "8",
        evidence={"committee_size": 8, "min_size": 3, "max_size": 7},
    ),
    case(
        "NP204",
        PASS,
        "br-jinan",
        lambda: jinan_committee_of(2).with_updates(
            appointments=[post("p-chen", "br-jinan", Role.DEPUTY_SECRETARY)]
        ),
        "a deputy secretary counts",
        evidence={"committee_size": 3},
    ),
    # NP205 a secretary of a year's standing
    case("NP205", PASS, "br-jinan", seed, "full since 1996", evidence={"full_since": "1996-07-01"}),
    case(
        "NP205",
        PASS,
        "br-jinan",
        lambda: secretary_full_since(date(2019, 10, 26)),
        "exactly one year of standing",
        evidence={"full_since": "2019-10-26", "min_standing_years": 1},
    ),
    case(
        "NP205",
        FAIL,
        "br-jinan",
        lambda: secretary_full_since(date(2019, 10, 27)),
        "a day short of a year",
        evidence={"secretary": "p-lin"},
    ),
    case(
        "NP205",
        FAIL,
        "br-jinan",
        lambda: edit_party(seed(), "p-lin", standing=Standing.PROBATIONARY, full_since=None),
        "a probationary secretary",
        evidence={"problem": "a probationary member"},
    ),
    case(
        "NP205",
        FAIL,
        "br-jinan",
        lambda: jinan_secretary("p-zhou"),
        "a secretary who is no party member",
        evidence={"secretary": "p-zhou", "problem": "not a party member"},
    ),
    case(
        "NP205",
        UNDETERMINED,
        "br-jinan",
        lambda: secretary_full_since(None),
        "a full member since an unknown day",
        evidence={"missing": ["full_since of p-lin"]},
    ),
    # NP206 a committee within its term
    case(
        "NP206",
        PASS,
        "br-jinan",
        seed,
        "within three years",
        evidence={"elected_on": "2019-06-01", "term_years": 3, "term_end": "2022-06-01"},
    ),
    case("NP206", PASS, "br-jinan", seed, "on the term's last day", on=date(2022, 6, 1)),
    case("NP206", FAIL, "br-jinan", seed, "the day after the term's last day", on=date(2022, 6, 2)),
    case(
        "NP206",
        PASS,
        "cc-jinan",
        lambda: edit(seed(), "cc-jinan", elected_on=date(2018, 6, 1)),
        "a community committee on its fifth year's last day",
        on=date(2023, 6, 1),
        evidence={"term_years": 5, "term_end": "2023-06-01"},
    ),
    case(
        "NP206",
        FAIL,
        "cc-jinan",
        lambda: edit(seed(), "cc-jinan", elected_on=date(2018, 6, 1)),
        "a community committee the day after",
        on=date(2023, 6, 2),
    ),
    case(
        "NP206",
        UNDETERMINED,
        "cc-jinan",
        seed,
        "never recorded elected",
        evidence={"missing": ["elected_on of cc-jinan"]},
    ),
]


@pytest.mark.parametrize("c", CASES, ids=lambda c: c.id)
def test_an_np2_rule_judges_a_subject(c: Case) -> None:
    assert_judged(c)


@pytest.mark.parametrize("code", codes_of("NP2"))
def test_every_np2_rule_is_seen_passing_failing_and_where_it_can_undetermined(code: str) -> None:
    assert_seen_every_way(code, CASES)


NOT_JUDGED: list[NotJudged] = [
    (
        "NP202",
        "br-jinan",
        lambda: ended(seed(), "p-lin", "br-jinan", Role.SECRETARY, ENDED),
        "a branch without a secretary is left to NP201",
    ),
    (
        "NP205",
        "br-jinan",
        lambda: ended(seed(), "p-lin", "br-jinan", Role.SECRETARY, ENDED),
        "a branch without a secretary is left to NP201",
    ),
    ("NP204", "br-jinan", seed, "a branch without committee members has no committee"),
]


@pytest.mark.parametrize(("code", "subject", "build"), not_judged(NOT_JUDGED))
def test_an_np2_rule_leaves_subjects_outside_its_scope_unjudged(
    code: str, subject: str, build: Callable[[], City]
) -> None:
    assert_not_judged(code, subject, build)


def test_np203_a_committee_without_a_secretary_is_no_branch_committee() -> None:
    city = ended(jinan_committee_of(4, full_members=7), "p-lin", "br-jinan", Role.SECRETARY, ENDED)
    # Seven full members; three committee members in post, the secretary's post ended.
    assert verdict(city, "NP203", "br-jinan") is FAIL


@pytest.mark.parametrize("second", ["p-aaa", "p-zzz"])
def test_every_secretary_in_office_is_judged(second: str) -> None:
    """A branch with two secretaries in office was judged on the first by id only: a second,
    probationary and unassessed, passed unseen when its id sorted last."""
    newcomer = Person(
        id=second,
        name="x",
        home="b-jinan-1",
        party=Membership(
            standing=Standing.PROBATIONARY,
            category=MemberCategory.RETIRED,
            registered_in="br-jinan",
        ),
    )
    second_post = Appointment(
        person=second, body="br-jinan", role=Role.SECRETARY, start=date(2020, 1, 1)
    )
    edited = seed().with_updates(people=[newcomer], appointments=[second_post])
    verdicts = {
        f.code: f.verdict
        for f in check(edited, select=["NP202", "NP205"], on=ON).findings_for("br-jinan")
    }
    assert verdicts == {"NP202": UNDETERMINED, "NP205": FAIL}
