"""What the tests of the rules share: the seed's days, small edits of the seed city, the one
finding of a rule on a subject, and the cases of the NP catalogue's rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from types import ModuleType
from typing import Any

import attrs
import pytest

from neighborparty import (
    DEFAULT_POLICY,
    Appointment,
    City,
    Finding,
    MemberCategory,
    Membership,
    Person,
    Policy,
    Report,
    Role,
    Standing,
    Verdict,
    check,
    examples,
)
from neighborparty.rules import rule_by_code
from neighborparty.rules.np import GROUPS

ON = date(2020, 10, 26)
"""The seed article's day: the rules' cases are checked for it unless they say otherwise."""
START = date(2019, 6, 1)
"""When the seed's posts, branch elections and owners' committee term began."""

PASS, FAIL, UNDETERMINED = Verdict.PASS, Verdict.FAIL, Verdict.UNDETERMINED

CODES = [
    *(f"NP10{n}" for n in range(1, 9)),
    *(f"NP20{n}" for n in range(1, 10)),
    *(f"NP21{n}" for n in range(3)),
    "NP301",
    "NP302",
    *(f"NP40{n}" for n in range(1, 6)),
    *(f"NP50{n}" for n in range(1, 6)),
    *(f"NP60{n}" for n in range(1, 5)),
]
"""The catalogue of RULES.md."""

UNDETERMINABLE = frozenset(
    {"NP202", "NP205", "NP206", "NP403", "NP405", "NP502", "NP503", "NP505"}
    | {f"NP2{n:02}" for n in range(7, 13)}
)
"""The rules that need a fact a city may leave unrecorded (NP207–NP212: the activity records
and the branches' election days)."""
NO_SUBJECT_IN_SEED = frozenset({"NP208"})
"""Rules the seed city gives no subject (it has no branch committee)."""
UNDETERMINED_BY_DAY = frozenset({"NP501"})
"""Rules whose cases also see a subject undetermined because a parameter that decides it has
no value in force on the day judged (not a missing fact)."""

ENDED = date(2020, 6, 30)
"""A day before the check on which a post or an agreement ends."""

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


# --------------------------------------------------------------------------- shared city builders


def east_with(full_members: int, households: int, *others: Person) -> City:
    """c-east — reached by the joint branch only — with this many full members registered in that
    branch living in it (p-liu and new ones) and this many households."""
    city = seed()
    extra = [a_member(f"p-east-{i}", "b-east-1", "br-joint") for i in range(full_members - 1)]
    return edit(city.with_updates(people=[*extra, *others]), "c-east", households=households)


def jinan_branch_of(members: int, *, standing: Standing = Standing.FULL) -> City:
    """br-jinan holding the relations of this many members (the seed's three full ones first)."""
    extra = [
        a_member(f"p-jinan-{i}", "b-jinan-1", "br-jinan", standing=standing)
        for i in range(members - 3)
    ]
    return seed().with_updates(people=extra)


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


def assert_judged(c: Case) -> None:
    """The rule gives the expected verdict and evidence on the case's subject, and the finding
    carries the rule's severity and citation."""
    f = finding(c.build(), c.code, c.subject, on=c.on, policy=c.policy)
    assert f.verdict is c.expected, f.explain()
    assert {k: f.evidence.get(k) for k in c.evidence} == dict(c.evidence)
    judged_by = rule_by_code(c.code)
    assert (f.severity, f.citation) == (
        judged_by.severity,
        judged_by.version_for(f.evidence).citation,
    )


def codes_of(group: str, module: ModuleType | None = None) -> list[str]:
    """The codes of the catalogue's rules in a group (``"NP1"`` ...) defined in a module (by
    default the group's own, :data:`~neighborparty.rules.np.GROUPS`): a module of a group's
    rules with a test module of its own is tested there."""
    where = (module or GROUPS[group][1]).__name__
    return [
        code
        for code in CODES
        if code.startswith(group) and rule_by_code(code).latest.function.__module__ == where
    ]


def assert_seen_every_way(code: str, cases: Sequence[Case]) -> None:
    """The cases see the rule pass, fail and, where a fact it needs can be missing, undetermined."""
    seen = {c.expected for c in cases if c.code == code}
    undetermined = code in UNDETERMINABLE or code in UNDETERMINED_BY_DAY
    assert seen == {PASS, FAIL} | ({UNDETERMINED} if undetermined else set())


NotJudged = tuple[str, str, Callable[[], City], str]
"""A rule's code, a subject outside its scope, the city it is in, and why it is outside."""


def not_judged(entries: Sequence[NotJudged]) -> list[Any]:
    """The parameters of a test that a rule leaves subjects outside its scope unjudged."""
    return [
        pytest.param(code, subject, build, id=f"{code} {subject}: {what}")
        for code, subject, build, what in entries
    ]


def assert_not_judged(code: str, subject: str, build: Callable[[], City]) -> None:
    report = check(build(), on=ON, select=[code])
    assert findings_of(report, code, subject) == []
