"""Breakers: turn a generated city into one that fails one chosen rule and no error-level other.

:func:`neighborparty.strategies.cities` with ``breaking=CODE`` draws a city, makes it pass
every error-level rule with :func:`comply`, then hands it to the breaker registered for CODE.
Each breaker changes as little as it can and keeps the error-level rules passing, so the city
fails exactly that rule among the error-level ones (warning and info rules may fail as well).
The guarantee holds for :func:`neighborparty.check` with its defaults (``on=None``).

One rule cannot fail alone: NP106 (work coverage) fails only where a compound has no branch and
no dispatched staffer, which is NP101's failure too. Its breaker fails NP101 as well.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from neighborparty.errors import InvalidArgumentError
from neighborparty.model import (
    Activity,
    ActivityKind,
    Appointment,
    Building,
    City,
    Compound,
    CompoundKind,
    ElectionLead,
    Formation,
    FourHaves,
    Grid,
    MatterKind,
    MemberCategory,
    Membership,
    OrgKind,
    OwnersCommittee,
    OwnersVote,
    PartyOrganization,
    Person,
    Role,
    Standing,
    Unit,
    UnitKind,
    Whistle,
)
from neighborparty.rules import DEFAULT_POLICY, check
from neighborparty.strategies._values import DAY0

__all__ = ["Breaker", "breaks", "broken_cities", "comply"]

Breaker = Callable[[st.DrawFn, City], City]
"""A function that turns a valid city into one failing a given rule, drawing what it needs."""

_BREAKERS: dict[str, Breaker] = {}


def breaks(code: str) -> Callable[[Breaker], Breaker]:
    """Register a breaker for a rule code, for :func:`cities` ``(breaking=code)``.

    A breaker receives a city that passes every error-level rule and must leave it failing that
    rule on at least one subject and no other error-level rule.

    Examples:
        >>> len(_BREAKERS)
        36
    """

    def register(breaker: Breaker) -> Breaker:
        if code in _BREAKERS:
            raise InvalidArgumentError(f"a breaker for {code} is already registered")
        _BREAKERS[code] = breaker
        return breaker

    return register


def broken_cities(valid: st.SearchStrategy[City], code: str) -> st.SearchStrategy[City]:
    """The cities of ``valid`` made to comply, then broken by the breaker of ``code``.

    Raises:
        InvalidArgument: No breaker is registered for ``code``.

    Examples:
        >>> from hypothesis import find
        >>> from neighborparty.strategies import cities
        >>> city = find(broken_cities(cities(), "NP201"), lambda c: True)
        >>> check(city, select=["NP201"]).counts()["NP201"]["fail"] >= 1
        True
    """
    breaker = _BREAKERS.get(code)
    if breaker is None:
        known = ", ".join(sorted(_BREAKERS)) or "none yet"
        raise InvalidArgument(f"no strategy breaks rule {code!r}; available: {known}")

    @st.composite
    def broken(draw: st.DrawFn) -> City:
        return breaker(draw, comply(draw(valid)))

    return broken()


_LATER = DAY0 + timedelta(days=5000)  # after every day the strategies draw


def _reached(city: City, org: PartyOrganization) -> list[str]:
    return list(dict.fromkeys(c.id for place in org.covers for c in city.compounds_in(place)))


def _member(
    id: str,
    home: str,
    registered_in: str,
    *,
    full: bool = True,
    category: MemberCategory = MemberCategory.RETIRED,
    **extra: Any,
) -> Person:
    party = Membership(
        standing=Standing.FULL if full else Standing.PROBATIONARY,
        category=category,
        registered_in=registered_in,
        joined=DAY0,
        full_since=DAY0 if full else None,
        **extra,
    )
    return Person(id=id, name=id, home=home, party=party)


def _without_appointments(city: City, drop: Any) -> City:
    return attrs.evolve(city, appointments=[a for a in city.appointments if not drop(a)])


def comply(city: City) -> City:
    """The city with every error-level rule passing: secretaries and three full members for
    every branch, no qualifying compound without its own branch, votes that carry.

    Examples:
        >>> from neighborparty import examples
        >>> fixed = comply(examples.seed_city())
        >>> check(fixed, select=["NP103"]).counts()["NP103"]["fail"]
        0
    """
    people: list[Person] = []
    posts: list[Appointment] = []
    full = {p.party.registered_in: 0 for p in city.people if p.party}
    for p in city.people:
        if p.party is not None and p.party.is_full:
            full[p.party.registered_in] += 1
    for org in city.organizations:
        if not org.kind.is_branch:
            continue
        reached = _reached(city, org)
        if not reached:
            continue
        added = [
            _member(f"fm-{org.id}-{k}", reached[0], org.id) for k in range(full.get(org.id, 0), 3)
        ]
        people.extend(added)
        open_secretary = any(
            a.role is Role.SECRETARY and a.end is None for a in city.appointments_in(org.id)
        )
        if not open_secretary:
            secretary = added[0].id if added else _any_member(city, org.id)
            posts.append(
                Appointment(person=secretary, body=org.id, role=Role.SECRETARY, start=DAY0)
            )
    city = city.with_updates(people=people, appointments=posts)
    return _settle(city)


def _n(parameter: str) -> int:
    """The default policy's latest value of a whole-number parameter: a breaker plants its
    breach one past it, so that it breaks whatever the number is."""
    return int(DEFAULT_POLICY.values()[parameter])


def _any_member(city: City, org: str) -> str:
    return next(p.id for p in city.members_registered_in(org) if p.party and p.party.is_full)


def _settle(city: City) -> City:
    """Mend NP102 and NP505 failures: shrink qualifying compounds, let failing votes carry."""
    report = check(city, select=["NP102", "NP505"])
    compounds = []
    votes = []
    for f in report.failures():
        entity = city.get(f.subject)
        if isinstance(entity, Compound):
            compounds.append(
                attrs.evolve(
                    entity,
                    households=min(
                        entity.households, _n("formation.standalone_min_households") - 1
                    ),
                )
            )
        elif isinstance(entity, OwnersVote):
            votes.append(_carried(entity))
    return city.with_updates(compounds=compounds, votes=votes)


def _carried(vote: OwnersVote) -> OwnersVote:
    total_owners = max(vote.total_owners, 1)
    total_area = max(vote.total_area, 1.0)
    return attrs.evolve(
        vote,
        total_owners=total_owners,
        total_area=total_area,
        participating_owners=total_owners,
        participating_area=total_area,
        owners_for=total_owners,
        area_for=total_area,
    )


def _unattended(id: str, compound: str, matter: MatterKind) -> OwnersVote:
    """A vote of ten owners and 1 000 m² that nobody took part in."""
    return OwnersVote(
        id=id,
        compound=compound,
        matter=matter,
        held_on=DAY0,
        total_area=1000.0,
        total_owners=10,
        participating_area=0.0,
        participating_owners=0,
        area_for=0.0,
        owners_for=0,
    )


def _pick(draw: st.DrawFn, items: Iterable[Any]) -> Any:
    return draw(st.sampled_from(list(items)))


def _branches(city: City, kind: OrgKind | None = None) -> list[PartyOrganization]:
    return [
        o
        for o in city.organizations
        if o.kind.is_branch and (kind is None or o.kind is kind) and _reached(city, o)
    ]


@breaks("NP101")
def _break_np101(draw: st.DrawFn, city: City) -> City:
    """One compound that no branch covers: dropped from every organisation's and grid's lists."""
    compound = _pick(draw, (c.id for c in city.compounds))
    parts = set(city.children(compound)) | {compound}
    organizations = [
        attrs.evolve(o, covers=[p for p in o.covers if p not in parts])
        for o in city.organizations
        if parts & set(o.covers)
    ]
    grids = [
        attrs.evolve(g, compounds=[c for c in g.compounds if c != compound])
        for g in city.grids
        if compound in g.compounds
    ]
    edited = city.with_updates(organizations=organizations, grids=grids)
    edited = _without_appointments(
        edited,
        lambda a: a.body == compound and a.role is Role.COMPOUND_SECRETARY and a.dispatched,
    )
    return _settle(edited)


@breaks("NP102")
def _break_np102(draw: st.DrawFn, city: City) -> City:
    """A managed compound of more households and at least as many registered full members as
    a standalone branch needs, whose branch was formed jointly: it qualifies for a standalone
    branch it does not have."""
    org = _pick(draw, _branches(city))
    compound = _reached(city, org)[0]
    base = city.get(compound)
    assert isinstance(base, Compound)
    households = _n("formation.standalone_min_households") + 50
    changed = attrs.evolve(base, kind=CompoundKind.MANAGED, households=households)
    formation = Formation.JOINT if org.kind is OrgKind.COMPOUND_BRANCH else None
    wanted = _n("formation.standalone_min_full_members")
    people = [_member(f"np102-{k}", compound, org.id) for k in range(wanted)]
    return city.with_updates(
        compounds=[changed], organizations=[attrs.evolve(org, formation=formation)], people=people
    )


@breaks("NP103")
def _break_np103(draw: st.DrawFn, city: City) -> City:
    """A branch whose full members all turn out to be probationary."""
    org = _pick(draw, _branches(city))
    people = [
        attrs.evolve(
            p,
            party=attrs.evolve(p.party, standing=Standing.PROBATIONARY, full_since=None),
        )
        for p in city.members_registered_in(org.id)
        if p.party is not None
    ]
    return city.with_updates(people=people)


@breaks("NP201")
def _break_np201(draw: st.DrawFn, city: City) -> City:
    """A branch whose secretaries' posts are all gone."""
    org = _pick(draw, _branches(city))
    return _without_appointments(city, lambda a: a.body == org.id and a.role is Role.SECRETARY)


@breaks("NP505")
def _break_np505(draw: st.DrawFn, city: City) -> City:
    """An owners' vote nobody took part in."""
    compound = _pick(draw, (c.id for c in city.compounds))
    return city.with_updates(votes=[_unattended("v-np505", compound, MatterKind.ORDINARY)])


@breaks("NP104")
def _break_np104(draw: st.DrawFn, city: City) -> City:
    """An unmanaged compound organised as a standalone compound branch of its own."""
    org = _pick(draw, _branches(city))
    compound = _reached(city, org)[0]
    base = city.get(compound)
    assert isinstance(base, Compound)
    standalone = PartyOrganization(
        id="br-np104",
        name="standalone",
        kind=OrgKind.COMPOUND_BRANCH,
        parent=org.parent,
        covers=[compound],
        formation=Formation.STANDALONE,
    )
    edited = city.with_updates(
        compounds=[attrs.evolve(base, kind=CompoundKind.UNMANAGED)],
        organizations=[standalone],
    )
    return comply(edited)


@breaks("NP105")
def _break_np105(draw: st.DrawFn, city: City) -> City:
    """A compound reached only by a grid branch: organisation coverage falls below 90 %."""
    compound = _pick(draw, (c.id for c in city.compounds))
    grid = Grid(
        id="g-np105", name="grid", community=_community(city, compound), compounds=[compound]
    )
    organizations = [
        attrs.evolve(
            o,
            kind=OrgKind.GRID_BRANCH,
            formation=None,
            covers=[p for p in o.covers if p != compound] + ["g-np105"],
        )
        for o in city.branches_covering(compound)
        if o.kind is OrgKind.COMPOUND_BRANCH
    ]
    if not organizations:
        return city  # already reached by grid or courtyard branches alone: it fails as it is
    return _settle(city.with_updates(grids=[grid], organizations=organizations))


def _community(city: City, compound: str) -> str:
    found = city.get(compound)
    assert isinstance(found, Compound)
    return found.community


@breaks("NP106")
def _break_np106(draw: st.DrawFn, city: City) -> City:
    """A compound that neither a branch nor a dispatched staffer reaches (NP101 fails too)."""
    return _break_np101(draw, city)


@breaks("NP107")
def _break_np107(draw: st.DrawFn, city: City) -> City:
    """A branch of one more member than a branch may have, added (probationary, so nothing
    else changes)."""
    org = _pick(draw, _branches(city))
    home = _reached(city, org)[0]
    more = _n("branch.max_members") + 1
    people = [_member(f"np107-{k}", home, org.id, full=False) for k in range(more)]
    return city.with_updates(people=people)


@breaks("NP108")
def _break_np108(draw: st.DrawFn, city: City) -> City:
    """A joint branch over one more small compound than a joint branch may cover."""
    community = _pick(draw, (c.id for c in city.communities))
    compounds = [
        Compound(
            id=f"c-np108-{k}",
            name="small",
            community=community,
            households=_n("formation.standalone_min_households") // 5,
            kind=CompoundKind.MANAGED,
        )
        for k in range(_n("branch.joint_max_compounds") + 1)
    ]
    joint = PartyOrganization(
        id="br-np108",
        name="joint",
        kind=OrgKind.COMPOUND_BRANCH,
        covers=[c.id for c in compounds],
        formation=Formation.JOINT,
    )
    return comply(city.with_updates(compounds=compounds, organizations=[joint]))


@breaks("NP202")
def _break_np202(draw: st.DrawFn, city: City) -> City:
    """A resident secretary assessed as meeting none of the four haves."""
    org = _pick(draw, _branches(city))
    unmet = FourHaves(capability=False, prestige=False, public_spirit=False, enthusiasm=False)
    posts = [a for a in city.appointments_in(org.id) if a.role is Role.SECRETARY]
    people = []
    for post in posts:
        person = city.get(post.person)
        assert isinstance(person, Person)
        people.append(attrs.evolve(person, four_haves=unmet))
    return city.with_updates(
        people=people, appointments=[attrs.evolve(a, dispatched=False) for a in posts]
    )


@breaks("NP203")
def _break_np203(draw: st.DrawFn, city: City) -> City:
    """A branch of as many more full members as make a committee required, with nobody on a
    committee but the secretary."""
    org = _pick(draw, _branches(city))
    home = _reached(city, org)[0]
    more = _n("committee.required_from_full_members")
    people = [_member(f"np203-{k}", home, org.id) for k in range(more)]
    edited = _without_appointments(
        city.with_updates(people=people),
        lambda a: (
            a.body == org.id and a.role in (Role.BRANCH_COMMITTEE_MEMBER, Role.DEPUTY_SECRETARY)
        ),
    )
    return _settle(edited)


@breaks("NP204")
def _break_np204(draw: st.DrawFn, city: City) -> City:
    """A branch committee of more members than its largest size."""
    org = _pick(draw, _branches(city))
    home = _reached(city, org)[0]
    more = _n("committee.max_size") + 1
    people = [_member(f"np204-{k}", home, org.id, full=False) for k in range(more)]
    posts = [
        Appointment(person=p.id, body=org.id, role=Role.BRANCH_COMMITTEE_MEMBER, start=DAY0)
        for p in people
    ]
    return city.with_updates(people=people, appointments=posts)


@breaks("NP205")
def _break_np205(draw: st.DrawFn, city: City) -> City:
    """A secretary who is a non-member."""
    org = _pick(draw, _branches(city))
    home = _reached(city, org)[0]
    outsider = Person(id="np205", name="np205", home=home)
    posts = [
        attrs.evolve(a, end=a.start)
        for a in city.appointments_in(org.id)
        if a.role is Role.SECRETARY and a.end is None
    ]
    new = Appointment(person="np205", body=org.id, role=Role.SECRETARY, start=DAY0)
    return city.with_updates(people=[outsider], appointments=[*posts, new])


@breaks("NP206")
def _break_np206(draw: st.DrawFn, city: City) -> City:
    """A branch last elected twice its term before the first day the strategies draw."""
    org = _pick(draw, _branches(city))
    return city.with_updates(
        organizations=[
            attrs.evolve(org, elected_on=DAY0 - timedelta(days=2 * 366 * _n("term.branch_years")))
        ]
    )


def _new_part(draw: st.DrawFn, city: City) -> tuple[Building, str]:
    org = _pick(draw, _branches(city))
    compound = _reached(city, org)[0]
    return Building(id="b-np", compound=compound, households=5), org.id


@breaks("NP301")
def _break_np301(draw: st.DrawFn, city: City) -> City:
    """A new building where a member lives and nobody serves."""
    building, org = _new_part(draw, city)
    person = _member("np301", building.id, org, full=False)
    return city.with_updates(buildings=[building], people=[person])


@breaks("NP302")
def _break_np302(draw: st.DrawFn, city: City) -> City:
    """A resident who is no party member made head of a new building."""
    building, _ = _new_part(draw, city)
    person = Person(id="np302", name="np302", home=building.id)
    post = Appointment(person="np302", body=building.id, role=Role.BUILDING_HEAD, start=DAY0)
    return city.with_updates(buildings=[building], people=[person], appointments=[post])


def _stale(kind: ActivityKind) -> Breaker:
    """A breaker of an organisational-life rule: a new member of a branch attends its last
    activity of ``kind`` ten years before the first day the strategies draw (the city's other
    records of that kind are taken out, so that none counts for the branch later)."""

    def breaker(draw: st.DrawFn, city: City) -> City:
        city = city.without([a.id for a in city.activities if a.kind is kind])
        org = _pick(draw, _branches(city))
        person = _member(f"np-{kind.value}", _reached(city, org)[0], org.id, full=False)
        activity = Activity(
            id=f"ac-np-{kind.value}",
            person=person.id,
            kind=kind,
            on=DAY0 - timedelta(days=3660),
            ref=org.id,
        )
        return city.with_updates(people=[person], activities=[activity])

    breaker.__doc__ = _stale.__doc__
    return breaker


breaks("NP207")(_stale(ActivityKind.BRANCH_MEETING))
breaks("NP210")(_stale(ActivityKind.THEME_PARTY_DAY))
breaks("NP211")(_stale(ActivityKind.PARTY_LECTURE))
breaks("NP212")(_stale(ActivityKind.ORGANIZATIONAL_LIFE_MEETING))


@breaks("NP208")
def _break_np208(draw: st.DrawFn, city: City) -> City:
    """A branch committee whose last meeting was ten years before the first day drawn."""
    stale = _stale(ActivityKind.BRANCH_COMMITTEE_MEETING)(draw, city)
    [activity] = [a for a in stale.activities if a.id == "ac-np-branch_committee_meeting"]
    org = activity.ref
    assert org is not None
    post = Appointment(
        person=activity.person, body=org, role=Role.BRANCH_COMMITTEE_MEMBER, start=DAY0
    )
    return stale.with_updates(appointments=[post])


@breaks("NP209")
def _break_np209(draw: st.DrawFn, city: City) -> City:
    """A new building group whose last meeting was ten years before the first day drawn."""
    building, org = _new_part(draw, city)
    group = PartyOrganization(
        id="grp-np209", name="group", kind=OrgKind.BUILDING_GROUP, parent=org, covers=[building.id]
    )
    person = _member("np209", building.id, org, full=False)
    activity = Activity(
        id="ac-np209",
        person=person.id,
        kind=ActivityKind.GROUP_MEETING,
        on=DAY0 - timedelta(days=3660),
        ref=group.id,
    )
    return city.with_updates(
        buildings=[building], organizations=[group], people=[person], activities=[activity]
    )


@breaks("NP401")
def _break_np401(draw: st.DrawFn, city: City) -> City:
    """A member registered with the community committee and managed by no branch."""
    compound = _pick(draw, city.compounds)
    committee = next(
        o.id
        for o in city.organizations_covering(compound.community)
        if o.kind is OrgKind.COMMUNITY_COMMITTEE
    )
    return city.with_updates(people=[_member("np401", compound.id, committee, full=False)])


def _branch_member(draw: st.DrawFn, city: City, id: str, **extra: Any) -> City:
    org = _pick(draw, _branches(city))
    return city.with_updates(
        people=[_member(id, _reached(city, org)[0], org.id, full=False, **extra)]
    )


@breaks("NP402")
def _break_np402(draw: st.DrawFn, city: City) -> City:
    """An in-service member who reported nowhere."""
    return _branch_member(draw, city, "np402", category=MemberCategory.IN_SERVICE)


@breaks("NP403")
def _break_np403(draw: st.DrawFn, city: City) -> City:
    """A member who has not shown identity."""
    return _branch_member(draw, city, "np403", identity_shown=False)


@breaks("NP404")
def _break_np404(draw: st.DrawFn, city: City) -> City:
    """A member of a compound branch with no claim (a compound branch is made if none exists)."""
    branches = _branches(city, OrgKind.COMPOUND_BRANCH)
    if not branches:
        org = _pick(draw, _branches(city))
        compound = _reached(city, org)[0]
        city = comply(
            city.with_updates(
                organizations=[
                    PartyOrganization(
                        id="br-np404",
                        name="compound branch",
                        kind=OrgKind.COMPOUND_BRANCH,
                        parent=org.parent,
                        covers=[compound],
                    )
                ]
            )
        )
        branches = _branches(city, OrgKind.COMPOUND_BRANCH)
    org = _pick(draw, branches)
    return city.with_updates(people=[_member("np404", _reached(city, org)[0], org.id, full=False)])


@breaks("NP405")
def _break_np405(draw: st.DrawFn, city: City) -> City:
    """A member whose last dues were paid more than a year before the city's last record."""
    city = _branch_member(draw, city, "np405")
    activities = [
        Activity(id="ac-np405-old", person="np405", kind=ActivityKind.DUES_PAID, on=DAY0),
        Activity(id="ac-np405-new", person="np405", kind=ActivityKind.VOLUNTEER_SERVICE, on=_LATER),
    ]
    return _settle(city.with_updates(activities=activities))


def _committee(city: City, compound: str, id: str, seats: int, **extra: Any) -> City:
    people = [Person(id=f"{id}-{k}", name="owner", home=compound) for k in range(seats)]
    committee = OwnersCommittee(
        id=id,
        compound=compound,
        term_start=extra.pop("term_start", DAY0),
        term_end=extra.pop("term_end", None),
        **extra,
    )
    posts = [
        Appointment(person=p.id, body=id, role=Role.OWNERS_MEMBER, start=_LATER) for p in people
    ]
    return city.with_updates(people=people, committees=[committee], appointments=posts)


@breaks("NP501")
def _break_np501(draw: st.DrawFn, city: City) -> City:
    """An owners' committee of four."""
    compound = _pick(draw, (c.id for c in city.compounds))
    return _committee(city, compound, "oc-np501", 4)


@breaks("NP502")
def _break_np502(draw: st.DrawFn, city: City) -> City:
    """An owners' committee still sitting a year after its term ran out."""
    compound = _pick(draw, (c.id for c in city.compounds))
    end = _LATER - timedelta(days=365)
    return _committee(
        city, compound, "oc-np502", 5, term_start=end - timedelta(days=1000), term_end=end
    )


@breaks("NP503")
def _break_np503(draw: st.DrawFn, city: City) -> City:
    """An owners' committee whose election the developer led."""
    compound = _pick(draw, (c.id for c in city.compounds))
    return _committee(city, compound, "oc-np503", 5, election_led_by=ElectionLead.DEVELOPER)


@breaks("NP504")
def _break_np504(draw: st.DrawFn, city: City) -> City:
    """A rebuilding decided by the owners without the branch deliberating it first."""
    compound = _pick(draw, (c.id for c in city.compounds))
    vote = _carried(_unattended("v-np504", compound, MatterKind.REBUILD))
    return city.with_updates(votes=[vote])


@breaks("NP601")
def _break_np601(draw: st.DrawFn, city: City) -> City:
    """A compound whose linked leaders and compound secretaries are all gone."""
    compound = _pick(draw, (c.id for c in city.compounds))
    return _without_appointments(
        city,
        lambda a: a.body == compound and a.role in (Role.LIAISON, Role.COMPOUND_SECRETARY),
    )


@breaks("NP602")
def _break_np602(draw: st.DrawFn, city: City) -> City:
    """A unit that reported to a community and co-builds with nobody."""
    community = _pick(draw, (c.id for c in city.communities))
    unit = Unit(
        id="u-np602",
        name="unit",
        kind=UnitKind.MUNICIPAL,
        community=community,
        reported_on=DAY0,
    )
    return city.with_updates(units=[unit])


@breaks("NP603")
def _break_np603(draw: st.DrawFn, city: City) -> City:
    """A whistle nobody answered for more than a year."""
    compound = _pick(draw, (c.id for c in city.compounds))
    whistles = [
        Whistle(id="w-np603", compound=compound, raised_on=DAY0),
        Whistle(id="w-np603-later", compound=compound, raised_on=_LATER, answered_on=_LATER),
    ]
    return city.with_updates(whistles=whistles)


@breaks("NP604")
def _break_np604(draw: st.DrawFn, city: City) -> City:
    """A compound whose service stations are all gone."""
    compound = _pick(draw, (c.id for c in city.compounds))
    return attrs.evolve(city, stations=[s for s in city.stations if s.place != compound])
