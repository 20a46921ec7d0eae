"""What if the rules changed: per-subject comparisons, tipping points and sweeps."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from neighborparty.errors import InvalidArgumentError
from neighborparty.model import City
from neighborparty.rules.check import check
from neighborparty.rules.findings import Finding, Verdict
from neighborparty.rules.policy import DEFAULT_POLICY, Policy
from neighborparty.rules.report import REPORT_FORMAT_VERSION
from neighborparty.rules.rule import Rule, Threshold

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "Change",
    "Comparison",
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
        return Comparison(changed_parameters=changed, rules=(), changes=())
    before = check(city, baseline, on=on, select=codes)
    after = check(city, reform, on=on, select=codes)
    old = {(f.code, f.subject): f for f in before.findings}
    new = {(f.code, f.subject): f for f in after.findings}
    changes = [
        Change(code=key[0], subject=key[1], before=old.get(key), after=new.get(key))
        for key in sorted(old.keys() | new.keys())
        if (old[key].verdict if key in old else None) != (new[key].verdict if key in new else None)
    ]
    return Comparison(changed_parameters=changed, rules=tuple(codes), changes=tuple(changes))


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
    values at which its subject fails, every other parameter staying as it is. Undetermined
    findings have no tipping point.

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
        if verdict is Verdict.UNDETERMINED:
            continue
        shown = r.evidence(evidence)
        judged_on = shown.get("judged_on") if r.dated else None
        now = policy.values(date.fromisoformat(judged_on)) if judged_on else values
        points.append(
            TippingPoint(code=r.code, subject=subject, threshold=tips[r](shown, now, report.day))
        )
    return tuple(points)


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
