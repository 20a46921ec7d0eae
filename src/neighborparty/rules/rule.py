"""What a rule is: its code, titles, citation, severity, subject, parameters and evaluation,
made with :func:`rule`; and the thresholds a finding's evidence gives for its parameters."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import Any

import attrs

from neighborparty.model import Severity
from neighborparty.rules.context import Context
from neighborparty.rules.findings import Finding, Verdict

__all__ = ["Evaluator", "Evidence", "Outcome", "Rule", "Threshold", "Tipping", "rule"]

Evidence = dict[str, Any] | tuple[Any, ...]
"""The evidence of one outcome: a dict, or the tuple of its values in the order of the rule's
``facts`` (a dict is then made only for the findings asked for)."""

Outcome = tuple[str, Verdict, Evidence]
"""What a rule's evaluation yields per subject: its id, the verdict and the evidence."""

_SUBJECT_ZH = {
    "compound": "小区",
    "branch": "党支部",
    "joint branch": "联合党支部",
    "building": "楼栋",
    "person": "党员",
    "owners' committee": "业委会",
    "vote": "业主表决",
    "unit": "单位",
    "whistle": "小区吹哨",
    "place": "区域",
}


Evaluator = Callable[[Context], Iterable[Outcome]]


@attrs.frozen
class Threshold:
    """The values of a parameter at which a subject fails: ``value OP at``.

    ``op`` is one of ``">="``, ``">"``, ``"<="``, ``"<"``, ``"never"`` and ``"always"``.

    Examples:
        >>> Threshold(">", 3).fails(4), Threshold(">", 3).fails(3)
        (True, False)
        >>> Threshold("never").fails(10)
        False
    """

    op: str
    at: float = 0

    def fails(self, value: float) -> bool:
        """Whether the subject fails when the parameter takes this value.

        Examples:
            >>> from neighborparty.rules import rule_by_code
            >>> Threshold("<=", 60).fails(60), Threshold("<=", 60).fails(61)
            (True, False)
        """
        op, at = self.op, self.at
        if op == ">=":
            return value >= at
        if op == ">":
            return value > at
        if op == "<=":
            return value <= at
        if op == "<":
            return value < at
        return op == "always"


Tipping = Callable[[Mapping[str, Any], Mapping[str, float], date], Threshold]
"""From a finding's evidence, the parameter values in force and the day: where it fails."""


@attrs.frozen(kw_only=True, eq=False)
class Rule:
    """A policy rule: a stable code, titles, citation, severity, subject, and its check.

    Rules are made with :func:`rule`; the built-in ones are the NP catalogue
    (:data:`neighborparty.rules.NP_CATALOGUE`).

    Examples:
        >>> from neighborparty.rules import rule_by_code
        >>> r = rule_by_code("NP102")
        >>> r.code, r.subject, r.severity.value
        ('NP102', 'compound', 'error')
        >>> r.parameters
        ('formation.standalone_min_full_members', 'formation.standalone_min_households')
    """

    code: str
    title_en: str
    title_zh: str
    citation: str
    severity: Severity
    subject: str
    parameters: tuple[str, ...]
    statement_en: str
    statement_zh: str
    templates: Mapping[tuple[str, Verdict], str]
    evaluate: Evaluator = attrs.field(repr=False)
    facts: tuple[str, ...] = attrs.field(default=(), repr=False)
    """The names of the values an outcome's evidence gives as a tuple, in order."""
    order: str = attrs.field(default="document", repr=False)
    """The order of the subjects judged: ``"document"`` (the order of the city's collections
    and of their entities) or ``"id"``."""
    tipping: Mapping[str, Tipping] = attrs.field(factory=dict, repr=False)
    """For the parameters the rule reads as thresholds: how a finding's evidence tells the
    parameter values at which the subject fails (see :mod:`neighborparty.rules.whatif`)."""

    def __reduce__(self) -> tuple[Callable[[str, str], Rule], tuple[str, str]]:
        # A rule pickles as where it is defined: the module and the name its evaluation has
        # there (the decorated function's name is the rule's).
        evaluate = self.evaluate
        return (_rule_at, (evaluate.__module__, evaluate.__name__))

    def findings(self, context: Context) -> Iterator[Finding]:
        """One finding per subject the rule judges in the context's city.

        Examples:
            >>> from neighborparty.rules import rule_by_code
            >>> from neighborparty import examples
            >>> ctx = Context(examples.seed_city(), date(2020, 10, 26), {})
            >>> [f.subject for f in rule_by_code("NP101").findings(ctx)]
            ['c-jinan', 'c-east', 'c-west', 'c-old']
        """
        for subject, verdict, evidence in self.evaluate(context):
            yield self.finding(subject, verdict, evidence)

    def finding(self, subject: str, verdict: Verdict, evidence: Evidence) -> Finding:
        """The finding of one outcome of the rule: its subject, verdict and evidence.

        Examples:
            >>> from neighborparty.rules import rule_by_code
            >>> rule_by_code("NP401").finding("p-1", Verdict.PASS, ("c-1", "br-1")).evidence
            {'compound': 'c-1', 'branch': 'br-1'}
        """
        return Finding(
            rule=self,
            code=self.code,
            subject=subject,
            verdict=verdict,
            severity=self.severity,
            evidence=self.evidence(evidence),
            citation=self.citation,
        )

    def evidence(self, evidence: Evidence) -> dict[str, Any]:
        """An outcome's evidence as a dict: a tuple is named by the rule's ``facts``.

        Examples:
            >>> from neighborparty.rules import rule_by_code
            >>> r = rule_by_code("NP401")
            >>> r.facts
            ('compound', 'branch')
            >>> r.evidence(("c-1", "br-1")), r.evidence({"missing": ["x"]})
            ({'compound': 'c-1', 'branch': 'br-1'}, {'missing': ['x']})
        """
        if isinstance(evidence, tuple):
            return dict(zip(self.facts, evidence, strict=True))
        return evidence

    def message(self, finding: Finding, lang: str = "en") -> str:
        """The finding in one sentence, in English (``"en"``) or Chinese (``"zh"``).

        Examples:
            >>> from neighborparty.rules import rule_by_code
            >>> from neighborparty import examples
            >>> ctx = Context(examples.seed_city(), date(2020, 10, 26), {})
            >>> r = rule_by_code("NP101")
            >>> r.message(next(r.findings(ctx)), "zh")
            "小区 c-jinan 由 ['br-jinan'] 覆盖"
        """
        if finding.verdict is Verdict.UNDETERMINED:
            missing = ", ".join(finding.evidence.get("missing", ()))
            if lang == "zh":
                return f"{_SUBJECT_ZH.get(self.subject, self.subject)} {finding.subject}：无法判断，缺少 {missing}"
            return f"{self.subject} {finding.subject}: cannot tell, not recorded: {missing}"
        template = self.templates[(lang, finding.verdict)]
        return template.format(subject=finding.subject, **finding.evidence)

    def explain(self, finding: Finding, lang: str = "en") -> str:
        """A paragraph: the rule in words, its source, what it saw and the verdict.

        Examples:
            >>> from neighborparty.rules import rule_by_code
            >>> from neighborparty import examples
            >>> ctx = Context(examples.seed_city(), date(2020, 10, 26), {})
            >>> r = rule_by_code("NP101")
            >>> print(r.explain(next(r.findings(ctx)), "zh"))
            NP101 一小区一支部（seed [建强-2]）— 通过。
            每个小区都有党支部覆盖：单独或联合组建的小区党支部，或院落、网格党支部。
            小区 c-jinan 由 ['br-jinan'] 覆盖。
            依据：branches = ['br-jinan']
        """
        if lang == "zh":
            head = (
                f"{self.code} {self.title_zh}（{self.citation}）— {_VERDICT_ZH[finding.verdict]}。"
            )
            statement = self.statement_zh
            saw = "依据：" + _facts(finding.evidence)
        else:
            head = f"{self.code} {self.title_en} ({self.citation}) — {finding.verdict.value}."
            statement = self.statement_en
            saw = "Seen: " + _facts(finding.evidence)
        stop = "。" if lang == "zh" else "."
        return "\n".join([head, statement, self.message(finding, lang) + stop, saw])


_VERDICT_ZH = {Verdict.PASS: "通过", Verdict.FAIL: "不符合", Verdict.UNDETERMINED: "无法判断"}


def _facts(evidence: Mapping[str, Any]) -> str:
    return "; ".join(f"{k} = {v}" for k, v in evidence.items()) or "nothing"


def rule(
    *,
    code: str,
    title_en: str,
    title_zh: str,
    citation: str,
    severity: Severity,
    subject: str,
    parameters: tuple[str, ...] = (),
    statement_zh: str,
    pass_en: str,
    fail_en: str,
    pass_zh: str,
    fail_zh: str,
    tipping: Mapping[str, Tipping] | None = None,
    facts: tuple[str, ...] = (),
    order: str = "document",
) -> Callable[[Evaluator], Rule]:
    """Make a rule of an evaluation function (a decorator).

    The rule is a value: it joins a catalogue when a :class:`~neighborparty.rules.Catalogue`
    or a :class:`~neighborparty.rules.Policy` is made with it, not as a side effect of being
    defined.

    The function's docstring is the rule in words (its English statement). Messages are format
    strings over ``subject`` and the evidence's keys. A rule with ``facts`` may yield its
    evidence as the tuple of those facts' values, in order, instead of a dict: rules judging many
    subjects do, so that a check makes dicts only for the findings read.

    Examples:
        >>> from neighborparty.rules import rule_by_code
        >>> rule_by_code("NP101").statement_en.split(".")[0]
        'Every compound is covered by a branch: a compound branch of its own or a joint one, or a courtyard or grid branch'
    """

    def register(evaluate: Evaluator) -> Rule:
        return Rule(
            code=code,
            title_en=title_en,
            title_zh=title_zh,
            citation=citation,
            severity=severity,
            subject=subject,
            parameters=parameters,
            statement_en=" ".join((inspect.getdoc(evaluate) or "").split()),
            statement_zh=statement_zh,
            templates={
                ("en", Verdict.PASS): pass_en,
                ("en", Verdict.FAIL): fail_en,
                ("zh", Verdict.PASS): pass_zh,
                ("zh", Verdict.FAIL): fail_zh,
            },
            evaluate=evaluate,
            tipping=dict(tipping or {}),
            facts=facts,
            order=order,
        )

    return register


def _rule_at(module: str, name: str) -> Rule:
    """The rule a module defines under a name: how a rule is found again after pickling."""
    found = getattr(importlib.import_module(module), name)
    if not isinstance(found, Rule):
        raise TypeError(f"{module}.{name} is not a rule")
    return found
