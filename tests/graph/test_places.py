"""Places: the nearest compounds, and the stations serving a compound."""

import attrs
import pytest

import neighborparty as np_
from neighborparty import City, graph


def test_nearest_compounds_prefers_distance_when_known(city: City) -> None:
    placed = [
        attrs.evolve(city.get("c-jinan"), coordinates=(0.0, 0.0)),
        attrs.evolve(city.get("c-east"), coordinates=(5.0, 0.0)),
        attrs.evolve(city.get("c-west"), coordinates=(1.0, 1.0)),
    ]
    edited = city.with_updates(compounds=placed)
    assert [c.id for c in graph.nearest_compounds(edited, "c-jinan", 2)] == ["c-west", "c-east"]
    assert graph.nearest_compounds(city, "c-jinan", 0) == ()
    with pytest.raises(ValueError, match="negative"):
        graph.nearest_compounds(city, "c-jinan", -1)


def test_service_circle(city: City) -> None:
    centre = np_.ServiceStation(
        id="st-s", name="x", place="s-1", kind=np_.StationKind.SUBDISTRICT_CENTRE
    )
    edited = city.with_updates(stations=[centre])
    assert [s.id for s in graph.service_circle(edited, "c-jinan")] == [
        "st-jinan",
        "st-cm-jinan",
        "st-s",
    ]
    assert [s.id for s in graph.service_circle(edited, "c-old")] == ["st-s"]
