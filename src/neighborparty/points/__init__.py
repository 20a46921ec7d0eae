"""Member points (党员积分制管理): schemes, the ledger of events, scores and their explanations.

The seed [凝聚-2] describes member points: a member's conduct in the compound is scored, and the
scores feed the civilisation-creation evaluation and the bonus items of branches and members on
the city's platform (厦门党建e家). No official national or Xiamen scheme was found, so the library
ships a configurable :class:`PointsScheme` and one documented :data:`EXAMPLE_SCHEME` of library
defaults, labelled as an example.

* :mod:`~neighborparty.points.period`: :class:`Period` and :class:`PeriodUnit`;
* :mod:`~neighborparty.points.scheme`: :class:`PointsScheme` and its dated rules;
* :mod:`~neighborparty.points.example`: :data:`EXAMPLE_SCHEME`;
* :mod:`~neighborparty.points.documents`: schemes to and from plain dicts;
* :mod:`~neighborparty.points.ledger`: :class:`Ledger`, the records scoring reads;
* :mod:`~neighborparty.points.scoring`: :func:`score`, :func:`scores`, :func:`branch_totals`,
  :func:`ranking`, :func:`flagged_members`, :func:`scores_frame`, and the semantics they share;
* :mod:`~neighborparty.points.explain`: :func:`explain_score`.

Examples:
    >>> from neighborparty import examples
    >>> from neighborparty.points import EXAMPLE_SCHEME, Period, score
    >>> score(examples.seed_city(), "p-chen", Period.quarter(2020, 3), EXAMPLE_SCHEME).total
    74.0
"""

from neighborparty.errors import DuplicateActivityError, NotInForceError
from neighborparty.points.documents import SCHEME_FORMAT_VERSION
from neighborparty.points.example import EXAMPLE_SCHEME, ORGANIZATIONAL_LIFE
from neighborparty.points.explain import (
    CappedEvent,
    CountedEvent,
    Explanation,
    IgnoredEvent,
    Lapse,
    explain_score,
)
from neighborparty.points.ledger import Ledger
from neighborparty.points.period import Period, PeriodUnit
from neighborparty.points.scheme import (
    Cap,
    DatedValue,
    EarningRule,
    InactivityRule,
    PointsScheme,
    RequiredActivity,
    Rule,
)
from neighborparty.points.scoring import (
    BranchTotal,
    Rank,
    Score,
    branch_totals,
    flagged_members,
    ranking,
    score,
    scores,
    scores_frame,
)

__all__ = [
    "EXAMPLE_SCHEME",
    "ORGANIZATIONAL_LIFE",
    "SCHEME_FORMAT_VERSION",
    "BranchTotal",
    "Cap",
    "CappedEvent",
    "CountedEvent",
    "DatedValue",
    "DuplicateActivityError",
    "EarningRule",
    "Explanation",
    "IgnoredEvent",
    "InactivityRule",
    "Lapse",
    "Ledger",
    "NotInForceError",
    "Period",
    "PeriodUnit",
    "PointsScheme",
    "Rank",
    "RequiredActivity",
    "Rule",
    "Score",
    "branch_totals",
    "explain_score",
    "flagged_members",
    "ranking",
    "score",
    "scores",
    "scores_frame",
]
