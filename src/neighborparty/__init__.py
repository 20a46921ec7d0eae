"""neighborparty: Xiamen's neighbourhood party-building system (近邻党建) as a Python library.

The organisational tree from sub-district down to the building head, the cross-appointments
between compound branches and owners' committees, graph queries on networkx (:mod:`.graph`),
a synthetic Xiamen-like city (:mod:`.synth`), Hypothesis strategies (:mod:`.strategies`, with
the ``testing`` extra) and the documents that carry it all.

Examples:
    >>> import neighborparty as np_
    >>> city = np_.examples.seed_city()
    >>> np_.from_json(np_.to_json(city)) == city
    True
"""

from neighborparty import examples, graph, synth
from neighborparty.convert import (
    FORMAT_VERSION,
    from_dict,
    from_json,
    make_converter,
    to_dict,
    to_json,
)
from neighborparty.errors import (
    DocumentError,
    IntegrityError,
    InvalidFieldError,
    NeighborPartyError,
    Problem,
    UnknownIdError,
)
from neighborparty.graph import to_graph
from neighborparty.model import (
    Activity,
    ActivityKind,
    Appointment,
    Building,
    CadreLevel,
    City,
    CoBuildingAgreement,
    Community,
    Compound,
    CompoundKind,
    Deliberation,
    District,
    ElectionLead,
    Formation,
    FourHaves,
    Grid,
    Lane,
    MatterKind,
    MemberCategory,
    Membership,
    OrgKind,
    OwnersCommittee,
    OwnersVote,
    PartyOrganization,
    Person,
    PropertyCompany,
    Role,
    ServiceClaim,
    ServiceItem,
    ServiceProject,
    ServiceStation,
    Severity,
    Standing,
    StationKind,
    Subdistrict,
    Unit,
    UnitKind,
    Whistle,
)

__version__ = "0.1.0.dev0"

__all__ = [
    "FORMAT_VERSION",
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
    "DocumentError",
    "ElectionLead",
    "Formation",
    "FourHaves",
    "Grid",
    "IntegrityError",
    "InvalidFieldError",
    "Lane",
    "MatterKind",
    "MemberCategory",
    "Membership",
    "NeighborPartyError",
    "OrgKind",
    "OwnersCommittee",
    "OwnersVote",
    "PartyOrganization",
    "Person",
    "Problem",
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
    "UnknownIdError",
    "Whistle",
    "__version__",
    "examples",
    "from_dict",
    "from_json",
    "graph",
    "make_converter",
    "synth",
    "to_dict",
    "to_graph",
    "to_json",
]
