"""Hostile documents: what a careless or malicious producer can send is refused with a
DocumentError naming where, never a bare builtin error, and never accepted to fail later."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

import neighborparty as npty
from neighborparty import DocumentError, examples, from_dict, from_json, to_dict, to_json
from neighborparty import errors as errors_module


def _doc() -> dict[str, Any]:
    return json.loads(to_json(examples.seed_city()))


def _problems(exc: pytest.ExceptionInfo[DocumentError]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in exc.value.problems]


# --------------------------------------------------------------------------- nesting


@pytest.mark.parametrize("where", ["unknown key", "known field", "top"])
def test_json_nested_a_thousand_levels_deep_is_a_document_error(where: str) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    if where == "unknown key":
        text = '{"format_version": 1, "id": "x", "name": "x", "zz": ' + deep + "}"
    elif where == "known field":
        text = '{"format_version": 1, "id": "x", "name": "x", "compounds": ' + deep + "}"
    else:
        text = deep
    with pytest.raises(DocumentError) as exc:
        from_json(text)
    assert _problems(exc) == [("", "arrays and objects nested too deeply to read")]


def test_moderate_nesting_inside_an_unknown_key_is_reported_as_the_unknown_key() -> None:
    text = '{"format_version": 1, "id": "x", "name": "x", "zz": ' + "[" * 500 + "]" * 500 + "}"
    with pytest.raises(DocumentError) as exc:
        from_json(text)
    assert _problems(exc) == [("zz", "unknown key")]


# --------------------------------------------------------------------------- text


def test_a_lone_surrogate_is_refused_with_its_path() -> None:
    doc = _doc()
    doc["compounds"][1]["name"] = "东" + chr(0xD800)
    with pytest.raises(DocumentError) as exc:
        from_dict(doc)
    [(path, message)] = _problems(exc)
    assert path == "compounds[1].name"
    assert "lone surrogate (U+D800) at character 1" in message


def test_a_lone_surrogate_escaped_in_json_text_is_refused() -> None:
    text = to_json(examples.seed_city()).replace('"name":"金安小区"', '"name":"金安\\udc00"', 1)
    with pytest.raises(DocumentError) as exc:
        from_json(text)
    assert _problems(exc)[0][0] == "compounds[0].name"


def test_a_surrogate_pair_escaped_in_json_text_is_one_character_and_accepted() -> None:
    text = to_json(examples.seed_city()).replace('"name":"金安小区"', '"name":"\\ud83c\\udfe0"', 1)
    city = from_json(text)
    assert city.get("c-jinan").name == "\U0001f3e0"
    to_json(city).encode("utf-8")


def test_a_lone_surrogate_in_an_id_list_and_in_a_key_is_refused_printably() -> None:
    doc = _doc()
    doc["organizations"][0]["covers"] = ["c-jinan", "c" + chr(0xDFFF)]
    doc["compounds"][0]["gate" + chr(0xD801)] = 1
    with pytest.raises(DocumentError) as exc:
        from_dict(doc)
    paths = [path for path, _ in _problems(exc)]
    assert "organizations[0].covers[1]" in paths
    assert "compounds[0].gate\\ud801" in paths
    str(exc.value).encode("utf-8")  # the message itself can be written


def test_every_accepted_city_can_be_written_as_utf8_bytes() -> None:
    city = from_json(to_json(examples.seed_city()).encode("utf-8"))
    assert from_json(to_json(city).encode("utf-8")) == city


# --------------------------------------------------------------------------- numbers


def test_a_huge_format_version_is_a_document_error_without_the_number() -> None:
    doc = _doc()
    doc["format_version"] = 10**5000
    with pytest.raises(DocumentError) as exc:
        from_dict(doc)
    [(path, message)] = _problems(exc)
    assert path == "format_version"
    assert message == "an integer of 5,001 digits, outside the 64-bit range a document may hold"


@pytest.mark.parametrize(
    "value",
    [10**5000, -(10**5000), 2**63, -(2**63) - 1],
    ids=["huge", "huge negative", "2**63", "-2**63-1"],
)
def test_an_integer_beyond_64_bits_is_refused_at_its_path(value: int) -> None:
    doc = _doc()
    doc["compounds"][2]["households"] = value
    with pytest.raises(DocumentError) as exc:
        from_dict(doc)
    [(path, message)] = _problems(exc)
    assert path == "compounds[2].households"
    assert "outside the 64-bit range" in message


def test_the_largest_64_bit_count_is_accepted_and_written() -> None:
    doc = _doc()
    doc["compounds"][2]["households"] = 2**63 - 1
    city = from_dict(doc)
    assert from_json(to_json(city)) == city


def test_a_number_too_long_for_python_in_json_text_is_a_document_error() -> None:
    with pytest.raises(DocumentError) as exc:
        from_json('{"format_version": ' + "9" * 5000 + "}")
    [(path, message)] = _problems(exc)
    assert path == ""
    assert message.startswith("holds a number of more than")


# --------------------------------------------------------------------------- duplicate keys


def test_a_duplicate_key_is_an_error_naming_where_and_which_keys() -> None:
    text = to_json(examples.seed_city())
    text = text.replace('"name":"金安小区"', '"name":"金安小区","name":"别名"', 1)
    text = text.replace('{"format_version":1,', '{"format_version":1,"format_version":1,', 1)
    with pytest.raises(DocumentError) as exc:
        from_json(text)
    assert _problems(exc) == [
        (
            "format_version",
            "key 'format_version' appears twice in one object (keys 1 and 2): "
            "reading never guesses which one is meant",
        ),
        (
            "compounds[0].name",
            "key 'name' appears twice in one object (keys 2 and 3): "
            "reading never guesses which one is meant",
        ),
    ]


@pytest.mark.parametrize(
    "later", ["NaN", "}", "[" * 100_000, "1" * 5000], ids=["NaN", "bad", "deep", "long number"]
)
def test_a_duplicate_key_before_other_trouble_is_still_a_document_error(later: str) -> None:
    with pytest.raises(DocumentError):
        from_json('{"x": {"a": 1, "a": 2}, "y": ' + later + "}")


def test_duplicate_keys_are_listed_in_document_order_and_bounded() -> None:
    objects = ",".join(f'{{"id": "c{i}", "id": "again"}}' for i in range(300))
    with pytest.raises(DocumentError) as exc:
        from_json('{"format_version": 1, "id": "x", "name": "x", "compounds": [' + objects + "]}")
    paths = [p.path for p in exc.value.problems]
    assert paths[:3] == ["compounds[0].id", "compounds[1].id", "compounds[2].id"]
    assert (len(paths), exc.value.total) == (100, 300)


# --------------------------------------------------------------------------- bounded problems


def _bad(n: int) -> dict[str, Any]:
    return {
        "format_version": 1,
        "id": "x",
        "name": "x",
        "compounds": [
            {"id": f"c{i}", "name": 1, "community": "cm", "households": 1, "kind": "managed"}
            for i in range(n)
        ],
    }


def test_an_error_lists_the_first_problems_and_counts_the_rest() -> None:
    with pytest.raises(DocumentError) as exc:
        from_dict(_bad(250))
    err = exc.value
    assert err.total == 250
    assert len(err.problems) == errors_module.MAX_PROBLEMS == 100
    assert err.problems[0].path == "compounds[0].name"
    lines = str(err).splitlines()
    assert lines[0] == "invalid document (250 problems; the first 100 listed):"
    assert lines[-1] == "  ... and 150 more (see neighborparty.errors.MAX_PROBLEMS)"
    assert len(lines) == 102


def test_the_limit_is_settable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(errors_module, "MAX_PROBLEMS", 3)
    with pytest.raises(DocumentError) as exc:
        from_dict(_bad(10))
    assert (len(exc.value.problems), exc.value.total) == (3, 10)
    monkeypatch.setattr(errors_module, "MAX_PROBLEMS", 1000)
    with pytest.raises(DocumentError) as exc:
        from_dict(_bad(10))
    assert (len(exc.value.problems), exc.value.total) == (10, 10)
    assert str(exc.value).splitlines()[0] == "invalid document (10 problems):"


def test_integrity_problems_are_bounded_too() -> None:
    city = examples.seed_city()
    doc = to_dict(city)
    doc["buildings"] += [
        {"id": f"b-x{i}", "compound": "nowhere", "households": 1} for i in range(300)
    ]
    with pytest.raises(npty.IntegrityError) as exc:
        from_dict(doc)
    assert (len(exc.value.problems), exc.value.total) == (100, 300)


def test_a_bounded_error_survives_pickling() -> None:
    import pickle

    with pytest.raises(DocumentError) as exc:
        from_dict(_bad(150))
    again = pickle.loads(pickle.dumps(exc.value))
    assert (again.total, again.problems, str(again)) == (
        exc.value.total,
        exc.value.problems,
        str(exc.value),
    )


def test_the_error_for_many_bad_entities_stays_small_in_memory() -> None:
    """200,000 entities with three bad values each: the error keeps 100 problems, and reading
    the document peaks within a small multiple of what the document itself takes."""
    code = (
        "import resource, neighborparty as npty\n"
        "doc = {'format_version': 1, 'id': 'x', 'name': 'x', 'compounds': [\n"
        "    {'id': f'c{i}', 'name': 1, 'community': 'cm', 'households': 'x', 'kind': 'k'}\n"
        "    for i in range(200_000)]}\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "try:\n"
        "    npty.from_dict(doc)\n"
        "except npty.DocumentError as err:\n"
        "    assert err.total == 600_000 and len(err.problems) == 100, err.total\n"
        "    assert len(str(err)) < 20_000\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(before, after)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    before, after = map(int, done.stdout.split())
    assert after < 3 * before, (before, after)
