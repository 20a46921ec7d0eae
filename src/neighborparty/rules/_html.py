"""The HTML a notebook shows for reports and comparisons: a summary, not a dump.

A report on a city of any size shows one row per rule and at most ``top`` findings; every text
is escaped. A finding shows itself (:meth:`Finding._repr_html_
<neighborparty.rules.Finding._repr_html_>`); a city is shown by :mod:`neighborparty.model._html`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from neighborparty.model._html import escape, more, table
from neighborparty.rules.findings import Finding, Verdict

if TYPE_CHECKING:
    from neighborparty.rules.report import Report
    from neighborparty.rules.whatif import Comparison

__all__ = ["TOP", "comparison_html", "report_html"]

TOP = 10
"""How many findings or changes the HTML of a report or comparison lists at most."""


def report_html(report: Report, *, top: int = TOP) -> str:
    """The HTML of a report: its city and day, counts per rule, the ``top`` worst failures.

    Failures are listed by severity, worst first, then in the report's order.

    Examples:
        >>> from neighborparty import check, examples
        >>> report_html(check(examples.seed_city(), select=["NP101"])).startswith("<div>")
        True
    """
    counts = report.counts()
    rules = {r.code: r for r in report.policy.rules}
    failures = sorted(report.failures(), key=lambda f: -f.severity.rank)
    head = (
        f"<p><strong>Check of {escape(report.city.name)}</strong> ({escape(report.city.id)}) "
        f"on {escape(report.day.isoformat())}: {len(report.rules)} rules, "
        f"{len(failures)} failing finding{'s' if len(failures) != 1 else ''}</p>"
    )
    per_rule = table(
        ("code", "severity", "pass", "fail", "undetermined", "title"),
        (
            (
                code,
                rules[code].severity.value if code in rules else "",
                counts[code]["pass"],
                counts[code]["fail"],
                counts[code]["undetermined"],
                rules[code].title_en if code in rules else "",
            )
            for code in report.rules
        ),
    )
    worst = failures[:top]
    listed = (
        f"<p>Failing findings, worst first ({len(worst)} of {len(failures)}):</p>"
        + table(
            ("code", "severity", "subject", "message"),
            ((f.code, f.severity.value, f.subject, f.message) for f in worst),
        )
        + more(len(worst), len(failures), "failing findings", "report.to_pandas() lists them all")
        if worst
        else ""
    )
    return f"<div>{head}{per_rule}{listed}</div>"


def comparison_html(comparison: Comparison, *, top: int = TOP) -> str:
    """The HTML of a comparison: what changed per rule, then the first ``top`` changes.

    Examples:
        >>> from neighborparty import DEFAULT_POLICY, compare, examples
        >>> comparison_html(compare(examples.seed_city(), DEFAULT_POLICY, DEFAULT_POLICY))
        '<div><p><strong>0 subjects changed</strong> (parameters: none)</p></div>'
    """
    changes = comparison.changes
    head = (
        f"<p><strong>{len(changes)} subject{'s' if len(changes) != 1 else ''} changed</strong> "
        f"(parameters: {escape(', '.join(comparison.changed_parameters) or 'none')})</p>"
    )
    if not changes:
        return f"<div>{head}</div>"
    rows = []
    for code, group in comparison.by_rule().items():
        failing = sum(1 for c in group if c.after is not None and c.after.failed)
        passing = sum(1 for c in group if c.after is not None and c.after.verdict is Verdict.PASS)
        rows.append((code, failing, passing, len(group) - failing - passing))
    per_rule = table(("code", "now failing", "now passing", "other"), rows)

    def verdict(f: Finding | None) -> str:
        return "—" if f is None else f.verdict.value

    first = changes[:top]
    listed = table(
        ("code", "subject", "before", "after"),
        ((c.code, c.subject, verdict(c.before), verdict(c.after)) for c in first),
    ) + more(len(first), len(changes), "changes", "comparison.to_pandas() lists them all")
    return f"<div>{head}{per_rule}{listed}</div>"
