"""Documents: a :class:`~neighborparty.City` to and from plain dicts and JSON text.

A document is one JSON object::

    {"format_version": 1, "id": "xm", "name": "厦门",
     "districts": [{"id": "d-1", "name": "思明区"}, ...],
     "compounds": [{"id": "c-1", "name": "...", "community": "cm-1",
                    "households": 120, "kind": "managed"}, ...],
     ...}

Each collection of the City is a key holding a list of objects whose keys are the entity's
fields. Enums are written as their string values, dates as ``YYYY-MM-DD`` strings. A field
left at its default, and an empty collection, may be left out (and :func:`to_dict` leaves them
out).

Reading is strict: no coercion (``"120"`` is not ``120``, ``1`` is not ``true``), no unknown
keys, a known ``format_version``. Any malformed input raises :class:`~neighborparty.DocumentError`
listing every problem with its path; a well-formed document whose parts do not fit together
raises :class:`~neighborparty.IntegrityError`.
"""

from __future__ import annotations

import copyreg
import gc
import io
import itertools
import json
import mmap
import sys
from collections.abc import Callable, Iterator, Mapping
from typing import Any, BinaryIO

from neighborparty.convert._converter import (
    int_problem,
    join,
    make_converter,
    printable,
    problems_from,
    string_problem,
    type_name,
)
from neighborparty.convert._fastpath import (
    fast_columns,
    fast_reader,
    fast_text_writer,
    fast_writer,
    json_dumps,
    nested_fields,
    sharing,
)
from neighborparty.convert._split import runs, split
from neighborparty.convert.schema import json_schema
from neighborparty.errors import DocumentError, InvalidArgumentError, Problem, Problems
from neighborparty.model import COLLECTIONS, City
from neighborparty.model._gc import paused_gc
from neighborparty.model._references import REFERENCE_FIELDS

__all__ = [
    "FORMAT_VERSION",
    "compact_parts",
    "from_dict",
    "from_json",
    "json_schema",
    "make_converter",
    "problems_from",
    "read_file",
    "to_dict",
    "to_json",
]

FORMAT_VERSION = 1
"""The version of the document format this library writes and reads."""

_CONVERTER = make_converter()
_FAST_WRITERS = {cls: fast_writer(cls) for cls in COLLECTIONS.values()}
_TEXT_WRITERS = {cls: fast_text_writer(cls) for cls in COLLECTIONS.values()}
_COLUMNS = {cls: fast_columns(cls) for cls in COLLECTIONS.values()}
_FAST_READERS = {
    cls: fast_reader(cls, _CONVERTER.get_structure_hook, {"id", *REFERENCE_FIELDS.get(name, ())})
    for name, cls in COLLECTIONS.items()
}
_TOP_KEYS = frozenset({"format_version", "id", "name", *COLLECTIONS})
_NESTED = {name: nested_fields(cls) for name, cls in COLLECTIONS.items()}
"""Per collection, the fields whose value in a document is an object (a person's membership)."""


def to_dict(city: City) -> dict[str, Any]:
    """The document of a city, as plain dicts, lists, strings, numbers and booleans.

    Fields at their defaults and empty collections are left out.

    Examples:
        >>> from neighborparty import examples
        >>> doc = to_dict(examples.seed_city())
        >>> doc["format_version"], doc["compounds"][0]
        (1, {'id': 'c-jinan', 'name': '金安小区', 'community': 'cm-jinan', 'households': 120, 'kind': 'managed', 'residents': 350})
    """
    doc: dict[str, Any] = {"format_version": FORMAT_VERSION, "id": city.id, "name": city.name}
    with paused_gc():
        for name, cls in COLLECTIONS.items():
            entities = getattr(city, name)
            if entities:
                write = _FAST_WRITERS[cls]
                doc[name] = [write(e) for e in entities]
    return doc


def from_dict(data: Mapping[str, Any]) -> City:
    """The city a document describes.

    Args:
        data: A document, as :func:`to_dict` writes it or :func:`json.loads` reads it.

    Raises:
        DocumentError: The document is malformed; the message lists every problem with its
            path, e.g. ``compounds[3].households: expected int, got str``.
        IntegrityError: The document is well formed but its parts do not fit together.

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> from_dict(to_dict(city)) == city
        True
        >>> from_dict({"format_version": 1, "id": "x", "name": "x",
        ...            "compounds": [{"id": "c", "name": "c", "community": "cm",
        ...                           "households": "120", "kind": "big", "gate": 2}]})
        Traceback (most recent call last):
        ...
        neighborparty.errors.DocumentError: invalid document (3 problems):
          compounds[0].households: expected int, got str
          compounds[0].kind: expected one of 'managed', 'resettlement', 'unmanaged', 'old_quarter', got 'big'
          compounds[0].gate: unknown key
    """
    with paused_gc():
        return _from_dict(data, consume=False)


def _from_dict(data: Mapping[str, Any], *, consume: bool) -> City:
    """The city of a document; with ``consume``, each collection's list of objects is emptied
    once its entities are read (the document is the caller's own, read from text), so that the
    objects are freed while the rest is read."""
    if not isinstance(data, Mapping):
        raise DocumentError([Problem(path="", message=f"expected object, got {type_name(data)}")])
    _check_version(data)
    problems = Problems()
    for key in data:
        if key not in _TOP_KEYS:
            problems.append(Problem(path=join("", str(key)), message="unknown key"))
    head = _read_head(data, problems)
    collections: dict[str, Any] = {}
    failures = 0
    with sharing():  # the ids read share their strings until the last entity is read
        for name, cls in COLLECTIONS.items():
            items = data.get(name, [])
            if type(items) is not list:
                problems.append(
                    Problem(path=name, message=f"expected array, got {type_name(items)}")
                )
                continue
            collections[name], failures = _read_collection(name, cls, items, problems, failures)
            if consume:
                items.clear()
    if problems:
        raise DocumentError(problems)
    return City(id=head["id"], name=head["name"], **collections)


def _read_head(data: Mapping[str, Any], problems: Problems) -> dict[str, str]:
    """The id and the name of a document's city, those that are well formed; a problem for
    each that is not."""
    head: dict[str, str] = {}
    for key in ("id", "name"):
        if key not in data:
            problems.append(Problem(path=key, message="required key missing"))
        elif type(data[key]) is not str:
            problems.append(Problem(path=key, message=f"expected str, got {type_name(data[key])}"))
        elif (wrong := string_problem(data[key])) is not None:
            problems.append(Problem(path=key, message=wrong))
        else:
            head[key] = data[key]
    return head


def _read_collection(
    name: str, cls: type[Any], items: list[Any], problems: Problems, failures: int
) -> tuple[list[Any], int]:
    """The entities of a collection, with the count of failures so far: in one pass of the
    fast path if it reads them all, else one by one (:func:`_read_each`)."""
    try:
        # Well-formed objects, the rule, are read in one pass of the fast path.
        return list(map(_FAST_READERS[cls], items)), failures
    except Exception:  # noqa: BLE001 - read one by one, the converter says what is wrong
        return _read_each(name, cls, items, problems, failures)


def _read_each(
    name: str, cls: type[Any], items: list[Any], problems: Problems, failures: int
) -> tuple[list[Any], int]:
    """The entities of a collection read one by one: the fast path where it can, the
    converter where it cannot, and a problem for each object neither reads; with the count of
    failures so far."""
    hook = _CONVERTER.get_structure_hook(cls)
    fast = _FAST_READERS[cls]
    structured = []
    for i, item in enumerate(items):
        try:
            structured.append(fast(item))
        except Exception:  # noqa: BLE001 - the converter says what is wrong
            try:
                structured.append(hook(item, cls))
            except Exception as exc:  # noqa: BLE001 - every failure becomes a problem
                problems.extend(problems_from(exc, f"{name}[{i}]"))
                failures += 1
                if failures % 256 == 0:
                    # The converter's errors hold reference cycles (tracebacks), which only
                    # the paused collector frees: free those of the last failures now.
                    gc.collect(0)
    return structured, failures


def _reduce_city(city: City) -> tuple[Callable[..., City], tuple[Any, ...]]:
    """How a City pickles: its id, its name and each collection's fields as columns (few
    containers, each value once, no key repeated, which the pickler writes and reads at its
    own speed), made back into entities as the fast path makes them and checked as any City
    is. Registered with :mod:`copyreg`, so that :mod:`pickle`, :mod:`copy`, process pools and
    Dask send cities this way; the edit history, the indexes and what other layers derived are
    left behind, and rebuilt on first use.

    Examples:
        >>> import pickle
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> pickle.loads(pickle.dumps(city)) == city
        True
    """
    with paused_gc():
        columns = {
            name: _COLUMNS[cls][0](getattr(city, name))
            for name, cls in COLLECTIONS.items()
            if getattr(city, name)
        }
    return _city_of_columns, (city.id, city.name, columns)


def _city_of_columns(id: str, name: str, columns: dict[str, tuple[Any, ...]]) -> City:
    """The City a pickle holds (see :func:`_reduce_city`)."""
    with paused_gc(settle=True):
        collections = {key: _COLUMNS[COLLECTIONS[key]][1](value) for key, value in columns.items()}
        return City(id=id, name=name, **collections)


copyreg.pickle(City, _reduce_city)


def _check_version(data: Mapping[str, Any]) -> None:
    if "format_version" not in data:
        raise DocumentError(
            [
                Problem(
                    path="format_version",
                    message=f"required key missing (expected {FORMAT_VERSION})",
                )
            ]
        )
    version = data["format_version"]
    if type(version) is not int:
        raise DocumentError(
            [Problem(path="format_version", message=f"expected int, got {type_name(version)}")]
        )
    if version != FORMAT_VERSION:
        message = int_problem(version) or (
            f"unsupported version {version}; "
            f"this version of neighborparty reads version {FORMAT_VERSION}"
        )
        raise DocumentError([Problem(path="format_version", message=message)])


def to_json(city: City, *, indent: int | None = None) -> str:
    """The document of a city as JSON text: compact, or indented by ``indent`` spaces; UTF-8
    characters are kept as they are.

    Examples:
        >>> from neighborparty import examples
        >>> text = to_json(examples.seed_city())
        >>> text[:36]
        '{"format_version":1,"id":"xm-demo","'
    """
    if indent is not None:
        with paused_gc():
            return json.dumps(
                to_dict(city),
                ensure_ascii=False,
                indent=indent,
                separators=(",", ": "),
                allow_nan=False,
            )
    return "".join(compact_parts(city))


def compact_parts(city: City, *, batch: int | None = None) -> Iterator[str]:
    """The compact text of :func:`to_json`, in parts that join to it: the text of to_dict's
    document written entity by entity, with no dicts made, a collection in one part or in
    parts of ``batch`` entities (so that a digest of the text need not hold all of it).

    Raises:
        InvalidArgumentError: ``batch`` is not a whole number of at least 1.

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> "".join(compact_parts(city, batch=2)) == to_json(city)
        True
    """
    if batch is not None and (isinstance(batch, bool) or not isinstance(batch, int) or batch < 1):
        raise InvalidArgumentError(f"batch must be a whole number of at least 1, not {batch!r}")
    return _compact_parts(city, batch)


def _compact_parts(city: City, batch: int | None) -> Iterator[str]:
    yield f'{{"format_version":{FORMAT_VERSION},"id":'
    yield json_dumps(city.id)
    yield ',"name":'
    yield json_dumps(city.name)
    for name, cls in COLLECTIONS.items():
        entities = getattr(city, name)
        if not entities:
            continue
        write = _TEXT_WRITERS[cls]
        yield f',"{name}":['
        step = len(entities) if batch is None else batch
        for start in range(0, len(entities), step):
            yield ("," if start else "") + ",".join(map(write, entities[start : start + step]))
        yield "]"
    yield "}"


def from_json(text: str | bytes) -> City:
    """The city a JSON document describes.

    A document written as :func:`to_json` writes it is read one collection at a time, each in
    runs of about a megabyte, so that its parsed objects are not all in memory at once; any
    other text is read whole, which gives the same city or says what is wrong.

    Raises:
        DocumentError: The text is not JSON, or the document is malformed.
        IntegrityError: The document is well formed but its parts do not fit together.

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> from_json(to_json(city)) == city
        True
        >>> from_json('{"format_version": 1,')
        Traceback (most recent call last):
        ...
        neighborparty.errors.DocumentError: invalid document (1 problem):
          not valid JSON: Expecting property name enclosed in double quotes: line 1 column 22 (char 21)
    """
    with paused_gc(settle=True):
        # Only what the JSON reader reads: any other value is refused as it always was.
        city = _read_by_collection(text) if isinstance(text, (str, bytes, bytearray)) else None
        return city if city is not None else _read_whole(text)


def read_file(file: BinaryIO) -> City:
    """The city of the document in a file open for reading bytes, as :func:`from_json` reads
    the file's bytes. A file on disk is mapped to memory rather than read into it, and the
    memory of each run of its text given back to the system once the run's entities are read
    (where the system takes such advice), so that the text is never resident whole beside the
    city being read; anything else (a pipe, an empty file, a file object that decompresses
    another) is read whole. The file is read from its start (what was written to it flushed
    first) and left open.

    The text must not change while it is read (a file cut short under the mapping ends the
    process, as it would any program mapping it).

    Raises:
        DocumentError: The text is not JSON, or the document is malformed.
        IntegrityError: The document is well formed but its parts do not fit together.
        OSError: The file cannot be read.

    Examples:
        >>> import tempfile
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> with tempfile.TemporaryFile() as file:
        ...     _ = file.write(to_json(city).encode())
        ...     read_file(file) == city
        True
    """
    mapped = None
    if isinstance(getattr(file, "raw", file), io.FileIO):  # not a file decompressed, say
        try:
            file.flush()  # what was written to it and is still buffered
            mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # empty, a pipe, a terminal ...
            mapped = None
    if mapped is None:
        if file.seekable():
            file.seek(0)
        return from_json(file.read())
    with paused_gc(settle=True):
        with mapped:
            city = _read_by_collection(mapped, release=_releaser(mapped))
        if city is not None:
            return city
        file.seek(0)  # read whole, the mapping closed first so as not to hold the text twice
        return _read_whole(file.read())


def _releaser(mapped: mmap.mmap) -> Callable[[int, int], None] | None:
    """What gives back the memory holding part of a file mapped for reading (the pages within
    it, read again from the file if touched again), or ``None`` where the system takes no
    such advice. Only for such a mapping: the pages of any other are lost, not given back."""
    advise = getattr(mapped, "madvise", None)
    flag: int | None = getattr(mmap, "MADV_DONTNEED", None)
    if advise is None or flag is None:
        return None
    page = mmap.PAGESIZE

    def release(start: int, end: int) -> None:
        first = start - start % page
        if end > first:
            advise(flag, first, end - first)

    return release


def _read_whole(text: str | bytes) -> City:
    """The city of a document's text parsed whole, at once: any text, which if it is wrong
    says what is (the reader of :func:`from_json` for texts :func:`_read_by_collection` does
    not read)."""
    data, proven = _parse(text)
    if not proven:
        data = _parse_watching_keys(text)
    try:
        return _from_dict(data, consume=True)
    except DocumentError:
        if proven:
            _parse_watching_keys(text)  # a key twice is said first, as it always was
        raise


_RUN = 1 << 20
"""About how much text of a collection's array :func:`_read_by_collection` parses at once."""


def _read_by_collection(
    text: str | bytes | bytearray | mmap.mmap,
    *,
    run: int = _RUN,
    release: Callable[[int, int], None] | None = None,
) -> City | None:
    """The city of a document's text read one collection at a time, or ``None`` if the text
    is not written as :func:`to_json` writes it or anything in it is wrong (the caller then
    reads it as a whole, which says what is wrong as it always did).

    The text is split (:func:`~neighborparty.convert._split.split`, which says why the split is
    sound once each span parses), the head parsed and read, then each collection's array in
    runs of its items of about ``run`` bytes or characters, a megabyte unless told
    (:func:`~neighborparty.convert._split.runs`): each run is parsed, its entities read and
    its parsed objects freed before the next is parsed. So one run's parsed objects at most
    are alive beside the entities read so far, where a whole text parsed at once has all of
    them alive together. ``release``, if given, is told of each part of the text read (all
    of it once split, then each run once parsed), which a mapped file gives back.

    The text holds the same value :func:`json.loads` reads from it, so the city is the one
    :func:`_from_dict` reads from it. A key twice in one object is refused by a proof as in
    :func:`_parse`, run by run (each colon is in one run, in the head or in the framing,
    whose keys are all different), or where it fails by reading the run again watching for
    one. Any problem, in the head or an entity, gives ``None``: this reader never says what is
    wrong with a document. An :class:`~neighborparty.IntegrityError` is raised as it is: the
    entities are those :func:`_from_dict` reads, and the same City refuses them.

    Examples:
        >>> from neighborparty import examples
        >>> text = to_json(examples.seed_city())
        >>> _read_by_collection(text) == _read_by_collection(text.encode()) == from_json(text)
        True
        >>> _read_by_collection(text.replace(",", ", ")) is None
        True
    """
    spans = split(text)
    if spans is None:
        return None
    if release is not None:
        release(0, len(text))
    end_of_head, collections_at = spans
    try:
        head = json.loads(_piece(text, 0, end_of_head) + "}", parse_constant=_reject_constant)
        _check_version(head)
    except (ValueError, RecursionError, DocumentError):
        return None
    problems = Problems()
    names = _read_head(head, problems)
    collections: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
    failures = 0
    with sharing():  # the ids read share their strings until the last entity is read
        for name, start, end in collections_at:
            entities = collections[name]
            for first, last in runs(text, start, end, run):
                items = _parse_run(name, text, first, last)
                if items is None:
                    return None
                if release is not None:
                    release(first, last)
                read, failures = _read_collection(
                    name, COLLECTIONS[name], items, problems, failures
                )
                if problems:
                    return None
                entities.extend(read)
                del items, read
    return City(id=names["id"], name=names["name"], **collections)


def _parse_run(name: str, text: str | bytes | bytearray | mmap.mmap, first: int, last: int) -> Any:
    """The items of a collection that ``text[first:last]`` holds (see
    :func:`~neighborparty.convert._split.runs`), as a list of at least one item, each of
    whose objects holds each key once; ``None`` if the run is not such a list."""
    try:
        piece = "[" + _piece(text, first, last) + "]"
        items = json.loads(piece, parse_constant=_reject_constant)
    except (ValueError, RecursionError):
        return None
    if type(items) is not list or not items:
        return None
    try:
        if _keys_in(name, items) == piece.count(":"):
            return items
    except TypeError:  # an item that is no object: not proven
        pass
    return _parse_watching(piece)


def _piece(text: str | bytes | bytearray | mmap.mmap, start: int, end: int) -> str:
    """Part of a text, as a string: bytes are read as UTF-8, a lone surrogate
    encoded in it let through, as :func:`json.loads` reads bytes (where the JSON reader is to
    refuse it); a :class:`UnicodeDecodeError` if it is not UTF-8."""
    if isinstance(text, str):
        return text[start:end]
    with memoryview(text) as whole, whole[start:end] as part:
        return str(part, "utf-8", "surrogatepass")


def _parse_watching(piece: str) -> Any:
    """The JSON value of a text (one that parses), or ``None`` if an object in it holds a key
    twice."""
    twice = False

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal twice
        found = dict(pairs)
        twice = twice or len(found) != len(pairs)
        return found

    value = json.loads(piece, parse_constant=_reject_constant, object_pairs_hook=unique)
    return None if twice else value


def _parse(text: str | bytes) -> tuple[Any, bool]:
    """The JSON value of a text, strictly: no NaN or Infinity, no key twice in one object, no
    nesting deeper than Python can read (a document nests four levels: a collection, an
    entity, a membership, a list of ids); any failure is a :class:`DocumentError`.

    The text is read into the JSON reader's own objects, which keep the last value of a key
    written twice: the value is returned with whether :func:`_keys_read` proves that no key
    was (if not, the caller reads the text again with :func:`_parse_watching_keys`).
    """
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise DocumentError(
            [Problem(path="", message="arrays and objects nested too deeply to read")]
        ) from None
    except (ValueError, TypeError) as exc:
        raise DocumentError([Problem(path="", message=_not_json(exc))]) from None
    colons = text.count(b":") if isinstance(text, bytes) else text.count(":")
    return data, _keys_read(data) == colons


def _not_json(exc: Exception) -> str:
    if "integer string conversion" in str(exc):
        return f"holds a number of more than {sys.get_int_max_str_digits():,} digits"
    return f"not valid JSON: {exc}"


def _keys_read(data: Any) -> int:
    """How many keys the objects of a document hold, counting its entities and their
    memberships (other objects are not counted), if its collections hold only objects.

    Every key written in a JSON text is followed by a colon outside any string, and a string
    may hold colons of its own: the text holds at least as many colons as keys written, and a
    key written twice in one object is one key of the object read. So when the keys read
    number the colons of the text, no key was written twice (the proof fails, and the caller
    looks closer, only when a string holds a colon or an object was not counted). Other values
    than objects in a collection may be counted as if they were (a list's length): the
    document then fails to read, and the caller looks closer before saying why.
    """
    if type(data) is not dict:
        return -1
    count = len(data)
    try:
        for name, value in data.items():
            if type(value) is list and value:
                count += _keys_in(name, value)
    except TypeError:  # a value that is no object: nothing proven
        return -1
    return count


def _keys_in(name: str, items: list[Any]) -> int:
    """How many keys the objects of one collection's list hold, with their memberships (as
    :func:`_keys_read` counts them); a :class:`TypeError` if an item or a membership is no
    object (some, such as strings, are counted instead, see :func:`_keys_read`)."""
    count = sum(map(len, items))
    for field in _NESTED.get(name, ()):
        count += sum(map(len, filter(None, map(dict.get, items, itertools.repeat(field)))))
    return count


def _parse_watching_keys(text: str | bytes) -> Any:
    """:func:`_parse`, watching every object of the text for a key written twice."""
    repeated: list[_Repeated] = []

    def unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        found = dict(pairs)
        if len(found) != len(pairs):
            found = _Repeated(found, pairs)
            repeated.append(found)
        return found

    try:
        data = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=unique)
    except RecursionError:
        raise DocumentError(
            [Problem(path="", message="arrays and objects nested too deeply to read")]
        ) from None
    except (ValueError, TypeError) as exc:
        raise DocumentError([Problem(path="", message=_not_json(exc))]) from None
    if repeated:
        raise DocumentError(_duplicates(data))
    return data


class _Repeated(dict[str, Any]):
    """An object of the text that holds a key twice: its value as read (the last wins), and
    its pairs as written, to say which key repeats where."""

    def __init__(self, found: dict[str, Any], pairs: list[tuple[str, Any]]) -> None:
        super().__init__(found)
        self.pairs = pairs


def _duplicates(data: Any) -> Problems:
    """Every key written twice in one object, with its path, in document order."""
    problems = Problems()
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, _Repeated):
            seen: dict[str, int] = {}
            for position, (key, _item) in enumerate(value.pairs):
                if key in seen:
                    problems.append(
                        Problem(
                            path=join(path, key),
                            message=f"key {printable(key)!r} appears twice in one object "
                            f"(keys {seen[key] + 1} and {position + 1}): reading never guesses "
                            "which one is meant",
                        )
                    )
                else:
                    seen[key] = position
        if isinstance(value, dict):
            stack.extend((join(path, key), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((join(path, i), item) for i, item in reversed(list(enumerate(value))))
    return problems


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")
