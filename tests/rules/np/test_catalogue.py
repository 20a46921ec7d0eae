"""The NP catalogue (:mod:`neighborparty.rules.np`): the rules RULES.md lists, each stating
itself, and undetermined only where a fact it needs is unrecorded."""

from __future__ import annotations

from pathlib import Path

import pytest

from neighborparty import DEFAULT_POLICY, Severity, check
from neighborparty.rules import DEFAULT_PARAMETERS, all_rules, rule_by_code
from neighborparty.rules.np import GROUPS
from tests.rules._helpers import (
    CODES,
    NO_SUBJECT_IN_SEED,
    ON,
    UNDETERMINABLE,
    UNDETERMINED,
    assert_renders,
    unrecorded,
)


def test_the_catalogue_is_the_one_rules_md_lists() -> None:
    assert [r.code for r in all_rules()] == CODES
    assert [r.code for r in DEFAULT_POLICY.rules] == CODES
    assert [rule_by_code(c).code for c in CODES] == CODES


@pytest.mark.parametrize("code", CODES)
def test_every_rule_states_itself_and_reads_only_known_parameters(code: str) -> None:
    r = rule_by_code(code)
    assert all((r.title_en, r.title_zh, r.citation, r.statement_en, r.statement_zh))
    assert set(r.parameters) <= {p.name for p in DEFAULT_PARAMETERS}


def test_advice_rules_are_of_severity_info() -> None:
    assert {c for c in CODES if rule_by_code(c).severity is Severity.INFO} >= {
        "NP104",
        "NP403",
        "NP602",
        "NP604",
    }


def test_an_unknown_code_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="NP999"):
        rule_by_code("NP999")


def test_only_rules_that_need_a_missing_fact_are_undetermined() -> None:
    report = check(unrecorded(), on=ON)
    undetermined = {f.code for f in report.findings if f.verdict is UNDETERMINED}
    assert undetermined == UNDETERMINABLE - NO_SUBJECT_IN_SEED
    for f in report.findings:
        assert_renders(f)


def test_every_group_of_the_catalogue_has_a_test_module_of_its_cases() -> None:
    here = Path(__file__).parent
    assert {f"NP{n}" for n in range(1, 7)} == set(GROUPS)
    assert all((here / f"test_np{prefix[2:]}.py").is_file() for prefix in GROUPS)
    assert {code[:3] for code in CODES} == set(GROUPS)
