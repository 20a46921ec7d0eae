"""Reading a document a collection at a time: the city of a text written as ``to_json`` writes
it is the one its whole text gives, and any other text is read whole, so that it gives the same
city or exactly the same error."""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import os
import tempfile
import threading
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborparty import (
    City,
    DocumentError,
    IntegrityError,
    convert,
    examples,
    synth,
    to_json,
)
from neighborparty.convert import _read_by_collection, _read_whole
from neighborparty.convert._split import split
from neighborparty.errors import InvalidArgumentError
from neighborparty.model import COLLECTIONS
from neighborparty.rules.provenance import document_fingerprint
from neighborparty.strategies import cities
from tests.convert._helpers import SEED_DOCUMENT, mutations

SEED_TEXT = to_json(examples.seed_city())
SYNTH_TEXT = to_json(synth.city(seed=0, scale=0.01))


def outcome(read: Any, text: Any) -> tuple[Any, ...]:
    """What a reader makes of a text: the city, or the error's type, message and problems."""
    try:
        return ("city", read(text))
    except (DocumentError, IntegrityError) as exc:
        return (type(exc), str(exc), [(p.path, p.message) for p in exc.problems])


def from_file(encoded: bytes) -> City:
    """The city ``read_file`` reads from a file on disk holding the bytes."""
    with tempfile.TemporaryFile() as file:
        file.write(encoded)
        return convert.read_file(file)


def same_as_whole(text: str | bytes) -> tuple[Any, ...]:
    """What ``from_json`` makes of a text, checked to be what the whole text read at once
    gives (and, for a string, what its bytes give, and what a file of them gives)."""
    result = outcome(convert.from_json, text)
    assert result == outcome(_read_whole, text)
    if isinstance(text, str):
        try:
            encoded = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no bytes to compare
            return result
        assert outcome(convert.from_json, encoded) == result
    else:
        encoded = text
    assert outcome(from_file, encoded) == result
    return result


@pytest.fixture
def forbid_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a text whole fails the test."""

    def whole(text: object) -> City:
        raise AssertionError("the text was read whole")

    monkeypatch.setattr(convert, "_read_whole", whole)


# --------------------------------------------------------------------------- regular texts


@given(cities(), st.integers(1, 3000))
def test_a_regular_text_is_read_by_collection_as_the_whole_text_is(city: City, run: int) -> None:
    text = to_json(city)
    whole = _read_whole(text)
    assert whole == city
    for form in (text, text.encode("utf-8")):
        assert _read_by_collection(form, run=run) == whole


@pytest.mark.parametrize("run", [1, 200, 50_000, 1 << 20])
def test_the_synthetic_city_is_read_by_collection_as_the_whole_text_is(
    run: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    ends: list[int] = []
    parse_run = convert._parse_run

    def counted(name: str, text: Any, first: int, last: int) -> Any:
        ends.append(last)
        return parse_run(name, text, first, last)

    monkeypatch.setattr(convert, "_parse_run", counted)
    city = _read_by_collection(SYNTH_TEXT.encode("utf-8"), run=run)
    assert city is not None
    assert city == _read_whole(SYNTH_TEXT)
    assert ends == sorted(ends)
    if run < 50_000:
        assert len(ends) > len(SYNTH_TEXT) // 50_000


@pytest.mark.usefixtures("forbid_whole")
def test_from_json_reads_a_regular_text_by_collection() -> None:
    for text, city in [
        (SEED_TEXT, examples.seed_city()),
        (SYNTH_TEXT, synth.city(seed=0, scale=0.01)),
    ]:
        assert convert.from_json(text) == city
        assert convert.from_json(text.encode("utf-8")) == city


def test_the_split_finds_every_collection_of_the_synthetic_text() -> None:
    spans = split(SYNTH_TEXT)
    assert spans is not None
    document = json.loads(SYNTH_TEXT)
    assert [name for name, _, _ in spans[1]] == [k for k in document if k in COLLECTIONS]
    for name, start, end in spans[1]:
        assert json.loads(SYNTH_TEXT[start:end]) == document[name]


# --------------------------------------------------------------------------- irregular texts


def _seed_with(**changes: Any) -> str:
    doc = json.loads(SEED_TEXT)
    doc.update(changes)
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def _reordered() -> str:
    doc = json.loads(SEED_TEXT)
    keys = list(doc)
    return json.dumps({k: doc[k] for k in [*keys[:3], *reversed(keys[3:])]}, separators=(",", ":"))


def _head_reordered() -> str:
    doc = json.loads(SEED_TEXT)
    keys = ["id", "format_version", *list(doc)[2:]]
    return json.dumps({k: doc[k] for k in keys}, ensure_ascii=False, separators=(",", ":"))


def _first_compound(**changes: Any) -> str:
    doc = json.loads(SEED_TEXT)
    doc["compounds"][0].update(changes)
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def _without(collection: str) -> str:
    doc = json.loads(SEED_TEXT)
    del doc[collection]
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


def _an_empty_collection() -> str:
    doc = json.loads(SEED_TEXT)
    assert list(doc)[-2:] == ["whistles", "activities"]
    doc["whistles"] = []
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"))


_COMPOUND = '{"id":"c-jinan","name":"金安小区"'

IRREGULAR = {
    "keys in another order": _reordered(),
    "head keys in another order": _head_reordered(),
    "indented": to_json(examples.seed_city(), indent=2),
    "a space after each separator": SEED_TEXT.replace(",", ", ").replace(":", ": "),
    "white space around the document": "\n " + SEED_TEXT + "\n",
    "a collection missing": _without("whistles"),
    "a collection others need missing": _without("people"),
    "an empty collection written": _an_empty_collection(),
    "a string holding the framing": _first_compound(name='x],"people":[{"id":"p"}],"x'),
    "a string holding a colon": _first_compound(name="a:b"),
    "a string holding a colon, a key twice": SEED_TEXT.replace(
        _COMPOUND, _COMPOUND + ',"name":"a:b"', 1
    ),
    "a key twice in an entity": SEED_TEXT.replace(_COMPOUND, _COMPOUND + ',"name":"x"', 1),
    "a key twice in a membership": SEED_TEXT.replace(
        '"party":{', '"party":{"since":"2001-01-01","since":"2001-01-01",', 1
    ),
    "a collection twice": SEED_TEXT[:-1] + ',"districts":[]}',
    "a collection twice, apart": SEED_TEXT.replace(
        ',"subdistricts":[', ',"districts":[{"id":"d-x","name":"x"}],"subdistricts":[', 1
    ),
    "a head key twice": SEED_TEXT.replace('"name":', '"id":"y","name":', 1),
    "an unknown top key": SEED_TEXT[:-1] + ',"zz":[]}',
    "an unknown top key inside the collections": SEED_TEXT.replace(
        ',"compounds":[', ',"zz":[1],"compounds":[', 1
    ),
    "a collection's key inside an entity": _first_compound(people=[]),
    "a collection's key after a list inside an entity": SEED_TEXT.replace(
        _COMPOUND, _COMPOUND + ',"zz":[],"people":[]', 1
    ),
    "an ill-typed field": SEED_TEXT.replace('"households":120', '"households":"120"', 1),
    "an ill-typed collection": _seed_with(lanes={"id": "x"}),
    "an item that is no object": SEED_TEXT.replace('"compounds":[', '"compounds":[1,', 1),
    "an ill-typed name": _seed_with(name=7),
    "a newer format": SEED_TEXT.replace('"format_version":1', '"format_version":99', 1),
    "a format version of leading zeros": SEED_TEXT.replace(
        '"format_version":1', '"format_version":01', 1
    ),
    "a dangling reference": SEED_TEXT.replace('"community":"cm-jinan"', '"community":"nope"', 1),
    "NaN": SEED_TEXT.replace('"households":120', '"households":NaN', 1),
    "a number of many digits": SEED_TEXT.replace('"households":120', '"households":' + "9" * 5000),
    "deep nesting in a collection": SEED_TEXT.replace(
        '"compounds":[', '"compounds":[' + "[" * 100_000 + "]" * 100_000 + ",", 1
    ),
    "a lone surrogate escaped": SEED_TEXT.replace('"name":"金安小区"', '"name":"金安\\udc00"', 1),
    "no collection": '{"format_version":1,"id":"x","name":"y"}',
    "an empty document": "{}",
    "not an object": "[1,2]",
    "empty": "",
}


@pytest.mark.parametrize("name", list(IRREGULAR))
def test_an_irregular_text_gives_what_the_whole_text_gives(name: str) -> None:
    same_as_whole(IRREGULAR[name])


def test_each_irregular_text_differs_from_the_regular_one() -> None:
    assert SEED_TEXT not in IRREGULAR.values()
    assert len(set(IRREGULAR.values())) == len(IRREGULAR)


def test_irregular_texts_still_read_are_the_city() -> None:
    for name in ["keys in another order", "indented", "white space around the document"]:
        assert same_as_whole(IRREGULAR[name]) == ("city", examples.seed_city())
    assert same_as_whole(IRREGULAR["a string holding the framing"])[0] == "city"
    assert "appears twice" in same_as_whole(IRREGULAR["a key twice in an entity"])[1]


@pytest.mark.usefixtures("forbid_whole")
def test_an_empty_collection_or_a_string_holding_a_colon_is_still_read_by_collection() -> None:
    for name in [
        "a collection missing",
        "an empty collection written",
        "a string holding a colon",
        "a string holding the framing",
        "no collection",
    ]:
        assert isinstance(convert.from_json(IRREGULAR[name]), City)


@pytest.mark.parametrize(
    "text",
    [
        SEED_TEXT.encode("utf-8").replace("金安".encode(), b"\xff\xfe", 1),
        SEED_TEXT.encode("utf-8").replace("金安".encode(), "金".encode()[:2], 1),
        SEED_TEXT.encode("utf-8").replace("金安".encode(), b"\xed\xa0\x80", 1),
        SEED_TEXT.encode("utf-16"),
        SEED_TEXT.encode("utf-8-sig"),
        b"\xff\xfe\xfa",
    ],
    ids=["not UTF-8", "a character cut", "a lone surrogate encoded", "UTF-16", "a BOM", "junk"],
)
def test_bytes_not_utf8_or_not_plain_give_what_the_whole_text_gives(text: bytes) -> None:
    same_as_whole(text)


def test_bytes_in_another_container_give_what_they_gave() -> None:
    encoded = SEED_TEXT.encode("utf-8")
    assert convert.from_json(bytearray(encoded)) == examples.seed_city()  # type: ignore[arg-type]
    with pytest.raises(DocumentError, match="not valid JSON: the JSON object must be str"):
        convert.from_json(memoryview(encoded))  # type: ignore[arg-type]


@given(st.data())
def test_a_truncated_text_gives_what_the_whole_text_gives(data: st.DataObject) -> None:
    forms: list[str | bytes] = [SEED_TEXT, SEED_TEXT.encode("utf-8")]
    text = data.draw(st.sampled_from(forms))
    cut = data.draw(st.integers(0, len(text) - 1))
    same_as_whole(text[:cut])


@given(mutations(SEED_DOCUMENT, copies=True))
def test_a_mutated_document_gives_what_the_whole_text_gives(doc: dict[str, Any]) -> None:
    same_as_whole(json.dumps(doc, ensure_ascii=False, separators=(",", ":")))


@given(st.data())
def test_a_text_with_a_byte_changed_gives_what_the_whole_text_gives(data: st.DataObject) -> None:
    text = bytearray(SEED_TEXT.encode("utf-8"))
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text) - 1))
        text[at] = data.draw(st.sampled_from(b'[]{},:"\\ 0a'))
    same_as_whole(bytes(text))


# --------------------------------------------------------------------------- files


def test_a_file_is_read_by_collection_giving_back_each_run_once_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    told: list[tuple[int, int]] = []
    real = convert._releaser

    def recording(mapped: Any) -> Any:
        release = real(mapped)
        assert release is not None  # this system takes the advice

        def record(start: int, end: int) -> None:
            told.append((start, end))
            release(start, end)

        return record

    monkeypatch.setattr(convert, "_releaser", recording)
    monkeypatch.setattr(convert, "_read_whole", lambda text: pytest.fail("read whole"))
    assert from_file(SYNTH_TEXT.encode("utf-8")) == convert.from_json(SYNTH_TEXT)
    size = len(SYNTH_TEXT.encode("utf-8"))
    assert told[0] == (0, size)  # once split, all of it
    runs = told[1:]
    assert len(runs) > 1
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(runs))  # in order, apart
    assert all(0 < start < end < size for start, end in runs)


def test_a_file_that_does_not_map_is_read_whole() -> None:
    encoded = SEED_TEXT.encode("utf-8")
    assert convert.read_file(io.BytesIO(encoded)) == examples.seed_city()
    read_end, write_end = os.pipe()
    writer = threading.Thread(target=lambda: (os.write(write_end, encoded), os.close(write_end)))
    writer.start()
    with os.fdopen(read_end, "rb") as pipe:
        assert convert.read_file(pipe) == examples.seed_city()
    writer.join()
    with tempfile.TemporaryFile() as empty, pytest.raises(DocumentError, match="not valid JSON"):
        convert.read_file(empty)


def test_a_file_is_read_from_its_start_and_left_open() -> None:
    with tempfile.TemporaryFile() as file:
        file.write(SEED_TEXT.encode("utf-8"))
        assert convert.read_file(file) == convert.read_file(file) == examples.seed_city()
        assert not file.closed


# --------------------------------------------------------------------------- writing in parts


@given(cities(), st.one_of(st.none(), st.integers(1, 40)))
def test_the_parts_of_the_text_join_to_it(city: City, batch: int | None) -> None:
    parts = list(convert.compact_parts(city, batch=batch))
    assert "".join(parts) == to_json(city)
    assert all(parts)


@pytest.mark.parametrize("batch", [0, -3, 2.5, True, "10"])
def test_a_batch_that_is_not_a_count_is_refused(batch: Any) -> None:
    with pytest.raises(InvalidArgumentError, match=f"batch must be .*, not {batch!r}"):
        convert.compact_parts(examples.seed_city(), batch=batch)


def test_the_fingerprint_is_the_digest_of_the_whole_text() -> None:
    city = synth.city(seed=0, scale=0.02)
    expected = hashlib.sha256(to_json(city).encode("utf-8")).hexdigest()
    assert document_fingerprint(city) == expected
    assert max(map(len, convert.compact_parts(city, batch=50))) < len(to_json(city)) / 20
