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

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from neighborparty._version import __version__

if TYPE_CHECKING:
    from neighborparty import examples, graph, points, rules, synth
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
    from neighborparty.graph import (
        to_graph,
    )
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
        Edit,
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
    from neighborparty.rules import (
        DEFAULT_POLICY,
        Finding,
        Policy,
        Report,
        Verdict,
        check,
        compare,
    )

_HOMES: dict[str, str] = {
    "FORMAT_VERSION": "neighborparty.convert",
    "from_dict": "neighborparty.convert",
    "from_json": "neighborparty.convert",
    "make_converter": "neighborparty.convert",
    "to_dict": "neighborparty.convert",
    "to_json": "neighborparty.convert",
    "DocumentError": "neighborparty.errors",
    "IntegrityError": "neighborparty.errors",
    "InvalidFieldError": "neighborparty.errors",
    "NeighborPartyError": "neighborparty.errors",
    "Problem": "neighborparty.errors",
    "UnknownIdError": "neighborparty.errors",
    "to_graph": "neighborparty.graph",
    "Activity": "neighborparty.model",
    "ActivityKind": "neighborparty.model",
    "Appointment": "neighborparty.model",
    "Building": "neighborparty.model",
    "CadreLevel": "neighborparty.model",
    "City": "neighborparty.model",
    "CoBuildingAgreement": "neighborparty.model",
    "Community": "neighborparty.model",
    "Compound": "neighborparty.model",
    "CompoundKind": "neighborparty.model",
    "Deliberation": "neighborparty.model",
    "District": "neighborparty.model",
    "Edit": "neighborparty.model",
    "ElectionLead": "neighborparty.model",
    "Formation": "neighborparty.model",
    "FourHaves": "neighborparty.model",
    "Grid": "neighborparty.model",
    "Lane": "neighborparty.model",
    "MatterKind": "neighborparty.model",
    "MemberCategory": "neighborparty.model",
    "Membership": "neighborparty.model",
    "OrgKind": "neighborparty.model",
    "OwnersCommittee": "neighborparty.model",
    "OwnersVote": "neighborparty.model",
    "PartyOrganization": "neighborparty.model",
    "Person": "neighborparty.model",
    "PropertyCompany": "neighborparty.model",
    "Role": "neighborparty.model",
    "ServiceClaim": "neighborparty.model",
    "ServiceItem": "neighborparty.model",
    "ServiceProject": "neighborparty.model",
    "ServiceStation": "neighborparty.model",
    "Severity": "neighborparty.model",
    "Standing": "neighborparty.model",
    "StationKind": "neighborparty.model",
    "Subdistrict": "neighborparty.model",
    "Unit": "neighborparty.model",
    "UnitKind": "neighborparty.model",
    "Whistle": "neighborparty.model",
    "DEFAULT_POLICY": "neighborparty.rules",
    "Finding": "neighborparty.rules",
    "Policy": "neighborparty.rules",
    "Report": "neighborparty.rules",
    "Verdict": "neighborparty.rules",
    "check": "neighborparty.rules",
    "compare": "neighborparty.rules",
}
"""Where each public name lives: it is imported from there when first read, so that
``import neighborparty`` costs almost nothing (nor does ``import hypothesis``, whose entry
point loads this package) until a name is used."""

_SUBMODULES = frozenset(
    {
        "convert",
        "errors",
        "examples",
        "frames",
        "graph",
        "model",
        "plot",
        "points",
        "privacy",
        "rules",
        "scenarios",
        "strategies",
        "synth",
    }
)
"""The subpackages read as attributes (``neighborparty.synth``), imported on first use."""


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is not None:
        value = getattr(importlib.import_module(home), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


_OPTIONAL = frozenset({"strategies", "plot"})
"""Subpackages that need an extra (Hypothesis, matplotlib): readable as attributes, but left
out of ``dir()`` so that ``help()`` and ``inspect.getmembers`` do not import them."""


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOMES, *(_SUBMODULES - _OPTIONAL)})


__all__ = [
    "DEFAULT_POLICY",
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
    "Edit",
    "ElectionLead",
    "Finding",
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
    "Policy",
    "Problem",
    "PropertyCompany",
    "Report",
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
    "Verdict",
    "Whistle",
    "__version__",
    "check",
    "compare",
    "examples",
    "from_dict",
    "from_json",
    "graph",
    "make_converter",
    "points",
    "rules",
    "synth",
    "to_dict",
    "to_graph",
    "to_json",
]
