"""Places (行政与空间): districts down to buildings, lanes and courtyard grids.

Each place names its parent place by id, so the place tree is the chain
building → compound → community → sub-district → district.
"""

from __future__ import annotations

import attrs

from neighborparty.model import _validators as v
from neighborparty.model.enums import CompoundKind

__all__ = ["Building", "Community", "Compound", "District", "Grid", "Lane", "Subdistrict"]


@attrs.frozen(kw_only=True)
class District:
    """A district (区) of the city, e.g. Siming (思明区) or Huli (湖里区).

    Examples:
        >>> District(id="d-siming", name="思明区")
        District(id='d-siming', name='思明区')
    """

    id: str
    name: str


@attrs.frozen(kw_only=True)
class Subdistrict:
    """A sub-district (街道) of a district.

    Examples:
        >>> Subdistrict(id="s-1", name="江头街道", district="d-huli").district
        'd-huli'
    """

    id: str
    name: str
    district: str


@attrs.frozen(kw_only=True)
class Community:
    """An urban community (社区): 1–2 km², 5–15 compounds, ten thousand people or more.

    Examples:
        >>> Community(id="cm-1", name="金安社区", subdistrict="s-1").subdistrict
        's-1'
    """

    id: str
    name: str
    subdistrict: str


@attrs.frozen(kw_only=True)
class Compound:
    """A residential compound (小区): the level where the seed's party work happens.

    Args:
        id: The compound's id.
        name: Its name.
        community: The community it lies in.
        households: Households (户) living in it; 100 is a formation threshold.
        kind: What kind of compound it is (managed, resettlement, unmanaged, old quarter).
        residents: People living in it, where known.
        coordinates: ``(longitude, latitude)``, where known; used to find neighbours.

    Examples:
        >>> c = Compound(
        ...     id="c-1", name="金安小区", community="cm-1", households=120, kind=CompoundKind.MANAGED
        ... )
        >>> c.households, c.kind.value
        (120, 'managed')
        >>> Compound(id="c-2", name="x", community="cm-1", households=-1, kind=CompoundKind.MANAGED)
        Traceback (most recent call last):
        ...
        neighborparty.errors.InvalidFieldError: households: must be >= 0, got -1
    """

    id: str
    name: str
    community: str
    households: int = attrs.field(validator=v.non_negative)
    kind: CompoundKind
    residents: int | None = attrs.field(default=None, validator=v.optional_non_negative)
    coordinates: tuple[float, float] | None = attrs.field(
        default=None, converter=v.float_pair, validator=v.finite_pair
    )


@attrs.frozen(kw_only=True)
class Building:
    """A building or stairwell (楼栋（道）) of a compound: the unit of a building party group.

    Examples:
        >>> Building(id="b-1", compound="c-1", households=24).households
        24
    """

    id: str
    compound: str
    households: int = attrs.field(validator=v.non_negative)
    name: str = ""
    residents: int | None = attrs.field(default=None, validator=v.optional_non_negative)


@attrs.frozen(kw_only=True)
class Lane:
    """A street or lane (街巷) of an old-town quarter: the unit of a lane party group.

    Examples:
        >>> Lane(id="ln-1", name="大同路", compound="c-old", households=60).compound
        'c-old'
    """

    id: str
    name: str
    compound: str
    households: int = attrs.field(validator=v.non_negative)
    residents: int | None = attrs.field(default=None, validator=v.optional_non_negative)


@attrs.frozen(kw_only=True)
class Grid:
    """A courtyard grid (院落网格) drawn over open or loosely managed compounds of a community.

    A courtyard or grid branch covers grids; through a grid it reaches the compounds the grid
    spans.

    Examples:
        >>> g = Grid(id="g-1", name="一网格", community="cm-1", compounds=["c-3", "c-4"])
        >>> g.compounds
        ('c-3', 'c-4')
    """

    id: str
    name: str
    community: str
    compounds: tuple[str, ...] = attrs.field(default=(), converter=v.ids, validator=v.unique_ids)
