"""The sheets of a city's tables and their columns, read off the entity classes.

One sheet per collection of the City, with one column per field; a nested object (a person's
``party`` membership, ``four_haves``) is flattened into prefixed columns (``party.standing``),
a pair of coordinates into ``coordinates.longitude`` and ``coordinates.latitude``. A list of
ids (an organisation's ``covers``, a grid's or a company's ``compounds``) is a link sheet of its
own, one row per id, after the sheet of its owners. The ``city`` sheet comes first and holds one
row: the document's ``format_version``, ``id`` and ``name``.

This module imports no pandas.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Mapping
from datetime import date
from types import NoneType, UnionType
from typing import Any, Literal, TypeAlias

import attrs

from neighborparty.model import COLLECTIONS
from neighborparty.model._references import REFERENCE_FIELDS

__all__ = ["CITY", "LAYOUT", "LINK_SHEETS", "SHEETS", "Column", "Kind", "Sheet"]

Kind: TypeAlias = Literal["id", "text", "int", "float", "bool", "date", "enum"]
"""What a column holds: an id (of the entity, or of another one it names), other text, an
integer, a number, ``true`` or ``false``, a day, or an enumeration's value."""

CITY = "city"
"""The name of the sheet holding the city's own row."""

_LINKS: Mapping[tuple[str, str], tuple[str, str]] = {
    ("grids", "compounds"): ("grid", "compound"),
    ("organizations", "covers"): ("organization", "place"),
    ("companies", "compounds"): ("company", "compound"),
}
"""For each list of ids, the columns of its link sheet: the owner's id, and one id of the list."""

_PAIRS: Mapping[tuple[str, str], tuple[str, str]] = {
    ("compounds", "coordinates"): ("longitude", "latitude"),
}
"""For each fixed pair of numbers, the names of its two columns after the field's."""


@attrs.frozen
class Column:
    """One column of a sheet and the place of its value in the document.

    Args:
        name: The column's name: the field's, or ``outer.inner`` for a nested value.
        kind: What it holds.
        key: The field in the entity's document object.
        inner: The key inside a nested object, or the position in a pair; ``None`` for a field
            of the entity itself.
        required: Whether every row must fill it in (a required field of the entity itself).
        nullable: Whether the value may be absent from an entity (an optional field, or a
            value of a nested object that an entity may lack).
    """

    name: str
    kind: Kind
    key: str
    inner: str | int | None = None
    required: bool = False
    nullable: bool = True

    @property
    def blank(self) -> str | None:
        """What an empty cell of this column reads as: ``""`` in a required text column (the
        empty text, which a name may be), ``None`` (no value) anywhere else."""
        return "" if self.required and self.kind == "text" else None


@attrs.frozen
class Sheet:
    """One sheet: a collection's entities, a list of ids of theirs, or the city's own row.

    Args:
        name: The sheet's name, e.g. ``people`` or ``organizations.covers``.
        collection: The collection its rows belong to (the owners' for a link sheet); ``None``
            for the ``city`` sheet.
        columns: Its columns, in order.
        field: For a link sheet, the list field of the owners it holds.
    """

    name: str
    collection: str | None
    columns: tuple[Column, ...]
    field: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """The names of its columns, in order."""
        return tuple(column.name for column in self.columns)


def _split_optional(hint: Any) -> tuple[Any, bool]:
    if typing.get_origin(hint) in (typing.Union, UnionType):
        args = [a for a in typing.get_args(hint) if a is not NoneType]
        if len(args) == 1:
            return args[0], True
    return hint, False


def _kind(hint: Any, dotted: str, collection: str) -> Kind:
    if hint is str:
        is_id = dotted == "id" or dotted in REFERENCE_FIELDS.get(collection, ())
        return "id" if is_id else "text"
    if hint is bool:
        return "bool"
    if hint is int:
        return "int"
    if hint is float:
        return "float"
    if hint is date:
        return "date"
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return "enum"
    raise TypeError(f"{collection}.{dotted}: no column kind for {hint!r}")


def _sheets(collection: str, cls: type[Any]) -> list[Sheet]:
    hints = typing.get_type_hints(cls)
    columns: list[Column] = []
    links: list[Sheet] = []
    for field in attrs.fields(cls):
        hint, optional = _split_optional(hints[field.name])
        required = field.default is attrs.NOTHING and not optional
        args = typing.get_args(hint)
        if typing.get_origin(hint) is tuple and args[-1] is Ellipsis:
            owner, item = _LINKS[collection, field.name]
            links.append(
                Sheet(
                    name=f"{collection}.{field.name}",
                    collection=collection,
                    columns=(
                        Column(owner, "id", key=owner, required=True, nullable=False),
                        Column(item, "id", key=item, required=True, nullable=False),
                    ),
                    field=field.name,
                )
            )
        elif typing.get_origin(hint) is tuple:
            for i, (part, part_hint) in enumerate(
                zip(_PAIRS[collection, field.name], args, strict=True)
            ):
                dotted = f"{field.name}.{part}"
                kind = _kind(part_hint, dotted, collection)
                columns.append(Column(dotted, kind, key=field.name, inner=i))
        elif attrs.has(hint):
            inner_hints = typing.get_type_hints(hint)
            for inner in attrs.fields(hint):
                inner_hint, _ = _split_optional(inner_hints[inner.name])
                dotted = f"{field.name}.{inner.name}"
                columns.append(
                    Column(
                        dotted,
                        _kind(inner_hint, dotted, collection),
                        key=field.name,
                        inner=inner.name,
                    )
                )
        else:
            kind = _kind(hint, field.name, collection)
            columns.append(
                Column(field.name, kind, key=field.name, required=required, nullable=optional)
            )
    return [Sheet(name=collection, collection=collection, columns=tuple(columns)), *links]


LAYOUT: Mapping[str, Sheet] = {
    sheet.name: sheet
    for sheet in [
        Sheet(
            name=CITY,
            collection=None,
            columns=(
                Column(
                    "format_version", "int", key="format_version", required=True, nullable=False
                ),
                Column("id", "id", key="id", required=True, nullable=False),
                Column("name", "text", key="name", required=True, nullable=False),
            ),
        ),
        *(sheet for name, cls in COLLECTIONS.items() for sheet in _sheets(name, cls)),
    ]
}
"""Every sheet, in order: ``city``, then each collection's followed by its link sheets."""

SHEETS: Mapping[str, tuple[str, ...]] = {name: sheet.names for name, sheet in LAYOUT.items()}
"""Every sheet :func:`~neighborparty.frames.to_frames` writes and
:func:`~neighborparty.frames.from_frames` reads, in order, with its columns in order."""

LINK_SHEETS: Mapping[tuple[str, str], str] = {
    (sheet.collection, sheet.field): name
    for name, sheet in LAYOUT.items()
    if sheet.field is not None and sheet.collection is not None
}
"""The link sheet of each list of ids, by collection and field."""
