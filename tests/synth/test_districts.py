"""A synthetic city drawn district by district: one district built alone is the district's part
of the whole city, and the whole is its districts one after another."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neighborparty import City, synth
from neighborparty.errors import InvalidArgumentError
from neighborparty.model import COLLECTIONS
from neighborparty.scenarios import partition
from neighborparty.synth._builder.plan import CityPlan
from neighborparty.synth.targets import YEAR_TARGETS

_RECIPES = st.tuples(
    st.integers(0, 2**16),
    st.sampled_from([0.004, 0.01, 0.02, 0.035]),
    st.sampled_from(sorted(YEAR_TARGETS)),
)


@settings(max_examples=15, deadline=None)
@given(recipe=_RECIPES)
def test_a_district_built_alone_is_its_part_of_the_whole_city(
    recipe: tuple[int, float, int],
) -> None:
    seed, scale, year = recipe
    whole = synth.city(seed=seed, scale=scale, year=year)
    ids = synth.district_ids(scale=scale, year=year)
    assert ids == tuple(d.id for d in whole.districts)
    parts = partition(whole, by="district")
    alone = [synth.district_city(seed=seed, scale=scale, year=year, district=d) for d in ids]
    for part, district in zip(parts, alone, strict=True):
        assert district == part.city
    # The whole city is its districts, collection by collection, in the districts' order.
    for collection in COLLECTIONS:
        assert tuple(getattr(whole, collection)) == tuple(
            e for district in alone for e in getattr(district, collection)
        ), collection


def test_no_entity_of_a_district_names_one_of_another(small: City) -> None:
    parts = partition(small, by="district")
    for part in parts:
        # A part's halo is what its entities name outside it: nothing, in a synthetic city.
        assert {d.id for d in part.city.districts} == {part.place}
        assert part.owned >= {e.id for e in part.city.people}


def test_the_districts_shares_add_up_to_the_citys_counts() -> None:
    for scale in (0.01, 0.1, 1, 2.5, 30):
        plan = CityPlan(scale, YEAR_TARGETS[2020])
        assert sum(d.communities for d in plan.districts) == plan.community_count
        for count in (440, 1400, 81_000, 7):
            shares = [plan.share(count, d.number) for d in plan.districts]
            assert sum(shares) == plan.quota(count)
            assert max(shares) - min(shares) <= plan.quota(count)
            assert plan.before(count, len(shares)) == sum(shares[:-1])


def test_ids_name_their_district_and_repeat_nowhere(small: City) -> None:
    seen: set[str] = set()
    for collection in COLLECTIONS:
        if collection == "appointments":
            continue
        for entity in getattr(small, collection):
            assert entity.id not in seen
            seen.add(entity.id)
    district_of = {s.id: s.district for s in small.subdistricts}
    for community in small.communities:
        number = district_of[community.subdistrict].removeprefix("d-")
        assert community.id.startswith(f"cm-{number}.")
    assert len({c.name for c in small.communities}) == len(small.communities)


def test_a_province_has_its_districts_repeated() -> None:
    ids = synth.district_ids(scale=30)
    assert len(ids) == 180
    assert (ids[0], ids[-1]) == ("d-1", "d-180")
    one = synth.district_city(seed=0, scale=0.05, district="d-6")
    assert [d.name for d in one.districts] == ["翔安区"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"district": "d-7"}, "one of the city's 6 districts, 'd-1' to 'd-6', not 'd-7'"),
        ({"district": 3}, "not 3"),
        ({"district": "d-1", "year": 2021}, "year must be one of 2020, 2024, got 2021"),
        ({"district": "d-1", "scale": -1}, "scale must be a positive finite number, got -1"),
    ],
)
def test_bad_arguments_are_named(kwargs: dict[str, object], message: str) -> None:
    arguments: dict[str, object] = {"scale": 0.02, **kwargs}
    with pytest.raises(InvalidArgumentError, match=message):
        synth.district_city(**arguments)  # type: ignore[arg-type]
