"""The rule catalogue NP101–NP604 through the public API.

Every rule passes, fails and — where a fact it needs can be missing — cannot be judged, on small
edits of the seed city; each boundary the catalogue states is checked on both sides; a reform
changes verdicts from its day on; and over generated cities, findings do not depend on the order
of entities, selections partition them, stricter thresholds never clear a failure, and reports
add up.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborparty import (
    DEFAULT_POLICY,
    Activity,
    ActivityKind,
    Appointment,
    Building,
    City,
    Compound,
    CompoundKind,
    ElectionLead,
    Finding,
    Formation,
    FourHaves,
    MatterKind,
    MemberCategory,
    Membership,
    OrgKind,
    PartyOrganization,
    Person,
    Policy,
    Report,
    Role,
    ServiceClaim,
    ServiceItem,
    ServiceStation,
    Severity,
    Standing,
    StationKind,
    Verdict,
    check,
    examples,
)
from neighborparty.model import COLLECTIONS
from neighborparty.rules import (
    DEFAULT_PARAMETERS,
    METRICS,
    all_rules,
    as_of,
    rule_by_code,
    select_rules,
)
from neighborparty.strategies import cities

ON = date(2020, 10, 26)
"""The seed article's day: every check below is made for it unless a test says otherwise."""
START = date(2019, 6, 1)
"""When the seed's posts, branch elections and owners' committee term began."""

PASS, FAIL, UNDETERMINED = Verdict.PASS, Verdict.FAIL, Verdict.UNDETERMINED

CODES = [
    *(f"NP10{n}" for n in range(1, 9)),
    *(f"NP20{n}" for n in range(1, 7)),
    "NP301",
    *(f"NP40{n}" for n in range(1, 6)),
    *(f"NP50{n}" for n in range(1, 6)),
    *(f"NP60{n}" for n in range(1, 5)),
]
"""The catalogue of RULES.md."""

UNDETERMINABLE = frozenset({"NP202", "NP205", "NP206", "NP403", "NP405", "NP502", "NP503", "NP505"})
"""The rules that need a fact a city may leave unrecorded."""


# --------------------------------------------------------------------------- helpers


def seed() -> City:
    return examples.seed_city()


def edit(city: City, id: str, **changes: Any) -> City:
    """The city with one entity's fields changed."""
    changed = attrs.evolve(city.get(id), **changes)
    return city.with_updates(**{city.collection_of(id): [changed]})


def edit_party(city: City, person: str, **changes: Any) -> City:
    """The city with one person's party membership changed."""
    party = city.get(person).party
    assert party is not None
    return edit(city, person, party=attrs.evolve(party, **changes))


def a_member(
    id: str,
    home: str,
    registered_in: str,
    *,
    standing: Standing = Standing.FULL,
    category: MemberCategory = MemberCategory.RETIRED,
    **party: Any,
) -> Person:
    """A party member who joined in 2000 (and became full in 2001, if full)."""
    party.setdefault("joined", date(2000, 7, 1))
    party.setdefault("full_since", date(2001, 7, 1) if standing is Standing.FULL else None)
    membership = Membership(
        standing=standing, category=category, registered_in=registered_in, **party
    )
    return Person(id=id, name=id, home=home, party=membership)


def a_resident(id: str, home: str) -> Person:
    return Person(id=id, name=id, home=home)


def post(person: str, body: str, role: Role, **changes: Any) -> Appointment:
    """A post held from the seed's start day."""
    return Appointment(person=person, body=body, role=role, start=START, **changes)


def ended(city: City, person: str, body: str, role: Role, on: date) -> City:
    """The city with one of the seed's posts ended on a day."""
    return city.with_updates(appointments=[post(person, body, role, end=on)])


def findings_of(report: Report, code: str, subject: str) -> list[Finding]:
    return [f for f in report.findings_for(subject) if f.code == code]


def assert_renders(f: Finding) -> None:
    """The finding reads as a sentence and a paragraph, in English and in Chinese."""
    assert f.subject in f.message
    assert f.subject in f.message_zh
    for lang in ("en", "zh"):
        text = f.explain(lang)
        assert text.startswith(f.code)
        assert f.subject in text
    if f.verdict is UNDETERMINED:
        missing = f.evidence["missing"]
        assert missing
        assert all(m in f.message and m in f.message_zh for m in missing)


def finding(
    city: City,
    code: str,
    subject: str,
    *,
    on: date | None = ON,
    policy: Policy = DEFAULT_POLICY,
) -> Finding:
    """The one finding of a rule on a subject, checked to render."""
    found = findings_of(check(city, policy, on=on, select=[code]), code, subject)
    assert len(found) == 1, f"{code} judged {subject} {len(found)} times"
    assert_renders(found[0])
    return found[0]


def verdict(city: City, code: str, subject: str, **kwargs: Any) -> Verdict:
    return finding(city, code, subject, **kwargs).verdict


def verdicts(report: Report) -> Counter[tuple[str, str, Verdict]]:
    """The findings as a multiset of (code, subject, verdict): evidence lists follow document
    order, so they are left out where order may change."""
    return Counter((f.code, f.subject, f.verdict) for f in report.findings)


# --------------------------------------------------------------------------- city builders


def east_with(full_members: int, households: int, *others: Person) -> City:
    """c-east — reached by the joint branch only — with this many full members registered in that
    branch living in it (p-liu and new ones) and this many households."""
    city = seed()
    extra = [a_member(f"p-east-{i}", "b-east-1", "br-joint") for i in range(full_members - 1)]
    return edit(city.with_updates(people=[*extra, *others]), "c-east", households=households)


def old_reached_by_no_branch(*posts: Appointment) -> City:
    """c-old with its grid branch covering nothing, and these posts added."""
    return edit(seed(), "br-grid-old", covers=[]).with_updates(appointments=posts)


def jinan_branch_of(members: int, *, standing: Standing = Standing.FULL) -> City:
    """br-jinan holding the relations of this many members (the seed's three full ones first)."""
    extra = [
        a_member(f"p-jinan-{i}", "b-jinan-1", "br-jinan", standing=standing)
        for i in range(members - 3)
    ]
    return seed().with_updates(people=extra)


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


def with_building_head(end: date | None) -> City:
    return seed().with_updates(
        appointments=[post("p-liu", "b-east-1", Role.BUILDING_HEAD, end=end)]
    )


def with_claims(person: str, *days: date) -> City:
    """A person claiming one new item of c-jinan's demand list on each day."""
    items = [
        ServiceItem(id=f"si-{i}", compound="c-jinan", name=f"item {i}") for i in range(len(days))
    ]
    claims = [
        ServiceClaim(id=f"cl-{person}-{i}", person=person, item=item.id, claimed_on=day)
        for i, (item, day) in enumerate(zip(items, days, strict=True))
    ]
    return seed().with_updates(service_items=items, claims=claims)


def with_activity(person: str, kind: ActivityKind, on: date) -> City:
    return seed().with_updates(
        activities=[Activity(id=f"ac-{person}", person=person, kind=kind, on=on)]
    )


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


def owners_posts_ended(on: date) -> City:
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
) -> City:
    """v-fund, deliberated first by br-jinan, as a vote on a matter with these (area, owners)."""
    return edit(
        seed(),
        "v-fund",
        matter=matter,
        total_area=total[0],
        total_owners=total[1],
        participating_area=participating[0],
        participating_owners=participating[1],
        area_for=approving[0],
        owners_for=approving[1],
    )


def whistle(answered_on: date | None) -> City:
    """w-lamp, raised on 2020-05-01 (day 30 is 2020-05-31), answered on a day or not."""
    return edit(seed(), "w-lamp", answered_on=answered_on)


# --------------------------------------------------------------------------- the cases


@attrs.frozen
class Case:
    """One rule's expected verdict on one subject of a city, on a day."""

    code: str
    expected: Verdict
    subject: str
    build: Callable[[], City]
    what: str
    on: date = ON
    evidence: Mapping[str, Any] = attrs.field(factory=dict)
    policy: Policy = DEFAULT_POLICY

    @property
    def id(self) -> str:
        return f"{self.code} {self.expected.value}: {self.what}"


def case(
    code: str, expected: Verdict, subject: str, build: Callable[[], City], what: str, **kw: Any
) -> Case:
    return Case(code=code, expected=expected, subject=subject, build=build, what=what, **kw)


_ended = date(2020, 6, 30)
_no_enthusiasm = FourHaves(
    capability=True,
    prestige=True,
    public_spirit=True,
    enthusiasm=False,
    assessed_on=date(2019, 5, 20),
)
_reform_075 = DEFAULT_POLICY.with_parameters(
    {"coverage.organization_target": 0.75}, effective=date(2020, 1, 1)
)
_major = MatterKind.RAISE_MAINTENANCE_FUND
_ordinary = MatterKind.ORDINARY

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
        evidence={"standalone_branch": "br-jinan"},
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
            "standalone_branch": None,
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
    # NP201 a secretary in office
    case("NP201", PASS, "br-jinan", seed, "p-lin in office", evidence={"secretaries": ["p-lin"]}),
    case(
        "NP201",
        FAIL,
        "br-jinan",
        lambda: ended(seed(), "p-lin", "br-jinan", Role.SECRETARY, _ended),
        "the post ended",
        evidence={"secretaries": []},
    ),
    case(
        "NP201",
        PASS,
        "br-jinan",
        lambda: ended(seed(), "p-lin", "br-jinan", Role.SECRETARY, _ended),
        "on the post's last day",
        on=_ended,
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
    case("NP301", FAIL, "b-east-1", lambda: with_building_head(_ended), "a building head who left"),
    case("NP301", PASS, "ln-datong", seed, "a lane with a lane group"),
    # NP401 every member placed in a compound branch
    case("NP401", PASS, "p-lin", seed, "registered there", evidence={"branch": "br-jinan"}),
    case("NP401", PASS, "p-zhao", seed, "managed there", evidence={"branch": "br-jinan"}),
    case(
        "NP401",
        FAIL,
        "p-huang",
        seed,
        "registered with the community committee",
        evidence={"compound": "c-jinan", "branch": None},
    ),
    case(
        "NP401",
        FAIL,
        "p-zhao",
        lambda: edit_party(seed(), "p-zhao", managed_in="br-joint"),
        "managed by a branch of other compounds",
    ),
    # NP402 in-service members report where they live
    case("NP402", PASS, "p-chen", seed, "reported", evidence={"community": "cm-jinan"}),
    case(
        "NP402",
        FAIL,
        "p-chen",
        lambda: edit_party(seed(), "p-chen", reported_to=None),
        "not reported",
        evidence={"community": "cm-jinan", "reported_to": None},
    ),
    case(
        "NP402",
        FAIL,
        "p-chen",
        lambda: edit_party(seed(), "p-chen", reported_to="cm-old"),
        "reported to another community",
    ),
    # NP403 members show identity
    case("NP403", PASS, "p-lin", seed, "shown"),
    case(
        "NP403",
        FAIL,
        "p-lin",
        lambda: edit_party(seed(), "p-lin", identity_shown=False),
        "not shown",
    ),
    case(
        "NP403",
        UNDETERMINED,
        "p-wang",
        seed,
        "not recorded",
        evidence={"missing": ["identity_shown of p-wang"]},
    ),
    # NP404 one or two service items claimed
    case("NP404", PASS, "p-chen", seed, "1 item", evidence={"claims": 1}),
    case(
        "NP404",
        FAIL,
        "p-lin",
        seed,
        "no item",
        evidence={"claims": 0, "min_claims": 1, "max_claims": 2},
    ),
    case("NP404", PASS, "p-lin", lambda: with_claims("p-lin", START, START), "2 items"),
    case(
        "NP404",
        FAIL,
        "p-lin",
        lambda: with_claims("p-lin", START, START, START),
        "3 items",
        evidence={"claims": 3},
    ),
    case(
        "NP404",
        FAIL,
        "p-lin",
        lambda: with_claims("p-lin", date(2020, 10, 27)),
        "an item claimed after the check",
        evidence={"claims": 0},
    ),
    case("NP404", FAIL, "p-zhao", seed, "a managed member is judged too", evidence={"claims": 0}),
    # NP405 organisational life within six months
    case("NP405", PASS, "p-lin", seed, "dues paid in October", evidence={"last": "2020-10-08"}),
    case(
        "NP405",
        FAIL,
        "p-wang",
        seed,
        "nothing since joining in 2000",
        evidence={"last": "2000-07-01", "months": 6},
    ),
    case(
        "NP405",
        PASS,
        "p-wang",
        lambda: with_activity("p-wang", ActivityKind.THEME_PARTY_DAY, date(2020, 4, 26)),
        "a day short of six months",
        on=date(2020, 10, 25),
    ),
    case(
        "NP405",
        FAIL,
        "p-wang",
        lambda: with_activity("p-wang", ActivityKind.THEME_PARTY_DAY, date(2020, 4, 26)),
        "exactly six months",
        evidence={"last": "2020-04-26"},
    ),
    case(
        "NP405",
        PASS,
        "p-chen",
        seed,
        "a project check-in is not organisational life",
        evidence={"last": "2020-09-05"},
    ),
    case("NP405", PASS, "p-huang", seed, "joined under six months ago", on=date(2020, 8, 31)),
    case(
        "NP405", FAIL, "p-huang", seed, "joined six months ago, nothing since", on=date(2020, 9, 1)
    ),
    case(
        "NP405",
        FAIL,
        "p-lin",
        seed,
        "dues paid after the check do not count",
        on=date(2020, 10, 1),
        evidence={"last": "1995-07-01"},
    ),
    case(
        "NP405",
        UNDETERMINED,
        "p-lin",
        lambda: attrs.evolve(seed(), activities=()),
        "a city that records no activities",
        evidence={"missing": ["activity records"]},
    ),
    case(
        "NP405",
        UNDETERMINED,
        "p-wang",
        lambda: edit_party(seed(), "p-wang", joined=None, full_since=None),
        "no activity and no join date",
        evidence={"missing": ["activities or joined of p-wang"]},
    ),
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
        evidence={"size": 3, "households": 100},
    ),
    case(
        "NP501",
        FAIL,
        "oc-jinan",
        lambda: owners_committee_of(3, households=101),
        "3 for 101 households",
        evidence={"size": 3, "households": 101},
    ),
    case(
        "NP501",
        FAIL,
        "oc-jinan",
        lambda: owners_committee_of(1, households=100),
        "1 for 100 households",
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
            appointments=[post("p-ye", "c-jinan", Role.LIAISON, end=_ended)]
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
        lambda: edit(seed(), "ag-tax", ends_on=_ended),
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
def test_a_rule_judges_a_subject(c: Case) -> None:
    f = finding(c.build(), c.code, c.subject, on=c.on, policy=c.policy)
    assert f.verdict is c.expected, f.explain()
    assert {k: f.evidence.get(k) for k in c.evidence} == dict(c.evidence)
    assert (f.severity, f.citation) == (
        rule_by_code(c.code).severity,
        rule_by_code(c.code).citation,
    )


@pytest.mark.parametrize("code", CODES)
def test_every_rule_is_seen_passing_failing_and_where_it_can_undetermined(code: str) -> None:
    seen = {c.expected for c in CASES if c.code == code}
    assert seen == {PASS, FAIL} | ({UNDETERMINED} if code in UNDETERMINABLE else set())


NOT_JUDGED = [
    ("NP102", "c-old", seed, "an old quarter is not held to the managed compounds' rule"),
    ("NP104", "c-jinan", seed, "a managed compound is not held to the open areas' advice"),
    ("NP108", "br-jinan", seed, "a standalone branch is no joint branch"),
    (
        "NP202",
        "br-jinan",
        lambda: ended(seed(), "p-lin", "br-jinan", Role.SECRETARY, _ended),
        "a branch without a secretary is left to NP201",
    ),
    (
        "NP205",
        "br-jinan",
        lambda: ended(seed(), "p-lin", "br-jinan", Role.SECRETARY, _ended),
        "a branch without a secretary is left to NP201",
    ),
    ("NP204", "br-jinan", seed, "a branch without committee members has no committee"),
    (
        "NP301",
        "b-jinan-3",
        lambda: seed().with_updates(
            buildings=[Building(id="b-jinan-3", compound="c-jinan", households=30)],
            people=[a_resident("p-neighbour", "b-jinan-3")],
        ),
        "a building where no member lives",
    ),
    ("NP401", "p-zhou", seed, "a resident who is no member"),
    ("NP402", "p-lin", seed, "a retired member"),
    ("NP403", "p-ye", seed, "a resident who is no member"),
    ("NP404", "p-xu", seed, "a member of a grid branch"),
    ("NP404", "p-huang", seed, "a member registered with the community committee"),
    ("NP405", "p-zhou", seed, "a resident who is no member"),
    (
        "NP501",
        "oc-jinan",
        lambda: owners_posts_ended(_ended),
        "a committee nobody sits on any more",
    ),
    (
        "NP502",
        "oc-jinan",
        lambda: owners_posts_ended(_ended),
        "a committee nobody sits on any more",
    ),
    ("NP504", "v-fund", lambda: edit(seed(), "v-fund", matter=_ordinary), "an ordinary matter"),
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


@pytest.mark.parametrize(
    ("code", "subject", "build"),
    [
        pytest.param(code, subject, build, id=f"{code} {subject}: {what}")
        for code, subject, build, what in NOT_JUDGED
    ],
)
def test_a_rule_leaves_subjects_outside_its_scope_unjudged(
    code: str, subject: str, build: Callable[[], City]
) -> None:
    report = check(build(), on=ON, select=[code])
    assert findings_of(report, code, subject) == []


def test_a_whistle_raised_after_the_check_is_not_judged() -> None:
    report = check(seed(), on=date(2020, 4, 30), select=["NP603"])
    assert findings_of(report, "NP603", "w-lamp") == []


def test_np404_counts_only_items_of_the_compounds_own_demand_list() -> None:
    city = seed().with_updates(
        service_items=[ServiceItem(id="si-east", compound="c-east", name="义务维修")],
        claims=[ServiceClaim(id="cl-wang", person="p-wang", item="si-east", claimed_on=START)],
    )
    # p-wang belongs to br-jinan and lives in c-jinan; si-east is on c-east's list.
    assert verdict(city, "NP404", "p-wang") is FAIL


def test_np102_does_not_count_members_registered_with_a_company_serving_the_compound() -> None:
    company = PartyOrganization(
        id="org-pm", name="安居物业党支部", kind=OrgKind.COMPANY_ORGANIZATION, covers=["c-east"]
    )
    staff = a_member("p-pm", "b-east-1", "org-pm", category=MemberCategory.IN_SERVICE)
    city = east_with(2, 130).with_updates(organizations=[company], people=[staff])
    # Two members registered with the joint branch, one with the property company.
    f = finding(city, "NP102", "c-east")
    assert (f.verdict, f.evidence["full_members"]) == (PASS, 2)


def test_np203_a_committee_without_a_secretary_is_no_branch_committee() -> None:
    city = ended(jinan_committee_of(4, full_members=7), "p-lin", "br-jinan", Role.SECRETARY, _ended)
    # Seven full members; three committee members in post, the secretary's post ended.
    assert verdict(city, "NP203", "br-jinan") is FAIL


# --------------------------------------------------------------------------- missing facts


def unrecorded() -> City:
    """The seed with every optional fact a rule may read left unrecorded."""
    city = seed()

    def person(p: Person) -> Person:
        party = p.party and attrs.evolve(
            p.party, joined=None, full_since=None, identity_shown=None, reported_to=None
        )
        return attrs.evolve(p, party=party, four_haves=None, cadre_level=None)

    return attrs.evolve(
        city,
        compounds=[attrs.evolve(c, residents=None) for c in city.compounds],
        people=[person(p) for p in city.people],
        organizations=[attrs.evolve(o, elected_on=None) for o in city.organizations],
        committees=[
            attrs.evolve(oc, term_end=None, election_led_by=None) for oc in city.committees
        ],
        votes=[
            attrs.evolve(
                v,
                total_area=0.0,
                total_owners=0,
                participating_area=0.0,
                participating_owners=0,
                area_for=0.0,
                owners_for=0,
            )
            for v in city.votes
        ],
        whistles=[attrs.evolve(w, answered_on=None) for w in city.whistles],
        activities=(),
    )


def test_only_rules_that_need_a_missing_fact_are_undetermined() -> None:
    report = check(unrecorded(), on=ON)
    undetermined = {f.code for f in report.findings if f.verdict is UNDETERMINED}
    assert undetermined == UNDETERMINABLE
    for f in report.findings:
        assert_renders(f)


# --------------------------------------------------------------------------- reforms and defaults


def test_a_reform_of_np102_applies_from_its_day_on_and_not_before() -> None:
    reform = DEFAULT_POLICY.with_parameters(
        {"formation.standalone_min_full_members": 5}, effective=date(2025, 1, 1)
    )
    four = east_with(4, 130)
    assert verdict(four, "NP102", "c-east", on=date(2024, 12, 31), policy=reform) is FAIL
    after = finding(four, "NP102", "c-east", on=date(2025, 1, 1), policy=reform)
    assert (after.verdict, after.evidence["min_full_members"]) == (PASS, 5)
    assert verdict(four, "NP102", "c-east", on=None, policy=reform) is PASS
    assert verdict(four, "NP102", "c-east", on=date(2025, 1, 1)) is FAIL
    assert verdict(east_with(5, 130), "NP102", "c-east", on=date(2025, 1, 1), policy=reform) is FAIL


def test_a_stricter_branch_minimum_fails_the_seeds_three_member_branches() -> None:
    stricter = DEFAULT_POLICY.with_parameters({"branch.min_full_members": 4}, effective=ON)
    report = check(seed(), stricter, on=ON, select=["NP103"])
    assert {f.subject for f in report.failures()} == {"br-jinan", "br-joint", "br-grid-old"}


def test_without_a_day_a_check_measures_to_the_latest_recorded_day_with_open_posts() -> None:
    city = seed()
    report = check(city)
    assert (report.on, report.day) == (None, as_of(city))
    assert report.day == date(2020, 10, 8)
    assert report.to_dict()["on"] is None
    # A post with an end day is over, whatever day it ends.
    later = ended(city, "p-lin", "br-jinan", Role.SECRETARY, date(2030, 1, 1))
    assert verdict(later, "NP201", "br-jinan", on=None) is FAIL
    assert verdict(later, "NP201", "br-jinan") is PASS


# --------------------------------------------------------------------------- the catalogue


def test_the_catalogue_is_the_one_rules_md_lists() -> None:
    assert [r.code for r in all_rules()] == CODES
    assert [r.code for r in DEFAULT_POLICY.rules] == CODES
    assert [rule_by_code(c).code for c in CODES] == CODES


@pytest.mark.parametrize("code", CODES)
def test_every_rule_states_itself_and_reads_only_known_parameters(code: str) -> None:
    r = rule_by_code(code)
    assert all((r.title_en, r.title_zh, r.citation, r.statement_en, r.statement_zh))
    assert set(r.parameters) <= {p.name for p in DEFAULT_PARAMETERS}


def test_advice_rules_are_of_severity_info() -> None:
    assert {c for c in CODES if rule_by_code(c).severity is Severity.INFO} >= {
        "NP104",
        "NP403",
        "NP602",
        "NP604",
    }


def test_an_unknown_code_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="NP999"):
        rule_by_code("NP999")


def test_rules_are_selected_by_prefix_as_in_ruff() -> None:
    assert [r.code for r in select_rules(all_rules(), ["NP50"])] == [
        "NP501",
        "NP502",
        "NP503",
        "NP504",
        "NP505",
    ]
    assert [r.code for r in select_rules(all_rules(), ["NP5", "NP102"], ["NP50"])] == ["NP102"]
    with pytest.raises(TypeError):
        select_rules(all_rules(), "NP1")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- properties


def shuffled(city: City, rnd: random.Random) -> City:
    """The same city with every collection in another order."""
    return attrs.evolve(
        city,
        **{name: rnd.sample(getattr(city, name), len(getattr(city, name))) for name in COLLECTIONS},
    )


@pytest.mark.parametrize("seed_number", range(5))
def test_the_seeds_findings_do_not_depend_on_the_order_of_entities(seed_number: int) -> None:
    city = seed()
    other = shuffled(city, random.Random(seed_number))
    assert verdicts(check(other, on=ON)) == verdicts(check(city, on=ON))


@given(cities(max_size=3), st.randoms(use_true_random=False), st.sampled_from([ON, None]))
def test_findings_do_not_depend_on_the_order_of_entities(
    city: City, rnd: random.Random, on: date | None
) -> None:
    other = shuffled(city, rnd)
    before, after = check(city, on=on), check(other, on=on)
    assert verdicts(after) == verdicts(before)
    assert after.metrics.values == before.metrics.values


PREFIXES = [
    "NP1",
    "NP2",
    "NP3",
    "NP4",
    "NP5",
    "NP6",
    "NP10",
    "NP20",
    "NP40",
    "NP50",
    "NP102",
    "NP505",
]


@given(cities(max_size=3), st.sampled_from(PREFIXES))
def test_select_and_ignore_partition_the_findings(city: City, prefix: str) -> None:
    whole = check(city, on=ON)
    selected = check(city, on=ON, select=[prefix])
    ignored = check(city, on=ON, ignore=[prefix])
    assert verdicts(selected) + verdicts(ignored) == verdicts(whole)
    assert all(f.code.startswith(prefix) for f in selected.findings)
    assert not any(f.code.startswith(prefix) for f in ignored.findings)
    assert sorted(selected.rules + ignored.rules) == list(whole.rules)


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


@given(cities(max_size=3))
def test_a_check_is_deterministic(city: City) -> None:
    first, second = check(city, on=ON), check(city, on=ON)
    assert first.findings == second.findings
    assert first.to_dict() == second.to_dict()


@given(cities(max_size=3), st.sampled_from([ON, None]))
def test_on_generated_cities_findings_render_and_only_rules_needing_a_fact_are_undetermined(
    city: City, on: date | None
) -> None:
    for f in check(city, on=on).findings:
        assert_renders(f)
        assert (f.severity, f.citation) == (
            rule_by_code(f.code).severity,
            rule_by_code(f.code).citation,
        )
        if f.verdict is UNDETERMINED:
            assert f.code in UNDETERMINABLE


# --------------------------------------------------------------------------- reports

RATES = frozenset({"organization_coverage", "work_coverage"})
PEOPLE = frozenset(
    {
        "secretary_chairs",
        "member_chairs",
        "members_on_committees",
        "cadre_secretaries",
        "in_service_reported",
    }
)
COUNTS = tuple(name for name in METRICS if name not in RATES)


def assert_rolls_up(report: Report, place: str) -> None:
    """A place's counts are its parts' sums — people, counted once per place however many
    places they serve, at most that — and its coverage rates are its own counts' ratios; down to
    the communities."""
    metrics = report.metrics
    here = metrics.at(place)
    parts = metrics.children(place)
    for name in COUNTS if parts else ():
        total = sum(metrics.at(p)[name] for p in parts)
        if name in PEOPLE:
            assert here[name] <= total, name
        else:
            assert here[name] == total, name
    compounds = here["compounds"]
    assert here["organization_coverage"] == (here["organized"] / compounds if compounds else 1.0)
    assert here["work_coverage"] == (here["worked"] / compounds if compounds else 1.0)
    for part in parts:
        assert_rolls_up(report, part)


def assert_city_is_its_districts_sum(report: Report) -> None:
    """Every count at the city is the sum over its districts (people too, with one district)."""
    metrics = report.metrics
    districts = metrics.children(report.city.id)
    assert districts == tuple(d.id for d in report.city.districts)
    if len(districts) == 1:
        sums = {n: sum(metrics.at(d)[n] for d in districts) for n in COUNTS}
        assert {n: metrics.at(report.city.id)[n] for n in COUNTS} == sums


def assert_report_adds_up(report: Report) -> None:
    counts = report.counts()
    assert list(counts) == list(report.rules)
    per_rule = Counter(f.code for f in report.findings)
    assert {code: sum(c.values()) for code, c in counts.items()} == {
        code: per_rule[code] for code in report.rules
    }
    summary = report.summary()
    assert all(code in summary for code in report.rules)
    json.dumps(report.to_dict(), ensure_ascii=False)
    failing = report.to_dict(findings="failing")
    json.dumps(failing)
    assert [f["verdict"] for f in failing["findings"]] == [
        f.verdict.value for f in report.findings if f.verdict is not PASS
    ]
    assert len(report.to_dict()["findings"]) == len(report.findings)


@given(cities(max_size=3), st.sampled_from([ON, None]))
def test_reports_add_up(city: City, on: date | None) -> None:
    report = check(city, on=on)
    assert list(report.rules) == CODES
    assert_report_adds_up(report)
    assert_rolls_up(report, city.id)
    assert_city_is_its_districts_sum(report)


def test_the_seeds_report_adds_up() -> None:
    report = check(seed(), on=ON)
    assert_report_adds_up(report)
    assert_rolls_up(report, "xm-demo")
    assert_city_is_its_districts_sum(report)
    metrics = report.metrics
    assert metrics.children("s-1") == ("cm-jinan", "cm-old")
    assert {n: metrics.at("s-1")[n] for n in COUNTS} == {
        n: metrics.at("cm-jinan")[n] + metrics.at("cm-old")[n] for n in COUNTS
    }
    assert metrics.at("xm-demo")["compounds"] == 4
    assert metrics.at("xm-demo")["secretary_chairs"] == 1


def test_a_report_names_its_day_and_counts_every_verdict() -> None:
    report = check(unrecorded(), on=ON)
    summary = report.summary()
    assert summary.splitlines()[0].startswith(
        "Check of 厦门 (seed examples) (xm-demo) on 2020-10-26"
    )
    totals = Counter(f.verdict.value for f in report.findings)
    assert {
        v: sum(c[v] for c in report.counts().values()) for v in ("pass", "fail", "undetermined")
    } == {v: totals[v] for v in ("pass", "fail", "undetermined")}
    doc = report.to_dict(findings="failing")
    assert {f["verdict"] for f in doc["findings"]} == {"fail", "undetermined"}
    assert json.loads(json.dumps(doc, ensure_ascii=False))["counts"] == report.counts()
    with pytest.raises(ValueError, match="failing"):
        report.to_dict(findings="passing")
    assert all(f.severity is Severity.ERROR for f in report.failures(severity=Severity.ERROR))
