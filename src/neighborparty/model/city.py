"""The :class:`City` aggregate: every entity of one city, checked to fit together, with indexes.

A City is immutable. It checks its integrity once, when it is made, and raises
:class:`~neighborparty.IntegrityError` listing every problem at once. Its lookup indexes are built
on first use and cached. Edits return a new City.
"""

from __future__ import annotations

import functools
import operator
import weakref
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import Any, TypeAlias, cast

import attrs

from neighborparty._gc import paused_gc
from neighborparty.errors import IntegrityError, Problem, UnknownIdError
from neighborparty.model.enums import OrgKind, Role
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

Entity: TypeAlias = (
    District
    | Subdistrict
    | Community
    | Compound
    | Building
    | Lane
    | Grid
    | Person
    | PartyOrganization
    | Appointment
    | OwnersCommittee
    | PropertyCompany
    | Unit
    | CoBuildingAgreement
    | ServiceStation
    | ServiceItem
    | ServiceClaim
    | ServiceProject
    | OwnersVote
    | Deliberation
    | Whistle
    | Activity
)
"""Any entity a :class:`City` holds."""

COLLECTIONS: Mapping[str, type[Any]] = {
    "districts": District,
    "subdistricts": Subdistrict,
    "communities": Community,
    "compounds": Compound,
    "buildings": Building,
    "lanes": Lane,
    "grids": Grid,
    "people": Person,
    "organizations": PartyOrganization,
    "appointments": Appointment,
    "committees": OwnersCommittee,
    "companies": PropertyCompany,
    "units": Unit,
    "agreements": CoBuildingAgreement,
    "stations": ServiceStation,
    "service_items": ServiceItem,
    "claims": ServiceClaim,
    "projects": ServiceProject,
    "votes": OwnersVote,
    "deliberations": Deliberation,
    "whistles": Whistle,
    "activities": Activity,
}
"""The City's collections in document order, each with the class of its entities."""

_NOUN = {
    "districts": "district",
    "subdistricts": "sub-district",
    "communities": "community",
    "compounds": "compound",
    "buildings": "building",
    "lanes": "lane",
    "grids": "grid",
    "people": "person",
    "organizations": "party organisation",
    "committees": "owners' committee",
    "companies": "property company",
    "units": "unit",
    "agreements": "co-building agreement",
    "stations": "service station",
    "service_items": "service item",
    "claims": "service claim",
    "projects": "service project",
    "votes": "owners' vote",
    "deliberations": "deliberation",
    "whistles": "whistle",
    "activities": "activity",
}

_PLACES = frozenset(
    {"districts", "subdistricts", "communities", "compounds", "buildings", "lanes", "grids"}
)
_ANY = frozenset(_NOUN)
_ORGS = frozenset({"organizations"})


def _body_targets(appointment: Appointment) -> frozenset[str]:
    """The collections an appointment's body may name, given its role."""
    kind = appointment.role.body_kind
    if kind == "committee":
        return frozenset({"committees"})
    if kind == "organization":
        return _ORGS
    if appointment.role in (Role.BUILDING_HEAD, Role.CENTRAL_HOUSEHOLD):
        return frozenset({"buildings", "lanes"})
    return frozenset({"compounds"})


_COVERS_BY_KIND: Mapping[OrgKind, frozenset[str]] = {
    OrgKind.SUBDISTRICT_WORKING_COMMITTEE: frozenset({"subdistricts"}),
    OrgKind.COMMUNITY_COMMITTEE: frozenset({"communities", "compounds"}),
    OrgKind.COMMUNITY_BRANCH: frozenset({"communities", "compounds"}),
    OrgKind.COMPOUND_BRANCH: frozenset({"compounds", "grids", "buildings", "lanes"}),
    OrgKind.COURTYARD_BRANCH: frozenset({"compounds", "grids", "buildings", "lanes"}),
    OrgKind.GRID_BRANCH: frozenset({"compounds", "grids", "buildings", "lanes"}),
    OrgKind.BUILDING_GROUP: frozenset({"buildings", "lanes"}),
    OrgKind.LANE_GROUP: frozenset({"buildings", "lanes"}),
    OrgKind.COMPANY_ORGANIZATION: _PLACES,
    OrgKind.UNIT_ORGANIZATION: _PLACES,
}


@attrs.frozen
class _Ref:
    """A field of an entity that names other entities by id."""

    field: str
    targets: frozenset[str] | Callable[[Any], frozenset[str]]
    required: bool = True
    many: bool = False
    cascade: bool = True
    """Whether removing the target removes the entity too (see :meth:`City.without`)."""

    get: Callable[[Any], Any] = attrs.field(init=False, eq=False, repr=False)
    """The field's value in an entity: an id, a tuple of ids, or ``None`` when unset."""

    def __attrs_post_init__(self) -> None:
        outer, _, inner = self.field.partition(".")

        def nested(entity: Any) -> Any:
            holder = getattr(entity, outer)
            return None if holder is None else getattr(holder, inner)

        object.__setattr__(self, "get", nested if inner else operator.attrgetter(outer))

    def values(self, entity: Any) -> tuple[str, ...]:
        """The ids the field names in an entity (none when it is unset)."""
        value = self.get(entity)
        if value is None:
            return ()
        return cast("tuple[str, ...]", value) if self.many else (cast(str, value),)

    def allowed(self, entity: Any) -> frozenset[str]:
        """The collections the ids may belong to."""
        return self.targets(entity) if callable(self.targets) else self.targets


_REFS: Mapping[str, tuple[_Ref, ...]] = {
    "subdistricts": (_Ref("district", frozenset({"districts"})),),
    "communities": (_Ref("subdistrict", frozenset({"subdistricts"})),),
    "compounds": (_Ref("community", frozenset({"communities"})),),
    "buildings": (_Ref("compound", frozenset({"compounds"})),),
    "lanes": (_Ref("compound", frozenset({"compounds"})),),
    "grids": (
        _Ref("community", frozenset({"communities"})),
        _Ref("compounds", frozenset({"compounds"}), many=True),
    ),
    "people": (
        _Ref("home", frozenset({"buildings", "lanes", "compounds"})),
        _Ref("party.registered_in", _ORGS, cascade=False),
        _Ref("party.managed_in", _ORGS, required=False),
        _Ref("party.reported_to", frozenset({"communities"}), required=False),
    ),
    "organizations": (
        _Ref("parent", _ORGS, required=False),
        _Ref("covers", lambda org: _COVERS_BY_KIND[org.kind], many=True),
    ),
    "appointments": (_Ref("person", frozenset({"people"})), _Ref("body", _body_targets)),
    "committees": (_Ref("compound", frozenset({"compounds"})),),
    "companies": (
        _Ref("compounds", frozenset({"compounds"}), many=True),
        _Ref("party_organization", _ORGS, required=False),
    ),
    "units": (
        _Ref("community", frozenset({"communities"}), required=False),
        _Ref("party_organization", _ORGS, required=False),
    ),
    "agreements": (_Ref("unit", frozenset({"units"})), _Ref("organization", _ORGS)),
    "stations": (_Ref("place", frozenset({"compounds", "communities", "subdistricts"})),),
    "service_items": (_Ref("compound", frozenset({"compounds"})),),
    "claims": (_Ref("person", frozenset({"people"})), _Ref("item", frozenset({"service_items"}))),
    "projects": (_Ref("place", _PLACES),),
    "votes": (_Ref("compound", frozenset({"compounds"})),),
    "deliberations": (_Ref("organization", _ORGS), _Ref("vote", frozenset({"votes"}))),
    "whistles": (_Ref("compound", frozenset({"compounds"})),),
    "activities": (_Ref("person", frozenset({"people"})), _Ref("ref", _ANY, required=False)),
}


_REF_BY_FIELD = {(name, ref.field): ref for name, refs in _REFS.items() for ref in refs}


def _references(collection: str, field: str, entity: Any) -> tuple[str, ...]:
    """The ids a reference field of an entity names (none when it is unset)."""
    return _REF_BY_FIELD[collection, field].values(entity)


REFERENCE_FIELDS: Mapping[str, frozenset[str]] = {
    name: frozenset(ref.field for ref in refs) for name, refs in _REFS.items()
}
"""For each collection, its fields that name other entities by id (nested ones dotted, as
``party.registered_in``)."""


def _noun_list(collections: Iterable[str]) -> str:
    """``"compound"``, ``"building or lane"``; ``"entity"`` for any collection."""
    nouns = sorted(_NOUN[c] for c in collections)
    if len(nouns) == len(_NOUN):
        return "entity"
    return nouns[0] if len(nouns) == 1 else ", ".join(nouns[:-1]) + " or " + nouns[-1]


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


Edited: TypeAlias = tuple[str, Any, Any]
"""What an edit touched: ``(collection, before, after)``, where ``before`` and ``after`` are the
entity's id before and after the edit (``None`` where it is absent), or for appointments, which
have no id, the appointments themselves."""


_identity = id


def _appointment_key(a: Appointment) -> tuple[str, str, Role, date]:
    return (a.person, a.body, a.role, a.start)


def _as_tuple(entities: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(entities)


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

    _where: dict[str, tuple[str, int]] = attrs.field(
        init=False, eq=False, hash=False, repr=False, factory=dict
    )

    def __attrs_post_init__(self) -> None:
        with paused_gc():
            problems = self._check_integrity()
        if problems:
            raise IntegrityError(problems)

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
        from neighborparty._notebook import city_html  # imports no pandas

        return city_html(self)

    # ------------------------------------------------------------------ integrity

    def _check_integrity(self) -> list[Problem]:
        problems: list[Problem] = []
        where = self._where
        for name in COLLECTIONS:
            if name == "appointments":
                continue
            for i, entity in enumerate(getattr(self, name)):
                if not entity.id:
                    problems.append(Problem(path=f"{name}[{i}].id", message="must not be empty"))
                    continue
                here = (name, i)
                first = where.setdefault(entity.id, here)
                if first is not here:
                    problems.append(
                        Problem(
                            path=f"{name}[{i}].id",
                            message=f"duplicate id {entity.id!r}, "
                            f"first used at {first[0]}[{first[1]}]",
                            ids=(entity.id,),
                        )
                    )
        if self.id in where:
            name, i = where[self.id]
            problems.append(
                Problem(
                    path="id",
                    message=f"the city's id {self.id!r} is also the id of {name}[{i}]",
                    ids=(self.id,),
                )
            )
        for name, refs in _REFS.items():
            entities = getattr(self, name)
            for ref in refs:
                problems.extend(self._check_ref(name, entities, ref))
        problems.extend(self._check_organizations())
        problems.extend(self._check_memberships())
        problems.extend(self._check_grids())
        return problems

    def _check_ref(self, name: str, entities: Sequence[Any], ref: _Ref) -> Iterator[Problem]:
        """The problems of one reference field over a whole collection (a hot loop)."""
        where = self._where
        get = ref.get
        static = None if callable(ref.targets) else ref.targets
        for i, entity in enumerate(entities):
            value = get(entity)
            if value is None:
                continue
            if not ref.many:
                found = where.get(value)
                allowed = static if static is not None else ref.allowed(entity)
                if found is not None and found[0] in allowed:
                    continue
            yield from self._ref_problems(name, i, entity, ref)

    def _ref_problems(self, name: str, i: int, entity: Any, ref: _Ref) -> Iterator[Problem]:
        allowed = ref.allowed(entity)
        for j, value in enumerate(ref.values(entity)):
            found = self._where.get(value)
            if found is not None and found[0] in allowed:
                continue
            path = f"{name}[{i}].{ref.field}" + (f"[{j}]" if ref.many else "")
            if found is None:
                message = f"no {_noun_list(allowed)} with id {value!r}"
            else:
                message = f"{value!r} is {_a(_NOUN[found[0]])}, expected {_a(_noun_list(allowed))}"
            yield Problem(path=path, message=message, ids=(value,))

    def _kind_of(self, id: str) -> str | None:
        found = self._where.get(id)
        return found[0] if found else None

    def _check_organizations(self) -> Iterator[Problem]:
        orgs = {o.id: o for o in self.organizations}
        reported: set[str] = set()
        for i, org in enumerate(self.organizations):
            if org.formation is not None and not org.kind.is_branch:
                yield Problem(
                    path=f"organizations[{i}].formation",
                    message=f"{_a(org.kind.value)} has no formation; only branches do",
                    ids=(org.id,),
                )
            # A parent chain that comes back on itself.
            chain: list[str] = []
            seen: set[str] = set()
            current: PartyOrganization | None = org
            while current is not None and current.id not in seen:
                seen.add(current.id)
                chain.append(current.id)
                current = orgs.get(current.parent) if current.parent is not None else None
            if current is not None and current.id == org.id and org.id not in reported:
                reported.update(chain)
                loop = " -> ".join([*chain, org.id])
                yield Problem(
                    path=f"organizations[{i}].parent",
                    message=f"the parent chain loops: {loop}",
                    ids=tuple(chain),
                )
            # A group serving buildings or lanes that lie outside its branch.
            parent = orgs.get(org.parent) if org.parent is not None else None
            if org.kind.is_group and parent is not None and parent.kind.is_branch and parent.covers:
                area = set(parent.covers)
                for j, place in enumerate(org.covers):
                    compound = self._compound_of_part(place)
                    if (
                        compound not in area
                        and place not in area
                        and self._kind_of(place) in ("buildings", "lanes")
                        and self._kind_of(compound or "") == "compounds"
                        and not self._place_ancestors(place) & area
                    ):
                        yield Problem(
                            path=f"organizations[{i}].covers[{j}]",
                            message=f"{place!r} belongs to compound {compound!r}, "
                            f"which its branch {parent.id!r} does not cover",
                            ids=(place, parent.id),
                        )

    def _check_memberships(self) -> Iterator[Problem]:
        for i, person in enumerate(self.people):
            party = person.party
            if party is None:
                continue
            for field in ("registered_in", "managed_in"):
                org_id = getattr(party, field)
                if org_id is None or self._kind_of(org_id) != "organizations":
                    continue
                org = self.organizations[self._where[org_id][1]]
                if not org.kind.holds_membership:
                    yield Problem(
                        path=f"people[{i}].party.{field}",
                        message=f"{org_id!r} is {_a(org.kind.value)}, which holds no membership",
                        ids=(org_id,),
                    )

    def _check_grids(self) -> Iterator[Problem]:
        for i, grid in enumerate(self.grids):
            for j, compound_id in enumerate(grid.compounds):
                if self._kind_of(compound_id) != "compounds":
                    continue
                compound = self.compounds[self._where[compound_id][1]]
                if compound.community != grid.community:
                    yield Problem(
                        path=f"grids[{i}].compounds[{j}]",
                        message=f"{compound_id!r} lies in community {compound.community!r}, "
                        f"not in the grid's community {grid.community!r}",
                        ids=(compound_id,),
                    )

    def _compound_of_part(self, place: str) -> str | None:
        kind = self._kind_of(place)
        if kind == "buildings":
            return self.buildings[self._where[place][1]].compound
        if kind == "lanes":
            return self.lanes[self._where[place][1]].compound
        return place if kind == "compounds" else None

    def _place_ancestors(self, place: str) -> set[str]:
        """A place, the places that contain it, and the grids spanning its compound."""
        found: set[str] = {place}
        compound = self._compound_of_part(place)
        if compound is None or self._kind_of(compound) != "compounds":
            return found
        found.add(compound)
        found.update(self._grids_of.get(compound, ()))
        community = self.compounds[self._where[compound][1]].community
        found.add(community)
        if self._kind_of(community) == "communities":
            sub = self.communities[self._where[community][1]].subdistrict
            found.add(sub)
            if self._kind_of(sub) == "subdistricts":
                found.add(self.subdistricts[self._where[sub][1]].district)
        return found

    # ------------------------------------------------------------------ lookups

    @functools.cached_property
    def _origin(self) -> tuple[weakref.ref[City], tuple[Edited, ...]] | None:
        """The City this one was made from by :meth:`with_updates` or :meth:`without`, and
        what the edit touched; ``None`` for a City made otherwise."""
        return None

    def _edited_from(self, parent: City, touched: Iterable[Edited]) -> City:
        object.__setattr__(self, "_origin", (weakref.ref(parent), tuple(touched)))
        return self

    def _edits_since(self, ancestor: City) -> list[Edited] | None:
        """What the edits from ``ancestor`` to this City touched, oldest first, or ``None`` if
        this City was not made from it by edits."""
        steps: list[tuple[Edited, ...]] = []
        current: City | None = self
        while current is not None and current is not ancestor:
            origin = current._origin
            if origin is None:
                return None
            steps.append(origin[1])
            current = origin[0]()
        if current is None:
            return None
        return [e for step in reversed(steps) for e in step]

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
        where: dict[str, tuple[str, int]] = {}
        for collection in COLLECTIONS:
            if collection != "appointments":
                for i, entity in enumerate(getattr(city, collection)):
                    where[entity.id] = (collection, i)
        object.__setattr__(city, "_where", where)
        return city

    def _referring(self, collection: str, field: str) -> Mapping[str, Sequence[Any]]:
        """Per id: the entities of a collection whose reference field names it, in document
        order (an index built on first use, like the others)."""
        indexes: dict[tuple[str, str], Callable[[], Mapping[str, Sequence[Any]]]] = {
            ("people", "party.registered_in"): lambda: self._members[0],
            ("people", "party.managed_in"): lambda: self._members[1],
            ("appointments", "person"): lambda: self._appointments[0],
            ("appointments", "body"): lambda: self._appointments[1],
            ("committees", "compound"): lambda: self._committees_of,
        }
        shared = indexes.get((collection, field))
        if shared is not None:
            return shared()
        key = ("referring", collection, field)
        found = self._derived.get(key)
        if found is None:
            ref = _REF_BY_FIELD[collection, field]
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
            found = self._derived[key] = dict(index)
        return cast("Mapping[str, Sequence[Any]]", found)

    @functools.cached_property
    def _derived(self) -> dict[Any, Any]:
        """Values other layers derive from this city alone (the rule check's facts), kept with
        the indexes, by what derives them, so that they are built once per City."""
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
        return id in self._where

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
        found = self._where.get(id)
        if found is None:
            raise UnknownIdError(id, f"City {self.id!r}")
        name, index = found
        return cast(Entity, getattr(self, name)[index])

    def collection_of(self, id: str) -> str:
        """The name of the collection that holds the entity with this id (``"compounds"``, ...).

        Raises:
            UnknownIdError: No entity of the city has this id.

        Examples:
            >>> from neighborparty import examples
            >>> examples.seed_city().collection_of("br-jinan")
            'organizations'
        """
        found = self._where.get(id)
        if found is None:
            raise UnknownIdError(id, f"City {self.id!r}")
        return found[0]

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
        if kind not in _PLACES:
            return ()
        found: list[Compound] = []
        stack = [place]
        while stack:
            current = stack.pop()
            for child in self._children.get(current, ()):
                child_kind = self._where[child][0]
                if child_kind == "compounds":
                    found.append(self.compounds[self._where[child][1]])
                elif child_kind in ("subdistricts", "communities"):
                    stack.append(child)
        found.sort(key=lambda c: self._where[c.id][1])
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
            by_place[p.home].append(p)
            compound = self._compound_of_part(p.home)
            if compound is not None and compound != p.home:
                by_place[compound].append(p)
        return {k: tuple(v) for k, v in by_place.items()}

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
            for place in org.covers:
                kind = self._where[place][0]
                if kind == "grids":
                    targets: Iterable[str] = self.grids[self._where[place][1]].compounds
                elif kind in ("compounds", "buildings", "lanes"):
                    targets = (cast(str, self._compound_of_part(place)),)
                else:
                    targets = ()
                for target in (place, *targets):
                    covering[target].setdefault(org.id, org)
        return {k: tuple(v.values()) for k, v in covering.items()}

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
        changes: dict[str, Any] = {}
        touched: list[Edited] = []
        for name, entities in collections.items():
            if name not in COLLECTIONS:
                raise TypeError(f"City has no collection {name!r}")
            key: Callable[[Any], Any] = (
                _appointment_key if name == "appointments" else (lambda e: e.id)
            )
            current = list(getattr(self, name))
            position = {key(e): i for i, e in enumerate(current)}
            for entity in entities:
                k = key(entity)
                before = None
                if k in position:
                    before = current[position[k]]
                    current[position[k]] = entity
                else:
                    position[k] = len(current)
                    current.append(entity)
                if name == "appointments":
                    touched.append((name, before, entity))
                else:
                    touched.append((name, k if before is not None else None, k))
            changes[name] = tuple(current)
        return attrs.evolve(self, **changes)._edited_from(self, touched)

    def without(self, ids: Iterable[str]) -> City:
        """A new City without these entities and without what cannot stand without them.

        Removing an entity also removes, transitively, every entity with a required reference
        to it (a compound takes its buildings, the people living there, their appointments and
        activities ...), and drops its id from lists of ids (an organisation's ``covers``, a
        company's ``compounds``). An optional reference to it (a member's ``managed_in``, an
        organisation's ``parent``) and a member's registration (``registered_in``) are left for
        the caller to decide: nobody is removed for losing their branch, and the new City raises
        :class:`~neighborparty.IntegrityError` until they are moved.

        Raises:
            UnknownIdError: One of the ids is not in the city.
            IntegrityError: Optional references to removed entities remain.

        Examples:
            >>> from neighborparty import examples
            >>> city = examples.seed_city()
            >>> smaller = city.without(["c-west"])
            >>> "c-west" in smaller, "b-west-1" in smaller, smaller.get("br-joint").covers
            (False, False, ('c-east',))
        """
        removed = set(ids)
        for id in removed:
            self.get(id)
        kept: dict[str, list[Any]] = {name: list(getattr(self, name)) for name in COLLECTIONS}
        changed = True
        while changed:
            changed = False
            for name, refs in _REFS.items():
                survivors = []
                for entity in kept[name]:
                    if any(
                        v in removed
                        for ref in refs
                        if ref.required and ref.cascade and not ref.many
                        for v in ref.values(entity)
                    ):
                        if name != "appointments":
                            removed.add(entity.id)
                        changed = True
                    else:
                        survivors.append(entity)
                kept[name] = survivors
            for name in COLLECTIONS:
                if name != "appointments":
                    before = len(kept[name])
                    kept[name] = [e for e in kept[name] if e.id not in removed]
                    changed = changed or len(kept[name]) != before
        for name, refs in _REFS.items():
            for ref in refs:
                if ref.many:
                    kept[name] = [_drop_ids(e, ref.field, removed) for e in kept[name]]
        new: dict[str, Any] = {name: tuple(v) for name, v in kept.items()}
        touched: list[Edited] = []
        for name in COLLECTIONS:
            same = set(map(_identity, kept[name]))
            for entity in getattr(self, name):
                if _identity(entity) in same:
                    continue
                if name == "appointments":
                    touched.append((name, entity, None))
                else:
                    touched.append((name, entity.id, None if entity.id in removed else entity.id))
        return attrs.evolve(self, **new)._edited_from(self, touched)


def _drop_ids(entity: Any, field: str, removed: set[str]) -> Any:
    values: tuple[str, ...] = getattr(entity, field)
    if not any(v in removed for v in values):
        return entity
    return attrs.evolve(entity, **{field: tuple(v for v in values if v not in removed)})
