"""People who bridge the organisation's parts."""

import neighborparty as np_
from neighborparty import City, graph


def test_bridging_people(city: City) -> None:
    assert graph.bridging_people(city, top=1) == (("p-chen", 3),)
    assert graph.bridging_people(np_.City(id="x", name="x")) == ()
