"""A fix of a failing finding, the answer of :func:`fixes`, and its verification by re-check."""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from neighborparty.errors import InvalidArgumentError, NeighborPartyError
from neighborparty.model import City, Severity
from neighborparty.rules.findings import Finding, Verdict
from neighborparty.rules.fixes._edits import Costs, Edits, Step

if TYPE_CHECKING:
    from neighborparty.rules.report import Report

__all__ = ["Fix", "Fixes", "fixes"]


@attrs.frozen(kw_only=True)
class Fix:
    """Concrete edits that make a failing finding pass without making another error-level
    finding fail, checked by re-checking the edited city (最小整改).

    Args:
        code: The code of the rule the finding is of.
        subject: The finding's subject.
        steps: What the fix does, step by step, in words.
        edits: The edits, as data (see :class:`Edits`).
        cost: The sum of the steps' costs under the cost model the fix was found with.

    Examples:
        >>> from neighborparty import check, examples
        >>> report = check(examples.seed_city())
        >>> fix = report.fixes(report.findings_for("b-east-1")[0])[0]
        >>> print(fix.explain())
        NP301 b-east-1 (cost 1): appoint p-liu building head of b-east-1
        >>> fix.cost, sorted(fix.edits.updates)
        (1.0, ['appointments'])
        >>> check(fix.apply(report.city), select=["NP301"]).findings_for("b-east-1")[0].verdict.value
        'pass'
    """

    code: str
    subject: str
    steps: tuple[Step, ...]
    edits: Edits
    cost: float

    def apply(self, city: City) -> City:
        """The city with the fix's edits made.

        Raises:
            IntegrityError: The edits do not fit this city (a city other than the one the fix
                was found for).

        Examples:
            >>> from neighborparty import check, examples
            >>> report = check(examples.seed_city())
            >>> fix = report.fixes(report.findings_for("p-huang")[0])[0]
            >>> fix.apply(report.city).get("p-huang").party.managed_in
            'br-jinan'
        """
        return self.edits.apply(city)

    def explain(self, lang: str = "en") -> str:
        """The fix in words (``"en"`` or ``"zh"``): one line per step after the first.

        Examples:
            >>> from neighborparty import check, examples
            >>> report = check(examples.seed_city())
            >>> print(report.fixes(report.findings_for("b-east-1")[0])[0].explain("zh"))
            NP301 b-east-1（成本 1）：任命 p-liu 为 b-east-1 楼栋长
        """
        words = [s.text(lang) for s in self.steps]
        if lang == "zh":
            head = f"{self.code} {self.subject}（成本 {self.cost:g}）："
            sep = "；\n  "
        else:
            head = f"{self.code} {self.subject} (cost {self.cost:g}): "
            sep = ";\n  "
        return head + sep.join(words)

    def to_dict(self) -> dict[str, Any]:
        """The fix as plain data for JSON.

        Examples:
            >>> from neighborparty import check, examples
            >>> report = check(examples.seed_city())
            >>> report.fixes(report.findings_for("b-east-1")[0])[0].to_dict()["steps"][0]["kind"]
            'appoint'
        """
        return {
            "code": self.code,
            "subject": self.subject,
            "cost": self.cost,
            "steps": [{"kind": s.kind, "en": s.en, "zh": s.zh} for s in self.steps],
            "edits": self.edits.to_dict(),
        }


class Fixes(tuple[Fix, ...]):
    """The fixes of one failing finding, cheapest first: a tuple of :class:`Fix`, with the
    reason when there is none (a vote that did not carry cannot be made to; no member of the
    branch can be its secretary ...).

    Examples:
        >>> from neighborparty import check, examples
        >>> report = check(examples.seed_city())
        >>> found = report.fixes(report.findings_for("p-wang")[-1])
        >>> len(found), found.reason
        (0, 'no fix: organisational life missed in the past cannot be recorded now; the member can take part from today')
    """

    code: str
    subject: str
    reason: str | None
    reason_zh: str | None

    def __new__(
        cls,
        found: Iterable[Fix] = (),
        *,
        code: str,
        subject: str,
        reason: str | None = None,
        reason_zh: str | None = None,
    ) -> Fixes:
        made = super().__new__(cls, found)
        made.code, made.subject = code, subject
        made.reason, made.reason_zh = (
            (None, None) if made else (reason or "no fix found", reason_zh or "未找到整改办法")
        )
        return made

    def __repr__(self) -> str:
        if self:
            return f"Fixes({self.code} {self.subject}: {len(self)} fixes)"
        return f"Fixes({self.code} {self.subject}: {self.reason})"

    def explain(self, lang: str = "en") -> str:
        """Every fix in words, or the reason there is none.

        Examples:
            >>> from neighborparty import check, examples
            >>> report = check(examples.seed_city())
            >>> print(report.fixes(report.findings_for("p-wang")[-1]).explain("zh"))
            NP405 p-wang：无整改办法：过去缺失的组织生活无法补记；党员可自今日起参加
        """
        if self:
            return "\n".join(f.explain(lang) for f in self)
        if lang == "zh":
            return f"{self.code} {self.subject}：{self.reason_zh}"
        return f"{self.code} {self.subject}: {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        """The fixes as plain data for JSON.

        Examples:
            >>> from neighborparty import check, examples
            >>> report = check(examples.seed_city())
            >>> report.fixes(report.findings_for("p-wang")[-1]).to_dict()["fixes"]
            []
        """
        return {
            "code": self.code,
            "subject": self.subject,
            "fixes": [f.to_dict() for f in self],
            "reason": self.reason,
            "reason_zh": self.reason_zh,
        }


_VERIFIERS: weakref.WeakKeyDictionary[
    Report, dict[str, tuple[Report, frozenset[tuple[str, str]]]]
] = weakref.WeakKeyDictionary()


def _verifier(report: Report, code: str) -> tuple[Report, frozenset[tuple[str, str]]]:
    """The report of the rules a fix of a finding of ``code`` is verified by — the
    error-level ones and the finding's own, their outcomes taken from ``report`` (a re-check
    of it judges only them) — and the (code, subject) of its failing error-level outcomes."""
    made = _VERIFIERS.setdefault(report, {})
    found = made.get(code)
    if found is None:
        results = tuple(
            (r, outcomes)
            for r, outcomes in report.results
            if r.severity is Severity.ERROR or r.code == code
        )
        failing = frozenset(
            (r.code, subject)
            for r, outcomes in results
            if r.severity is Severity.ERROR
            for subject, verdict, _ in outcomes
            if verdict is Verdict.FAIL
        )
        narrow = attrs.evolve(report, results=results, select=None, ignore=None)
        found = made[code] = (narrow, failing)
    return found


def verified(report: Report, finding: Finding, edits: Edits) -> bool:
    """Whether the edits, made in the report's city and re-checked, make the finding pass and
    no other error-level finding newly fail."""
    try:
        city = edits.apply(report.city)
    except NeighborPartyError:
        return False
    narrow, before = _verifier(report, finding.code)
    again = narrow.recheck(city)
    passes = False
    for r, outcomes in again.results:
        check_new = r.severity is Severity.ERROR
        mine = r.code == finding.code
        for subject, verdict, _ in outcomes:
            if mine and subject == finding.subject:
                passes = verdict is Verdict.PASS
                if not check_new:
                    break
            if check_new and verdict is Verdict.FAIL and (r.code, subject) not in before:
                return False
    return passes


def fixes(report: Report, finding: Finding, *, costs: Costs | None = None, limit: int = 3) -> Fixes:
    """The cheapest fixes of a failing finding of a report, at most ``limit``, each verified
    (see :meth:`Report.fixes <neighborparty.rules.Report.fixes>`).

    Raises:
        InvalidArgumentError: The finding is not a failing finding of the report, or
            ``limit`` is not a positive whole number.
    """
    from neighborparty.rules.fixes._remedies import drafts

    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise InvalidArgumentError(f"limit must be a positive whole number, not {limit!r}")
    costs = Costs() if costs is None else costs
    if not isinstance(costs, Costs):
        raise InvalidArgumentError(f"costs must be a Costs, not {type(costs).__name__}")
    if not isinstance(finding, Finding):
        raise InvalidArgumentError(f"fixes takes a Finding, not {type(finding).__name__}")
    if finding not in report.findings_for(finding.subject):
        raise InvalidArgumentError(
            f"the finding {finding.code} {finding.subject} is not one of this report's"
        )
    if not finding.failed:
        raise InvalidArgumentError(
            f"the finding {finding.code} {finding.subject} does not fail ({finding.verdict.value})"
        )
    found, reason = drafts(report, finding)
    if not found:
        en, zh = reason or (
            f"no fix: the library knows no edit a branch can make for {finding.code}",
            f"无整改办法：本库没有针对 {finding.code} 的改动",
        )
        return Fixes(code=finding.code, subject=finding.subject, reason=en, reason_zh=zh)
    ranked = sorted(
        (costs.of(s.kind for s in steps), i, steps, edits) for i, (steps, edits) in enumerate(found)
    )
    kept: list[Fix] = []
    seen: set[tuple[Step, ...]] = set()
    for cost, _, steps, edits in ranked:
        if steps in seen:
            continue
        seen.add(steps)
        if verified(report, finding, edits):
            kept.append(
                Fix(code=finding.code, subject=finding.subject, steps=steps, edits=edits, cost=cost)
            )
            if len(kept) == limit:
                break
    return Fixes(
        kept,
        code=finding.code,
        subject=finding.subject,
        reason="no fix found: none of the edits tried passes without failing another error-level "
        "rule",
        reason_zh="未找到整改办法：所试改动均无法在不违反其他错误级规则的前提下通过",
    )
