"""The errors neighborparty raises.

Every error derives from :class:`NeighborPartyError`, and each leaf error also derives from the
builtin it resembles, so ``except ValueError`` keeps working for callers who do not know this
library. Errors about a document or a city carry every problem found, each with the path inside
the document where it stands, never only the first one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Protocol

import attrs

__all__ = [
    "DocumentError",
    "DuplicateActivityError",
    "IntegrityError",
    "InvalidFieldError",
    "NeighborPartyError",
    "NotInForceError",
    "Problem",
    "UnknownIdError",
]


@attrs.frozen(kw_only=True)
class Problem:
    """One problem found in a document or a city: where it is, and what is wrong.

    Args:
        path: Where the problem stands, as a path inside the document, e.g.
            ``compounds[3].households``; empty for the document as a whole.
        message: What is wrong, in a short sentence without the path.
        ids: The entity ids the problem is about (the offending or the missing ids).

    Examples:
        >>> p = Problem(path="compounds[3].households", message="expected int, got str")
        >>> str(p)
        'compounds[3].households: expected int, got str'
    """

    path: str
    message: str
    ids: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class NeighborPartyError(Exception):
    """The root of every error this library raises on purpose.

    Examples:
        >>> issubclass(DocumentError, NeighborPartyError)
        True
    """


class InvalidFieldError(NeighborPartyError, ValueError):
    """A field of an entity was given a value it cannot hold (a negative count, an end before
    its start).

    Args:
        field: The field's name.
        reason: What is wrong with the value.

    Examples:
        >>> from neighborparty import Compound, CompoundKind
        >>> try:
        ...     Compound(id="c", name="c", community="cm", households=-1, kind=CompoundKind.MANAGED)
        ... except InvalidFieldError as err:
        ...     print(err.field, "|", err)
        households | households: must be >= 0, got -1
    """

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")

    def __reduce__(self) -> tuple[type[InvalidFieldError], tuple[str, str]]:
        return (type(self), (self.field, self.reason))


class _ProblemsError(NeighborPartyError, ValueError):
    """An error that lists several problems, one per line."""

    headline = "invalid input"

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{self.headline} ({count} {noun}):\n{lines}")

    def __reduce__(self) -> tuple[type[_ProblemsError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))


class DocumentError(_ProblemsError):
    """A document could not be read: it is not of the shape the format describes.

    The message lists every problem with its path; :attr:`problems` holds them as
    :class:`Problem` objects for programs.

    Examples:
        >>> err = DocumentError([Problem(path="name", message="expected str, got int")])
        >>> print(err)
        invalid document (1 problem):
          name: expected str, got int
        >>> isinstance(err, ValueError)
        True
    """

    headline = "invalid document"


class IntegrityError(_ProblemsError):
    """A city whose parts do not fit together: duplicate ids, dangling references, loops.

    Only data that cannot mean anything raises it. A city that breaks *policy* still loads;
    its breaches are findings of the rule check.

    Examples:
        >>> err = IntegrityError(
        ...     [Problem(path="compounds[0].community", message="no community 'c9'", ids=("c9",))]
        ... )
        >>> err.problems[0].ids
        ('c9',)
        >>> isinstance(err, ValueError)
        True
    """

    headline = "inconsistent city"


class UnknownIdError(NeighborPartyError, KeyError):
    """An id was looked up in a city that holds no entity with that id.

    Examples:
        >>> err = UnknownIdError("c-9", "City 'xm'")
        >>> print(err)
        no entity 'c-9' in City 'xm'
        >>> isinstance(err, KeyError), err.id
        (True, 'c-9')
    """

    def __init__(self, id: str, where: str = "the city") -> None:
        self.id = id
        self.where = where
        super().__init__(id)

    def __str__(self) -> str:
        return f"no entity {self.id!r} in {self.where}"

    def __reduce__(self) -> tuple[type[UnknownIdError], tuple[str, str]]:
        return (type(self), (self.id, self.where))


class _Record(Protocol):
    """A record with an id: an :class:`~neighborparty.Activity` (the model stands above this
    module)."""

    @property
    def id(self) -> str: ...


class DuplicateActivityError(NeighborPartyError, ValueError):
    """Two different activity records carry the same id.

    The same record twice is one event and counts once; two records that differ under one id
    cannot both be true, so the points ledger refuses them rather than pick one.

    Args:
        first: The record seen first.
        second: The record seen later, with the same id and some other field different.

    Examples:
        >>> from datetime import date
        >>> from neighborparty import Activity, ActivityKind
        >>> a = Activity(id="ac-1", person="p-1", kind=ActivityKind.DUES_PAID, on=date(2020, 1, 5))
        >>> b = Activity(id="ac-1", person="p-1", kind=ActivityKind.DUES_PAID, on=date(2020, 1, 6))
        >>> err = DuplicateActivityError(a, b)
        >>> err.id, isinstance(err, ValueError)
        ('ac-1', True)
        >>> print(err)
        two different records under activity id 'ac-1': Activity(id='ac-1', person='p-1', kind=<ActivityKind.DUES_PAID: 'dues_paid'>, on=datetime.date(2020, 1, 5), ref=None, hours=None) and Activity(id='ac-1', person='p-1', kind=<ActivityKind.DUES_PAID: 'dues_paid'>, on=datetime.date(2020, 1, 6), ref=None, hours=None)
    """

    def __init__(self, first: _Record, second: _Record) -> None:
        self.id = first.id
        self.first = first
        self.second = second
        super().__init__(
            f"two different records under activity id {first.id!r}: {first!r} and {second!r}"
        )

    def __reduce__(self) -> tuple[type[DuplicateActivityError], tuple[_Record, _Record]]:
        return (type(self), (self.first, self.second))


class NotInForceError(NeighborPartyError, ValueError):
    """A points scheme has no value in force on a day where scoring needs one (its base score
    or its flag threshold, read on the first day of the period).

    Args:
        scheme: The scheme's name.
        what: What is missing, e.g. ``"base"``.
        day: The day it was looked up on.

    Examples:
        >>> from datetime import date
        >>> print(NotInForceError("example", "base", date(2019, 1, 1)))
        scheme 'example' has no base in force on 2019-01-01
    """

    def __init__(self, scheme: str, what: str, day: date) -> None:
        self.scheme = scheme
        self.what = what
        self.day = day
        super().__init__(f"scheme {scheme!r} has no {what} in force on {day.isoformat()}")

    def __reduce__(self) -> tuple[type[NotInForceError], tuple[str, str, date]]:
        return (type(self), (self.scheme, self.what, self.day))
