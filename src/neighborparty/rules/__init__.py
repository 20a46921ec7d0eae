"""Policy rules: dated parameters, the NP catalogue, checks, findings and reports.

Examples:
    >>> from neighborparty import examples, rules
    >>> report = rules.check(examples.seed_city(), select=["NP10"])
    >>> sorted({(f.code, f.subject) for f in report.failures()})[:2]
    [('NP103', 'br-grid-old'), ('NP105', 'cm-old')]
"""

from neighborparty.errors import RuleDefinitionError, UnknownParameterError, UnknownRuleError
from neighborparty.rules.catalogue import Catalogue
from neighborparty.rules.check import as_of, check, select_rules
from neighborparty.rules.context import Context
from neighborparty.rules.days import add_months, add_years
from neighborparty.rules.findings import Finding, Verdict
from neighborparty.rules.metrics import METRICS, Metrics
from neighborparty.rules.np import NP_CATALOGUE, all_rules, rule_by_code
from neighborparty.rules.parameters import DEFAULT_PARAMETERS, Confidence, Parameter, ParameterValue
from neighborparty.rules.policy import DEFAULT_POLICY, Policy
from neighborparty.rules.report import Report
from neighborparty.rules.rule import Rule, Threshold, rule
from neighborparty.rules.whatif import (
    Change,
    Comparison,
    TippingPoint,
    compare,
    sweep,
    tipping_parameters,
    tipping_points,
)

__all__ = [
    "DEFAULT_PARAMETERS",
    "DEFAULT_POLICY",
    "METRICS",
    "NP_CATALOGUE",
    "Catalogue",
    "Change",
    "Comparison",
    "Confidence",
    "Context",
    "Finding",
    "Metrics",
    "Parameter",
    "ParameterValue",
    "Policy",
    "Report",
    "Rule",
    "RuleDefinitionError",
    "Threshold",
    "TippingPoint",
    "UnknownParameterError",
    "UnknownRuleError",
    "Verdict",
    "add_months",
    "add_years",
    "all_rules",
    "as_of",
    "check",
    "compare",
    "rule",
    "rule_by_code",
    "select_rules",
    "sweep",
    "tipping_parameters",
    "tipping_points",
]
