"""Findings: each reads as a sentence and a paragraph in English and Chinese, carries its rule's
severity and citation, and is undetermined only for a rule that needs a fact."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from neighborparty import City, check
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
