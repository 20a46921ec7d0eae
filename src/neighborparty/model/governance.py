"""Governance bodies (治理主体): owners' committees and votes, companies, units, whistles."""

from __future__ import annotations

from datetime import date
from typing import Any

import attrs

from neighborparty.errors import InvalidFieldError
from neighborparty.model import _validators as v
from neighborparty.model.enums import ElectionLead, MatterKind, UnitKind

__all__ = [
    "CoBuildingAgreement",
    "Deliberation",
    "OwnersCommittee",
    "OwnersVote",
    "PropertyCompany",
    "Unit",
    "Whistle",
]


@attrs.frozen(kw_only=True)
class OwnersCommittee:
    """One term of a compound's owners' committee (业主委员会, 业委会).

    A re-election starts a new record for the same compound. Its members are the people holding
    the ``OWNERS_*`` roles in it (see :class:`~neighborparty.Appointment`).

    Args:
        id: The committee term's id.
        compound: The compound whose owners elected it.
        term_start: First day of the term.
        term_end: Last day of the term, where recorded.
        election_led_by: Who led the preparation of the election (筹备), where recorded.

    Examples:
        >>> oc = OwnersCommittee(
        ...     id="oc-1",
        ...     compound="c-1",
        ...     term_start=date(2019, 6, 1),
        ...     term_end=date(2024, 5, 31),
        ...     election_led_by=ElectionLead.COMPOUND_BRANCH,
        ... )
        >>> oc.term_end.year - oc.term_start.year
        5
    """

    id: str
    compound: str
    term_start: date
    term_end: date | None = attrs.field(default=None, validator=v.after_start("term_start"))
    election_led_by: ElectionLead | None = None


@attrs.frozen(kw_only=True)
class PropertyCompany:
    """A property management company (物业公司) and the compounds it manages.

    Examples:
        >>> PropertyCompany(id="pm-1", name="安居物业", compounds=["c-1", "c-2"]).compounds
        ('c-1', 'c-2')
    """

    id: str
    name: str
    compounds: tuple[str, ...] = attrs.field(default=(), converter=v.ids, validator=v.unique_ids)
    party_organization: str | None = None


@attrs.frozen(kw_only=True)
class Unit:
    """A unit (单位) outside the residential system: municipal, resident or co-building.

    Args:
        id: The unit's id.
        name: Its name.
        kind: Municipal (市直), resident (驻区) or co-building (共建).
        community: The community it is linked to or lies in.
        reported_on: When its party organisation reported to that community (双报到), if it did.
        party_organization: The unit's own party organisation, if modelled.

    Examples:
        >>> u = Unit(id="u-1", name="市税务局", kind=UnitKind.MUNICIPAL, community="cm-1")
        >>> u.reported_on is None
        True
    """

    id: str
    name: str
    kind: UnitKind
    community: str | None = None
    reported_on: date | None = None
    party_organization: str | None = None


@attrs.frozen(kw_only=True)
class CoBuildingAgreement:
    """A co-building agreement (共建协议) between a unit and a party organisation.

    Examples:
        >>> CoBuildingAgreement(id="ag-1", unit="u-1", organization="br-1", signed_on=date(2020, 3, 1))
        CoBuildingAgreement(id='ag-1', unit='u-1', organization='br-1', signed_on=datetime.date(2020, 3, 1), ends_on=None)
    """

    id: str
    unit: str
    organization: str
    signed_on: date
    ends_on: date | None = attrs.field(default=None, validator=v.after_start("signed_on"))


def _at_most(other: str) -> Any:
    def check(instance: Any, attribute: attrs.Attribute[Any], value: float) -> None:
        limit = getattr(instance, other)
        if value > limit:
            raise InvalidFieldError(
                attribute.name, f"must not exceed {other} ({limit!r}), got {value!r}"
            )

    return check


@attrs.frozen(kw_only=True)
class OwnersVote:
    """An owners' vote (业主共同决定) on a matter of the compound, with its counts.

    民法典 art. 278 measures both by exclusive area and by number of owners: who took part, and
    who voted for.

    Args:
        id: The vote's id.
        compound: The compound whose owners voted.
        matter: Ordinary, or one of the items of art. 278.
        held_on: The day the vote closed.
        total_area: Exclusive area of the compound (m²).
        total_owners: Owners of the compound.
        participating_area: Exclusive area of the owners who took part.
        participating_owners: Owners who took part.
        area_for: Exclusive area of the owners who voted for.
        owners_for: Owners who voted for.
        title: What was decided, in words.

    Examples:
        >>> vote = OwnersVote(
        ...     id="v-1",
        ...     compound="c-1",
        ...     matter=MatterKind.USE_MAINTENANCE_FUND,
        ...     held_on=date(2020, 9, 1),
        ...     total_area=12000.0,
        ...     total_owners=120,
        ...     participating_area=9000.0,
        ...     participating_owners=90,
        ...     area_for=6000.0,
        ...     owners_for=61,
        ... )
        >>> vote.matter.is_major
        True
    """

    id: str
    compound: str
    matter: MatterKind
    held_on: date
    total_area: float = attrs.field(converter=v.as_float, validator=v.non_negative)
    total_owners: int = attrs.field(validator=v.non_negative)
    participating_area: float = attrs.field(
        converter=v.as_float, validator=[v.non_negative, _at_most("total_area")]
    )
    participating_owners: int = attrs.field(validator=[v.non_negative, _at_most("total_owners")])
    area_for: float = attrs.field(
        converter=v.as_float, validator=[v.non_negative, _at_most("participating_area")]
    )
    owners_for: int = attrs.field(validator=[v.non_negative, _at_most("participating_owners")])
    title: str = ""


@attrs.frozen(kw_only=True)
class Deliberation:
    """A branch's deliberation of a matter before the owners vote on it (党支部先议).

    Examples:
        >>> Deliberation(id="dl-1", organization="br-1", vote="v-1", held_on=date(2020, 8, 20)).vote
        'v-1'
    """

    id: str
    organization: str
    vote: str
    held_on: date


@attrs.frozen(kw_only=True)
class Whistle:
    """A compound "whistle" (小区吹哨): a problem raised for a department to answer (部门报到).

    Args:
        id: The whistle's id.
        compound: The compound that raised it.
        raised_on: When it was raised.
        matter: The problem, in words.
        department: The department it was addressed to, by name.
        answered_on: When the department answered, if it did.

    Examples:
        >>> w = Whistle(id="w-1", compound="c-1", raised_on=date(2020, 5, 1), matter="路灯不亮")
        >>> w.answered_on is None
        True
    """

    id: str
    compound: str
    raised_on: date
    matter: str = ""
    department: str | None = None
    answered_on: date | None = attrs.field(default=None, validator=v.after_start("raised_on"))
