"""The plan of a city: which districts it has and what share of every count each draws.

A city is built district by district, each from a random stream of its own
(:class:`~neighborparty.synth._builder.draft.CityDraft`), so that one district can be built
without the others. What ties the districts together is settled here before any draw: the
districts and their communities, and each count of the targets split among them in proportion
to their communities (largest remainder), so that the districts' shares add up to the city's
count exactly. Nothing here is random.
"""

from __future__ import annotations

import attrs

from neighborparty.synth._builder.draft import apportion
from neighborparty.synth.targets import YearTargets

__all__ = ["DISTRICTS", "CityPlan", "DistrictSpec", "PlannedDistrict"]


@attrs.frozen(kw_only=True)
class DistrictSpec:
    name: str
    communities: int
    """Its communities in 2020, out of 374."""
    subdistricts: tuple[str, ...]
    centre: tuple[float, float]


DISTRICTS: tuple[DistrictSpec, ...] = (
    DistrictSpec(
        name="思明区",
        communities=98,
        subdistricts=(
            "中华街道",
            "滨海街道",
            "鹭江街道",
            "开元街道",
            "梧村街道",
            "筼筜街道",
            "莲前街道",
            "嘉莲街道",
            "鼓浪屿街道",
            "厦港街道",
        ),
        centre=(118.11, 24.46),
    ),
    DistrictSpec(
        name="湖里区",
        communities=62,
        subdistricts=("湖里街道", "殿前街道", "禾山街道", "江头街道", "金山街道"),
        centre=(118.15, 24.51),
    ),
    DistrictSpec(
        name="集美区",
        communities=60,
        subdistricts=("集美街道", "侨英街道", "杏林街道", "杏滨街道", "灌口镇", "后溪镇"),
        centre=(118.10, 24.58),
    ),
    DistrictSpec(
        name="海沧区",
        communities=42,
        subdistricts=("海沧街道", "新阳街道", "嵩屿街道", "东孚街道"),
        centre=(118.03, 24.48),
    ),
    DistrictSpec(
        name="同安区",
        communities=62,
        subdistricts=("大同街道", "祥平街道", "西柯街道", "新民街道", "五显镇", "洪塘镇"),
        centre=(118.15, 24.73),
    ),
    DistrictSpec(
        name="翔安区",
        communities=50,
        subdistricts=("新店街道", "香山街道", "金海街道", "凤翔街道", "民安街道"),
        centre=(118.25, 24.62),
    ),
)
"""Xiamen's six districts: their names, communities, sub-districts and centres."""


@attrs.frozen(kw_only=True)
class PlannedDistrict:
    """One district of a city's plan: which of Xiamen's districts it repeats, which copy, and
    its communities."""

    number: int
    """Its number in the city, from 1 (its id is ``d-<number>``)."""
    spec: DistrictSpec
    copy: int
    """0 for Xiamen's own district, 1 for the first repeat (``思明区·2``) ..."""
    communities: int
    community_offset: int
    """The communities of the districts before it."""


class CityPlan:
    """The districts of a city of ``scale`` and each district's share of every count.

    Examples:
        >>> from neighborparty.synth.targets import YEAR_TARGETS
        >>> plan = CityPlan(0.1, YEAR_TARGETS[2020])
        >>> [(d.number, d.spec.name, d.communities) for d in plan.districts]
        [(1, '思明区', 10), (2, '湖里区', 6), (3, '集美区', 6), (4, '海沧区', 4), (5, '同安区', 6), (6, '翔安区', 5)]
        >>> [plan.share(440, d) for d in (1, 2, 3, 4, 5, 6)], plan.quota(440)
        ([12, 7, 7, 5, 7, 6], 44)
        >>> plan.before(440, 3)
        19
    """

    def __init__(self, scale: float, targets: YearTargets) -> None:
        self.community_count = max(1, round(targets.communities * scale))
        self.factor = self.community_count / targets.communities
        """The number of communities relative to the targets': counts are scaled by it."""
        copies = max(1, round(self.community_count / targets.communities))
        slots = [(spec, copy) for copy in range(copies) for spec in DISTRICTS]
        counts = apportion(self.community_count, [spec.communities for spec, _ in slots])
        districts: list[PlannedDistrict] = []
        offset = 0
        for (spec, copy), communities in zip(slots, counts, strict=True):
            if communities:
                districts.append(
                    PlannedDistrict(
                        number=len(districts) + 1,
                        spec=spec,
                        copy=copy,
                        communities=communities,
                        community_offset=offset,
                    )
                )
                offset += communities
        self.districts: tuple[PlannedDistrict, ...] = tuple(districts)
        self._weights = [d.communities for d in districts]
        self._shares: dict[int, list[int]] = {}

    def quota(self, count: float) -> int:
        """A count of the targets, scaled to the whole city."""
        return round(count * self.factor)

    def _split(self, count: float) -> list[int]:
        total = self.quota(count)
        shares = self._shares.get(total)
        if shares is None:
            shares = self._shares[total] = apportion(total, self._weights)
        return shares

    def share(self, count: float, number: int) -> int:
        """District ``number``'s share of a count of the targets (the shares add up to
        :meth:`quota`)."""
        return self._split(count)[number - 1]

    def before(self, count: float, number: int) -> int:
        """The shares of a count that the districts before ``number`` draw."""
        return sum(self._split(count)[: number - 1])
