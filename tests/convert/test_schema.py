"""The JSON Schema of the city document: valid under the Draft 2020-12 metaschema, the same
every call, made from the model, and in agreement with the reader on what is structurally
valid.

The agreement: a document is valid under the schema exactly when :func:`from_dict` raises no
:class:`DocumentError` (it may raise :class:`IntegrityError`, which no schema can express).
What a schema cannot say, and the document format's page lists, is left out of the comparison
in one documented way (:func:`_beyond_the_schema`): a document whose only problems the reader
reports are of that kind is *undecided*, since the reader stops checking an object at its first
problem between keys, and the schema may rightly see a problem the reader did not look for.
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
import typing
from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from neighborparty import (
    FORMAT_VERSION,
    City,
    DocumentError,
    IntegrityError,
    examples,
    from_dict,
    from_json,
    synth,
    to_dict,
    to_json,
)
from neighborparty.convert import json_schema, make_converter
from neighborparty.convert._converter import INT_MAX, INT_MIN
from neighborparty.convert.schema import _DATE_PATTERN, _NUMBER_BOUND, _Builder
from neighborparty.model import COLLECTIONS, FourHaves, Membership
from neighborparty.strategies import cities

SCHEMA = json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
"""A validator as an app team would make one: no format assertion, so dates rest on the
pattern alone."""

SEED = to_dict(examples.seed_city())

FUZZ = settings(
    max_examples=int(os.environ.get("NP_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --------------------------------------------------------------------------- the comparison

_STEP = re.compile(r"\[(\d+)\]|\.?([^.\[]+)")


def _at(doc: Any, path: str) -> Any:
    """The value at a problem's path, as ``compounds[3].households``."""
    value = doc
    for index, key in _STEP.findall(path):
        value = value[int(index)] if index else value[key]
    return value


def _beyond_the_schema(doc: Any, path: str, message: str) -> bool:
    """Whether a problem the reader reports is one no JSON Schema can express: a check between
    the keys of one object (an end before its start, vote counts that do not nest, a full
    member's ``full_since`` before ``joined``), a lone surrogate in a string, or an integer
    written with a fraction (``120.0``), which JSON Schema's data model holds equal to ``120``.
    """
    if message.startswith(("must not be before ", "must not exceed ", "holds a lone surrogate")):
        return True
    if message == "expected int, got float":
        value = _at(doc, path)
        return isinstance(value, float) and value.is_integer()
    return False


def _reader(doc: Any) -> bool | None:
    """Whether the reader finds the document structurally valid (an :class:`IntegrityError`
    is no structural problem); ``None`` when every problem it reports is beyond the schema."""
    try:
        from_dict(doc)
    except IntegrityError:
        return True
    except DocumentError as err:
        if all(_beyond_the_schema(doc, p.path, p.message) for p in err.problems):
            return None
        return False
    return True


def _agree(doc: Any) -> bool | None:
    """Assert that the schema and the reader agree on a document; the reader's verdict."""
    verdict = _reader(doc)
    if verdict is not None and VALIDATOR.is_valid(doc) is not verdict:
        errors = [f"{e.json_path}: {e.message}" for e in VALIDATOR.iter_errors(doc)][:5]
        raise AssertionError(f"the reader: {_reading(doc)}; the schema: {errors}")
    return verdict


def _reading(doc: Any) -> str:
    try:
        from_dict(doc)
    except (DocumentError, IntegrityError) as err:
        return str(err)
    return "read"


# --------------------------------------------------------------------------- the schema itself


def test_the_schema_is_valid_under_the_draft_2020_12_metaschema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert jsonschema.validators.validator_for(SCHEMA) is jsonschema.Draft202012Validator


def test_the_schema_is_plain_json() -> None:
    assert json.loads(json.dumps(SCHEMA, allow_nan=False)) == SCHEMA


def test_the_schema_is_the_same_every_call() -> None:
    first, second = json_schema(), json_schema()
    assert first == second == SCHEMA
    assert json.dumps(first, ensure_ascii=False) == json.dumps(second, ensure_ascii=False)
    first["$defs"]["Compound"]["required"].append("gate")
    assert json_schema() == SCHEMA  # every call makes a new dict


def test_the_schema_is_the_same_in_another_process() -> None:
    """Nothing in it depends on the order of a set or of a hash."""
    code = "import json, neighborparty.convert as c; print(json.dumps(c.json_schema()))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert result.stdout == json.dumps(SCHEMA) + "\n"


def test_the_library_makes_the_schema_without_a_validator() -> None:
    code = (
        "import sys; sys.modules['jsonschema'] = None\n"
        "import neighborparty, neighborparty.cli\n"
        "schema = neighborparty.convert.json_schema()\n"
        "assert schema['$defs'], schema\n"
        "assert sys.modules['jsonschema'] is None\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --------------------------------------------------------------------------- made from the model


def _fields(cls: type[Any]) -> list[attrs.Attribute[Any]]:
    return list(attrs.fields(cls))


def test_the_top_level_holds_the_version_the_city_and_every_collection() -> None:
    assert list(SCHEMA["properties"]) == ["format_version", "id", "name", *COLLECTIONS]
    assert SCHEMA["required"] == ["format_version", "id", "name"]
    assert SCHEMA["additionalProperties"] is False
    assert SCHEMA["properties"]["format_version"] == {
        "description": SCHEMA["properties"]["format_version"]["description"],
        "type": "integer",
        "const": FORMAT_VERSION,
    }
    for key, cls in COLLECTIONS.items():
        assert SCHEMA["properties"][key]["items"] == {"$ref": f"#/$defs/{cls.__name__}"}
        assert SCHEMA["properties"][key]["default"] == []


@pytest.mark.parametrize("cls", [*COLLECTIONS.values(), Membership, FourHaves], ids=repr)
def test_each_entity_class_has_its_definition(cls: type[Any]) -> None:
    definition = SCHEMA["$defs"][cls.__name__]
    fields = _fields(cls)
    assert definition["title"] == cls.__name__
    summary = " ".join((cls.__doc__ or "").split("\n\n")[0].split())
    assert definition["description"].replace("`null`", "None").replace("`", "") == summary.replace(
        "``", ""
    )
    assert definition["type"] == "object"
    assert definition["additionalProperties"] is False
    assert list(definition["properties"]) == [f.name for f in fields]
    assert definition["required"] == [f.name for f in fields if f.default is attrs.NOTHING]
    for field in fields:
        schema = definition["properties"][field.name]
        if field.default is attrs.NOTHING:
            assert "default" not in schema
        else:
            assert schema["default"] == _as_written(field.default), field.name
        if field.default is None:
            assert {"type": "null"} in schema.get("anyOf", []) or "null" in schema["type"]


def _as_written(value: Any) -> Any:
    """A default as the document writes it."""
    return list(value) if isinstance(value, tuple) else value


def test_every_enum_is_defined_by_its_values() -> None:
    enums = {
        hint.__name__: hint
        for cls in (*COLLECTIONS.values(), Membership)
        for hint in _hints(cls)
        if isinstance(hint, type) and issubclass(hint, str) and hint is not str
    }
    assert len(enums) == 12
    assert {name for name, d in SCHEMA["$defs"].items() if "enum" in d} == set(enums)
    for name, cls in enums.items():
        definition = SCHEMA["$defs"][name]
        assert definition["type"] == "string"
        assert definition["enum"] == [member.value for member in cls]


def _hints(cls: type[Any]) -> list[Any]:
    found = []
    for hint in typing.get_type_hints(cls).values():
        found.append(hint)
        found.extend(typing.get_args(hint))
    return found


def test_integers_and_numbers_have_the_bounds_the_reader_enforces() -> None:
    compound = SCHEMA["$defs"]["Compound"]["properties"]
    assert (compound["households"]["minimum"], compound["households"]["maximum"]) == (0, INT_MAX)
    assert compound["coordinates"]["prefixItems"] == [{"$ref": "#/$defs/Number"}] * 2
    number = SCHEMA["$defs"]["Number"]
    assert (number["minimum"], number["maximum"]) == (-_NUMBER_BOUND, _NUMBER_BOUND)
    assert float(_NUMBER_BOUND) == sys.float_info.max
    vote = SCHEMA["$defs"]["OwnersVote"]["properties"]
    assert vote["total_area"] == {
        "description": vote["total_area"]["description"],
        "type": "number",
        "$ref": "#/$defs/Number",
        "minimum": 0,
    }
    assert INT_MIN == -(2**63)


def test_the_checks_between_keys_are_named_in_the_descriptions() -> None:
    defs = SCHEMA["$defs"]
    assert "Not before `start`" in defs["Appointment"]["properties"]["end"]["description"]
    assert "Not before `joined`" in defs["Membership"]["properties"]["full_since"]["description"]
    owners_for = defs["OwnersVote"]["properties"]["owners_for"]["description"]
    assert "Not above `participating_owners`" in owners_for


def test_the_references_are_named_in_the_descriptions() -> None:
    person = SCHEMA["$defs"]["Person"]["properties"]
    assert person["home"]["description"].endswith(
        "The id of a building, compound or lane of the document."
    )
    body = SCHEMA["$defs"]["Appointment"]["properties"]["body"]["description"]
    assert (
        "an owners' committee for role `owners_chair`, `owners_vice_chair`, `owners_member`" in body
    )


@attrs.frozen(kw_only=True)
class _Odd:
    """A class with a validator the schema does not know."""

    count: int = attrs.field(validator=attrs.validators.gt(0))


@attrs.frozen(kw_only=True)
class _Strange:
    """A class with a type the schema does not know."""

    names: frozenset[str]


@attrs.frozen(kw_only=True)
class _Stripped:
    """A class with a converter the schema does not know."""

    name: str = attrs.field(converter=str.strip)


@pytest.mark.parametrize(
    ("cls", "says"),
    [
        (_Stripped, "_Stripped.name: the schema does not know the converter"),
        (_Odd, "_Odd.count: the schema does not know the validator"),
        (_Strange, "does not know the type"),
    ],
)
def test_what_the_schema_does_not_know_stops_it_from_being_made(cls: type[Any], says: str) -> None:
    """A new validator or type in the model cannot slip past the schema unsaid."""
    with pytest.raises(TypeError, match=re.escape(says)):
        _Builder().entity(cls, "compounds", "")


# --------------------------------------------------------------------------- dates


_READ_DATE = make_converter().get_structure_hook(date)


def _reads_as_a_date(text: str) -> bool:
    try:
        _READ_DATE(text, date)
    except (TypeError, ValueError):
        return False
    return True


DATE_VALIDATORS = [
    jsonschema.Draft202012Validator({**SCHEMA["$defs"]["Date"]}),
    jsonschema.Draft202012Validator(
        {**SCHEMA["$defs"]["Date"]}, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    ),
]


def _days() -> list[str]:
    days = [f"{year:04d}-{md}" for year in range(10_000) for md in ("02-28", "02-29", "01-01")]
    for year in (1, 4, 100, 400, 1900, 2000, 2020, 2021, 2100, 9999):
        days += [f"{year:04d}-{m:02d}-{d:02d}" for m in range(14) for d in range(34)]
    days += [
        "2020-1-5",
        "20201026",
        "2020-10-26\n",
        "\n2020-10-26",
        " 2020-10-26",
        "2020-10-26T00:00",
        "2020-W43-1",
        "２０２０-１０-２６",
        "٢٠٢٠-١٠-٢٦",
        "+2020-10-26",
        "-2020-10-26",
        "12020-10-26",
        "2020/10/26",
        "",
    ]
    return days


@pytest.mark.parametrize("validator", DATE_VALIDATORS, ids=["pattern", "format asserted"])
def test_a_date_is_valid_under_the_schema_exactly_when_the_reader_reads_it(
    validator: jsonschema.Draft202012Validator,
) -> None:
    wrong = [day for day in _days() if validator.is_valid(day) is not _reads_as_a_date(day)]
    assert wrong == []


def test_the_date_pattern_is_a_real_calendar() -> None:
    assert re.search(_DATE_PATTERN, "2000-02-29")
    assert re.search(_DATE_PATTERN, "2024-02-29")
    assert not re.search(_DATE_PATTERN, "1900-02-29")
    assert not re.search(_DATE_PATTERN, "0000-01-01")


# --------------------------------------------------------------------------- valid documents


@pytest.mark.parametrize("year", synth.SUPPORTED_YEARS)
@pytest.mark.parametrize("seed", [0, 1])
def test_every_synthetic_document_is_valid(seed: int, year: int) -> None:
    doc = to_dict(synth.city(seed=seed, scale=0.05, year=year))
    assert [e.message for e in VALIDATOR.iter_errors(doc)][:3] == []


def test_the_seed_document_is_valid_as_written_and_as_json_text() -> None:
    VALIDATOR.validate(SEED)
    VALIDATOR.validate(json.loads(to_json(examples.seed_city(), indent=2)))


@FUZZ
@given(cities())
def test_every_generated_document_is_valid(city: City) -> None:
    VALIDATOR.validate(to_dict(city))


# --------------------------------------------------------------------------- agreement

EDGES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1,
    5.0,
    0.5,
    -0.5,
    1e19,
    INT_MAX,
    INT_MAX + 1,
    INT_MIN,
    INT_MIN - 1,
    10**30,
    sys.float_info.max,
    _NUMBER_BOUND,
    _NUMBER_BOUND + 1,
    -_NUMBER_BOUND - 1,
    float("inf"),
    float("-inf"),
    "",
    "x",
    "p-1",
    "东\ud800",
    "2020-02-29",
    "2021-02-29",
    "2020-1-5",
    "2020-13-01",
    "0000-01-01",
    "2020-10-26\n",
    "２０２０-１０-２６",
    "20201026",
    "MANAGED",
    "managed ",
    "managed",
    "full",
    "secretary",
    "compound_branch",
    [],
    ["x"],
    ["x", "x"],
    ["x", 1],
    [1.5, 2.5],
    [1, 2, 3],
    [True, 1.0],
    {},
    {"standing": "full"},
]
"""Values to put anywhere: of every JSON type, at the edges of every check the reader makes of
one value, and never a NaN (no JSON text holds one)."""


def _single_entity_documents() -> list[tuple[str, str, dict[str, Any]]]:
    """For each collection, a document of its fullest entity of the seed city alone (its
    references then lead nowhere, which is an :class:`IntegrityError`, not a structural
    problem), with every field of the class to put values in."""
    found = []
    for key, cls in COLLECTIONS.items():
        entity = max(SEED[key], key=len)
        found.append((key, cls.__name__, entity))
    return found


def _places(key: str, entity: dict[str, Any]) -> list[tuple[str, ...]]:
    """Where a value can be put in an entity: each of its class's fields, present or not, the
    fields of the objects it holds, the first item of its arrays, and an unknown key."""
    cls = COLLECTIONS[key]
    places: list[tuple[str, ...]] = []
    for field in _fields(cls):
        places.append((field.name,))
        if isinstance(entity.get(field.name), list) and entity[field.name]:
            places.append((field.name, "0"))
    for name, nested in (("party", Membership), ("four_haves", FourHaves)):
        if name in entity:
            places += [(name, f.name) for f in _fields(nested)] + [(name, "houshold")]
    return [*places, ("houshold",)]


def _put(entity: dict[str, Any], place: tuple[str, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(entity)
    target: Any = changed
    for step in place[:-1]:
        target = target[step]
    last: Any = int(place[-1]) if isinstance(target, list) else place[-1]
    if value is not _DROP:
        target[last] = value
    elif isinstance(target, list) or last in target:
        del target[last]
    return changed


_DROP = object()


def _document(key: str, entity: dict[str, Any]) -> dict[str, Any]:
    return {"format_version": 1, "id": "x", "name": "x", key: [entity]}


@pytest.mark.parametrize(
    ("key", "entity"),
    [(k, e) for k, _, e in _single_entity_documents()],
    ids=[n for _, n, _ in _single_entity_documents()],
)
def test_the_schema_and_the_reader_agree_on_every_edge_value_in_every_place(
    key: str, entity: dict[str, Any]
) -> None:
    verdicts: Counter[bool | None] = Counter()
    for place in _places(key, entity):
        for value in [*EDGES, _DROP]:
            verdicts[_agree(_document(key, _put(entity, place, value)))] += 1
    assert verdicts[True]
    assert verdicts[False]
    assert verdicts[None] <= 0.1 * verdicts.total(), verdicts  # the comparison decides


@pytest.mark.parametrize(
    ("top", "verdict"),
    [
        ({"format_version": 1.0}, None),
        ({"format_version": True}, False),
        ({"format_version": "1"}, False),
        ({"format_version": 2}, False),
        ({"format_version": 2**64}, False),
        ({"id": 7}, False),
        ({"name": None}, False),
        ({"compounds": None}, False),
        ({"compounds": {}}, False),
        ({"compounds": [None]}, False),
        ({"gate": 1}, False),
        ({"compounds": []}, True),
    ],
)
def test_the_schema_and_the_reader_agree_on_the_top_level(
    top: dict[str, Any], verdict: bool | None
) -> None:
    assert _agree({**SEED, **top}) is verdict


def _structural_mutations(doc: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Documents that differ from a valid one in one to three places: a value of another type
    or at an edge of its check, a key dropped, an unknown key added, an item repeated."""

    values = (
        st.sampled_from(EDGES)
        | st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=False)
        | st.text(st.characters(codec=None, exclude_categories=()), max_size=6)
    )
    json_values = st.recursive(
        values,
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(st.text(max_size=6), children, max_size=3)
        ),
        max_leaves=8,
    )

    @st.composite
    def mutated(draw: st.DrawFn) -> dict[str, Any]:
        data = copy.deepcopy(doc)
        for _ in range(draw(st.integers(1, 3))):
            target: Any = data
            while True:
                keys = list(target) if isinstance(target, dict) else list(range(len(target)))
                if not keys:
                    break
                key = draw(st.sampled_from(keys))
                child = target[key]
                if isinstance(child, (dict, list)) and child and draw(st.booleans()):
                    target = child
                    continue
                action = draw(st.sampled_from(["replace", "drop", "unknown", "repeat"]))
                if action == "replace":
                    target[key] = draw(json_values)
                elif action == "drop" and isinstance(target, dict):
                    del target[key]
                elif action == "repeat" and isinstance(target, list):
                    target.append(copy.deepcopy(child))
                elif isinstance(target, dict):
                    target[draw(st.text(max_size=6))] = draw(json_values)
                else:
                    target.append(draw(json_values))
                break
        return data

    return mutated()


@FUZZ
@given(_structural_mutations(SEED))
def test_the_schema_and_the_reader_agree_on_mutations_of_the_seed_document(
    doc: dict[str, Any],
) -> None:
    event(f"reader: {_agree(doc)}")


@FUZZ
@given(st.data(), cities(max_size=2))
def test_the_schema_and_the_reader_agree_on_mutations_of_generated_documents(
    data: st.DataObject, city: City
) -> None:
    doc = data.draw(_structural_mutations(to_dict(city)))
    event(f"reader: {_agree(doc)}")


# --------------------------------------------------------------------------- beyond the schema


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(doc: dict[str, Any]) -> None:
        steps = [int(i) if i else k for i, k in _STEP.findall(path)]
        target: Any = doc
        for step in steps[:-1]:
            target = target[step]
        target[steps[-1]] = value

    return change


BEYOND: dict[str, tuple[Callable[[dict[str, Any]], None], type[Exception], str]] = {
    "an id used twice": (
        lambda doc: doc["districts"].append(dict(doc["districts"][0])),
        IntegrityError,
        "duplicate id",
    ),
    "an empty id": (_set("districts[0].id", ""), IntegrityError, "must not be empty"),
    "a reference to no entity": (
        _set("compounds[0].community", "cm-nowhere"),
        IntegrityError,
        "no community",
    ),
    "a reference of the wrong kind": (
        _set("compounds[1].community", "d-1"),
        IntegrityError,
        "is a district",
    ),
    "a body of the wrong kind for its role": (
        _set("appointments[0].body", "c-jinan"),
        IntegrityError,
        "expected a party organisation",
    ),
    "an organisation its own ancestor": (
        _set("organizations[0].parent", "br-jinan"),
        IntegrityError,
        "the parent chain loops",
    ),
    "a formation on an organisation that is no branch": (
        _set("organizations[1].formation", "joint"),
        IntegrityError,
        "only branches do",
    ),
    "a party group serving a building outside its branch": (
        _set("organizations[4].covers", ["b-west-1"]),
        IntegrityError,
        "which its branch 'br-jinan' does not cover",
    ),
    "a membership registered in a party group": (
        _set("people[0].party.registered_in", "grp-jinan-1"),
        IntegrityError,
        "which holds no membership",
    ),
    "a grid spanning a compound of another community": (
        _set("grids[0].compounds", ["c-old", "c-jinan"]),
        IntegrityError,
        "not in the grid's community",
    ),
    "an end before its start": (
        _set("appointments[0].end", "2000-01-01"),
        DocumentError,
        "must not be before start",
    ),
    "full_since before joined": (
        _set("people[0].party.full_since", "1900-01-01"),
        DocumentError,
        "must not be before joined",
    ),
    "vote counts that do not nest": (
        _set("votes[0].owners_for", 10**6),
        DocumentError,
        "must not exceed participating_owners",
    ),
    "a lone surrogate": (_set("compounds[0].name", "金安\udc80"), DocumentError, "lone surrogate"),
    "an integer written with a fraction": (
        _set("compounds[0].households", 120.0),
        DocumentError,
        "expected int, got float",
    ),
    "format_version written with a fraction": (
        _set("format_version", 1.0),
        DocumentError,
        "expected int, got float",
    ),
}
"""What the document format's page lists as beyond the schema, each with a change of the seed
document that the schema lets through and the reader refuses."""


@pytest.mark.parametrize("what", list(BEYOND))
def test_what_the_schema_cannot_say_is_valid_under_it_and_refused_by_the_reader(what: str) -> None:
    change, error, says = BEYOND[what]
    doc = copy.deepcopy(SEED)
    change(doc)
    assert VALIDATOR.is_valid(doc)
    with pytest.raises(error, match=re.escape(says)):
        from_dict(doc)


def test_a_key_twice_in_the_text_is_beyond_the_schema() -> None:
    """A JSON value, which a schema validates, holds each key once: the parser chose one."""
    text = '{"format_version": 1, "id": "x", "name": "x", "name": "y"}'
    assert VALIDATOR.is_valid(json.loads(text))
    with pytest.raises(DocumentError, match="appears twice"):
        from_json(text)
