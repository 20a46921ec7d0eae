"""Scores (积分): what a points scheme gives each member for a period, and the tables built on them.

How a score is made
-------------------

A member's score for a :class:`~neighborparty.points.Period` is::

    total = base + earned - deducted

* ``base`` is the scheme's base score, read on the period's first day.
* ``earned`` adds the points of the member's activities whose day lies in the period; an activity
  outside the period does not count. An activity earns what the earning rule of its kind gives
  on its day (``points`` plus ``per_hour`` times its ``hours``), rounded to hundredths; a kind
  without a rule in force that day earns nothing.
* A **project sign-up earns nothing without a check-in**: it counts only if the same member has
  a check-in at the same project (the same ``ref``) anywhere in the ledger, before or after the
  period; a sign-up without a ``ref`` never counts. The sign-up then counts on its own day, in
  its own period. A check-in counts on its own, whether or not a sign-up was recorded.
* **Caps** cut what each kind earns per calendar month, quarter and year, in that order, each
  cap's value read on its window's first day. A cap cuts **the latest events of its window
  first**: events are ordered by day, then by id, and the cut takes points from the end of that
  order. A window the period only partly covers is capped on the part inside the period. So the
  points a kind keeps in a year are ``min(year cap, sum over quarters of min(quarter cap, sum
  over months of min(month cap, points of the month)))``, a missing cap being no limit.
* ``deducted`` sums the deductions for lapses (see
  :class:`~neighborparty.points.RequiredActivity` and
  :class:`~neighborparty.points.InactivityRule`). A deduction belongs to a calendar window (a
  required window, or a month that ends a run of inactive months) and counts when that window
  lies wholly in the period and starts on or after the day the member joined.
* The score is **flagged** when ``total`` is strictly below the scheme's ``flag_below``, read on
  the period's first day.

Events are records of a :class:`~neighborparty.points.Ledger`: **the same activity id twice
counts once**, and two different records under one id raise
:class:`~neighborparty.points.DuplicateActivityError`. Points are kept in whole hundredths, so
sums are exact and **a score does not depend on the order of the records**. Earning rules and
caps only add, and a record can only fill a window a deduction watches, so **adding a record
never lowers a score**.

Splitting a period
------------------

Every cap and deduction belongs to a calendar window, so splitting a year into its quarters
gives an exact relation:

* ``deducted(year) == sum(deducted(quarter))`` unless a required activity counts per year (a
  yearly window lies in no quarter);
* ``earned(year) <= sum(earned(quarter))``, with equality when the scheme has no yearly caps
  (quarterly and monthly caps cut the same events in both).

So with monthly and quarterly caps only and no yearly requirement, ``total(year) - base ==
sum(total(quarter) - base)``.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar

import attrs

from neighborparty.errors import UnknownIdError
from neighborparty.model import Activity, City, PartyOrganization, Person
from neighborparty.model._gc import paused_gc
from neighborparty.points._cache import per_city
from neighborparty.points._engine import (
    Plan,
    Tally,
    centi,
    compile_plan,
    deducted,
    joined_offset,
    tally,
)
from neighborparty.points.ledger import Ledger
from neighborparty.points.period import Period
from neighborparty.points.scheme import PointsScheme

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BranchTotal",
    "Rank",
    "Score",
    "branch_totals",
    "flagged_members",
    "ranking",
    "score",
    "scores",
    "scores_frame",
]


@attrs.frozen(kw_only=True)
class Score:
    """One member's score for one period under one scheme.

    Args:
        person: The member's id.
        period: The period scored.
        branch: The id of the member's branch (:meth:`City.branch_of
            <neighborparty.City.branch_of>`), or ``None``.
        base: The base score.
        earned: The points the member's activities earned, after the caps.
        cut: The points the caps cut.
        deducted: The points deducted for lapses, as a positive number.
        total: ``base + earned - deducted``.
        flag_below: The scheme's threshold.

    Examples:
        >>> from neighborparty import examples
        >>> from neighborparty.points import EXAMPLE_SCHEME, Period
        >>> s = score(examples.seed_city(), "p-chen", Period.quarter(2020, 3), EXAMPLE_SCHEME)
        >>> s.base, s.earned, s.deducted, s.total, s.flagged
        (80.0, 6.0, 12.0, 74.0, False)
    """

    person: str
    period: Period
    branch: str | None
    base: float
    earned: float
    cut: float
    deducted: float
    total: float
    flag_below: float

    @property
    def flagged(self) -> bool:
        """Whether the total is strictly below the threshold.

        Examples:
            >>> from neighborparty import examples
            >>> from neighborparty.points import EXAMPLE_SCHEME, Period
            >>> score(examples.seed_city(), "p-liu", Period.year(2020), EXAMPLE_SCHEME).flagged
            True
        """
        return self.total < self.flag_below


def _scores(
    members: Iterable[tuple[Person, str | None]], tallies: dict[str, Tally], plan: Plan
) -> dict[str, Score]:
    """The scores of members, from what their records add up to."""
    base, period = plan.base, plan.period
    base_points, flag_below = base / 100, plan.flag_below / 100
    # Members share months with activity far more often than not: deductions are a function
    # of those months and the first month a member is held to, so each is computed once.
    lapses: dict[tuple[int, int], int] = {}
    found = {}
    for person, branch in members:
        member = tallies.get(person.id)
        if member is None:
            earned = cut = mask = 0
        elif member.sign_ups is None:
            earned, cut, mask = member.earned, member.cut, member.mask
        else:
            earned, cut = member.points()
            mask = member.mask
        party = person.party
        key = (mask, joined_offset(party.joined if party is not None else None, plan))
        lost = lapses.get(key)
        if lost is None:
            lost = lapses[key] = deducted(*key, plan)
        found[person.id] = Score(
            person=person.id,
            period=period,
            branch=branch,
            base=base_points,
            earned=earned / 100,
            cut=cut / 100,
            deducted=lost / 100,
            total=(base + earned - lost) / 100,
            flag_below=flag_below,
        )
    return found


# --------------------------------------------------------------------------- public functions


def _member(city: City, person: str) -> Person:
    entity = city.get(person)
    if not isinstance(entity, Person) or entity.party is None:
        raise UnknownIdError(person, f"the party members of City {city.id!r}")
    return entity


def score(
    city: City,
    person: str,
    period: Period,
    scheme: PointsScheme,
    *,
    ledger: Ledger | None = None,
) -> Score:
    """A member's score for a period under a scheme.

    Args:
        city: The city the member belongs to.
        person: The member's id.
        period: The period to score.
        scheme: The points scheme.
        ledger: The records to read; by default the City's own activities.

    Returns:
        The score, with its parts. :func:`~neighborparty.points.explain_score` gives the events
        and rules behind it.

    Raises:
        UnknownIdError: The city has no party member with this id.
        NotInForceError: The scheme has no base score or threshold on the period's first day.

    Examples:
        >>> from neighborparty import examples
        >>> from neighborparty.points import EXAMPLE_SCHEME, Period
        >>> city = examples.seed_city()
        >>> score(city, "p-chen", Period.quarter(2020, 4), EXAMPLE_SCHEME).total
        79.0
    """
    member = _member(city, person)
    plan = compile_plan(scheme, period)
    source = ledger if ledger is not None else Ledger.of_city(city)
    tallies = tally(source.of_person(person), plan)
    return _scores([(member, _branch_id(city, person))], tallies, plan)[person]


def scores(
    city: City,
    period: Period,
    scheme: PointsScheme,
    *,
    branch: str | None = None,
    ledger: Ledger | None = None,
) -> dict[str, Score]:
    """The score of every party member of a city (or of one branch) for a period.

    Args:
        city: The city.
        period: The period to score.
        scheme: The points scheme.
        branch: Only the members of this branch, as :meth:`City.branch_of
            <neighborparty.City.branch_of>` assigns them (a member counts in one branch only).
        ledger: The records to read; by default the City's own activities.

    Returns:
        The scores by member id, in the order of the city's people. A member with no records
        scores the base less the deductions.

    Raises:
        UnknownIdError: ``branch`` is not a branch of the city.
        NotInForceError: The scheme has no base score or threshold on the period's first day.

    Notes:
        One pass over the records, then one over the members: linear in both. The synthetic
        city at scale 1 (113 000 members, 360 000 records) scores a quarter in about two seconds.
        The members and their branches are read of the City once and kept while it lives.

    Examples:
        >>> from neighborparty import examples
        >>> from neighborparty.points import EXAMPLE_SCHEME, Period
        >>> city = examples.seed_city()
        >>> table = scores(city, Period.quarter(2020, 3), EXAMPLE_SCHEME, branch="br-jinan")
        >>> {p: s.total for p, s in table.items()}
        {'p-lin': 62.0, 'p-chen': 74.0, 'p-wang': 62.0, 'p-zhao': 62.0}
    """
    if branch is not None:
        organization = city.get(branch) if branch in city else None
        if not isinstance(organization, PartyOrganization) or not organization.kind.is_branch:
            raise UnknownIdError(branch, f"the branches of City {city.id!r}")
    plan = compile_plan(scheme, period)
    with paused_gc():
        source = ledger if ledger is not None else Ledger.of_city(city)
        if branch is None:
            chosen: Sequence[tuple[Person, str | None]] = per_city(
                city, "members and branches", _members_and_branches
            )
            records: Iterable[Activity] = source.activities
        else:
            chosen = [
                (person, branch)
                for person in city.members_of(branch)
                if _branch_id(city, person.id) == branch
            ]
            records = [a for p, _ in chosen for a in source.of_person(p.id)]
        return _scores(chosen, tally(records, plan), plan)


def _branch_id(city: City, person: str) -> str | None:
    """The id of a member's branch (:meth:`City.branch_of <neighborparty.City.branch_of>`)."""
    branch = city.branch_of(person)
    return None if branch is None else branch.id


def _members_and_branches(city: City) -> tuple[tuple[Person, str | None], ...]:
    """Every party member of a city, in the order of its people, with the id of the member's
    branch (:meth:`City.branch_of <neighborparty.City.branch_of>`) or ``None``."""
    branch_of = city.branch_of
    found = []
    for person in city.people:
        if person.party is not None:
            branch = branch_of(person.id)
            found.append((person, None if branch is None else branch.id))
    return tuple(found)


@attrs.frozen(kw_only=True)
class BranchTotal:
    """The scores of one branch's members added up, for the platform's branch bonus items.

    Args:
        branch: The branch's id.
        members: How many members were scored.
        total: The sum of their totals.
        average: ``total / members``, which compares branches of different sizes.

    Examples:
        >>> BranchTotal(branch="br-1", members=4, total=330.0, average=82.5).average
        82.5
    """

    branch: str
    members: int
    total: float
    average: float


def branch_totals(table: Mapping[str, Score]) -> dict[str, BranchTotal]:
    """The totals and averages of each branch in a table of scores, by branch id in order.

    Members in no branch (``Score.branch is None``) are left out.

    Examples:
        >>> from neighborparty import examples
        >>> from neighborparty.points import EXAMPLE_SCHEME, Period
        >>> table = scores(examples.seed_city(), Period.quarter(2020, 3), EXAMPLE_SCHEME)
        >>> for t in branch_totals(table).values():
        ...     print(t.branch, t.members, t.total, t.average)
        br-grid-old 1 62.0 62.0
        br-jinan 4 260.0 65.0
        br-joint 3 186.0 62.0
    """
    sums: dict[str, list[int]] = {}
    for entry in table.values():
        if entry.branch is not None:
            counts = sums.setdefault(entry.branch, [0, 0])
            counts[0] += 1
            counts[1] += centi(entry.total)
    return {
        branch: BranchTotal(branch=branch, members=n, total=total / 100, average=total / (100 * n))
        for branch, (n, total) in sorted(sums.items())
    }


@attrs.frozen(kw_only=True)
class Rank:
    """A place in a ranking.

    Args:
        rank: The place, from 1. Equal values share the best place of their group, and the
            places after them are skipped (competition ranking, "1224").
        id: The id of the member or branch ranked.
        value: The value it was ranked by.

    Examples:
        >>> Rank(rank=2, id="p-1", value=84.0).rank
        2
    """

    rank: int
    id: str
    value: float


class _HasTotal(Protocol):
    @property
    def total(self) -> float: ...


_T = TypeVar("_T", bound=_HasTotal)


def ranking(
    table: Mapping[str, _T], *, key: Callable[[_T], float] | None = None
) -> tuple[Rank, ...]:
    """A ranking of a table of scores or branch totals, best first, ties handled explicitly.

    Higher values rank first. Equal values share a place and the places after them are skipped
    (competition ranking: 1, 2, 2, 4). Entries of equal value are listed by id, ascending; that
    order decides nothing else.

    Args:
        table: Scores (:func:`scores`) or branch totals (:func:`branch_totals`) by id.
        key: What to rank by; by default the ``total``. Rank branches of different sizes by
            ``key=lambda b: b.average``.

    Examples:
        >>> from neighborparty import examples
        >>> from neighborparty.points import EXAMPLE_SCHEME, Period
        >>> city = examples.seed_city()
        >>> table = scores(city, Period.quarter(2020, 3), EXAMPLE_SCHEME, branch="br-jinan")
        >>> for r in ranking(table):
        ...     print(r.rank, r.id, r.value)
        1 p-chen 74.0
        2 p-lin 62.0
        2 p-wang 62.0
        2 p-zhao 62.0
        >>> [(r.rank, r.id) for r in ranking(branch_totals(scores(city, Period.quarter(2020, 3),
        ...     EXAMPLE_SCHEME)), key=lambda b: b.average)]
        [(1, 'br-jinan'), (2, 'br-grid-old'), (2, 'br-joint')]
    """
    value_of: Callable[[_T], float] = key if key is not None else operator.attrgetter("total")
    ordered = sorted(((value_of(entry), id) for id, entry in table.items()), key=_best_first)
    ranks: list[Rank] = []
    for place, (value, id) in enumerate(ordered, start=1):
        rank = ranks[-1].rank if ranks and ranks[-1].value == value else place
        ranks.append(Rank(rank=rank, id=id, value=value))
    return tuple(ranks)


def _best_first(entry: tuple[float, str]) -> tuple[float, str]:
    return (-entry[0], entry[1])


def flagged_members(table: Mapping[str, Score]) -> tuple[Score, ...]:
    """The scores under the flag threshold, lowest first (equal totals by member id).

    Examples:
        >>> from neighborparty import examples
        >>> from neighborparty.points import EXAMPLE_SCHEME, Period
        >>> table = scores(examples.seed_city(), Period.year(2020), EXAMPLE_SCHEME)
        >>> [(s.person, s.total) for s in flagged_members(table)]
        [('p-liu', 33.0), ('p-ma', 33.0), ('p-sun', 33.0), ('p-wang', 33.0), ('p-xu', 33.0), ('p-zhao', 33.0), ('p-huang', 45.0), ('p-lin', 48.0)]
    """
    flagged = [entry for entry in table.values() if entry.flagged]
    return tuple(sorted(flagged, key=lambda s: (s.total, s.person)))


def scores_frame(table: Mapping[str, Score]) -> pd.DataFrame:
    """A table of scores (:func:`scores`) as a pandas DataFrame, one row per member, in order.

    The index is the member's id (``person``); the columns are ``branch`` (missing for a
    member in no branch), ``period`` (as text, e.g. ``"2020-Q3"``), ``base``, ``earned``,
    ``cut``, ``deducted``, ``total``, ``flag_below`` and ``flagged``: the fields of
    :class:`Score`. Needs the ``pandas`` extra.

    Raises:
        ImportError: pandas is not installed.

    Examples:
        >>> from neighborparty import examples
        >>> from neighborparty.points import EXAMPLE_SCHEME, Period
        >>> table = scores(examples.seed_city(), Period.quarter(2020, 3), EXAMPLE_SCHEME,
        ...                branch="br-jinan")
        >>> scores_frame(table)[["branch", "earned", "deducted", "total", "flagged"]]
                  branch  earned  deducted  total  flagged
        person
        p-lin   br-jinan     0.0      18.0   62.0    False
        p-chen  br-jinan     6.0      12.0   74.0    False
        p-wang  br-jinan     0.0      18.0   62.0    False
        p-zhao  br-jinan     0.0      18.0   62.0    False
    """
    from neighborparty.points._frames import scores_frame as frame

    return frame(table)
