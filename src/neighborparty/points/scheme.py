"""Points schemes (积分方案): dated rules for earning points, capping them and deducting for lapses.

A :class:`PointsScheme` is immutable data. Every number in it is a :class:`DatedValue`: a value
in force from a day until the next change, the way OpenFisca keeps legal parameters. A reform is
a new scheme, made with :meth:`PointsScheme.with_rules`; the old one is unchanged.

A scheme has four kinds of rules, each with a ``code`` unique in the scheme, which explanations
cite:

* :class:`EarningRule`: points per activity of one kind, plus points per hour of its ``hours``;
* :class:`Cap`: the most points one kind of activity earns in a calendar month, quarter or year;
* :class:`RequiredActivity`: points deducted for each calendar window without a required
  activity (a missed theme party day);
* :class:`InactivityRule`: points deducted for a run of months without organisational life.

Besides the rules, a scheme has a ``base`` score every member starts a period with and a
``flag_below`` threshold under which a member is flagged. How the rules combine is told in
:mod:`neighborparty.points.scoring`.

No official national or Xiamen scheme was found, so the library ships no official numbers:
:data:`~neighborparty.points.EXAMPLE_SCHEME` is an example of library defaults.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, TypeAlias

import attrs
import cattrs

from neighborparty.errors import InvalidFieldError, UnknownIdError
from neighborparty.model import ActivityKind
from neighborparty.points import _converter
from neighborparty.points.period import PeriodUnit

__all__ = [
    "Cap",
    "DatedValue",
    "EarningRule",
    "InactivityRule",
    "PointsScheme",
    "RequiredActivity",
    "Rule",
]


def _is_number(value: object) -> bool:
    return type(value) in (int, float) and math.isfinite(value)  # type: ignore[arg-type]


def _steps(
    values: Mapping[date, float | None] | Iterable[tuple[date, float | None]],
) -> tuple[tuple[date, float | None], ...]:
    pairs = list(values.items()) if isinstance(values, Mapping) else list(values)
    if not pairs:
        raise InvalidFieldError("steps", "a dated value needs at least one day and value")
    for day, value in pairs:
        if type(day) is not date:
            raise InvalidFieldError("steps", f"expected a date, got {day!r}")
        if value is not None and not _is_number(value):
            raise InvalidFieldError("steps", f"expected a finite number or None, got {value!r}")
    pairs.sort(key=lambda pair: pair[0])
    for (before, _), (after, _) in itertools.pairwise(pairs):
        if before == after:
            raise InvalidFieldError("steps", f"two values from {after.isoformat()}")
    return tuple(pairs)


@attrs.frozen(repr=False)
class DatedValue:
    """A number that changes on given days: each value is in force from its day until the next.

    The value on a day is the one of the latest change not after it. Before the first change,
    and from a change to ``None``, the value is not in force (``None``): a rule whose value is
    not in force on a day does nothing on that day.

    Args:
        steps: The changes, as a mapping from the day a value comes into force to the value (or
            ``None`` to end it), or as ``(day, value)`` pairs. Kept sorted by day.

    Raises:
        InvalidFieldError: No change is given, two changes fall on one day, or a value is not a
            finite number or ``None``.

    Examples:
        >>> from datetime import date
        >>> points = DatedValue({date(2020, 1, 1): 2, date(2022, 1, 1): 3})
        >>> points.at(date(2019, 12, 31)), points.at(date(2021, 6, 1)), points.at(date(2022, 1, 1))
        (None, 2, 3)
        >>> points.with_value(date(2023, 1, 1), None).at(date(2023, 5, 1)) is None
        True
        >>> points
        DatedValue({datetime.date(2020, 1, 1): 2, datetime.date(2022, 1, 1): 3})
    """

    steps: tuple[tuple[date, float | None], ...] = attrs.field(converter=_steps)

    @classmethod
    def since(cls, day: date, value: float) -> DatedValue:
        """A value in force from a day on.

        Examples:
            >>> from datetime import date
            >>> DatedValue.since(date(2020, 1, 1), 80).at(date(2030, 1, 1))
            80
        """
        return cls({day: value})

    def __repr__(self) -> str:
        inner = ", ".join(f"{day!r}: {value!r}" for day, value in self.steps)
        return f"DatedValue({{{inner}}})"

    def at(self, day: date) -> float | None:
        """The value in force on a day, or ``None`` if none is.

        Examples:
            >>> from datetime import date
            >>> DatedValue.since(date(2020, 1, 1), 2).at(date(2020, 1, 1))
            2
        """
        i = bisect.bisect_right(self.steps, day, key=lambda step: step[0])
        return self.steps[i - 1][1] if i else None

    def with_value(self, day: date, value: float | None) -> DatedValue:
        """A new dated value with one more change (or the change on that day replaced).

        Examples:
            >>> from datetime import date
            >>> v = DatedValue.since(date(2020, 1, 1), 2).with_value(date(2021, 1, 1), 4)
            >>> v.at(date(2020, 12, 31)), v.at(date(2021, 1, 1))
            (2, 4)
        """
        return DatedValue({**dict(self.steps), day: value})

    @property
    def first_in_force(self) -> date | None:
        """The first day a value is in force, or ``None`` if the value never is.

        Examples:
            >>> from datetime import date
            >>> DatedValue({date(2019, 1, 1): None, date(2020, 1, 1): 5}).first_in_force
            datetime.date(2020, 1, 1)
        """
        return next((day for day, value in self.steps if value is not None), None)

    def values(self) -> tuple[float, ...]:
        """Every value the dated value takes, leaving out ``None``.

        Examples:
            >>> from datetime import date
            >>> DatedValue({date(2020, 1, 1): 2, date(2021, 1, 1): None}).values()
            (2,)
        """
        return tuple(value for _, value in self.steps if value is not None)


def _non_negative(instance: Any, attribute: attrs.Attribute[Any], value: DatedValue | None) -> None:
    if value is None:
        return
    for day, number in value.steps:
        if number is not None and number < 0:
            raise InvalidFieldError(
                attribute.name, f"must be >= 0, got {number!r} from {day.isoformat()}"
            )


def _code(instance: Any, attribute: attrs.Attribute[str], value: str) -> None:
    if not value:
        raise InvalidFieldError(attribute.name, "must not be empty")


def _kinds(instance: Any, attribute: attrs.Attribute[Any], value: tuple[ActivityKind, ...]) -> None:
    if not value:
        raise InvalidFieldError(attribute.name, "must name at least one activity kind")
    if len(set(value)) != len(value):
        raise InvalidFieldError(attribute.name, "names an activity kind twice")


def _as_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class EarningRule:
    """Points a member earns for each activity of one kind (加分项).

    An activity earns ``points`` plus ``per_hour`` times its ``hours`` (none when it records no
    hours), both read on the activity's day. A project sign-up (报名) earns only when the same
    member checked in (扫码签到) at the same project: see
    :mod:`neighborparty.points.scoring`.

    Args:
        code: The rule's code, unique in its scheme.
        kind: The activity kind it scores.
        points: Points per activity, at least 0.
        per_hour: Points per hour of the activity's ``hours``, at least 0; ``None`` for none.
        title: A short description, in any language.

    Examples:
        >>> from datetime import date
        >>> from neighborparty import ActivityKind
        >>> rule = EarningRule(
        ...     code="volunteer", kind=ActivityKind.VOLUNTEER_SERVICE,
        ...     points=DatedValue.since(date(2020, 1, 1), 0),
        ...     per_hour=DatedValue.since(date(2020, 1, 1), 1),
        ... )
        >>> rule.per_hour.at(date(2020, 5, 1))
        1
    """

    code: str = attrs.field(validator=_code)
    kind: ActivityKind
    points: DatedValue = attrs.field(validator=_non_negative)
    per_hour: DatedValue | None = attrs.field(default=None, validator=_non_negative)
    title: str = ""


@attrs.frozen(kw_only=True)
class Cap:
    """The most points activities of one kind earn in a calendar month, quarter or year (封顶).

    The cap's value is read on the first day of each calendar window. When a window's points
    run over it, the cap cuts the points of the window's latest events first.

    Args:
        code: The cap's code, unique in its scheme.
        kind: The activity kind it caps.
        per: The calendar window it counts in.
        points: The most points per window, at least 0; ``None`` for no cap.
        title: A short description.

    Examples:
        >>> from datetime import date
        >>> from neighborparty import ActivityKind
        >>> Cap(code="volunteer_month", kind=ActivityKind.VOLUNTEER_SERVICE,
        ...     per=PeriodUnit.MONTH, points=DatedValue.since(date(2020, 1, 1), 8)).per.months
        1
    """

    code: str = attrs.field(validator=_code)
    kind: ActivityKind
    per: PeriodUnit
    points: DatedValue = attrs.field(validator=_non_negative)
    title: str = ""


@attrs.frozen(kw_only=True)
class RequiredActivity:
    """An activity a member must record once in every calendar window, or lose points (扣分).

    Each calendar window of ``per`` that lies wholly in the scored period, starts on or after
    the day the member joined, and holds no activity of ``kinds`` deducts ``points``, read on the
    window's first day. This is how a scheme says "a missed required meeting": the example
    scheme requires a theme party day (主题党日) each month.

    Args:
        code: The rule's code, unique in its scheme.
        kinds: The activity kinds that satisfy the requirement (any one of them does).
        per: The calendar window: month, quarter or year.
        points: Points deducted per window missed, at least 0.
        title: A short description.

    Examples:
        >>> from datetime import date
        >>> from neighborparty import ActivityKind
        >>> RequiredActivity(code="missed_theme_day", kinds=[ActivityKind.THEME_PARTY_DAY],
        ...     per=PeriodUnit.MONTH, points=DatedValue.since(date(2020, 1, 1), 1)).kinds
        (<ActivityKind.THEME_PARTY_DAY: 'theme_party_day'>,)
    """

    code: str = attrs.field(validator=_code)
    kinds: tuple[ActivityKind, ...] = attrs.field(converter=_as_tuple, validator=_kinds)
    per: PeriodUnit
    points: DatedValue = attrs.field(validator=_non_negative)
    title: str = ""


def _at_least_one(instance: Any, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or value < 1:
        raise InvalidFieldError(attribute.name, f"must be an int >= 1, got {value!r}")


@attrs.frozen(kw_only=True)
class InactivityRule:
    """Points deducted for each month a member has gone without organisational life for
    ``months`` months in a row (连续不参加组织生活).

    A month is *empty* when the member records no activity of ``kinds`` in it. Months count
    from the later of the month the rule first comes into force and the first month that starts
    on or after the day the member joined; earlier months are never empty. A month that lies
    wholly in the period and ends a run of ``months`` empty months (itself and the ones before
    it, which may lie before the period) deducts ``points``, read on that month's first day.
    So a member six months without organisational life loses points in the sixth month, and in
    every month after it until they take part again; each deduction belongs to one month, and
    the deductions of a year are those of its quarters. A record can only end a run, never
    start one, so adding a record never adds a deduction.

    Args:
        code: The rule's code, unique in its scheme.
        kinds: The activity kinds that count as organisational life.
        months: How many empty months in a row make a lapse, at least 1.
        points: Points deducted per lapse, at least 0.
        title: A short description.

    Examples:
        >>> from datetime import date
        >>> from neighborparty import ActivityKind
        >>> InactivityRule(code="inactive", kinds=[ActivityKind.DUES_PAID], months=6,
        ...     points=DatedValue.since(date(2020, 1, 1), 10)).months
        6
    """

    code: str = attrs.field(validator=_code)
    kinds: tuple[ActivityKind, ...] = attrs.field(converter=_as_tuple, validator=_kinds)
    months: int = attrs.field(validator=_at_least_one)
    points: DatedValue = attrs.field(validator=_non_negative)
    title: str = ""


Rule: TypeAlias = EarningRule | Cap | RequiredActivity | InactivityRule
"""Any rule of a scheme."""

_RULE_FIELDS: Mapping[type[Any], str] = {
    EarningRule: "earning",
    Cap: "caps",
    RequiredActivity: "required",
    InactivityRule: "inactivity",
}


@attrs.frozen(kw_only=True)
class PointsScheme:
    """A points scheme (党员积分制管理方案): a base score, rules that add and deduct, a threshold.

    A member's score for a period is the ``base`` plus the points the earning rules give the
    period's activities (after the caps cut them), minus the deductions; a score below
    ``flag_below`` flags the member. Both numbers are read on the period's first day. See
    :mod:`neighborparty.points.scoring` for the exact semantics.

    Args:
        name: A short name for the scheme.
        title: A description; say here where the numbers come from.
        base: The score every member starts a period with.
        flag_below: The threshold: a score strictly below it is flagged.
        earning: Points per activity; at most one rule per activity kind.
        caps: The most points per kind and calendar window; at most one cap per kind and unit.
        required: Deductions for calendar windows without a required activity.
        inactivity: Deductions for months that end a run without organisational life.

    Raises:
        InvalidFieldError: Two rules share a code, two earning rules score one kind, or two caps
            cap one kind in one unit. The field names the second rule, e.g. ``caps[2].code``.

    Examples:
        >>> from datetime import date
        >>> from neighborparty import ActivityKind
        >>> from neighborparty.points import EXAMPLE_SCHEME
        >>> EXAMPLE_SCHEME.base.at(date(2020, 1, 1)), EXAMPLE_SCHEME.flag_below.at(date(2020, 1, 1))
        (80, 60)
        >>> EXAMPLE_SCHEME.rule("theme_party_day").points.at(date(2020, 9, 5))
        2
        >>> PointsScheme(name="x", base=DatedValue.since(date(2020, 1, 1), 80),
        ...     flag_below=DatedValue.since(date(2020, 1, 1), 60),
        ...     earning=[EarningRule(code="a", kind=ActivityKind.DUES_PAID, points=DatedValue.since(date(2020, 1, 1), 1)),
        ...              EarningRule(code="a", kind=ActivityKind.THEME_PARTY_DAY, points=DatedValue.since(date(2020, 1, 1), 1))])
        Traceback (most recent call last):
        ...
        neighborparty.errors.InvalidFieldError: earning[1].code: duplicate code 'a', first used at earning[0]
    """

    name: str
    title: str = ""
    base: DatedValue
    flag_below: DatedValue
    earning: tuple[EarningRule, ...] = attrs.field(default=(), converter=_as_tuple)
    caps: tuple[Cap, ...] = attrs.field(default=(), converter=_as_tuple)
    required: tuple[RequiredActivity, ...] = attrs.field(default=(), converter=_as_tuple)
    inactivity: tuple[InactivityRule, ...] = attrs.field(default=(), converter=_as_tuple)

    def __attrs_post_init__(self) -> None:
        codes: dict[str, str] = {}
        kinds: dict[ActivityKind, str] = {}
        caps: dict[tuple[ActivityKind, PeriodUnit], str] = {}
        for field in ("earning", "caps", "required", "inactivity"):
            for i, rule in enumerate(getattr(self, field)):
                where = f"{field}[{i}]"
                if type(rule) is not _RULE_CLASSES[field]:
                    raise InvalidFieldError(
                        where, f"expected {_RULE_CLASSES[field].__name__}, got {rule!r}"
                    )
                if rule.code in codes:
                    raise InvalidFieldError(
                        f"{where}.code",
                        f"duplicate code {rule.code!r}, first used at {codes[rule.code]}",
                    )
                codes[rule.code] = where
                if isinstance(rule, EarningRule):
                    if rule.kind in kinds:
                        raise InvalidFieldError(
                            f"{where}.kind",
                            f"{rule.kind.value!r} is already scored by {kinds[rule.kind]}",
                        )
                    kinds[rule.kind] = where
                elif isinstance(rule, Cap):
                    key = (rule.kind, rule.per)
                    if key in caps:
                        raise InvalidFieldError(
                            f"{where}.per",
                            f"{rule.kind.value!r} is already capped per {rule.per.value} "
                            f"by {caps[key]}",
                        )
                    caps[key] = where

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Every rule of the scheme: earning rules, caps, required activities, inactivity rules.

        Examples:
            >>> from neighborparty.points import EXAMPLE_SCHEME
            >>> [r.code for r in EXAMPLE_SCHEME.rules][:3]
            ['theme_party_day', 'branch_meeting', 'group_meeting']
        """
        return (*self.earning, *self.caps, *self.required, *self.inactivity)

    def rule(self, code: str) -> Rule:
        """The rule with this code.

        Raises:
            UnknownIdError: No rule of the scheme has this code (a ``KeyError``).

        Examples:
            >>> from neighborparty.points import EXAMPLE_SCHEME
            >>> EXAMPLE_SCHEME.rule("volunteer_service_month").per
            <PeriodUnit.MONTH: 'month'>
            >>> EXAMPLE_SCHEME.rule("nothing")
            Traceback (most recent call last):
            ...
            neighborparty.errors.UnknownIdError: no entity 'nothing' in points scheme 'example'
        """
        for rule in self.rules:
            if rule.code == code:
                return rule
        raise UnknownIdError(code, f"points scheme {self.name!r}")

    def with_rules(
        self,
        *rules: Rule,
        name: str | None = None,
        title: str | None = None,
        base: DatedValue | None = None,
        flag_below: DatedValue | None = None,
    ) -> PointsScheme:
        """A reform: a new scheme with rules replaced or added, and other fields changed.

        A rule whose code the scheme already has replaces that rule where it stands (it must be
        of the same class); a rule with a new code is added after the rules of its class. The
        scheme itself is unchanged.

        Args:
            rules: The new or replacing rules.
            name: A new name.
            title: A new title.
            base: A new base score.
            flag_below: A new flag threshold.

        Raises:
            InvalidFieldError: A rule replaces a rule of another class, or the new scheme breaks
                a constraint of :class:`PointsScheme`.

        Examples:
            >>> from datetime import date
            >>> from neighborparty import ActivityKind
            >>> from neighborparty.points import EXAMPLE_SCHEME
            >>> rule = EXAMPLE_SCHEME.rule("theme_party_day")
            >>> reform = EXAMPLE_SCHEME.with_rules(
            ...     attrs.evolve(rule, points=rule.points.with_value(date(2021, 1, 1), 3)),
            ...     RequiredActivity(code="missed_branch_meeting",
            ...         kinds=[ActivityKind.BRANCH_MEETING], per=PeriodUnit.QUARTER,
            ...         points=DatedValue.since(date(2021, 1, 1), 2)),
            ...     name="reform-2021",
            ... )
            >>> reform.rule("theme_party_day").points.at(date(2021, 3, 1))
            3
            >>> [r.code for r in reform.required]
            ['missed_theme_party_day', 'missed_branch_meeting']
            >>> EXAMPLE_SCHEME.rule("theme_party_day").points.at(date(2021, 3, 1))
            2
        """
        lists: dict[str, list[Rule]] = {
            field: list(getattr(self, field)) for field in _RULE_CLASSES
        }
        for new in rules:
            field = _RULE_FIELDS.get(type(new))
            if field is None:
                raise TypeError(f"expected a rule, got {new!r}")
            found = next(
                (
                    (where, i)
                    for where, listed in lists.items()
                    for i, old in enumerate(listed)
                    if old.code == new.code
                ),
                None,
            )
            if found is None:
                lists[field].append(new)
                continue
            where, i = found
            if where != field:
                old = lists[where][i]
                raise InvalidFieldError(
                    f"{where}[{i}].code",
                    f"{new.code!r} is {_a(type(old).__name__)}, "
                    f"cannot be replaced by {_a(type(new).__name__)}",
                )
            lists[where][i] = new
        changes: dict[str, Any] = dict(lists)
        for key, value in (
            ("name", name),
            ("title", title),
            ("base", base),
            ("flag_below", flag_below),
        ):
            if value is not None:
                changes[key] = value
        return attrs.evolve(self, **changes)

    def without_rules(self, *codes: str) -> PointsScheme:
        """A new scheme without the rules of these codes.

        Raises:
            UnknownIdError: A code names no rule of the scheme.

        Examples:
            >>> from neighborparty.points import EXAMPLE_SCHEME
            >>> lenient = EXAMPLE_SCHEME.without_rules("missed_theme_party_day")
            >>> lenient.required
            ()
        """
        for code in codes:
            self.rule(code)
        drop = set(codes)
        changes: dict[str, Any] = {
            field: tuple(r for r in getattr(self, field) if r.code not in drop)
            for field in _RULE_CLASSES
        }
        return attrs.evolve(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """The scheme as a plain dict: what :meth:`from_dict` reads.

        Dated values are objects from ISO days to numbers; fields at their defaults are left
        out. See :mod:`neighborparty.points.documents` for the format.

        Examples:
            >>> from neighborparty.points import EXAMPLE_SCHEME
            >>> doc = EXAMPLE_SCHEME.to_dict()
            >>> doc["format_version"], doc["base"], doc["earning"][0]
            (1, {'2020-01-01': 80}, {'code': 'theme_party_day', 'kind': 'theme_party_day', 'points': {'2020-01-01': 2}, 'title': '主题党日 theme party day'})
        """
        return _converter.write(_document_converter(), self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PointsScheme:
        """The scheme a plain dict describes, read strictly through the document converter.

        Raises:
            DocumentError: The dict is malformed; the message lists every problem with its path.

        Examples:
            >>> from neighborparty.points import EXAMPLE_SCHEME
            >>> PointsScheme.from_dict(EXAMPLE_SCHEME.to_dict()) == EXAMPLE_SCHEME
            True
        """
        return _converter.read(_document_converter(), data, PointsScheme)


_RULE_CLASSES: Mapping[str, type[Any]] = {field: cls for cls, field in _RULE_FIELDS.items()}


@functools.cache
def _document_converter() -> cattrs.Converter:
    """The converter of scheme documents, made on first use."""
    return _converter.make_scheme_converter(
        dated=DatedValue, classes=(EarningRule, Cap, RequiredActivity, InactivityRule, PointsScheme)
    )


def _a(noun: str) -> str:
    return ("an " if noun[0] in "AEIOU" else "a ") + noun
