"""Conditions: what a rule requires of a subject, stated once (判定条件).

A rule that compares facts with parameters states its requirement as a condition built from
these helpers, and the rule's function only gathers the facts. From the one condition the
library derives the verdict of every subject, the tipping point of each parameter (where the
verdict flips as the parameter varies), the sentence the explanation gives, the distance to
passing, and the rule coverage a test suite reaches.

Facts are the names of values in an outcome's evidence. They are three-valued where the city
may not record them: ``None`` is *unknown*, and a condition on an unknown fact is undetermined
unless the rest of it decides (``all_of`` fails if any part fails, ``any_of`` passes if any
part passes). Shares compare exactly, as fractions: two thirds of 300 owners is 200.

Examples:
    >>> from datetime import date
    >>> enough = at_least("full_members", "branch.min_full_members")
    >>> enough.holds({"full_members": 2}, {"branch.min_full_members": 3}, date(2020, 1, 1))
    False
    >>> enough.failing("branch.min_full_members", {"full_members": 2}, {}, date(2020, 1, 1))
    Threshold(op='>', at=2)
    >>> print(enough.explain({"full_members": 2}, {"branch.min_full_members": 3}, date(2020, 1, 1)))
    full_members (2) ≥ branch.min_full_members (3): not met
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from fractions import Fraction
from typing import Any

import attrs

from neighborparty.errors import InvalidArgumentError
from neighborparty.rules.days import add_days, add_months, add_years, latest_start
from neighborparty.rules.findings import Verdict
from neighborparty.rules.outcomes import CODES, VERDICTS, Outcomes
from neighborparty.rules.threshold import Threshold

__all__ = [
    "UNITS",
    "Condition",
    "all_of",
    "any_of",
    "at_least",
    "at_most",
    "between",
    "less_than",
    "more_than",
    "present",
    "share_at_least",
    "share_more_than",
    "span_at_least",
    "span_at_most",
    "span_less_than",
    "until",
    "when",
]

_PASS, _FAIL, _UNDETERMINED = Verdict.PASS, Verdict.FAIL, Verdict.UNDETERMINED

Test = Callable[[Any], "bool | None"]
"""A condition compiled for one check: from an outcome's evidence, whether it holds."""

UNITS = ("years", "months", "days")
"""The units a span counts in."""

_ADD: Mapping[str, Callable[[date, int], date]] = {
    "years": add_years,
    "months": add_months,
    "days": add_days,
}


class Condition:
    """A requirement on a subject's facts and the parameters in force (see the helpers).

    Examples:
        >>> c = all_of(at_least("members", "a.min"), at_most("members", "a.max"))
        >>> c.parameters, c.facts
        (('a.min', 'a.max'), ('members',))
    """

    @property
    def parameters(self) -> tuple[str, ...]:
        """The parameters the condition reads, in order of first use."""
        return ()

    @property
    def facts(self) -> tuple[str, ...]:
        """The facts of the evidence the condition reads, in order of first use."""
        return ()

    def holds(
        self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> bool | None:
        """Whether the subject meets the condition: ``None`` when unknown facts leave it open.

        Examples:
            >>> present("shown").holds({"shown": None}, {}, date(2020, 1, 1)) is None
            True
        """
        raise NotImplementedError

    def compile(self, values: Mapping[str, float], day: date, index: Mapping[str, Any]) -> Test:
        """The condition as one function of an outcome's evidence, for many subjects judged
        on one day with the same values; ``index`` says where each fact stands in the
        evidence (its key in a dict, its position in a tuple).

        Examples:
            >>> test = at_most("members", "m").compile({"m": 50}, date(2020, 1, 1), {"members": 0})
            >>> test((51,)), test((50,))
            (False, True)
        """
        raise NotImplementedError

    def judge(
        self, values: Mapping[str, float], day: date, index: Mapping[str, Any]
    ) -> Callable[[Any], Verdict]:
        """As :meth:`compile`, giving the verdict itself (what a check runs per subject).

        Examples:
            >>> judge = at_most("members", "m").judge({"m": 50}, date(2020, 1, 1), {"members": 0})
            >>> judge((51,)).value, judge((None,)).value
            ('fail', 'undetermined')
        """
        test = self.compile(values, day, index)

        def verdict(e: Any) -> Verdict:
            held = test(e)
            return _PASS if held else (_FAIL if held is False else _UNDETERMINED)

        return verdict

    def outcomes(
        self,
        values: Mapping[str, float],
        day: date,
        index: Mapping[str, Any],
        undetermined: Callable[[str, Any], Any],
    ) -> Callable[[Iterable[Any]], Sequence[Any]]:
        """What a check runs over the outcomes a rule's function yields: ``(subject, facts)``
        becomes ``(subject, verdict, facts)`` (an unknown one goes to ``undetermined``), and an
        outcome with a verdict of its own is kept. ``index`` places the facts in a tuple of
        them (a dict of facts is read by name). Equal tuples of facts are kept once, the first
        standing for the rest (a check holds fewer objects: a rule judging a hundred thousand
        members on one yes-or-no fact holds two tuples of facts, not a hundred thousand); a
        rule whose tuples hold something that is no value (a list) keeps each it yields.

        Examples:
            >>> run = at_most("m", "p").outcomes({"p": 5}, date(2020, 1, 1), {"m": 0}, print)
            >>> [(s, v.value) for s, v, _ in run([("x", (7,)), ("y", {"m": 3})])]
            [('x', 'fail'), ('y', 'pass')]
        """
        on_tuple = self.compile(values, day, index)
        on_dict = self.compile(values, day, {f: f for f in self.facts})
        p, f = _PASS, _FAIL

        def run(items: Iterable[Any]) -> list[Any]:
            # One loop, the verdict written out: a check runs it over every subject.
            out: list[Any] = []
            add = out.append
            same: dict[Any, Any] | None = {}
            for o in items:
                if len(o) != 2:
                    add(o)
                    continue
                subject, e = o
                if same is not None and e.__class__ is tuple:
                    try:
                        e = same.setdefault(e, e)
                    except TypeError:  # facts that are not all values: none shared
                        same = None
                held = (on_tuple if e.__class__ is tuple else on_dict)(e)
                if held is None:
                    add(undetermined(subject, e))
                else:
                    add((subject, p if held else f, e))
            return out

        return run

    def failing(
        self, parameter: str, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> Threshold | None:
        """The values of ``parameter`` at which the subject fails, the other parameters as in
        ``values``: a :class:`~neighborparty.rules.Threshold`, or ``None`` when they are not
        one range. A subject whose facts leave it unknown fails at no value (``"never"``).

        Examples:
            >>> at_most("members", "m").failing("m", {"members": 51}, {}, date(2020, 1, 1))
            Threshold(op='<', at=51)
        """
        raise NotImplementedError

    def describe(self, lang: str = "en") -> str:
        """The condition in words, naming its parameters (not their values).

        Examples:
            >>> between("claims", "service.min_claims", "service.max_claims").describe()
            'service.min_claims ≤ claims ≤ service.max_claims'
        """
        raise NotImplementedError

    def explain(
        self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date, lang: str = "en"
    ) -> str:
        """The condition with the facts and values seen, and whether it is met.

        Examples:
            >>> print(at_most("members", "m").explain({"members": 51}, {"m": 50}, date(2020, 1, 1), "zh"))
            members (51) ≤ m (50)：不满足
        """
        return (
            f"{self._shown(evidence, values, day)}{_MET[lang][self.holds(evidence, values, day)]}"
        )

    def _shown(self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date) -> str:
        raise NotImplementedError

    def gap(self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date) -> float:
        """How far the subject is from meeting the condition: 0 when it does, else the amount
        the nearest fact is short by (members, days, the part of a share), ``inf`` when no amount
        helps.

        Examples:
            >>> at_least("full_members", "m").gap({"full_members": 1}, {"m": 3}, date(2020, 1, 1))
            2.0
        """
        raise NotImplementedError

    def leaves(self) -> tuple[Condition, ...]:
        """The comparisons the condition is made of, in order (for rule coverage).

        Examples:
            >>> [c.describe() for c in all_of(present("a"), present("b")).leaves()]
            ['a present', 'b present']
        """
        return (self,)

    def failed(
        self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> tuple[Condition, ...]:
        """The comparisons that make the subject fail, in order (none when it passes).

        Examples:
            >>> c = all_of(at_least("a", "p"), at_least("b", "p"))
            >>> [f.describe() for f in c.failed({"a": 1, "b": 5}, {"p": 3}, date(2020, 1, 1))]
            ['a ≥ p']
        """
        return (self,) if self.holds(evidence, values, day) is False else ()

    def unknown(self, evidence: Mapping[str, Any]) -> list[str]:
        """The facts the condition reads that the evidence gives as unknown (``None``).

        Examples:
            >>> present("shown").unknown({"shown": None})
            ['shown']
        """
        return [f for f in self.facts if evidence.get(f) is None]


_OP_CODES = {">=": 1, "<=": 2, ">": 3, "<": 4, "[]": 5, "bool": 6, "after": 7}


def _one_fact(
    fact: str,
    index: Mapping[str, Any],
    undetermined: Callable[[str, Any], Any],
    op: str,
    at: Any,
) -> Callable[[Iterable[Any]], Sequence[Any]]:
    """What a check runs over the outcomes a rule's function yields, for a condition on one
    fact, in one loop with no call per outcome: ``(subject, facts)`` becomes
    ``(subject, verdict, facts)``, an outcome with a verdict of its own is kept. ``op`` and
    ``at`` say how the fact's value passes: compared with ``at`` (``>=`` ...), lying in the
    range ``at`` (``[]``), being true (``bool``), or, for a day, lying after the day ``at``
    gives (``after``, with ``at`` the day, its ISO text and what passes). Equal tuples of
    facts are kept once, as :meth:`Condition.outcomes` keeps them."""
    i = index.get(fact, 0)
    p, f = _PASS, _FAIL
    code = _OP_CODES[op]
    lo, hi = at if code == 5 else (0, 0)
    bound, text, passes_after = at if code == 7 else (None, None, True)
    always = p if passes_after else f

    codes = CODES
    cp, cf, cu = codes[p], codes[f], codes[_UNDETERMINED]
    c_always = codes[always]

    def run(items: Iterable[Any]) -> Sequence[Any]:
        subjects: list[Any] = []
        verdicts = bytearray()
        evidence: list[Any] = []
        add_s, add_v, add_e = subjects.append, verdicts.append, evidence.append
        odd: dict[int, Any] | None = None
        same: dict[Any, Any] | None = {}
        for o in items:
            if len(o) != 2:  # an outcome with a verdict of its own
                if len(o) == 3 and o[1].__class__ is Verdict:
                    add_s(o[0])
                    add_v(codes[o[1]])
                    add_e(o[2])
                else:  # not an outcome: left for Outcomes to refuse, naming it
                    odd = odd or {}
                    odd[len(subjects)] = o
                    add_s(None)
                    add_v(cu)
                    add_e(None)
                continue
            subject, e = o
            if e.__class__ is tuple:
                if same is not None:
                    try:
                        e = same.setdefault(e, e)
                    except TypeError:  # facts that are not all values: none shared
                        same = None
                v = e[i]
            else:
                v = e.get(fact)
            if v is None:
                e = undetermined(subject, e)[2]
                c = cu
            elif code == 1:
                c = cp if v >= at else cf
            elif code == 2:
                c = cp if v <= at else cf
            elif code == 5:
                c = cp if lo <= v <= hi else cf
            elif code == 6:
                c = cp if v else cf
            elif code == 7:
                if bound is None:
                    c = c_always
                else:
                    after = v > (text if v.__class__ is str else bound)
                    c = cp if after is passes_after else cf
            elif code == 3:
                c = cp if v > at else cf
            else:
                c = cp if v < at else cf
            add_s(subject)
            add_v(c)
            add_e(e)
        if odd is not None:
            return [
                odd[n] if n in odd else (s, VERDICTS[c], e)
                for n, (s, c, e) in enumerate(zip(subjects, verdicts, evidence, strict=True))
            ]
        return Outcomes._of(tuple(subjects), bytes(verdicts), tuple(evidence))

    return run


_MET = {
    "en": {True: ": met", False: ": not met", None: ": unknown"},
    "zh": {True: "：满足", False: "：不满足", None: "：无法判断"},
}


def _value(values: Mapping[str, float], name: str) -> float:
    try:
        return values[name]
    except KeyError:
        raise InvalidArgumentError(f"no value in force for the parameter {name!r}") from None


def _fixed(outcome: bool | None) -> Threshold | None:
    """The failing values of a parameter the condition does not read: all or none (none when
    the outcome is unknown, as it is at every value)."""
    return Threshold("always") if outcome is False else Threshold("never")


# ------------------------------------------------------------------------------- comparisons

_OPS: Mapping[str, Callable[[Any, Any], bool]] = {
    ">=": lambda a, b: a >= b,
    "<=": lambda a, b: a <= b,
    ">": lambda a, b: a > b,
    "<": lambda a, b: a < b,
}
_FAILS_FOR = {">=": ">", "<=": "<", ">": ">=", "<": "<="}
"""For ``fact OP parameter``: the subject fails for parameter values ``p`` with ``p OP' fact``."""
_SYMBOL = {">=": "≥", "<=": "≤", ">": ">", "<": "<"}


@attrs.frozen
class _Compare(Condition):
    fact: str
    op: str
    parameter: str

    @property
    def parameters(self) -> tuple[str, ...]:
        return (self.parameter,)

    @property
    def facts(self) -> tuple[str, ...]:
        return (self.fact,)

    def holds(
        self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> bool | None:
        value = evidence.get(self.fact)
        if value is None:
            return None
        return _OPS[self.op](value, _value(values, self.parameter))

    def compile(self, values: Mapping[str, float], day: date, index: Mapping[str, Any]) -> Test:
        at, i = _value(values, self.parameter), index[self.fact]
        op = self.op
        if op == ">=":
            return lambda e: None if (v := e[i]) is None else v >= at
        if op == "<=":
            return lambda e: None if (v := e[i]) is None else v <= at
        if op == ">":
            return lambda e: None if (v := e[i]) is None else v > at
        return lambda e: None if (v := e[i]) is None else v < at

    def judge(
        self, values: Mapping[str, float], day: date, index: Mapping[str, Any]
    ) -> Callable[[Any], Verdict]:
        at, i, op = _value(values, self.parameter), index[self.fact], self.op
        u, p, f = _UNDETERMINED, _PASS, _FAIL
        if op == ">=":
            return lambda e: u if (v := e[i]) is None else (p if v >= at else f)
        if op == "<=":
            return lambda e: u if (v := e[i]) is None else (p if v <= at else f)
        if op == ">":
            return lambda e: u if (v := e[i]) is None else (p if v > at else f)
        return lambda e: u if (v := e[i]) is None else (p if v < at else f)

    def outcomes(
        self,
        values: Mapping[str, float],
        day: date,
        index: Mapping[str, Any],
        undetermined: Callable[[str, Any], Any],
    ) -> Callable[[Iterable[Any]], Sequence[Any]]:
        return _one_fact(self.fact, index, undetermined, self.op, _value(values, self.parameter))

    def failing(
        self, parameter: str, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> Threshold | None:
        if parameter != self.parameter:
            return _fixed(self.holds(evidence, values, day))
        value = evidence.get(self.fact)
        return Threshold("never") if value is None else Threshold(_FAILS_FOR[self.op], value)

    def describe(self, lang: str = "en") -> str:
        return f"{self.fact} {_SYMBOL[self.op]} {self.parameter}"

    def _shown(self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date) -> str:
        at = values.get(self.parameter)
        return (
            f"{self.fact} ({_text(evidence.get(self.fact))}) {_SYMBOL[self.op]} "
            f"{self.parameter} ({_text(at)})"
        )

    def gap(self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date) -> float:
        value = evidence.get(self.fact)
        if value is None:
            return float("inf")
        if self.holds(evidence, values, day):
            return 0
        at = _value(values, self.parameter)
        if self.op in (">=", "<="):
            return float(abs(at - value))
        if isinstance(value, int) and float(at).is_integer():
            return float(abs(at - value)) + 1  # a count must pass the value by one whole
        past = math.nextafter(at, math.inf if self.op == ">" else -math.inf)
        return float(abs(past - value))


def at_least(fact: str, parameter: str) -> Condition:
    """The fact is at least the parameter's value: ``fact >= parameter``.

    Examples:
        >>> at_least("full_members", "branch.min_full_members").describe()
        'full_members ≥ branch.min_full_members'
    """
    return _Compare(fact, ">=", parameter)


def at_most(fact: str, parameter: str) -> Condition:
    """The fact is at most the parameter's value: ``fact <= parameter``.

    Examples:
        >>> at_most("members", "branch.max_members").holds({"members": 50}, {"branch.max_members": 50}, date(2020, 1, 1))
        True
    """
    return _Compare(fact, "<=", parameter)


def more_than(fact: str, parameter: str) -> Condition:
    """The fact is more than the parameter's value: ``fact > parameter``.

    Examples:
        >>> more_than("approval", "vote.ordinary_majority").describe()
        'approval > vote.ordinary_majority'
    """
    return _Compare(fact, ">", parameter)


def less_than(fact: str, parameter: str) -> Condition:
    """The fact is less than the parameter's value: ``fact < parameter``.

    Examples:
        >>> less_than("households", "formation.standalone_min_households").describe()
        'households < formation.standalone_min_households'
    """
    return _Compare(fact, "<", parameter)


def between(fact: str, low: str, high: str) -> Condition:
    """The fact lies between two parameters' values, both included.

    Examples:
        >>> c = between("claims", "service.min_claims", "service.max_claims")
        >>> v = {"service.min_claims": 1, "service.max_claims": 2}
        >>> [c.holds({"claims": n}, v, date(2020, 1, 1)) for n in (0, 1, 2, 3)]
        [False, True, True, False]
    """
    return _Between((at_least(fact, low), at_most(fact, high)))


# ------------------------------------------------------------------------------- shares


@functools.lru_cache(maxsize=1 << 16)
def exact(value: float) -> Fraction:
    """A number as the decimal it is written as: 8000.4 is 80004/10, not its binary value.

    Examples:
        >>> exact(8000.4), exact(3)
        (Fraction(40002, 5), Fraction(3, 1))
    """
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


@functools.lru_cache(maxsize=1024)
def share_value(value: float) -> Fraction:
    """A share parameter as the simple fraction it stands for (0.6666666666666666 is 2/3),
    else its decimal value.

    Examples:
        >>> share_value(2 / 3), share_value(0.75), share_value(0.9)
        (Fraction(2, 3), Fraction(3, 4), Fraction(9, 10))
    """
    simple = Fraction(value).limit_denominator(1000)
    return simple if float(simple) == value else exact(value)


@attrs.frozen
class _Share(Condition):
    part: str
    whole: str
    op: str
    parameter: str

    @property
    def parameters(self) -> tuple[str, ...]:
        return (self.parameter,)

    @property
    def facts(self) -> tuple[str, ...]:
        return (self.part, self.whole)

    def share(self, evidence: Mapping[str, Any]) -> Fraction | None:
        """The part's share of the whole, exactly; 0 of a whole of 0."""
        part, whole = evidence.get(self.part), evidence.get(self.whole)
        if part is None or whole is None:
            return None
        return exact(part) / exact(whole) if whole else Fraction(0)

    def holds(
        self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> bool | None:
        share = self.share(evidence)
        if share is None:
            return None
        return _OPS[self.op](share, share_value(_value(values, self.parameter)))

    def compile(self, values: Mapping[str, float], day: date, index: Mapping[str, Any]) -> Test:
        at = share_value(_value(values, self.parameter))
        num, den = at.numerator, at.denominator
        op = _OPS[self.op]
        part, whole = index[self.part], index[self.whole]
        zero = op(0, at)

        def test(e: Any) -> bool | None:
            p, w = e[part], e[whole]
            if p is None or w is None:
                return None
            if not w:
                return zero
            if p.__class__ is int and w.__class__ is int:
                return op(p * den, num * w)  # p / w OP num / den, w and den positive
            ep, ew = exact(p), exact(w)
            return op(ep.numerator * ew.denominator * den, num * ew.numerator * ep.denominator)

        return test

    def failing(
        self, parameter: str, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> Threshold | None:
        if parameter != self.parameter:
            return _fixed(self.holds(evidence, values, day))
        share = self.share(evidence)
        if share is None:
            return Threshold("never")
        return Threshold(_FAILS_FOR[self.op], float(share))

    def describe(self, lang: str = "en") -> str:
        return f"{self.part} / {self.whole} {_SYMBOL[self.op]} {self.parameter}"

    def _shown(self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date) -> str:
        share = self.share(evidence)
        seen = "unknown" if share is None else f"{float(share):.4g}"
        return (
            f"{self.part} / {self.whole} ({seen}) {_SYMBOL[self.op]} {self.parameter} "
            f"({_text(values.get(self.parameter))})"
        )

    def gap(self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date) -> float:
        """How much more of the part, the whole staying as it is, would meet the share: whole
        items when both are counts (owners, votes), the exact amount otherwise (areas); ``inf``
        when the whole is unknown or 0 (no part makes a share of nothing).

        Examples:
            >>> c = share_more_than("for", "owners", "p")
            >>> c.gap({"for": 5, "owners": 10}, {"p": 0.5}, date(2020, 1, 1))
            1.0
            >>> c.gap({"for": 5, "owners": 0}, {"p": 0.5}, date(2020, 1, 1))
            inf
        """
        part, whole = evidence.get(self.part), evidence.get(self.whole)
        if part is None or whole is None or (not whole and not self.holds(evidence, values, day)):
            return float("inf")
        if self.holds(evidence, values, day):
            return 0
        needed = share_value(_value(values, self.parameter)) * exact(whole)
        if isinstance(part, int) and isinstance(whole, int):
            least = math.floor(needed) + 1 if self.op == ">" else math.ceil(needed)
            return float(least - part)
        short = needed - exact(part)
        return float(short) if short > 0 else math.ulp(float(needed))


def share_at_least(part: str, whole: str, parameter: str) -> Condition:
    """The part's share of the whole is at least the parameter, compared exactly (a whole of
    0 gives a share of 0).

    Examples:
        >>> c = share_at_least("took_part", "owners", "vote.min_participation")
        >>> c.holds({"took_part": 200, "owners": 300}, {"vote.min_participation": 2 / 3}, date(2020, 1, 1))
        True
    """
    return _Share(part, whole, ">=", parameter)


def share_more_than(part: str, whole: str, parameter: str) -> Condition:
    """The part's share of the whole is more than the parameter, compared exactly.

    Examples:
        >>> c = share_more_than("for", "took_part", "vote.ordinary_majority")
        >>> c.holds({"for": 50, "took_part": 100}, {"vote.ordinary_majority": 0.5}, date(2020, 1, 1))
        False
    """
    return _Share(part, whole, ">", parameter)


# ------------------------------------------------------------------------------- spans of time


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


@attrs.frozen
class _Span(Condition):
    """``add(start, parameter units) OP end``, ``end`` a fact or the day judged on."""

    start: str
    op: str  # "<=" (the span is at least), ">=" (at most), ">" (less than)
    parameter: str
    unit: str
    end: str | None

    @property
    def parameters(self) -> tuple[str, ...]:
        return (self.parameter,)

    @property
    def facts(self) -> tuple[str, ...]:
        return (self.start,) if self.end is None else (self.start, self.end)

    def _days(self, evidence: Mapping[str, Any], day: date) -> tuple[date, date] | None:
        start = _day(evidence.get(self.start))
        end = day if self.end is None else _day(evidence.get(self.end))
        return None if start is None or end is None else (start, end)

    def _holds(self, start: date, end: date, amount: int) -> bool:
        later = _ADD[self.unit](start, amount)
        if self.op == "<=":
            return _reached(start, end, amount, self.unit)
        if self.op == ">":
            return not _reached(start, end, amount, self.unit)
        return later >= end

    def holds(
        self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> bool | None:
        days = self._days(evidence, day)
        if days is None:
            return None
        return self._holds(*days, int(_value(values, self.parameter)))

    def compile(self, values: Mapping[str, float], day: date, index: Mapping[str, Any]) -> Test:
        amount = int(_value(values, self.parameter))
        i = index[self.start]
        if self.end is not None:
            j = index[self.end]

            def test(e: Any) -> bool | None:
                start, end = _day(e[i]), _day(e[j])
                return None if start is None or end is None else self._holds(start, end, amount)

            return test
        # Judged on one day: compare the start with the latest start that has reached it.
        latest, passes_after = self._bound(amount, day)
        bound, text = (latest, latest.isoformat()) if latest is not None else (None, None)

        def on_day(e: Any) -> bool | None:
            start = e[i]
            if start is None:
                return None
            if bound is None:  # no start has reached the day
                return passes_after
            after = start > (text if isinstance(start, str) else bound)
            return after if passes_after else not after

        return on_day

    def outcomes(
        self,
        values: Mapping[str, float],
        day: date,
        index: Mapping[str, Any],
        undetermined: Callable[[str, Any], Any],
    ) -> Callable[[Iterable[Any]], Sequence[Any]]:
        if self.end is not None:
            return super().outcomes(values, day, index, undetermined)
        bound, passes_after = self._bound(int(_value(values, self.parameter)), day)
        text = None if bound is None else bound.isoformat()
        return _one_fact(self.start, index, undetermined, "after", (bound, text, passes_after))

    def _bound(self, amount: int, day: date) -> tuple[date | None, bool]:
        """For a span to the day judged on: the latest start that has reached the day (none
        has if ``None``), and whether starts after it pass."""
        if self.op == ">=":  # add(start, n) >= day: not add(start, n) <= the day before
            latest = latest_start(add_days(day, -1), amount, self.unit) if day > date.min else None
            return latest, True
        return latest_start(day, amount, self.unit), self.op == ">"

    def failing(
        self, parameter: str, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> Threshold | None:
        if parameter != self.parameter:
            return _fixed(self.holds(evidence, values, day))
        days = self._days(evidence, day)
        if days is None:
            return Threshold("never")
        start, end = days
        n = _whole(start, end, self.unit)
        if self.op == ">=":
            # fails for amounts below the fewest units that reach ``end``
            fewest = n if n >= 0 and _ADD[self.unit](start, n) == end else n + 1
            return Threshold("<", fewest)
        return Threshold(">" if self.op == "<=" else "<=", n)

    def describe(self, lang: str = "en") -> str:
        end = "the day" if self.end is None else self.end
        word = {"<=": "at least", ">=": "at most", ">": "less than"}[self.op]
        return f"{self.start} to {end}: {word} {self.parameter} {self.unit}"

    def _shown(self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date) -> str:
        end = day.isoformat() if self.end is None else _text(evidence.get(self.end))
        word = {"<=": "at least", ">=": "at most", ">": "less than"}[self.op]
        return (
            f"{self.start} ({_text(evidence.get(self.start))}) to {end}: {word} "
            f"{self.parameter} ({_text(values.get(self.parameter))}) {self.unit}"
        )

    def gap(self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date) -> float:
        days = self._days(evidence, day)
        if days is None:
            return float("inf")
        if self.holds(evidence, values, day):
            return 0
        start, end = days
        later = _ADD[self.unit](start, int(_value(values, self.parameter)))
        return abs((later - end).days) + (1 if later == end else 0)


def _reached(start: date, end: date, amount: int, unit: str) -> bool:
    if unit == "days":
        return add_days(start, amount) <= end
    from neighborparty.rules.days import reached

    return reached(start, end, **{unit: amount})


def _whole(start: date, end: date, unit: str) -> int:
    """The most whole units ``n`` whose span from ``start`` has reached ``end`` (-1 if none)."""
    if unit == "days":
        return (end - start).days if start <= end else -1
    n = (end.year - start.year) * (12 if unit == "months" else 1) + (
        end.month - start.month if unit == "months" else 0
    )
    n = max(n, -1)
    while n >= 0 and not _reached(start, end, n, unit):
        n -= 1
    while _reached(start, end, n + 1, unit):
        n += 1
    return n


def _check_unit(unit: str) -> None:
    if unit not in UNITS:
        raise InvalidArgumentError(f"a span counts in {', '.join(UNITS)}, not {unit!r}")


def span_at_least(start: str, parameter: str, unit: str, *, end: str | None = None) -> Condition:
    """At least the parameter's number of units have passed from the ``start`` fact (a day) to
    the ``end`` fact, or to the day judged on: the day that many units after ``start`` has
    come by then.

    Examples:
        >>> c = span_at_least("full_since", "secretary.min_standing_years", "years")
        >>> v = {"secretary.min_standing_years": 1}
        >>> c.holds({"full_since": "2019-10-26"}, v, date(2020, 10, 26))
        True
        >>> c.holds({"full_since": "2019-10-27"}, v, date(2020, 10, 26))
        False
    """
    _check_unit(unit)
    return _Span(start, "<=", parameter, unit, end)


def span_at_most(start: str, parameter: str, unit: str, *, end: str | None = None) -> Condition:
    """At most the parameter's number of units pass from ``start`` to ``end`` (or the day):
    ``end`` is on or before the day that many units after ``start`` — the last day of a term
    is still within it.

    Examples:
        >>> c = span_at_most("elected_on", "term.branch_years", "years")
        >>> v = {"term.branch_years": 3}
        >>> c.holds({"elected_on": "2017-10-26"}, v, date(2020, 10, 26))
        True
        >>> c.holds({"elected_on": "2017-10-25"}, v, date(2020, 10, 26))
        False
    """
    _check_unit(unit)
    return _Span(start, ">=", parameter, unit, end)


def span_less_than(start: str, parameter: str, unit: str, *, end: str | None = None) -> Condition:
    """Fewer than the parameter's number of units have passed from ``start`` to ``end`` (or
    the day): the day that many units after ``start`` has not come.

    Examples:
        >>> c = span_less_than("last", "membership.inactive_months", "months")
        >>> v = {"membership.inactive_months": 6}
        >>> c.holds({"last": "2020-04-26"}, v, date(2020, 10, 25)), c.holds({"last": "2020-04-26"}, v, date(2020, 10, 26))
        (True, False)
    """
    _check_unit(unit)
    return _Span(start, ">", parameter, unit, end)


@attrs.frozen
class _Until(Condition):
    fact: str

    @property
    def facts(self) -> tuple[str, ...]:
        return (self.fact,)

    def holds(
        self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> bool | None:
        end = _day(evidence.get(self.fact))
        return None if end is None else day <= end

    def compile(self, values: Mapping[str, float], day: date, index: Mapping[str, Any]) -> Test:
        i, text = index[self.fact], day.isoformat()
        return lambda e: None if (v := e[i]) is None else (text if isinstance(v, str) else day) <= v

    def failing(
        self, parameter: str, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> Threshold | None:
        return _fixed(self.holds(evidence, values, day))

    def describe(self, lang: str = "en") -> str:
        return f"the day is on or before {self.fact}"

    def _shown(self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date) -> str:
        return f"the day ({day.isoformat()}) is on or before {self.fact} ({_text(evidence.get(self.fact))})"

    def gap(self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date) -> float:
        end = _day(evidence.get(self.fact))
        if end is None:
            return float("inf")
        return max(0, (day - end).days)


def until(fact: str) -> Condition:
    """The day judged on is on or before the fact's day (a term's last day, a deadline).

    Examples:
        >>> until("term_end").holds({"term_end": "2020-10-26"}, {}, date(2020, 10, 26))
        True
    """
    return _Until(fact)


# ------------------------------------------------------------------------------- facts


@attrs.frozen
class _Present(Condition):
    fact: str

    @property
    def facts(self) -> tuple[str, ...]:
        return (self.fact,)

    def holds(
        self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> bool | None:
        value = evidence.get(self.fact)
        return None if value is None else bool(value)

    def compile(self, values: Mapping[str, float], day: date, index: Mapping[str, Any]) -> Test:
        i = index[self.fact]
        return lambda e: None if (v := e[i]) is None else bool(v)

    def judge(
        self, values: Mapping[str, float], day: date, index: Mapping[str, Any]
    ) -> Callable[[Any], Verdict]:
        i, u, p, f = index[self.fact], _UNDETERMINED, _PASS, _FAIL
        return lambda e: u if (v := e[i]) is None else (p if v else f)

    def outcomes(
        self,
        values: Mapping[str, float],
        day: date,
        index: Mapping[str, Any],
        undetermined: Callable[[str, Any], Any],
    ) -> Callable[[Iterable[Any]], Sequence[Any]]:
        return _one_fact(self.fact, index, undetermined, "bool", None)

    def failing(
        self, parameter: str, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> Threshold | None:
        return _fixed(self.holds(evidence, values, day))

    def describe(self, lang: str = "en") -> str:
        return f"{self.fact} 存在" if lang == "zh" else f"{self.fact} present"

    def _shown(self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date) -> str:
        return f"{self.fact} ({_text(evidence.get(self.fact))}) present"

    def gap(self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date) -> float:
        held = self.holds(evidence, values, day)
        return 0 if held else (float("inf") if held is None else 1)


def present(fact: str) -> Condition:
    """The fact is there: true or non-empty passes, false or empty fails, ``None`` (not
    recorded) is unknown.

    Examples:
        >>> c = present("identity_shown")
        >>> [c.holds({"identity_shown": v}, {}, date(2020, 1, 1)) for v in (True, False, None)]
        [True, False, None]
        >>> present("branches").holds({"branches": []}, {}, date(2020, 1, 1))
        False
    """
    return _Present(fact)


# ------------------------------------------------------------------------------- combinations


def _union(a: Threshold | None, b: Threshold | None) -> Threshold | None:
    """The values failing either: a subject fails a conjunction when a part fails."""
    if a is None or b is None:
        return None
    if a.op == "always" or b.op == "never":
        return a
    if b.op == "always" or a.op == "never":
        return b
    up_a, up_b = a.op in (">", ">="), b.op in (">", ">=")
    if up_a == up_b:
        # the larger set: the smaller lower bound, or the larger upper bound
        if a.at == b.at:
            return a if len(a.op) == 2 else b
        return (a if a.at < b.at else b) if up_a else (a if a.at > b.at else b)
    up, down = (a, b) if up_a else (b, a)
    if up.at < down.at or (up.at == down.at and (up.op == ">=" or down.op == "<=")):
        return Threshold("always")
    return None


def _intersection(a: Threshold | None, b: Threshold | None) -> Threshold | None:
    """The values failing both: a subject fails a disjunction when every part fails."""
    if a is None or b is None:
        return None
    if a.op == "never" or b.op == "always":
        return a
    if b.op == "never" or a.op == "always":
        return b
    up_a, up_b = a.op in (">", ">="), b.op in (">", ">=")
    if up_a == up_b:
        if a.at == b.at:
            return b if len(a.op) == 2 else a
        return (a if a.at > b.at else b) if up_a else (a if a.at < b.at else b)
    up, down = (a, b) if up_a else (b, a)
    if up.at > down.at or (up.at == down.at and not (up.op == ">=" and down.op == "<=")):
        return Threshold("never")
    return None


@attrs.frozen
class _All(Condition):
    parts: tuple[Condition, ...]

    @property
    def parameters(self) -> tuple[str, ...]:
        return _merged(p.parameters for p in self.parts)

    @property
    def facts(self) -> tuple[str, ...]:
        return _merged(p.facts for p in self.parts)

    def holds(
        self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> bool | None:
        seen: bool | None = True
        for part in self.parts:
            held = part.holds(evidence, values, day)
            if held is False:
                return False
            if held is None:
                seen = None
        return seen

    def compile(self, values: Mapping[str, float], day: date, index: Mapping[str, Any]) -> Test:
        tests = tuple(p.compile(values, day, index) for p in self.parts)

        def test(e: Any) -> bool | None:
            seen: bool | None = True
            for t in tests:
                held = t(e)
                if held is False:
                    return False
                if held is None:
                    seen = None
            return seen

        return test

    def failing(
        self, parameter: str, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> Threshold | None:
        found: Threshold | None = Threshold("never")
        for part in self.parts:
            found = _union(found, part.failing(parameter, evidence, values, day))
        return found

    def describe(self, lang: str = "en") -> str:
        word = " 且 " if lang == "zh" else " and "
        return word.join(_grouped(p, lang) for p in self.parts)

    def explain(
        self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date, lang: str = "en"
    ) -> str:
        return "\n".join(p.explain(evidence, values, day, lang) for p in self.parts)

    def gap(self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date) -> float:
        return sum(p.gap(evidence, values, day) for p in self.parts)

    def failed(
        self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> tuple[Condition, ...]:
        return tuple(f for p in self.parts for f in p.failed(evidence, values, day))

    def leaves(self) -> tuple[Condition, ...]:
        return tuple(leaf for p in self.parts for leaf in p.leaves())


@attrs.frozen
class _Between(_All):
    def compile(self, values: Mapping[str, float], day: date, index: Mapping[str, Any]) -> Test:
        low, high = self.parts
        assert isinstance(low, _Compare)
        assert isinstance(high, _Compare)
        i = index[low.fact]
        lo, hi = _value(values, low.parameter), _value(values, high.parameter)
        return lambda e: None if (v := e[i]) is None else lo <= v <= hi

    def judge(
        self, values: Mapping[str, float], day: date, index: Mapping[str, Any]
    ) -> Callable[[Any], Verdict]:
        low, high = self.parts
        assert isinstance(low, _Compare)
        assert isinstance(high, _Compare)
        i = index[low.fact]
        lo, hi = _value(values, low.parameter), _value(values, high.parameter)
        u, p, f = _UNDETERMINED, _PASS, _FAIL
        return lambda e: u if (v := e[i]) is None else (p if lo <= v <= hi else f)

    def outcomes(
        self,
        values: Mapping[str, float],
        day: date,
        index: Mapping[str, Any],
        undetermined: Callable[[str, Any], Any],
    ) -> Callable[[Iterable[Any]], Sequence[Any]]:
        low, high = self.parts
        assert isinstance(low, _Compare)
        assert isinstance(high, _Compare)
        lo, hi = _value(values, low.parameter), _value(values, high.parameter)
        return _one_fact(low.fact, index, undetermined, "[]", (lo, hi))

    def describe(self, lang: str = "en") -> str:
        low, high = self.parts
        assert isinstance(low, _Compare)
        assert isinstance(high, _Compare)
        return f"{low.parameter} ≤ {low.fact} ≤ {high.parameter}"


@attrs.frozen
class _Any(Condition):
    parts: tuple[Condition, ...]

    @property
    def parameters(self) -> tuple[str, ...]:
        return _merged(p.parameters for p in self.parts)

    @property
    def facts(self) -> tuple[str, ...]:
        return _merged(p.facts for p in self.parts)

    def holds(
        self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> bool | None:
        seen: bool | None = False
        for part in self.parts:
            held = part.holds(evidence, values, day)
            if held:
                return True
            if held is None:
                seen = None
        return seen

    def compile(self, values: Mapping[str, float], day: date, index: Mapping[str, Any]) -> Test:
        tests = tuple(p.compile(values, day, index) for p in self.parts)

        def test(e: Any) -> bool | None:
            seen: bool | None = False
            for t in tests:
                held = t(e)
                if held:
                    return True
                if held is None:
                    seen = None
            return seen

        return test

    def failing(
        self, parameter: str, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> Threshold | None:
        found: Threshold | None = Threshold("always")
        for part in self.parts:
            found = _intersection(found, part.failing(parameter, evidence, values, day))
        return found

    def describe(self, lang: str = "en") -> str:
        word = " 或 " if lang == "zh" else " or "
        return word.join(_grouped(p, lang) for p in self.parts)

    def explain(
        self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date, lang: str = "en"
    ) -> str:
        head = "其一即可：" if lang == "zh" else "any of:"
        lines = [p.explain(evidence, values, day, lang) for p in self.parts]
        return "\n".join([head, *("  " + line for text in lines for line in text.split("\n"))])

    def gap(self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date) -> float:
        return min((p.gap(evidence, values, day) for p in self.parts), default=float("inf"))

    def failed(
        self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> tuple[Condition, ...]:
        if self.holds(evidence, values, day) is not False:
            return ()
        return tuple(f for p in self.parts for f in p.failed(evidence, values, day))

    def leaves(self) -> tuple[Condition, ...]:
        return tuple(leaf for p in self.parts for leaf in p.leaves())


@attrs.frozen
class _When(Condition):
    fact: str
    then: Condition
    otherwise: Condition

    @property
    def parameters(self) -> tuple[str, ...]:
        return _merged([self.then.parameters, self.otherwise.parameters])

    @property
    def facts(self) -> tuple[str, ...]:
        return _merged([(self.fact,), self.then.facts, self.otherwise.facts])

    def _branch(self, evidence: Mapping[str, Any]) -> Condition | None:
        value = evidence.get(self.fact)
        return None if value is None else (self.then if value else self.otherwise)

    def holds(
        self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> bool | None:
        branch = self._branch(evidence)
        return None if branch is None else branch.holds(evidence, values, day)

    def compile(self, values: Mapping[str, float], day: date, index: Mapping[str, Any]) -> Test:
        i = index[self.fact]
        then, otherwise = (
            self.then.compile(values, day, index),
            self.otherwise.compile(values, day, index),
        )
        return lambda e: None if (v := e[i]) is None else (then(e) if v else otherwise(e))

    def failing(
        self, parameter: str, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> Threshold | None:
        branch = self._branch(evidence)
        if branch is None:
            return Threshold("never")  # unknown at every value
        return branch.failing(parameter, evidence, values, day)

    def describe(self, lang: str = "en") -> str:
        if lang == "zh":
            return (
                f"若 {self.fact}：{self.then.describe(lang)}；否则：{self.otherwise.describe(lang)}"
            )
        return f"if {self.fact}: {self.then.describe(lang)}; otherwise: {self.otherwise.describe(lang)}"

    def explain(
        self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date, lang: str = "en"
    ) -> str:
        branch = self._branch(evidence)
        if branch is None:
            return f"{self.fact} (unknown){_MET[lang][None]}"
        return f"{self.fact} ({_text(evidence.get(self.fact))}) →\n" + branch.explain(
            evidence, values, day, lang
        )

    def gap(self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date) -> float:
        branch = self._branch(evidence)
        return float("inf") if branch is None else branch.gap(evidence, values, day)

    def failed(
        self, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
    ) -> tuple[Condition, ...]:
        branch = self._branch(evidence)
        return () if branch is None else branch.failed(evidence, values, day)

    def leaves(self) -> tuple[Condition, ...]:
        return (*self.then.leaves(), *self.otherwise.leaves())


def _merged(groups: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for group in groups for name in group))


def _grouped(condition: Condition, lang: str) -> str:
    text = condition.describe(lang)
    grouped = isinstance(condition, _All | _Any | _When) and not isinstance(condition, _Between)
    return f"({text})" if grouped else text


def _conditions(parts: tuple[Condition, ...], name: str) -> tuple[Condition, ...]:
    if not parts:
        raise InvalidArgumentError(f"{name} needs at least one condition")
    for part in parts:
        if not isinstance(part, Condition):
            raise InvalidArgumentError(f"{name} takes conditions, not {part!r}")
    return parts


def all_of(*parts: Condition) -> Condition:
    """Every part holds: it fails if any part fails, else it is unknown if any part is.

    Examples:
        >>> c = all_of(present("secretary"), at_least("committee_size", "committee.min_size"))
        >>> c.holds({"secretary": True, "committee_size": 2}, {"committee.min_size": 3}, date(2020, 1, 1))
        False
    """
    return _All(_conditions(parts, "all_of"))


def any_of(*parts: Condition) -> Condition:
    """Some part holds: it passes if any part passes, else it is unknown if any part is.

    Examples:
        >>> c = any_of(present("own_branch"), less_than("households", "min_households"))
        >>> c.holds({"own_branch": [], "households": 80}, {"min_households": 100}, date(2020, 1, 1))
        True
    """
    return _Any(_conditions(parts, "any_of"))


def when(fact: str, then: Condition, otherwise: Condition) -> Condition:
    """``then`` for subjects whose (true or false) fact is true, else ``otherwise``.

    Examples:
        >>> c = when("major", at_least("approval", "major"), more_than("approval", "ordinary"))
        >>> v = {"major": 0.75, "ordinary": 0.5}
        >>> c.holds({"major": True, "approval": 0.6}, v, date(2020, 1, 1)), c.holds({"major": False, "approval": 0.6}, v, date(2020, 1, 1))
        (False, True)
    """
    _conditions((then, otherwise), "when")
    return _When(fact, then, otherwise)


def verdict_of(held: bool | None) -> Verdict:
    """The verdict for whether a condition holds.

    Examples:
        >>> verdict_of(True).value, verdict_of(None).value
        ('pass', 'undetermined')
    """
    return _PASS if held else (_FAIL if held is False else _UNDETERMINED)


def _text(value: Any) -> str:
    if value is None:
        return "unknown"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
