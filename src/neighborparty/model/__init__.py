"""The domain model: entity classes, enums and the :class:`City` aggregate.

Entities are frozen, slotted, keyword-only attrs classes that refer to each other by string id.
This layer imports no networkx, cattrs or hypothesis.

Examples:
    >>> from neighborparty.model import Compound, CompoundKind
    >>> Compound(id="c-1", name="x", community="cm-1", households=99, kind=CompoundKind.MANAGED)
    Compound(id='c-1', name='x', community='cm-1', households=99, kind=<CompoundKind.MANAGED: 'managed'>, residents=None, coordinates=None)
"""

from neighborparty.model._edits import Edit
from neighborparty.model.city import COLLECTIONS, City, Entity
from neighborparty.model.enums import (
    ActivityKind,
    CadreLevel,
    CompoundKind,
    ElectionLead,
    Formation,
    MatterKind,
    MemberCategory,
    OrgKind,
    Role,
    Severity,
    Standing,
    StationKind,
    UnitKind,
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
from neighborparty.model.people import FourHaves, Membership, Person
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
    "Activity",
    "ActivityKind",
    "Appointment",
    "Building",
    "CadreLevel",
    "City",
    "CoBuildingAgreement",
    "Community",
    "Compound",
    "CompoundKind",
    "Deliberation",
    "District",
    "Edit",
    "ElectionLead",
    "Entity",
    "Formation",
    "FourHaves",
    "Grid",
    "Lane",
    "MatterKind",
    "MemberCategory",
    "Membership",
    "OrgKind",
    "OwnersCommittee",
    "OwnersVote",
    "PartyOrganization",
    "Person",
    "PropertyCompany",
    "Role",
    "ServiceClaim",
    "ServiceItem",
    "ServiceProject",
    "ServiceStation",
    "Severity",
    "Standing",
    "StationKind",
    "Subdistrict",
    "Unit",
    "UnitKind",
    "Whistle",
]
