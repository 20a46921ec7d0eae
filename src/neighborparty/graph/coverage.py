"""Coverage: how many compounds the party organisation reaches, per community and above.

As the seed defines them [建强-2]: *organisation coverage* counts the compounds covered by a
compound branch, of their own (standalone) or shared (joint); *work coverage* also counts the
compounds that a courtyard or grid branch, or a staffer the community dispatched, reaches.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Literal

import attrs

from neighborparty.errors import InvalidArgumentError
from neighborparty.graph.appointments import held
from neighborparty.model import City, Compound, OrgKind, Role

__all__ = ["Coverage", "coverage", "is_organized", "is_worked", "uncovered_compounds"]

Level = Literal["community", "subdistrict", "district", "city"]


@attrs.frozen(kw_only=True)
class Coverage:
    """Organisation and work coverage of the compounds of one place.

    Examples:
        >>> c = Coverage(place="cm-1", compounds=10, organized=9, worked=10)
        >>> c.organization_rate, c.work_rate
        (0.9, 1.0)
    """

    place: str
    compounds: int
    organized: int
    worked: int

    @property
    def organization_rate(self) -> float:
        """Organised compounds over compounds (1.0 for a place without compounds)."""
        return self.organized / self.compounds if self.compounds else 1.0

    @property
    def work_rate(self) -> float:
        """Worked compounds over compounds (1.0 for a place without compounds)."""
        return self.worked / self.compounds if self.compounds else 1.0


def is_organized(city: City, compound: str) -> bool:
    """Whether a compound branch, standalone or joint, covers the compound (组织覆盖).

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> is_organized(city, "c-east"), is_organized(city, "c-old")
        (True, False)
    """
    return any(o.kind is OrgKind.COMPOUND_BRANCH for o in city.branches_covering(compound))


def is_worked(city: City, compound: str, *, on: date | None = None) -> bool:
    """Whether party work reaches the compound (工作覆盖): any branch covers it, or a staffer the
    community dispatched serves it as compound secretary.

    Examples:
        >>> from neighborparty import examples
        >>> is_worked(examples.seed_city(), "c-old")   # reached only by a grid branch
        True
    """
    if city.branches_covering(compound):
        return True
    return any(
        post.role is Role.COMPOUND_SECRETARY and post.dispatched and held(post, on)
        for post in city.appointments_in(compound)
    )


_DEPTH: dict[str, int] = {"community": 0, "subdistrict": 1, "district": 2}


def _place_of(city: City, by: Level) -> Callable[[Compound], str]:
    if by == "city":
        return lambda c: city.id
    depth = _DEPTH.get(by)
    if depth is None:
        raise InvalidArgumentError(
            f"by must be 'community', 'subdistrict', 'district' or 'city', not {by!r}"
        )
    return lambda c: city.ancestors(c.id)[depth]


def coverage(city: City, *, by: Level = "community", on: date | None = None) -> dict[str, Coverage]:
    """Organisation and work coverage per community, sub-district, district, or for the city.

    Places appear in document order; a place without compounds is left out.

    Raises:
        InvalidArgumentError: ``by`` is not one of the four levels.

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> coverage(city, by="city")["xm-demo"]
        Coverage(place='xm-demo', compounds=4, organized=3, worked=4)
        >>> {k: v.organization_rate for k, v in coverage(city).items()}
        {'cm-jinan': 1.0, 'cm-old': 0.0}
    """
    place_of = _place_of(city, by)
    totals: dict[str, list[int]] = {}
    for compound in city.compounds:
        counts = totals.setdefault(place_of(compound), [0, 0, 0])
        counts[0] += 1
        counts[1] += is_organized(city, compound.id)
        counts[2] += is_worked(city, compound.id, on=on)
    return {
        place: Coverage(place=place, compounds=n, organized=org, worked=work)
        for place, (n, org, work) in totals.items()
    }


def uncovered_compounds(
    city: City, *, work: bool = False, on: date | None = None
) -> tuple[Compound, ...]:
    """The compounds no compound branch covers (or, with ``work=True``, that no work reaches).

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> [c.id for c in uncovered_compounds(city)], uncovered_compounds(city, work=True)
        (['c-old'], ())
    """
    if work:
        return tuple(c for c in city.compounds if not is_worked(city, c.id, on=on))
    return tuple(c for c in city.compounds if not is_organized(city, c.id))
