"""What if the rules changed: per-subject comparisons, tipping points and sweeps."""

from __future__ import annotations

import bisect
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import attrs

from neighborparty.errors import InvalidArgumentError
from neighborparty.model import City
from neighborparty.rules._run import Results
from neighborparty.rules.check import check
from neighborparty.rules.findings import Finding, Verdict
from neighborparty.rules.policy import DEFAULT_POLICY, Policy
from neighborparty.rules.report import REPORT_FORMAT_VERSION
from neighborparty.rules.rule import Outcome, Rule, Threshold

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MAX_PROVISIONS",
    "Change",
    "Comparison",
    "Provisions",
    "TippingPoint",
    "compare",
    "sweep",
    "tipping_parameters",
    "tipping_points",
]


@attrs.frozen(kw_only=True)
class Change:
    """A subject whose verdict differs under a reform, with both findings side by side.

    Examples:
        >>> from datetime import date
        >>> from neighborparty import examples
        >>> reform = DEFAULT_POLICY.with_parameters({"branch.min_full_members": 4},
        ...                                         effective=date(2020, 1, 1))
        >>> change = compare(examples.seed_city(), DEFAULT_POLICY, reform).changes[0]
        >>> change.subject, change.before.verdict.value, change.after.verdict.value
        ('br-jinan', 'pass', 'fail')
    """

    code: str
    subject: str
    before: Finding | None
    after: Finding | None


@attrs.frozen(kw_only=True)
class Comparison:
    """The subjects whose verdict changed between two policies, grouped by rule.

    Examples:
        >>> from neighborparty import examples
        >>> compare(examples.seed_city(), DEFAULT_POLICY, DEFAULT_POLICY).changes
        ()
    """

    changed_parameters: tuple[str, ...]
    rules: tuple[str, ...]
    """The rules evaluated again: those reading a changed parameter, or in one policy only."""
    changes: tuple[Change, ...]
    city: City | None = attrs.field(default=None, eq=False)
    """The city compared (what :meth:`by_provision` checks again)."""
    baseline: Policy | None = attrs.field(default=None, eq=False)
    reform: Policy | None = attrs.field(default=None, eq=False)
    on: date | None = attrs.field(default=None, eq=False)

    def by_provision(self) -> Provisions:
        """The reform's effect split among the parameters it changes: which changed subjects
        each parameter explains alone, which need several together, and each parameter's
        share of the counts by Shapley values.

        Each subject that changed is a game among the changed parameters: a set of them
        *carries* the change when the baseline with just those parameters set as the reform
        sets them gives the subject its verdict under the reform. A parameter explains a
        subject alone when it carries it by itself; a subject no single parameter carries needs
        several together (:attr:`Provisions.minimal_sets` names the smallest sets that do).
        The Shapley value splits each subject's one change among the parameters: an
        interaction is shared equally by the parameters in it (two needed together get a half
        each; two that each carry it alone, a half each too); a parameter that never changes
        whether a set carries the subject gets nothing; the shares of a subject sum to 1, so
        the shares of the whole sum to the number of changes. Shares are exact fractions.

        It checks the city once more for every set of changed parameters but the empty and the
        full one (2ⁿ − 2 checks, each of the rules reading a parameter of the set), so it is
        exact, and refuses more than :data:`MAX_PROVISIONS` parameters.

        Raises:
            InvalidArgumentError: The comparison was made without its city and policies, the
                two policies differ in their rules (not only in parameters), or more than
                :data:`MAX_PROVISIONS` parameters changed.

        Examples:
            >>> from datetime import date
            >>> from neighborparty import examples
            >>> reform = DEFAULT_POLICY.with_parameters(
            ...     {"formation.standalone_min_full_members": 2,
            ...      "formation.standalone_min_households": 60,
            ...      "branch.min_full_members": 4},
            ...     effective=date(2020, 1, 1))
            >>> split = compare(examples.seed_city(), DEFAULT_POLICY, reform).by_provision()
            >>> {p: [c.subject for c in changes] for p, changes in split.alone.items()}
            {'branch.min_full_members': ['br-jinan', 'br-joint'], 'formation.standalone_min_full_members': [], 'formation.standalone_min_households': []}
            >>> [c.subject for c in split.together], split.minimal_sets[("NP102", "c-west")]
            (['c-west'], (('formation.standalone_min_full_members', 'formation.standalone_min_households'),))
            >>> {p: str(share) for p, share in split.shares.items()}
            {'branch.min_full_members': '2', 'formation.standalone_min_full_members': '1/2', 'formation.standalone_min_households': '1/2'}
        """
        return by_provision(self)

    def by_rule(self) -> dict[str, tuple[Change, ...]]:
        """The changes per rule code, in code order.

        Examples:
            >>> from datetime import date
            >>> from neighborparty import examples
            >>> reform = DEFAULT_POLICY.with_parameters({"branch.min_full_members": 4},
            ...                                         effective=date(2020, 1, 1))
            >>> list(compare(examples.seed_city(), DEFAULT_POLICY, reform).by_rule())
            ['NP103']
        """
        grouped: dict[str, list[Change]] = defaultdict(list)
        for c in self.changes:
            grouped[c.code].append(c)
        return {code: tuple(grouped[code]) for code in sorted(grouped)}

    def summary(self) -> str:
        """One line per rule: how many subjects turned to fail, to pass, or otherwise.

        Examples:
            >>> from datetime import date
            >>> from neighborparty import examples
            >>> reform = DEFAULT_POLICY.with_parameters({"branch.min_full_members": 4},
            ...                                         effective=date(2020, 1, 1))
            >>> print(compare(examples.seed_city(), DEFAULT_POLICY, reform).summary())
            2 subjects changed (parameters: branch.min_full_members)
            NP103  now failing 2, now passing 0, other 0
        """
        n = len(self.changes)
        lines = [
            f"{n} subject{'s' if n != 1 else ''} changed "
            f"(parameters: {', '.join(self.changed_parameters) or 'none'})"
        ]
        for code, changes in self.by_rule().items():
            failing = sum(1 for c in changes if c.after is not None and c.after.failed)
            passing = sum(
                1 for c in changes if c.after is not None and c.after.verdict is Verdict.PASS
            )
            lines.append(
                f"{code:<6} now failing {failing}, now passing {passing}, "
                f"other {len(changes) - failing - passing}"
            )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The comparison as plain data for JSON; a finding absent under one policy is ``None``.

        Examples:
            >>> from datetime import date
            >>> from neighborparty import examples
            >>> reform = DEFAULT_POLICY.with_parameters({"branch.min_full_members": 4},
            ...                                         effective=date(2020, 1, 1))
            >>> doc = compare(examples.seed_city(), DEFAULT_POLICY, reform).to_dict()
            >>> doc["changed_parameters"], [c["subject"] for c in doc["changes"]]
            (['branch.min_full_members'], ['br-jinan', 'br-joint'])
            >>> doc["changes"][0]["after"]["verdict"]
            'fail'
        """
        return {
            "format_version": REPORT_FORMAT_VERSION,
            "changed_parameters": list(self.changed_parameters),
            "rules": list(self.rules),
            "changes": [
                {
                    "code": c.code,
                    "subject": c.subject,
                    "before": None if c.before is None else c.before.to_dict(),
                    "after": None if c.after is None else c.after.to_dict(),
                }
                for c in self.changes
            ],
        }

    def to_pandas(self) -> pd.DataFrame:
        """The changes as a pandas DataFrame, one row per subject that changed, in order.

        Columns: ``code``, ``subject``, ``verdict_before`` and ``verdict_after`` (categorical:
        pass, fail, undetermined; missing where one policy has no finding), ``message_before``
        and ``message_after`` (English). The index is a RangeIndex. Needs the ``pandas`` extra.

        Raises:
            ImportError: pandas is not installed.

        Examples:
            >>> from datetime import date
            >>> from neighborparty import examples
            >>> reform = DEFAULT_POLICY.with_parameters({"branch.min_full_members": 4},
            ...                                         effective=date(2020, 1, 1))
            >>> frame = compare(examples.seed_city(), DEFAULT_POLICY, reform).to_pandas()
            >>> frame[["code", "subject", "verdict_before", "verdict_after"]]
                code    subject verdict_before verdict_after
            0  NP103   br-jinan           pass          fail
            1  NP103  br-joint           pass          fail
        """
        from neighborparty.rules._frames import changes_frame

        return changes_frame(self)

    def __repr__(self) -> str:
        return (
            f"Comparison(changed_parameters={self.changed_parameters!r}, rules={self.rules!r}, "
            f"changes={len(self.changes)})"
        )

    def _repr_html_(self) -> str:
        """A compact HTML summary for notebooks: changes per rule, then the first few.

        Examples:
            >>> from neighborparty import examples
            >>> "0 subjects changed" in compare(examples.seed_city(), DEFAULT_POLICY,
            ...                                DEFAULT_POLICY)._repr_html_()
            True
        """
        from neighborparty.rules._html import comparison_html

        return comparison_html(self)


MAX_PROVISIONS = 10
"""The most changed parameters :meth:`Comparison.by_provision` splits a reform among: it checks
the city 2ⁿ − 2 times, about a thousand for ten."""


@attrs.frozen(kw_only=True)
class Provisions:
    """A reform's effect split among the parameters it changes (:meth:`Comparison.by_provision`).

    Args:
        parameters: The changed parameters, by name.
        changes: The subjects that changed, as in the comparison.
        alone: Per parameter, the changes it carries by itself (a change two parameters each
            carry alone is under both).
        together: The changes no single parameter carries, that need several together.
        minimal_sets: Per change, by ``(code, subject)``: the smallest sets of parameters that
            carry it, each by name in order.
        shares: Per parameter, its Shapley share of the number of changes (exact fractions
            summing to ``len(changes)``).
        shares_by_rule: The same per rule code.

    Examples:
        >>> from neighborparty import examples
        >>> compare(examples.seed_city(), DEFAULT_POLICY, DEFAULT_POLICY).by_provision().shares
        {}
    """

    parameters: tuple[str, ...]
    changes: tuple[Change, ...]
    alone: Mapping[str, tuple[Change, ...]]
    together: tuple[Change, ...]
    minimal_sets: Mapping[tuple[str, str], tuple[tuple[str, ...], ...]]
    shares: Mapping[str, Fraction]
    shares_by_rule: Mapping[str, Mapping[str, Fraction]]

    def summary(self) -> str:
        """One line per parameter: the changes it explains alone and its share; then the
        changes that need several together.

        Examples:
            >>> from datetime import date
            >>> from neighborparty import examples
            >>> reform = DEFAULT_POLICY.with_parameters(
            ...     {"formation.standalone_min_full_members": 2,
            ...      "formation.standalone_min_households": 60,
            ...      "branch.min_full_members": 4},
            ...     effective=date(2020, 1, 1))
            >>> print(compare(examples.seed_city(), DEFAULT_POLICY, reform).by_provision().summary())
            3 subjects changed, split among 3 parameters
            parameter                              alone   share
            branch.min_full_members                    2    2.00
            formation.standalone_min_full_members      0    0.50
            formation.standalone_min_households        0    0.50
            needing several together: 1 (NP102 c-west)
        """
        n = len(self.changes)
        width = max((len(p) for p in self.parameters), default=9)
        lines = [
            f"{n} subject{'s' if n != 1 else ''} changed, split among {len(self.parameters)} "
            f"parameter{'s' if len(self.parameters) != 1 else ''}",
            f"{'parameter':<{width}}  alone   share",
        ]
        for p in self.parameters:
            lines.append(f"{p:<{width}}  {len(self.alone[p]):>5}  {float(self.shares[p]):>6.2f}")
        named = ", ".join(f"{c.code} {c.subject}" for c in self.together[:5])
        more = ", ..." if len(self.together) > 5 else ""
        lines.append(
            f"needing several together: {len(self.together)}"
            + (f" ({named}{more})" if self.together else "")
        )
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The split as plain data for JSON; shares as floats, and exactly as ``"p/q"`` text.

        Examples:
            >>> from neighborparty import examples
            >>> compare(examples.seed_city(), DEFAULT_POLICY, DEFAULT_POLICY).by_provision().to_dict()["parameters"]
            []
        """
        return {
            "format_version": REPORT_FORMAT_VERSION,
            "parameters": list(self.parameters),
            "alone": {p: [[c.code, c.subject] for c in cs] for p, cs in self.alone.items()},
            "together": [
                {
                    "code": c.code,
                    "subject": c.subject,
                    "minimal_sets": [list(s) for s in self.minimal_sets[c.code, c.subject]],
                }
                for c in self.together
            ],
            "shares": {p: float(v) for p, v in self.shares.items()},
            "shares_exact": {p: str(v) for p, v in self.shares.items()},
            "shares_by_rule": {
                code: {p: float(v) for p, v in row.items()}
                for code, row in self.shares_by_rule.items()
            },
        }


def _shapley(carried: Sequence[bool], n: int) -> tuple[Fraction, ...]:
    """The Shapley value of each of ``n`` players of the game whose worth of the set with bit
    mask ``m`` is ``carried[m]`` (1 or 0)."""
    weights = [
        Fraction(math.factorial(k) * math.factorial(n - k - 1), math.factorial(n)) for k in range(n)
    ]
    values = []
    for i in range(n):
        bit = 1 << i
        total = Fraction(0)
        for mask in range(1 << n):
            if mask & bit:
                continue
            gain = carried[mask | bit] - carried[mask]
            if gain:
                total += gain * weights[mask.bit_count()]
        values.append(total)
    return tuple(values)


def _minimal(carried: Sequence[bool], n: int) -> list[int]:
    """The masks of the smallest sets that carry the game: no proper subset of one does."""
    winning = [m for m in range(1, 1 << n) if carried[m]]
    return [m for m in winning if not any(w != m and w & m == w for w in winning)]


def by_provision(comparison: Comparison) -> Provisions:
    """:meth:`Comparison.by_provision` (see there)."""
    city, baseline, reform = comparison.city, comparison.baseline, comparison.reform
    if city is None or baseline is None or reform is None:
        raise InvalidArgumentError(
            "by_provision needs a comparison made by compare(), which keeps its city and policies"
        )
    if {r.code: r for r in baseline.rules} != {r.code: r for r in reform.rules}:
        raise InvalidArgumentError(
            "by_provision splits a reform of parameters; these policies also differ in their rules"
        )
    names = comparison.changed_parameters
    n = len(names)
    if n > MAX_PROVISIONS:
        raise InvalidArgumentError(
            f"by_provision splits a reform among at most {MAX_PROVISIONS} parameters "
            f"(2^n - 2 checks); this one changes {n}: {', '.join(names)}"
        )
    changes = comparison.changes
    keys = [(c.code, c.subject) for c in changes]
    target = {
        k: (c.after.verdict if c.after is not None else None)
        for k, c in zip(keys, changes, strict=True)
    }
    before = {
        k: (c.before.verdict if c.before is not None else None)
        for k, c in zip(keys, changes, strict=True)
    }
    readers = {r.code: set(r.parameters) for r in baseline.rules}
    old = {p.name: p for p in baseline.parameters}
    new = {p.name: p for p in reform.parameters}
    full = (1 << n) - 1
    carried: dict[tuple[str, str], list[bool]] = {k: [False] * (1 << n) for k in keys}
    for k in keys:
        carried[k][full] = True
    wanted = {c for c, _ in keys}
    for mask in range(1, full):
        chosen = {names[i] for i in range(n) if mask >> i & 1}
        codes = sorted(c for c in wanted if readers.get(c, set()) & chosen)
        verdicts: dict[tuple[str, str], Verdict | None] = {}
        if codes:
            merged = {**old, **{name: new[name] for name in chosen if name in new}}
            for name in chosen - new.keys():
                merged.pop(name, None)
            policy = attrs.evolve(baseline, parameters=merged.values())
            report = check(city, policy, on=comparison.on, select=codes)
            verdicts = {(r.code, subject): verdict for r, subject, verdict, _ in report.outcomes}
        for k in keys:
            now = verdicts.get(k) if k[0] in codes else before[k]
            carried[k][mask] = now == target[k]
    patterns: dict[tuple[bool, ...], tuple[tuple[Fraction, ...], list[int]]] = {}
    shares = dict.fromkeys(names, Fraction(0))
    by_rule: dict[str, dict[str, Fraction]] = {}
    alone: dict[str, list[Change]] = {name: [] for name in names}
    together: list[Change] = []
    minimal_sets: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = {}
    for k, change in zip(keys, changes, strict=True):
        pattern = tuple(carried[k])
        if pattern not in patterns:
            patterns[pattern] = (_shapley(pattern, n), _minimal(pattern, n))
        values, minimal = patterns[pattern]
        row = by_rule.setdefault(change.code, dict.fromkeys(names, Fraction(0)))
        for name, value in zip(names, values, strict=True):
            shares[name] += value
            row[name] += value
        minimal_sets[k] = tuple(
            tuple(names[i] for i in range(n) if m >> i & 1)
            for m in sorted(minimal, key=lambda m: (m.bit_count(), m))
        )
        singles = [names[i] for i in range(n) if pattern[1 << i]]
        for name in singles:
            alone[name].append(change)
        if not singles:
            together.append(change)
    return Provisions(
        parameters=names,
        changes=changes,
        alone={name: tuple(cs) for name, cs in alone.items()},
        together=tuple(together),
        minimal_sets=minimal_sets,
        shares=shares,
        shares_by_rule={code: by_rule[code] for code in sorted(by_rule)},
    )


def _rules_to_rerun(baseline: Policy, reform: Policy, changed: Sequence[str]) -> list[str]:
    before = {r.code: r for r in baseline.rules}
    after = {r.code: r for r in reform.rules}
    codes = set(before) ^ set(after)
    for code in set(before) & set(after):
        if set(before[code].parameters) & set(changed):
            codes.add(code)
    return sorted(codes)


def compare(city: City, baseline: Policy, reform: Policy, *, on: date | None = None) -> Comparison:
    """The subjects whose verdict changes from ``baseline`` to ``reform``, with both findings.

    Only the rules that read a changed parameter (or belong to one policy only) are evaluated,
    under each policy; the others cannot change.

    Examples:
        >>> from datetime import date
        >>> from neighborparty import examples
        >>> reform = DEFAULT_POLICY.with_parameters(
        ...     {"formation.standalone_min_full_members": 2, "formation.standalone_min_households": 60},
        ...     effective=date(2020, 1, 1))
        >>> [(c.code, c.subject) for c in compare(examples.seed_city(), DEFAULT_POLICY, reform).changes]
        [('NP102', 'c-west')]
    """
    changed = baseline.changed_parameters(reform)
    codes = _rules_to_rerun(baseline, reform, changed)
    if not codes:
        return Comparison(
            changed_parameters=changed,
            rules=(),
            changes=(),
            city=city,
            baseline=baseline,
            reform=reform,
            on=on,
        )
    before = check(city, baseline, on=on, select=codes)
    after = check(city, reform, on=on, select=codes)
    return Comparison(
        changed_parameters=changed,
        rules=tuple(codes),
        changes=_changes(before.results, after.results),
        city=city,
        baseline=baseline,
        reform=reform,
        on=on,
    )


def _changes(before: Results, after: Results) -> tuple[Change, ...]:
    """The subjects whose verdict differs between two checks' results (a subject judged in
    one only included), in the order of rule code and subject, findings made of them only.

    Each rule's outcomes are read side by side while the two checks judged the same subjects
    in the same order, as checks of one city do, and by subject otherwise.
    """
    old = {r.code: (r, o) for r, o in before}
    new = {r.code: (r, o) for r, o in after}
    changes: list[Change] = []
    for code in old.keys() | new.keys():
        rule_before, outcomes_before = old.get(code, (None, ()))
        rule_after, outcomes_after = new.get(code, (None, ()))
        differing: list[tuple[str, Outcome | None, Outcome | None]] = []
        aligned = len(outcomes_before) == len(outcomes_after)
        if aligned:
            for a, b in zip(outcomes_before, outcomes_after, strict=True):
                if a[0] != b[0]:
                    aligned = False
                    break
                if a[1] is not b[1]:
                    differing.append((a[0], a, b))
        if not aligned:
            by_subject = {o[0]: o for o in outcomes_after}
            differing = []
            for was in outcomes_before:
                now = by_subject.pop(was[0], None)
                if now is None or was[1] is not now[1]:
                    differing.append((was[0], was, now))
            differing += [(subject, None, now) for subject, now in by_subject.items()]
        changes += (
            Change(
                code=code,
                subject=subject,
                before=None if a is None or rule_before is None else rule_before.finding(*a),
                after=None if b is None or rule_after is None else rule_after.finding(*b),
            )
            for subject, a, b in differing
        )
    changes.sort(key=lambda c: (c.code, c.subject))
    return tuple(changes)


@attrs.frozen(kw_only=True)
class TippingPoint:
    """Where one subject's verdict flips as a parameter varies.

    The subject fails exactly for the values ``v`` with ``v <op> at`` (see
    :class:`~neighborparty.rules.Threshold`).

    Examples:
        >>> from neighborparty import examples
        >>> [p] = [p for p in tipping_points(examples.seed_city(), "branch.min_full_members")
        ...        if p.subject == "br-jinan"]
        >>> p.code, p.threshold, p.fails(3), p.fails(4)
        ('NP103', Threshold(op='>', at=3), False, True)
    """

    code: str
    subject: str
    threshold: Threshold

    def fails(self, value: float) -> bool:
        """Whether the subject fails when the parameter takes this value.

        Examples:
            >>> TippingPoint(code="NP103", subject="br-1", threshold=Threshold(">", 3)).fails(4)
            True
        """
        return self.threshold.fails(value)


def tipping_parameters(policy: Policy = DEFAULT_POLICY) -> tuple[str, ...]:
    """The parameters for which tipping points can be computed, by name.

    Examples:
        >>> "formation.standalone_min_full_members" in tipping_parameters()
        True
    """
    return tuple(sorted({name for r in policy.rules for name in r.tipping}))


def _readers(policy: Policy, parameter: str) -> list[Rule]:
    readers = [r for r in policy.rules if parameter in r.parameters]
    if not readers:
        policy.parameter(parameter)  # raises for an unknown name
        return []
    missing = [r.code for r in readers if parameter not in r.tipping]
    if missing:
        raise InvalidArgumentError(
            f"{parameter} is read by {', '.join(missing)} in a way that has no single tipping "
            f"point; parameters with tipping points: {', '.join(tipping_parameters(policy))}"
        )
    return readers


def tipping_points(
    city: City, parameter: str, *, policy: Policy = DEFAULT_POLICY, on: date | None = None
) -> tuple[TippingPoint, ...]:
    """For a threshold parameter, the values at which each subject's verdict would flip.

    One check of the rules that read the parameter gives, from each finding's evidence, the
    values at which its subject fails, every other parameter staying as it is. An undetermined
    finding has one only where the facts its rule keeps say at which values it fails.

    Raises:
        UnknownParameterError: The policy has no such parameter.
        InvalidArgumentError: A rule reads the parameter in a way with no single tipping point.

    Examples:
        >>> from neighborparty import examples
        >>> points = tipping_points(examples.seed_city(), "formation.standalone_min_full_members")
        >>> sorted((p.subject, p.threshold.op, p.threshold.at) for p in points)
        [('c-east', 'never', 0), ('c-jinan', 'never', 0), ('c-west', 'never', 0)]
        >>> points = tipping_points(examples.seed_city(), "branch.min_full_members")
        >>> sorted((p.subject, p.threshold.op, p.threshold.at) for p in points)
        [('br-grid-old', '>', 1), ('br-jinan', '>', 3), ('br-joint', '>', 3)]
    """
    readers = _readers(policy, parameter)
    if not readers:
        return ()
    report = check(city, policy, on=on, select=[r.code for r in readers])
    values = policy.values(on)
    points = []
    tips = {r: r.tipping[parameter] for r in readers}
    for r, subject, verdict, evidence in report.outcomes:
        shown = r.evidence(evidence)
        judged_on = shown.get("judged_on") if r.dated else None
        now = policy.values(date.fromisoformat(judged_on)) if judged_on else values
        if verdict is Verdict.UNDETERMINED:
            found = _undetermined_tip(r, parameter, shown, now, report.day)
            if found is not None:
                points.append(TippingPoint(code=r.code, subject=subject, threshold=found))
            continue
        points.append(
            TippingPoint(code=r.code, subject=subject, threshold=tips[r](shown, now, report.day))
        )
    return tuple(points)


def _undetermined_tip(
    r: Rule, parameter: str, shown: Mapping[str, Any], values: Mapping[str, float], day: date
) -> Threshold | None:
    """Where an undetermined subject fails, when the facts its rule keeps for it say (NP405:
    a member whose dues are recorded for nobody fails once their organisational life runs
    out): the failing values its condition gives, if they are some; else ``None``."""
    condition = r.version_for(shown).condition
    found = None if condition is None else condition.failing(parameter, shown, values, day)
    return found if found is not None and found.op != "never" else None


def sweep(
    city: City,
    parameter: str,
    values: Iterable[float],
    *,
    policy: Policy = DEFAULT_POLICY,
    on: date | None = None,
) -> dict[float, int]:
    """The number of failing subjects for each value of a parameter, from the tipping points.

    It costs about one check, however many values: each subject's tipping point says at once
    for which values it fails. A subject failing two rules that read the parameter counts once.

    Raises:
        InvalidArgumentError: A value the parameter cannot take (a fraction of a whole unit, a negative
            number).

    Examples:
        >>> from neighborparty import examples
        >>> sweep(examples.seed_city(), "branch.min_full_members", [1, 2, 3, 4])
        {1: 0, 2: 1, 3: 1, 4: 3}
    """
    grid = list(values)
    for v in grid:
        policy.parameter(parameter).check_value(v)
    return _failing_counts(tipping_points(city, parameter, policy=policy, on=on), grid)


def _failing_counts(points: Iterable[TippingPoint], values: Iterable[float]) -> dict[float, int]:
    """The number of subjects failing at each value, from their tipping points: a subject with
    several (it fails several rules that read the parameter) counts once.

    The subjects with one tipping point are counted by bisecting the sorted points of each
    kind, so a grid of many values costs little more than one.

    Examples:
        >>> points = [TippingPoint(code="NP103", subject=s, threshold=Threshold(">", at))
        ...           for s, at in [("br-1", 3), ("br-2", 4), ("br-2", 6)]]
        >>> _failing_counts(points, [3, 4, 5])
        {3: 0, 4: 1, 5: 2}
    """
    by_subject: dict[str, list[Threshold]] = {}
    for p in points:
        by_subject.setdefault(p.subject, []).append(p.threshold)
    rays: dict[str, list[float]] = {">=": [], ">": [], "<=": [], "<": []}
    always = 0
    several: list[list[Threshold]] = []
    for thresholds in by_subject.values():
        kept = [t for t in thresholds if t.op != "never"]
        if any(t.op == "always" for t in kept):
            always += 1
        elif len(kept) == 1:
            rays[kept[0].op].append(kept[0].at)
        elif kept:
            several.append(kept)
    ge, gt, le, lt = (sorted(rays[op]) for op in (">=", ">", "<=", "<"))
    return {
        v: always
        + bisect.bisect_right(ge, v)  # v >= at
        + bisect.bisect_left(gt, v)  # v > at
        + len(le)
        - bisect.bisect_left(le, v)  # v <= at
        + len(lt)
        - bisect.bisect_right(lt, v)  # v < at
        + sum(1 for ts in several if any(t.fails(v) for t in ts))
        for v in values
    }
