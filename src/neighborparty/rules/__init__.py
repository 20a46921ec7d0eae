"""Policy rules: dated parameters, the NP catalogue, checks, findings and reports.

Examples:
    >>> from neighborparty import examples, rules
    >>> report = rules.check(examples.seed_city(), select=["NP10"])
    >>> sorted({(f.code, f.subject) for f in report.failures()})[:2]
    [('NP103', 'br-grid-old'), ('NP105', 'cm-old')]
"""

from neighborparty.rules.base import Context, Rule, Threshold, all_rules, rule_by_code
from neighborparty.rules.check import Report, as_of, check, select_rules
from neighborparty.rules.findings import Finding, Verdict
from neighborparty.rules.metrics import METRICS, Metrics
from neighborparty.rules.parameters import (
    DEFAULT_PARAMETERS,
    Confidence,
    Parameter,
    ParameterValue,
    UnknownParameterError,
)
from neighborparty.rules.policy import DEFAULT_POLICY, Policy
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
    "Threshold",
    "TippingPoint",
    "UnknownParameterError",
    "Verdict",
    "all_rules",
    "as_of",
    "check",
    "compare",
    "rule_by_code",
    "select_rules",
    "sweep",
    "tipping_parameters",
    "tipping_points",
]
