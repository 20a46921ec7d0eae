"""Lookups an edit patches without copying: a few changed entries read over the parent's table.

An edit of one compound changes a handful of entries in lookups of tens of thousands (the
residents by place, the members by organisation, the posts by person). Copying such a table
to change three entries costs the copy, and the copy's references, which the collector walks
until they settle, cost more than the rest of the edit. A :class:`Draft` gathers the changes
over the parent's table instead; :meth:`Draft.done` gives a read-only :class:`Patched` mapping
(the parent's table and the changes), or a plain dict again once the changes grow past a
share of the table, so that a chain of edits reads through one layer only and never holds
much more than the table itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Generic, TypeVar, cast

__all__ = ["Draft", "Patched", "copied"]

K = TypeVar("K")
V = TypeVar("V")

_GONE: Any = object()
"""The value of a key a patch removed."""

_ABSENT: Any = object()

_FLAT_AT = 1024
"""Changes a patch holds before it is made a plain dict again (or a 32nd of the table)."""


class Patched(Mapping[K, V]):
    """A read-only mapping: a shared table with a few entries changed or removed, read in the
    order a patched copy of the table would give (kept keys where they stood, new ones after).

    Examples:
        >>> table = {"a": 1, "b": 2}
        >>> draft = Draft(table)
        >>> draft["b"] = 20
        >>> draft["c"] = 3
        >>> patched = draft.done()
        >>> dict(patched), patched.get("a"), "c" in patched, len(patched), table
        ({'a': 1, 'b': 20, 'c': 3}, 1, True, 3, {'a': 1, 'b': 2})
    """

    __slots__ = ("_base", "_changes", "_length")

    def __init__(self, base: dict[K, V], changes: dict[K, V], length: int) -> None:
        self._base = base
        self._changes = changes
        self._length = length

    def __getitem__(self, key: K) -> V:
        value = self._changes.get(key, _ABSENT)
        if value is _ABSENT:
            return self._base[key]
        if value is _GONE:
            raise KeyError(key)
        return cast(V, value)

    def get(self, key: K, default: Any = None) -> Any:
        """The value of a key, or ``default``, as :meth:`dict.get`.

        Examples:
            >>> draft = Draft({"a": 1})
            >>> draft.pop("a")
            1
            >>> draft.done().get("a", 0)
            0
        """
        value = self._changes.get(key, _ABSENT)
        if value is _ABSENT:
            return self._base.get(key, default)
        return default if value is _GONE else value

    def __contains__(self, key: object) -> bool:
        value = self._changes.get(key, _ABSENT)  # type: ignore[arg-type]
        if value is _ABSENT:
            return key in self._base
        return value is not _GONE

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[K]:
        changes = self._changes
        for key in self._base:
            if changes.get(key, _ABSENT) is not _GONE:
                yield key
        base = self._base
        for key, value in changes.items():
            if value is not _GONE and key not in base:
                yield key

    def __repr__(self) -> str:
        return f"Patched({dict(self)!r})"


class Draft(Generic[K, V]):
    """Changes to a mapping gathered without copying it: read it through the draft, set and
    pop keys, then :meth:`done` gives the patched mapping; the mapping drafted on is left as it
    was.

    Examples:
        >>> table = {"a": (1,), "b": (2,)}
        >>> draft = Draft(table)
        >>> draft["a"] = (*draft["a"], 10)
        >>> draft.pop("b"), draft.get("b", ())
        ((2,), ())
        >>> dict(draft.done()), table
        ({'a': (1, 10)}, {'a': (1,), 'b': (2,)})
    """

    __slots__ = ("_base", "_changes", "_length", "_table", "_touched")

    def __init__(self, table: Mapping[K, V]) -> None:
        self._table = table
        self._touched = False
        if isinstance(table, Patched):
            self._base: dict[K, V] = table._base
            self._changes: dict[K, V] = dict(table._changes)
            self._length = table._length
        else:
            self._base = cast(dict[K, V], table)
            self._changes = {}
            self._length = len(table)

    def _current(self, key: K) -> Any:
        value = self._changes.get(key, _ABSENT)
        return self._base.get(key, _ABSENT) if value is _ABSENT else value

    def get(self, key: K, default: Any = None) -> Any:
        """The value of a key as the draft has it, or ``default``.

        Examples:
            >>> Draft({"a": 1}).get("b", 0)
            0
        """
        value = self._current(key)
        return default if value is _ABSENT or value is _GONE else value

    def __getitem__(self, key: K) -> V:
        value = self._current(key)
        if value is _ABSENT or value is _GONE:
            raise KeyError(key)
        return cast(V, value)

    def __contains__(self, key: K) -> bool:
        value = self._current(key)
        return value is not _ABSENT and value is not _GONE

    def __setitem__(self, key: K, value: V) -> None:
        before = self._current(key)
        if before is _ABSENT or before is _GONE:
            self._length += 1
        self._changes[key] = value
        self._touched = True

    def pop(self, key: K, default: Any = None) -> Any:
        """Remove a key, giving its value (or ``default`` when the draft has none).

        Examples:
            >>> draft = Draft({"a": 1})
            >>> draft.pop("a"), draft.pop("a"), len(draft.done())
            (1, None, 0)
        """
        before = self._current(key)
        if before is _ABSENT or before is _GONE:
            return default
        self._length -= 1
        self._touched = True
        if key in self._base:
            self._changes[key] = _GONE
        else:
            del self._changes[key]
        return before

    def done(self) -> Mapping[K, V]:
        """The mapping with the draft's changes: the table drafted on when nothing changed, a
        :class:`Patched` mapping over it, or a plain dict once the changes are many.

        Examples:
            >>> table = {"a": 1}
            >>> Draft(table).done() is table
            True
            >>> draft = Draft(table)
            >>> for i in range(2000):
            ...     draft[str(i)] = i
            >>> type(draft.done()).__name__, len(draft.done())
            ('dict', 2001)
        """
        if not self._touched:
            return self._table
        changes = self._changes
        if len(changes) <= max(_FLAT_AT, len(self._base) >> 5):
            return Patched(self._base, changes, self._length)
        return copied(Patched(self._base, changes, self._length))


def copied(table: Mapping[K, V]) -> dict[K, V]:
    """A plain dict copy of a table, patched or not, in the table's order.

    Examples:
        >>> draft = Draft({"a": 1, "b": 2})
        >>> draft.pop("a")
        1
        >>> copied(draft.done()), copied({"c": 3})
        ({'b': 2}, {'c': 3})
    """
    if not isinstance(table, Patched):
        return dict(table)
    flat = dict(table._base)
    for key, value in table._changes.items():
        if value is _GONE:
            del flat[key]
        else:
            flat[key] = value
    return flat
