"""The JSON Schema (Draft 2020-12) of the city document, generated from the model.

:func:`json_schema` walks the entity classes of :data:`~neighborparty.model.COLLECTIONS`: their
attrs fields and type hints, the values of their enums, their defaults and the validators that
check one field alone. So the schema says what the reader checks of a document's *shape*, and
cannot drift from it: a new field, enum value or default is in the next schema, and a validator
this module does not know stops the schema from being made until it is taught what it means.

What a schema cannot say is left to the reader (see the document format's page): ids unique
across the whole city and references to entities of the right kind, the checks between the
keys of one object, lone surrogates in strings, and integers written with a fraction.

The library only emits the schema, as plain dicts and lists; validating with it takes a JSON
Schema validator, which neighborparty does not need.
"""

from __future__ import annotations

import enum
import inspect
import re
import typing
from collections.abc import Callable, Mapping
from datetime import date
from types import NoneType, SimpleNamespace, UnionType
from typing import Any

import attrs

from neighborparty.convert._converter import INT_MAX, INT_MIN
from neighborparty.model import COLLECTIONS, City
from neighborparty.model import _validators as v
from neighborparty.model._references import REF_BY_FIELD, Ref, noun_list
from neighborparty.model.governance import _at_most

__all__ = ["json_schema"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
"""The ``$schema`` of the schema: JSON Schema Draft 2020-12."""

_FORMAT_VERSION = 1
"""The version of the format the schema describes (the tests hold it to ``FORMAT_VERSION``)."""

_YEAR = "([0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)"
_LEAP_YEAR = "([0-9]{2}(0[48]|[2468][048]|[13579][26])|(0[48]|[2468][048]|[13579][26])00)"
_MONTH_DAY = "((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)"

_DATE_PATTERN = f"^({_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)$"
"""The days a document may name: ``YYYY-MM-DD`` naming a real day of the (proleptic Gregorian)
calendar from 0001-01-01 to 9999-12-31, leap days included, as the reader reads them. So
``"2021-02-30"`` fails under a validator that leaves ``"format": "date"`` unasserted, as Draft
2020-12 lets it."""

_NUMBER_BOUND = 2**1024 - 2**970 - 1
"""The bound of a number either way: the largest integer that rounds to a finite double. Beyond
it lie the infinities (which ``1e400`` in JSON text reads as) and integers too large to read as
a number; within it, every finite double. Read in double precision, the bound is the largest
finite double, ``1.7976931348623157e308``."""

_NUMBER = "#/$defs/Number"

_NOT_BEFORE = v.after_start("start").__code__
_AT_MOST = _at_most("total").__code__

_MINIMUM_ZERO: dict[str, Any] = {"minimum": 0}
_ONE_FIELD: Mapping[Callable[..., Any], dict[str, Any]] = {
    v.non_negative: _MINIMUM_ZERO,
    v.optional_non_negative: _MINIMUM_ZERO,
    v.unique_ids: {"uniqueItems": True},
    v.finite_pair: {},  # two finite numbers: the value's own schema says so
}
"""The validators of one field alone, and the keywords that say the same."""

_CONVERTERS: frozenset[Any] = frozenset({v.ids, v.as_float, v.optional_float, v.float_pair})
"""The converters of fields the schema knows to change nothing of a document's shape (the reader
hands :func:`~neighborparty.model._validators.ids` a list of ids already, and the float
converters turn a number the schema allows into the same number as a float)."""


def json_schema() -> dict[str, Any]:
    """The JSON Schema (Draft 2020-12) of the city document: a new dict of plain JSON values.

    A document is valid under it exactly when its shape is one :func:`~neighborparty.from_dict`
    reads without a :class:`~neighborparty.DocumentError`, apart from what no schema can say
    (see the document format's page, "JSON Schema"): each collection is an array of objects of
    its entity class (``$defs``), with every required key, no unknown key, enums as their
    values, dates as real ``YYYY-MM-DD`` days, integers within 64 bits, finite numbers, counts
    not below zero and lists of ids without repeats. Every call returns an equal dict.

    Examples:
        >>> schema = json_schema()
        >>> schema["$schema"], schema["required"]
        ('https://json-schema.org/draft/2020-12/schema', ['format_version', 'id', 'name'])
        >>> schema["properties"]["compounds"]["items"]
        {'$ref': '#/$defs/Compound'}
        >>> compound = schema["$defs"]["Compound"]
        >>> compound["required"], compound["additionalProperties"]
        (['id', 'name', 'community', 'households', 'kind'], False)
        >>> households = compound["properties"]["households"]
        >>> households["type"], households["minimum"], households["maximum"]
        ('integer', 0, 9223372036854775807)
        >>> schema["$defs"]["CompoundKind"]["enum"]
        ['managed', 'resettlement', 'unmanaged', 'old_quarter']
        >>> json_schema() == schema
        True
    """
    return _Builder().document()


class _Builder:
    """One schema being made: the ``$defs`` found so far, entities first."""

    def __init__(self) -> None:
        self.entities: dict[str, Any] = {}
        self.objects: dict[str, Any] = {}
        self.enums: dict[str, Any] = {}
        self.owners: dict[str, str] = {}

    def document(self) -> dict[str, Any]:
        head = {f.name: f for f in attrs.fields(City) if f.init and f.name not in COLLECTIONS}
        if set(head) != {"id", "name"}:
            raise TypeError(f"City's fields beside its collections are {sorted(head)}")
        properties: dict[str, Any] = {
            "format_version": {
                "description": "The version of the document format; a reader refuses any "
                f"other. This schema describes version {_FORMAT_VERSION}.",
                "type": "integer",
                "const": _FORMAT_VERSION,
            },
            "id": {"description": "The city's id.", "type": "string"},
            "name": {"description": "The city's name.", "type": "string"},
        }
        for collection, cls in COLLECTIONS.items():
            self.entities[cls.__name__] = self.entity(cls, collection, "")
            properties[collection] = {
                "description": f"The city's {cls.__name__} entities, in order; may be left "
                "out when empty.",
                "type": "array",
                "items": {"$ref": f"#/$defs/{cls.__name__}"},
                "default": [],
            }
        return {
            "$schema": _DIALECT,
            "title": "City document",
            "description": f"{_summary(City)} Version {_FORMAT_VERSION} of neighborparty's "
            "document format. Beyond this schema, a reader also refuses: an id used twice in "
            "the document; a reference to no entity, or to one of the wrong kind; the checks "
            "between keys the descriptions name (an end before its start, vote counts that do "
            "not nest); a lone surrogate in a string; an integer written with a fraction "
            "(120.0 for 120).",
            "type": "object",
            "properties": properties,
            "required": ["format_version", *head],
            "additionalProperties": False,
            "$defs": {
                **self.entities,
                **self.objects,
                **self.enums,
                "Date": _date(),
                "Number": _number(),
            },
        }

    def entity(self, cls: type[Any], collection: str, prefix: str) -> dict[str, Any]:
        """The schema of an object of an attrs class, whose fields are read at ``prefix`` of
        the entities of ``collection`` (``party.`` for a person's membership)."""
        hints = typing.get_type_hints(cls)
        arguments = _arguments(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            ref = REF_BY_FIELD.get((collection, prefix + field.name))
            properties[field.name] = self.field(cls, field, hints[field.name], arguments, ref)
            if field.default is attrs.NOTHING:
                required.append(field.name)
            self.nested(hints[field.name], collection, prefix + field.name + ".")
        return {
            "title": cls.__name__,
            "description": _summary(cls),
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }

    def nested(self, hint: Any, collection: str, prefix: str) -> None:
        """Add the ``$defs`` of the objects and enums a field's hint holds."""
        hint, _ = _split_optional(hint)
        for arg in typing.get_args(hint):
            if arg is not Ellipsis:
                self.nested(arg, collection, prefix)
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            if hint.__name__ not in self.enums:
                self.enums[hint.__name__] = {
                    "title": hint.__name__,
                    "description": _summary(hint),
                    "type": "string",
                    "enum": [member.value for member in hint],
                }
        elif attrs.has(hint) and hint not in COLLECTIONS.values():
            where = f"{collection}.{prefix}"
            owner = self.owners.setdefault(hint.__name__, where)
            if owner != where:
                raise TypeError(f"{hint.__name__} is held by {owner} and {where}")
            if hint.__name__ not in self.objects:
                self.objects[hint.__name__] = self.entity(hint, collection, prefix)

    def field(
        self,
        cls: type[Any],
        field: attrs.Attribute[Any],
        hint: Any,
        arguments: Mapping[str, str],
        ref: Ref | None,
    ) -> dict[str, Any]:
        hint, optional = _split_optional(hint)
        where = f"{cls.__name__}.{field.name}"
        words = [arguments[field.name]] if field.name in arguments else []
        if ref is not None:
            words.append(_ref_words(ref, cls, field))
        schema = _value(hint, where)
        for check in _validators(field):
            if check in _ONE_FIELD:
                if _ONE_FIELD[check] and schema.get("$ref") == _NUMBER:
                    # say the type the keywords apply to beside the reference, as some
                    # validators' strict modes ask
                    schema = {"type": "number", **schema}
                schema.update(_ONE_FIELD[check])
            elif getattr(check, "__code__", None) is _NOT_BEFORE:
                start = inspect.getclosurevars(check).nonlocals["start_field"]
                words.append(f"Not before `{start}`: a reader checks this, the schema cannot.")
            elif getattr(check, "__code__", None) is _AT_MOST:
                other = inspect.getclosurevars(check).nonlocals["other"]
                words.append(f"Not above `{other}`: a reader checks this, the schema cannot.")
            else:
                raise TypeError(f"{where}: the schema does not know the validator {check!r}")
        if field.converter is not None and field.converter not in _CONVERTERS:
            raise TypeError(f"{where}: the schema does not know the converter {field.converter!r}")
        if optional:
            schema = _nullable(schema)
        described: dict[str, Any] = {"description": " ".join(words)} if words else {}
        described.update(schema)
        if field.default is not attrs.NOTHING:
            if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                raise TypeError(f"{where}: a factory default is not supported")
            described["default"] = _plain(field.default)
        return described


def _value(hint: Any, where: str) -> dict[str, Any]:
    """The schema of a value of a type hint (not ``None``)."""
    if hint is str:
        return {"type": "string"}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer", "minimum": INT_MIN, "maximum": INT_MAX}
    if hint is float:
        return {"$ref": _NUMBER}
    if hint is date:
        return {"$ref": "#/$defs/Date"}
    if isinstance(hint, type) and (issubclass(hint, enum.Enum) or attrs.has(hint)):
        return {"$ref": f"#/$defs/{hint.__name__}"}
    args = typing.get_args(hint)
    if typing.get_origin(hint) is tuple and args:
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _value(args[0], where)}
        return {
            "type": "array",
            "prefixItems": [_value(arg, where) for arg in args],
            "items": False,
            "minItems": len(args),
        }
    raise TypeError(f"{where}: the schema does not know the type {hint!r}")


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """A schema that also allows ``null``."""
    if "type" in schema and "$ref" not in schema:
        return {**schema, "type": [schema["type"], "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def _date() -> dict[str, Any]:
    return {
        "title": "Date",
        "description": "A day, written YYYY-MM-DD: a four-digit year from 0001, a two-digit "
        "month and day, naming a real calendar day.",
        "type": "string",
        "format": "date",
        "minLength": 10,
        "maxLength": 10,
        "pattern": _DATE_PATTERN,
    }


def _number() -> dict[str, Any]:
    return {
        "title": "Number",
        "description": "A finite number, with or without a fraction. Its bounds are the largest "
        "integers that round to a finite double, 2^1024 - 2^970 - 1 either way, which double "
        "precision reads as the largest finite double, 1.7976931348623157e308.",
        "type": "number",
        "minimum": -_NUMBER_BOUND,
        "maximum": _NUMBER_BOUND,
    }


def _split_optional(hint: Any) -> tuple[Any, bool]:
    """``X`` for ``X | None``, and whether ``None`` was allowed."""
    if typing.get_origin(hint) in (typing.Union, UnionType):
        args = [a for a in typing.get_args(hint) if a is not NoneType]
        if len(args) == 1:
            return args[0], True
        raise TypeError(f"the schema does not know the union {hint!r}")
    return hint, False


def _validators(field: attrs.Attribute[Any]) -> tuple[Callable[..., Any], ...]:
    """The validators of a field: none, one, or the several of a list."""
    validator = field.validator
    if validator is None:
        return ()
    several = getattr(validator, "_validators", None)
    return tuple(several) if several is not None else (validator,)


def _ref_words(ref: Ref, cls: type[Any], field: attrs.Attribute[Any]) -> str:
    """What a reference field names, in words."""
    what = "Each item is the id of" if ref.many else "The id of"
    if not callable(ref.targets):
        return f"{what} {_a(noun_list(ref.targets))} of the document."
    by = _targets_by_enum(ref, cls)
    if by is None:
        return f"{what} an entity of the document, of a kind its other keys decide."
    key, groups = by
    parts = [
        f"{_a(noun_list(targets))} for {key} " + ", ".join(f"`{value}`" for value in values)
        for targets, values in groups.items()
    ]
    return f"{what} " + "; ".join(parts) + "."


def _a(noun: str) -> str:
    """A noun of the model's with its article: *an* before the vowels it begins with."""
    return ("an " if noun[0] in "aeio" else "a ") + noun


def _targets_by_enum(
    ref: Ref, cls: type[Any]
) -> tuple[str, dict[frozenset[str], list[str]]] | None:
    """For a reference whose targets depend on an enum field of its entity, that field and the
    values of the enum grouped by the collections they allow."""
    assert callable(ref.targets)
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        hint = hints[field.name]
        if not (isinstance(hint, type) and issubclass(hint, enum.Enum)):
            continue
        groups: dict[frozenset[str], list[str]] = {}
        try:
            for member in hint:
                targets = ref.targets(SimpleNamespace(**{field.name: member}))
                groups.setdefault(frozenset(targets), []).append(member.value)
        except (AttributeError, KeyError, TypeError):
            continue
        return field.name, groups
    return None


def _plain(value: Any) -> Any:
    """A default as a JSON value."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _summary(obj: object) -> str:
    """The first paragraph of an object's docstring, as plain text."""
    doc = inspect.getdoc(obj) or ""
    return _plain_text(" ".join(doc.split("\n\n")[0].split()))


def _arguments(cls: type[Any]) -> dict[str, str]:
    """The descriptions of a class's fields in its docstring's ``Args:`` section."""
    lines = (inspect.getdoc(cls) or "").splitlines()
    if "Args:" not in lines:
        return {}
    found: dict[str, str] = {}
    name = ""
    for line in lines[lines.index("Args:") + 1 :]:
        if not line.startswith("    "):
            break
        if line.startswith("        "):
            found[name] += " " + line.strip()
        else:
            name, _, text = line.strip().partition(":")
            found[name] = text.strip()
    return {key: _plain_text(text) for key, text in found.items()}


_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")
_LITERAL = re.compile(r"``([^`]+)``")
_JSON_WORDS = {"None": "null", "True": "true", "False": "false"}


def _plain_text(text: str) -> str:
    """reStructuredText markup as plain text: roles by the last part of their target,
    literals in single backquotes, Python's ``None``, ``True`` and ``False`` as JSON's words."""
    text = _ROLE.sub(lambda m: m.group(1).rsplit(".", 1)[-1], text)
    return _LITERAL.sub(lambda m: f"`{_JSON_WORDS.get(m.group(1), m.group(1))}`", text)
