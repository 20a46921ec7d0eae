"""What a rule is: its code, titles, citation, severity, subject, parameters and evaluation,
made with :func:`rule`; and the thresholds a finding's evidence gives for its parameters."""

from __future__ import annotations

import functools
import importlib
import inspect
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import Any, cast

import attrs

from neighborparty.errors import InvalidArgumentError, RuleDefinitionError, did_you_mean
from neighborparty.model import COLLECTIONS, Severity
from neighborparty.model._references import place_of
from neighborparty.rules.conditions import Condition
from neighborparty.rules.context import Context
from neighborparty.rules.findings import Finding, Verdict
from neighborparty.rules.outcomes import Evidence, Outcome
from neighborparty.rules.reads import SUBJECT_KINDS, Reads, day_fields, parse_reads
from neighborparty.rules.threshold import Threshold

__all__ = [
    "Evaluator",
    "Evidence",
    "Function",
    "Judged",
    "Outcome",
    "Rule",
    "Threshold",
    "Tipping",
    "Version",
    "rule",
]

_PASS, _FAIL, _UNDETERMINED = Verdict.PASS, Verdict.FAIL, Verdict.UNDETERMINED

Judged = tuple[str, Evidence]
"""What a rule stated as a condition yields per subject: its id and the evidence (the facts)."""

Function = Callable[[Context], Iterable[Outcome | Judged]]
"""What a rule's author writes: per subject, an outcome, or the facts its condition judges."""

Evaluator = Callable[[Context], Iterable[Outcome]]


Tipping = Callable[[Mapping[str, Any], Mapping[str, float], date], Threshold]
"""From a finding's evidence, the parameter values in force and the day: where it fails."""


@attrs.frozen(kw_only=True, eq=False)
class Version:
    """One version of a rule: the law as it stood from a day on (规则版本), with its citation,
    statement, condition and evaluation.

    Examples:
        >>> from neighborparty.rules import rule_by_code
        >>> v = rule_by_code("NP103").versions[0]
        >>> v.since is None, v.citation
        (True, '党章 art. 30; 支部工作条例 art. 4')
    """

    since: date | None
    """The first day the version is in force (``None``: from the beginning)."""
    citation: str
    statement_en: str
    statement_zh: str
    function: Function = attrs.field(repr=False)
    """What the rule's author wrote: it yields each subject with its evidence (the verdict
    then comes from ``condition``) or with a verdict of its own."""
    condition: Condition | None = attrs.field(default=None, repr=False)
    """What the version requires of a subject, stated once (see :mod:`.conditions`)."""

    def in_force(self, day: date) -> bool:
        """Whether the version is in force on a day (later versions aside).

        Examples:
            >>> from neighborparty.rules import rule_by_code
            >>> rule_by_code("NP103").versions[0].in_force(date(2000, 1, 1))
            True
        """
        return self.since is None or self.since <= day


@attrs.frozen(kw_only=True, eq=False)
class Rule:
    """A policy rule: a stable code, titles, citation, severity, subject, what it reads, and
    its versions in force by date.

    Rules are made with :func:`rule`; the built-in ones are the NP catalogue
    (:data:`neighborparty.rules.NP_CATALOGUE`). ``citation``, the statements and
    ``condition`` are those of the latest version.

    Examples:
        >>> from neighborparty.rules import rule_by_code
        >>> r = rule_by_code("NP102")
        >>> r.code, r.subject, r.severity.value
        ('NP102', 'compound', 'error')
        >>> r.parameters
        ('formation.standalone_min_full_members', 'formation.standalone_min_households')
        >>> sorted(r.reads.collections)
        ['buildings', 'compounds', 'grids', 'lanes', 'organizations', 'people']
    """

    code: str
    title_en: str
    title_zh: str
    severity: Severity
    subject: str
    parameters: tuple[str, ...]
    templates: Mapping[tuple[str, Verdict], str]
    versions: tuple[Version, ...] = attrs.field(repr=False)
    facts: tuple[str, ...] = attrs.field(default=(), repr=False)
    """The names of the values an outcome's evidence gives as a tuple, in order."""
    order: str = attrs.field(default="document", repr=False)
    """The order of the subjects judged: ``"document"`` (the order of the city's collections
    and of their entities) or ``"id"``."""
    explicit_tipping: Mapping[str, Tipping] = attrs.field(factory=dict, repr=False)
    reads: Reads | None = attrs.field(default=None, repr=False)
    """What the rule reads of the city (``None``: not declared, so anything)."""
    local: bool = attrs.field(default=False, repr=False)
    """Whether the rule judges each subject from what lies around it (see :func:`rule`)."""
    subject_day: str | None = attrs.field(default=None, repr=False)
    """The field of a subject holding its own day, by which it is judged (``"held_on"``)."""
    optional: tuple[str, ...] = attrs.field(default=(), repr=False)
    """Parameters the rule judges without on a day they have no value in force: its function
    reads :attr:`Context.absent <neighborparty.rules.context.Context.absent>` and leaves
    undetermined only the subjects they decide (other parameters without a value leave every
    subject undetermined)."""
    evaluate: Evaluator = attrs.field(init=False, repr=False)
    """The rule's check of a context: every subject's outcome, the verdicts derived from the
    conditions, each subject judged by the version in force on its day."""
    tipping: Mapping[str, Tipping] = attrs.field(init=False, repr=False)
    """For the parameters the rule reads as thresholds: how a finding's evidence tells the
    parameter values at which the subject fails (see :mod:`neighborparty.rules.whatif`),
    derived from the conditions (or given as ``tipping=`` by a rule of plain code).

    Examples:
        >>> from neighborparty.rules import rule_by_code
        >>> sorted(rule_by_code("NP204").tipping)
        ['committee.max_size', 'committee.min_size']
    """

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "evaluate", _evaluation(self))
        found = dict(self.explicit_tipping)
        names = {
            n for v in self.versions if v.condition is not None for n in v.condition.parameters
        }
        for name in sorted(names):
            found[name] = functools.partial(_condition_tip, self, name)
        object.__setattr__(self, "tipping", found)

    @property
    def latest(self) -> Version:
        """The latest version of the rule."""
        return self.versions[-1]

    @property
    def citation(self) -> str:
        """The source of the latest version."""
        return self.latest.citation

    @property
    def statement_en(self) -> str:
        """The latest version in words, in English (its function's docstring)."""
        return self.latest.statement_en

    @property
    def statement_zh(self) -> str:
        """The latest version in words, in Chinese."""
        return self.latest.statement_zh

    @property
    def condition(self) -> Condition | None:
        """What the latest version requires of a subject, if it is stated as a condition."""
        return self.latest.condition

    @property
    def dated(self) -> bool:
        """Whether findings say which version judged them and on which day: the rule has
        several versions, or judges subjects on days of their own."""
        return len(self.versions) > 1 or self.subject_day is not None

    def version_for(self, evidence: Mapping[str, Any]) -> Version:
        """The version that judged a finding, from its evidence (the latest for a rule whose
        findings do not say).

        Examples:
            >>> from neighborparty.rules import rule_by_code
            >>> rule_by_code("NP103").version_for({}).citation
            '党章 art. 30; 支部工作条例 art. 4'
        """
        if not self.dated or "version" not in evidence:
            return self.latest
        since = evidence["version"]
        if since is None:  # the first version, in force from the start, or none in force yet
            return self.versions[0]
        for v in self.versions:
            if v.since is not None and v.since.isoformat() == since:
                return v
        return self.latest

    def version(
        self,
        *,
        since: date,
        citation: str,
        statement_zh: str,
        condition: Condition | None = None,
    ) -> Callable[[Function], Rule]:
        """A new rule with one more version, in force from ``since`` (a decorator of its
        evaluation, whose docstring is the version in words).

        Raises:
            RuleDefinitionError: A version of the rule is already in force from that day, or
                the condition reads a parameter the rule does not declare.

        Examples:
            >>> from neighborparty import Severity
            >>> @rule(code="X1", title_en="t", title_zh="t", citation="old law", severity=Severity.INFO,
            ...       subject="vote", statement_zh="旧", pass_en="p", fail_en="f", pass_zh="p",
            ...       fail_zh="f", subject_day="held_on", reads=["votes"])
            ... def x1(ctx):
            ...     \"\"\"Old.\"\"\"
            ...     return iter(())
            >>> @x1.version(since=date(2021, 1, 1), citation="new law", statement_zh="新")
            ... def x1(ctx):
            ...     \"\"\"New.\"\"\"
            ...     return iter(())
            >>> [(v.since, v.citation) for v in x1.versions]
            [(None, 'old law'), (datetime.date(2021, 1, 1), 'new law')]
        """

        def add(function: Function) -> Rule:
            made = Version(
                since=since,
                citation=citation,
                statement_en=_statement(function),
                statement_zh=statement_zh,
                function=function,
                condition=condition,
            )
            return _made(attrs.evolve(self, versions=(*self.versions, made)))

        return add

    def __reduce__(self) -> tuple[Callable[[str, str], Rule], tuple[str, str]]:
        # A rule pickles as where it is defined: the module and the name its evaluation has
        # there (the decorated function's name is the rule's).
        function = self.latest.function
        return (_rule_at, (function.__module__, function.__name__))

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
        # Written out rather than through ``evidence``, ``dated`` and ``citation``: a check
        # makes one finding per subject judged.
        shown: Mapping[str, Any] = (
            dict(zip(self.facts, evidence, strict=True))
            if isinstance(evidence, tuple)
            else evidence
        )
        versions = self.versions
        if len(versions) > 1 or self.subject_day is not None:
            citation = self.version_for(shown).citation
        else:
            citation = versions[0].citation
        return Finding(
            rule=self,
            code=self.code,
            subject=subject,
            verdict=verdict,
            severity=self.severity,
            evidence=shown,
            citation=citation,
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
                return (
                    f"{SUBJECT_KINDS[self.subject].zh} {finding.subject}：无法判断，缺少 {missing}"
                )
            return f"{self.subject} {finding.subject}: cannot tell, not recorded: {missing}"
        template = self.templates[(lang, finding.verdict)]
        return template.format(subject=finding.subject, **finding.evidence)

    def explain(
        self,
        finding: Finding,
        lang: str = "en",
        *,
        values: Mapping[str, float] | None = None,
        on: date | None = None,
    ) -> str:
        """A paragraph: the rule in words, its source, what it saw and the verdict; for a rule
        stated as a condition, what it requires — with the facts and the parameter values
        seen, given the ``values`` in force and the day ``on`` the check measured to.

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
            条件：branches 存在
        """
        version = self.version_for(finding.evidence)
        if lang == "zh":
            head = f"{self.code} {self.title_zh}（{version.citation}）— {_VERDICT_ZH[finding.verdict]}。"
            statement = version.statement_zh
            saw = "依据：" + _facts(finding.evidence)
        else:
            head = f"{self.code} {self.title_en} ({version.citation}) — {finding.verdict.value}."
            statement = version.statement_en
            saw = "Seen: " + _facts(finding.evidence)
        stop = "。" if lang == "zh" else "."
        lines = [head, statement, self.message(finding, lang) + stop, saw]
        condition = version.condition
        if condition is not None:
            word = "条件：" if lang == "zh" else "Requires: "
            if values is None or on is None:
                lines.append(word + condition.describe(lang))
            else:
                shown = condition.explain(finding.evidence, values, on, lang)
                lines.append(word + shown.replace("\n", "; "))
        return "\n".join(lines)


_VERDICT_ZH = {Verdict.PASS: "通过", Verdict.FAIL: "不符合", Verdict.UNDETERMINED: "无法判断"}


def _facts(evidence: Mapping[str, Any]) -> str:
    return "; ".join(f"{k} = {v}" for k, v in evidence.items()) or "nothing"


_ORDERS = ("document", "id")

_LOCAL_KINDS = frozenset(
    {
        "compound",
        "branch",
        "joint branch",
        "organisation",
        "building",
        "person",
        "owners' committee",
        "vote",
        "unit",
        "whistle",
    }
)
"""The kinds of subject a re-check can judge on a slice of the city (see :func:`rule`)."""


def rule(
    *,
    code: str,
    title_en: str,
    title_zh: str,
    citation: str,
    severity: Severity,
    subject: str,
    parameters: Iterable[str] = (),
    statement_zh: str,
    pass_en: str,
    fail_en: str,
    pass_zh: str,
    fail_zh: str,
    condition: Condition | None = None,
    reads: Iterable[str] | None = None,
    local: bool = False,
    subject_day: str | None = None,
    since: date | None = None,
    optional: Iterable[str] = (),
    tipping: Mapping[str, Tipping] | None = None,
    facts: Iterable[str] = (),
    order: str = "document",
) -> Callable[[Function], Rule]:
    """Make a rule of an evaluation function (a decorator).

    The rule is a value: it joins a catalogue when a :class:`~neighborparty.rules.Catalogue`
    or a :class:`~neighborparty.rules.Policy` is made with it, not as a side effect of being
    defined.

    The function's docstring is the rule in words (its English statement). It yields, per
    subject judged, ``(subject, evidence)`` when the rule states a ``condition`` (the verdict
    is derived from it), or ``(subject, verdict, evidence)``. Messages are format strings over
    ``subject`` and the evidence's keys. A rule with ``facts`` may give its evidence as the
    tuple of those facts' values, in order, instead of a dict: rules judging many subjects do,
    so that a check makes dicts only for the findings read.

    Args:
        condition: What a subject must meet to pass, built from the helpers of
            :mod:`neighborparty.rules.conditions`: the verdicts, tipping points, explanations
            and rule coverage are derived from it.
        reads: The collections, or collections' fields, the rule reads of the city
            (``["compounds.households", "people"]``); ``None`` (the default) means anything,
            and a re-check then judges the rule anew after every edit.
        local: Whether the rule judges each subject from what lies around it, as a re-check
            gathers it for a subject of its kind: a compound's parts, its resident members,
            the organisations covering it and its community, and its posts and stations; an
            organisation's (a branch's) members, registered or managed there, its posts, the
            activities it held and those its members attended; a member's home, organisations,
            claims, activities and posts and the branches covering their home; a building's
            resident members, groups and posts; a committee's posts; a vote's deliberations
            and the branches covering its compound; a unit's agreements and its community's
            organisations and compounds; and, of the whole city, which kinds of activity it
            records at all. A re-check then judges only the subjects an edit reaches. Leave it
            ``False`` unless that holds (a rule counting over the whole city is not local).
        subject_day: The field of a subject holding its own day (``"held_on"`` for a vote):
            the subject is judged by the version and the parameter values in force that day;
            others by the check's day.
        since: The day the first version is in force from (``None``: always).
        optional: Parameters the function judges without when they have no value in force on
            the day (it reads ``ctx.absent``); a subject judged on a day some other parameter
            it needs has no value is undetermined, naming the parameter.
        tipping: For a rule with no condition, how a finding's evidence tells the values of a
            parameter at which the subject fails.

    Raises:
        RuleDefinitionError: The declaration is inconsistent: an unknown subject kind, a
            read of a collection or field the model does not have, a condition reading a
            parameter not in ``parameters`` or a fact not in ``facts``, a tipping point stated
            besides a condition, a ``subject_day`` that is not a day of the subject.

    Examples:
        >>> from neighborparty.rules import rule_by_code
        >>> rule_by_code("NP101").statement_en.split(".")[0]
        'Every compound is covered by a branch: a compound branch of its own or a joint one, or a courtyard or grid branch'
        >>> from neighborparty import Severity
        >>> rule(code="X1", title_en="t", title_zh="t", citation="c", severity=Severity.INFO,
        ...      subject="stations", statement_zh="s", pass_en="p", fail_en="f", pass_zh="p",
        ...      fail_zh="f")(lambda ctx: iter(()))
        Traceback (most recent call last):
        ...
        neighborparty.errors.RuleDefinitionError: rule X1: no subject kind 'stations'; did you mean 'station'?
    """

    def register(function: Function) -> Rule:
        return _made(
            Rule(
                code=code,
                title_en=title_en,
                title_zh=title_zh,
                severity=severity,
                subject=subject,
                parameters=tuple(parameters),
                templates={
                    ("en", Verdict.PASS): pass_en,
                    ("en", Verdict.FAIL): fail_en,
                    ("zh", Verdict.PASS): pass_zh,
                    ("zh", Verdict.FAIL): fail_zh,
                },
                versions=(
                    Version(
                        since=since,
                        citation=citation,
                        statement_en=_statement(function),
                        statement_zh=statement_zh,
                        function=function,
                        condition=condition,
                    ),
                ),
                explicit_tipping=dict(tipping or {}),
                facts=tuple(facts),
                order=order,
                reads=None if reads is None else parse_reads(code, reads),
                local=local,
                subject_day=subject_day,
                optional=tuple(optional),
            )
        )

    return register


def _statement(function: Function) -> str:
    """A rule in words: the first paragraph of its function's docstring, on one line (later
    paragraphs are notes for the rule's readers in the code)."""
    doc = inspect.getdoc(function) or ""
    return " ".join(doc.split("\n\n")[0].split())


def _made(made: Rule) -> Rule:
    """The rule, checked for consistency (see :func:`rule`)."""
    code = made.code
    if not isinstance(code, str) or not code:
        raise RuleDefinitionError(str(code), "a rule's code is a non-empty text")
    if made.subject not in SUBJECT_KINDS:
        raise RuleDefinitionError(
            code, f"no subject kind {made.subject!r}" + did_you_mean(made.subject, SUBJECT_KINDS)
        )
    if made.order not in _ORDERS:
        raise RuleDefinitionError(code, f"order is 'document' or 'id', not {made.order!r}")
    if len(set(made.parameters)) != len(made.parameters):
        raise RuleDefinitionError(code, "a parameter is named twice")
    days = [v.since for v in made.versions]
    if None in days[1:]:
        raise RuleDefinitionError(code, "only the first version may be in force from always")
    dated = [d for d in days if d is not None]
    if len(set(dated)) != len(dated):
        raise RuleDefinitionError(code, "two versions are in force from the same day")
    if dated != sorted(dated):
        raise RuleDefinitionError(code, "a version is added before one in force later")
    for v in made.versions:
        if v.condition is None:
            continue
        if not isinstance(v.condition, Condition):
            raise RuleDefinitionError(code, f"condition takes a condition, not {v.condition!r}")
        for name in v.condition.parameters:
            if name not in made.parameters:
                raise RuleDefinitionError(
                    code, f"its condition reads {name!r}, which is not in its parameters"
                )
        for fact in v.condition.facts:
            if made.facts and fact not in made.facts:
                raise RuleDefinitionError(
                    code, f"its condition reads the fact {fact!r}, which is not in its facts"
                )
        both = set(v.condition.parameters) & set(made.explicit_tipping)
        if both:
            raise RuleDefinitionError(
                code, f"a tipping point of {sorted(both)[0]!r} is stated besides its condition"
            )
    for name in made.optional:
        if name not in made.parameters:
            raise RuleDefinitionError(code, f"optional {name!r} is not one of its parameters")
    for name in made.explicit_tipping:
        if name not in made.parameters:
            raise RuleDefinitionError(
                code, f"a tipping point of {name!r}, not one of its parameters"
            )
    if made.subject_day is not None and made.subject_day not in day_fields(made.subject):
        raise RuleDefinitionError(
            code, f"{made.subject_day!r} is not a day every {made.subject} has"
        )
    if made.local and made.subject not in _LOCAL_KINDS:
        raise RuleDefinitionError(
            code, f"a re-check cannot judge a {made.subject} from what lies around it (local)"
        )
    if made.local and made.reads is None:
        raise RuleDefinitionError(code, "a local rule declares what it reads")
    return made


def _condition_tip(
    rule: Rule, parameter: str, evidence: Mapping[str, Any], values: Mapping[str, float], day: date
) -> Threshold:
    """A subject's tipping point in a parameter, from the condition that judged it."""
    condition = rule.version_for(evidence).condition
    found = None if condition is None else condition.failing(parameter, evidence, values, day)
    if found is None:
        raise InvalidArgumentError(
            f"{rule.code} has no single tipping point in {parameter} for this subject"
        )
    return found


def _evaluation(made: Rule) -> Evaluator:
    """How the engine judges a context by a rule: its function with the verdicts derived from
    the condition, each subject by the version (and values) in force on its day."""
    if not made.dated:
        judged = _judged(made, made.latest)
        if not made.parameters:
            return judged
        return functools.partial(_in_force, made, judged)
    return functools.partial(_by_day, made)


def _needs(made: Rule, version: Version) -> tuple[str, ...]:
    """The parameters a version needs a value of: the rule's, or for a rule of several
    versions, those of the version's condition when it states one (a law may read fewer);
    the rule's optional ones aside."""
    needed = made.parameters
    if len(made.versions) > 1 and version.condition is not None:
        needed = version.condition.parameters
    return tuple(name for name in needed if name not in made.optional)


def _absent(made: Rule, version: Version, values: Mapping[str, float]) -> list[str]:
    """The parameters a version needs that have no value in force (see
    :class:`~neighborparty.rules.parameters.ParameterValues`)."""
    absent = getattr(values, "absent", None)
    if not absent:
        return []
    return [name for name in _needs(made, version) if name in absent]


def _no_value(absent: list[str], day: date) -> dict[str, Any]:
    return {"missing": [f"a value of {name} in force on {day.isoformat()}" for name in absent]}


def _in_force(made: Rule, judged: Evaluator, ctx: Context) -> Iterable[Outcome]:
    """A rule of one version, with every subject undetermined on a day some parameter it
    needs has no value in force (a later source is not applied backwards)."""
    absent = _absent(made, made.latest, ctx.values)
    if not absent:
        return judged(ctx)
    evidence = _no_value(absent, ctx.on)
    return [(subject, _UNDETERMINED, dict(evidence)) for subject, _, _ in judged(ctx)]


def _judged(made: Rule, version: Version) -> Evaluator:
    function, condition = version.function, version.condition
    if condition is None:
        return cast(Evaluator, function)
    by_position = {fact: i for i, fact in enumerate(made.facts)}
    by_name = {fact: fact for fact in condition.facts}
    evidence_of = made.evidence

    facts = condition.facts

    def undetermined(subject: str, evidence: Evidence) -> Outcome:
        shown = dict(evidence_of(evidence))
        if "missing" not in shown:
            if len(facts) == 1:
                shown["missing"] = [f"{facts[0]} of {subject}"]
            else:
                shown["missing"] = [f"{f} of {subject}" for f in condition.unknown(shown)]
        return subject, _UNDETERMINED, shown

    index = by_position or by_name
    names = condition.parameters
    last: tuple[Any, Any] = (None, None)
    """The day and the values of the condition's parameters in the latest context, and the
    condition compiled for them: the re-checks of one report judge many contexts alike."""

    def judged(ctx: Context) -> Iterable[Outcome]:
        nonlocal last
        values = ctx.values
        key = (ctx.on, tuple([values.get(name) for name in names]))
        seen, run = last
        if seen != key:
            run = condition.outcomes(values, ctx.on, index, undetermined)
            last = (key, run)
        return cast("Iterable[Outcome]", run(function(ctx)))

    judged.__name__ = getattr(function, "__name__", "judged")
    judged.__module__ = getattr(function, "__module__", __name__)
    return judged


def _by_day(made: Rule, ctx: Context) -> Iterator[Outcome]:
    """Judge each subject by the version and the parameter values in force on its own day
    (the check's day for a subject without one); a subject whose day comes before the first
    version, or on which a parameter the version needs has no value in force, is
    undetermined."""
    city = ctx.city
    field = made.subject_day
    days: dict[str, date] = {}
    if field is not None:
        for collection in SUBJECT_KINDS[made.subject].collections:
            for entity in getattr(city, collection):
                day = getattr(entity, field)
                if day is not None:
                    days[entity.id] = day
    names = made.parameters

    def index_on(day: date) -> int:
        return max((i for i, v in enumerate(made.versions) if v.in_force(day)), default=-1)

    Key = tuple[int, tuple[float, ...], frozenset[str]]

    def key(day: date, values: Mapping[str, float]) -> Key:
        index = index_on(day)
        absent = _absent(made, made.versions[max(index, 0)], values)
        return (index, tuple(values.get(n, math.nan) for n in names), frozenset(absent))

    own = key(ctx.on, ctx.values)
    contexts: dict[Key, Context] = {own: ctx}
    key_of: dict[str, Key] = {}
    key_on: dict[date, tuple[Key, Mapping[str, float]]] = {}
    for subject, day in days.items():
        known = key_on.get(day)
        if known is None:
            values = ctx.values_on(day)
            known = key_on[day] = (key(day, values), values)
        found, values = known
        key_of[subject] = found
        if found not in contexts:
            contexts[found] = ctx.with_values(values)
    results: dict[str, Outcome] = {}
    for judged_key, context in contexts.items():
        index, _, absent = judged_key
        version = made.versions[max(index, 0)]
        for subject, verdict, evidence in _judged(made, version)(context):
            if key_of.get(subject, own) != judged_key:
                continue
            day = days.get(subject, ctx.on)
            shown: dict[str, Any]
            if index < 0:
                verdict = _UNDETERMINED
                shown = {"missing": [f"a version of {made.code} in force on {day.isoformat()}"]}
                since = None
            elif absent:
                verdict = _UNDETERMINED
                shown = _no_value(sorted(absent), day)
                since = version.since
            else:
                shown = dict(made.evidence(evidence))
                since = version.since
            shown["version"] = None if since is None else since.isoformat()
            shown["judged_on"] = day.isoformat()
            results[subject] = (subject, verdict, shown)
    position = _positions(made, city, list(results))
    for subject in sorted(results, key=position):
        yield results[subject]


def _positions(made: Rule, city: Any, subjects: list[str]) -> Callable[[str], Any]:
    if made.order == "id":
        return lambda s: s
    first = {s: i for i, s in reversed(list(enumerate(subjects)))}
    code = city._code
    rank = {name: i for i, name in enumerate(COLLECTIONS)}

    def position(subject: str) -> tuple[int, int, int]:
        found = code(subject)
        if found is None:
            return (len(rank), 0, first[subject])
        collection, index = place_of(found)
        return (rank[collection], index, 0)

    return position


def _rule_at(module: str, name: str) -> Rule:
    """The rule a module defines under a name: how a rule is found again after pickling."""
    found = getattr(importlib.import_module(module), name)
    if not isinstance(found, Rule):
        raise TypeError(f"{module}.{name} is not a rule")
    return found
