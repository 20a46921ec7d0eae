"""What a rule is, the context it reads, and the catalogue of rules by code."""

from __future__ import annotations

import calendar
import functools
import inspect
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import Any, Generic, TypeVar, cast, overload

import attrs

from neighborparty.model import (
    Appointment,
    City,
    Compound,
    Membership,
    OrgKind,
    PartyOrganization,
    Person,
    Severity,
)
from neighborparty.rules._cache import derived as city_cache
from neighborparty.rules.findings import Finding, Verdict

__all__ = [
    "Context",
    "Rule",
    "Threshold",
    "Tipping",
    "add_months",
    "add_years",
    "all_rules",
    "rule",
    "rule_by_code",
]

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


T = TypeVar("T")

_OUTSIDE = frozenset({OrgKind.COMPANY_ORGANIZATION, OrgKind.UNIT_ORGANIZATION})


class _CityFact(Generic[T]):
    """A fact a rule reads that depends on the city alone, not on the day or the parameters:
    computed on first use and kept with the City's indexes, so that every check of the same
    City shares it."""

    def __init__(self, compute: Callable[[Context], T]) -> None:
        self.compute = compute
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, ctx: None, owner: type[Context]) -> _CityFact[T]: ...

    @overload
    def __get__(self, ctx: Context, owner: type[Context]) -> T: ...

    def __get__(self, ctx: Context | None, owner: type[Context]) -> T | _CityFact[T]:
        if ctx is None:
            return self
        derived = city_cache(ctx.city)
        try:
            return cast(T, derived[self])
        except KeyError:
            value = derived[self] = self.compute(ctx)
            return value


class Context:
    """What a check reads: the city, the day, the parameter values in force, and facts derived
    once from the City's indexes and shared by the rules.

    The facts that depend on the city alone are kept with the City's indexes: a second check of
    the same City does not derive them again.

    Args:
        city: The city checked.
        on: The day the check is made for (terms, deadlines and posts are measured on it).
        values: The parameter values in force, by name.
        open_posts: Count posts still open (no end day) instead of posts in force on ``on``.

    Examples:
        >>> from neighborparty import examples
        >>> ctx = Context(examples.seed_city(), date(2020, 10, 26), {})
        >>> ctx.full_registered_living_in["c-jinan"]
        3
    """

    def __init__(
        self, city: City, on: date, values: Mapping[str, float], *, open_posts: bool = False
    ) -> None:
        self.city = city
        self.on = on
        self.values = values
        self.open_posts = open_posts
        self._posts: dict[str, tuple[Appointment, ...]] = {}

    def city_fact(self, compute: Callable[[Context], T]) -> T:
        """What ``compute`` derives from the context's city alone, computed once per City and
        kept with its indexes: ``compute`` must read neither the day nor the parameters.

        Examples:
            >>> from neighborparty import examples
            >>> def households(ctx: Context) -> int:
            ...     return sum(c.households for c in ctx.city.compounds)
            >>> Context(examples.seed_city(), date(2020, 10, 26), {}).city_fact(households)
            450
        """
        derived = city_cache(self.city)
        try:
            return cast(T, derived[compute])
        except KeyError:
            value = derived[compute] = compute(self)
            return value

    def posts(self, body: str) -> tuple[Appointment, ...]:
        """The posts in a body (organisation, owners' committee or place) that count for this
        check (see :meth:`held`), in document order.

        Examples:
            >>> from neighborparty import examples
            >>> ctx = Context(examples.seed_city(), date(2020, 10, 26), {})
            >>> [(a.person, a.role.value) for a in ctx.posts("br-jinan")]
            [('p-lin', 'secretary')]
        """
        found = self._posts.get(body)
        if found is None:
            held = self.held
            found = self._posts[body] = tuple(
                a for a in self.city.appointments_in(body) if held(a.start, a.end)
            )
        return found

    def held(self, start: date, end: date | None) -> bool:
        """Whether a post from ``start`` to ``end`` counts for this check.

        Examples:
            >>> from neighborparty import examples
            >>> ctx = Context(examples.seed_city(), date(2020, 10, 26), {})
            >>> ctx.held(date(2020, 1, 1), None), ctx.held(date(2020, 1, 1), date(2020, 6, 30))
            (True, False)
        """
        if self.open_posts:
            return end is None
        return start <= self.on and (end is None or self.on <= end)

    @_CityFact
    def branches(self) -> tuple[PartyOrganization, ...]:
        """The compound, courtyard and grid branches, in document order."""
        return tuple(o for o in self.city.organizations if o.kind.is_branch)

    @_CityFact
    def compound_branches(self) -> tuple[PartyOrganization, ...]:
        """The compound branches (小区党支部), standalone or joint."""
        return tuple(o for o in self.branches if o.kind is OrgKind.COMPOUND_BRANCH)

    @_CityFact
    def compounds_of_branch(self) -> dict[str, tuple[str, ...]]:
        """The compounds each branch covers, directly or through grids, buildings and lanes."""
        city = self.city
        reached: dict[str, dict[str, None]] = defaultdict(dict)
        for branch in self.branches:
            for place in branch.covers:
                for compound in city.compounds_in(place):
                    reached[branch.id][compound.id] = None
        return {b: tuple(c) for b, c in reached.items()}

    @_CityFact
    def members(self) -> tuple[Person, ...]:
        """The party members, full or probationary, in document order."""
        return tuple(p for p in self.city.people if p.party is not None)

    @_CityFact
    def home_compound(self) -> dict[str, str]:
        """Per party member: the compound their home lies in."""
        return {person: compound for person, _, compound in self.memberships}

    @_CityFact
    def memberships(self) -> tuple[tuple[str, Membership, str], ...]:
        """Per party member, in document order: their id, membership and home compound."""
        city = self.city
        of_part = {b.id: b.compound for b in city.buildings}
        of_part.update((ln.id, ln.compound) for ln in city.lanes)
        of_part.update((c.id, c.id) for c in city.compounds)
        return tuple((p.id, p.party, of_part[p.home]) for p in self.members if p.party)

    @_CityFact
    def full_registered_living_in(self) -> dict[str, int]:
        """Per compound: the full members living there who are registered there (在册) — their
        relation is held by a branch or group covering the compound, or by its community's or
        sub-district's party organisation; not by a company's or a unit's organisation."""
        counts: dict[str, int] = defaultdict(int)
        city = self.city
        local: dict[str, set[str]] = {}
        home = self.home_compound
        for person in self.members:
            party = person.party
            assert party is not None
            if not party.is_full:
                continue
            compound = home[person.id]
            orgs = local.get(compound)
            if orgs is None:
                community = self.compound(compound).community
                orgs = local[compound] = {
                    o.id
                    for place in (compound, community)
                    for o in city.organizations_covering(place)
                    if o.kind not in _OUTSIDE
                }
            if party.registered_in in orgs:
                counts[compound] += 1
        return counts

    @_CityFact
    def members_of_branch(self) -> dict[str, tuple[Person, ...]]:
        """Per branch: its members, registered there (在册) or managed there (纳入管理)."""
        found: dict[str, dict[str, Person]] = defaultdict(dict)
        branch_ids = {b.id for b in self.branches}
        for person in self.members:
            party = person.party
            assert party is not None
            for org in (party.registered_in, party.managed_in):
                if org in branch_ids:
                    found[org][person.id] = person
        return {b: tuple(p.values()) for b, p in found.items()}

    @_CityFact
    def registered_full_of_branch(self) -> dict[str, int]:
        """Per branch (any organisation): full members whose relation it holds."""
        counts: dict[str, int] = defaultdict(int)
        for person in self.members:
            party = person.party
            assert party is not None
            if party.is_full:
                counts[party.registered_in] += 1
        return counts

    @_CityFact
    def members_at_home(self) -> dict[str, int]:
        """Per building, lane or compound named as a home: the party members living there."""
        counts: dict[str, int] = defaultdict(int)
        for p in self.members:
            counts[p.home] += 1
        return counts

    @_CityFact
    def branches_of_compound(self) -> dict[str, frozenset[str]]:
        """Per compound: the ids of the branches covering it."""
        found: dict[str, set[str]] = defaultdict(set)
        for branch, compounds in self.compounds_of_branch.items():
            for compound in compounds:
                found[compound].add(branch)
        return {k: frozenset(v) for k, v in found.items()}

    def compound(self, id: str) -> Compound:
        """The compound with this id.

        Examples:
            >>> from neighborparty import examples
            >>> Context(examples.seed_city(), date(2020, 10, 26), {}).compound("c-old").households
            200
        """
        entity = self.city.get(id)
        assert isinstance(entity, Compound)
        return entity


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

    Rules are made with :func:`rule`; the catalogue is :func:`all_rules`.

    Examples:
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

    def __reduce__(self) -> tuple[Callable[[str], Rule], tuple[str]]:
        # A rule pickles as its code: the catalogue has one rule per code.
        return (rule_by_code, (self.code,))

    def findings(self, context: Context) -> Iterator[Finding]:
        """One finding per subject the rule judges in the context's city.

        Examples:
            >>> from neighborparty import examples
            >>> ctx = Context(examples.seed_city(), date(2020, 10, 26), {})
            >>> [f.subject for f in rule_by_code("NP101").findings(ctx)]
            ['c-jinan', 'c-east', 'c-west', 'c-old']
        """
        for subject, verdict, evidence in self.evaluate(context):
            yield Finding(
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


_CATALOGUE: dict[str, Rule] = {}


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
    """Make a rule of an evaluation function and add it to the catalogue.

    The function's docstring is the rule in words (its English statement). Messages are format
    strings over ``subject`` and the evidence's keys. A rule with ``facts`` may yield its
    evidence as the tuple of those facts' values, in order, instead of a dict: rules judging many
    subjects do, so that a check makes dicts only for the findings read.

    Examples:
        >>> rule_by_code("NP101").statement_en.split(".")[0]
        'Every compound is covered by a branch: a compound branch of its own or a joint one, or a courtyard or grid branch'
    """

    def register(evaluate: Evaluator) -> Rule:
        if code in _CATALOGUE:
            raise ValueError(f"rule {code} is already in the catalogue")
        made = Rule(
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
        _CATALOGUE[code] = made
        return made

    return register


def rule_by_code(code: str) -> Rule:
    """The rule with this code.

    Raises:
        KeyError: No rule has this code.

    Examples:
        >>> rule_by_code("NP101").title_zh
        '一小区一支部'
    """
    from neighborparty.rules import catalogue  # noqa: F401 - fills the catalogue

    try:
        return _CATALOGUE[code]
    except KeyError:
        raise KeyError(f"no rule {code!r}") from None


def all_rules() -> tuple[Rule, ...]:
    """Every rule of the catalogue, ordered by code.

    Examples:
        >>> [r.code for r in all_rules()][:3]
        ['NP101', 'NP102', 'NP103']
    """
    from neighborparty.rules import catalogue  # noqa: F401 - fills the catalogue

    return tuple(_CATALOGUE[c] for c in sorted(_CATALOGUE))


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later (28 February for 29 February in a common year).

    Examples:
        >>> add_years(date(2020, 2, 29), 1), add_years(date(2019, 6, 1), 5)
        (datetime.date(2021, 2, 28), datetime.date(2024, 6, 1))
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@functools.lru_cache(maxsize=4096)
def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day if it is shorter.

    Examples:
        >>> add_months(date(2020, 8, 31), 6), add_months(date(2020, 1, 15), 6)
        (datetime.date(2021, 2, 28), datetime.date(2020, 7, 15))
    """
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, day.day if day.day <= last else last)
