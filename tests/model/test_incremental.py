"""Edits at the cost of the edit: a City made by a chain of edits is the City built anew from
its parts, and an edit that breaks the city raises the error the new City raises."""

from typing import Any

import attrs
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from neighborparty import City, IntegrityError, examples
from neighborparty.model import COLLECTIONS, _edits, _integrity, _patch
from neighborparty.model._references import REFS
from neighborparty.model.city import _built
from neighborparty.strategies import cities


def _fields(city: City) -> dict[str, Any]:
    return {f.name: getattr(city, f.name) for f in attrs.fields(City) if f.init}


def _anew(city: City, updates: dict[str, list[Any]]) -> City:
    """The City with_updates makes, built from its parts by the constructor, which checks all."""
    changes, _ = _edits.updating(city, updates)
    return City(**{**_fields(city), **changes})


def _anew_without(city: City, ids: list[str]) -> City:
    """The City without makes, found by scanning every collection and built by the
    constructor, which checks all."""
    kept, _ = _edits.removing(city, ids)
    return City(**{**_fields(city), **kept})


@st.composite
def _updates(draw: st.DrawFn, city: City) -> dict[str, list[Any]]:
    """Entities of a city replaced or added: a field set to another entity's value of the same
    collection, a reference pointed at any id (or none), an entity copied under a new, an empty
    or a taken id."""
    ids = [e.id for name in COLLECTIONS if name != "appointments" for e in getattr(city, name)]
    updates: dict[str, list[Any]] = {}
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from([n for n in COLLECTIONS if getattr(city, n)]))
        entities = getattr(city, name)
        entity = draw(st.sampled_from(entities))
        how = draw(st.sampled_from(["field", "reference", "copy"]))
        if how == "copy" and name != "appointments":
            new_id = draw(st.sampled_from(["", "fresh-1", "fresh-2", *ids[:5], city.id]))
            entity = attrs.evolve(entity, id=new_id)
        elif how == "reference" and REFS.get(name):
            ref = draw(st.sampled_from(REFS[name]))
            outer, _, inner = ref.field.partition(".")
            value: Any = draw(st.sampled_from(["ghost", *ids]))
            if ref.many:
                value = (value,)
            if inner:
                holder = getattr(entity, outer)
                if holder is None:
                    continue
                entity = attrs.evolve(entity, **{outer: attrs.evolve(holder, **{inner: value})})
            else:
                entity = attrs.evolve(entity, **{outer: value})
        else:
            other = draw(st.sampled_from(entities))
            field = draw(st.sampled_from([f.name for f in attrs.fields(type(entity))]))
            try:
                entity = attrs.evolve(entity, **{field: getattr(other, field)})
            except (ValueError, TypeError):  # a field validator refuses the mix: skip it
                continue
        updates.setdefault(name, []).append(entity)
    return updates


def _same_answers(edited: City, anew: City) -> None:
    """The lookups of an edited City (sharing its parent's indexes) answer as a new City's."""
    assert edited == anew
    assert dict(edited._where) == anew._where
    assert edited._children == anew._children
    assert edited._residents == anew._residents
    assert edited._members == anew._members
    assert edited._members_of == anew._members_of
    assert edited._branch_of == anew._branch_of
    assert edited._appointments == anew._appointments
    assert edited._covering == anew._covering
    assert edited._suborganizations == anew._suborganizations
    assert edited._committees_of == anew._committees_of
    for collection, refs in REFS.items():
        for ref in refs:
            assert edited._referring(collection, ref.field) == anew._referring(
                collection, ref.field
            )


@given(cities(max_size=3), st.data())
def test_an_edit_chain_is_the_city_built_anew_with_the_same_errors(
    city: City, data: st.DataObject
) -> None:
    """Whether an edit's lookups stay patches over the parent's or are made plain tables again
    (:mod:`neighborparty.model._patch`), the chain answers as the cities built anew."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_patch, "_FLAT_AT", data.draw(st.sampled_from([0, 1024]), label="flat at"))
        _edit_chain(city, data)


def _edit_chain(city: City, data: st.DataObject) -> None:
    current = city
    chain = [city]  # an edited City holds its parent weakly: keep them for edits_since
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        if data.draw(st.booleans(), label="remove"):
            ids = [
                e.id
                for name in COLLECTIONS
                if name != "appointments"
                for e in getattr(current, name)
            ]
            if not ids:
                continue
            chosen = data.draw(st.lists(st.sampled_from(ids), unique=True, min_size=1, max_size=3))
            try:
                expected_removal: City | IntegrityError = _anew_without(current, chosen)
            except IntegrityError as error:
                expected_removal = error
            _share_some_indexes(current)
            try:
                smaller = current.without(chosen)
            except IntegrityError as error:
                assert isinstance(expected_removal, IntegrityError), error
                assert error.problems == expected_removal.problems
                event("a removal raises")
                continue
            assert not isinstance(expected_removal, IntegrityError), expected_removal
            event(
                "a removal cascades"
                if len(smaller.edits_since(current) or ()) > len(chosen)
                else "a removal"
            )
            _same_answers(smaller, expected_removal)
            assert list(smaller.edits_since(current) or ()) == _edits.removing(current, chosen)[1]
            current = smaller
            chain.append(current)
            continue
        updates = data.draw(_updates(current), label="updates")
        try:
            expected: City | IntegrityError = _anew(current, updates)
        except IntegrityError as error:
            expected = error
        _share_some_indexes(current)
        try:
            edited = current.with_updates(**updates)
        except IntegrityError as error:
            assert isinstance(expected, IntegrityError), error
            assert error.problems == expected.problems
            continue
        assert not isinstance(expected, IntegrityError), expected
        _same_answers(edited, expected)
        _same_answers(current, City(**_fields(current)))  # the parent's lookups left as they were
        assert edited.edits_since(city) is not None
        current = edited
        chain.append(current)


def _share_some_indexes(city: City) -> None:
    """Build the parent's indexes, so that an edit has something to share."""
    city._children, city._residents, city._members, city._covering, city._suborganizations
    city._appointment_positions
    for collection, refs in REFS.items():
        for ref in refs:
            city._referring(collection, ref.field)


@given(cities(max_size=3), st.data())
def test_the_quick_proof_never_passes_a_city_that_does_not_fit(
    city: City, data: st.DataObject
) -> None:
    updates = data.draw(_updates(city))
    changes, _ = _edits.updating(city, updates)
    parts = {k: v for k, v in {**_fields(city), **changes}.items() if k not in ("id", "name")}
    candidate = City._unchecked(id=city.id, name=city.name, **parts)
    where: dict[str, int] = {}
    object.__setattr__(candidate, "_where", where)
    if _integrity._problems(candidate, where):
        assert not _integrity.fits(candidate)


def test_an_edit_of_an_unchecked_slice_is_checked_in_full(city: City) -> None:
    part = City._unchecked(id="x", name="x", compounds=city.compounds[:1])
    with pytest.raises(IntegrityError, match="no community"):
        part.with_updates(compounds=[attrs.evolve(city.compounds[0], households=1)])


def test_a_removal_narrowing_a_branch_rechecks_its_groups() -> None:
    city = examples.seed_city()
    branch = city.get("br-grid-old")
    wider = city.with_updates(organizations=[attrs.evolve(branch, covers=("g-old", "c-jinan"))])
    with pytest.raises(IntegrityError) as raised:
        wider.without(["g-old"])
    with pytest.raises(IntegrityError) as anew:
        _anew_without(wider, ["g-old"])
    assert raised.value.problems == anew.value.problems
    assert "'ln-datong' belongs to compound 'c-old'" in str(raised.value)


def test_a_removal_keeps_the_indexes_it_leaves_alone() -> None:
    city = examples.seed_city()
    city._children, city._suborganizations
    smaller = city.without(["cl-1"])
    assert smaller._children is city._children
    assert smaller._suborganizations is city._suborganizations
    assert dict(smaller._where) == City(**_fields(smaller))._where


def test_an_update_patches_the_referring_indexes_it_changes() -> None:
    city = examples.seed_city()
    for collection, refs in REFS.items():
        for ref in refs:
            city._referring(collection, ref.field)
    person = city.get("p-lin")
    moved = attrs.evolve(person, home="b-jinan-2" if person.home != "b-jinan-2" else "b-jinan-1")
    covers = attrs.evolve(city.get("br-joint"), covers=("c-west",))
    edited = city.with_updates(people=[moved], organizations=[covers])
    assert ("people", "home") in edited._referring_indexes  # patched, not dropped
    anew = City(**_fields(edited))
    _same_answers(edited, anew)
    smaller = edited.without(["c-west"])
    _same_answers(smaller, _anew_without(edited, ["c-west"]))


def test_an_index_the_parent_builds_after_an_edit_is_patched_for_the_edited_city() -> None:
    city = examples.seed_city()
    person = city.get("p-lin")
    moved = attrs.evolve(person, home="b-jinan-2" if person.home != "b-jinan-2" else "b-jinan-1")
    edited = city.with_updates(people=[moved])
    smaller = edited.without(["cl-1"])
    built = city._referring("people", "home")  # after the edits
    patched = edited._referring("people", "home")
    assert patched == City(**_fields(edited))._referring("people", "home")
    untouched = next(k for k in built if person.home != k and moved.home != k)
    assert patched[untouched] is built[untouched]  # taken from the parent, not rebuilt
    assert smaller._referring("people", "home") == patched


def test_an_update_moving_nothing_patches_the_lookups_of_residents_members_and_posts() -> None:
    city = examples.seed_city()
    city._residents, city._members, city._covering, city._appointments
    lin = city.get("p-lin")
    shown = attrs.evolve(lin, party=attrs.evolve(lin.party, identity_shown=False))  # type: ignore[type-var]
    branch = attrs.evolve(city.get("br-jinan"), elected_on=None)
    compound = attrs.evolve(city.get("c-jinan"), households=500)
    post = attrs.evolve(city.appointments[0], person="p-chen")
    edited = city.with_updates(
        people=[shown], organizations=[branch], compounds=[compound], appointments=[post]
    )
    patched = {"_residents", "_members", "_covering", "_appointments"}
    assert patched <= _built(edited)  # patched by the update, not left to be built anew
    assert edited.residents("c-jinan")[0] is shown
    assert edited.members_registered_in("br-jinan")[0] is shown
    assert branch in edited.organizations_covering("c-jinan")
    assert post in edited.appointments_of("p-chen")
    _same_answers(edited, City(**_fields(edited)))
    moved = city.with_updates(people=[attrs.evolve(lin, home="b-jinan-2")])
    assert "_residents" not in _built(moved)  # a home moved: built anew when asked
    _same_answers(moved, City(**_fields(moved)))
