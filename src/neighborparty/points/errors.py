"""The errors of the points system.

Both derive from :class:`~neighborparty.NeighborPartyError` and from ``ValueError``, like the
library's other errors about data.
"""

from __future__ import annotations

from datetime import date

from neighborparty.errors import NeighborPartyError
from neighborparty.model import Activity

__all__ = ["DuplicateActivityError", "NotInForceError"]


class DuplicateActivityError(NeighborPartyError, ValueError):
    """Two different activity records carry the same id.

    The same record twice is one event and counts once; two records that differ under one id
    cannot both be true, so the ledger refuses them rather than pick one.

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

    def __init__(self, first: Activity, second: Activity) -> None:
        self.id = first.id
        self.first = first
        self.second = second
        super().__init__(
            f"two different records under activity id {first.id!r}: {first!r} and {second!r}"
        )

    def __reduce__(self) -> tuple[type[DuplicateActivityError], tuple[Activity, Activity]]:
        return (type(self), (self.first, self.second))


class NotInForceError(NeighborPartyError, ValueError):
    """A scheme has no value in force on a day where scoring needs one (its base score or its
    flag threshold, read on the first day of the period).

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
