"""The example scheme (示例积分方案): library defaults, not an official scheme.

The seed describes member points (党员积分制管理) [凝聚-2] but gives no numbers, and no national
or Xiamen scheme was found (``REGULATIONS.md``, "Points schemes"). Local schemes share a shape:
a base score of 60 to 100, points per activity, caps per activity, deductions for lapses, and a
threshold under which a member is flagged. :data:`EXAMPLE_SCHEME` has that shape. **Its numbers
are library defaults with no source**, except where an item says otherwise; replace them with a
real scheme's through :meth:`~neighborparty.points.PointsScheme.with_rules` or
:meth:`~neighborparty.points.PointsScheme.from_dict`. Every value is in force from 2020-01-01,
the year of the seed.

* base score 80; flagged below 60;
* theme party day (主题党日): 2 points, at most 2 a month;
* branch meeting (支部党员大会): 2; group meeting (党小组会): 1; party lecture (党课): 2;
  organisational-life meeting (组织生活会): 3; assigned work done (交办任务): 2;
* volunteer service (志愿服务): 1 point per hour, at most 8 a month and 60 a year;
* a claimed service item done (认领服务事项): 3, at most 6 a quarter;
* project sign-up (线上报名): 1, only with a check-in at the same project, at most 4 a quarter;
  project check-in (扫码签到): 2, at most 8 a quarter;
* dues paid (交纳党费): nothing; dues are a duty, which the inactivity rule watches;
* a calendar month without a theme party day: −1 (the theme party day is monthly:
  支部工作条例 arts. 11–13, a secondary source);
* each month that ends 6 months in a row without a meeting, theme party day, lecture, dues or
  assigned work: −5 (the six months: 党章 art. 9).

Examples:
    >>> from datetime import date
    >>> from neighborparty.points import EXAMPLE_SCHEME
    >>> EXAMPLE_SCHEME.name, len(EXAMPLE_SCHEME.rules)
    ('example', 18)
    >>> EXAMPLE_SCHEME.rule("service_item_done").points.at(date(2020, 9, 12))
    3
"""

from __future__ import annotations

from datetime import date

from neighborparty.model import ActivityKind, enums
from neighborparty.points.period import PeriodUnit
from neighborparty.points.scheme import (
    Cap,
    DatedValue,
    EarningRule,
    InactivityRule,
    PointsScheme,
    RequiredActivity,
)

__all__ = ["EXAMPLE_SCHEME", "ORGANIZATIONAL_LIFE"]

_FROM = date(2020, 1, 1)

_K = ActivityKind


def _v(value: float) -> DatedValue:
    return DatedValue.since(_FROM, value)


def _earn(kind: ActivityKind, points: float, title: str) -> EarningRule:
    return EarningRule(code=kind.value, kind=kind, points=_v(points), title=title)


def _cap(kind: ActivityKind, per: PeriodUnit, points: float) -> Cap:
    return Cap(code=f"{kind.value}_{per.value}", kind=kind, per=per, points=_v(points))


ORGANIZATIONAL_LIFE = enums.ORGANIZATIONAL_LIFE
"""The activity kinds the example counts as organisational life, dues or assigned work (see
:data:`neighborparty.model.enums.ORGANIZATIONAL_LIFE`, which rule NP405 reads too)."""

EXAMPLE_SCHEME = PointsScheme(
    name="example",
    title="Example scheme: library defaults, not an official scheme (none was found)",
    base=_v(80),
    flag_below=_v(60),
    earning=[
        _earn(_K.THEME_PARTY_DAY, 2, "主题党日 theme party day"),
        _earn(_K.BRANCH_MEETING, 2, "支部党员大会 branch meeting"),
        _earn(_K.GROUP_MEETING, 1, "党小组会 group meeting"),
        _earn(_K.PARTY_LECTURE, 2, "党课 party lecture"),
        _earn(_K.ORGANIZATIONAL_LIFE_MEETING, 3, "组织生活会 organisational-life meeting"),
        EarningRule(
            code=_K.VOLUNTEER_SERVICE.value,
            kind=_K.VOLUNTEER_SERVICE,
            points=_v(0),
            per_hour=_v(1),
            title="志愿服务 volunteer service, per hour",
        ),
        _earn(_K.SERVICE_ITEM_DONE, 3, "认领服务事项 a claimed service item, done"),
        _earn(_K.ASSIGNED_WORK, 2, "组织交办任务 assigned work, done"),
        _earn(_K.PROJECT_SIGN_UP, 1, "线上报名 project sign-up, with a check-in"),
        _earn(_K.PROJECT_CHECK_IN, 2, "现场扫码签到 project check-in"),
    ],
    caps=[
        _cap(_K.THEME_PARTY_DAY, PeriodUnit.MONTH, 2),
        _cap(_K.VOLUNTEER_SERVICE, PeriodUnit.MONTH, 8),
        _cap(_K.VOLUNTEER_SERVICE, PeriodUnit.YEAR, 60),
        _cap(_K.SERVICE_ITEM_DONE, PeriodUnit.QUARTER, 6),
        _cap(_K.PROJECT_SIGN_UP, PeriodUnit.QUARTER, 4),
        _cap(_K.PROJECT_CHECK_IN, PeriodUnit.QUARTER, 8),
    ],
    required=[
        RequiredActivity(
            code="missed_theme_party_day",
            kinds=[_K.THEME_PARTY_DAY],
            per=PeriodUnit.MONTH,
            points=_v(1),
            title="每月主题党日 a theme party day every month",
        )
    ],
    inactivity=[
        InactivityRule(
            code="no_organizational_life",
            kinds=ORGANIZATIONAL_LIFE,
            months=6,
            points=_v(5),
            title="连续六个月不参加组织生活 six months without organisational life",
        )
    ],
)
"""The example scheme: library defaults, documented in :mod:`neighborparty.points.example`."""
