"""Edits of a City: with_updates replaces and appends, without removes what cannot stand alone."""

from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import neighborparty as np_
from neighborparty import City, IntegrityError
from neighborparty.strategies import cities


def test_with_updates_replaces_in_place_and_appends_new(city: City) -> None:
    renamed = attrs.evolve(city.get("c-east"), name="新东苑")
    added = np_.Compound(
        id="c-new", name="新", community="cm-old", households=10, kind=np_.CompoundKind.UNMANAGED
    )
    edited = city.with_updates(compounds=[renamed, added])
    assert [c.id for c in edited.compounds] == ["c-jinan", "c-east", "c-west", "c-old", "c-new"]
    assert edited.get("c-east").name == "新东苑"  # type: ignore[union-attr]
    assert city.get("c-east").name == "东苑"  # type: ignore[union-attr]


def test_with_updates_matches_appointments_on_person_body_role_start(city: City) -> None:
    first = city.appointments[0]
    ended = attrs.evolve(first, end=date(2021, 1, 1))
    edited = city.with_updates(appointments=[ended])
    assert edited.appointments[0] == ended
    assert len(edited.appointments) == len(city.appointments)


def test_with_updates_refuses_unknown_collections(city: City) -> None:
    with pytest.raises(TypeError, match="no collection 'streets'"):
        city.with_updates(streets=[])


def test_without_removes_what_cannot_stand_alone(city: City) -> None:
    smaller = city.without(["c-west"])
    gone = {"c-west", "b-west-1", "p-sun", "p-ma"}
    assert not any(i in smaller for i in gone)
    assert all(a.body != "c-west" and a.person not in gone for a in smaller.appointments)
    assert smaller.get("br-joint").covers == ("c-east",)  # type: ignore[union-attr]


def test_without_leaves_optional_references_to_the_caller(city: City) -> None:
    with pytest.raises(
        IntegrityError, match=r"people\[0\].party.registered_in(.|\n)*people\[3\].party.managed_in"
    ):
        city.without(["br-jinan"])


def test_without_an_unknown_id_raises(city: City) -> None:
    with pytest.raises(np_.UnknownIdError):
        city.without(["ghost"])


@given(cities(), st.data())
def test_without_never_leaves_a_required_reference_dangling(
    city: City, data: st.DataObject
) -> None:
    ids = [e.id for e in city.compounds] + [e.id for e in city.people]
    chosen = data.draw(st.lists(st.sampled_from(ids), unique=True, max_size=3))
    try:
        smaller = city.without(chosen)
    except IntegrityError as err:
        # Only optional references may be left for the caller.
        optional = (
            ".managed_in",
            ".reported_to",
            ".parent",
            ".party_organization",
            ".community",
            ".ref",
        )
        assert all(p.path.endswith(optional) for p in err.problems), err
    else:
        assert not any(i in smaller for i in chosen)
