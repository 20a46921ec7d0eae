"""The pandas tables of reports and comparisons (the ``pandas`` extra, imported when a table is
asked for); :mod:`neighborparty.frames` is their public home."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from neighborparty.errors import InvalidArgumentError
from neighborparty.model import City, Severity
from neighborparty.model._frames import categorical, require_pandas
from neighborparty.rules.findings import Finding, Verdict
from neighborparty.rules.metrics import METRICS

if TYPE_CHECKING:
    import pandas as pd

    from neighborparty.rules.report import Report
    from neighborparty.rules.whatif import Comparison

__all__ = ["LEVELS", "changes_frame", "findings_frame", "metrics_frame"]

LEVELS = ("city", "district", "subdistrict", "community")
"""The levels of the place tree that metrics are gathered at, top down."""


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

    if findings not in ("all", "failing"):
        raise InvalidArgumentError(f"findings must be 'all' or 'failing', not {findings!r}")
    city = report.city
    chosen = (
        report.findings
        if findings == "all"
        else tuple(report.iter_findings(Verdict.FAIL, Verdict.UNDETERMINED))
    )
    columns: dict[str, Any] = {
        "code": [f.code for f in chosen],
        "subject": [f.subject for f in chosen],
        "collection": [_collection(city, f.subject) for f in chosen],
        "verdict": categorical(
            [f.verdict.value for f in chosen], [v.value for v in Verdict], ordered=False
        ),
        "severity": categorical(
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

    if level is not None and level not in LEVELS:
        raise InvalidArgumentError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    metrics, city = report.metrics, report.city
    parent = {child: place for place, children in metrics.tree.items() for child in children}
    places = [p for p in metrics.values if level is None or metrics.levels[p] == level]
    columns: dict[str, Any] = {
        "level": categorical([metrics.levels[p] for p in places], LEVELS, ordered=True),
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
            "verdict_before": categorical(
                [verdict(c.before) for c in changes], verdicts, ordered=False
            ),
            "verdict_after": categorical(
                [verdict(c.after) for c in changes], verdicts, ordered=False
            ),
            "message_before": [message(c.before) for c in changes],
            "message_after": [message(c.after) for c in changes],
        }
    )
