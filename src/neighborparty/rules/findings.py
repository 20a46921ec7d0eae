"""Verdicts and findings: what a rule says of one subject, with the facts it used."""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from neighborparty.errors import NoRuleError
from neighborparty.model import City, Severity
from neighborparty.model._html import fields

if TYPE_CHECKING:
    from neighborparty.rules.rule import Rule

__all__ = ["Finding", "Verdict"]


class Verdict(enum.StrEnum):
    """What a rule says of a subject: it passes, it fails, or a fact the rule needs is missing.

    Examples:
        >>> [v.value for v in Verdict]
        ['pass', 'fail', 'undetermined']
    """

    PASS = "pass"
    FAIL = "fail"
    UNDETERMINED = "undetermined"
    """A fact the rule needs is not recorded; the finding's evidence names it under ``missing``."""


@attrs.frozen(kw_only=True)
class Finding:
    """One rule's verdict on one subject, with the evidence it rests on.

    The evidence is plain data (strings, numbers, booleans, lists, ISO dates): the facts of the
    city and the parameter values the rule used, so that any finding can be explained without
    running anything again. People appear in it by id only.

    Args:
        code: The rule's code, e.g. ``"NP102"``.
        subject: The id of the entity judged (a compound, a branch, a person ...).
        verdict: Pass, fail or undetermined.
        severity: The rule's severity.
        evidence: The facts and parameters used; ``missing`` lists absent facts.
        citation: The rule's source.
        rule: The rule that made the finding, which words its message and explanation (a
            check sets it; it takes no part in equality).

    Examples:
        >>> from neighborparty.rules import rule_by_code
        >>> f = Finding(
        ...     code="NP101", subject="c-1", verdict=Verdict.FAIL, severity=Severity.ERROR,
        ...     evidence={"branches": []}, citation="seed [建强-2]", rule=rule_by_code("NP101"),
        ... )
        >>> f.message
        'compound c-1 is covered by no branch'
        >>> f.message_zh
        '小区 c-1 没有党支部覆盖'
    """

    code: str
    subject: str
    verdict: Verdict
    severity: Severity
    evidence: Mapping[str, Any] = attrs.field(factory=dict, hash=False)
    citation: str
    rule: Rule | None = attrs.field(default=None, eq=False, hash=False, repr=False)

    def _rule(self) -> Rule:
        if self.rule is None:
            raise NoRuleError(self.code)
        return self.rule

    @property
    def failed(self) -> bool:
        """Whether the verdict is a fail."""
        return self.verdict is Verdict.FAIL

    @property
    def message(self) -> str:
        """The finding in one English sentence."""
        return self._rule().message(self, "en")

    @property
    def message_zh(self) -> str:
        """The finding in one Chinese sentence."""
        return self._rule().message(self, "zh")

    def explain(self, lang: str = "en", *, names: City | None = None) -> str:
        """A readable paragraph: what the rule says, its source, what it saw, the verdict.

        People appear by id. Pass the city as ``names`` to show each person of it as
        ``name (id)``: party membership is sensitive, so names appear only when asked for.

        Args:
            lang: ``"en"`` or ``"zh"``.
            names: The city whose people's names to show, or ``None`` for ids only.

        Examples:
            >>> from neighborparty import check, examples
            >>> city = examples.seed_city()
            >>> report = check(city, select=["NP201"])
            >>> print(report.findings_for("br-jinan")[0].explain())  # doctest: +ELLIPSIS
            NP201 A secretary in office (支部工作条例) — pass.
            Every branch has a secretary in office.
            branch br-jinan has secretary ['p-lin'].
            ...
            >>> print(report.findings_for("br-jinan")[0].explain(names=city))  # doctest: +ELLIPSIS
            NP201 ...
            branch br-jinan has secretary ['林书记 (p-lin)'].
            ...
        """
        text = self._rule().explain(self, lang)
        if names is None:
            return text
        people = {p.id: p.name for p in names.people}

        def named(match: re.Match[str]) -> str:
            token = match.group(0)
            return f"{people[token]} ({token})" if token in people else token

        return re.sub(r"[^\s'\[\],;:()（）=]+", named, text)

    def _repr_html_(self) -> str:
        """A small HTML table for notebooks: code and title, verdict, subject, message, citation.

        Examples:
            >>> from neighborparty import check, examples
            >>> finding = check(examples.seed_city(), select=["NP101"]).findings[0]
            >>> "One compound, one branch" in finding._repr_html_()
            True
        """
        rows = (
            ("rule", f"{self.code} {self._rule().title_en}"),
            ("verdict", self.verdict.value),
            ("severity", self.severity.value),
            ("subject", self.subject),
            ("message", self.message),
            ("citation", self.citation),
        )
        return f"<div>{fields(rows)}</div>"

    def to_dict(self) -> dict[str, Any]:
        """The finding as plain data for JSON: enums as their values.

        Examples:
            >>> from neighborparty import Severity
            >>> from neighborparty.rules import rule_by_code
            >>> Finding(code="NP101", subject="c-1", verdict=Verdict.PASS, severity=Severity.ERROR,
            ...         evidence={"branches": ["br-1"]}, citation="seed [建强-2]",
            ...         rule=rule_by_code("NP101")).to_dict()["verdict"]
            'pass'
        """
        return {
            "code": self.code,
            "subject": self.subject,
            "verdict": self.verdict.value,
            "severity": self.severity.value,
            "message": self.message,
            "message_zh": self.message_zh,
            "evidence": dict(self.evidence),
            "citation": self.citation,
        }
