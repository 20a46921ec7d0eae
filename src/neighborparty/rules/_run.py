"""Running rules on a city: the day a check measures from, and each rule's outcomes.

The engine under :func:`~neighborparty.rules.check`, :meth:`Report.recheck
<neighborparty.rules.Report.recheck>` and the comparisons: it knows rules, contexts and
policies, not reports.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from datetime import date
from typing import cast

from neighborparty.model import City
from neighborparty.model._cache import derived as city_cache
from neighborparty.model._gc import paused_gc
from neighborparty.rules.context import Context
from neighborparty.rules.coverage import record
from neighborparty.rules.outcomes import Outcomes
from neighborparty.rules.policy import Policy
from neighborparty.rules.rule import Outcome, Rule

__all__ = ["DATE_FIELDS", "Results", "as_of", "run"]

Results = tuple[tuple[Rule, Sequence[Outcome]], ...]
"""Per rule, in the order the rules ran: what it said of each subject (an :class:`Outcomes`
where a check made it, a tuple where a re-check or a merge of parts did)."""

DATE_FIELDS: dict[str, tuple[str, ...]] = {
    "appointments": ("start", "end"),
    "activities": ("on",),
    "committees": ("term_start",),
    "claims": ("claimed_on",),
    "votes": ("held_on",),
    "deliberations": ("held_on",),
    "whistles": ("raised_on", "answered_on"),
    "agreements": ("signed_on",),
    "units": ("reported_on",),
    "organizations": ("elected_on",),
}


def as_of(city: City) -> date | None:
    """The latest day the city records anything on: the day a check measures from by default.

    ``None`` for a city that records no day at all.

    Examples:
        >>> from neighborparty import examples
        >>> as_of(examples.seed_city())
        datetime.date(2020, 10, 8)
    """
    derived = city_cache(city)
    if as_of not in derived:
        tops = [
            max(filter(None, map(operator.attrgetter(field), getattr(city, name))), default=None)
            for name, fields in DATE_FIELDS.items()
            for field in fields
        ]
        derived[as_of] = max((d for d in tops if d is not None), default=None)
    return cast(date | None, derived[as_of])


def run(city: City, policy: Policy, on: date | None, rules: Iterable[Rule]) -> tuple[date, Results]:
    """The day a check of ``city`` on ``on`` measures to, and the outcomes of each rule.

    Examples:
        >>> from neighborparty import DEFAULT_POLICY, examples
        >>> day, results = run(examples.seed_city(), DEFAULT_POLICY, None, DEFAULT_POLICY.rules[:1])
        >>> day, results[0][0].code, len(results[0][1])
        (datetime.date(2020, 10, 8), 'NP101', 4)
    """
    day = on if on is not None else (as_of(city) or date.today())
    context = Context(city, day, policy.values(on), open_posts=on is None, values_on=policy.values)
    with paused_gc(settle=True):
        results = tuple((r, Outcomes._judged_by(r.code, r.evaluate(context))) for r in rules)
    record(results, policy, on, day)
    return day, results
