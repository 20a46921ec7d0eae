"""Policies: the rules in force and their dated parameters, as one immutable value."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date

import attrs

from neighborparty.errors import UnknownParameterError, UnknownRuleError
from neighborparty.rules.catalogue import Catalogue, merged_rules
from neighborparty.rules.np import NP_CATALOGUE
from neighborparty.rules.parameters import Parameter, ParameterValues
from neighborparty.rules.rule import Rule

__all__ = ["DEFAULT_POLICY", "Policy"]


def _rules(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    return merged_rules(rules)


def _by_name(parameters: Iterable[Parameter]) -> tuple[Parameter, ...]:
    return tuple(sorted(parameters, key=lambda p: p.name))


@attrs.frozen(kw_only=True, repr=False)
class Policy:
    """The rules a city is held to and the parameters they read, with their dated values.

    Policies are immutable and compare equal when their rules and parameters are equal. A reform
    is a new policy: :meth:`with_parameters` gives one with new values from a day on.

    Examples:
        >>> from datetime import date
        >>> reform = DEFAULT_POLICY.with_parameters(
        ...     {"formation.standalone_min_full_members": 5}, effective=date(2025, 1, 1)
        ... )
        >>> reform.value("formation.standalone_min_full_members", date(2024, 12, 31))
        3
        >>> reform.value("formation.standalone_min_full_members")
        5
        >>> reform == DEFAULT_POLICY, reform.changed_parameters(DEFAULT_POLICY)
        (False, ('formation.standalone_min_full_members',))
    """

    rules: tuple[Rule, ...] = attrs.field(converter=_rules)
    parameters: tuple[Parameter, ...] = attrs.field(converter=_by_name)

    def __repr__(self) -> str:
        """A short line: how many rules and parameters, and the codes' range.

        Examples:
            >>> DEFAULT_POLICY
            Policy(36 rules NP101–NP604, 37 parameters)
        """
        codes = sorted(r.code for r in self.rules)
        span = f" {codes[0]}–{codes[-1]}" if len(codes) > 1 else (f" {codes[0]}" if codes else "")
        noun = "rule" if len(codes) == 1 else "rules"
        count = len(self.parameters)
        return f"Policy({len(codes)} {noun}{span}, {count} parameter{'s' if count != 1 else ''})"

    @rules.validator
    def _check_rules(self, attribute: object, rules: tuple[Rule, ...]) -> None:
        known = {p.name for p in self.parameters}
        for r in rules:
            for name in r.parameters:
                if name not in known:
                    raise UnknownParameterError(name, known)

    @classmethod
    def from_catalogues(
        cls, *catalogues: Catalogue, parameters: Iterable[Parameter] = ()
    ) -> Policy:
        """The policy of the rules of these catalogues, with the parameters they bring and
        ``parameters``; a later catalogue's rule replaces an earlier one's of the same code,
        and a later parameter one of the same name.

        Raises:
            UnknownParameterError: A rule reads a parameter no catalogue brings.

        Examples:
            >>> from neighborparty.rules import NP_CATALOGUE, Catalogue
            >>> Policy.from_catalogues(NP_CATALOGUE) == DEFAULT_POLICY
            True
            >>> Policy.from_catalogues(NP_CATALOGUE, Catalogue("mine", [NP_CATALOGUE["NP101"]]))
            Policy(36 rules NP101–NP604, 37 parameters)
        """
        rules: dict[str, Rule] = {}
        brought: dict[str, Parameter] = {}
        for catalogue in catalogues:
            if not isinstance(catalogue, Catalogue):
                raise TypeError(f"from_catalogues takes catalogues, not {catalogue!r}")
            rules.update((r.code, r) for r in catalogue.rules)
            brought.update((p.name, p) for p in catalogue.parameters)
        brought.update((p.name, p) for p in parameters)
        return cls(rules=sorted(rules.values(), key=lambda r: r.code), parameters=brought.values())

    def parameter(self, name: str) -> Parameter:
        """The parameter with this name.

        Raises:
            UnknownParameterError: The policy has no parameter of this name (a ``KeyError``
                that suggests near names).

        Examples:
            >>> DEFAULT_POLICY.parameter("whistle.answer_days").confidence.value
            'library_default'
            >>> DEFAULT_POLICY.parameter("whistle.answer_day")
            Traceback (most recent call last):
            ...
            neighborparty.errors.UnknownParameterError: no parameter 'whistle.answer_day'; did you mean 'whistle.answer_days'?
        """
        for p in self.parameters:
            if p.name == name:
                return p
        raise UnknownParameterError(name, [p.name for p in self.parameters])

    def rule(self, code: str) -> Rule:
        """The rule of the policy with this code.

        Raises:
            UnknownRuleError: The policy holds no rule of this code (a ``KeyError``).

        Examples:
            >>> DEFAULT_POLICY.rule("NP102").subject
            'compound'
        """
        for r in self.rules:
            if r.code == code:
                return r
        raise UnknownRuleError(code, [r.code for r in self.rules])

    def value(self, name: str, on: date | None = None) -> float:
        """A parameter's value on a day, or its latest value when ``on`` is ``None``.

        Examples:
            >>> DEFAULT_POLICY.value("branch.max_members")
            50
        """
        p = self.parameter(name)
        return p.default if on is None else p.value_on(on)

    def values(self, on: date | None = None) -> ParameterValues:
        """Every parameter's value on a day (the latest values when ``on`` is ``None``), and
        which parameters have no value in force that day (``absent``).

        Examples:
            >>> DEFAULT_POLICY.values()["vote.major_majority"]
            0.75
            >>> "vote.min_participation" in DEFAULT_POLICY.values(date(2020, 12, 31)).absent
            True
        """
        if on is None:
            return ParameterValues({p.name: p.default for p in self.parameters})
        return ParameterValues(
            {p.name: p.value_on(on) for p in self.parameters},
            [p.name for p in self.parameters if not p.in_force(on)],
        )

    def with_parameters(
        self, changes: Mapping[str, float], *, effective: date, citation: str | None = None
    ) -> Policy:
        """A new policy whose parameters take these values from ``effective`` on, each citing
        ``citation`` (the reform's source) if given.

        Raises:
            UnknownParameterError: A name is not a parameter of this policy.

        Examples:
            >>> from datetime import date
            >>> stricter = DEFAULT_POLICY.with_parameters(
            ...     {"branch.max_members": 40}, effective=date(2026, 1, 1)
            ... )
            >>> [(v.since.isoformat(), v.value) for v in stricter.parameter("branch.max_members").values]
            [('2018-10-28', 50), ('2026-01-01', 40)]
        """
        updated = {p.name: p for p in self.parameters}
        for name, value in changes.items():
            updated[name] = self.parameter(name).with_value(
                value, since=effective, citation=citation
            )
        return attrs.evolve(self, parameters=updated.values())

    def fingerprint(self) -> str:
        """A digest of what decides a check's verdicts: each rule's code, severity, subject,
        citation and parameters, and every parameter's dated values (40 and 40.0 alike).

        A reform changes it. Titles, statements and citations of values are words and are left
        out; so is a rule's evaluation, which is code: a rule redefined under the same code,
        with the same declaration, keeps the fingerprint (the library's version, which a
        report's provenance records beside it, pins the built-in rules' code).

        Examples:
            >>> from datetime import date
            >>> DEFAULT_POLICY.fingerprint() == DEFAULT_POLICY.fingerprint()
            True
            >>> reform = DEFAULT_POLICY.with_parameters(
            ...     {"branch.max_members": 40}, effective=date(2026, 1, 1)
            ... )
            >>> reform.fingerprint() == DEFAULT_POLICY.fingerprint()
            False
            >>> len(DEFAULT_POLICY.fingerprint())
            64
        """
        digest = hashlib.sha256()
        for r in sorted(self.rules, key=lambda r: r.code):
            fields = (r.code, r.severity.value, r.subject, r.citation, *r.parameters)
            digest.update(("rule\x1f" + "\x1f".join(fields) + "\x1e").encode())
        for p in self.parameters:
            values = (f"{v.since.isoformat()}={float(v.value)!r}" for v in p.values)
            digest.update(("parameter\x1f" + p.name + "\x1f" + ",".join(values) + "\x1e").encode())
        return digest.hexdigest()

    def changed_parameters(self, other: Policy) -> tuple[str, ...]:
        """The names of the parameters whose values differ between two policies.

        Examples:
            >>> DEFAULT_POLICY.changed_parameters(DEFAULT_POLICY)
            ()
        """
        mine = {p.name: p for p in self.parameters}
        theirs = {p.name: p for p in other.parameters}
        return tuple(sorted(n for n in mine.keys() | theirs.keys() if mine.get(n) != theirs.get(n)))


DEFAULT_POLICY = Policy.from_catalogues(NP_CATALOGUE)
"""Every rule of the catalogue with the default parameters: RULES.md as data."""
