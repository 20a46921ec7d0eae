"""The organisation: the chain of command above a place, and an organisation's members."""

import pytest

import neighborparty as np_
from neighborparty import City, graph


def test_chain_of_command_and_members(city: City) -> None:
    assert [o.id for o in graph.chain_of_command(city, "c-west")] == [
        "br-joint",
        "cc-jinan",
        "swc-1",
    ]
    assert [o.id for o in graph.chain_of_command(city, "ln-datong")] == [
        "grp-datong",
        "br-grid-old",
        "cc-old",
        "swc-1",
    ]
    assert graph.chain_of_command(city, "p-zhou") == ()
    assert [p.id for p in graph.members_of(city, "br-jinan", managed=False)] == [
        "p-lin",
        "p-chen",
        "p-wang",
    ]
    with pytest.raises(np_.UnknownIdError):
        graph.members_of(city, "c-jinan")


def test_members_of_an_organisation_are_the_citys_in_document_order() -> None:
    """One definition: the graph's members of one organisation are ``City.members_of``'s."""
    import attrs

    from neighborparty import examples
    from neighborparty.graph import members_of

    city = examples.seed_city()
    zhao = city.get("p-zhao")
    first = attrs.evolve(city, people=(zhao, *(p for p in city.people if p.id != "p-zhao")))
    assert members_of(first, "br-jinan", recursive=False) == first.members_of("br-jinan")
    assert next(p.id for p in first.members_of("br-jinan")) == "p-zhao"
