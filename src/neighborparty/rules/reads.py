"""What a rule judges and what it reads of a city: the kinds of subject, and declared reads.

A rule names the kind of subject it judges (:data:`SUBJECT_KINDS`) and may declare what it reads
of the city (``reads=``): collections (``"compounds"``) or fields of them
(``"compounds.households"``, ``"people.party.standing"``). From the declaration a re-check knows
which rules an edit cannot have affected, and a partitioned check which entities a part needs
from outside it. A rule that declares nothing is assumed to read everything.
"""

from __future__ import annotations

import datetime
import types
import typing
from collections.abc import Iterable, Mapping
from typing import Any, cast

import attrs

from neighborparty.errors import RuleDefinitionError
from neighborparty.model import COLLECTIONS, City
from neighborparty.model._cache import derived
from neighborparty.model._edits import Edit

__all__ = [
    "SUBJECT_KINDS",
    "Reads",
    "SubjectKind",
    "changed_fields",
    "kinds_recorded",
    "parse_reads",
]


@attrs.frozen
class SubjectKind:
    """A kind of subject a rule may judge: its name, its Chinese name and the collections its
    subjects come from (the city itself is a ``place`` too).

    Examples:
        >>> SUBJECT_KINDS["building"].collections
        ('buildings', 'lanes')
    """

    name: str
    zh: str
    collections: tuple[str, ...]


def _kinds(*rows: tuple[str, str, tuple[str, ...]]) -> dict[str, SubjectKind]:
    return {name: SubjectKind(name, zh, collections) for name, zh, collections in rows}


SUBJECT_KINDS: Mapping[str, SubjectKind] = _kinds(
    ("place", "区域", ("districts", "subdistricts", "communities", "compounds")),
    ("district", "区", ("districts",)),
    ("sub-district", "街道", ("subdistricts",)),
    ("community", "社区", ("communities",)),
    ("compound", "小区", ("compounds",)),
    ("building", "楼栋", ("buildings", "lanes")),
    ("lane", "街巷", ("lanes",)),
    ("grid", "网格", ("grids",)),
    ("person", "党员", ("people",)),
    ("organisation", "党组织", ("organizations",)),
    ("branch", "党支部", ("organizations",)),
    ("joint branch", "联合党支部", ("organizations",)),
    ("owners' committee", "业委会", ("committees",)),
    ("company", "物业企业", ("companies",)),
    ("unit", "单位", ("units",)),
    ("agreement", "共建协议", ("agreements",)),
    ("station", "服务站点", ("stations",)),
    ("service item", "需求清单项目", ("service_items",)),
    ("claim", "认领", ("claims",)),
    ("project", "服务项目", ("projects",)),
    ("vote", "业主表决", ("votes",)),
    ("deliberation", "先议", ("deliberations",)),
    ("whistle", "小区吹哨", ("whistles",)),
    ("activity", "活动记录", ("activities",)),
)
"""The kinds of subject a rule may judge, by name."""


def _attrs_classes(annotation: Any) -> list[type[Any]]:
    """The attrs classes an annotation names (``Membership | None`` names Membership)."""
    if isinstance(annotation, type) and attrs.has(annotation):
        return [annotation]
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        return [c for arg in typing.get_args(annotation) for c in _attrs_classes(arg)]
    return []


def _field_types(cls: type[Any]) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _is_day(annotation: Any) -> bool:
    if annotation is datetime.date:
        return True
    return any(arg is datetime.date for arg in typing.get_args(annotation))


def day_fields(kind: str) -> tuple[str, ...]:
    """The fields holding a day that every collection of a subject kind has.

    Examples:
        >>> day_fields("vote")
        ('held_on',)
    """
    found: dict[str, int] = {}
    collections = SUBJECT_KINDS[kind].collections
    for collection in collections:
        for name, annotation in _field_types(COLLECTIONS[collection]).items():
            if _is_day(annotation):
                found[name] = found.get(name, 0) + 1
    return tuple(name for name, n in found.items() if n == len(collections))


@attrs.frozen
class Reads:
    """A rule's declared reads: per collection, the fields read (``None``: all of them).

    Examples:
        >>> r = parse_reads("X1", ["compounds.households", "people"])
        >>> r.fields["compounds"], r.fields["people"]
        (frozenset({'households'}), None)
        >>> sorted(r.collections)
        ['compounds', 'people']
    """

    fields: Mapping[str, frozenset[str] | None]
    declared: tuple[str, ...]
    """The declaration as written, in order."""

    @property
    def collections(self) -> frozenset[str]:
        """The collections read."""
        return frozenset(self.fields)

    def touched_by(self, changes: Mapping[str, frozenset[str] | None]) -> bool:
        """Whether changes (per collection, the fields changed, ``None`` for an entity added or
        removed) reach what is read.

        Examples:
            >>> r = parse_reads("X1", ["people.party.standing"])
            >>> r.touched_by({"people": frozenset({"name"})}), r.touched_by({"people": frozenset({"party"})})
            (False, True)
            >>> r.touched_by({"people": None}), r.touched_by({"compounds": None})
            (True, False)
        """
        for collection, changed in changes.items():
            if collection not in self.fields:
                continue
            read = self.fields[collection]
            if read is None or changed is None:
                return True
            for name in changed:
                for field in read:
                    if (
                        field == name
                        or field.startswith(name + ".")
                        or name.startswith(field + ".")
                    ):
                        return True
        return False


def parse_reads(code: str, reads: Iterable[str]) -> Reads:
    """Read a declaration: each entry a collection, or a collection's field (a field of a
    field with a second dot). Unknown names raise
    :class:`~neighborparty.errors.RuleDefinitionError`.

    Examples:
        >>> parse_reads("X1", ["people.party.standin"])
        Traceback (most recent call last):
        ...
        neighborparty.errors.RuleDefinitionError: rule X1: reads 'people.party.standin': a membership has no field 'standin'
    """
    if isinstance(reads, str):
        raise RuleDefinitionError(
            code, "reads takes a list of collections and fields, not a string"
        )
    fields: dict[str, set[str] | None] = {}
    declared = []
    for entry in reads:
        if not isinstance(entry, str):
            raise RuleDefinitionError(code, f"reads names collections as text, not {entry!r}")
        declared.append(entry)
        collection, _, path = entry.partition(".")
        if collection not in COLLECTIONS:
            raise RuleDefinitionError(
                code, f"reads {entry!r}: the city has no collection {collection!r}"
            )
        if path:
            _check_path(code, entry, COLLECTIONS[collection], path)
            known = fields.get(collection, set())
            if known is not None:
                known.add(path)
                fields[collection] = known
        else:
            fields[collection] = None
    return Reads(
        fields={k: None if v is None else frozenset(v) for k, v in fields.items()},
        declared=tuple(dict.fromkeys(declared)),
    )


def _noun(cls: type[Any]) -> str:
    words = "".join(" " + c.lower() if c.isupper() else c for c in cls.__name__).strip()
    return ("an " if words[0] in "aeiou" else "a ") + words


def _check_path(code: str, entry: str, cls: type[Any], path: str) -> None:
    name, _, rest = path.partition(".")
    hints = _field_types(cls)
    if name not in {a.name for a in attrs.fields(cls)}:
        raise RuleDefinitionError(code, f"reads {entry!r}: {_noun(cls)} has no field {name!r}")
    if rest:
        inner = _attrs_classes(hints[name])
        if not inner:
            raise RuleDefinitionError(code, f"reads {entry!r}: {name!r} has no fields of its own")
        _check_path(code, entry, inner[0], rest)


def changed_fields(old: City, new: City, edits: Iterable[Edit]) -> dict[str, frozenset[str] | None]:
    """Per collection edits from ``old`` to ``new`` touched: the fields that differ between
    an entity's two versions (dotted one level into a nested value such as a membership), or
    ``None`` when an entity was added or removed, or an appointment touched.

    Examples:
        >>> import attrs
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> person = city.people[0]
        >>> edited = city.with_updates(people=[attrs.evolve(person, name="X")])
        >>> changed_fields(city, edited, edited.edits_since(city))
        {'people': frozenset({'name'})}
    """
    found: dict[str, set[str] | None] = {}
    for edit in edits:
        collection = edit.collection
        if collection == "appointments":
            if edit.before is not edit.after:
                found[collection] = None
            continue
        ident = edit.before if edit.before is not None else edit.after
        was = old.get(ident) if ident in old and old.collection_of(ident) == collection else None
        now = new.get(ident) if ident in new and new.collection_of(ident) == collection else None
        if was is now:
            continue  # put back as it was
        names = found.get(collection, set())
        if was is None or now is None or names is None:
            found[collection] = None
            continue
        for field in attrs.fields(type(now)):
            before, after = getattr(was, field.name), getattr(now, field.name)
            if before == after:
                continue
            if (
                before is not None
                and after is not None
                and attrs.has(type(after))
                and type(before) is type(after)
            ):
                names.update(
                    f"{field.name}.{inner.name}"
                    for inner in attrs.fields(type(after))
                    if getattr(before, inner.name) != getattr(after, inner.name)
                )
            else:
                names.add(field.name)
        found[collection] = names
    return {k: None if v is None else frozenset(v) for k, v in found.items()}


def kinds_recorded(city: City) -> dict[Any, int]:
    """The kinds of activity the city records, each with the position of its first record: the
    one fact of the whole city a local rule may read (NP405: a kind kept for nobody leaves its
    lapse unknown, NP207-NP212 read it too), which a re-check's slice of a city and each part
    of a partitioned city are told.

    Examples:
        >>> from neighborparty import examples
        >>> {kind.value: i for kind, i in kinds_recorded(examples.seed_city()).items()}
        {'theme_party_day': 0, 'service_item_done': 1, 'project_sign_up': 2, 'project_check_in': 3, 'dues_paid': 4}
    """
    found = derived(city)
    if kinds_recorded not in found:
        first: dict[Any, int] = {}
        for i, activity in enumerate(city.activities):
            first.setdefault(activity.kind, i)
        found[kinds_recorded] = first
    return cast(dict[Any, int], found[kinds_recorded])


def kinds_recorded_after(
    city: City, before: Mapping[Any, int], edits: Iterable[Edit]
) -> dict[Any, int] | None:
    """The kinds of activity an edited city records (:func:`kinds_recorded`), found from those
    of the city it was edited from and the edits, without reading every record: an activity
    added at the end or replaced in its place is the first record of its kind when its kind is
    new, or first recorded later. ``None`` when the records must be read again: an activity
    removed (every record after it moves), or a first record of its kind replaced by one of
    another kind.

    Examples:
        >>> import attrs
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> last = city.activities[-1]
        >>> edited = city.with_updates(activities=[attrs.evolve(last, id="a-new")])
        >>> after = kinds_recorded_after(edited, kinds_recorded(city), edited.edits_since(city) or ())
        >>> after == kinds_recorded(edited) == kinds_recorded(city)
        True
    """
    found = dict(before)
    edited = [edit.after for edit in edits if edit.collection == "activities"]
    if None in edited:
        return None  # a removal moves every record after it
    for ident in edited:
        at = city._position("activities", city.get(ident))
        kind = city.activities[at].kind
        if any(first == at and known is not kind for known, first in found.items()):
            return None  # the first record of a kind changed kind: where is the next one?
        if found.get(kind, at) >= at:
            found[kind] = at
    return dict(sorted(found.items(), key=lambda k: k[1]))
