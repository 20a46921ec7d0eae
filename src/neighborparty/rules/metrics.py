"""The figures every report carries, per community, sub-district, district and the city.

They are the figures the seed and the city's 2024 report publish, so that a synthetic or a real
city can be set beside them. Each is gathered per compound (or per community for units), then
added up the place tree; people are counted once per place however many posts they hold.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import attrs

from neighborparty.graph.appointments import committee_posts, cross_appointments, held
from neighborparty.graph.coverage import is_organized, is_worked
from neighborparty.model import (
    City,
    MemberCategory,
    OrgKind,
    Person,
    Role,
    StationKind,
)

__all__ = ["METRICS", "Metrics", "compute_metrics"]

METRICS: dict[str, str] = {
    "compounds": "compounds (小区)",
    "compounds.managed": "mature managed compounds",
    "compounds.resettlement": "open resettlement areas",
    "compounds.unmanaged": "compounds without property management",
    "compounds.old_quarter": "old-town quarters",
    "branches.compound_branch": "compound branches (小区党支部)",
    "branches.courtyard_branch": "courtyard branches (院落党支部)",
    "branches.grid_branch": "grid branches (网格党支部)",
    "branches.standalone": "compound branches formed standalone (单独组建)",
    "branches.joint": "compound branches formed jointly (联合组建)",
    "organized": "compounds with a compound branch (组织覆盖)",
    "worked": "compounds party work reaches (工作覆盖)",
    "organization_coverage": "organised compounds over compounds",
    "work_coverage": "worked compounds over compounds",
    "secretary_chairs": "branch secretaries who chair the owners' committee (一肩挑)",
    "member_chairs": "owners' committee chairs who are party members",
    "members_on_committees": "party members on owners' committees",
    "red_committees": "owners' committees with at least the red share of members (红色业委会)",
    "cadre_secretaries": "cadres of division level or above as secretary or first secretary",
    "compounds_with_station": "compounds with a party-and-masses service station",
    "units_with_agreements": "units with a co-building agreement (共建协议)",
    "in_service_reported": "in-service members who reported to their community (双报到)",
}
"""Every metric a report carries, with what it counts."""

_PEOPLE_METRICS = (
    "secretary_chairs",
    "member_chairs",
    "members_on_committees",
    "cadre_secretaries",
    "in_service_reported",
)


@attrs.frozen
class Metrics:
    """The metrics of every place of a city, drillable from the city down to a community.

    Examples:
        >>> from neighborparty import check, examples
        >>> m = check(examples.seed_city()).metrics
        >>> m.at("xm-demo")["secretary_chairs"], m.at("cm-old")["worked"]
        (1, 1)
        >>> m.children("s-1")
        ('cm-jinan', 'cm-old')
    """

    city: str
    values: dict[str, dict[str, float]] = attrs.field(repr=False)
    tree: dict[str, tuple[str, ...]] = attrs.field(repr=False)
    levels: dict[str, str] = attrs.field(repr=False)

    def at(self, place: str) -> dict[str, float]:
        """The metrics of one place (the city's id for the whole city).

        Examples:
            >>> from neighborparty import check, examples
            >>> check(examples.seed_city()).metrics.at("cm-jinan")["branches.joint"]
            1
        """
        return self.values[place]

    def children(self, place: str) -> tuple[str, ...]:
        """The places one level down: districts of the city, ..., communities of a sub-district.

        Examples:
            >>> from neighborparty import check, examples
            >>> check(examples.seed_city()).metrics.children("xm-demo")
            ('d-1',)
        """
        return self.tree.get(place, ())

    def by(self, level: str) -> dict[str, dict[str, float]]:
        """The metrics of every place of a level: community, subdistrict, district or city.

        Examples:
            >>> from neighborparty import check, examples
            >>> sorted(check(examples.seed_city()).metrics.by("community"))
            ['cm-jinan', 'cm-old']
        """
        return {p: v for p, v in self.values.items() if self.levels[p] == level}


def compute_metrics(city: City, *, on: date | None, red_share: float) -> Metrics:
    """Gather the metrics of a city (``on``: posts in force that day, or open posts if ``None``).

    Examples:
        >>> from neighborparty import examples
        >>> compute_metrics(examples.seed_city(), on=None, red_share=0.5).at("cm-jinan")["compounds"]
        3
    """
    counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    people: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))

    def person(pid: str) -> Person:
        found = city.get(pid)
        assert isinstance(found, Person)
        return found

    for compound in city.compounds:
        c = counts[compound.community]
        c["compounds"] += 1
        c[f"compounds.{compound.kind.value}"] += 1
        c["organized"] += is_organized(city, compound.id)
        c["worked"] += is_worked(city, compound.id, on=on)
    station_compounds = {s.place for s in city.stations if s.kind is StationKind.COMPOUND_STATION}
    for compound_id in station_compounds:
        if city.collection_of(compound_id) == "compounds":
            counts[city.compounds_in(compound_id)[0].community]["compounds_with_station"] += 1
    for org in city.organizations:
        if not org.kind.is_branch:
            continue
        reached = [c for place in org.covers for c in city.compounds_in(place)]
        if not reached:
            continue
        c = counts[reached[0].community]
        c[f"branches.{org.kind.value}"] += 1
        if org.kind is OrgKind.COMPOUND_BRANCH and org.formation is not None:
            c[f"branches.{org.formation.value}"] += 1
        for post in city.appointments_in(org.id):
            if post.role in (Role.SECRETARY, Role.FIRST_SECRETARY) and held(post, on):
                level = person(post.person).cadre_level
                if level is not None and level.is_division_or_above:
                    people[reached[0].community]["cadre_secretaries"].add(post.person)
    for x in cross_appointments(city, on=on):
        if x.branch_post.role is Role.SECRETARY and x.committee_post.role is Role.OWNERS_CHAIR:
            people[city.compounds_in(x.compound)[0].community]["secretary_chairs"].add(x.person)
    seats: dict[str, set[str]] = defaultdict(set)
    community_of = {}
    for post, committee in committee_posts(city, on):
        committee_id, compound_id, role, pid = (
            committee.id,
            committee.compound,
            post.role,
            post.person,
        )
        community = city.compounds_in(compound_id)[0].community
        community_of[committee_id] = community
        seats[committee_id].add(pid)
        if person(pid).party is not None:
            people[community]["members_on_committees"].add(pid)
            if role is Role.OWNERS_CHAIR:
                people[community]["member_chairs"].add(pid)
    for committee_id, seated in seats.items():
        members = sum(1 for pid in seated if person(pid).party is not None)
        if members >= red_share * len(seated):
            counts[community_of[committee_id]]["red_committees"] += 1
    with_agreement = {ag.unit for ag in city.agreements}
    for unit in city.units:
        if unit.id in with_agreement and unit.community is not None:
            counts[unit.community]["units_with_agreements"] += 1
    for p in city.people:
        if (
            p.party is not None
            and p.party.category is MemberCategory.IN_SERVICE
            and p.party.reported_to is not None
        ):
            home = city.compound_of(p.id)
            if home is not None:
                people[city.compounds_in(home)[0].community]["in_service_reported"].add(p.id)
    return _roll_up(city, counts, people)


def _roll_up(
    city: City,
    counts: dict[str, dict[str, float]],
    people: dict[str, dict[str, set[str]]],
) -> Metrics:
    parent: dict[str, str] = {}
    levels: dict[str, str] = {city.id: "city"}
    tree: dict[str, list[str]] = defaultdict(list)
    for d in city.districts:
        parent[d.id] = city.id
        levels[d.id] = "district"
        tree[city.id].append(d.id)
    for s in city.subdistricts:
        parent[s.id] = s.district
        levels[s.id] = "subdistrict"
        tree[s.district].append(s.id)
    for cm in city.communities:
        parent[cm.id] = cm.subdistrict
        levels[cm.id] = "community"
        tree[cm.subdistrict].append(cm.id)
    totals: dict[str, dict[str, float]] = {p: dict.fromkeys(METRICS, 0) for p in levels}
    sets: dict[str, dict[str, set[str]]] = {p: {m: set() for m in _PEOPLE_METRICS} for p in levels}
    for community in [cm.id for cm in city.communities]:
        place: str | None = community
        while place is not None:
            for name, n in counts.get(community, {}).items():
                totals[place][name] += n
            for name, ids in people.get(community, {}).items():
                sets[place][name] |= ids
            place = parent.get(place)
    for place, values in totals.items():
        for name in _PEOPLE_METRICS:
            values[name] = len(sets[place][name])
        n = values["compounds"]
        values["organization_coverage"] = values["organized"] / n if n else 1.0
        values["work_coverage"] = values["worked"] / n if n else 1.0
        for name, value in values.items():
            if name not in ("organization_coverage", "work_coverage"):
                values[name] = int(value)
    return Metrics(
        city=city.id,
        values=totals,
        tree={k: tuple(v) for k, v in tree.items()},
        levels=levels,
    )
