"""A City as pandas tables, one per sheet a community keeps, and the City such tables describe.

Reading goes through the library's strict reader of documents: the tables are translated into
the document's dicts (each cell into its JSON value, by the kind of its column), given to
:func:`neighborparty.from_dict`, and the paths of the problems it finds are translated back
into sheets, rows and columns. Only what a table can hold and a document cannot is decided here:
empty cells, numbers and days written as text (a CSV file), days read as date-times (an Excel
workbook), and lists of ids spread over the rows of a link sheet.
"""

from __future__ import annotations

import difflib
import enum
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from neighborparty.convert import FORMAT_VERSION, from_dict
from neighborparty.convert._converter import printable, type_name
from neighborparty.errors import DocumentError, IntegrityError, Problem
from neighborparty.frames._layout import CITY, LAYOUT, LINK_SHEETS, Column, Sheet
from neighborparty.model import COLLECTIONS, City
from neighborparty.model._frames import require_pandas
from neighborparty.model._references import NOUN

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["FIRST_ROW", "from_frames", "to_frames"]

FIRST_ROW = 2
"""The number a problem's path gives the first row of a sheet: the header is row 1, as a
spreadsheet numbers its rows (and a CSV file its lines), so ``people[row 12]`` is the frame's
``iloc[10]``."""

_DTYPES = {"int": ("int64", "Int64"), "float": ("float64", "float64"), "bool": ("bool", "boolean")}
"""The dtype of a column of numbers or booleans, when every row has a value and when some may
not; every other column is of ``object`` dtype, holding ``str``, ``datetime.date`` or ``None``."""


# ----------------------------------------------------------------------------- writing


def to_frames(city: City) -> dict[str, pd.DataFrame]:
    """The tables of a city: one DataFrame per sheet of :data:`SHEETS`, in its order.

    The ``city`` sheet holds one row: ``format_version``, ``id`` and ``name``. Each collection
    has a sheet of one row per entity and one column per field, in the document's order; a
    nested value is flattened into prefixed columns (``party.standing``,
    ``four_haves.capability``, ``coordinates.longitude``); a list of ids is a link sheet of its
    own (``organizations.covers``: one row per organisation and place it covers, in order).
    Every sheet is there, an empty collection as a sheet of columns and no rows.

    Values are the City's: text as ``str``, days as :class:`datetime.date` (``object`` dtype),
    enumerations as their string values; integers ``int64``, numbers ``float64`` and booleans
    ``bool``, each nullable (``Int64``, ``NaN``, ``boolean``) where a value may be absent. An
    absent value is ``None``, ``NaN`` or ``<NA>``. Needs the ``pandas`` extra.

    Raises:
        ImportError: pandas is not installed.

    Examples:
        >>> from neighborparty import examples
        >>> frames = to_frames(examples.seed_city())
        >>> frames["compounds"][["id", "households", "kind", "residents"]].head(2)
                id  households     kind  residents
        0  c-jinan         120  managed        350
        1   c-east          70  managed       <NA>
        >>> frames["people"][["id", "home", "party.standing", "party.joined"]].head(2)
               id       home party.standing party.joined
        0   p-lin  b-jinan-1           full   1995-07-01
        1  p-chen  b-jinan-1           full   2000-07-01
        >>> frames["organizations.covers"].head(3)
          organization     place
        0        swc-1       s-1
        1     cc-jinan  cm-jinan
        2       cc-old    cm-old
    """
    require_pandas()
    import pandas as pd

    frames: dict[str, pd.DataFrame] = {}
    for name, sheet in LAYOUT.items():
        if sheet.collection is None:
            values: dict[str, list[Any]] = {
                "format_version": [FORMAT_VERSION],
                "id": [city.id],
                "name": [city.name],
            }
        elif sheet.field is None:
            entities = getattr(city, sheet.collection)
            values = {column.name: list(map(_getter(column), entities)) for column in sheet.columns}
        else:
            owners: list[str] = []
            items: list[str] = []
            for entity in getattr(city, sheet.collection):
                listed = getattr(entity, sheet.field)
                owners.extend([entity.id] * len(listed))
                items.extend(listed)
            values = dict(zip(sheet.names, (owners, items), strict=True))
        frames[name] = pd.DataFrame(
            {column.name: _series(values[column.name], column) for column in sheet.columns}
        )
    return frames


def _getter(column: Column) -> Callable[[Any], Any]:
    key, inner = column.key, column.inner

    def get(entity: Any) -> Any:
        value = getattr(entity, key)
        if inner is not None and value is not None:
            value = value[inner] if isinstance(inner, int) else getattr(value, inner)
        return value.value if isinstance(value, enum.Enum) else value

    return get


def _series(values: list[Any], column: Column) -> pd.Series[Any]:
    import pandas as pd

    dtypes = _DTYPES.get(column.kind)
    if dtypes is not None:
        try:
            return pd.Series(values, dtype=dtypes[column.nullable])
        except (OverflowError, TypeError, ValueError):  # an integer beyond 64 bits
            pass
    return pd.Series(values, dtype=object)


# ----------------------------------------------------------------------------- reading


def from_frames(frames: Mapping[str, pd.DataFrame]) -> City:
    """The city that tables describe, as :func:`to_frames` writes them or pandas reads them.

    Each cell is read by the kind of its column, strictly:

    - an *empty* cell (``None``, ``NaN``, ``<NA>``, ``NaT`` or ``""``) means the value is
      absent: its default applies, or, where the value is required, it is a problem. In a
      required text column (a name) an empty cell is the empty text. So an empty text where a
      value may be absent (a whistle's ``department`` of ``""``) reads back as absent, the one
      value of a City that its tables do not keep;
    - text is taken as it is: ``"001"`` stays ``"001"``, and a number in a text or id column
      is refused;
    - an integer is an ``int``, or text such as ``"120"``; ``120.0`` and ``"120.0"`` are not;
    - a number is an ``int`` or a ``float``, or text such as ``"12000.5"``;
    - ``true`` or ``false`` is a ``bool``, or the text ``"True"`` or ``"False"`` in any case;
    - a day is a :class:`datetime.date`, a date-time at midnight (what a spreadsheet gives), or
      text ``YYYY-MM-DD``;
    - an enumeration is its string value.

    So ``pandas.read_csv(path, dtype=str, keep_default_na=False)`` and
    ``pandas.read_excel(path, sheet_name=None, dtype=object, keep_default_na=False)`` give
    tables that read back as written.

    Args:
        frames: DataFrames by sheet name, as :data:`SHEETS` lists them. The ``city`` sheet is
            required; any other sheet may be left out (an empty collection), and so may any
            column whose field has a default. Rows are read in order (the index is not read).

    Raises:
        DocumentError: The tables are malformed: unknown sheets or columns, a missing required
            sheet or column, a cell that is not of its column's kind. Every problem is listed
            (up to :data:`~neighborparty.errors.MAX_PROBLEMS`) with a path naming the sheet,
            the row as a spreadsheet numbers it (the header is row 1) and the column, e.g.
            ``people[row 12].party.standing: expected one of 'full', 'probationary', got 'ful'``.
        IntegrityError: The tables are well formed but do not fit together (a home that names
            no building, a link row whose owner is not in its sheet); paths as above.
        ImportError: pandas is not installed.

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> frames = to_frames(city)
        >>> from_frames(frames) == city
        True
        >>> people = frames["people"].astype(object)
        >>> people.loc[3, "party.standing"] = "ful"
        >>> people.loc[5, "home"] = None
        >>> from_frames({**frames, "people": people, "peopel": people})
        Traceback (most recent call last):
        ...
        neighborparty.errors.DocumentError: invalid document (3 problems):
          peopel: unknown sheet; did you mean 'people'?
          people[row 5].party.standing: expected one of 'full', 'probationary', got 'ful'
          people[row 7].home: required, but the cell is empty
    """
    require_pandas()
    import pandas as pd

    return _Reader(pd).read(frames)


_WHOLE_FLOATS = (
    "pandas makes floats of the whole numbers and booleans of a column with empty cells: "
    "read the sheet with dtype=object"
)


def _whole(value: Any) -> bool:
    return type(value) is float and value.is_integer()


_EMPTY: Any = object()
"""What an empty cell reads as."""

_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_BOOLS = {"true": True, "false": False}
_ENTITY_PATH = re.compile(r"([a-z_]+)\[([0-9]+)\](.*)", re.DOTALL)
_ELEMENT = re.compile(r"\.([a-z_]+)\[([0-9]+)\]")
_TYPE_TAIL = re.compile(r"(expected .*), got [A-Za-z_0-9]+")
_EMBEDDED = re.compile(
    r"(, first used at |is also the id of )(" + "|".join(COLLECTIONS) + r")\[([0-9]+)\]$"
)
"""The path of another entity that an integrity message ends with (a duplicate id's first
use)."""
_COLUMNS = {
    (name, column.key, column.inner): column
    for name, sheet in LAYOUT.items()
    for column in sheet.columns
}
_SHEET_RANK = {name: rank for rank, name in enumerate(LAYOUT)}

Rank = tuple[int, int, int]
"""Where a problem stands in the tables, to list problems in their order: the sheet, the row
and the column, each ``-1`` for a problem of no sheet, of the whole sheet or of the whole row."""


def _rank(sheet: str | None, row: int = -1, column: str | None = None) -> Rank:
    if sheet is None:
        return (-1, -1, -1)
    names = LAYOUT[sheet].names
    return (_SHEET_RANK[sheet], row, names.index(column) if column in names else -1)


def _normal(value: Any, pd: Any) -> Any:
    """A cell's value as a plain Python value, or :data:`_EMPTY`."""
    kind = type(value)
    if kind is str:
        return value if value else _EMPTY
    if kind is float:
        return _EMPTY if value != value else value
    if kind is int or kind is bool or kind is date:
        return value
    if value is None or value is pd.NA or value is pd.NaT:
        return _EMPTY
    if isinstance(value, str):  # numpy's str_, a StrEnum member
        return str(value) or _EMPTY
    if kind.__module__ == "numpy" and getattr(value, "ndim", None) == 0:  # a numpy scalar
        return _normal(value.item(), pd)
    if isinstance(value, float):
        return _EMPTY if value != value else float(value)
    return value


def _decode(kind: str, value: Any) -> tuple[Any, bool]:
    """A cell's JSON value for a column of this kind, and whether it is one; when it is not,
    the value is handed on as it is and the converter says what is wrong with it."""
    cls = type(value)
    if kind in ("id", "text", "enum"):
        return value, cls is str
    if kind == "int":
        if cls is str and _INT.fullmatch(value):
            try:
                return int(value), True
            except ValueError:  # more digits than Python reads
                return value, False
        return value, cls is int
    if kind == "float":
        if cls is str and _FLOAT.fullmatch(value):
            return float(value), True
        return value, cls is int or cls is float
    if kind == "bool":
        if cls is str and value.lower() in _BOOLS:
            return _BOOLS[value.lower()], True
        return value, cls is bool
    # a day
    if isinstance(value, datetime):
        if value.tzinfo is None and value.time() == datetime.min.time():
            return value.date().isoformat(), True
        return value, False
    if cls is date:
        return value.isoformat(), True
    return value, cls is str


def _describe(value: Any) -> str:
    """A cell's value as a message shows it."""
    if isinstance(value, datetime):
        return f"a date and time {value.isoformat(sep=' ')}"
    shown = repr(printable(value) if isinstance(value, str) else value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _suggest(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


class _Reader:
    """One reading of tables: the document they translate into, and where each of its values
    came from."""

    def __init__(self, pd: Any) -> None:
        self.pd = pd
        self.problems: list[tuple[Rank, Problem]] = []
        self.integrity: list[tuple[Rank, Problem]] = []
        self.present: dict[str, set[str]] = {}
        self.rows: dict[str, list[int]] = {}
        self.links: dict[tuple[str, int, str], list[int]] = {}
        self.raw: dict[str, Any] = {}

    # ------------------------------------------------------------------ the tables

    def read(self, frames: Mapping[str, pd.DataFrame]) -> City:
        if not isinstance(frames, Mapping):
            raise DocumentError(
                [
                    Problem(
                        path="",
                        message="expected a mapping of sheet names to DataFrames, "
                        f"got {type(frames).__name__}",
                    )
                ]
            )
        tables: dict[str, dict[str, list[Any]]] = {}
        lengths: dict[str, int] = {}
        known = list(LAYOUT)
        for name, frame in frames.items():
            shown = printable(str(name))
            if not isinstance(name, str) or name not in LAYOUT:
                self._problem(_rank(None), shown, "unknown sheet" + _suggest(shown, known))
            elif not isinstance(frame, self.pd.DataFrame):
                self._problem(_rank(name), name, f"expected a DataFrame, got {type_name(frame)}")
            else:
                columns = self._columns(name, LAYOUT[name], frame)
                if columns is not None:
                    tables[name] = columns
                    lengths[name] = len(frame)
        doc: dict[str, Any] = {"format_version": FORMAT_VERSION, "id": "", "name": ""}
        doc.update(self._city(tables.get(CITY), lengths.get(CITY, 0), CITY in frames))
        ids: dict[str, dict[str, int]] = {}
        for collection in COLLECTIONS:
            if collection in tables:
                doc[collection], ids[collection] = self._entities(
                    collection, tables[collection], lengths[collection]
                )
        for (collection, _field), name in LINK_SHEETS.items():
            if name in tables and (collection in ids or collection not in frames):
                owners = doc.setdefault(collection, [])
                self._links(name, tables[name], lengths[name], owners, ids.get(collection, {}))
        return self._build(doc)

    def _columns(self, name: str, sheet: Sheet, frame: pd.DataFrame) -> dict[str, list[Any]] | None:
        """The known columns of a sheet as lists, or ``None`` when a required one is missing
        and its rows cannot be read."""
        rank = _rank(name)
        found: dict[str, int] = {}
        twice: set[str] = set()
        fields = {field for collection, field in LINK_SHEETS if collection == name}
        for position, label in enumerate(frame.columns):
            shown = printable(str(label))
            if isinstance(label, str) and label in sheet.names:
                if label in found and label not in twice:
                    twice.add(label)
                    self._problem(rank, f"{name}.{shown}", "the column appears more than once")
                found.setdefault(label, position)
            elif shown in fields:
                link = LINK_SHEETS[name, shown]
                self._problem(
                    rank,
                    f"{name}.{shown}",
                    f"unknown column; a list of ids goes in the sheet {link!r}, one id a row",
                )
            else:
                hint = _suggest(shown, [n for n in sheet.names if n not in found])
                self._problem(rank, f"{name}.{shown}", "unknown column" + hint)
        self.present[name] = set(found)
        missing = [c.name for c in sheet.columns if c.required and c.name not in found]
        if name != CITY and not len(frame):
            missing = []  # a sheet of no rows needs no columns
        for column in missing:
            self._problem(_rank(name, -1, column), f"{name}.{column}", "required column missing")
        if missing and name != CITY:
            return None
        return {label: frame.iloc[:, position].tolist() for label, position in found.items()}

    def _cells(
        self, sheet: Sheet, columns: dict[str, list[Any]], row: int
    ) -> list[tuple[Column, Any]]:
        """The filled-in cells of one row, as plain values."""
        cells = []
        for column in sheet.columns:
            values = columns.get(column.name)
            if values is not None:
                value = _normal(values[row], self.pd)
                if value is not _EMPTY:
                    cells.append((column, value))
        return cells

    def _city(
        self, columns: dict[str, list[Any]] | None, length: int, given: bool
    ) -> dict[str, Any]:
        """The city's own values; those that cannot be read are left to the defaults of the
        document being built, so that the other sheets are still read."""
        rank = _rank(CITY)
        if columns is None:
            if not given:
                self._problem(
                    rank, CITY, "required sheet missing (one row: format_version, id, name)"
                )
            return {}
        if length != 1:
            self._problem(rank, CITY, f"expected one row, got {length or 'none'}")
            if not length:
                return {}
        self.rows[CITY] = [0]
        found: dict[str, Any] = {}
        for column in LAYOUT[CITY].columns:
            if column.name not in columns:
                continue
            value = _normal(columns[column.name][0], self.pd)
            if value is not _EMPTY:
                found[column.key] = self._value(column, value, column.key)
            elif column.blank is not None:
                found[column.key] = column.blank
            else:
                self._problem(
                    _rank(CITY, 0, column.name),
                    f"{CITY}[row {FIRST_ROW}].{column.name}",
                    "required, but the cell is empty",
                )
        return found

    def _value(self, column: Column, value: Any, path: str) -> Any:
        decoded, ok = _decode(column.kind, value)
        if not ok:
            self.raw[path] = value
        return decoded

    def _entities(
        self, collection: str, columns: dict[str, list[Any]], length: int
    ) -> tuple[list[dict[str, Any]], dict[str, int]]:
        sheet = LAYOUT[collection]
        rows: list[int] = []
        objects: list[dict[str, Any]] = []
        ids: dict[str, int] = {}
        blanks = [c for c in sheet.columns if c.blank is not None and c.name in columns]
        for row in range(length):
            cells = self._cells(sheet, columns, row)
            if not cells:
                self._problem(
                    _rank(collection, row),
                    f"{collection}[row {row + FIRST_ROW}]",
                    "the row is empty",
                )
                continue
            i = len(objects)
            base = f"{collection}[{i}]"
            entity: dict[str, Any] = {c.key: c.blank for c in blanks}
            for column, value in cells:
                inner = column.inner
                if inner is None:
                    entity[column.key] = self._value(column, value, f"{base}.{column.key}")
                elif isinstance(inner, int):
                    pair = entity.setdefault(column.key, [None, None])
                    pair[inner] = self._value(column, value, f"{base}.{column.key}[{inner}]")
                else:
                    nested = entity.setdefault(column.key, {})
                    nested[inner] = self._value(column, value, f"{base}.{column.key}.{inner}")
            identifier = entity.get("id")
            if type(identifier) is str:
                ids.setdefault(identifier, i)
            rows.append(row)
            objects.append(entity)
        self.rows[collection] = rows
        return objects, ids

    def _links(
        self,
        name: str,
        columns: dict[str, list[Any]],
        length: int,
        owners: list[dict[str, Any]],
        ids: dict[str, int],
    ) -> None:
        sheet = LAYOUT[name]
        collection, field = sheet.collection, sheet.field
        assert collection is not None
        assert field is not None
        owner_column, item_column = sheet.columns
        for row in range(length):
            here = f"{name}[row {row + FIRST_ROW}]"
            cells = {c.name: v for c, v in self._cells(sheet, columns, row)}
            owner, item = cells.get(owner_column.name, _EMPTY), cells.get(item_column.name, _EMPTY)
            if owner is _EMPTY and item is _EMPTY:
                self._problem(_rank(name, row), here, "the row is empty")
                continue
            for column, value in ((owner_column, owner), (item_column, item)):
                if value is _EMPTY:
                    self._problem(
                        _rank(name, row, column.name),
                        f"{here}.{column.name}",
                        "required, but the cell is empty",
                    )
            if owner is _EMPTY or item is _EMPTY:
                continue
            if type(owner) is not str:
                self._problem(
                    _rank(name, row, owner_column.name),
                    f"{here}.{owner_column.name}",
                    f"expected str, got {_describe(owner)}",
                )
                continue
            i = ids.get(owner)
            if i is None:
                self.integrity.append(
                    (
                        _rank(name, row, owner_column.name),
                        Problem(
                            path=f"{here}.{owner_column.name}",
                            message=f"no {NOUN[collection]} with id {printable(owner)!r} "
                            f"in the sheet {collection!r}",
                            ids=(owner,),
                        ),
                    )
                )
                continue
            listed = owners[i].setdefault(field, [])
            self.links.setdefault((collection, i, field), []).append(row)
            path = f"{collection}[{i}].{field}[{len(listed)}]"
            listed.append(self._value(item_column, item, path))

    def _problem(self, rank: Rank, path: str, message: str) -> None:
        self.problems.append((rank, Problem(path=path, message=message)))

    # ------------------------------------------------------------------ the document

    def _build(self, doc: dict[str, Any]) -> City:
        try:
            city = from_dict(doc)
        except DocumentError as error:
            found = [self._locate(p, doc) for p in error.problems]
            problems = sorted([*self.problems, *found], key=lambda pair: pair[0])
            raise DocumentError(
                [p for _, p in problems], total=len(self.problems) + error.total
            ) from None
        except IntegrityError as error:
            if self.problems:
                raise self._document_error() from None
            found = [self._locate(p, doc) for p in error.problems]
            problems = sorted([*self.integrity, *found], key=lambda pair: pair[0])
            raise IntegrityError(
                [p for _, p in problems], total=len(self.integrity) + error.total
            ) from None
        if self.problems:
            raise self._document_error()
        if self.integrity:
            raise IntegrityError([p for _, p in sorted(self.integrity, key=lambda pair: pair[0])])
        return city

    def _document_error(self) -> DocumentError:
        return DocumentError([p for _, p in sorted(self.problems, key=lambda pair: pair[0])])

    def _embedded(self, match: re.Match[str]) -> str:
        lead, collection, i = match.group(1), match.group(2), int(match.group(3))
        rows = self.rows.get(collection, [])
        if i >= len(rows):
            return match.group()
        return f"{lead}{collection}[row {rows[i] + FIRST_ROW}]"

    def _locate(self, problem: Problem, doc: dict[str, Any]) -> tuple[Rank, Problem]:
        """A problem of the document, with its path in the tables and its message in their
        words."""
        path, message = problem.path, problem.message
        sheet, row, column = CITY, 0, path
        match = _ENTITY_PATH.fullmatch(path)
        if match is not None:
            collection, i, rest = match.group(1), int(match.group(2)), match.group(3)
            sheet, row, column = collection, self.rows[collection][i], rest[1:]
            element = _ELEMENT.fullmatch(rest)
            link = LINK_SHEETS.get((collection, rest[1:]))
            if link is not None and "more than once" in message:
                # A repeated id: the row that repeats it.
                listed = doc[collection][i][rest[1:]]
                j = next(j for j, item in enumerate(listed) if item in listed[:j])
                sheet, row, column = (
                    link,
                    self.links[collection, i, rest[1:]][j],
                    LAYOUT[link].names[1],
                )
            elif element is not None:
                key, j = element.group(1), int(element.group(2))
                link = LINK_SHEETS.get((collection, key))
                if link is not None:
                    sheet, row = link, self.links[collection, i, key][j]
                    column = LAYOUT[link].names[1]
                elif (collection, key, j) in _COLUMNS:
                    column = _COLUMNS[collection, key, j].name
        elif path not in LAYOUT[CITY].names:
            return _rank(None), problem
        located = f"{sheet}[row {row + FIRST_ROW}]" + (f".{column}" if column else "")
        if message.startswith("required key missing"):
            rest_of_message = message.removeprefix("required key missing")
            if column in self.present.get(sheet, ()):
                message = "required, but the cell is empty" + rest_of_message
            else:
                message = f"required, but the sheet has no column {column!r}" + rest_of_message
        elif path in self.raw and _TYPE_TAIL.fullmatch(message):
            value = self.raw[path]
            message = _TYPE_TAIL.sub(lambda m: f"{m.group(1)}, got {_describe(value)}", message)
            if message.startswith(("expected int,", "expected bool,")) and _whole(value):
                message += f" ({_WHOLE_FLOATS})"
        elif message.endswith(", got null"):
            message = message.removesuffix("null") + "an empty cell"
        message = _EMBEDDED.sub(self._embedded, message)
        return _rank(sheet, row, column), Problem(path=located, message=message, ids=problem.ids)
