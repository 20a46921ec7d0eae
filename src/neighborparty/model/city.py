"""The :class:`City` aggregate: every entity of one city, checked to fit together, with the
answers to the questions of its own data.

A City is immutable. It checks its integrity once, when it is made, and raises
:class:`~neighborparty.IntegrityError` listing every problem at once (:mod:`._integrity`). Its
lookups — the place tree, residents, members, a member's branch, posts, coverage — use indexes
built on first use and cached. Edits return a new City that remembers what it was made from
(:mod:`._edits`).
"""

from __future__ import annotations

import bisect
import functools
import operator
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, cast

import attrs

from neighborparty.errors import IntegrityError, UnknownIdError
from neighborparty.model import _edits, _html, _incremental, _integrity
from neighborparty.model._edits import Edit
from neighborparty.model._gc import paused_gc
from neighborparty.model._patch import Draft, copied
from neighborparty.model._references import (
    COLLECTIONS,
    NAMES,
    PLACES,
    RECORDS,
    REF_BY_FIELD,
    REFERENCE_FIELDS,
    SLOTS,
    SPAN,
    Entity,
)
from neighborparty.model.governance import (
    CoBuildingAgreement,
    Deliberation,
    OwnersCommittee,
    OwnersVote,
    PropertyCompany,
    Unit,
    Whistle,
)
from neighborparty.model.organizations import Appointment, PartyOrganization
from neighborparty.model.people import Person
from neighborparty.model.places import (
    Building,
    Community,
    Compound,
    District,
    Grid,
    Lane,
    Subdistrict,
)
from neighborparty.model.service import (
    Activity,
    ServiceClaim,
    ServiceItem,
    ServiceProject,
    ServiceStation,
)

__all__ = ["COLLECTIONS", "REFERENCE_FIELDS", "City", "Entity"]


def _as_tuple(entities: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(entities)


def _put(index: Draft[str, list[Any]], value: str, entities: list[Any]) -> None:
    """Set the entities naming an id in a referring index, or drop the id if none does."""
    if entities:
        index[value] = entities
    else:
        index.pop(value, None)


def _built(city: City) -> frozenset[str]:
    """The names of the lazily built attributes a City holds already."""
    found = []
    for name in (*_incremental.SHARED_INDEXES, "_where", "_appointment_positions"):
        try:
            object.__getattribute__(city, name)
        except AttributeError:
            continue
        found.append(name)
    return frozenset(found)


@attrs.frozen(kw_only=True, cache_hash=True, repr=False)
class City:
    """A city (市): every place, person, organisation and record of the system, as one value.

    The City is the aggregate root. On construction it checks that its parts fit together and
    raises :class:`~neighborparty.IntegrityError` listing every problem: duplicate ids (ids are
    unique across the whole city), references to ids that do not exist or are of the wrong kind,
    an organisation's parent chain that loops, a group serving buildings outside its branch, a
    grid spanning compounds of another community, a membership held by a group. A city that
    breaks *policy* still loads: that is for the rule check to find.

    Lookups (:meth:`get`, :meth:`children`, :meth:`residents`, ...) use indexes built on first
    use and cached. Edits (:meth:`with_updates`, :meth:`without`, or :func:`attrs.evolve`)
    return a new City, checked again.

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> city
        City(id='xm-demo', name='厦门 (seed examples)', districts=1, subdistricts=1, communities=2, ...)
        >>> city.get("c-jinan").households
        120
        >>> [o.id for o in city.branches_covering("c-jinan")]
        ['br-jinan']
        >>> City(id="x", name="x", compounds=[city.get("c-jinan")])
        Traceback (most recent call last):
        ...
        neighborparty.errors.IntegrityError: inconsistent city (1 problem):
          compounds[0].community: no community with id 'cm-jinan'
    """

    id: str
    name: str
    districts: tuple[District, ...] = attrs.field(default=(), converter=_as_tuple)
    subdistricts: tuple[Subdistrict, ...] = attrs.field(default=(), converter=_as_tuple)
    communities: tuple[Community, ...] = attrs.field(default=(), converter=_as_tuple)
    compounds: tuple[Compound, ...] = attrs.field(default=(), converter=_as_tuple)
    buildings: tuple[Building, ...] = attrs.field(default=(), converter=_as_tuple)
    lanes: tuple[Lane, ...] = attrs.field(default=(), converter=_as_tuple)
    grids: tuple[Grid, ...] = attrs.field(default=(), converter=_as_tuple)
    people: tuple[Person, ...] = attrs.field(default=(), converter=_as_tuple)
    organizations: tuple[PartyOrganization, ...] = attrs.field(default=(), converter=_as_tuple)
    appointments: tuple[Appointment, ...] = attrs.field(default=(), converter=_as_tuple)
    committees: tuple[OwnersCommittee, ...] = attrs.field(default=(), converter=_as_tuple)
    companies: tuple[PropertyCompany, ...] = attrs.field(default=(), converter=_as_tuple)
    units: tuple[Unit, ...] = attrs.field(default=(), converter=_as_tuple)
    agreements: tuple[CoBuildingAgreement, ...] = attrs.field(default=(), converter=_as_tuple)
    stations: tuple[ServiceStation, ...] = attrs.field(default=(), converter=_as_tuple)
    service_items: tuple[ServiceItem, ...] = attrs.field(default=(), converter=_as_tuple)
    claims: tuple[ServiceClaim, ...] = attrs.field(default=(), converter=_as_tuple)
    projects: tuple[ServiceProject, ...] = attrs.field(default=(), converter=_as_tuple)
    votes: tuple[OwnersVote, ...] = attrs.field(default=(), converter=_as_tuple)
    deliberations: tuple[Deliberation, ...] = attrs.field(default=(), converter=_as_tuple)
    whistles: tuple[Whistle, ...] = attrs.field(default=(), converter=_as_tuple)
    activities: tuple[Activity, ...] = attrs.field(default=(), converter=_as_tuple)

    def __attrs_post_init__(self) -> None:
        with paused_gc():
            problems = _integrity.problems(self)
        if problems:
            raise IntegrityError(problems)

    @functools.cached_property
    def _where(self) -> Mapping[str, int]:
        """Where each id stands: its collection and its position there, as one number
        (:func:`~neighborparty.model._references.place_of` reads it; appointments, which have
        no id, are not indexed). The edits read and patch it; a lookup reads
        :meth:`_code`, which needs it only where it is made already."""
        return self._table(_WITH_IDS)

    def _table(self, names: Iterable[str]) -> dict[str, int]:
        """The entries of :attr:`_where` for the ids of some collections."""
        where: dict[str, int] = {}
        get_id = operator.attrgetter("id")
        with paused_gc():
            for name in names:
                entities = getattr(self, name)
                slot = SLOTS[name]
                where.update(
                    zip(
                        map(get_id, entities),
                        range(slot, slot + SPAN * len(entities), SPAN),
                        strict=True,
                    )
                )
        return where

    @functools.cached_property
    def _structure(self) -> Mapping[str, int]:
        """The entries of :attr:`_where` for the ids of every collection but the records
        (:data:`~neighborparty.model._references.RECORDS`), or the whole table where it is made
        already: what the lookups of places, people and organisations read (at scale 1, a
        quarter of the ids)."""
        where = self._whole_table()
        return where if where is not None else self._table(_STRUCTURE)

    @functools.cached_property
    def _records(self) -> dict[str, Mapping[str, int]]:
        """The entries of :attr:`_where` for the ids of each record collection looked up so
        far, by collection."""
        return {}

    def _whole_table(self) -> Mapping[str, int] | None:
        """:attr:`_where` where it is made already, else ``None`` (without making it)."""
        try:
            return cast("Mapping[str, int]", object.__getattribute__(self, "_where"))
        except AttributeError:
            return None

    def _code(self, id: str) -> int | None:
        """The entry of :attr:`_where` for an id, or ``None`` for an id not in the city: from
        the structure's table, else from the record collections' (each made on its first
        such lookup), so that a check, which looks up no record, never makes theirs."""
        found = self._structure.get(id)
        if found is not None:
            return found
        where = self._whole_table()
        if where is not None:
            return where.get(id)
        records = self._records
        for name in RECORDS:
            table = records.get(name)
            if table is None:
                table = records[name] = self._table((name,))
            found = table.get(id)
            if found is not None:
                return found
        return None

    def __repr__(self) -> str:
        counts = ", ".join(f"{name}={n}" for name, n in self.counts().items() if n)
        return f"City(id={self.id!r}, name={self.name!r}, {counts})"

    def _repr_html_(self) -> str:
        """A small HTML table for notebooks: the name, the id and the entities per collection.

        Examples:
            >>> from neighborparty import examples
            >>> "xm-demo" in examples.seed_city()._repr_html_()
            True
        """
        return _html.city_html(self)

    # ------------------------------------------------------------------ lookups

    def _kind_of(self, id: str) -> str | None:
        found = self._code(id)
        return None if found is None else NAMES[found % SPAN]

    def _compound_of_part(self, place: str) -> str | None:
        kind = self._kind_of(place)
        if kind == "buildings":
            return self.buildings[self._structure[place] // SPAN].compound
        if kind == "lanes":
            return self.lanes[self._structure[place] // SPAN].compound
        return place if kind == "compounds" else None

    # ------------------------------------------------------------------ edit history

    @functools.cached_property
    def _origin(self) -> tuple[weakref.ref[City], tuple[Edit, ...]] | None:
        """The City this one was made from by :meth:`with_updates` or :meth:`without`, and
        what the edit touched; ``None`` for a City made otherwise."""
        return None

    def _edited_from(self, parent: City, touched: Iterable[Edit]) -> City:
        object.__setattr__(self, "_origin", (weakref.ref(parent), tuple(touched)))
        return self

    def edits_since(self, ancestor: City) -> tuple[Edit, ...] | None:
        """What the edits from ``ancestor`` to this City touched, oldest first.

        ``None`` if this City was not made from ``ancestor`` by :meth:`with_updates` and
        :meth:`without` (an ancestor is held weakly: one no longer alive counts as unknown).
        The same entity may appear several times, once per edit that touched it.

        Examples:
            >>> import attrs
            >>> from neighborparty import examples
            >>> city = examples.seed_city()
            >>> once = city.with_updates(compounds=[attrs.evolve(city.get("c-old"), households=10)])
            >>> twice = once.without(["b-west-1"])
            >>> [(e.collection, e.before, e.after) for e in twice.edits_since(city)][:3]
            [('compounds', 'c-old', 'c-old'), ('buildings', 'b-west-1', None), ('people', 'p-sun', None)]
            >>> twice.edits_since(twice), city.edits_since(twice)
            ((), None)
        """
        steps: list[tuple[Edit, ...]] = []
        current: City | None = self
        while current is not None and current is not ancestor:
            origin = current._origin
            if origin is None:
                return None
            steps.append(origin[1])
            current = origin[0]()
        if current is None:
            return None
        return tuple(e for step in reversed(steps) for e in step)

    @classmethod
    def _unchecked(cls, *, id: str, name: str, **collections: Sequence[Any]) -> City:
        """A City of these parts, not checked: a slice of a checked City, for readers that
        follow no reference out of it."""
        city: City = object.__new__(cls)
        for field in attrs.fields(cls):
            if field.init:
                value = (
                    collections.get(field.name, ()) if field.name not in ("id", "name") else None
                )
                object.__setattr__(city, field.name, tuple(value) if value is not None else None)
        object.__setattr__(city, "id", id)
        object.__setattr__(city, "name", name)
        object.__setattr__(city, "_where", city._table(_WITH_IDS))
        object.__setattr__(city, "_fits", False)
        return city

    def _referring(self, collection: str, field: str) -> Mapping[str, Sequence[Any]]:
        """Per id: the entities of a collection whose reference field names it, in document
        order (an index built on first use, like the others)."""
        key = (collection, field)
        shared = _SHARED_REFERRING.get(key)
        if shared is not None:
            return shared(self)
        found = self._referring_indexes.get(key)
        if found is None and self._delta is not None:
            parent = self._delta[0]()
            built = parent._referring_indexes.get(key) if parent is not None else None
            if built is not None:  # the parent built it since: patch it, as the edit would have
                found = self._patched(key, built)
                if found is not None:
                    self._referring_indexes[key] = found
        if found is None:
            ref = REF_BY_FIELD[collection, field]
            index: dict[str, list[Any]] = defaultdict(list)
            get = ref.get
            if ref.many:
                for entity in getattr(self, collection):
                    for value in get(entity):
                        index[value].append(entity)
            else:
                for entity in getattr(self, collection):
                    value = get(entity)
                    if value is not None:
                        index[value].append(entity)
            found = self._referring_indexes[key] = dict(index)
        return cast("Mapping[str, Sequence[Any]]", found)

    @functools.cached_property
    def _referring_indexes(self) -> dict[tuple[str, str], Mapping[str, list[Any]]]:
        """The indexes :meth:`_referring` built, by collection and field."""
        return {}

    def counts(self) -> dict[str, int]:
        """How many entities each collection holds, in document order.

        Examples:
            >>> from neighborparty import examples
            >>> examples.seed_city().counts()["compounds"]
            4
        """
        return {name: len(getattr(self, name)) for name in COLLECTIONS}

    def __contains__(self, id: object) -> bool:
        return isinstance(id, str) and self._code(id) is not None

    def get(self, id: str) -> Entity:
        """The entity with this id.

        Raises:
            UnknownIdError: No entity of the city has this id (a ``KeyError``).

        Examples:
            >>> from neighborparty import examples
            >>> city = examples.seed_city()
            >>> city.get("b-jinan-1").compound
            'c-jinan'
            >>> "nobody" in city
            False
            >>> city.get("nobody")
            Traceback (most recent call last):
            ...
            neighborparty.errors.UnknownIdError: no entity 'nobody' in City 'xm-demo'
        """
        found = self._code(id)
        if found is None:
            raise UnknownIdError(id, f"City {self.id!r}")
        return cast(Entity, getattr(self, NAMES[found % SPAN])[found // SPAN])

    def collection_of(self, id: str) -> str:
        """The name of the collection that holds the entity with this id (``"compounds"``, ...).

        Raises:
            UnknownIdError: No entity of the city has this id.

        Examples:
            >>> from neighborparty import examples
            >>> examples.seed_city().collection_of("br-jinan")
            'organizations'
        """
        found = self._code(id)
        if found is None:
            raise UnknownIdError(id, f"City {self.id!r}")
        return NAMES[found % SPAN]

    @functools.cached_property
    def _children(self) -> dict[str, tuple[str, ...]]:
        children: dict[str, list[str]] = defaultdict(list)
        for s in self.subdistricts:
            children[s.district].append(s.id)
        for c in self.communities:
            children[c.subdistrict].append(c.id)
        for cp in self.compounds:
            children[cp.community].append(cp.id)
        for g in self.grids:
            children[g.community].append(g.id)
        for b in self.buildings:
            children[b.compound].append(b.id)
        for ln in self.lanes:
            children[ln.compound].append(ln.id)
        return {k: tuple(v) for k, v in children.items()}

    def children(self, place: str) -> tuple[str, ...]:
        """The ids of the places directly under a place, in document order.

        A district's sub-districts, a sub-district's communities, a community's compounds and
        grids, a compound's buildings and lanes.

        Examples:
            >>> from neighborparty import examples
            >>> examples.seed_city().children("c-jinan")
            ('b-jinan-1', 'b-jinan-2')
        """
        self.get(place)
        return self._children.get(place, ())

    def compounds_in(self, place: str) -> tuple[Compound, ...]:
        """The compounds that lie in a place (a district, sub-district, community or grid).

        A compound lies in itself; a building or lane lies in its compound.

        Examples:
            >>> from neighborparty import examples
            >>> [c.id for c in examples.seed_city().compounds_in("cm-jinan")]
            ['c-jinan', 'c-east', 'c-west']
        """
        kind = self.collection_of(place)
        if kind == "grids":
            return tuple(cast(Compound, self.get(c)) for c in cast(Grid, self.get(place)).compounds)
        if kind in ("buildings", "lanes"):
            return (cast(Compound, self.get(cast(str, self._compound_of_part(place)))),)
        if kind == "compounds":
            return (cast(Compound, self.get(place)),)
        if kind not in PLACES:
            return ()
        found: list[Compound] = []
        stack = [place]
        where = self._structure
        while stack:
            current = stack.pop()
            for child in self._children.get(current, ()):
                child_kind = NAMES[where[child] % SPAN]
                if child_kind == "compounds":
                    found.append(self.compounds[where[child] // SPAN])
                elif child_kind in ("subdistricts", "communities"):
                    stack.append(child)
        found.sort(key=lambda c: where[c.id])
        return tuple(found)

    def compound_of(self, id: str) -> str | None:
        """The compound a building, lane or person's home lies in (a compound is its own).

        Returns ``None`` for ids that lie in no single compound (a community, an organisation).

        Examples:
            >>> from neighborparty import examples
            >>> city = examples.seed_city()
            >>> city.compound_of("b-jinan-2"), city.compound_of("p-lin")
            ('c-jinan', 'c-jinan')
            >>> city.compound_of("cm-jinan") is None
            True
        """
        if self.collection_of(id) == "people":
            return self._compound_of_part(cast(Person, self.get(id)).home)
        return self._compound_of_part(id)

    @functools.cached_property
    def _parent(self) -> dict[str, str]:
        """The place above each place: the place tree of :attr:`_children`, read upward."""
        return {child: place for place, children in self._children.items() for child in children}

    def parent_of(self, place: str) -> str | None:
        """The id of the place directly above a place in the place tree.

        A building's or lane's compound, a compound's or grid's community, a community's
        sub-district, a sub-district's district; ``None`` for a district (the city stands above
        it) and for what is not a place.

        Raises:
            UnknownIdError: No entity of the city has this id.

        Examples:
            >>> from neighborparty import examples
            >>> city = examples.seed_city()
            >>> city.parent_of("b-jinan-1"), city.parent_of("c-jinan"), city.parent_of("d-1")
            ('c-jinan', 'cm-jinan', None)
        """
        self.get(place)
        return self._parent.get(place)

    def ancestors(self, place: str) -> tuple[str, ...]:
        """The places above a place, nearest first, up to its district (the place tree: 楼栋 →
        小区 → 社区 → 街道 → 区).

        The place itself is not included, nor the city, which stands above every district.

        Notes:
            At most five steps, each a dictionary lookup in an index built once per City.

        Raises:
            UnknownIdError: No entity of the city has this id.

        Examples:
            >>> from neighborparty import examples
            >>> examples.seed_city().ancestors("b-jinan-1")
            ('c-jinan', 'cm-jinan', 's-1', 'd-1')
            >>> examples.seed_city().ancestors("d-1")
            ()
        """
        self.get(place)
        return self._ancestors(place)

    def _ancestors(self, place: str) -> tuple[str, ...]:
        """:meth:`ancestors` of a known id, stopping where a parent is not in the city (which
        the integrity check, the one caller that meets such a city, reports by itself)."""
        parent, where = self._parent, self._structure
        chain: list[str] = []
        current = parent.get(place)
        while current is not None and current in where and len(chain) < 5:
            chain.append(current)
            current = parent.get(current)
        return tuple(chain)

    @functools.cached_property
    def _grids_of(self) -> dict[str, tuple[str, ...]]:
        grids: dict[str, list[str]] = defaultdict(list)
        for g in self.grids:
            for c in g.compounds:
                grids[c].append(g.id)
        return {k: tuple(v) for k, v in grids.items()}

    @functools.cached_property
    def _residents(self) -> dict[str, tuple[Person, ...]]:
        by_place: dict[str, list[Person]] = defaultdict(list)
        for p in self.people:
            for place in self._homes(p):
                by_place[place].append(p)
        return {k: tuple(v) for k, v in by_place.items()}

    def _homes(self, person: Person) -> tuple[str, ...]:
        """The places a person lives in: their home, and its compound when it is a part."""
        compound = self._compound_of_part(person.home)
        if compound is not None and compound != person.home:
            return (person.home, compound)
        return (person.home,)

    def residents(self, place: str, *, members_only: bool = False) -> tuple[Person, ...]:
        """The people living in a compound, building or lane (a compound counts its parts).

        Args:
            place: A compound, building or lane id.
            members_only: Only party members.

        Examples:
            >>> from neighborparty import examples
            >>> city = examples.seed_city()
            >>> len(city.residents("c-jinan")), len(city.residents("c-jinan", members_only=True))
            (6, 5)
        """
        self.get(place)
        people = self._residents.get(place, ())
        return tuple(p for p in people if p.party is not None) if members_only else people

    @functools.cached_property
    def _members(self) -> tuple[dict[str, tuple[Person, ...]], dict[str, tuple[Person, ...]]]:
        registered: dict[str, list[Person]] = defaultdict(list)
        managed: dict[str, list[Person]] = defaultdict(list)
        for p in self.people:
            if p.party is not None:
                registered[p.party.registered_in].append(p)
                if p.party.managed_in is not None:
                    managed[p.party.managed_in].append(p)
        return (
            {k: tuple(v) for k, v in registered.items()},
            {k: tuple(v) for k, v in managed.items()},
        )

    def members_registered_in(self, organization: str) -> tuple[Person, ...]:
        """The members whose relation this organisation holds (在册党员).

        Examples:
            >>> from neighborparty import examples
            >>> [p.id for p in examples.seed_city().members_registered_in("br-jinan")]
            ['p-lin', 'p-chen', 'p-wang']
        """
        self.get(organization)
        return self._members[0].get(organization, ())

    def members_managed_in(self, organization: str) -> tuple[Person, ...]:
        """The non-registered members this organisation manages where they live (纳入管理).

        Examples:
            >>> from neighborparty import examples
            >>> [p.id for p in examples.seed_city().members_managed_in("br-jinan")]
            ['p-zhao']
        """
        self.get(organization)
        return self._members[1].get(organization, ())

    @functools.cached_property
    def _members_of(self) -> dict[str, tuple[Person, ...]]:
        found: dict[str, list[Person]] = defaultdict(list)
        for p in self.people:
            party = p.party
            if party is not None:
                found[party.registered_in].append(p)
                if party.managed_in is not None and party.managed_in != party.registered_in:
                    found[party.managed_in].append(p)
        return {k: tuple(v) for k, v in found.items()}

    def members_of(self, organization: str, *, managed: bool = True) -> tuple[Person, ...]:
        """The members of one organisation: registered there (在册) and, by default, managed
        there (纳入管理), each once, in document order.

        :func:`neighborparty.graph.members_of` adds the members of the organisations below.

        Raises:
            UnknownIdError: No entity of the city has this id.

        Examples:
            >>> from neighborparty import examples
            >>> city = examples.seed_city()
            >>> [p.id for p in city.members_of("br-jinan")]
            ['p-lin', 'p-chen', 'p-wang', 'p-zhao']
            >>> [p.id for p in city.members_of("br-jinan", managed=False)]
            ['p-lin', 'p-chen', 'p-wang']
        """
        if not managed:
            return self.members_registered_in(organization)
        self.get(organization)
        return self._members_of.get(organization, ())

    @functools.cached_property
    def _branch_of(self) -> dict[str, PartyOrganization]:
        organizations, where = self.organizations, self._structure
        is_branch: dict[str, PartyOrganization | None] = {}
        found: dict[str, PartyOrganization] = {}
        for p in self.people:
            party = p.party
            if party is None:
                continue
            for org_id in (party.registered_in, party.managed_in):
                if org_id is None:
                    continue
                if org_id not in is_branch:
                    found_at = where.get(org_id)  # in a slice of a city, it may be left out
                    org = organizations[found_at // SPAN] if found_at is not None else None
                    is_branch[org_id] = org if org is not None and org.kind.is_branch else None
                branch = is_branch[org_id]
                if branch is not None:
                    found[p.id] = branch
                    break
        return found

    def branch_of(self, person: str) -> PartyOrganization | None:
        """The branch a member belongs to where they live (所在党支部): where registered, else
        where managed.

        ``None`` for a non-member, or a member neither registered nor managed in a branch (a
        compound, courtyard or grid branch).

        Raises:
            UnknownIdError: The id is not one of the city's people.

        Examples:
            >>> from neighborparty import examples
            >>> city = examples.seed_city()
            >>> city.branch_of("p-lin").id, city.branch_of("p-zhao").id
            ('br-jinan', 'br-jinan')
            >>> city.branch_of("p-huang") is None   # registered in the community committee
            True
        """
        found = self._structure.get(person)
        if found is None or found % SPAN != SLOTS["people"]:
            raise UnknownIdError(person, f"the people of City {self.id!r}")
        return self._branch_of.get(person)

    @functools.cached_property
    def _appointments(
        self,
    ) -> tuple[dict[str, tuple[Appointment, ...]], dict[str, tuple[Appointment, ...]]]:
        of_person: dict[str, list[Appointment]] = defaultdict(list)
        in_body: dict[str, list[Appointment]] = defaultdict(list)
        for a in self.appointments:
            of_person[a.person].append(a)
            in_body[a.body].append(a)
        return (
            {k: tuple(v) for k, v in of_person.items()},
            {k: tuple(v) for k, v in in_body.items()},
        )

    def appointments_of(self, person: str, *, on: date | None = None) -> tuple[Appointment, ...]:
        """The posts a person holds, all of them or those in force on a day.

        Examples:
            >>> from datetime import date
            >>> from neighborparty import examples
            >>> city = examples.seed_city()
            >>> [a.role.value for a in city.appointments_of("p-lin", on=date(2020, 10, 26))]
            ['secretary', 'owners_chair']
        """
        self.get(person)
        found = self._appointments[0].get(person, ())
        return found if on is None else tuple(a for a in found if a.in_force(on))

    def appointments_in(self, body: str, *, on: date | None = None) -> tuple[Appointment, ...]:
        """The posts held in a body (organisation, owners' committee or place).

        Examples:
            >>> from neighborparty import examples
            >>> [a.person for a in examples.seed_city().appointments_in("oc-jinan")]
            ['p-lin', 'p-chen', 'p-zhou', 'p-zhao', 'p-wang']
        """
        self.get(body)
        found = self._appointments[1].get(body, ())
        return found if on is None else tuple(a for a in found if a.in_force(on))

    @functools.cached_property
    def _covering(self) -> dict[str, tuple[PartyOrganization, ...]]:
        covering: dict[str, dict[str, PartyOrganization]] = defaultdict(dict)
        for org in self.organizations:
            for target in self._reached(org):
                covering[target].setdefault(org.id, org)
        return {k: tuple(v.values()) for k, v in covering.items()}

    def _reached(self, org: PartyOrganization) -> Iterator[str]:
        """The places an organisation's ``covers`` reach: each place, a grid's compounds, a
        part's compound."""
        for place in org.covers:
            code = self._structure[place]
            kind = NAMES[code % SPAN]
            if kind == "grids":
                targets: Iterable[str] = self.grids[code // SPAN].compounds
            elif kind in ("compounds", "buildings", "lanes"):
                targets = (cast(str, self._compound_of_part(place)),)
            else:
                targets = ()
            yield place
            yield from targets

    def organizations_covering(self, place: str) -> tuple[PartyOrganization, ...]:
        """Every organisation whose ``covers`` reaches a place, directly or through its parts.

        An organisation covering a grid reaches the grid and its compounds; one covering a
        building or lane reaches that part and its compound.

        Examples:
            >>> from neighborparty import examples
            >>> city = examples.seed_city()
            >>> [o.id for o in city.organizations_covering("c-jinan")]
            ['br-jinan', 'grp-jinan-1']
            >>> [o.id for o in city.organizations_covering("b-jinan-1")]
            ['grp-jinan-1']
        """
        self.get(place)
        return self._covering.get(place, ())

    def branches_covering(self, compound: str) -> tuple[PartyOrganization, ...]:
        """The branches (compound, courtyard or grid) that cover a compound.

        Examples:
            >>> from neighborparty import examples
            >>> [o.id for o in examples.seed_city().branches_covering("c-east")]
            ['br-joint']
        """
        return tuple(o for o in self.organizations_covering(compound) if o.kind.is_branch)

    @functools.cached_property
    def _suborganizations(self) -> dict[str, tuple[PartyOrganization, ...]]:
        under: dict[str, list[PartyOrganization]] = defaultdict(list)
        for org in self.organizations:
            if org.parent is not None:
                under[org.parent].append(org)
        return {k: tuple(v) for k, v in under.items()}

    def suborganizations(self, organization: str) -> tuple[PartyOrganization, ...]:
        """The organisations directly under an organisation (its ``parent`` names it).

        Examples:
            >>> from neighborparty import examples
            >>> [o.id for o in examples.seed_city().suborganizations("br-jinan")]
            ['grp-jinan-1']
        """
        self.get(organization)
        return self._suborganizations.get(organization, ())

    @functools.cached_property
    def _committees_of(self) -> dict[str, tuple[OwnersCommittee, ...]]:
        by_compound: dict[str, list[OwnersCommittee]] = defaultdict(list)
        for committee in self.committees:
            by_compound[committee.compound].append(committee)
        return {k: tuple(v) for k, v in by_compound.items()}

    def committees_of(self, compound: str) -> tuple[OwnersCommittee, ...]:
        """The owners' committee terms of a compound, in document order.

        Examples:
            >>> from neighborparty import examples
            >>> [oc.id for oc in examples.seed_city().committees_of("c-jinan")]
            ['oc-jinan']
        """
        self.get(compound)
        return self._committees_of.get(compound, ())

    # ------------------------------------------------------------------ edits

    def with_updates(self, **collections: Iterable[Any]) -> City:
        """A new City with entities added or replaced, collection by collection.

        An entity whose id the collection already holds replaces it where it stands; a new one
        is added at the end. Appointments, which have no id, are matched on
        ``(person, body, role, start)``. The new City is checked again.

        Raises:
            TypeError: A keyword is not a collection of the City.
            IntegrityError: The new City's parts do not fit together.

        Examples:
            >>> import attrs
            >>> from neighborparty import examples
            >>> city = examples.seed_city()
            >>> bigger = attrs.evolve(city.get("c-east"), households=130)
            >>> edited = city.with_updates(compounds=[bigger])
            >>> edited.get("c-east").households, city.get("c-east").households
            (130, 70)
        """
        for name in collections:
            if name not in COLLECTIONS:
                raise TypeError(f"City has no collection {name!r}")
        if not self._fits:
            changes, touched = _edits.updating(self, collections)
            return attrs.evolve(self, **changes)._edited_from(self, touched)
        with paused_gc():
            return self._updated(collections)

    @functools.cached_property
    def _fits(self) -> bool:
        """Whether this City is known to fit together: ``True`` for every City made by its
        constructor or an edit, which raise otherwise; ``False`` for a slice
        (:meth:`_unchecked`)."""
        return True

    @functools.cached_property
    def _appointment_positions(self) -> Mapping[tuple[Any, ...], int]:
        """Where each appointment stands, by what identifies it (its person, body, role and
        start)."""
        return {_edits.appointment_key(a): i for i, a in enumerate(self.appointments)}

    def _updated(self, collections: Mapping[str, Iterable[Any]]) -> City:
        """:meth:`with_updates` of a City that fits: the new City checked where the edit can
        have broken it, sharing the indexes the edit leaves alone."""
        where = self._where
        new_where: Draft[str, int] | None = None
        replaced: dict[str, list[tuple[Any, Any]]] = {}
        added: dict[str, list[Any]] = {}
        changes: dict[str, tuple[Any, ...]] = {}
        touched: list[Edit] = []
        positions: Draft[Any, int] | None = None
        duplicate = False
        for name, given in collections.items():
            current = list(getattr(self, name))
            length = len(current)
            appended: dict[Any, int] = {}
            slot = SLOTS[name]
            if name == "appointments":
                positions = Draft(self._appointment_positions)
            for entity in given:
                if name == "appointments":
                    key: Any = _edits.appointment_key(entity)
                    at = positions.get(key)  # type: ignore[union-attr]
                else:
                    key = entity.id
                    at = appended.get(key)
                    if at is None:
                        found = where.get(key)
                        at = found // SPAN if found is not None and found % SPAN == slot else None
                        if at is None and (not key or found is not None or key == self.id):
                            duplicate = True
                before = None
                if at is not None:
                    before = current[at]
                    current[at] = entity
                    if at < length:
                        replaced.setdefault(name, []).append((before, entity))
                    else:
                        added[name] = [entity if e is before else e for e in added[name]]
                else:
                    at = len(current)
                    current.append(entity)
                    added.setdefault(name, []).append(entity)
                    if name == "appointments":
                        positions[key] = at  # type: ignore[index]
                    else:
                        if key in appended or (new_where is not None and key in new_where):
                            duplicate = True
                        appended[key] = at
                        if new_where is None:
                            new_where = Draft(where)
                        if key not in new_where:
                            new_where[key] = at * SPAN + slot
                if name == "appointments":
                    touched.append(Edit(name, before, entity))
                else:
                    touched.append(Edit(name, key if before is not None else None, key))
            changes[name] = tuple(current)
        city = self._made_with(changes)
        index = new_where.done() if new_where is not None else where
        try:
            proven = not duplicate and _incremental.update_fits(self, index, replaced, added)
        except (TypeError, AttributeError, KeyError):  # a value of the wrong type
            proven = False
        if not proven:
            problems = _integrity.problems(city)
            if problems:
                raise IntegrityError(problems)
        if not duplicate:
            object.__setattr__(city, "_where", index)
        if positions is not None:
            object.__setattr__(city, "_appointment_positions", positions.done())
        elif "_appointment_positions" in _built(self):
            object.__setattr__(city, "_appointment_positions", self._appointment_positions)
        city._share(self, changes)
        if not duplicate:
            city._patch_referring(self, {}, replaced, added)
            for name, value in _incremental.patched_lookups(self, changes, replaced, added):
                object.__setattr__(city, name, value)
        return city._edited_from(self, touched)

    def _made_with(self, changes: Mapping[str, tuple[Any, ...]]) -> City:
        """A City of this one's parts with some collections changed, not checked."""
        city: City = object.__new__(type(self))
        for field in attrs.fields(type(self)):
            if field.init:
                object.__setattr__(
                    city, field.name, changes.get(field.name, getattr(self, field.name))
                )
        object.__setattr__(city, "_attrs_cached_hash", None)
        return city

    def _share(self, parent: City, changes: Mapping[str, Any]) -> None:
        """Take the parent's indexes that read none of the changed collections."""
        for index, reads in _incremental.SHARED_INDEXES.items():
            if reads.isdisjoint(changes) and index in _built(parent):
                object.__setattr__(self, index, getattr(parent, index))
        kept = {
            key: value for key, value in parent._referring_indexes.items() if key[0] not in changes
        }
        if kept:
            object.__setattr__(self, "_referring_indexes", kept)

    def without(self, ids: Iterable[str]) -> City:
        """A new City without these entities and without what cannot stand without them.

        Removing an entity also removes, transitively, every entity with a required reference
        to it (a compound takes its buildings, the people living there, their appointments and
        activities ...), and drops its id from lists of ids (an organisation's ``covers``, a
        company's ``compounds``). An optional reference to it (a member's ``managed_in``, an
        organisation's ``parent``) and a member's registration (``registered_in``) are left for
        the caller to decide: nobody is removed for losing their branch, and the new City raises
        :class:`~neighborparty.IntegrityError` until they are moved.

        What goes is found from the City's reverse lookups, and the new City is checked only
        where a removal can break it (:mod:`._incremental`); it shares the indexes that read
        none of the changed collections and takes the others patched. It raises exactly the
        error that building the same City anew raises.

        Raises:
            UnknownIdError: One of the ids is not in the city.
            IntegrityError: Optional references to removed entities remain.

        Notes:
            The cost is that of the entities removed and of those naming them, plus renumbering
            the positions of the entities after the first one removed in each changed
            collection (the City's table of where each id stands).

        Examples:
            >>> from neighborparty import examples
            >>> city = examples.seed_city()
            >>> city.without(["br-jinan"])
            Traceback (most recent call last):
            ...
            neighborparty.errors.IntegrityError: inconsistent city (6 problems):
              people[0].party.registered_in: no party organisation with id 'br-jinan'
            ...
            >>> smaller = city.without(["c-west"])
            >>> "c-west" in smaller, "b-west-1" in smaller, smaller.get("br-joint").covers
            (False, False, ('c-east',))
        """
        ids = list(ids)
        if not self._fits:
            kept, touched = _edits.removing(self, ids)
            return attrs.evolve(self, **kept)._edited_from(self, touched)
        with paused_gc():
            return self._removed(ids)

    def _removed(self, ids: Iterable[str]) -> City:
        """:meth:`without` of a City that fits: what goes found from the parent's reverse
        lookups, the new City checked where the removal can have broken it, sharing the
        indexes the removal leaves alone and patching the ids' positions."""
        found = _incremental.removal(self, ids)
        city = self._made_with(found.changes)
        if not found.fits:
            problems = _integrity.problems(city)
            if problems:
                raise IntegrityError(problems)
        if "_where" in _built(self) and "_where" not in _built(city):
            where = copied(self._where)
            for removed in found.removed:
                del where[removed]
            for name, first in found.positions.items():
                entities = found.changes[name]
                slot = SLOTS[name]
                where.update(
                    zip(
                        map(operator.attrgetter("id"), entities[first:]),
                        range(first * SPAN + slot, len(entities) * SPAN + slot, SPAN),
                        strict=True,
                    )
                )
            object.__setattr__(city, "_where", where)
        if "appointments" not in found.changes and "_appointment_positions" in _built(self):
            object.__setattr__(city, "_appointment_positions", self._appointment_positions)
        city._share(self, found.changes)
        city._patch_referring(self, found.gone, found.replaced)
        return city._edited_from(self, found.touched)

    def _patch_referring(
        self,
        parent: City,
        gone: Mapping[str, Sequence[Any]],
        replaced: Mapping[str, Sequence[tuple[Any, Any]]],
        added: Mapping[str, Sequence[Any]] | None = None,
    ) -> None:
        """Take the parent's referring indexes of the collections an edit changed, patched by
        the delta (:meth:`_patched`), and remember the delta, to patch those the parent builds
        later when this City asks for them."""
        delta = (weakref.ref(parent), gone, replaced, added or {})
        object.__setattr__(self, "_delta", delta)
        self._take_referring()

    def _take_referring(self) -> None:
        """Take the indexes the City this one was edited from has built since: those that read
        none of the collections the edit changed as they are, the referring indexes patched by
        the edit's delta. A re-check builds them on the city it re-checks from, and the edited
        city needs them at the next re-check, when its parent may be gone."""
        parent = self._delta[0]() if self._delta is not None else None
        if parent is None:
            return
        assert self._delta is not None
        _, gone, replaced, added = self._delta
        changed = {c for delta in (gone, replaced, added) for c, found in delta.items() if found}
        mine, theirs = _built(self), _built(parent)
        for name, reads in _incremental.SHARED_INDEXES.items():
            if name not in mine and name in theirs and reads.isdisjoint(changed):
                object.__setattr__(self, name, getattr(parent, name))
        patched = dict(self._referring_indexes)
        for key, index in parent._referring_indexes.items():
            if key not in patched:
                found = self._patched(key, index)
                if found is not None:
                    patched[key] = found
        if patched:
            object.__setattr__(self, "_referring_indexes", patched)

    @functools.cached_property
    def _delta(
        self,
    ) -> tuple[weakref.ref[City], Mapping[str, Any], Mapping[str, Any], Mapping[str, Any]] | None:
        """The City an edit made this one from, and what it removed, replaced and added, per
        collection; ``None`` for a City made otherwise."""
        return None

    def _patched(
        self, key: tuple[str, str], index: Mapping[str, list[Any]]
    ) -> Mapping[str, list[Any]] | None:
        """A referring index of the parent patched by the edit's delta: removed entities taken
        out, replaced ones put in place of the old (or where they stand, for an id they newly
        name), added ones at the end; only the lists of the ids concerned are made anew, over
        the parent's index (:class:`._patch.Draft`). ``None`` when the patch cannot be made
        (two posts alike)."""
        assert self._delta is not None
        _, gone, replaced, added = self._delta
        collection = key[0]
        if collection not in gone and collection not in replaced and collection not in added:
            return index
        if (
            collection == "appointments"
            and collection in replaced
            and len(self._appointment_positions) != len(self.appointments)
        ):
            return None  # two posts alike: where one stands is not known by its key
        ref = REF_BY_FIELD[key]
        draft = Draft(index)
        for entity in gone.get(collection, ()):
            for value in set(ref.values(entity)):
                _put(draft, value, [e for e in draft[value] if e is not entity])
        for old, new in replaced.get(collection, ()):
            before, after = ref.values(old), ref.values(new)
            for value in {*before, *after}:
                entities = draft.get(value, ())
                if before.count(value) == after.count(value):
                    _put(draft, value, [new if e is old else e for e in entities])
                    continue
                kept = [e for e in entities if e is not old]
                at = self._position(collection, new)
                i = bisect.bisect_left([self._position(collection, e) for e in kept], at)
                kept[i:i] = [new] * after.count(value)
                _put(draft, value, kept)
        for entity in added.get(collection, ()):
            for value in ref.values(entity):
                draft[value] = [*draft.get(value, ()), entity]
        return draft.done()

    def _position(self, collection: str, entity: Any) -> int:
        if collection == "appointments":
            return self._appointment_positions[_edits.appointment_key(entity)]
        return self._where[entity.id] // SPAN


_WITH_IDS = tuple(name for name in COLLECTIONS if name != "appointments")
"""The collections whose entities have ids: all but the appointments."""

_STRUCTURE = tuple(name for name in _WITH_IDS if name not in RECORDS)
"""The collections of a City's structure: those with ids, but the records."""

_SHARED_REFERRING: dict[tuple[str, str], Callable[[City], Mapping[str, Sequence[Any]]]] = {
    ("people", "party.registered_in"): lambda city: city._members[0],
    ("people", "party.managed_in"): lambda city: city._members[1],
    ("appointments", "person"): lambda city: city._appointments[0],
    ("appointments", "body"): lambda city: city._appointments[1],
    ("committees", "compound"): lambda city: city._committees_of,
}
"""The reverse-reference indexes :meth:`City._referring` reads from the lookups the City
builds anyway."""
