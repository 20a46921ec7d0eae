"""Party organisations (党组织) and the posts people hold (任职).

Organisations form a tree through ``parent``: the sub-district working committee, community
committees, compound / courtyard / grid branches, and the building and lane groups below a
branch. Posts are :class:`Appointment` records; a cross-appointment (交叉任职) is a query over
them, never a stored flag.
"""

from __future__ import annotations

from datetime import date

import attrs

from neighborparty.model import _validators as v
from neighborparty.model.enums import Formation, OrgKind, Role

__all__ = ["Appointment", "PartyOrganization"]


@attrs.frozen(kw_only=True)
class PartyOrganization:
    """A party organisation: a working committee, committee, branch or group.

    Args:
        id: The organisation's id.
        name: Its name.
        kind: What kind of organisation it is.
        parent: The organisation it stands under, or ``None`` at the top.
        covers: The places it serves: compounds, grids, buildings or lanes (for a branch or a
            group), a community or a sub-district (for a committee).
        formation: Standalone (单独组建) or joint (联合组建), for a compound branch.
        elected_on: When its committee (or secretary) was last elected; terms run from here.

    Examples:
        >>> branch = PartyOrganization(
        ...     id="br-1",
        ...     name="金安小区党支部",
        ...     kind=OrgKind.COMPOUND_BRANCH,
        ...     parent="cc-1",
        ...     covers=["c-1"],
        ...     formation=Formation.STANDALONE,
        ... )
        >>> branch.covers, branch.kind.is_branch
        (('c-1',), True)
    """

    id: str
    name: str
    kind: OrgKind
    parent: str | None = None
    covers: tuple[str, ...] = attrs.field(default=(), converter=v.ids, validator=v.unique_ids)
    formation: Formation | None = None
    elected_on: date | None = None


@attrs.frozen(kw_only=True)
class Appointment:
    """A post a person holds in a body from ``start`` until ``end`` (open if ``None``).

    Args:
        person: Who holds the post.
        body: Where: a party organisation, an owners' committee, or a place (a building for a
            building head, a compound for a compound secretary or a linked leader).
        role: Which post.
        start: First day in the post.
        end: Last day in the post, or ``None`` while it lasts.
        dispatched: Whether the community sent this person to fill the post (下派), as it does
            when a compound has no suitable member.

    Examples:
        >>> a = Appointment(person="p-1", body="br-1", role=Role.SECRETARY, start=date(2020, 1, 1))
        >>> a.in_force(date(2024, 5, 1))
        True
        >>> a = Appointment(
        ...     person="p-1",
        ...     body="br-1",
        ...     role=Role.SECRETARY,
        ...     start=date(2020, 1, 1),
        ...     end=date(2022, 12, 31),
        ... )
        >>> a.in_force(date(2022, 12, 31)), a.in_force(date(2023, 1, 1))
        (True, False)
    """

    person: str
    body: str
    role: Role
    start: date
    end: date | None = attrs.field(default=None, validator=v.after_start("start"))
    dispatched: bool = False

    def in_force(self, on: date) -> bool:
        """Whether the post is held on the given day (``start`` and ``end`` included).

        Examples:
            >>> post = Appointment(
            ...     person="p-1", body="oc-1", role=Role.OWNERS_CHAIR, start=date(2019, 6, 1)
            ... )
            >>> post.in_force(date(2019, 5, 31)), post.in_force(date(2019, 6, 1))
            (False, True)
        """
        return self.start <= on and (self.end is None or on <= self.end)
