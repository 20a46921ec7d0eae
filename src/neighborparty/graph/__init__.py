"""Graph queries on the organisation: who leads whom, who sits on both sides, what is reached.

:func:`to_graph` projects a City onto a networkx multigraph for users' own algorithms. The
queries are plain functions taking a City, named the networkx way: nouns for results, ``is_``
for predicates, ``number_of_`` for counts. Most read the City's indexes and never build the
graph, so the rule checks can call them cheaply.

Examples:
    >>> import networkx as nx
    >>> from neighborparty import examples, graph
    >>> city = examples.seed_city()
    >>> g = graph.to_graph(city)
    >>> tree = nx.DiGraph((u, v) for u, v, k in g.edges(keys=True) if k == "under")
    >>> nx.ancestors(tree, "swc-1") >= {"br-jinan", "grp-jinan-1"}
    True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from neighborparty.graph.appointments import (
    CrossAppointment,
    chairs_who_are_members,
    cross_appointments,
    dual_role_secretaries,
    members_on_committees,
    number_of_dual_role_secretaries,
    red_committees,
)
from neighborparty.graph.coverage import (
    Coverage,
    coverage,
    is_organized,
    is_worked,
    uncovered_compounds,
)
from neighborparty.graph.organization import branch_of, chain_of_command, members_of
from neighborparty.graph.places import nearest_compounds, service_circle

if TYPE_CHECKING:
    from neighborparty.graph.people import bridging_people
    from neighborparty.graph.projection import RECORDS, RELATIONS, to_graph

_NETWORKX = {
    "RECORDS": "neighborparty.graph.projection",
    "RELATIONS": "neighborparty.graph.projection",
    "to_graph": "neighborparty.graph.projection",
    "bridging_people": "neighborparty.graph.people",
}
"""The names that need networkx, imported when first read: the queries the rules call read the
City's indexes and never build the graph, so checking a city imports no networkx."""


def __dir__() -> list[str]:
    return sorted({*globals(), *_NETWORKX})


def __getattr__(name: str) -> Any:
    home = _NETWORKX.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


__all__ = [
    "RECORDS",
    "RELATIONS",
    "Coverage",
    "CrossAppointment",
    "branch_of",
    "bridging_people",
    "chain_of_command",
    "chairs_who_are_members",
    "coverage",
    "cross_appointments",
    "dual_role_secretaries",
    "is_organized",
    "is_worked",
    "members_of",
    "members_on_committees",
    "nearest_compounds",
    "number_of_dual_role_secretaries",
    "red_committees",
    "service_circle",
    "to_graph",
    "uncovered_compounds",
]
