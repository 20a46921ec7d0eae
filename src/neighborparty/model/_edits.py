"""Edits of a City: what :meth:`~neighborparty.model.City.with_updates` and
:meth:`~neighborparty.model.City.without` change, and what they touched.

An edited City remembers the City it was made from and the :class:`Edit` records of what the
edit touched, so that a reader (the rules' re-check, an app keeping a mirror) can follow the
history of a City back to an ancestor with :meth:`~neighborparty.model.City.edits_since`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from neighborparty.model._references import COLLECTIONS, REFS
from neighborparty.model.enums import Role
from neighborparty.model.organizations import Appointment

if TYPE_CHECKING:
    from neighborparty.model.city import City

__all__ = ["Edit", "appointment_key", "removing", "updating"]


@attrs.frozen
class Edit:
    """One entity an edit touched (编辑记录).

    Args:
        collection: The collection the entity is in (``"compounds"``, ...).
        before: The entity's id before the edit, ``None`` if it was added; for appointments,
            which have no id, the appointment itself.
        after: The entity's id after the edit, ``None`` if it was removed; for appointments,
            the appointment itself.

    Examples:
        >>> import attrs
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> edited = city.with_updates(compounds=[attrs.evolve(city.get("c-old"), households=10)])
        >>> edited.edits_since(city)
        (Edit(collection='compounds', before='c-old', after='c-old'),)
    """

    collection: str
    before: Any
    after: Any


def appointment_key(appointment: Appointment) -> tuple[str, str, Role, date]:
    """What identifies an appointment, which has no id: its person, body, role and start.

    Examples:
        >>> from neighborparty import examples
        >>> appointment_key(examples.seed_city().appointments[0])[:3]
        ('p-lin', 'br-jinan', <Role.SECRETARY: 'secretary'>)
    """
    return (appointment.person, appointment.body, appointment.role, appointment.start)


def updating(
    city: City, collections: Mapping[str, Iterable[Any]]
) -> tuple[dict[str, Any], list[Edit]]:
    """The collections :meth:`City.with_updates` changes, and what it touched.

    Raises:
        TypeError: A name is not a collection of the City.

    Examples:
        >>> import attrs
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> changes, touched = updating(city, {"compounds": [attrs.evolve(city.get("c-old"), households=10)]})
        >>> list(changes), touched
        (['compounds'], [Edit(collection='compounds', before='c-old', after='c-old')])
    """
    changes: dict[str, Any] = {}
    touched: list[Edit] = []
    for name, entities in collections.items():
        if name not in COLLECTIONS:
            raise TypeError(f"City has no collection {name!r}")
        key: Callable[[Any], Any] = appointment_key if name == "appointments" else (lambda e: e.id)
        current = list(getattr(city, name))
        position = {key(e): i for i, e in enumerate(current)}
        for entity in entities:
            k = key(entity)
            before = None
            if k in position:
                before = current[position[k]]
                current[position[k]] = entity
            else:
                position[k] = len(current)
                current.append(entity)
            if name == "appointments":
                touched.append(Edit(name, before, entity))
            else:
                touched.append(Edit(name, k if before is not None else None, k))
        changes[name] = tuple(current)
    return changes, touched


def removing(city: City, ids: Iterable[str]) -> tuple[dict[str, Any], list[Edit]]:
    """The collections :meth:`City.without` leaves, and what it touched (see there).

    Raises:
        UnknownIdError: One of the ids is not in the city.

    Examples:
        >>> from neighborparty import examples
        >>> kept, touched = removing(examples.seed_city(), ["b-west-1"])
        >>> [e.after for e in touched if e.collection == "buildings"]
        [None]
    """
    removed = set(ids)
    for removed_id in removed:
        city.get(removed_id)
    kept: dict[str, list[Any]] = {name: list(getattr(city, name)) for name in COLLECTIONS}
    changed = True
    while changed:
        changed = False
        for name, refs in REFS.items():
            survivors = []
            for entity in kept[name]:
                if any(
                    v in removed
                    for ref in refs
                    if ref.required and ref.cascade and not ref.many
                    for v in ref.values(entity)
                ):
                    if name != "appointments":
                        removed.add(entity.id)
                    changed = True
                else:
                    survivors.append(entity)
            kept[name] = survivors
        for name in COLLECTIONS:
            if name != "appointments":
                before = len(kept[name])
                kept[name] = [e for e in kept[name] if e.id not in removed]
                changed = changed or len(kept[name]) != before
    for name, refs in REFS.items():
        for ref in refs:
            if ref.many:
                kept[name] = [_drop_ids(e, ref.field, removed) for e in kept[name]]
    new: dict[str, Any] = {name: tuple(v) for name, v in kept.items()}
    touched: list[Edit] = []
    for name in COLLECTIONS:
        same = set(map(id, kept[name]))
        for entity in getattr(city, name):
            if id(entity) in same:
                continue
            if name == "appointments":
                touched.append(Edit(name, entity, None))
            else:
                touched.append(Edit(name, entity.id, None if entity.id in removed else entity.id))
    return new, touched


def _drop_ids(entity: Any, field: str, removed: set[str]) -> Any:
    values: tuple[str, ...] = getattr(entity, field)
    if not any(v in removed for v in values):
        return entity
    return attrs.evolve(entity, **{field: tuple(v for v in values if v not in removed)})
