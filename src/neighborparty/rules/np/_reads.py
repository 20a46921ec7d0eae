"""What the NP rules read of a city, in groups several rules share (see ``reads=`` of
:func:`~neighborparty.rules.rule`)."""

from __future__ import annotations

__all__ = ["COVERING", "MEMBERSHIPS", "POSTS"]

COVERING = (
    "organizations.kind",
    "organizations.covers",
    "grids.compounds",
    "buildings.compound",
    "lanes.compound",
    "compounds.community",
)
"""What decides which organisations cover which places (:meth:`City.branches_covering
<neighborparty.City.branches_covering>`, :meth:`City.organizations_covering
<neighborparty.City.organizations_covering>`)."""

MEMBERSHIPS = ("people.home", "people.party", "buildings.compound", "lanes.compound")
"""What decides who is a member, where they live and where their relation is held."""

POSTS = ("appointments", "organizations.kind")
"""The posts held in organisations, and which organisations are branches."""
