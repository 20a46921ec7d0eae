"""The NP catalogue: the rules of RULES.md (NP101–NP604), one module per group.

Examples:
    >>> from neighborparty.rules.np import NP_CATALOGUE, rule_by_code
    >>> len(NP_CATALOGUE), rule_by_code("NP101") is NP_CATALOGUE["NP101"]
    (36, True)
"""

from __future__ import annotations

from types import ModuleType

from neighborparty.rules.catalogue import Catalogue
from neighborparty.rules.np import (
    chain,
    cogovernance,
    leadership,
    life,
    members,
    organization,
    owners,
)
from neighborparty.rules.parameters import DEFAULT_PARAMETERS
from neighborparty.rules.rule import Rule

__all__ = ["GROUPS", "NP_CATALOGUE", "all_rules", "rule_by_code"]

GROUPS: dict[str, tuple[str, ModuleType]] = {
    "NP1": ("The organisation", organization),
    "NP2": ("Leadership", leadership),
    "NP3": ("The chain below the branch", chain),
    "NP4": ("Members", members),
    "NP5": ("Owners' bodies and cross-appointment", owners),
    "NP6": ("Service and co-governance", cogovernance),
}
"""The rule groups by code prefix, with their titles and modules."""


def _rules_of(module: ModuleType) -> list[Rule]:
    return [value for value in vars(module).values() if isinstance(value, Rule)]


NP_CATALOGUE = Catalogue(
    "NP",
    [
        found
        for module in (organization, leadership, life, chain, members, owners, cogovernance)
        for found in _rules_of(module)
    ],
    DEFAULT_PARAMETERS,
)
"""Every rule of the built-in catalogue, ordered by code, with the default parameters."""


def rule_by_code(code: str) -> Rule:
    """The rule of the NP catalogue with this code.

    Raises:
        UnknownRuleError: No rule has this code (a ``KeyError``).

    Examples:
        >>> rule_by_code("NP101").title_zh
        '一小区一支部'
    """
    return NP_CATALOGUE[code]


def all_rules() -> tuple[Rule, ...]:
    """Every rule of the NP catalogue, ordered by code.

    Examples:
        >>> [r.code for r in all_rules()][:3]
        ['NP101', 'NP102', 'NP103']
    """
    return NP_CATALOGUE.rules
