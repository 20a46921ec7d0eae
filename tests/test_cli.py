"""The command line, run as a user runs it: in a subprocess."""

import doctest
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from neighborparty import examples, synth, to_json
from neighborparty.rules import all_rules


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "neighborparty", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_demo_shows_the_calibrated_synthetic_city_and_the_seed_tree() -> None:
    result = run("demo")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.splitlines()[0] == "厦门 (synthetic, 2020, seed 0, scale 1)"
    table = out[out.index("figure ") : out.index("Coverage by district")]
    rows = {line.split()[0]: line.split() for line in table.splitlines()[1:] if line.strip()}
    tiny = synth.city(scale=0.01)
    assert set(rows) == {f.name for f in synth.calibration(tiny, scale=0.01)}
    assert all(0.95 <= float(row[-1]) <= 1.05 for row in rows.values())
    assert rows["secretary_chairs"][2:4] == ["98", "98"]
    assert (
        "compound branch br-jinan 金安小区党支部, standalone · 3 registered, 1 managed · secretary p-lin"
        in out
    )
    assert (
        "owners' committee oc-jinan 2019-06-01..2024-05-31 · 5 members · owners chair p-lin" in out
    )
    assert "building the synthetic city" in result.stderr  # progress goes to stderr
    assert "checking the city against every rule" in result.stderr
    # The rule check per rule and per district, the worst compounds, and a reform.
    per_rule = out[out.index("Rule check, per rule:") : out.index("Failing findings per district")]
    assert len([line for line in per_rule.splitlines() if line.startswith("NP")]) == 29
    per_district = out[out.index("Failing findings per district") : out.index("The five compounds")]
    assert len(per_district.strip().splitlines()) == 1 + 6
    worst = out[out.index("The five compounds") : out.index("A reform:")]
    assert worst.count("Why the first one fails:") == 5
    assert "A reform: a standalone branch needs 5 full members" in out
    assert "NP102  now failing 0, now passing" in out
    assert "Failing compounds as the threshold varies" in out


def test_demo_takes_a_year_and_a_scale() -> None:
    result = run("demo", "--year", "2024", "--scale", "0.05", "--seed", "3")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "厦门 (synthetic, 2024, seed 3, scale 0.05)"
    assert "red_committees" in result.stdout


def test_demo_refuses_an_unsupported_year() -> None:
    result = run("demo", "--year", "2019")
    assert result.returncode == 2
    assert "invalid choice: 2019" in result.stderr


def test_no_command_is_a_usage_error() -> None:
    result = run()
    assert result.returncode == 2
    assert "usage: neighborparty" in result.stderr


def test_an_unknown_command_is_a_usage_error() -> None:
    result = run("conquer")
    assert result.returncode == 2
    assert "invalid choice: 'conquer'" in result.stderr


# -- check, rules, explain, compare, synth on documents written to a temporary directory --------


@pytest.fixture(scope="module")
def seed_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docs") / "seed.json"
    path.write_text(to_json(examples.seed_city()), encoding="utf-8")
    return path


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
    ]
    assert doc["format_version"] == 1
    assert doc["city"] == "xm-demo"
    assert doc["day"] == "2020-10-08"
    assert len(doc["rules"]) == 29
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


def test_check_reads_stdin(seed_file: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "neighborparty", "check", "-", "--select", "NP101"],
        input=seed_file.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


BAD_FILES = {
    "not JSON": ('{"format_version": 1,', "not valid JSON"),
    "not UTF-8": (b"\xff\xfe\xfa", "not valid JSON"),
    "wrong shape": ("[1, 2]", "invalid document (1 problem):\n  expected object, got array"),
    "a field of the wrong type": (
        '{"format_version": 1, "id": "x", "name": 7}',
        "invalid document (1 problem):\n  name: expected str, got int",
    ),
    "a newer format": ('{"format_version": 99}', "format_version: unsupported version 99"),
    "a dangling reference": (
        json.dumps(
            {
                "format_version": 1,
                "id": "x",
                "name": "n",
                "compounds": [
                    {
                        "id": "c",
                        "name": "c",
                        "community": "nope",
                        "households": 3,
                        "kind": "managed",
                    }
                ],
            }
        ),
        "inconsistent city (1 problem):\n  compounds[0].community: no community with id 'nope'",
    ),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
@pytest.mark.parametrize("command", [("check",), ("compare", "--set", "branch.min_full_members=4")])
def test_a_bad_document_exits_2_with_its_problems_and_no_traceback(
    tmp_path: Path, kind: str, command: tuple[str, ...]
) -> None:
    content, expected = BAD_FILES[kind]
    path = tmp_path / "city.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    result = run(command[0], str(path), *command[1:])
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"neighborparty {command[0]}: {path}: ")
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_file_or_a_directory_exits_2(tmp_path: Path) -> None:
    missing = run("check", str(tmp_path / "nowhere.json"))
    assert missing.returncode == 2
    assert "nowhere.json: cannot read: No such file or directory" in missing.stderr
    folder = run("check", str(tmp_path))
    assert folder.returncode == 2
    assert "cannot read" in folder.stderr
    assert "Traceback" not in missing.stderr + folder.stderr


def test_bad_options_exit_2(seed_file: Path) -> None:
    unknown_code = run("check", str(seed_file), "--select", "NP9")
    assert unknown_code.returncode == 2
    assert "no rule code starts with 'NP9'" in unknown_code.stderr
    bad_day = run("check", str(seed_file), "--on", "2020-13-01")
    assert bad_day.returncode == 2
    assert "not a date (YYYY-MM-DD): '2020-13-01'" in bad_day.stderr


def test_rules_lists_the_catalogue() -> None:
    result = run("rules")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[1:]] == [r.code for r in all_rules()]
    assert "NP102  error    compound" in result.stdout
    as_json = json.loads(run("rules", "--format", "json").stdout)
    assert [r["code"] for r in as_json] == [r.code for r in all_rules()]


def test_rules_code_shows_its_parameters_and_citations() -> None:
    result = run("rules", "np102")
    assert result.returncode == 0
    out = result.stdout
    assert out.startswith("NP102 Standalone branch where the compound qualifies")
    assert "source seed [建强-2]" in out
    assert (
        "formation.standalone_min_full_members = 3 members · from 2020-10-26 · seed [建强-2]" in out
    )
    doc = json.loads(run("rules", "NP102", "--format", "json").stdout)
    assert [p["name"] for p in doc["parameters"]] == [
        "formation.standalone_min_full_members",
        "formation.standalone_min_households",
    ]
    unknown = run("rules", "NP999")
    assert unknown.returncode == 2
    assert "no rule 'NP999'" in unknown.stderr


def test_explain_a_rule_with_examples_from_the_synthetic_city() -> None:
    result = run("explain", "NP103")
    assert result.returncode == 0
    assert "Example (fail, from the synthetic city):" in result.stdout
    assert "Example (pass, from the synthetic city):" in result.stdout
    assert "— fail." in result.stdout
    zh = run("explain", "NP103", "--lang", "zh").stdout
    assert "— 不符合。" in zh


def test_explain_findings_of_a_document(seed_file: Path) -> None:
    every = run("explain", "NP103", str(seed_file))
    assert every.returncode == 0
    assert every.stdout.startswith("NP103 A branch has three full members")
    assert "branch br-grid-old holds 1 full members, fewer than 3." in every.stdout
    one = run("explain", "NP201", str(seed_file), "br-jinan", "--names")
    assert "branch br-jinan has secretary ['林书记 (p-lin)']." in one.stdout
    assert "林书记" not in run("explain", "NP201", str(seed_file), "br-jinan").stdout
    unknown = run("explain", "NP201", str(seed_file), "c-nowhere")
    assert unknown.returncode == 2
    assert "NP201 judges no subject 'c-nowhere'" in unknown.stderr


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


def test_synth_writes_a_document_that_check_reads(tmp_path: Path) -> None:
    result = run("synth", "--seed", "2", "--scale", "0.01")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["format_version"] == 1
    assert doc["name"] == "厦门 (synthetic, 2020, seed 2, scale 0.01)"
    path = tmp_path / "city.json"
    path.write_text(result.stdout, encoding="utf-8")
    checked = run("check", str(path), "--statistics", "--fail-on", "never")
    assert checked.returncode == 0
    assert checked.stdout.startswith("Check of 厦门 (synthetic, 2020, seed 2, scale 0.01)")


# -- The command-line page of the docs, run as written --------------------------------------------

DOCS = Path(__file__).resolve().parent.parent / "docs"


def _console_sessions(text: str) -> list[tuple[str, str]]:
    """The ``$ command`` lines of the page's console blocks, each with the output shown."""
    sessions: list[tuple[str, str]] = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.DOTALL):
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, output = chunk.partition("\n")
            sessions.append((command, output))
    return sessions


def test_every_command_on_the_cli_page_prints_what_the_page_shows(tmp_path: Path) -> None:
    sessions = _console_sessions((DOCS / "cli.md").read_text(encoding="utf-8"))
    assert len(sessions) >= 10
    shown = {command.split()[1] for command, _ in sessions if command.startswith("neighborparty")}
    assert shown >= {"synth", "check", "rules", "explain", "compare"}
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    checker = doctest.OutputChecker()
    for command, expected in sessions:
        result = subprocess.run(
            ["bash", "-c", "exec 2>&1\n" + command],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert checker.check_output(expected, result.stdout, doctest.ELLIPSIS), (
            f"$ {command}\n--- the page shows ---\n{expected}--- it prints ---\n{result.stdout}"
        )
