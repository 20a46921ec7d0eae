"""The figures every report carries, per community, sub-district, district and the city.

They are the figures the seed and the city's 2024 report publish, so that a synthetic or a real
city can be set beside them. Each is one function of :mod:`neighborparty.rules.figures`, which
gives it per community (synth's calibration calls the same functions for the whole city); here
they are added up the place tree, and people are counted once per place however many posts
they hold.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

import attrs

from neighborparty.model import City, CompoundKind, Formation, OrgKind
from neighborparty.rules import figures

__all__ = ["METRICS", "Metrics", "add_up", "compute_metrics"]

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
    "units_with_agreements": "units of any kind with a co-building agreement (共建协议)",
    "municipal_branch_agreements": "municipal units with a co-building agreement with a "
    "compound branch (市直单位党组织与小区党支部共建)",
    "whistles_answered": "whistles a department answered (小区吹哨、部门报到)",
    "in_service_reported": "in-service members who reported to their community (双报到)",
}
"""Every metric a report carries, with what it counts."""


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

    Each metric is one figure of :mod:`neighborparty.rules.figures`, taken per community and
    added up the place tree; ``red_share`` is the policy's ``owners.red_committee_share``.

    Examples:
        >>> from neighborparty import examples
        >>> compute_metrics(examples.seed_city(), on=None, red_share=0.5).at("cm-jinan")["compounds"]
        3
    """
    counted: dict[str, figures.Counts] = {
        "compounds": figures.compounds(city, on),
        **{
            f"compounds.{kind.value}": figures.compounds_of_kind(city, on, kind)
            for kind in CompoundKind
        },
        **{
            f"branches.{kind.value}": figures.branches_of_kind(city, on, kind)
            for kind in _BRANCH_KINDS
        },
        **{
            f"branches.{formation.value}": figures.branches_of_kind(
                city, on, OrgKind.COMPOUND_BRANCH, formation
            )
            for formation in Formation
        },
        "organized": figures.organized_compounds(city, on),
        "worked": figures.worked_compounds(city, on),
        "red_committees": figures.red_committees(city, on, share=red_share),
        "compounds_with_station": figures.compounds_with_station(city, on),
        "units_with_agreements": figures.units_with_agreements(city, on),
        "municipal_branch_agreements": figures.municipal_branch_agreements(city, on),
        "whistles_answered": figures.whistles_answered(city, on),
    }
    people: dict[str, figures.Ids] = {
        "secretary_chairs": figures.secretary_chairs(city, on),
        "member_chairs": figures.member_chairs(city, on),
        "members_on_committees": figures.members_on_committees(city, on),
        "cadre_secretaries": figures.cadre_secretaries(city, on),
        "in_service_reported": figures.in_service_reported(city, on),
    }
    return _roll_up(city, counted, people)


def add_up(places: Iterable[Mapping[str, float]]) -> dict[str, float]:
    """The metrics of places taken together (of the districts of a city checked district by
    district): counts are summed and the coverage rates computed again from the sums. People
    are summed too, which is right where no one is counted in two of the places (a synthetic
    city's districts share nobody).

    Examples:
        >>> a = {**dict.fromkeys(METRICS, 0), "compounds": 4, "organized": 3}
        >>> b = {**dict.fromkeys(METRICS, 0), "compounds": 6, "organized": 6}
        >>> together = add_up([a, b])
        >>> together["compounds"], together["organized"], together["organization_coverage"]
        (10, 9, 0.9)
    """
    sums: dict[str, float] = dict.fromkeys(METRICS, 0)
    for values in places:
        for name in METRICS:
            sums[name] += values[name]
    for name, count in _RATES.items():
        sums[name] = figures.rate(sums[count], sums["compounds"])
    return sums


_BRANCH_KINDS = (OrgKind.COMPOUND_BRANCH, OrgKind.COURTYARD_BRANCH, OrgKind.GRID_BRANCH)
_RATES = {"organization_coverage": "organized", "work_coverage": "worked"}
"""Each coverage rate, and the count it divides by the compounds."""


def _roll_up(
    city: City, counted: dict[str, figures.Counts], people: dict[str, figures.Ids]
) -> Metrics:
    """Add each community's figures to the community, its sub-district, its district and the
    city: counts are summed, people are counted once per place."""
    levels: dict[str, str] = {city.id: "city"}
    tree: dict[str, list[str]] = defaultdict(list)
    for d in city.districts:
        levels[d.id] = "district"
        tree[city.id].append(d.id)
    for s in city.subdistricts:
        levels[s.id] = "subdistrict"
        tree[s.district].append(s.id)
    for cm in city.communities:
        levels[cm.id] = "community"
        tree[cm.subdistrict].append(cm.id)
    counts: dict[str, dict[str, int]] = {p: dict.fromkeys(counted, 0) for p in levels}
    ids: dict[str, dict[str, set[str]]] = {p: {m: set() for m in people} for p in levels}
    for cm in city.communities:
        places = (cm.id, *city.ancestors(cm.id), city.id)
        for name, per_community in counted.items():
            n = per_community.get(cm.id, 0)
            if n:
                for place in places:
                    counts[place][name] += n
        for name, ids_per_community in people.items():
            found = ids_per_community.get(cm.id)
            if found:
                for place in places:
                    ids[place][name] |= found
    values: dict[str, dict[str, float]] = {}
    for place in levels:
        here: dict[str, float] = {**counts[place], **{m: len(ids[place][m]) for m in people}}
        for name, count in _RATES.items():
            here[name] = figures.rate(here[count], here["compounds"])
        values[place] = {name: here[name] for name in METRICS}
    return Metrics(
        city=city.id,
        values=values,
        tree={k: tuple(v) for k, v in tree.items()},
        levels=levels,
    )
