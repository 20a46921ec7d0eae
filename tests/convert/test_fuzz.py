"""A fuzz suite over what a document reader can be handed: arbitrary JSON values, JSON text at
its edges, and mutations of valid documents.

The contract: only :class:`DocumentError` or :class:`IntegrityError` escape; every document
accepted round-trips through JSON bytes (UTF-8) to an equal city; every accepted city can be
checked, and its report written as JSON.

The suite is bounded to run in well under a minute in ``make test``. For a longer run by hand,
set ``NP_FUZZ_EXAMPLES`` (examples per test), e.g.
``NP_FUZZ_EXAMPLES=5000 .venv/bin/pytest tests/convert/test_fuzz.py``.
"""

from __future__ import annotations

import json
import os
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from neighborparty import (
    City,
    DocumentError,
    IntegrityError,
    check,
    examples,
    from_dict,
    from_json,
    to_dict,
    to_json,
)
from neighborparty.strategies import cities

from ._helpers import mutations

FUZZ = settings(
    max_examples=int(os.environ.get("NP_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

texts = st.text(st.characters(codec=None, exclude_categories=()), max_size=8)
"""Strings of any code points, lone surrogates included."""

numbers = st.integers() | st.integers(min_value=2**62, max_value=2**70) | st.floats()

json_values = st.recursive(
    st.none() | st.booleans() | numbers | texts,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(texts, children, max_size=4),
    max_leaves=20,
)


def _holds(city: City) -> None:
    """What every accepted city must allow: a byte round trip and a check."""
    data = to_json(city).encode("utf-8")
    assert from_json(data) == city
    json.dumps(check(city).to_dict())


def _read(read: Any, value: Any) -> None:
    try:
        city = read(value)
    except (DocumentError, IntegrityError) as err:
        assert err.problems
        assert err.total >= len(err.problems)
        str(err).encode("utf-8")  # the message can be written, whatever the input held
    else:
        _holds(city)


@FUZZ
@given(json_values)
def test_arbitrary_values(value: Any) -> None:
    _read(from_dict, value)


@FUZZ
@given(json_values)
def test_arbitrary_values_as_a_document_body(value: Any) -> None:
    _read(from_dict, {"format_version": 1, "id": "x", "name": "x", "compounds": value})


_EDGES = [
    "",
    " ",
    "\ufeff{}",
    "{}",
    "[]",
    "null",
    '"\\ud800"',
    '{"format_version": 1e400}',
    '{"format_version": -0}',
    '{"format_version": 1.0, "id": "x", "name": "x"}',
    '{"format_version": 1, "id": "x", "name": "x", "id": "y"}',
    '{"format_version": 1, "id": "\\u0000", "name": "x"}',
    '{"format_version": 1, "id": "x", "name": "x", "compounds": [' + "[" * 3000 + "]" * 3000 + "]}",
    '{"format_version": ' + "1" * 5000 + "}",
    '{"format_version": 1, "id": "x", "name": "x"} trailing',
]


@FUZZ
@given(st.sampled_from(_EDGES) | st.text(max_size=40) | st.binary(max_size=40))
def test_json_text_at_its_edges(text: str | bytes) -> None:
    _read(from_json, text)


def _mutate(doc: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    return mutations(doc, values=json_values, new_keys=texts, copies=True, most=3)


@FUZZ
@given(_mutate(to_dict(examples.seed_city())))
def test_mutations_of_the_seed_document(doc: dict[str, Any]) -> None:
    _read(from_dict, doc)


@FUZZ
@given(st.data(), cities(max_size=3))
def test_mutations_of_generated_documents_as_text(data: st.DataObject, city: City) -> None:
    doc = data.draw(_mutate(to_dict(city)))
    try:
        text = json.dumps(doc, ensure_ascii=data.draw(st.booleans()))
    except (ValueError, TypeError):
        return  # not representable as JSON text (Python's int limit)
    _read(from_json, text)
