"""Re-checking an edited city gives the report a full check of it gives."""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborparty import (
    ActivityKind,
    City,
    Deliberation,
    Formation,
    IntegrityError,
    Membership,
    OrgKind,
    PartyOrganization,
    Role,
    check,
    examples,
)
from neighborparty.rules import recheck as recheck_module
from neighborparty.rules.check import Report
from neighborparty.strategies import appointments, cities, people

ON = date(2021, 6, 30)


def _places(city: City, *names: str) -> list[str]:
    return [e.id for name in names for e in getattr(city, name)]


@st.composite
def _person_edit(draw: st.DrawFn, city: City) -> City:
    known = [p.id for p in city.people]
    pid = draw(st.sampled_from(known) if known and draw(st.booleans()) else st.just("p-new"))
    person = draw(people(home=draw(st.sampled_from(_places(city, "compounds", "buildings")))))
    holders = [o.id for o in city.organizations if o.kind.holds_membership]
    party: Membership | None = person.party
    if party is not None:
        party = attrs.evolve(
            party,
            registered_in=draw(st.sampled_from(holders)),
            managed_in=draw(st.none() | st.sampled_from(holders)),
            reported_to=draw(st.none() | st.sampled_from(_places(city, "communities"))),
        )
    return city.with_updates(people=[attrs.evolve(person, id=pid, party=party)])


@st.composite
def _compound_edit(draw: st.DrawFn, city: City) -> City:
    compound = draw(st.sampled_from(city.compounds))
    edited = attrs.evolve(
        compound,
        households=draw(st.integers(0, 400)),
        kind=draw(st.sampled_from(type(compound.kind))),
    )
    return city.with_updates(compounds=[edited])


@st.composite
def _branch_edit(draw: st.DrawFn, city: City) -> City:
    branches = [o for o in city.organizations if o.kind.is_branch]
    branch = draw(st.sampled_from(branches))
    places = _places(city, "compounds", "grids", "buildings", "lanes")
    covers = draw(st.lists(st.sampled_from(places), unique=True, max_size=3))
    kind = draw(st.sampled_from([OrgKind.COMPOUND_BRANCH, OrgKind.GRID_BRANCH, branch.kind]))
    edited = attrs.evolve(
        branch,
        kind=kind,
        covers=tuple(covers),
        formation=draw(st.none() | st.sampled_from(Formation)),
        elected_on=draw(st.none() | st.dates(date(2015, 1, 1), date(2021, 12, 31))),
    )
    return city.with_updates(organizations=[edited])


@st.composite
def _post_edit(draw: st.DrawFn, city: City) -> City:
    if not city.people:
        return city
    role = draw(
        st.sampled_from(
            [Role.SECRETARY, Role.BRANCH_COMMITTEE_MEMBER, Role.COMPOUND_SECRETARY, Role.LIAISON]
        )
    )
    if role.body_kind == "organization":
        bodies = [o.id for o in city.organizations if o.kind.is_branch]
    else:
        bodies = _places(city, "compounds")
    post = draw(
        appointments(
            person=draw(st.sampled_from([p.id for p in city.people])),
            body=draw(st.sampled_from(bodies)),
            role=role,
        )
    )
    if city.appointments and draw(st.booleans()):  # end or change a post that exists
        old = draw(st.sampled_from(city.appointments))
        end = None if post.end is None else max(post.end, old.start)
        post = attrs.evolve(old, end=end, dispatched=post.dispatched)
    return city.with_updates(appointments=[post])


@st.composite
def _removal(draw: st.DrawFn, city: City) -> City:
    choices = _places(city, "people", "committees", "votes", "whistles", "stations", "activities")
    if not choices:
        return city
    return city.without([draw(st.sampled_from(choices))])


@st.composite
def _activity(draw: st.DrawFn, city: City) -> City:
    if not city.activities:
        return city
    activity = draw(st.sampled_from(city.activities))
    on = draw(st.dates(date(2015, 1, 1), date(2021, 12, 31)))
    # another kind too: which kinds the city records at all is a fact NP405 reads
    kind = draw(st.sampled_from([activity.kind, *ActivityKind]))
    # the organisation that held a meeting (NP207-NP212), else the attending member's branch
    ref = draw(st.sampled_from([activity.ref, None, *(o.id for o in city.organizations)]))
    person = draw(st.sampled_from([activity.person, *(p.id for p in city.people)]))
    return city.with_updates(
        activities=[attrs.evolve(activity, on=on, kind=kind, ref=ref, person=person)]
    )


@st.composite
def _new_branch(draw: st.DrawFn, city: City) -> City:
    compound = draw(st.sampled_from(city.compounds))
    branch = PartyOrganization(
        id="br-new",
        name="new",
        kind=OrgKind.COMPOUND_BRANCH,
        covers=(compound.id,),
        formation=draw(st.none() | st.sampled_from(Formation)),
        elected_on=draw(st.none() | st.dates(date(2015, 1, 1), date(2021, 12, 31))),
    )
    edited = city.with_updates(organizations=[branch])
    members = [(p, p.party) for p in edited.people if p.party is not None]
    if members and draw(st.booleans()):
        member, party = draw(st.sampled_from(members))
        moved = attrs.evolve(member, party=attrs.evolve(party, registered_in="br-new"))
        edited = edited.with_updates(people=[moved])
    return edited


@st.composite
def _record_edit(draw: st.DrawFn, city: City) -> City:
    day = st.dates(date(2015, 1, 1), date(2021, 12, 31))
    edits: dict[str, list[Any]] = {}
    if city.committees and draw(st.booleans()):
        committee = draw(st.sampled_from(city.committees))
        end = draw(st.none() | day.filter(lambda d: d >= committee.term_start))
        edits["committees"] = [attrs.evolve(committee, term_end=end)]
    if city.votes and draw(st.booleans()):
        vote = draw(st.sampled_from(city.votes))
        branches = [o.id for o in city.organizations if o.kind.is_branch]
        edits["deliberations"] = [
            Deliberation(
                id="dl-new",
                organization=draw(st.sampled_from(branches)),
                vote=vote.id,
                held_on=draw(day),
            )
        ]
    if city.claims and draw(st.booleans()):
        claim = draw(st.sampled_from(city.claims))
        edits["claims"] = [attrs.evolve(claim, claimed_on=draw(day))]
    if city.whistles and draw(st.booleans()):
        whistle = draw(st.sampled_from(city.whistles))
        answered = draw(st.none() | day.filter(lambda d: d >= whistle.raised_on))
        edits["whistles"] = [attrs.evolve(whistle, answered_on=answered)]
    return city.with_updates(**edits)


@st.composite
def _put_back(draw: st.DrawFn, city: City) -> City:
    """An edit that puts entities back as they are."""
    if not city.people:
        return city
    return city.with_updates(
        people=[draw(st.sampled_from(city.people))], appointments=city.appointments[:1]
    )


_EDITS = [
    _put_back,
    _person_edit,
    _compound_edit,
    _branch_edit,
    _post_edit,
    _removal,
    _activity,
    _new_branch,
    _record_edit,
]


@st.composite
def _edited(draw: st.DrawFn, city: City) -> City:
    for _ in range(draw(st.integers(1, 3))):
        edit = draw(st.sampled_from(_EDITS))
        try:
            city = draw(edit(city))
        except IntegrityError:
            continue  # an edit the city refuses (a group left outside its branch ...)
    return city


def _same(again: Report, full: Report) -> None:
    assert again.findings == full.findings
    assert again.counts() == full.counts()
    assert again.day == full.day


@given(st.data(), cities(max_size=3), st.sampled_from([None, ON]))
def test_a_recheck_of_an_edited_city_equals_a_full_check(
    data: st.DataObject, city: City, on: date | None
) -> None:
    report = check(city, on=on)
    edited = data.draw(_edited(city))
    _same(report.recheck(edited), check(edited, on=on))


@given(st.data(), cities(max_size=3), st.sampled_from([None, ON]))
def test_rechecks_in_a_row_equal_a_full_check_at_each_step(
    data: st.DataObject, city: City, on: date | None
) -> None:
    report = check(city, on=on)
    for _ in range(3):  # each re-check from the last, as a stream of edits is followed
        for rule, _ in report.results:
            report._position(rule)  # looked up, as a merge looks them up
        city = data.draw(_edited(city))
        report = report.recheck(city)
        _same(report, check(city, on=on))


@given(st.data(), cities(max_size=3))
def test_a_recheck_of_a_selection_checks_the_same_rules(data: st.DataObject, city: City) -> None:
    report = check(city, select=["NP1", "NP40"], ignore=["NP104"])
    edited = data.draw(_edited(city))
    _same(report.recheck(edited), check(edited, select=["NP1", "NP40"], ignore=["NP104"]))


def test_a_recheck_of_one_compound_does_not_check_the_whole_city(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    city = examples.seed_city()
    report = check(city)
    edited = city.with_updates(compounds=[attrs.evolve(city.get("c-west"), households=90)])

    def refuse(*args: Any) -> Report:
        raise AssertionError("checked in full")

    monkeypatch.setattr(recheck_module, "run", refuse)
    _same(report.recheck(edited), check(edited))


def test_a_city_not_made_by_edits_of_the_reports_city_is_checked_in_full() -> None:
    city = examples.seed_city()
    report = check(city)
    other = attrs.evolve(city, name="another")
    _same(report.recheck(other), check(other))
    _same(report.recheck(city), report)


def test_a_recheck_of_a_recheck_follows_the_edits_in_a_row() -> None:
    city = examples.seed_city()
    first = city.with_updates(compounds=[attrs.evolve(city.get("c-west"), households=90)])
    second = first.without(["p-zhao"])
    again = check(city).recheck(first).recheck(second)
    _same(again, check(second))
    _same(check(city).recheck(second), check(second))


# --------------------------------------------------------------------------- rules outside the catalogue


def _station_rule() -> Any:
    from neighborparty import Severity
    from neighborparty.rules import rule

    @rule(
        code="X901",
        title_en="A station is open",
        title_zh="站点已开放",
        citation="a user's own rule",
        severity=Severity.INFO,
        subject="station",
        statement_zh="站点已开放。",
        pass_en="station {subject} is open",
        fail_en="station {subject} is not open",
        pass_zh="站点 {subject} 已开放",
        fail_zh="站点 {subject} 未开放",
    )
    def x901(ctx: Any) -> Any:
        """A service station has opened."""
        from neighborparty.rules import Verdict

        for station in ctx.city.stations:
            opened = station.opened_on is not None
            yield station.id, Verdict.PASS if opened else Verdict.FAIL, {}

    return x901


def _project_rule() -> Any:
    from neighborparty import Severity
    from neighborparty.rules import rule

    @rule(
        code="X902",
        title_en="A community has few projects",
        title_zh="项目不多",
        citation="a user's own rule",
        severity=Severity.INFO,
        subject="place",
        statement_zh="项目不多。",
        pass_en="{subject} has {n} projects",
        fail_en="{subject} has {n} projects",
        pass_zh="{subject} 有 {n} 个项目",
        fail_zh="{subject} 有 {n} 个项目",
    )
    def x902(ctx: Any) -> Any:
        """The city runs at most one service project."""
        from neighborparty.rules import Verdict

        n = len(ctx.city.projects)
        yield ctx.city.id, Verdict.PASS if n <= 1 else Verdict.FAIL, {"n": n}

    return x902


def test_a_recheck_judges_rules_outside_the_catalogue_anew() -> None:
    """A user's rule judging stations, and one reading the projects (which no built-in rule
    reads), give after an edit what a full check gives."""
    from neighborparty import DEFAULT_POLICY, Policy

    city = examples.seed_city()
    policy = Policy(
        rules=[*DEFAULT_POLICY.rules, _station_rule(), _project_rule()],
        parameters=DEFAULT_POLICY.parameters,
    )
    report = check(city, policy)
    station = city.stations[0]
    closed = city.with_updates(stations=[attrs.evolve(station, opened_on=date(2020, 1, 1))])
    _same(report.recheck(closed), check(closed, policy))
    assert report.recheck(closed).counts()["X901"] != report.counts()["X901"]
    project = city.projects[0]
    more = city.with_updates(projects=[attrs.evolve(project, id="pj-extra")])
    _same(report.recheck(more), check(more, policy))
    assert report.recheck(more).counts()["X902"] == {"pass": 0, "fail": 1, "undetermined": 0}


@given(cities(max_size=4), st.data())
def test_the_kinds_an_edited_city_records_are_found_from_the_edits_as_from_its_records(
    city: City, data: st.DataObject
) -> None:
    """Activities added, replaced (by another kind too) or removed over a chain of edits: the
    kinds found from the first city's kinds and the edits are those the last city's records
    give, whenever the edits let them be found (a removal or a first record changing kind
    leaves them to be read)."""
    from hypothesis import event

    from neighborparty.rules.reads import kinds_recorded, kinds_recorded_after

    current = city
    chain = [city]  # an edited City holds its parent weakly: keep them for edits_since
    kinds = st.sampled_from(list(ActivityKind))
    for step in range(data.draw(st.integers(1, 3), label="edits")):
        activities = current.activities
        choice = data.draw(st.sampled_from(["add", "replace", "remove"]), label="edit")
        if not activities or not current.people:
            break
        chosen = data.draw(st.sampled_from(activities), label="activity")
        if choice == "remove":
            current = current.without([chosen.id])
        else:
            changed = attrs.evolve(chosen, kind=data.draw(kinds, label="kind"))
            if choice == "add":
                changed = attrs.evolve(changed, id=f"{chosen.id}-{step}")
            current = current.with_updates(activities=[changed])
        chain.append(current)
    edits = current.edits_since(city)
    assert edits is not None
    found = kinds_recorded_after(current, kinds_recorded(city), edits)
    event("found from the edits" if found is not None else "read again")
    if found is not None:
        expected = kinds_recorded(
            City(**{f.name: getattr(current, f.name) for f in attrs.fields(City) if f.init})
        )
        assert list(found.items()) == list(expected.items())
