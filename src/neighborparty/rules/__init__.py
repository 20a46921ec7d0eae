"""Policy rules: dated parameters, the NP catalogue, checks, findings and reports.

Examples:
    >>> from neighborparty import examples, rules
    >>> report = rules.check(examples.seed_city(), select=["NP10"])
    >>> sorted({(f.code, f.subject) for f in report.failures()})[:2]
    [('NP103', 'br-grid-old'), ('NP105', 'cm-old')]
"""

from neighborparty.errors import RuleDefinitionError, UnknownParameterError, UnknownRuleError
from neighborparty.rules.catalogue import Catalogue
from neighborparty.rules.catalogues import catalogues, load_catalogue
from neighborparty.rules.check import as_of, check, select_rules
from neighborparty.rules.conditions import (
    Condition,
    all_of,
    any_of,
    at_least,
    at_most,
    between,
    less_than,
    more_than,
    present,
    share_at_least,
    share_more_than,
    span_at_least,
    span_at_most,
    span_less_than,
    until,
    when,
)
from neighborparty.rules.context import Context
from neighborparty.rules.coverage import Coverage, coverage
from neighborparty.rules.days import add_months, add_years, span_end
from neighborparty.rules.deadlines import Deadline, DeadlineStatus, deadlines
from neighborparty.rules.findings import Finding, Verdict
from neighborparty.rules.fixes import Costs, Edits, Fix, Fixes
from neighborparty.rules.metrics import METRICS, Metrics
from neighborparty.rules.np import NP_CATALOGUE, all_rules, rule_by_code
from neighborparty.rules.parameters import DEFAULT_PARAMETERS, Confidence, Parameter, ParameterValue
from neighborparty.rules.plan import CoveragePlan, plan_coverage
from neighborparty.rules.policy import DEFAULT_POLICY, Policy
from neighborparty.rules.reads import SUBJECT_KINDS
from neighborparty.rules.report import Report
from neighborparty.rules.rule import Rule, Threshold, Version, rule
from neighborparty.rules.whatif import (
    Change,
    Comparison,
    Provisions,
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
    "SUBJECT_KINDS",
    "Catalogue",
    "Change",
    "Comparison",
    "Condition",
    "Confidence",
    "Context",
    "Costs",
    "Coverage",
    "CoveragePlan",
    "Deadline",
    "DeadlineStatus",
    "Edits",
    "Finding",
    "Fix",
    "Fixes",
    "Metrics",
    "Parameter",
    "ParameterValue",
    "Policy",
    "Provisions",
    "Report",
    "Rule",
    "RuleDefinitionError",
    "Threshold",
    "TippingPoint",
    "UnknownParameterError",
    "UnknownRuleError",
    "Verdict",
    "Version",
    "add_months",
    "add_years",
    "all_of",
    "all_rules",
    "any_of",
    "as_of",
    "at_least",
    "at_most",
    "between",
    "catalogues",
    "check",
    "compare",
    "coverage",
    "deadlines",
    "less_than",
    "load_catalogue",
    "more_than",
    "plan_coverage",
    "present",
    "rule",
    "rule_by_code",
    "select_rules",
    "share_at_least",
    "share_more_than",
    "span_at_least",
    "span_at_most",
    "span_end",
    "span_less_than",
    "sweep",
    "tipping_parameters",
    "tipping_points",
    "until",
    "when",
]
