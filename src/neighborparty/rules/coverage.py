"""Rule coverage: which verdicts and which conditions a suite of checks has exercised.

Like coverage.py for lines, :func:`coverage` records, while it is active, every check's
outcomes: per rule, the verdicts it gave, and for a rule stated as a condition, whether each
comparison of the condition was met and was not met. A test suite that never makes NP103 fail,
or never sees a vote short of the participation quorum, shows it here. The pytest plugin
:mod:`neighborparty.testing` prints the table at the end of a run (``--np-coverage``).

Examples:
    >>> from neighborparty import check, examples
    >>> with coverage() as seen:
    ...     _ = check(examples.seed_city(), select=["NP103"])
    >>> seen["NP103"].verdicts
    {'pass': 2, 'fail': 1, 'undetermined': 0}
    >>> print(seen.table(select=["NP103"]))
    rule   verdicts          conditions                              covered
    NP103  pass 2 · fail 1   full_members ≥ branch.min_full_members  2/2 · 2/2
    total                                                            4/4 100.0%
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from neighborparty.errors import InvalidArgumentError
from neighborparty.rules.findings import Verdict

if TYPE_CHECKING:
    from neighborparty.rules.policy import Policy
    from neighborparty.rules.rule import Outcome, Rule

__all__ = ["Coverage", "RuleCoverage", "coverage", "record"]

_GOALS = (Verdict.PASS, Verdict.FAIL)
"""The verdicts a suite should see of every rule (undetermined only where data is missing)."""


@attrs.define
class RuleCoverage:
    """What the checks recorded of one rule: its verdicts, and per comparison of its
    condition how often it was met, not met, or unknown.

    Examples:
        >>> r = RuleCoverage("NP103")
        >>> r.verdicts
        {'pass': 0, 'fail': 0, 'undetermined': 0}
    """

    code: str
    verdicts: dict[str, int] = attrs.field(factory=lambda: {v.value: 0 for v in Verdict})
    conditions: dict[str, dict[str, int]] = attrs.field(factory=dict)
    """Per comparison (in words): how often it was ``met``, ``not met`` and ``unknown``."""

    @property
    def seen(self) -> tuple[int, int]:
        """The goals reached and the goals there are: pass and fail, and each comparison met
        and not met.

        Examples:
            >>> RuleCoverage("NP103").seen
            (0, 2)
        """
        reached = sum(1 for v in _GOALS if self.verdicts[v.value])
        total = len(_GOALS)
        for counts in self.conditions.values():
            reached += (counts["met"] > 0) + (counts["not met"] > 0)
            total += 2
        return reached, total


def _held_word(held: bool | None) -> str:
    return "met" if held else ("not met" if held is False else "unknown")


class Coverage:
    """The rule coverage recorded while :func:`coverage` was active, by rule code.

    Examples:
        >>> Coverage().percent()
        100.0
    """

    def __init__(self) -> None:
        self.rules: dict[str, RuleCoverage] = {}

    def __getitem__(self, code: str) -> RuleCoverage:
        return self.rules[code]

    def __contains__(self, code: object) -> bool:
        return code in self.rules

    def _of(self, rule: Rule) -> RuleCoverage:
        found = self.rules.get(rule.code)
        if found is None:
            found = self.rules[rule.code] = RuleCoverage(rule.code)
            for version in rule.versions:
                if version.condition is not None:
                    for leaf in version.condition.leaves():
                        found.conditions.setdefault(
                            leaf.describe(), {"met": 0, "not met": 0, "unknown": 0}
                        )
        return found

    def add(
        self,
        rule: Rule,
        outcomes: Iterable[Outcome],
        values: Mapping[str, float],
        day: date,
        values_on: Any = None,
    ) -> None:
        """Record a rule's outcomes of one check: the values in force, the day measured to,
        and how to get the values of another day (for subjects judged on days of their own).

        Examples:
            >>> from neighborparty.rules import rule_by_code, Verdict
            >>> c = Coverage()
            >>> c.add(rule_by_code("NP103"), [("br-1", Verdict.FAIL, {"full_members": 1})],
            ...       {"branch.min_full_members": 3}, date(2020, 1, 1))
            >>> c["NP103"].conditions
            {'full_members ≥ branch.min_full_members': {'met': 0, 'not met': 1, 'unknown': 0}}
        """
        found = self._of(rule)
        conditional = any(v.condition is not None for v in rule.versions)
        for _, verdict, evidence in outcomes:
            found.verdicts[verdict.value] += 1
            if not conditional or verdict is Verdict.UNDETERMINED:
                continue
            shown = rule.evidence(evidence)
            condition = rule.version_for(shown).condition
            if condition is None:
                continue
            judged_on = shown.get("judged_on")
            now = values
            if isinstance(judged_on, str) and values_on is not None:
                now = values_on(date.fromisoformat(judged_on))
            for leaf in condition.leaves():
                try:
                    held = leaf.holds(shown, now, day)
                except (InvalidArgumentError, TypeError, ValueError):  # facts it cannot compare
                    continue
                found.conditions[leaf.describe()][_held_word(held)] += 1

    def percent(self, select: Sequence[str] | None = None) -> float:
        """The share of goals reached, in percent (100 when nothing was recorded).

        Examples:
            >>> Coverage().percent(["NP1"])
            100.0
        """
        reached = total = 0
        for code, found in self.rules.items():
            if select is None or any(code.startswith(p) for p in select):
                r, t = found.seen
                reached, total = reached + r, total + t
        return 100.0 if not total else 100.0 * reached / total

    def table(self, select: Sequence[str] | None = None) -> str:
        """The coverage as a text table: per rule, its verdicts, its comparisons, and the
        goals reached; the total last.

        Examples:
            >>> print(Coverage().table())
            rule   verdicts  conditions  covered
            total                        0/0 100.0%
        """
        rows = []
        reached = total = 0
        for code in sorted(self.rules):
            if select is not None and not any(code.startswith(p) for p in select):
                continue
            found = self.rules[code]
            verdicts = " · ".join(f"{k} {n}" for k, n in found.verdicts.items() if n) or "none"
            r, t = found.seen
            reached, total = reached + r, total + t
            goals = sum(1 for v in _GOALS if found.verdicts[v.value])
            names = list(found.conditions) or [""]
            for i, name in enumerate(names):
                counts = found.conditions.get(name)
                covered = ""
                if i == 0:
                    covered = f"{goals}/{len(_GOALS)}"
                if counts is not None:
                    part = f"{(counts['met'] > 0) + (counts['not met'] > 0)}/2"
                    covered = f"{covered} · {part}" if covered else f"        {part}"
                rows.append((code if i == 0 else "", verdicts if i == 0 else "", name, covered))
        share = 100.0 if not total else 100.0 * reached / total
        rows.append(("total", "", "", f"{reached}/{total} {share:.1f}%"))
        head = ("rule", "verdicts", "conditions", "covered")
        widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(3)]
        lines = []
        for row in [head, *rows]:
            cells = [str(row[i]).ljust(widths[i]) for i in range(3)]
            lines.append("  ".join([*cells, row[3]]).rstrip())
        return "\n".join(lines)

    def missing(self) -> list[str]:
        """The goals not reached, in words.

        Examples:
            >>> from neighborparty.rules import rule_by_code, Verdict
            >>> c = Coverage()
            >>> c.add(rule_by_code("NP103"), [("br-1", Verdict.FAIL, {"full_members": 1})],
            ...       {"branch.min_full_members": 3}, date(2020, 1, 1))
            >>> c.missing()
            ['NP103 never passed', 'NP103: full_members ≥ branch.min_full_members never met']
        """
        found = []
        for code in sorted(self.rules):
            r = self.rules[code]
            for v in _GOALS:
                if not r.verdicts[v.value]:
                    found.append(f"{code} never {'passed' if v is Verdict.PASS else 'failed'}")
            for name, counts in r.conditions.items():
                for word in ("met", "not met"):
                    if not counts[word]:
                        found.append(f"{code}: {name} never {word}")
        return found


_ACTIVE: list[Coverage] = []


@contextlib.contextmanager
def coverage() -> Iterator[Coverage]:
    """Record the rule coverage of every check made inside the block (nested blocks each
    record everything made inside them).

    Examples:
        >>> from neighborparty import check, examples
        >>> with coverage() as seen:
        ...     _ = check(examples.seed_city(), select=["NP10"])
        >>> sorted(seen.rules)[:2], round(seen.percent(), 1) <= 100
        (['NP101', 'NP102'], True)
    """
    found = Coverage()
    _ACTIVE.append(found)
    try:
        yield found
    finally:
        _ACTIVE.remove(found)


def record(
    results: Iterable[tuple[Rule, Sequence[Outcome]]], policy: Policy, on: date | None, day: date
) -> None:
    """Record a check's outcomes in every active coverage (nothing when none is active).

    Examples:
        >>> from neighborparty import check, examples
        >>> report = check(examples.seed_city(), select=["NP101"])
        >>> with coverage() as seen:
        ...     record(report.results, report.policy, report.on, report.day)
        >>> seen["NP101"].verdicts["pass"]
        4
    """
    if not _ACTIVE:
        return
    values = policy.values(on)
    for rule, outcomes in results:
        for found in _ACTIVE:
            found.add(rule, outcomes, values, day, policy.values)
