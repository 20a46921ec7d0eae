"""Service (服务): demand lists, claims, service positions, projects and member activities."""

from __future__ import annotations

from datetime import date

import attrs

from neighborparty.model import _validators as v
from neighborparty.model.enums import ActivityKind, StationKind

__all__ = ["Activity", "ServiceClaim", "ServiceItem", "ServiceProject", "ServiceStation"]


@attrs.frozen(kw_only=True)
class ServiceItem:
    """An item of a compound's demand list (需求清单) that members can claim (认领).

    Examples:
        >>> ServiceItem(id="si-1", compound="c-1", name="义务理发").name
        '义务理发'
    """

    id: str
    compound: str
    name: str


@attrs.frozen(kw_only=True)
class ServiceClaim:
    """A member's claim (认领) of a service item; the seed asks each member for one or two.

    Examples:
        >>> ServiceClaim(id="cl-1", person="p-1", item="si-1", claimed_on=date(2020, 4, 1)).item
        'si-1'
    """

    id: str
    person: str
    item: str
    claimed_on: date


@attrs.frozen(kw_only=True)
class ServiceStation:
    """A service position (服务阵地): a compound's station or a community or sub-district centre.

    Args:
        id: The station's id.
        name: Its name.
        place: The compound, community or sub-district it serves.
        kind: Compound station (党群服务站), community or sub-district centre.
        opened_on: When it opened, where known.

    Examples:
        >>> s = ServiceStation(
        ...     id="st-1", name="金安小区党群服务站", place="c-1", kind=StationKind.COMPOUND_STATION
        ... )
        >>> s.kind.value
        'compound_station'
    """

    id: str
    name: str
    place: str
    kind: StationKind
    opened_on: date | None = None


@attrs.frozen(kw_only=True)
class ServiceProject:
    """An online service project (线上服务项目) members sign up to and check in at on site.

    Examples:
        >>> ServiceProject(id="sp-1", name="敬老助餐", place="cm-1", held_on=date(2020, 10, 1)).place
        'cm-1'
    """

    id: str
    name: str
    place: str
    held_on: date


@attrs.frozen(kw_only=True)
class Activity:
    """A member activity on a day: one record type read by the points system and the rules.

    Args:
        id: The record's id; the same id twice is the same event.
        person: The member.
        kind: What the member did (theme party day, meeting, volunteer service, dues paid, ...).
        on: The day.
        ref: What the activity concerns, where it matters: the organisation that held a meeting,
            the service item done, the project signed up to or checked in at.
        hours: Hours spent, for volunteer service.

    Examples:
        >>> a = Activity(
        ...     id="ac-1", person="p-1", kind=ActivityKind.PROJECT_CHECK_IN, on=date(2020, 10, 1),
        ...     ref="sp-1",
        ... )
        >>> a.kind.value
        'project_check_in'
    """

    id: str
    person: str
    kind: ActivityKind
    on: date
    ref: str | None = None
    hours: float | None = attrs.field(
        default=None,
        converter=v.optional_float,
        validator=v.optional_non_negative,
    )
