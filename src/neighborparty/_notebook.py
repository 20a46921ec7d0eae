"""Notebook support: pandas tables and the HTML that Jupyter shows for reports and cities.

pandas is an optional dependency (the ``pandas`` extra): it is imported only when a table is
asked for, and a missing pandas raises an :class:`ImportError` that names the extra. Importing
this module imports neither pandas nor anything above the model layer, so the model may call
into it from a method.

The HTML is a summary, not a dump: a report on a city of any size shows one row per rule and
at most ``top`` findings; every text is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from neighborparty.model import City
    from neighborparty.points.scoring import Score
    from neighborparty.rules.check import Report
    from neighborparty.rules.findings import Finding
    from neighborparty.rules.whatif import Comparison

__all__ = [
    "LEVELS",
    "TOP",
    "changes_frame",
    "city_html",
    "comparison_html",
    "finding_html",
    "findings_frame",
    "metrics_frame",
    "report_html",
    "require_pandas",
    "scores_frame",
]

PANDAS_EXTRA = 'pip install "neighborparty[pandas]"'
"""The command that installs the optional pandas dependency."""

LEVELS = ("city", "district", "subdistrict", "community")
"""The levels of the place tree that metrics are gathered at, top down."""

TOP = 10
"""How many findings or changes the HTML of a report or comparison lists at most."""


def require_pandas() -> None:
    """Import pandas, or raise an :class:`ImportError` that names the extra to install.

    Raises:
        ImportError: pandas is not installed.

    Examples:
        >>> require_pandas()
        >>> import sys
        >>> "pandas" in sys.modules
        True
    """
    try:
        import pandas  # noqa: F401
    except ImportError as exc:
        raise ImportError(f"this table needs pandas: {PANDAS_EXTRA}") from exc


def _categorical(values: list[Any], categories: Sequence[str], *, ordered: bool) -> Any:
    import pandas as pd

    return pd.Categorical(values, categories=list(categories), ordered=ordered)


# --------------------------------------------------------------------------- tables


def findings_frame(
    report: Report, *, findings: str = "all", evidence: bool = False
) -> pd.DataFrame:
    """The findings of a report as a table, one row per finding (see ``Report.to_pandas``).

    Examples:
        >>> from neighborparty import check, examples
        >>> findings_frame(check(examples.seed_city(), select=["NP101"])).shape
        (4, 7)
    """
    require_pandas()
    import pandas as pd

    from neighborparty.model import Severity
    from neighborparty.rules.findings import Verdict

    if findings not in ("all", "failing"):
        raise ValueError(f"findings must be 'all' or 'failing', not {findings!r}")
    city = report.city
    chosen = [f for f in report.findings if findings == "all" or f.verdict is not Verdict.PASS]
    columns: dict[str, Any] = {
        "code": [f.code for f in chosen],
        "subject": [f.subject for f in chosen],
        "collection": [_collection(city, f.subject) for f in chosen],
        "verdict": _categorical(
            [f.verdict.value for f in chosen], [v.value for v in Verdict], ordered=False
        ),
        "severity": _categorical(
            [f.severity.value for f in chosen],
            [s.value for s in sorted(Severity, key=lambda s: s.rank)],
            ordered=True,
        ),
        "message": [f.message for f in chosen],
        "citation": [f.citation for f in chosen],
    }
    if evidence:
        columns["evidence"] = [dict(f.evidence) for f in chosen]
    return pd.DataFrame(columns)


def _collection(city: City, subject: str) -> str | None:
    if subject in city:
        return city.collection_of(subject)
    return "city" if subject == city.id else None


def metrics_frame(report: Report, *, level: str | None = None) -> pd.DataFrame:
    """The metrics of every place of a report as a table (see ``Report.metrics_frame``).

    Examples:
        >>> from neighborparty import check, examples
        >>> metrics_frame(check(examples.seed_city()), level="community").index.tolist()
        ['cm-jinan', 'cm-old']
    """
    require_pandas()
    import pandas as pd

    from neighborparty.rules.metrics import METRICS

    if level is not None and level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    metrics, city = report.metrics, report.city
    parent = {child: place for place, children in metrics.tree.items() for child in children}
    places = [p for p in metrics.values if level is None or metrics.levels[p] == level]
    columns: dict[str, Any] = {
        "level": _categorical([metrics.levels[p] for p in places], LEVELS, ordered=True),
        "name": [city.name if p == city.id else getattr(city.get(p), "name", p) for p in places],
        "parent": [parent.get(p) for p in places],
    }
    for name in METRICS:
        columns[name] = [metrics.values[p][name] for p in places]
    return pd.DataFrame(columns, index=pd.Index(places, name="place", dtype=object))


def changes_frame(comparison: Comparison) -> pd.DataFrame:
    """The changes of a comparison as a table (see ``Comparison.to_pandas``).

    Examples:
        >>> from neighborparty import DEFAULT_POLICY, compare, examples
        >>> changes_frame(compare(examples.seed_city(), DEFAULT_POLICY, DEFAULT_POLICY)).shape
        (0, 6)
    """
    require_pandas()
    import pandas as pd

    from neighborparty.rules.findings import Verdict

    changes = comparison.changes
    verdicts = [v.value for v in Verdict]

    def verdict(f: Finding | None) -> str | None:
        return None if f is None else f.verdict.value

    def message(f: Finding | None) -> str | None:
        return None if f is None else f.message

    return pd.DataFrame(
        {
            "code": [c.code for c in changes],
            "subject": [c.subject for c in changes],
            "verdict_before": _categorical(
                [verdict(c.before) for c in changes], verdicts, ordered=False
            ),
            "verdict_after": _categorical(
                [verdict(c.after) for c in changes], verdicts, ordered=False
            ),
            "message_before": [message(c.before) for c in changes],
            "message_after": [message(c.after) for c in changes],
        }
    )


def scores_frame(table: Mapping[str, Score]) -> pd.DataFrame:
    """A table of scores as a DataFrame (see :func:`neighborparty.points.scores_frame`).

    Examples:
        >>> from neighborparty import examples
        >>> from neighborparty.points import EXAMPLE_SCHEME, Period, scores
        >>> table = scores(examples.seed_city(), Period.quarter(2020, 3), EXAMPLE_SCHEME)
        >>> float(scores_frame(table).loc["p-chen", "total"])
        74.0
    """
    require_pandas()
    import pandas as pd

    entries = list(table.values())
    return pd.DataFrame(
        {
            "branch": [s.branch for s in entries],
            "period": [str(s.period) for s in entries],
            "base": [s.base for s in entries],
            "earned": [s.earned for s in entries],
            "cut": [s.cut for s in entries],
            "deducted": [s.deducted for s in entries],
            "total": [s.total for s in entries],
            "flag_below": [s.flag_below for s in entries],
            "flagged": [s.flagged for s in entries],
        },
        index=pd.Index([s.person for s in entries], name="person", dtype=object),
    )


# --------------------------------------------------------------------------- HTML


def _e(value: object) -> str:
    return html.escape(str(value))


def _table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _fields(pairs: Iterable[tuple[str, object]]) -> str:
    rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in pairs)
    return f"<table><tbody>{rows}</tbody></table>"


def _more(shown: int, total: int, noun: str, hint: str) -> str:
    if total <= shown:
        return ""
    return f"<p>… and {total - shown} more {_e(noun)}: {_e(hint)}</p>"


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
        f"<p><strong>Check of {_e(report.city.name)}</strong> ({_e(report.city.id)}) "
        f"on {_e(report.day.isoformat())}: {len(report.rules)} rules, "
        f"{len(failures)} failing finding{'s' if len(failures) != 1 else ''}</p>"
    )
    per_rule = _table(
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
        + _table(
            ("code", "severity", "subject", "message"),
            ((f.code, f.severity.value, f.subject, f.message) for f in worst),
        )
        + _more(len(worst), len(failures), "failing findings", "report.to_pandas() lists them all")
        if worst
        else ""
    )
    return f"<div>{head}{per_rule}{listed}</div>"


def finding_html(finding: Finding) -> str:
    """The HTML of a finding: its code, verdict, subject, message and citation.

    Examples:
        >>> from neighborparty import check, examples
        >>> finding = check(examples.seed_city(), select=["NP101"]).findings[0]
        >>> "c-jinan" in finding_html(finding)
        True
    """
    from neighborparty.rules.base import rule_by_code

    title = rule_by_code(finding.code).title_en
    return (
        "<div>"
        + _fields(
            (
                ("rule", f"{finding.code} {title}"),
                ("verdict", finding.verdict.value),
                ("severity", finding.severity.value),
                ("subject", finding.subject),
                ("message", finding.message),
                ("citation", finding.citation),
            )
        )
        + "</div>"
    )


def comparison_html(comparison: Comparison, *, top: int = TOP) -> str:
    """The HTML of a comparison: what changed per rule, then the first ``top`` changes.

    Examples:
        >>> from neighborparty import DEFAULT_POLICY, compare, examples
        >>> comparison_html(compare(examples.seed_city(), DEFAULT_POLICY, DEFAULT_POLICY))
        '<div><p><strong>0 subjects changed</strong> (parameters: none)</p></div>'
    """
    from neighborparty.rules.findings import Verdict

    changes = comparison.changes
    head = (
        f"<p><strong>{len(changes)} subject{'s' if len(changes) != 1 else ''} changed</strong> "
        f"(parameters: {_e(', '.join(comparison.changed_parameters) or 'none')})</p>"
    )
    if not changes:
        return f"<div>{head}</div>"
    rows = []
    for code, group in comparison.by_rule().items():
        failing = sum(1 for c in group if c.after is not None and c.after.failed)
        passing = sum(1 for c in group if c.after is not None and c.after.verdict is Verdict.PASS)
        rows.append((code, failing, passing, len(group) - failing - passing))
    per_rule = _table(("code", "now failing", "now passing", "other"), rows)

    def verdict(f: Finding | None) -> str:
        return "—" if f is None else f.verdict.value

    first = changes[:top]
    listed = _table(
        ("code", "subject", "before", "after"),
        ((c.code, c.subject, verdict(c.before), verdict(c.after)) for c in first),
    ) + _more(len(first), len(changes), "changes", "comparison.to_pandas() lists them all")
    return f"<div>{head}{per_rule}{listed}</div>"


def city_html(city: City) -> str:
    """The HTML of a city: its name and id, and how many entities each collection holds.

    Empty collections are left out.

    Examples:
        >>> from neighborparty import examples
        >>> "<td>4</td>" in city_html(examples.seed_city())  # 4 compounds
        True
    """
    head = f"<p><strong>{_e(city.name)}</strong> ({_e(city.id)})</p>"
    rows = [(name, n) for name, n in city.counts().items() if n]
    return f"<div>{head}{_table(('collection', 'count'), rows)}</div>"
