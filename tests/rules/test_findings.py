"""Findings: each reads as a sentence and a paragraph in English and Chinese, carries its rule's
severity and citation, and is undetermined only for a rule that needs a fact."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborparty import City, Finding, Severity, Verdict, check, synth
from neighborparty.cli._text import format_footer
from neighborparty.rules import rule_by_code
from neighborparty.strategies import cities
from tests.rules._helpers import (
    ON,
    UNDETERMINABLE,
    UNDETERMINED,
    UNDETERMINED_BY_DAY,
    assert_renders,
)


@given(cities(max_size=3), st.sampled_from([ON, None]))
def test_on_generated_cities_findings_render_and_only_rules_needing_a_fact_are_undetermined(
    city: City, on: date | None
) -> None:
    for f in check(city, on=on).findings:
        assert_renders(f)
        assert (f.severity, f.citation) == (
            rule_by_code(f.code).severity,
            rule_by_code(f.code).version_for(f.evidence).citation,
        )
        if f.verdict is UNDETERMINED:
            assert f.code in UNDETERMINABLE | UNDETERMINED_BY_DAY


# --------------------------------------------------------------------------- findings one at a time

VERDICT_SETS = st.lists(st.sampled_from(list(Verdict)), unique=True, max_size=3)
SEVERITIES = st.sampled_from([None, *Severity])


def chosen(
    findings: tuple[Finding, ...], verdicts: list[Verdict], severity: Severity | None
) -> list[Finding]:
    """The findings of some verdicts (none: all) at or above a severity, picked from all."""
    floor = -1 if severity is None else severity.rank
    return [
        f for f in findings if (not verdicts or f.verdict in verdicts) and f.severity.rank >= floor
    ]


@given(cities(max_size=3), VERDICT_SETS, SEVERITIES, st.booleans())
def test_iter_findings_picks_what_filtering_every_finding_picks_in_its_order(
    city: City, verdicts: list[Verdict], severity: Severity | None, made_first: bool
) -> None:
    report = check(city, on=ON)
    if made_first:  # the findings already made: the same objects are given
        made = report.findings
        picked = list(report.iter_findings(*verdicts, severity=severity))
        assert all(any(p is f for f in made) for p in picked)
    else:
        picked = list(report.iter_findings(*verdicts, severity=severity))
    assert picked == chosen(check(city, on=ON).findings, verdicts, severity)
    assert report.failures(severity=severity) == tuple(
        chosen(report.findings, [Verdict.FAIL], severity)
    )


def test_iter_findings_makes_only_the_findings_it_gives() -> None:
    report = check(synth.city(seed=0, scale=0.02), on=ON)
    failing = report.iter_findings(Verdict.FAIL)
    first = next(failing)
    assert first.failed
    with pytest.raises(AttributeError):  # every finding is still unmade
        object.__getattribute__(report, "findings")
    assert [first, *failing] == [f for f in report.findings if f.failed]


def test_the_footer_counts_the_failing_findings_per_severity() -> None:
    report = check(synth.city(seed=0, scale=0.02), on=ON)
    failing = [f for f in report.findings if f.failed]
    per = Counter(f.severity for f in failing)
    assert format_footer(report).startswith(
        f"Found {len(failing)} failing findings ({per[Severity.ERROR]} errors, "
        f"{per[Severity.WARNING]} warnings, {per[Severity.INFO]} info)"
    )
