"""Tables (:mod:`neighborparty.frames`): pandas tables of reports, comparisons and scores, and
pandas imported only when a table is asked for."""

import subprocess
import sys
from collections import Counter

import pytest

from neighborparty import DEFAULT_POLICY, City, Report, Severity, compare
from neighborparty.points import EXAMPLE_SCHEME, Period, scores, scores_frame
from neighborparty.rules import METRICS, Comparison, Verdict
from tests._helpers import parsed, text_of

pd = pytest.importorskip("pandas")


# --------------------------------------------------------------------------- lazy pandas


def test_importing_the_library_imports_no_pandas() -> None:
    code = (
        "import sys, neighborparty, neighborparty.frames\n"
        "city = neighborparty.examples.seed_city()\n"
        "report = neighborparty.check(city)\n"
        "report._repr_html_(), city._repr_html_(), report.findings[0]._repr_html_()\n"
        "assert 'pandas' not in sys.modules, 'pandas imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    "make",
    [
        lambda r, c, t: r.to_pandas(),
        lambda r, c, t: r.metrics_frame(),
        lambda r, c, t: c.to_pandas(),
        lambda r, c, t: scores_frame(t),
    ],
    ids=["Report.to_pandas", "Report.metrics_frame", "Comparison.to_pandas", "scores_frame"],
)
def test_without_pandas_a_table_raises_an_import_error_naming_the_extra(
    monkeypatch: pytest.MonkeyPatch, report: Report, comparison: Comparison, make: object
) -> None:
    table = scores(report.city, Period.quarter(2020, 3), EXAMPLE_SCHEME)
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r'pip install "neighborparty\[pandas\]"'):
        make(report, comparison, table)  # type: ignore[operator]


def test_without_pandas_the_html_still_renders(
    monkeypatch: pytest.MonkeyPatch, report: Report, comparison: Comparison
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    assert report.city.id in text_of(report._repr_html_())
    assert "2 subjects changed" in text_of(comparison._repr_html_())
    city_view = parsed(report.city._repr_html_())
    assert report.city.id in " ".join(city_view.text)
    assert city_view.tags["tr"] == 1 + sum(1 for n in report.city.counts().values() if n)
    finding = report.findings[0]
    shown = text_of(finding._repr_html_())
    assert finding.code in shown
    assert finding.subject in shown


# --------------------------------------------------------------------------- tables


@pytest.mark.parametrize("which", ["seed", "synthetic"])
def test_the_findings_table_has_a_row_per_finding_that_adds_up_to_the_counts(
    which: str, report: Report, big_report: Report
) -> None:
    chosen = report if which == "seed" else big_report
    frame = chosen.to_pandas()
    assert list(frame.columns) == [
        "code",
        "subject",
        "collection",
        "verdict",
        "severity",
        "message",
        "citation",
    ]
    assert len(frame) == len(chosen.findings)
    assert isinstance(frame.index, pd.RangeIndex)
    tally = Counter(zip(frame["code"], frame["verdict"], strict=True))
    assert {
        code: {v.value: tally[code, v.value] for v in Verdict} for code in chosen.rules
    } == chosen.counts()
    assert frame["verdict"].value_counts().to_dict() == {
        v.value: sum(c[v.value] for c in chosen.counts().values()) for v in Verdict
    }
    assert list(frame["subject"]) == [f.subject for f in chosen.findings]
    assert list(frame["message"]) == [f.message for f in chosen.findings]


def test_verdict_and_severity_are_categoricals_in_their_natural_order(report: Report) -> None:
    frame = report.to_pandas()
    assert list(frame["verdict"].cat.categories) == ["pass", "fail", "undetermined"]
    assert list(frame["severity"].cat.categories) == ["info", "warning", "error"]
    assert frame["severity"].cat.ordered
    serious = frame[frame["severity"] >= "warning"]
    assert len(serious) == sum(1 for f in report.findings if f.severity is not Severity.INFO)


def test_the_findings_table_names_each_subjects_collection(report: Report) -> None:
    frame = report.to_pandas().set_index(["code", "subject"])
    assert frame.loc[("NP101", "c-jinan"), "collection"] == "compounds"
    assert frame.loc[("NP105", "xm-demo"), "collection"] == "city"
    assert frame.loc[("NP201", "br-jinan"), "collection"] == "organizations"


def test_the_failing_table_leaves_out_passes_and_evidence_is_on_request(report: Report) -> None:
    failing = report.to_pandas(findings="failing", evidence=True)
    expected = [f for f in report.findings if f.verdict is not Verdict.PASS]
    assert len(failing) == len(expected)
    assert list(failing["evidence"]) == [dict(f.evidence) for f in expected]
    assert "evidence" not in report.to_pandas().columns
    with pytest.raises(ValueError, match="findings must be"):
        report.to_pandas(findings="some")


def test_the_metrics_table_holds_every_places_metrics(big_report: Report) -> None:
    frame = big_report.metrics_frame()
    metrics, city = big_report.metrics, big_report.city
    assert list(frame.columns) == ["level", "name", "parent", *METRICS]
    assert list(frame.index) == list(metrics.values)
    assert frame.index.name == "place"
    assert frame[list(METRICS)].to_dict(orient="index") == metrics.values
    assert frame.loc[city.id, "name"] == city.name
    assert pd.isna(frame.loc[city.id, "parent"])
    for place in frame.index:
        for child in metrics.children(place):
            assert frame.loc[child, "parent"] == place
    assert dict(Counter(frame["level"])) == dict(Counter(metrics.levels.values()))


def test_the_metrics_table_of_one_level(report: Report) -> None:
    frame = report.metrics_frame(level="community")
    assert list(frame.index) == ["cm-jinan", "cm-old"]
    assert set(frame["level"]) == {"community"}
    assert list(frame["name"]) == [report.city.get(p).name for p in frame.index]  # type: ignore[union-attr]
    assert frame.to_dict(orient="index")["cm-jinan"]["compounds"] == 3
    with pytest.raises(ValueError, match="level must be one of city, district"):
        report.metrics_frame(level="compound")


def test_the_changes_table_has_a_row_per_change(comparison: Comparison) -> None:
    frame = comparison.to_pandas()
    assert frame.to_dict(orient="records") == [
        {
            "code": c.code,
            "subject": c.subject,
            "verdict_before": c.before.verdict.value,  # type: ignore[union-attr]
            "verdict_after": c.after.verdict.value,  # type: ignore[union-attr]
            "message_before": c.before.message,  # type: ignore[union-attr]
            "message_after": c.after.message,  # type: ignore[union-attr]
        }
        for c in comparison.changes
    ]
    assert list(frame["verdict_after"].cat.categories) == ["pass", "fail", "undetermined"]


def test_an_empty_comparison_gives_an_empty_table(city: City) -> None:
    frame = compare(city, DEFAULT_POLICY, DEFAULT_POLICY).to_pandas()
    assert frame.shape == (0, 6)


def test_the_scores_table_holds_every_score(city: City) -> None:
    table = scores(city, Period.year(2020), EXAMPLE_SCHEME)
    frame = scores_frame(table)
    assert list(frame.index) == list(table)
    assert frame.index.name == "person"
    assert list(frame.columns) == [
        "branch",
        "period",
        "base",
        "earned",
        "cut",
        "deducted",
        "total",
        "flag_below",
        "flagged",
    ]
    assert frame.fillna({"branch": "none"}).to_dict(orient="index") == {
        s.person: {
            "branch": s.branch or "none",
            "period": "2020",
            "base": s.base,
            "earned": s.earned,
            "cut": s.cut,
            "deducted": s.deducted,
            "total": s.total,
            "flag_below": s.flag_below,
            "flagged": s.flagged,
        }
        for s in table.values()
    }
    assert frame["flagged"].sum() == sum(s.flagged for s in table.values()) > 0
    assert frame["branch"].isna().sum() == sum(s.branch is None for s in table.values()) > 0
