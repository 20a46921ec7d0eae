"""The shape of a city: its collections in document order, and the fields by which entities
name each other, with the kinds of entity each field may name.

One table (:data:`REFS`) serves the integrity check, :meth:`City.without`'s cascade, the
referring indexes and the graph projection's edges.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeAlias, cast

import attrs

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

__all__ = [
    "COLLECTIONS",
    "NAMES",
    "NOUN",
    "PLACES",
    "RECORDS",
    "REFERENCE_FIELDS",
    "REFS",
    "REF_BY_FIELD",
    "SLOTS",
    "SPAN",
    "Entity",
    "Ref",
    "a_noun",
    "code_of",
    "noun_list",
    "place_of",
    "references",
]

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

SPAN = 32
"""How a City's table of where each id stands (``City._where``) writes a place: an id's entry
is one number, its position in its collection times ``SPAN`` plus its collection's number in
:data:`SLOTS` (a pair would take a tuple per entity, half the table's memory)."""

SLOTS: Mapping[str, int] = {name: i for i, name in enumerate(COLLECTIONS)}
"""Each collection's number in a City's id table (see :data:`SPAN`)."""

NAMES: tuple[str, ...] = tuple(COLLECTIONS)
"""The collections by their number in a City's id table."""

RECORDS: tuple[str, ...] = ("claims", "whistles", "activities")
"""The collections of records, what happened (service claims 认领, whistles 吹哨, activities
活动): most of a city's ids, and ones the lookups of its structure never need. A City looks
them up in a table of each collection, made at the first lookup its structure's table does not
answer (see ``City._code``)."""


def code_of(collection: str, position: int) -> int:
    """The entry of a City's id table for an entity at a position of a collection.

    Examples:
        >>> place_of(code_of("compounds", 3))
        ('compounds', 3)
    """
    return position * SPAN + SLOTS[collection]


def place_of(code: int) -> tuple[str, int]:
    """The collection and the position an entry of a City's id table names.

    Examples:
        >>> place_of(SLOTS["people"])
        ('people', 0)
    """
    return NAMES[code % SPAN], code // SPAN


NOUN = {
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

PLACES = frozenset(
    {"districts", "subdistricts", "communities", "compounds", "buildings", "lanes", "grids"}
)
_ANY = frozenset(NOUN)
_ORGS = frozenset({"organizations"})


def _targets_of_role(role: Role) -> frozenset[str]:
    kind = role.body_kind
    if kind == "committee":
        return frozenset({"committees"})
    if kind == "organization":
        return _ORGS
    if role in (Role.BUILDING_HEAD, Role.CENTRAL_HOUSEHOLD):
        return frozenset({"buildings", "lanes"})
    return frozenset({"compounds"})


_BODY_TARGETS: Mapping[Role, frozenset[str]] = {role: _targets_of_role(role) for role in Role}


def _body_targets(appointment: Appointment) -> frozenset[str]:
    """The collections an appointment's body may name, given its role."""
    found = _BODY_TARGETS.get(appointment.role)
    return found if found is not None else _targets_of_role(appointment.role)


_COVERS_BY_KIND: Mapping[OrgKind, frozenset[str]] = {
    OrgKind.SUBDISTRICT_WORKING_COMMITTEE: frozenset({"subdistricts"}),
    OrgKind.COMMUNITY_COMMITTEE: frozenset({"communities", "compounds"}),
    OrgKind.COMMUNITY_BRANCH: frozenset({"communities", "compounds"}),
    OrgKind.COMPOUND_BRANCH: frozenset({"compounds", "grids", "buildings", "lanes"}),
    OrgKind.COURTYARD_BRANCH: frozenset({"compounds", "grids", "buildings", "lanes"}),
    OrgKind.GRID_BRANCH: frozenset({"compounds", "grids", "buildings", "lanes"}),
    OrgKind.BUILDING_GROUP: frozenset({"buildings", "lanes"}),
    OrgKind.LANE_GROUP: frozenset({"buildings", "lanes"}),
    OrgKind.COMPANY_ORGANIZATION: PLACES,
    OrgKind.UNIT_ORGANIZATION: PLACES,
}


@attrs.frozen
class Ref:
    """A field of an entity that names other entities by id."""

    field: str
    targets: frozenset[str] | Callable[[Any], frozenset[str]]
    required: bool = True
    many: bool = False
    cascade: bool = True
    """Whether removing the target removes the entity too (see :meth:`~neighborparty.model.City.without`)."""

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


REFS: Mapping[str, tuple[Ref, ...]] = {
    "subdistricts": (Ref("district", frozenset({"districts"})),),
    "communities": (Ref("subdistrict", frozenset({"subdistricts"})),),
    "compounds": (Ref("community", frozenset({"communities"})),),
    "buildings": (Ref("compound", frozenset({"compounds"})),),
    "lanes": (Ref("compound", frozenset({"compounds"})),),
    "grids": (
        Ref("community", frozenset({"communities"})),
        Ref("compounds", frozenset({"compounds"}), many=True),
    ),
    "people": (
        Ref("home", frozenset({"buildings", "lanes", "compounds"})),
        Ref("party.registered_in", _ORGS, cascade=False),
        Ref("party.managed_in", _ORGS, required=False),
        Ref("party.reported_to", frozenset({"communities"}), required=False),
    ),
    "organizations": (
        Ref("parent", _ORGS, required=False),
        Ref("covers", lambda org: _COVERS_BY_KIND[org.kind], many=True),
    ),
    "appointments": (Ref("person", frozenset({"people"})), Ref("body", _body_targets)),
    "committees": (Ref("compound", frozenset({"compounds"})),),
    "companies": (
        Ref("compounds", frozenset({"compounds"}), many=True),
        Ref("party_organization", _ORGS, required=False),
    ),
    "units": (
        Ref("community", frozenset({"communities"}), required=False),
        Ref("party_organization", _ORGS, required=False),
    ),
    "agreements": (Ref("unit", frozenset({"units"})), Ref("organization", _ORGS)),
    "stations": (Ref("place", frozenset({"compounds", "communities", "subdistricts"})),),
    "service_items": (Ref("compound", frozenset({"compounds"})),),
    "claims": (Ref("person", frozenset({"people"})), Ref("item", frozenset({"service_items"}))),
    "projects": (Ref("place", PLACES),),
    "votes": (Ref("compound", frozenset({"compounds"})),),
    "deliberations": (Ref("organization", _ORGS), Ref("vote", frozenset({"votes"}))),
    "whistles": (Ref("compound", frozenset({"compounds"})),),
    "activities": (Ref("person", frozenset({"people"})), Ref("ref", _ANY, required=False)),
}


REF_BY_FIELD = {(name, ref.field): ref for name, refs in REFS.items() for ref in refs}


def references(collection: str, field: str, entity: Any) -> tuple[str, ...]:
    """The ids a reference field of an entity names (none when it is unset)."""
    return REF_BY_FIELD[collection, field].values(entity)


REFERENCE_FIELDS: Mapping[str, frozenset[str]] = {
    name: frozenset(ref.field for ref in refs) for name, refs in REFS.items()
}
"""For each collection, its fields that name other entities by id (nested ones dotted, as
``party.registered_in``)."""


def noun_list(collections: Iterable[str]) -> str:
    """``"compound"``, ``"building or lane"``; ``"entity"`` for any collection."""
    nouns = sorted(NOUN[c] for c in collections)
    if len(nouns) == len(NOUN):
        return "entity"
    return nouns[0] if len(nouns) == 1 else ", ".join(nouns[:-1]) + " or " + nouns[-1]


def a_noun(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun
