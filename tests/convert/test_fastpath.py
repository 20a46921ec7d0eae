"""The fast path of documents: it reads and writes what the converter does, and defers or
refuses whatever the converter refuses."""

import json
from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

import neighborparty as np_
from neighborparty import City, to_dict
from neighborparty.strategies import cities
from tests.convert._helpers import SEED_DOCUMENT, mutations


def read_both_ways(name: str, item: object) -> tuple[object, object]:
    """What the fast reader and the converter make of one item (an exception's type if they fail)."""
    from neighborparty.convert import _CONVERTER, _FAST_READERS

    cls = np_.model.COLLECTIONS[name]
    results: list[object] = []
    for read in (_FAST_READERS[cls], lambda x: _CONVERTER.structure(x, cls)):
        try:
            results.append(read(item))
        except Exception as exc:  # noqa: BLE001
            results.append(type(exc))
    return results[0], results[1]


@given(cities())
def test_the_fast_path_reads_every_well_formed_item_as_the_converter_does(city: City) -> None:
    for name, items in to_dict(city).items():
        if name in np_.model.COLLECTIONS:
            for item in items:
                fast, slow = read_both_ways(name, item)
                assert fast == slow


@given(mutations(SEED_DOCUMENT))
def test_the_fast_path_never_accepts_what_the_converter_refuses(data: dict[str, Any]) -> None:
    from neighborparty.convert._fastpath import Defer

    for name, items in data.items():
        if name in np_.model.COLLECTIONS and isinstance(items, list):
            for item in items:
                fast, slow = read_both_ways(name, item)
                if not isinstance(fast, type):
                    assert fast == slow
                else:
                    assert fast in (Defer, KeyError, np_.InvalidFieldError, TypeError)


@given(cities())
def test_the_fast_writer_writes_what_the_converter_writes(city: City) -> None:
    from neighborparty.convert import _CONVERTER

    doc = to_dict(city)
    for name in np_.model.COLLECTIONS:
        entities = getattr(city, name)
        assert doc.get(name, []) == [_CONVERTER.unstructure(e) for e in entities]


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


@given(cities())
def test_the_text_writer_writes_the_text_of_the_document(city: City) -> None:
    from neighborparty.convert._fastpath import fast_text_writer, fast_writer

    for cls in np_.model.COLLECTIONS.values():
        write, text = fast_writer(cls), fast_text_writer(cls)
        for entity in getattr(city, _name_of(cls)):
            assert text(entity) == _compact(write(entity))
    assert np_.to_json(city) == _compact(to_dict(city))
    assert np_.to_json(city, indent=2) == json.dumps(
        to_dict(city), ensure_ascii=False, indent=2, allow_nan=False
    )


@given(st.text(), st.text(), st.lists(st.text(), max_size=3, unique=True))
def test_any_text_is_written_as_json_writes_it(name: str, matter: str, covers: list[str]) -> None:
    city = np_.examples.seed_city()
    compound = attrs.evolve(city.compounds[0], name=name)
    whistle = attrs.evolve(city.whistles[0], matter=matter) if city.whistles else None
    organization = attrs.evolve(city.organizations[0], covers=tuple(covers))
    from neighborparty.convert._fastpath import fast_text_writer, fast_writer

    for entity in filter(None, (compound, whistle, organization)):
        cls = type(entity)
        assert fast_text_writer(cls)(entity) == _compact(fast_writer(cls)(entity))


def _name_of(cls: type) -> str:
    return next(n for n, c in np_.model.COLLECTIONS.items() if c is cls)


@given(cities())
def test_a_read_city_holds_one_string_per_id(city: City) -> None:
    from neighborparty.convert._fastpath import SHARED
    from neighborparty.model._references import REFS

    for read in (np_.from_dict(to_dict(city)), np_.from_json(np_.to_json(city))):
        assert read == city
        assert not SHARED  # forgotten once the document is read
        ids = {
            e.id: e.id
            for name in np_.model.COLLECTIONS
            if name != "appointments"
            for e in getattr(read, name)
        }
        for name, refs in REFS.items():
            for entity in getattr(read, name):
                if name != "appointments":
                    assert ids[entity.id] is entity.id
                for ref in refs:
                    for value in ref.values(entity):
                        assert value is ids[value], (name, ref.field, value)


def test_the_ids_are_forgotten_after_a_document_that_fails() -> None:
    from neighborparty.convert._fastpath import SHARED

    good = np_.to_json(np_.examples.seed_city())
    bad = good.replace('"households":120', '"households":"x"')
    assert bad != good
    try:
        np_.from_json(bad)
    except np_.DocumentError:
        pass
    else:
        raise AssertionError("the document should fail")
    assert not SHARED
