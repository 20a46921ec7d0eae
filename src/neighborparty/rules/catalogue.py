"""Catalogues: the rules a policy can hold, by code, as one immutable value.

The built-in NP catalogue (:data:`neighborparty.rules.NP_CATALOGUE`) is one; a user's rules in a
notebook, or a third-party package's, are others. Making a catalogue registers nothing: it is a
value, like a tuple.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

import attrs

from neighborparty.errors import RuleDefinitionError, UnknownRuleError
from neighborparty.rules.rule import Rule

__all__ = ["Catalogue"]


def _by_code(rules: Iterable[Rule]) -> tuple[Rule, ...]:
    ordered = tuple(sorted(rules, key=lambda r: r.code))
    for before, after in itertools.pairwise(ordered):
        if before.code == after.code:
            raise RuleDefinitionError(after.code, "two rules of the catalogue have this code")
    return ordered


@attrs.frozen(repr=False)
class Catalogue:
    """A set of rules with distinct codes, ordered by code (规则目录).

    Args:
        name: What the catalogue is called (``"NP"`` for the built-in one).
        rules: Its rules; two with one code raise :class:`~neighborparty.errors.RuleDefinitionError`.

    Examples:
        >>> from neighborparty.rules import NP_CATALOGUE
        >>> NP_CATALOGUE
        Catalogue('NP', 29 rules)
        >>> NP_CATALOGUE["NP101"].title_zh, "NP999" in NP_CATALOGUE
        ('一小区一支部', False)
        >>> [r.code for r in NP_CATALOGUE][:2]
        ['NP101', 'NP102']
    """

    name: str
    rules: tuple[Rule, ...] = attrs.field(converter=_by_code)

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
            neighborparty.errors.UnknownRuleError: no rule 'NP1O1' in the catalogue; did you mean 'NP101'?
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
