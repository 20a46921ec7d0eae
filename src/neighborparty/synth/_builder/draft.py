"""The city while it is being built: mutable working records and the collections of entities.

A :class:`CityDraft` holds the one random stream of a city, what it aims at (the year's targets
and the policy's thresholds), and everything made so far. Working records (:class:`PartDraft`, :class:`CompoundDraft`, :class:`MemberDraft`,
:class:`BranchDraft`) refer to each other by list index and change as the steps run; the steps
of the other modules of this package add to the draft in the order of
:func:`neighborparty.synth._builder.build`, and :mod:`.assemble` turns it into one City.

Every random draw goes through :attr:`CityDraft.rng`, so the order of the steps and of the
draws within them is what makes a city: change it and every city changes.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal, TypeVar

from neighborparty.model import (
    Activity,
    Appointment,
    CadreLevel,
    CoBuildingAgreement,
    Community,
    CompoundKind,
    Deliberation,
    District,
    Formation,
    FourHaves,
    Grid,
    MemberCategory,
    OrgKind,
    OwnersCommittee,
    OwnersVote,
    PartyOrganization,
    PropertyCompany,
    Role,
    ServiceClaim,
    ServiceItem,
    ServiceProject,
    ServiceStation,
    Standing,
    Subdistrict,
    Unit,
    Whistle,
)
from neighborparty.synth._builder.thresholds import Thresholds
from neighborparty.synth.targets import YearTargets, reference_date

if TYPE_CHECKING:
    from neighborparty.synth._builder.plan import CityPlan

__all__ = [
    "DAY",
    "BranchDraft",
    "CityDraft",
    "CompoundDraft",
    "MemberDraft",
    "PartDraft",
    "Reach",
    "apportion",
    "fraction",
    "weighted_sample",
]

_T = TypeVar("_T")

DAY = timedelta(days=1)

Reach = Literal["", "compound", "grid", "none"]
"""How party work reaches a compound: a compound branch, a courtyard or grid branch, or only a
dispatched compound secretary (``""`` until the branches are formed)."""


# --------------------------------------------------------------------------- sampling


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder).

    Examples:
        >>> apportion(10, [1, 1, 1])
        [4, 3, 3]
    """
    whole = sum(weights)
    quotas = [total * w / whole for w in weights]
    counts = [int(q) for q in quotas]
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - quotas[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def weighted_sample(
    rng: random.Random, items: Sequence[_T], weights: Sequence[float], k: int
) -> list[_T]:
    """``k`` distinct items drawn without replacement with the given weights.

    Examples:
        >>> len(weighted_sample(random.Random(0), "abcde", [1, 2, 3, 4, 5], 3))
        3
    """
    if k <= 0:
        return []
    keys = [rng.random() ** (1.0 / w) for w in weights]
    order = sorted(range(len(items)), key=keys.__getitem__, reverse=True)
    return [items[i] for i in order[:k]]


def fraction(rng: random.Random, low: float, high: float) -> float:
    """A number drawn uniformly between ``low`` and ``high``.

    Examples:
        >>> 0.2 <= fraction(random.Random(0), 0.2, 0.3) <= 0.3
        True
    """
    return low + (high - low) * rng.random()


# --------------------------------------------------------------------------- working records


class PartDraft:
    """A building or lane while the city is being built."""

    __slots__ = ("compound", "households", "id", "is_lane", "members", "name")

    def __init__(self, id: str, name: str, compound: int, households: int, is_lane: bool) -> None:
        self.id = id
        self.name = name
        self.compound = compound
        """The index of its compound."""
        self.households = households
        self.is_lane = is_lane
        self.members: list[int] = []
        """The party members living there, by person index."""


class CompoundDraft:
    """A compound while the city is being built."""

    __slots__ = (
        "branch",
        "community",
        "coordinates",
        "households",
        "id",
        "index",
        "kind",
        "members",
        "name",
        "non_members",
        "parts",
        "reach",
    )

    def __init__(
        self,
        index: int,
        id: str,
        name: str,
        community: int,
        kind: CompoundKind,
        households: int,
        coordinates: tuple[float, float],
    ) -> None:
        self.index = index
        self.id = id
        self.name = name
        self.community = community
        """The index of its community."""
        self.kind = kind
        self.households = households
        self.coordinates = coordinates
        self.parts: list[int] = []
        """Its buildings or lanes, by part index."""
        self.members: list[int] = []
        """The party members living there, by person index."""
        self.non_members: list[int] = []
        """The other residents, by person index."""
        self.branch: int | None = None
        """The index of the branch (compound, courtyard or grid) that covers it."""
        self.reach: Reach = ""


class MemberDraft:
    """A person's party membership while the city is being built."""

    __slots__ = (
        "category",
        "compound",
        "full_since",
        "identity_shown",
        "joined",
        "managed_in",
        "registered_here",
        "registered_in",
        "reported_to",
        "standing",
    )

    def __init__(
        self,
        compound: int,
        standing: Standing,
        category: MemberCategory,
        registered_here: bool,
        joined: date,
        full_since: date | None,
        identity_shown: bool | None,
        reported_to: str | None,
    ) -> None:
        self.compound = compound
        """The index of the compound they live in."""
        self.standing = standing
        self.category = category
        self.registered_here = registered_here
        """Whether their relation is held where they live (在册) rather than in a unit."""
        self.joined = joined
        self.full_since = full_since
        self.identity_shown = identity_shown
        self.reported_to = reported_to
        self.registered_in = ""
        self.managed_in: str | None = None


class BranchDraft:
    """A branch (compound, courtyard or grid) while the city is being built."""

    __slots__ = (
        "community",
        "compounds",
        "covers",
        "elected_on",
        "formation",
        "id",
        "kind",
        "name",
        "secretary",
        "secretary_dispatched",
    )

    def __init__(
        self,
        id: str,
        name: str,
        kind: OrgKind,
        formation: Formation | None,
        community: int,
        compounds: list[int],
        covers: list[str],
        elected_on: date,
    ) -> None:
        self.id = id
        self.name = name
        self.kind = kind
        self.formation = formation
        self.community = community
        """The index of its community."""
        self.compounds = compounds
        """The compounds it covers, by compound index."""
        self.covers = covers
        self.elected_on = elected_on
        self.secretary: int | None = None
        """The person index of its secretary in office, once chosen."""
        self.secretary_dispatched = False
        """Whether the community dispatched its secretary."""


# --------------------------------------------------------------------------- the draft


class CityDraft:
    """One district of a city being built: its random stream, its share of the targets, and
    what the steps made so far."""

    def __init__(
        self, seed: int, scale: float, year: int, targets: YearTargets, plan: CityPlan, number: int
    ) -> None:
        self.seed = seed
        self.scale = scale
        self.plan = plan
        self.district = plan.districts[number - 1]
        """The district being built: its number, the district it repeats, its communities."""
        self.number = number
        self.rng = random.Random(f"neighborparty.synth/{seed}/{float(scale)!r}/{year}/{number}")
        """The district's own random stream: one district is built without the others."""
        self.year = year
        self.targets = targets
        self.reference_day = reference_date(year)
        self.thresholds = Thresholds.on(self.reference_day)
        """The default policy's thresholds in force on the reference day."""
        self.reference_ordinal = self.reference_day.toordinal()
        self.year_start_ordinal = date(year, 1, 1).toordinal()
        self.community_count = self.district.communities
        """The district's communities."""

        # Places.
        self.districts: list[District] = []
        self.subdistricts: list[Subdistrict] = []
        self.communities: list[Community] = []
        self.community_centres: list[tuple[float, float]] = []
        self.compounds_of_community: list[list[int]] = []
        self.communities_of_subdistrict: list[list[int]] = []
        self.compounds: list[CompoundDraft] = []
        self.parts: list[PartDraft] = []
        self.grids: list[Grid] = []
        # People.
        self.homes: list[int] = []
        """The part (building or lane) each person lives in, by person index."""
        self.person_ids: list[str] = []
        self.members: dict[int, MemberDraft] = {}
        self.cadre_levels: dict[int, CadreLevel] = {}
        self.four_haves: dict[int, FourHaves] = {}
        self.branch_committee_members: set[int] = set()
        """People on a branch committee (below the secretary)."""
        self.staff_of_community: list[list[int]] = []
        # Organisations.
        self.organizations: list[PartyOrganization] = []
        self.branches: list[BranchDraft] = []
        self.working_committees: list[str] = []
        """The id of each sub-district's working committee, by sub-district index."""
        self.community_committees: list[str] = []
        """The id of each community's committee, by community index."""
        self.unit_organizations: list[str] = []
        self.units: list[Unit] = []
        self.appointments: list[Appointment] = []
        # Owners, units and service.
        self.committees: list[OwnersCommittee] = []
        self.companies: list[PropertyCompany] = []
        self.agreements: list[CoBuildingAgreement] = []
        self.stations: list[ServiceStation] = []
        self.service_items: list[ServiceItem] = []
        self.items_of_compound: dict[int, list[str]] = {}
        self.claims: list[ServiceClaim] = []
        self.claims_of_person: dict[int, list[tuple[str, date]]] = {}
        self.projects: list[ServiceProject] = []
        self.projects_of_community: list[list[tuple[str, date]]] = []
        # Records.
        self.votes: list[OwnersVote] = []
        self.deliberations: list[Deliberation] = []
        self.whistles: list[Whistle] = []
        self.activities: list[Activity] = []

    # ------------------------------------------------------------------ small tools

    def new_id(self, prefix: str, n: int) -> str:
        """The id of the ``n``-th entity of a kind in the district (from 1): ``prefix-3.17``
        for the 17th of district 3, so that no two districts give the same id."""
        return f"{prefix}-{self.number}.{n}"

    def person_id(self, person: int) -> str:
        """The id of a person; one string object per person, shared by every reference."""
        ids = self.person_ids
        while len(ids) <= person:
            ids.append(self.new_id("p", len(ids) + 1))
        return ids[person]

    def quota(self, count: float) -> int:
        """The district's share of a count of the targets, scaled to the city: the shares of
        the districts add up to the city's count."""
        return self.plan.share(count, self.number)

    def portion(self, amount: float) -> int:
        """``amount`` rounded down or up at random, up with the chance of its fraction: what a
        share of a district's subjects comes to, so that small shares of small districts add
        up, over the districts, to the share of the city (rounding each to the nearest would
        lose a share below half a subject in every district)."""
        whole = math.floor(amount)
        return whole + (self.rng.random() < amount - whole)

    def day(self, days_before: int) -> date:
        """The day ``days_before`` days before the reference day."""
        return date.fromordinal(self.reference_ordinal - days_before)

    def day_this_year(self, *, until: int | None = None) -> date:
        """A random day from 1 January to ``until`` (an ordinal; the reference day if not given)."""
        return date.fromordinal(
            self.rng.randint(self.year_start_ordinal, until or self.reference_ordinal)
        )

    def new_org(
        self,
        prefix: str,
        name: str,
        kind: OrgKind,
        *,
        parent: str | None = None,
        covers: Sequence[str] = (),
        formation: Formation | None = None,
        elected_on: date | None = None,
    ) -> str:
        """Add a party organisation and return its id."""
        id = self.new_id(prefix, len(self.organizations) + 1)
        self.organizations.append(
            PartyOrganization(
                id=id,
                name=name,
                kind=kind,
                parent=parent,
                covers=tuple(covers),
                formation=formation,
                elected_on=elected_on,
            )
        )
        return id

    def appoint(
        self,
        person: int,
        body: str,
        role: Role,
        start: date,
        end: date | None = None,
        *,
        dispatched: bool = False,
    ) -> None:
        """Add a post."""
        self.appointments.append(
            Appointment(
                person=self.person_id(person),
                body=body,
                role=role,
                start=start,
                end=end,
                dispatched=dispatched,
            )
        )

    def placed_in(self, branch: BranchDraft) -> tuple[list[int], list[int]]:
        """Full members living in a branch's compounds: registered there, managed there."""
        registered: list[int] = []
        managed: list[int] = []
        for compound in branch.compounds:
            for person in self.compounds[compound].members:
                member = self.members[person]
                if member.standing is not Standing.FULL:
                    continue
                if member.registered_in == branch.id:
                    registered.append(person)
                elif member.managed_in == branch.id:
                    managed.append(person)
        return registered, managed

    def branch_id_of(self, compound: CompoundDraft) -> str | None:
        """The id of the branch covering a compound, if one does."""
        return self.branches[compound.branch].id if compound.branch is not None else None
