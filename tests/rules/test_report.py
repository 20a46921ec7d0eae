"""Reports: counts, summaries and documents that add up, metrics that roll up the place tree,
findings placed in compounds, communities and up, and reports that travel to other processes."""

from __future__ import annotations

import json
import pickle
from collections import Counter
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neighborparty import City, Severity, Verdict, check, examples, synth
from neighborparty.errors import InvalidArgumentError, UnknownIdError
from neighborparty.rules import METRICS, Report
from neighborparty.rules.locate import ancestors, places_of
from neighborparty.strategies import cities
from tests.rules._helpers import CODES, ON, PASS, seed, unrecorded

# --------------------------------------------------------------------------- reports

RATES = frozenset({"organization_coverage", "work_coverage"})
PEOPLE = frozenset(
    {
        "secretary_chairs",
        "member_chairs",
        "members_on_committees",
        "cadre_secretaries",
        "in_service_reported",
    }
)
COUNTS = tuple(name for name in METRICS if name not in RATES)


def assert_rolls_up(report: Report, place: str) -> None:
    """A place's counts are its parts' sums — people, counted once per place however many
    places they serve, at most that — and its coverage rates are its own counts' ratios; down to
    the communities."""
    metrics = report.metrics
    here = metrics.at(place)
    parts = metrics.children(place)
    for name in COUNTS if parts else ():
        total = sum(metrics.at(p)[name] for p in parts)
        if name in PEOPLE:
            assert here[name] <= total, name
        else:
            assert here[name] == total, name
    compounds = here["compounds"]
    assert here["organization_coverage"] == (here["organized"] / compounds if compounds else 1.0)
    assert here["work_coverage"] == (here["worked"] / compounds if compounds else 1.0)
    for part in parts:
        assert_rolls_up(report, part)


def assert_city_is_its_districts_sum(report: Report) -> None:
    """Every count at the city is the sum over its districts (people too, with one district)."""
    metrics = report.metrics
    districts = metrics.children(report.city.id)
    assert districts == tuple(d.id for d in report.city.districts)
    if len(districts) == 1:
        sums = {n: sum(metrics.at(d)[n] for d in districts) for n in COUNTS}
        assert {n: metrics.at(report.city.id)[n] for n in COUNTS} == sums


def assert_report_adds_up(report: Report) -> None:
    counts = report.counts()
    assert list(counts) == list(report.rules)
    per_rule = Counter(f.code for f in report.findings)
    assert {code: sum(c.values()) for code, c in counts.items()} == {
        code: per_rule[code] for code in report.rules
    }
    summary = report.summary()
    assert all(code in summary for code in report.rules)
    json.dumps(report.to_dict(), ensure_ascii=False)
    failing = report.to_dict(findings="failing")
    json.dumps(failing)
    assert [f["verdict"] for f in failing["findings"]] == [
        f.verdict.value for f in report.findings if f.verdict is not PASS
    ]
    assert len(report.to_dict()["findings"]) == len(report.findings)


@given(cities(max_size=3), st.sampled_from([ON, None]))
def test_reports_add_up(city: City, on: date | None) -> None:
    report = check(city, on=on)
    assert list(report.rules) == CODES
    assert_report_adds_up(report)
    assert_rolls_up(report, city.id)
    assert_city_is_its_districts_sum(report)


def test_the_seeds_report_adds_up() -> None:
    report = check(seed(), on=ON)
    assert_report_adds_up(report)
    assert_rolls_up(report, "xm-demo")
    assert_city_is_its_districts_sum(report)
    metrics = report.metrics
    assert metrics.children("s-1") == ("cm-jinan", "cm-old")
    assert {n: metrics.at("s-1")[n] for n in COUNTS} == {
        n: metrics.at("cm-jinan")[n] + metrics.at("cm-old")[n] for n in COUNTS
    }
    assert metrics.at("xm-demo")["compounds"] == 4
    assert metrics.at("xm-demo")["secretary_chairs"] == 1


def test_a_report_names_its_day_and_counts_every_verdict() -> None:
    report = check(unrecorded(), on=ON)
    summary = report.summary()
    assert summary.splitlines()[0].startswith(
        "Check of 厦门 (seed examples) (xm-demo) on 2020-10-26"
    )
    totals = Counter(f.verdict.value for f in report.findings)
    assert {
        v: sum(c[v] for c in report.counts().values()) for v in ("pass", "fail", "undetermined")
    } == {v: totals[v] for v in ("pass", "fail", "undetermined")}
    doc = report.to_dict(findings="failing")
    assert {f["verdict"] for f in doc["findings"]} == {"fail", "undetermined"}
    assert json.loads(json.dumps(doc, ensure_ascii=False))["counts"] == report.counts()
    with pytest.raises(ValueError, match="failing"):
        report.to_dict(findings="passing")
    assert all(f.severity is Severity.ERROR for f in report.failures(severity=Severity.ERROR))


# --------------------------------------------------------------------------- places


@pytest.fixture(scope="module")
def synthetic_report() -> Report:
    return check(synth.city(seed=2, scale=0.03))


def test_the_city_holds_every_finding_whose_subject_lies_somewhere(
    synthetic_report: Report,
) -> None:
    city = synthetic_report.city
    placed = [f for f in synthetic_report.findings if places_of(city, f.subject)]
    assert synthetic_report.findings_in(city.id) == tuple(placed)
    unplaced = {f.subject for f in synthetic_report.findings} - {f.subject for f in placed}
    assert all(city.collection_of(s) == "units" and city.get(s).community is None for s in unplaced)  # type: ignore[union-attr]


def test_a_community_holds_its_compounds_findings_and_its_own(synthetic_report: Report) -> None:
    city = synthetic_report.city
    for community in city.communities[:10]:
        inside = set(synthetic_report.findings_in(community.id))
        below = {
            f for c in city.compounds_in(community.id) for f in synthetic_report.findings_in(c.id)
        }
        assert below <= inside
        for f in inside - below:
            # What is found of the community but of none of its compounds lies in it directly.
            assert community.id in places_of(city, f.subject)


def test_failures_by_level_add_up_to_the_city(synthetic_report: Report) -> None:
    city = synthetic_report.city
    total = synthetic_report.failures_by("city")[city.id]
    assert total["total"] == sum(1 for f in synthetic_report.findings_in(city.id) if f.failed)
    for level in ("district", "subdistrict", "community"):
        table = synthetic_report.failures_by(level)
        # No subject of this city spans two districts, sub-districts or communities.
        assert (
            sum(t["total"] for t in table.values())
            + sum(
                1
                for f in synthetic_report.findings_in(city.id)
                if f.failed and _above(synthetic_report, f.subject, level)
            )
            == total["total"]
        )


def _above(report: Report, subject: str, level: str) -> bool:
    order = ["compounds", "communities", "subdistricts", "districts"]
    city = report.city
    if subject == city.id:
        return True
    kind = city.collection_of(places_of(city, subject)[0])
    wanted = {"community": "communities", "subdistrict": "subdistricts", "district": "districts"}
    return order.index(kind) > order.index(wanted[level])


def test_worst_ranks_errors_first_then_ids(synthetic_report: Report) -> None:
    table = synthetic_report.failures_by("compound")
    ranked = synthetic_report.worst(len(table))
    keys = [(-table[p]["error"], -table[p]["warning"], -table[p]["info"], p) for p, _ in ranked]
    assert keys == sorted(keys)
    assert [n for _, n in ranked] == [table[p]["total"] for p, _ in ranked]
    assert all(n > 0 for _, n in ranked)
    assert {p for p, t in table.items() if t["total"]} == {p for p, _ in ranked}


def test_a_joint_branch_counts_in_each_of_its_compounds() -> None:
    report = check(examples.seed_city(), select=["NP103"], on=None)
    assert places_of(report.city, "br-joint") == ("c-east", "c-west")
    assert ancestors(report.city, "c-west")[-1] == "xm-demo"


def test_unknown_places_and_levels_are_refused() -> None:
    report = check(examples.seed_city())
    with pytest.raises(UnknownIdError):
        report.findings_in("c-nowhere")
    with pytest.raises(ValueError, match="level must be one of compound, community"):
        report.failures_by("province")


@settings(max_examples=25, deadline=None)
@given(cities(max_size=3))
def test_every_compound_finding_is_also_its_communitys(city) -> None:  # type: ignore[no-untyped-def]
    report = check(city)
    for compound in city.compounds:
        assert set(report.findings_in(compound.id)) <= set(report.findings_in(compound.community))


# --------------------------------------------------------------------------- pickles and reprs


def test_reports_pickle_for_process_pools(report: Report) -> None:
    """Rules did not pickle (they hold the functions that judge), so neither did a report, and
    reports could not come back from a process pool. A rule pickles as its code."""
    again = pickle.loads(pickle.dumps(report))
    assert again.counts() == report.counts()


def test_plain_reprs_of_a_big_report_stay_short(big_report: Report) -> None:
    assert len(repr(big_report)) < 1000
    assert len(repr(big_report.city)) < 1000
    assert max(len(repr(f)) for f in big_report.findings) < 1000


@settings(max_examples=40)
@given(cities(), st.sampled_from(["all", "failing"]), st.sampled_from([None, 0, 1, 2, 4]))
def test_the_json_in_parts_joins_to_the_json_of_the_plain_data(
    city: City, findings: str, indent: int | None
) -> None:
    report = check(city)
    parts = list(report.iter_json(findings=findings, indent=indent))
    assert "".join(parts) == json.dumps(
        report.to_dict(findings=findings), ensure_ascii=False, indent=indent
    )
    wanted = () if findings == "all" else (Verdict.FAIL, Verdict.UNDETERMINED)
    shown = sum(1 for _ in report.iter_findings(*wanted))
    assert len(parts) == shown + 2  # the head, a part per finding, the tail


@pytest.mark.parametrize("indent", [-1, "  ", True, 2.0])
def test_an_indent_that_is_not_a_count_of_spaces_is_refused(indent: object) -> None:
    with pytest.raises(InvalidArgumentError, match="indent must be a count of spaces or None"):
        check(examples.seed_city(), select=["NP103"]).iter_json(indent=indent)  # type: ignore[arg-type]
