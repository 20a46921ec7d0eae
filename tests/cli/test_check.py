"""``neighborparty check``: findings like a linter, JSON, statistics, exit codes."""

import json
from pathlib import Path

import pytest

from neighborparty import DEFAULT_POLICY
from neighborparty.rules import all_rules
from tests.cli import run


def test_check_exits_0_when_no_selected_rule_fails(seed_file: Path) -> None:
    result = run("check", str(seed_file), "--select", "NP101")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "Found 0 failing findings (0 errors, 0 warnings, 0 info) and 0 undetermined in 1 rule."
    )


def test_check_exits_1_and_lists_failing_findings_like_a_linter(seed_file: Path) -> None:
    result = run("check", str(seed_file), "--select", "NP10")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert (
        "br-grid-old: NP103 [error] branch br-grid-old holds 1 full members, fewer than 3" in lines
    )
    assert lines[-1].startswith("Found 5 failing findings (1 error, 4 warnings, 0 info)")
    assert all(": NP10" in line for line in lines[:-1])


def test_fail_on_sets_the_lowest_severity_that_fails_the_run(seed_file: Path) -> None:
    # NP105 fails as a warning only; NP103 as an error.
    assert run("check", str(seed_file), "--select", "NP105").returncode == 1
    assert run("check", str(seed_file), "--select", "NP105", "--fail-on", "error").returncode == 0
    assert run("check", str(seed_file), "--select", "NP103", "--fail-on", "error").returncode == 1
    assert run("check", str(seed_file), "--fail-on", "never").returncode == 0


def test_select_and_ignore_take_comma_separated_prefixes(seed_file: Path) -> None:
    result = run(
        "check", str(seed_file), "--select", "NP1,NP2", "--ignore", "NP105", "--format", "json"
    )
    doc = json.loads(result.stdout)
    assert doc["rules"] == [
        r.code for r in all_rules() if r.code[:3] in ("NP1", "NP2") and r.code != "NP105"
    ]


def test_check_json_output_is_stable_plain_data(seed_file: Path) -> None:
    result = run("check", str(seed_file), "--format", "json")
    assert result.returncode == 1
    doc = json.loads(result.stdout)
    assert list(doc) == [
        "format_version",
        "city",
        "on",
        "day",
        "rules",
        "counts",
        "metrics",
        "findings",
        "provenance",
    ]
    assert sorted(doc["provenance"]) == [
        "day",
        "document",
        "ignore",
        "library",
        "on",
        "policy",
        "rules",
        "select",
    ]
    assert doc["format_version"] == 1
    assert doc["city"] == "xm-demo"
    assert doc["day"] == "2020-10-08"
    assert len(doc["rules"]) == len(DEFAULT_POLICY.rules)
    assert all(f["verdict"] != "pass" for f in doc["findings"])
    assert set(doc["findings"][0]) == {
        "code",
        "subject",
        "verdict",
        "severity",
        "message",
        "message_zh",
        "evidence",
        "citation",
    }
    failing = sum(c["fail"] + c["undetermined"] for c in doc["counts"].values())
    assert len(doc["findings"]) == failing
    every = json.loads(run("check", str(seed_file), "--format", "json", "--all").stdout)
    assert len(every["findings"]) == sum(sum(c.values()) for c in doc["counts"].values())


def test_check_on_a_day_and_in_chinese(seed_file: Path) -> None:
    result = run("check", str(seed_file), "--select", "NP103", "--on", "2020-10-26", "--lang", "zh")
    assert (
        "br-grid-old: NP103 [error] 党支部 br-grid-old 仅有正式党员 1 名，少于 3 名"
        in result.stdout
    )
    assert result.stdout.splitlines()[-1].startswith("共 1 条不符合（错误 1、警告 0、提示 0）")


def test_check_statistics_and_undetermined(seed_file: Path) -> None:
    stats = run("check", str(seed_file), "--select", "NP10", "--statistics").stdout
    assert stats.splitlines()[1].split() == [
        "code",
        "severity",
        "pass",
        "fail",
        "undetermined",
        "title",
    ]
    assert len(stats.splitlines()) == 2 + 8
    listed = run("check", str(seed_file), "--select", "NP202", "--show-undetermined").stdout
    assert "[undetermined]" in listed
    assert "[undetermined]" not in run("check", str(seed_file), "--select", "NP202").stdout


def test_bad_options_exit_2(seed_file: Path) -> None:
    unknown_code = run("check", str(seed_file), "--select", "NP9")
    assert unknown_code.returncode == 2
    assert "no rule code starts with 'NP9'" in unknown_code.stderr
    bad_day = run("check", str(seed_file), "--on", "2020-13-01")
    assert bad_day.returncode == 2
    assert "not a date (YYYY-MM-DD): '2020-13-01'" in bad_day.stderr


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (("--select", ""), "--select '' names no rule code"),
        (("--select", ","), "--select ',' names no rule code"),
        (("--select", " , ", "--select", ""), "--select ' , ' --select '' names no rule code"),
        (("--ignore", "NP"), "--ignore NP leaves no rule to check"),
        (
            ("--select", "NP103", "--ignore", "NP10"),
            "--select NP103 with --ignore NP10 leaves no rule to check",
        ),
    ],
)
def test_a_selection_of_no_rule_is_a_usage_error(
    seed_file: Path, options: tuple[str, ...], message: str
) -> None:
    """A CI job whose variable came out empty must not pass by checking nothing."""
    result = run("check", str(seed_file), *options)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"neighborparty check: {message}\n"


def test_blank_prefixes_beside_real_ones_are_dropped(seed_file: Path) -> None:
    result = run("check", str(seed_file), "--select", "NP101,,", "--select", "", "--ignore", "")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("in 1 rule.")


@pytest.mark.parametrize(
    ("options", "flags"),
    [
        (("--format", "json", "--statistics"), ("--statistics", "--format json")),
        (("--all",), ("--all", "--format json")),
        (("--all", "--format", "text"), ("--all", "--format json")),
        (("--statistics", "--all"), ("--all", "--format json")),
        (("--statistics", "--show-undetermined"), ("--show-undetermined", "--statistics")),
        (("--statistics", "--lang", "zh"), ("--statistics", "--lang zh")),
    ],
)
def test_flags_that_would_be_ignored_are_usage_errors(
    seed_file: Path, options: tuple[str, ...], flags: tuple[str, str]
) -> None:
    result = run("check", str(seed_file), "--select", "NP10", *options)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("neighborparty check: ")
    assert len(result.stderr.splitlines()) == 1
    assert all(flag in result.stderr for flag in flags), result.stderr


def test_json_holds_undetermined_findings_and_both_languages_anyway(seed_file: Path) -> None:
    """Flags whose request JSON already meets are accepted, and change nothing."""
    plain = run("check", str(seed_file), "--select", "NP202", "--format", "json")
    asked = run(
        "check",
        str(seed_file),
        *("--select", "NP202", "--format", "json", "--show-undetermined", "--lang", "zh"),
    )
    assert asked.returncode == plain.returncode
    assert asked.stdout == plain.stdout
    assert any(f["verdict"] == "undetermined" for f in json.loads(plain.stdout)["findings"])


def test_a_terminal_that_cannot_show_chinese_gets_escapes(seed_file) -> None:  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "neighborparty", "check", str(seed_file), "--lang", "zh"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "\\u" in done.stdout
