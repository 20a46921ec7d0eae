"""Dated parameters: every number a rule uses, with its source, unit and confidence.

Like OpenFisca's parameters, a value is in force from a date; the value on a day is the latest
one not after it. Before its first value a parameter has *no value in force*: a check does not
apply a later source backwards, and a rule that needs the parameter judges its subjects on that
day undetermined, naming it. A number no source gives (a library default) is in force
:data:`ALWAYS`. Regulations change, and a reform is a change of parameters, so no rule holds a
number of its own.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Iterable, Mapping
from datetime import date

import attrs

from neighborparty.errors import InvalidArgumentError, UnknownParameterError

__all__ = [
    "ALWAYS",
    "DEFAULT_PARAMETERS",
    "INTEGRAL_UNITS",
    "Confidence",
    "Parameter",
    "ParameterValue",
    "ParameterValues",
    "UnknownParameterError",
]

ALWAYS = date.min
"""The day a value no source dates is in force from (a library default): every day."""


def _day_text(day: date) -> str:
    return "always" if day == ALWAYS else day.isoformat()


INTEGRAL_UNITS = frozenset(
    {"members", "households", "compounds", "years", "months", "days", "items"}
)
"""Units of parameters that count whole things: their values must be whole numbers."""


class Confidence(enum.StrEnum):
    """How sure the library is of a parameter's default value and its source.

    Examples:
        >>> Confidence("library_default").value
        'library_default'
    """

    VERIFIED = "verified"
    """Read in a full copy of the source text."""
    SECONDARY = "secondary"
    """Quoted by party or legal web pages; the article number is not always confirmed."""
    LIBRARY_DEFAULT = "library_default"
    """No source gives the number: the library chose it, and says so."""


@attrs.frozen
class ParameterValue:
    """A value of a parameter, in force from a day on.

    Examples:
        >>> ParameterValue(since=date(2018, 10, 28), value=50)
        ParameterValue(since=datetime.date(2018, 10, 28), value=50, citation=None)
    """

    since: date
    value: float
    citation: str | None = None
    """The source of this value, when it is not the parameter's own (a reform's decree)."""


def _sorted_values(values: Iterable[ParameterValue]) -> tuple[ParameterValue, ...]:
    ordered = tuple(sorted(values, key=lambda v: v.since))
    if not ordered:
        raise InvalidArgumentError("a parameter needs at least one value")
    if len({v.since for v in ordered}) != len(ordered):
        raise InvalidArgumentError("a parameter has two values from the same day")
    return ordered


class ParameterValues(dict[str, float]):
    """The parameter values in force on a day, by name (参数取值), and the names of the
    parameters with no value in force that day (``absent``: their first value stands in, and
    a check judges the rules needing them undetermined).

    Examples:
        >>> from neighborparty import DEFAULT_POLICY
        >>> values = DEFAULT_POLICY.values(date(2020, 6, 1))
        >>> values["vote.property_law_major_share"], sorted(values.absent)[:1]
        (0.6666666666666666, ['chain.min_members_per_building'])
        >>> DEFAULT_POLICY.values().absent
        frozenset()
    """

    absent: frozenset[str] = frozenset()

    def __init__(self, values: Mapping[str, float], absent: Iterable[str] = ()) -> None:
        super().__init__(values)
        self.absent = frozenset(absent)


@attrs.frozen(kw_only=True, repr=False)
class Parameter:
    """A named number a rule reads, with its dated values, unit, citation and confidence.

    Args:
        name: Dotted name, topic first: ``"formation.standalone_min_households"``.
        values: The dated values; they are kept sorted by date.
        unit: What the number counts or measures (``"households"``, ``"share"``, ``"years"``).
        citation: The source of the default value: a seed paragraph tag or a regulation and
            article.
        confidence: How sure the source is.
        description: What the number means, in words.

    Examples:
        >>> p = Parameter(
        ...     name="branch.max_members",
        ...     values=[ParameterValue(date(2018, 10, 28), 50)],
        ...     unit="members",
        ...     citation="支部工作条例",
        ...     confidence=Confidence.SECONDARY,
        ...     description="Most members a branch should have.",
        ... )
        >>> p.value_on(date(2020, 1, 1)), p.value_on(date(2000, 1, 1))
        (50, 50)
        >>> later = p.with_value(45, since=date(2025, 1, 1))
        >>> later.value_on(date(2024, 12, 31)), later.value_on(date(2025, 1, 1))
        (50, 45)
    """

    name: str
    values: tuple[ParameterValue, ...] = attrs.field(converter=_sorted_values)
    unit: str
    citation: str
    confidence: Confidence
    description: str

    def __attrs_post_init__(self) -> None:
        for v in self.values:
            self.check_value(v.value)

    def __repr__(self) -> str:
        """A short line: the name, and each value with its unit and the day it is in force from.

        Examples:
            >>> from neighborparty import DEFAULT_POLICY
            >>> DEFAULT_POLICY.parameter("branch.max_members")
            Parameter('branch.max_members': 50 members from 2018-10-28)
        """
        values = ", then ".join(
            f"{v.value:g} {self.unit} from {_day_text(v.since)}" for v in self.values
        )
        return f"Parameter({self.name!r}: {values})"

    @property
    def integral(self) -> bool:
        """Whether the parameter counts whole things (members, households, years, days ...)."""
        return self.unit in INTEGRAL_UNITS

    def check_value(self, value: float) -> None:
        """Refuse a value the parameter cannot take: a fraction of a whole unit, a negative or
        non-finite number.

        Examples:
            >>> DEFAULT_PARAMETERS[0].check_value(2.5)
            Traceback (most recent call last):
            ...
            neighborparty.errors.InvalidArgumentError: formation.standalone_min_full_members counts whole members, not 2.5
        """
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not 0 <= value < math.inf
        ):
            raise InvalidArgumentError(f"{self.name} takes a finite number >= 0, not {value!r}")
        if self.integral and value != int(value):
            raise InvalidArgumentError(f"{self.name} counts whole {self.unit}, not {value!r}")

    @property
    def first_day(self) -> date:
        """The day the parameter's first value is in force from (:data:`ALWAYS` for a library
        default).

        Examples:
            >>> from neighborparty import DEFAULT_POLICY
            >>> DEFAULT_POLICY.parameter("vote.min_participation").first_day
            datetime.date(2021, 1, 1)
        """
        return self.values[0].since

    def in_force(self, on: date) -> bool:
        """Whether the parameter has a value in force on a day (it has from its first day on).

        Examples:
            >>> from neighborparty import DEFAULT_POLICY
            >>> p = DEFAULT_POLICY.parameter("vote.min_participation")
            >>> p.in_force(date(2020, 12, 31)), p.in_force(date(2021, 1, 1))
            (False, True)
        """
        return self.values[0].since <= on

    def history(self) -> str:
        """The parameter's values by the day each is in force from, with the source of each
        value that has its own, and the day before which it has none.

        Examples:
            >>> from neighborparty import DEFAULT_POLICY
            >>> print(DEFAULT_POLICY.parameter("vote.major_majority").history())
            0.75 from 2021-01-01; none before 2021-01-01
            >>> reform = DEFAULT_POLICY.parameter("vote.major_majority").with_value(
            ...     0.8, since=date(2026, 1, 1), citation="a decree")
            >>> print(reform.history())
            0.75 from 2021-01-01, 0.8 from 2026-01-01 (a decree); none before 2021-01-01
            >>> print(DEFAULT_POLICY.parameter("whistle.answer_days").history())
            30 always
        """
        parts = []
        for v in self.values:
            since = "always" if v.since == ALWAYS else f"from {v.since.isoformat()}"
            cited = f" ({v.citation})" if v.citation and len(self.values) > 1 else ""
            parts.append(f"{v.value:.4g} {since}{cited}")
        first = self.values[0].since
        none = "" if first == ALWAYS else f"; none before {first.isoformat()}"
        return ", ".join(parts) + none

    def value_on(self, on: date) -> float:
        """The value in force on a day: the latest not after it. Before the first value the
        parameter has none in force (see :meth:`in_force`); the first value is given then, and
        a check judges the rules needing it undetermined.

        Examples:
            >>> DEFAULT_PARAMETERS[0].value_on(date(2021, 1, 1))
            3
        """
        current = self.values[0].value
        for v in self.values:
            if v.since > on:
                break
            current = v.value
        return current

    def with_value(self, value: float, *, since: date, citation: str | None = None) -> Parameter:
        """A new parameter with ``value`` in force from ``since`` on: values dated that day or
        later are dropped, so the new value holds from then on. ``citation`` is the new
        value's source.

        Examples:
            >>> p = DEFAULT_PARAMETERS[0].with_value(5, since=date(2025, 1, 1), citation="a decree")
            >>> [v.value for v in p.values], p.citation_on(date(2025, 6, 1))
            ([3, 5], 'a decree')
        """
        kept = [v for v in self.values if v.since < since]
        return attrs.evolve(self, values=[*kept, ParameterValue(since, value, citation)])

    def citation_on(self, on: date | None = None) -> str:
        """The source of the value in force on a day (the latest value's for ``None``): the
        value's own citation, else the parameter's.

        Examples:
            >>> DEFAULT_PARAMETERS[0].citation_on()
            'seed [建强-2]'
        """
        current = self.values[-1]
        if on is not None:
            current = self.values[0]
            for v in self.values:
                if v.since > on:
                    break
                current = v
        return current.citation or self.citation

    @property
    def default(self) -> float:
        """The latest value (the one in force from now on)."""
        return self.values[-1].value


_CHARTER = date(2017, 10, 24)  # 中国共产党章程, as amended by the 19th Congress
_BRANCH_REGULATIONS = date(2018, 10, 28)  # 中国共产党支部工作条例（试行）
_TERMS_OPINION = date(2018, 9, 1)  # 关于党的基层组织任期的意见 (2018)
_GUIDANCE = date(2010, 1, 1)  # 业主大会和业主委员会指导规则 (2009), in force 2010-01-01
_CIVIL_CODE = date(2021, 1, 1)  # 民法典
_PROPERTY_LAW = date(2007, 10, 1)  # 物权法 (2007), in force 2007-10-01 to 2020-12-31
_SEED = date(2020, 10, 26)  # the seed article


def _p(
    name: str,
    value: float,
    since: date,
    unit: str,
    citation: str,
    confidence: Confidence,
    description: str,
) -> Parameter:
    return Parameter(
        name=name,
        values=[ParameterValue(since, value)],
        unit=unit,
        citation=citation,
        confidence=confidence,
        description=description,
    )


_V, _S, _L = Confidence.VERIFIED, Confidence.SECONDARY, Confidence.LIBRARY_DEFAULT

DEFAULT_PARAMETERS: tuple[Parameter, ...] = (
    _p(
        "formation.standalone_min_full_members",
        3,
        _SEED,
        "members",
        "seed [建强-2]",
        _V,
        "Registered full members living in a managed compound from which it forms its own branch.",
    ),
    _p(
        "formation.standalone_min_households",
        100,
        _SEED,
        "households",
        "seed [建强-2]",
        _V,
        "Households of a managed compound from which it forms its own branch.",
    ),
    _p(
        "branch.min_full_members",
        3,
        _CHARTER,
        "members",
        "党章 art. 30; 支部工作条例 art. 4",
        _V,
        "Full members a branch needs (党章: a unit with three full members forms an organisation).",
    ),
    _p(
        "branch.max_members",
        50,
        _BRANCH_REGULATIONS,
        "members",
        "支部工作条例 (secondary)",
        _S,
        "Most members a branch should generally have.",
    ),
    _p(
        "branch.joint_max_compounds",
        5,
        _BRANCH_REGULATIONS,
        "compounds",
        "支部工作条例 (secondary)",
        _S,
        "Most compounds (units) a joint branch should cover.",
    ),
    _p(
        "coverage.organization_target",
        0.90,
        _SEED,
        "share",
        "seed [建强-2]",
        _V,
        "Share of compounds with a compound branch of their own or a joint one.",
    ),
    _p(
        "coverage.work_target",
        1.00,
        _SEED,
        "share",
        "seed [建强-2]",
        _V,
        "Share of compounds that party work reaches.",
    ),
    _p(
        "committee.required_from_full_members",
        7,
        _BRANCH_REGULATIONS,
        "members",
        "支部工作条例 ch. 6 (secondary)",
        _S,
        "Full members from which a branch elects a branch committee.",
    ),
    _p(
        "committee.min_size",
        3,
        _BRANCH_REGULATIONS,
        "members",
        "支部工作条例 ch. 6 (secondary)",
        _S,
        "Fewest members of a branch committee.",
    ),
    _p(
        "committee.max_size",
        7,
        _BRANCH_REGULATIONS,
        "members",
        "支部工作条例 ch. 6 (secondary)",
        _S,
        "Most members of a branch committee.",
    ),
    _p(
        "secretary.min_standing_years",
        1,
        _BRANCH_REGULATIONS,
        "years",
        "支部工作条例 art. 23 (secondary)",
        _S,
        "Years of party standing a secretary should have.",
    ),
    _p(
        "term.community_branch_years",
        5,
        _TERMS_OPINION,
        "years",
        "支部工作条例; 关于党的基层组织任期的意见 (secondary)",
        _S,
        "Term of the committee of a community's party organisation.",
    ),
    _p(
        "term.branch_years",
        3,
        _TERMS_OPINION,
        "years",
        "支部工作条例; 关于党的基层组织任期的意见 (secondary)",
        _S,
        "Term of the committee of any other branch.",
    ),
    _p(
        "term.postponement_years",
        1,
        _TERMS_OPINION,
        "years",
        "关于党的基层组织任期的意见 (2018) (secondary)",
        _S,
        "Years by which, with the higher organisation's approval, an election may at most be "
        "postponed past the end of the term (the grace of a branch committee's term).",
    ),
    _p(
        "chain.min_members_per_building",
        1,
        _SEED,
        "members",
        "seed [建强-2]",
        _V,
        "Members living in a building from which a group, head or central household serves it.",
    ),
    _p(
        "service.min_claims",
        1,
        _SEED,
        "items",
        "seed [凝聚-2]",
        _V,
        "Fewest service items a member of a compound branch claims.",
    ),
    _p(
        "service.max_claims",
        2,
        _SEED,
        "items",
        "seed [凝聚-2]",
        _V,
        "Most service items a member of a compound branch claims.",
    ),
    _p(
        "membership.inactive_months",
        6,
        _CHARTER,
        "months",
        "党章 art. 9",
        _V,
        "Consecutive months without organisational life, dues or assigned work that a member "
        "may not reach.",
    ),
    _p(
        "life.branch_meeting_months",
        3,
        _BRANCH_REGULATIONS,
        "months",
        "支部工作条例 art. 15 (secondary)",
        _S,
        "Most months between a branch's general meetings (一般每季度召开1次).",
    ),
    _p(
        "life.committee_meeting_months",
        1,
        _BRANCH_REGULATIONS,
        "months",
        "支部工作条例 art. 15 (secondary)",
        _S,
        "Most months between a branch committee's meetings (一般每月召开1次).",
    ),
    _p(
        "life.group_meeting_months",
        1,
        _BRANCH_REGULATIONS,
        "months",
        "支部工作条例 art. 15 (secondary)",
        _S,
        "Most months between a party group's meetings (一般每月召开1次).",
    ),
    _p(
        "life.theme_day_months",
        1,
        _BRANCH_REGULATIONS,
        "months",
        "支部工作条例 art. 16 (secondary)",
        _S,
        "Most months between a branch's theme party days (每月相对固定1天).",
    ),
    _p(
        "life.lecture_months",
        3,
        ALWAYS,
        "months",
        "library default (支部工作条例 art. 16 says 按期, no number; local 三会一课 rules say "
        "quarterly)",
        _L,
        "Most months between a branch's party lectures.",
    ),
    _p(
        "life.review_months",
        12,
        _BRANCH_REGULATIONS,
        "months",
        "支部工作条例 art. 17 (secondary)",
        _S,
        "Most months between a branch's organisational-life meetings (每年至少召开1次).",
    ),
    _p(
        "life.appraisal_months",
        12,
        _BRANCH_REGULATIONS,
        "months",
        "支部工作条例 art. 18 (secondary)",
        _S,
        "Most months between a branch's democratic appraisals of members (一般每年开展1次).",
    ),
    _p(
        "owners.committee_min_size",
        5,
        _GUIDANCE,
        "members",
        "指导规则 art. 31 (secondary)",
        _S,
        "Fewest members of an owners' committee.",
    ),
    _p(
        "owners.committee_max_size",
        11,
        _GUIDANCE,
        "members",
        "指导规则 art. 31 (secondary)",
        _S,
        "Most members of an owners' committee.",
    ),
    _p(
        "owners.small_committee_size",
        3,
        date(2024, 5, 1),
        "members",
        "北京市物业管理条例 (2024) art. 39",
        _V,
        "Size allowed for the owners' committee of a small compound.",
    ),
    _p(
        "owners.small_compound_households",
        100,
        date(2024, 5, 1),
        "households",
        "北京市物业管理条例 (2024) art. 39",
        _V,
        "Households up to which a compound counts as small for its owners' committee.",
    ),
    _p(
        "owners.max_term_years",
        5,
        _GUIDANCE,
        "years",
        "指导规则 art. 32 (secondary)",
        _S,
        "Longest term of an owners' committee.",
    ),
    _p(
        "owners.red_committee_share",
        0.5,
        _SEED,
        "share",
        "晋江, 深圳 local rules (secondary)",
        _S,
        "Share of party members among its members from which a committee counts as red.",
    ),
    _p(
        "vote.min_participation",
        2 / 3,
        _CIVIL_CODE,
        "share",
        "民法典 art. 278",
        _V,
        "Share of the area and of the owners that must take part in a vote (物权法 art. 76 set "
        "none: votes held before 2021 are judged without it).",
    ),
    _p(
        "vote.ordinary_majority",
        1 / 2,
        _CIVIL_CODE,
        "share",
        "民法典 art. 278",
        _V,
        "Share of the participating area and owners an ordinary matter needs, exceeded.",
    ),
    _p(
        "vote.major_majority",
        3 / 4,
        _CIVIL_CODE,
        "share",
        "民法典 art. 278",
        _V,
        "Share of the participating area and owners raising maintenance funds, rebuilding or "
        "changing common parts needs, reached.",
    ),
    _p(
        "vote.property_law_ordinary_share",
        1 / 2,
        _PROPERTY_LAW,
        "share",
        "物权法 (2007) art. 76 (secondary)",
        _S,
        "Share of the compound's whole exclusive area and of all its owners an ordinary matter "
        "needed, exceeded, in a vote held before 2021 (no participation quorum).",
    ),
    _p(
        "vote.property_law_major_share",
        2 / 3,
        _PROPERTY_LAW,
        "share",
        "物权法 (2007) art. 76 (secondary)",
        _S,
        "Share of the compound's whole exclusive area and of all its owners raising or using "
        "maintenance funds and rebuilding (items 5–6) needed, reached, in a vote held before "
        "2021.",
    ),
    _p(
        "whistle.answer_days",
        30,
        ALWAYS,
        "days",
        "library default",
        _L,
        "Days within which a department answers a compound's whistle.",
    ),
)
"""Every parameter of the rule catalogue with its default value."""
