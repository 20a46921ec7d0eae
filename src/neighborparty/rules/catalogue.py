"""Catalogues: the rules a policy can hold, by code, as one immutable value.

The built-in NP catalogue (:data:`neighborparty.rules.NP_CATALOGUE`) is one; a user's rules in a
notebook, or a third-party package's, are others. Making a catalogue registers nothing: it is a
value, like a tuple.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from neighborparty.errors import InvalidArgumentError, RuleDefinitionError, UnknownRuleError
from neighborparty.rules.parameters import Parameter
from neighborparty.rules.rule import Rule

__all__ = ["Catalogue", "merged_rules"]


def _same_definition(a: Rule, b: Rule) -> bool:
    """Whether two rules are one definition made twice (a notebook cell run again): the same
    code, from a function of the same name in the same module."""
    fa, fb = a.latest.function, b.latest.function
    return (getattr(fa, "__module__", None), getattr(fa, "__qualname__", None)) == (
        getattr(fb, "__module__", None),
        getattr(fb, "__qualname__", None),
    )


def merged_rules(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    """Rules by code, in the order given: a rule defined again (the same function, run
    again in a notebook) replaces the earlier one of its code; two different rules of one code
    raise :class:`~neighborparty.errors.RuleDefinitionError`.

    Examples:
        >>> from neighborparty.rules import NP_CATALOGUE
        >>> [r.code for r in merged_rules([NP_CATALOGUE["NP101"], NP_CATALOGUE["NP101"]])]
        ['NP101']
    """
    found: dict[str, Rule] = {}
    for r in rules:
        if not isinstance(r, Rule):
            raise InvalidArgumentError(f"a catalogue holds rules, not {r!r}")
        earlier = found.get(r.code)
        if earlier is not None and earlier is not r and not _same_definition(earlier, r):
            raise RuleDefinitionError(r.code, "two different rules of the catalogue have this code")
        found[r.code] = r
    return tuple(found.values())


def _by_code(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    return tuple(sorted(merged_rules(rules), key=lambda r: r.code))


def _parameters(parameters: Iterable[Parameter]) -> tuple[Parameter, ...]:
    found: dict[str, Parameter] = {}
    for p in parameters:
        if not isinstance(p, Parameter):
            raise InvalidArgumentError(f"a catalogue's parameters are parameters, not {p!r}")
        found[p.name] = p
    return tuple(sorted(found.values(), key=lambda p: p.name))


@attrs.frozen(repr=False)
class Catalogue:
    """A set of rules with distinct codes, ordered by code (规则目录).

    Args:
        name: What the catalogue is called (``"NP"`` for the built-in one).
        rules: Its rules. A rule defined again under its code (a notebook cell run again)
            replaces the earlier one; two different rules of one code raise
            :class:`~neighborparty.errors.RuleDefinitionError`.
        parameters: The parameters its rules read that it brings (the NP catalogue brings
            the default parameters; a user's catalogue its own).

    Examples:
        >>> from neighborparty.rules import NP_CATALOGUE
        >>> NP_CATALOGUE
        Catalogue('NP', 36 rules)
        >>> NP_CATALOGUE["NP101"].title_zh, "NP999" in NP_CATALOGUE
        ('一小区一支部', False)
        >>> [r.code for r in NP_CATALOGUE][:2]
        ['NP101', 'NP102']
    """

    name: str
    rules: tuple[Rule, ...] = attrs.field(converter=_by_code)
    parameters: tuple[Parameter, ...] = attrs.field(default=(), converter=_parameters)

    def __repr__(self) -> str:
        return f"Catalogue({self.name!r}, {len(self.rules)} rules)"

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def __contains__(self, code: object) -> bool:
        return any(r.code == code for r in self.rules)

    def __getitem__(self, code: str) -> Rule:
        """The rule with this code.

        Raises:
            UnknownRuleError: No rule of the catalogue has this code (a ``KeyError``).

        Examples:
            >>> from neighborparty.rules import NP_CATALOGUE
            >>> NP_CATALOGUE["NP1O1"]
            Traceback (most recent call last):
            ...
            neighborparty.errors.UnknownRuleError: no rule 'NP1O1' in the catalogue; did you mean 'NP211' or 'NP101'?
        """
        for r in self.rules:
            if r.code == code:
                return r
        raise UnknownRuleError(code, [r.code for r in self.rules])

    @property
    def codes(self) -> tuple[str, ...]:
        """The codes of the rules, in order.

        Examples:
            >>> from neighborparty.rules import NP_CATALOGUE
            >>> NP_CATALOGUE.codes[-1]
            'NP604'
        """
        return tuple(r.code for r in self.rules)

    def with_rules(self, *rules: Rule) -> Catalogue:
        """A catalogue with these rules added, each replacing the rule of its code if any.

        Examples:
            >>> from neighborparty.rules import NP_CATALOGUE
            >>> smaller = Catalogue("mine", [NP_CATALOGUE["NP101"]])
            >>> smaller.with_rules(NP_CATALOGUE["NP102"], NP_CATALOGUE["NP101"]).codes
            ('NP101', 'NP102')
        """
        replaced = {r.code: r for r in self.rules}
        replaced.update((r.code, r) for r in rules)
        return attrs.evolve(self, rules=replaced.values())

    def with_parameters(self, *parameters: Parameter) -> Catalogue:
        """A catalogue that brings these parameters too, each replacing one of its name.

        Examples:
            >>> from neighborparty.rules import NP_CATALOGUE
            >>> p = NP_CATALOGUE.parameters[0]
            >>> len(Catalogue("mine", []).with_parameters(p).parameters)
            1
        """
        return attrs.evolve(self, parameters=(*self.parameters, *parameters))
