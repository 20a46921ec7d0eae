"""Scheme documents: round trips, and strict reading that lists every problem."""

import pytest
from hypothesis import given

from neighborparty import DocumentError
from neighborparty.points import EXAMPLE_SCHEME, PointsScheme
from tests.points.strategies import schemes


def test_a_scheme_document_round_trips() -> None:
    doc = EXAMPLE_SCHEME.to_dict()
    assert doc["format_version"] == 1
    assert doc["required"] == [
        {
            "code": "missed_theme_party_day",
            "kinds": ["theme_party_day"],
            "per": "month",
            "points": {"2020-01-01": 1},
            "title": "每月主题党日 a theme party day every month",
        }
    ]
    assert PointsScheme.from_dict(doc) == EXAMPLE_SCHEME


def test_a_malformed_scheme_document_lists_every_problem_with_its_path() -> None:
    doc = EXAMPLE_SCHEME.to_dict()
    doc["base"] = {"2020-01-01": True}
    doc["earning"][2]["kind"] = "karaoke"
    doc["earning"][4]["points"] = {"2020-01-01": "3"}
    doc["inactivity"][0]["months"] = 6.0
    doc["caps"][1]["limit"] = 1
    del doc["flag_below"]
    with pytest.raises(DocumentError) as info:
        PointsScheme.from_dict(doc)
    paths = sorted(p.path for p in info.value.problems)
    assert paths == [
        "base",
        "caps[1].limit",
        "earning[2].kind",
        "earning[4].points",
        "flag_below",
        "inactivity[0].months",
    ]


@pytest.mark.parametrize(
    ("doc", "path", "message"),
    [
        ([], "", "expected object, got array"),
        ({"name": "x"}, "format_version", "required key missing (expected 1)"),
        ({"format_version": 2}, "format_version", "unsupported version 2"),
        ({"format_version": "1"}, "format_version", "expected int, got str"),
        (
            {"format_version": 1, "name": "x", "base": {}, "flag_below": {"2020-01-01": 1}},
            "base",
            "at least one",
        ),
        (
            {
                "format_version": 1,
                "name": "x",
                "base": {"2020-01-01": 1},
                "flag_below": {"2020-01-01": 1},
                "caps": {},
            },
            "caps",
            "expected array",
        ),
    ],
)
def test_scheme_documents_are_read_strictly(doc: object, path: str, message: str) -> None:
    with pytest.raises(DocumentError) as info:
        PointsScheme.from_dict(doc)  # type: ignore[arg-type]
    (problem,) = info.value.problems
    assert problem.path == path
    assert message in problem.message


def test_a_duplicate_code_in_a_document_is_a_document_error() -> None:
    doc = EXAMPLE_SCHEME.to_dict()
    doc["caps"][0]["code"] = "theme_party_day"
    with pytest.raises(DocumentError) as info:
        PointsScheme.from_dict(doc)
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("caps[0].code", "duplicate code 'theme_party_day', first used at earning[0]")
    ]


@given(schemes())
def test_any_scheme_round_trips_through_its_document(scheme: PointsScheme) -> None:
    assert PointsScheme.from_dict(scheme.to_dict()) == scheme
