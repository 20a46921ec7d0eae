"""The ledger (积分台账): member activity records, one per event, indexed by member.

Scoring reads a City's own activities by default. Records that arrive from elsewhere (the city
platform's sign-up and check-in feed, a second export of the same month) go into a
:class:`Ledger`, which scoring reads instead. Records are events, named by their id:

* the same record twice (equal in every field) is one event and counts once;
* two different records under one id cannot both be true: the ledger refuses them with a
  :class:`~neighborparty.points.DuplicateActivityError` naming the id and both records, rather
  than guess which one is right.

A City already refuses duplicate ids when it is made, so its ledger skips the check.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from neighborparty.errors import DuplicateActivityError
from neighborparty.model import Activity, City
from neighborparty.points._cache import per_city

__all__ = ["Ledger"]


class Ledger:
    """Member activity records, deduplicated by id and indexed by member. Immutable.

    Args:
        activities: The records, in any order. Kept in the order first seen.

    Raises:
        DuplicateActivityError: Two different records share an id.

    Examples:
        >>> from datetime import date
        >>> from neighborparty import Activity, ActivityKind
        >>> a = Activity(id="ac-1", person="p-1", kind=ActivityKind.DUES_PAID, on=date(2020, 1, 5))
        >>> ledger = Ledger([a, a])                    # the same record twice: one event
        >>> len(ledger), ledger.of_person("p-1") == (a,)
        (1, True)
        >>> import attrs
        >>> ledger.appended([attrs.evolve(a, on=date(2020, 1, 6))])
        Traceback (most recent call last):
        ...
        neighborparty.errors.DuplicateActivityError: two different records under activity id 'ac-1': ...
    """

    __slots__ = ("__weakref__", "_activities", "_by_person")

    def __init__(self, activities: Iterable[Activity] = ()) -> None:
        self._activities = _deduplicated(activities)
        self._by_person: dict[str, tuple[Activity, ...]] | None = None

    @classmethod
    def of_city(cls, city: City) -> Ledger:
        """The ledger of a City's own activities, made once per City and kept while it lives.

        Examples:
            >>> from neighborparty import examples
            >>> city = examples.seed_city()
            >>> Ledger.of_city(city) is Ledger.of_city(city)
            True
            >>> [a.id for a in Ledger.of_city(city).of_person("p-chen")]
            ['ac-1', 'ac-2', 'ac-3', 'ac-4']
        """
        return per_city(city, "ledger", cls._of_unique)

    @classmethod
    def _of_unique(cls, city: City) -> Ledger:
        ledger = cls.__new__(cls)
        ledger._activities = city.activities  # a City's ids are unique already
        ledger._by_person = None
        return ledger

    @property
    def activities(self) -> tuple[Activity, ...]:
        """Every record, once, in the order first seen.

        Examples:
            >>> from neighborparty import examples
            >>> city = examples.seed_city()
            >>> Ledger.of_city(city).activities == city.activities
            True
        """
        return self._activities

    def __len__(self) -> int:
        return len(self._activities)

    def __iter__(self) -> Iterator[Activity]:
        return iter(self._activities)

    def __repr__(self) -> str:
        return f"Ledger({len(self._activities)} activities)"

    def of_person(self, person: str) -> tuple[Activity, ...]:
        """The records of one member, in ledger order (empty for an id with none).

        The index behind it is built on the first call, in one pass over the ledger.

        Examples:
            >>> from neighborparty import examples
            >>> ledger = Ledger.of_city(examples.seed_city())
            >>> [a.kind.value for a in ledger.of_person("p-lin")], ledger.of_person("nobody")
            (['dues_paid'], ())
        """
        if self._by_person is None:
            by_person: dict[str, list[Activity]] = {}
            for activity in self._activities:
                listed = by_person.get(activity.person)
                if listed is None:
                    by_person[activity.person] = [activity]
                else:
                    listed.append(activity)
            self._by_person = {p: tuple(acts) for p, acts in by_person.items()}
        return self._by_person.get(person, ())

    def appended(self, activities: Iterable[Activity]) -> Ledger:
        """A new ledger with more records; a record already held counts once.

        Raises:
            DuplicateActivityError: A new record differs from a held one with its id.

        Examples:
            >>> from neighborparty import examples
            >>> city = examples.seed_city()
            >>> ledger = Ledger.of_city(city).appended(city.activities[:2])
            >>> len(ledger) == len(city.activities)
            True
        """
        return Ledger((*self._activities, *activities))


def _deduplicated(activities: Iterable[Activity]) -> tuple[Activity, ...]:
    seen: dict[str, Activity] = {}
    for activity in activities:
        first = seen.setdefault(activity.id, activity)
        if first is not activity and first != activity:
            raise DuplicateActivityError(first, activity)
    return tuple(seen.values())
