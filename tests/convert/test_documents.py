"""Documents: lossless round trips, strict reading, and errors that name every problem."""

import copy
import json
from typing import Any

import pytest
from hypothesis import given

from neighborparty import (
    City,
    DocumentError,
    IntegrityError,
    examples,
    from_dict,
    from_json,
    to_dict,
    to_json,
)
from neighborparty.strategies import cities
from tests.convert._helpers import SEED_DOCUMENT, json_values, mutations


@pytest.fixture
def doc() -> dict[str, Any]:
    return to_dict(examples.seed_city())


def problems(data: object) -> list[str]:
    with pytest.raises(DocumentError) as info:
        from_dict(data)  # type: ignore[arg-type]
    assert isinstance(info.value, ValueError)
    return [str(p) for p in info.value.problems]


# --------------------------------------------------------------------------- round trips


def test_the_seed_city_round_trips_through_dicts_and_json() -> None:
    city = examples.seed_city()
    assert from_dict(to_dict(city)) == city
    assert from_json(to_json(city)) == city
    assert from_json(to_json(city, indent=2).encode()) == city


def test_documents_are_plain_json_data(doc: dict[str, Any]) -> None:
    assert json.loads(json.dumps(doc)) == doc
    assert doc["compounds"][3] == {
        "id": "c-old",
        "name": "大同路片区",
        "community": "cm-old",
        "households": 200,
        "kind": "old_quarter",
    }
    assert doc["appointments"][10] == {
        "person": "p-ye",
        "body": "c-east",
        "role": "compound_secretary",
        "start": "2019-06-01",
        "dispatched": True,
    }


def test_defaults_and_empty_collections_may_be_left_out() -> None:
    city = from_dict({"format_version": 1, "id": "x", "name": "x"})
    assert city == City(id="x", name="x")
    assert to_dict(city) == {"format_version": 1, "id": "x", "name": "x"}


@given(cities())
def test_round_trip_through_dicts(city: City) -> None:
    assert from_dict(to_dict(city)) == city


@given(cities())
def test_round_trip_through_json_text(city: City) -> None:
    text = to_json(city)
    assert from_json(text) == city
    assert to_json(from_json(text)) == text


@given(cities())
def test_to_dict_does_not_share_state_with_the_city(city: City) -> None:
    doc = to_dict(city)
    before = copy.deepcopy(doc)
    assert from_dict(doc) == city
    assert doc == before


# --------------------------------------------------------------------------- strict reading


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("compounds", 0, "households"), "120", "compounds[0].households: expected int, got str"),
        (("compounds", 0, "households"), 120.0, "compounds[0].households: expected int, got float"),
        (("compounds", 0, "households"), True, "compounds[0].households: expected int, got bool"),
        (("compounds", 0, "households"), -1, "compounds[0].households: must be >= 0, got -1"),
        (("compounds", 0, "name"), 5, "compounds[0].name: expected str, got int"),
        (
            ("compounds", 0, "kind"),
            "Managed",
            "compounds[0].kind: expected one of 'managed', 'resettlement', 'unmanaged', 'old_quarter', got 'Managed'",
        ),
        (
            ("compounds", 0, "coordinates"),
            [1.0],
            "compounds[0].coordinates: expected an array of 2 items, got 1",
        ),
        (
            ("compounds", 0, "coordinates"),
            [1.0, "2"],
            "compounds[0].coordinates[1]: expected number, got str",
        ),
        (
            ("appointments", 0, "start"),
            "2019-6-1",
            "appointments[0].start: expected a date as YYYY-MM-DD, got '2019-6-1'",
        ),
        (
            ("appointments", 0, "start"),
            "2019-02-30",
            "appointments[0].start: not a calendar date: '2019-02-30'",
        ),
        (
            ("appointments", 0, "start"),
            20190601,
            "appointments[0].start: expected date string YYYY-MM-DD, got int",
        ),
        (
            ("appointments", 0, "dispatched"),
            1,
            "appointments[0].dispatched: expected bool, got int",
        ),
        (
            ("organizations", 3, "covers"),
            "c-jinan",
            "organizations[3].covers: expected array, got str",
        ),
        (
            ("organizations", 3, "covers"),
            ["c-jinan", 7],
            "organizations[3].covers[1]: expected str, got int",
        ),
        (
            ("organizations", 3, "covers"),
            ["c-jinan", "c-jinan"],
            "organizations[3].covers: lists 'c-jinan' more than once",
        ),
        (
            ("people", 0, "party", "standing"),
            "formal",
            "people[0].party.standing: expected one of 'full', 'probationary', got 'formal'",
        ),
        (("people", 0, "party"), "member", "people[0].party: expected object, got str"),
        (
            ("votes", 0, "owners_for"),
            91,
            "votes[0].owners_for: must not exceed participating_owners (90), got 91",
        ),
        (
            ("votes", 0, "total_area"),
            float("nan"),
            "votes[0].total_area: expected a finite number, got nan",
        ),
        (("compounds", 0), ["c"], "compounds[0]: expected object, got array"),
        (("compounds",), {"c": 1}, "compounds: expected array, got object"),
        (("name",), None, "name: expected str, got null"),
    ],
)
def test_each_malformed_value_is_named_with_its_path(
    doc: dict[str, Any], path: tuple[Any, ...], value: object, message: str
) -> None:
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    assert problems(doc) == [message]


def test_missing_and_unknown_keys(doc: dict[str, Any]) -> None:
    del doc["compounds"][1]["households"]
    doc["compounds"][2]["gates"] = 2
    doc["people"][0]["party"]["rank"] = "x"
    doc["streets"] = []
    assert problems(doc) == [
        "streets: unknown key",
        "compounds[1].households: required key missing",
        "compounds[2].gates: unknown key",
        "people[0].party.rank: unknown key",
    ]


def test_every_problem_is_listed_not_only_the_first(doc: dict[str, Any]) -> None:
    for compound in doc["compounds"]:
        compound["households"] = str(compound["households"])
    assert problems(doc) == [f"compounds[{i}].households: expected int, got str" for i in range(4)]


@pytest.mark.parametrize(
    ("version", "message"),
    [
        (2, "format_version: unsupported version 2; this version of neighborparty reads version 1"),
        ("1", "format_version: expected int, got str"),
        (None, "format_version: expected int, got null"),
    ],
)
def test_format_version_is_checked_first(
    doc: dict[str, Any], version: object, message: str
) -> None:
    doc["format_version"] = version
    doc["compounds"][0]["households"] = "many"
    assert problems(doc) == [message]


def test_a_missing_format_version(doc: dict[str, Any]) -> None:
    del doc["format_version"]
    assert problems(doc) == ["format_version: required key missing (expected 1)"]


@pytest.mark.parametrize(
    ("data", "message"), [([], "expected object, got array"), ("x", "expected object, got str")]
)
def test_a_document_must_be_an_object(data: object, message: str) -> None:
    assert problems(data) == [message]


@pytest.mark.parametrize("text", ["{", "", "[1, 2", '{"format_version": NaN}', b"\xff\xfe\x00"])
def test_text_that_is_not_json(text: str | bytes) -> None:
    with pytest.raises(DocumentError, match="not valid JSON"):
        from_json(text)


def test_a_well_formed_document_that_does_not_fit_together(doc: dict[str, Any]) -> None:
    doc["buildings"][0]["compound"] = "c-nowhere"
    with pytest.raises(IntegrityError) as info:
        from_dict(doc)
    assert [str(p) for p in info.value.problems] == [
        "buildings[0].compound: no compound with id 'c-nowhere'"
    ]


# --------------------------------------------------------------------------- fuzzing


@given(json_values)
def test_arbitrary_values_raise_only_document_errors(data: object) -> None:
    with pytest.raises(DocumentError):
        from_dict(data)  # type: ignore[arg-type]


@given(mutations(SEED_DOCUMENT))
def test_mutated_documents_raise_only_document_or_integrity_errors(data: dict[str, Any]) -> None:
    try:
        city = from_dict(data)
    except (DocumentError, IntegrityError) as err:
        assert err.problems
        # Each problem says what is wrong, and where: at a key of the document (one it has, or
        # one the valid document had and a mutation deleted).
        roots = {*data, *SEED_DOCUMENT}
        for p in err.problems:
            assert p.message, p
            assert any(p.path == k or p.path.startswith((f"{k}.", f"{k}[")) for k in roots), p
    else:
        assert from_dict(to_dict(city)) == city
