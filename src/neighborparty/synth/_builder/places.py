"""Places: a district of Xiamen's (or a repeat of one), its sub-districts and communities, the
compounds, their buildings and lanes."""

from __future__ import annotations

import math

from neighborparty.model import Community, CompoundKind, District, Subdistrict
from neighborparty.synth import names
from neighborparty.synth._builder.draft import (
    CityDraft,
    CompoundDraft,
    PartDraft,
    apportion,
    fraction,
)

__all__ = ["add_compounds", "add_places"]


_COMPOUNDS_PER_COMMUNITY = range(5, 16)
_COMPOUNDS_PER_COMMUNITY_WEIGHTS = (10, 14, 16, 15, 12, 9, 7, 5, 4, 3, 2)
_OTHER_KINDS: tuple[tuple[CompoundKind, float], ...] = (
    (CompoundKind.UNMANAGED, 0.66),
    (CompoundKind.RESETTLEMENT, 0.14),
    (CompoundKind.OLD_QUARTER, 0.20),
)
"""How compounds without property management divide among the other kinds."""
_HOUSEHOLDS: dict[CompoundKind, tuple[float, float]] = {
    CompoundKind.MANAGED: (655.0, 0.55),
    CompoundKind.UNMANAGED: (220.0, 0.6),
    CompoundKind.RESETTLEMENT: (440.0, 0.5),
    CompoundKind.OLD_QUARTER: (220.0, 0.5),
}
"""Median households and the log-normal sigma, by compound kind: about 540 households, 1 250
residents a compound and 10 000 a community on average, as the seed has it ("人口上万人"
[intro]; 374 communities held 3.7 of the 4.6 million urban residents of 七普 2020, the rest
living outside residential compounds, in collective households for one)."""
_MIN_HOUSEHOLDS = 40
_HOUSEHOLDS_PER_BUILDING: dict[CompoundKind, float] = {
    CompoundKind.MANAGED: 53.0,
    CompoundKind.UNMANAGED: 16.0,
    CompoundKind.RESETTLEMENT: 27.0,
    CompoundKind.OLD_QUARTER: 64.0,
}
"""Households of a building (楼栋（道）, a stairwell of a high-rise in a managed compound, a
low-rise block elsewhere) or of a lane of an old-town quarter."""
_LANES_PER_QUARTER = (2, 8)
"""The fewest and most lanes of an old-town quarter."""


def add_places(draft: CityDraft) -> None:
    """The district, its sub-districts (as many of the district's as its share of communities
    calls for) and its communities."""
    rng = draft.rng
    planned = draft.district
    spec, community_count = planned.spec, planned.communities
    suffix = names.copy_suffix(planned.copy)
    district = f"d-{planned.number}"
    draft.districts.append(District(id=district, name=spec.name + suffix))
    n_subdistricts = max(
        1,
        min(community_count, round(len(spec.subdistricts) * community_count / spec.communities)),
    )
    sizes = [
        community_count // n_subdistricts + (1 if j < community_count % n_subdistricts else 0)
        for j in range(n_subdistricts)
    ]
    rng.shuffle(sizes)
    longitude = spec.centre[0] + 0.6 * planned.copy
    for j, size in enumerate(sizes):
        subdistrict = draft.new_id("s", len(draft.subdistricts) + 1)
        draft.subdistricts.append(
            Subdistrict(
                id=subdistrict,
                name=names.repeated(spec.subdistricts, j) + suffix,
                district=district,
            )
        )
        draft.communities_of_subdistrict.append([])
        for _ in range(size):
            k = len(draft.communities)
            draft.communities.append(
                Community(
                    id=draft.new_id("cm", k + 1),
                    name=names.community_name(planned.community_offset + k),
                    subdistrict=subdistrict,
                )
            )
            draft.communities_of_subdistrict[-1].append(k)
            draft.community_centres.append(
                (longitude + rng.gauss(0, 0.02), spec.centre[1] + rng.gauss(0, 0.02))
            )
            draft.compounds_of_community.append([])


def add_compounds(draft: CityDraft) -> None:
    """Compounds, 5–15 per community, of each kind, with their buildings or lanes."""
    rng = draft.rng
    community_count = draft.community_count
    total = min(
        max(draft.quota(draft.targets.compounds), 5 * community_count), 15 * community_count
    )
    sizes = rng.choices(
        _COMPOUNDS_PER_COMMUNITY, _COMPOUNDS_PER_COMMUNITY_WEIGHTS, k=community_count
    )
    low, high = _COMPOUNDS_PER_COMMUNITY[0], _COMPOUNDS_PER_COMMUNITY[-1]
    diff = total - sum(sizes)
    while diff:
        i = rng.randrange(community_count)
        if diff > 0 and sizes[i] < high:
            sizes[i] += 1
            diff -= 1
        elif diff < 0 and sizes[i] > low:
            sizes[i] -= 1
            diff += 1
    managed = min(draft.quota(draft.targets.managed), total)
    others = apportion(total - managed, [share for _, share in _OTHER_KINDS])
    kinds = [CompoundKind.MANAGED] * managed
    for (kind, _), count in zip(_OTHER_KINDS, others, strict=True):
        kinds += [kind] * count
    rng.shuffle(kinds)
    for community, size in enumerate(sizes):
        longitude, latitude = draft.community_centres[community]
        for _ in range(size):
            index = len(draft.compounds)
            kind = kinds[index]
            median, sigma = _HOUSEHOLDS[kind]
            households = max(_MIN_HOUSEHOLDS, round(rng.lognormvariate(math.log(median), sigma)))
            name = names.compound_name(rng, kind, index)
            coordinates = (
                round(longitude + rng.gauss(0, 0.004), 5),
                round(latitude + rng.gauss(0, 0.004), 5),
            )
            compound = CompoundDraft(
                index, draft.new_id("c", index + 1), name, community, kind, households, coordinates
            )
            draft.compounds.append(compound)
            draft.compounds_of_community[community].append(index)
            _add_parts(draft, compound)


def _add_parts(draft: CityDraft, compound: CompoundDraft) -> None:
    """A compound's buildings (about fifty households each when managed, fifteen to thirty
    elsewhere), or an old quarter's lanes."""
    rng = draft.rng
    is_lane = compound.kind is CompoundKind.OLD_QUARTER
    per_part = _HOUSEHOLDS_PER_BUILDING[compound.kind]
    part_count = round(compound.households / per_part * fraction(rng, 0.8, 1.25))
    fewest, most = _LANES_PER_QUARTER if is_lane else (1, compound.households)
    part_count = min(max(part_count, fewest), most)
    base, extra = divmod(compound.households, part_count)
    for j in range(part_count):
        households = base + (1 if j < extra else 0)
        if is_lane:
            id = draft.new_id("ln", len(draft.parts) + 1)
            name = names.lane_name(rng)
        else:
            id = draft.new_id("b", len(draft.parts) + 1)
            name = names.building_name(j)
        compound.parts.append(len(draft.parts))
        draft.parts.append(PartDraft(id, name, compound.index, households, is_lane))
