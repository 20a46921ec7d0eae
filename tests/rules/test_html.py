"""The HTML a notebook shows for reports, findings and comparisons: a summary, not a dump,
well-formed and escaped."""

import attrs

from neighborparty import City, Report, check
from neighborparty.rules import Comparison
from tests._helpers import parsed, text_of


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


def test_a_report_escapes_the_city_name(city: City) -> None:
    odd = attrs.evolve(city, name="<b>Xiamen</b> & co")
    markup = check(odd)._repr_html_()
    assert "<b>" not in markup
    assert odd.name in text_of(markup)
