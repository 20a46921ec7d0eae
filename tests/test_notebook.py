"""Notebook support: pandas tables of reports, comparisons and scores, and HTML summaries."""

import subprocess
import sys
from collections import Counter
from datetime import date
from html.parser import HTMLParser

import attrs
import pytest

from neighborparty import DEFAULT_POLICY, City, Report, Severity, check, compare, examples, synth
from neighborparty.points import EXAMPLE_SCHEME, Period, scores, scores_frame
from neighborparty.rules import METRICS, Comparison, Verdict

pd = pytest.importorskip("pandas")

REFORM = DEFAULT_POLICY.with_parameters({"branch.min_full_members": 4}, effective=date(2020, 1, 1))


@pytest.fixture(scope="module")
def city() -> City:
    return examples.seed_city()


@pytest.fixture(scope="module")
def report(city: City) -> Report:
    return check(city)


@pytest.fixture(scope="module")
def big_report() -> Report:
    return check(synth.city(seed=1, scale=0.02))


@pytest.fixture(scope="module")
def comparison(city: City) -> Comparison:
    return compare(city, DEFAULT_POLICY, REFORM)


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
    assert report._repr_html_()
    assert comparison._repr_html_()
    assert report.city._repr_html_()
    assert report.findings[0]._repr_html_()


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


# --------------------------------------------------------------------------- HTML

VOID = {"br", "hr", "img", "input", "meta", "link", "col", "wbr"}


class _WellFormed(HTMLParser):
    """Checks that every start tag is closed, in order; collects the text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.text: list[str] = []
        self.tags: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attributes: object) -> None:
        self.tags[tag] += 1
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open, f"</{tag}> closes nothing"
        assert self.open[-1] == tag, f"</{tag}> closes <{self.open[-1]}>"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(markup: str) -> _WellFormed:
    parser = _WellFormed()
    parser.feed(markup)
    parser.close()
    assert parser.open == [], f"unclosed: {parser.open}"
    return parser


def text_of(markup: str) -> str:
    return " ".join(parsed(markup).text)


def test_the_report_html_shows_the_city_the_day_and_the_counts_per_rule(report: Report) -> None:
    text = text_of(report._repr_html_())
    assert report.city.name in text
    assert report.city.id in text
    assert "2020-10-08" in text
    assert f"{len(report.failures())} failing findings" in text
    for code in report.rules:
        assert code in text
    worst = sorted(report.failures(), key=lambda f: -f.severity.rank)[0]
    assert worst.message in text


def test_the_report_html_of_a_big_city_stays_small(big_report: Report) -> None:
    markup = big_report._repr_html_()
    rows = parsed(markup).tags["tr"]
    assert len(big_report.failures()) > 100
    assert rows <= 2 + len(big_report.rules) + 10
    assert len(markup) < 20_000
    assert f"and {len(big_report.failures()) - 10} more failing findings" in text_of(markup)


def test_the_finding_html_shows_its_facts(report: Report) -> None:
    finding = report.failures()[0]
    text = text_of(finding._repr_html_())
    for fact in (finding.code, finding.subject, finding.verdict.value, finding.citation):
        assert fact in text
    assert finding.message in text


def test_the_comparison_html_summarises_per_rule(comparison: Comparison) -> None:
    text = text_of(comparison._repr_html_())
    assert "2 subjects changed" in text
    assert "branch.min_full_members" in text
    assert "br-jinan" in text
    assert "NP103" in text


def test_the_city_html_shows_its_name_id_and_counts(city: City) -> None:
    parser = parsed(city._repr_html_())
    text = " ".join(parser.text)
    assert city.name in text
    assert city.id in text
    assert parser.tags["tr"] == 1 + sum(1 for n in city.counts().values() if n)


def test_names_are_escaped(city: City) -> None:
    odd = attrs.evolve(city, name="<b>Xiamen</b> & co")
    markup = odd._repr_html_()
    assert "<b>" not in markup
    assert "&lt;b&gt;Xiamen&lt;/b&gt; &amp; co" in markup
    assert odd.name in text_of(markup)
    assert "<b>" not in check(odd)._repr_html_()


def test_plain_reprs_stay_short(report: Report, comparison: Comparison, big_report: Report) -> None:
    assert len(repr(big_report)) < 1000
    assert len(repr(big_report.city)) < 1000
    assert max(len(repr(f)) for f in big_report.findings) < 1000
    assert repr(comparison) == (
        "Comparison(changed_parameters=('branch.min_full_members',), rules=('NP103',), changes=2)"
    )
