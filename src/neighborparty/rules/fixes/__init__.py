"""Minimal fixes (最小整改): for a failing finding, the cheapest concrete edits that make it pass.

:meth:`Report.fixes <neighborparty.rules.Report.fixes>` asks for them. A fix is a few steps —
appoint a secretary, transfer a member's relation, extend a branch over a compound, form a
branch — with the edits that make them (data for :meth:`City.with_updates
<neighborparty.City.with_updates>` and :meth:`City.without <neighborparty.City.without>`) and
their cost under a cost model (:class:`Costs`). What fails and by how much is read from the
rule's condition; every fix returned has been verified by re-checking the edited city: the
finding passes, and no error-level finding fails that did not before. Rules whose failures no
branch can mend (a vote that did not carry) answer with the reason instead.

Examples:
    >>> from neighborparty import check, examples
    >>> report = check(examples.seed_city())
    >>> finding = report.findings_for("br-grid-old")[0]
    >>> finding.code, finding.failed
    ('NP103', True)
    >>> report.fixes(finding)
    Fixes(NP103 br-grid-old: no fix: br-grid-old lacks 2 full member(s) and only 0 full member(s) living in its compounds are registered elsewhere)
"""

from neighborparty.rules.fixes._edits import COST_KINDS, Costs, Edits, NewBranch, Step
from neighborparty.rules.fixes._fix import Fix, Fixes, fixes
from neighborparty.rules.fixes._remedies import NO_FIX, covered_rules

__all__ = [
    "COST_KINDS",
    "NO_FIX",
    "Costs",
    "Edits",
    "Fix",
    "Fixes",
    "NewBranch",
    "Step",
    "covered_rules",
    "fixes",
]
