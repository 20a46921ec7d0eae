"""What a check reads: the city, the day, the parameter values in force, and the facts the
rules derive from the city once and share (kept per City by :mod:`._cache`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import date
from typing import Generic, TypeVar, cast, overload

from neighborparty.model import (
    Appointment,
    City,
    Compound,
    Membership,
    OrgKind,
    PartyOrganization,
    Person,
)
from neighborparty.model._cache import derived as city_cache

__all__ = ["Context"]


T = TypeVar("T")

_OUTSIDE = frozenset({OrgKind.COMPANY_ORGANIZATION, OrgKind.UNIT_ORGANIZATION})


class _CityFact(Generic[T]):
    """A fact a rule reads that depends on the city alone, not on the day or the parameters:
    computed on first use and kept with the City's indexes, so that every check of the same
    City shares it."""

    def __init__(self, compute: Callable[[Context], T]) -> None:
        self.compute = compute
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, ctx: None, owner: type[Context]) -> _CityFact[T]: ...

    @overload
    def __get__(self, ctx: Context, owner: type[Context]) -> T: ...

    def __get__(self, ctx: Context | None, owner: type[Context]) -> T | _CityFact[T]:
        if ctx is None:
            return self
        derived = city_cache(ctx.city)
        try:
            return cast(T, derived[self])
        except KeyError:
            value = derived[self] = self.compute(ctx)
            return value


class Context:
    """What a check reads: the city, the day, the parameter values in force, and facts derived
    once from the City's indexes and shared by the rules.

    The facts that depend on the city alone are kept with the City's indexes: a second check of
    the same City does not derive them again.

    Args:
        city: The city checked.
        on: The day the check is made for (terms, deadlines and posts are measured on it).
        values: The parameter values in force, by name.
        open_posts: Count posts still open (no end day) instead of posts in force on ``on``.
        values_on: The parameter values in force on another day, for subjects judged on a day
            of their own (a vote's); without it, ``values`` on every day.

    Examples:
        >>> from neighborparty import examples
        >>> ctx = Context(examples.seed_city(), date(2020, 10, 26), {})
        >>> ctx.full_registered_living_in["c-jinan"]
        3
    """

    def __init__(
        self,
        city: City,
        on: date,
        values: Mapping[str, float],
        *,
        open_posts: bool = False,
        values_on: Callable[[date], Mapping[str, float]] | None = None,
    ) -> None:
        self.city = city
        self.on = on
        self.values = values
        self.open_posts = open_posts
        self._values_on = values_on
        self._posts: dict[str, tuple[Appointment, ...]] = {}

    @property
    def absent(self) -> frozenset[str]:
        """The parameters with no value in force on the day judged (their first value stands
        in among ``values``): a later source is not applied backwards.

        Examples:
            >>> from neighborparty import DEFAULT_POLICY, examples
            >>> ctx = Context(examples.seed_city(), date(2020, 10, 26),
            ...               DEFAULT_POLICY.values(date(2020, 10, 26)))
            >>> sorted(ctx.absent)
            ['owners.small_committee_size', 'owners.small_compound_households', 'vote.major_majority', 'vote.min_participation', 'vote.ordinary_majority']
        """
        absent = getattr(self.values, "absent", None)
        return absent if isinstance(absent, frozenset) else frozenset()

    def values_on(self, day: date) -> Mapping[str, float]:
        """The parameter values in force on a day (the check's values when the context knows
        no policy).

        Examples:
            >>> from neighborparty import DEFAULT_POLICY, examples
            >>> ctx = Context(examples.seed_city(), date(2020, 10, 26), {},
            ...               values_on=DEFAULT_POLICY.values)
            >>> ctx.values_on(date(2020, 1, 1))["branch.min_full_members"]
            3
        """
        return self.values if self._values_on is None else self._values_on(day)

    def with_values(self, values: Mapping[str, float]) -> Context:
        """The same check of the same city with other parameter values (for subjects judged
        on a day of their own).

        Examples:
            >>> from neighborparty import examples
            >>> Context(examples.seed_city(), date(2020, 10, 26), {}).with_values({"x": 1}).values
            {'x': 1}
        """
        return Context(
            self.city, self.on, values, open_posts=self.open_posts, values_on=self._values_on
        )

    def city_fact(self, compute: Callable[[Context], T]) -> T:
        """What ``compute`` derives from the context's city alone, computed once per City and
        kept with its indexes: ``compute`` must read neither the day nor the parameters.

        Examples:
            >>> from neighborparty import examples
            >>> def households(ctx: Context) -> int:
            ...     return sum(c.households for c in ctx.city.compounds)
            >>> Context(examples.seed_city(), date(2020, 10, 26), {}).city_fact(households)
            450
        """
        derived = city_cache(self.city)
        try:
            return cast(T, derived[compute])
        except KeyError:
            value = derived[compute] = compute(self)
            return value

    def posts(self, body: str) -> tuple[Appointment, ...]:
        """The posts in a body (organisation, owners' committee or place) that count for this
        check (see :meth:`held`), in document order.

        Examples:
            >>> from neighborparty import examples
            >>> ctx = Context(examples.seed_city(), date(2020, 10, 26), {})
            >>> [(a.person, a.role.value) for a in ctx.posts("br-jinan")]
            [('p-lin', 'secretary')]
        """
        found = self._posts.get(body)
        if found is None:
            held = self.held
            found = self._posts[body] = tuple(
                a for a in self.city.appointments_in(body) if held(a.start, a.end)
            )
        return found

    def held(self, start: date, end: date | None) -> bool:
        """Whether a post from ``start`` to ``end`` counts for this check.

        Examples:
            >>> from neighborparty import examples
            >>> ctx = Context(examples.seed_city(), date(2020, 10, 26), {})
            >>> ctx.held(date(2020, 1, 1), None), ctx.held(date(2020, 1, 1), date(2020, 6, 30))
            (True, False)
        """
        if self.open_posts:
            return end is None
        return start <= self.on and (end is None or self.on <= end)

    @_CityFact
    def branches(self) -> tuple[PartyOrganization, ...]:
        """The compound, courtyard and grid branches, in document order."""
        return tuple(o for o in self.city.organizations if o.kind.is_branch)

    @_CityFact
    def compound_branches(self) -> tuple[PartyOrganization, ...]:
        """The compound branches (小区党支部), standalone or joint."""
        return tuple(o for o in self.branches if o.kind is OrgKind.COMPOUND_BRANCH)

    @_CityFact
    def compounds_of_branch(self) -> dict[str, tuple[str, ...]]:
        """The compounds each branch covers, directly or through grids, buildings and lanes."""
        city = self.city
        reached: dict[str, dict[str, None]] = defaultdict(dict)
        for branch in self.branches:
            for place in branch.covers:
                for compound in city.compounds_in(place):
                    reached[branch.id][compound.id] = None
        return {b: tuple(c) for b, c in reached.items()}

    @_CityFact
    def members(self) -> tuple[Person, ...]:
        """The party members, full or probationary, in document order."""
        return tuple(p for p in self.city.people if p.party is not None)

    @_CityFact
    def home_compound(self) -> dict[str, str]:
        """Per party member: the compound their home lies in."""
        return {person: compound for person, _, compound in self.memberships}

    @_CityFact
    def memberships(self) -> tuple[tuple[str, Membership, str], ...]:
        """Per party member, in document order: their id, membership and home compound."""
        city = self.city
        of_part = {b.id: b.compound for b in city.buildings}
        of_part.update((ln.id, ln.compound) for ln in city.lanes)
        of_part.update((c.id, c.id) for c in city.compounds)
        return tuple((p.id, p.party, of_part[p.home]) for p in self.members if p.party)

    @_CityFact
    def full_registered_living_in(self) -> dict[str, int]:
        """Per compound: the full members living there who are registered there (在册) — their
        relation is held by a branch or group covering the compound, or by its community's or
        sub-district's party organisation; not by a company's or a unit's organisation."""
        counts: dict[str, int] = defaultdict(int)
        city = self.city
        local: dict[str, set[str]] = {}
        home = self.home_compound
        for person in self.members:
            party = person.party
            assert party is not None
            if not party.is_full:
                continue
            compound = home[person.id]
            orgs = local.get(compound)
            if orgs is None:
                community = self.compound(compound).community
                orgs = local[compound] = {
                    o.id
                    for place in (compound, community)
                    for o in city.organizations_covering(place)
                    if o.kind not in _OUTSIDE
                }
            if party.registered_in in orgs:
                counts[compound] += 1
        return counts

    @_CityFact
    def members_of_branch(self) -> dict[str, tuple[Person, ...]]:
        """Per branch: its members, registered there (在册) or managed there (纳入管理), as
        :meth:`City.members_of <neighborparty.City.members_of>` gives them."""
        members_of = self.city.members_of
        return {b.id: found for b in self.branches if (found := members_of(b.id))}

    @_CityFact
    def registered_full_of_branch(self) -> dict[str, int]:
        """Per branch (any organisation): full members whose relation it holds."""
        counts: dict[str, int] = defaultdict(int)
        for person in self.members:
            party = person.party
            assert party is not None
            if party.is_full:
                counts[party.registered_in] += 1
        return counts

    @_CityFact
    def members_at_home(self) -> dict[str, int]:
        """Per building, lane or compound named as a home: the party members living there."""
        counts: dict[str, int] = defaultdict(int)
        for p in self.members:
            counts[p.home] += 1
        return counts

    @_CityFact
    def branches_of_compound(self) -> dict[str, frozenset[str]]:
        """Per compound: the ids of the branches covering it."""
        found: dict[str, set[str]] = defaultdict(set)
        for branch, compounds in self.compounds_of_branch.items():
            for compound in compounds:
                found[compound].add(branch)
        return {k: frozenset(v) for k, v in found.items()}

    def compound(self, id: str) -> Compound:
        """The compound with this id.

        Examples:
            >>> from neighborparty import examples
            >>> Context(examples.seed_city(), date(2020, 10, 26), {}).compound("c-old").households
            200
        """
        entity = self.city.get(id)
        assert isinstance(entity, Compound)
        return entity
