"""``neighborparty compare``: who changes status under a reform of the parameters."""

import json
from pathlib import Path

import pytest

from tests.cli import run


def test_compare_shows_who_changes_status(seed_file: Path) -> None:
    result = run("compare", str(seed_file), "--set", "branch.min_full_members=4")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "2 subjects changed (parameters: branch.min_full_members)",
        "NP103  now failing 2, now passing 0, other 0",
        "  br-jinan: NP103 pass → fail · branch br-jinan holds 3 full members, fewer than 4",
        "  br-joint: NP103 pass → fail · branch br-joint holds 3 full members, fewer than 4",
    ]
    doc = json.loads(
        run(
            "compare", str(seed_file), "--set", "branch.min_full_members=4", "--format", "json"
        ).stdout
    )
    assert doc["format_version"] == 1
    assert [
        (c["subject"], c["before"]["verdict"], c["after"]["verdict"]) for c in doc["changes"]
    ] == [
        ("br-jinan", "pass", "fail"),
        ("br-joint", "pass", "fail"),
    ]


def test_compare_takes_several_settings_and_an_effective_day(seed_file: Path) -> None:
    both = run(
        "compare",
        str(seed_file),
        "--set",
        "formation.standalone_min_full_members=2",
        "--set",
        "formation.standalone_min_households=60",
    )
    assert "c-west: NP102 pass → fail" in both.stdout
    later = run(
        "compare",
        str(seed_file),
        "--set",
        "branch.min_full_members=4",
        "--on",
        "2020-10-26",
        "--effective",
        "2021-01-01",
    )
    assert later.stdout.startswith("0 subjects changed")


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ("branch.min_ful_members=4", "no parameter 'branch.min_ful_members'; did you mean"),
        ("branch.min_full_members=2.5", "counts whole members, not 2.5"),
        ("branch.min_full_members", "expected NAME=VALUE"),
        ("branch.min_full_members=many", "not a number: 'many'"),
    ],
)
def test_compare_refuses_bad_settings(seed_file: Path, setting: str, message: str) -> None:
    result = run("compare", str(seed_file), "--set", setting)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_parameter_set_to_two_values_is_a_usage_error(seed_file: Path) -> None:
    result = run(
        "compare",
        str(seed_file),
        *("--set", "branch.min_full_members=4", "--set", "branch.min_full_members=5"),
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "neighborparty compare: --set branch.min_full_members=4 and "
        "--set branch.min_full_members=5 set one parameter twice\n"
    )


def test_a_parameter_set_twice_to_one_value_is_set_once(seed_file: Path) -> None:
    once = run("compare", str(seed_file), "--set", "branch.min_full_members=4")
    twice = run(
        "compare",
        str(seed_file),
        *("--set", "branch.min_full_members=4", "--set", "branch.min_full_members=4.0"),
    )
    assert twice.returncode == 0, twice.stderr
    assert twice.stdout == once.stdout


def test_the_reform_takes_effect_on_the_day_checked_by_default(seed_file: Path) -> None:
    on_the_day = run(
        "compare", str(seed_file), "--set", "branch.min_full_members=4", "--on", "2020-10-26"
    )
    assert on_the_day.returncode == 0, on_the_day.stderr
    assert on_the_day.stdout.startswith("2 subjects changed")


def test_a_value_that_is_not_finite_is_refused(seed_file) -> None:  # type: ignore[no-untyped-def]
    done = run("compare", str(seed_file), "--set", "branch.max_members=nan")
    assert done.returncode == 2
    assert "not a finite number" in done.stderr
