"""The command line, run as a user runs it: in a subprocess."""

import subprocess
import sys


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "neighborparty", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_demo_prints_the_tree_of_the_example_city() -> None:
    result = run("demo")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("厦门 (seed examples): 1 district, 1 sub-district, 2 communities")
    assert (
        "compound branch br-jinan 金安小区党支部, standalone · 3 registered, 1 managed · secretary p-lin"
        in result.stdout
    )
    assert (
        "owners' committee oc-jinan 2019-06-01..2024-05-31 · 5 members · owners chair p-lin"
        in result.stdout
    )
    assert "lane ln-datong · building head p-xu" in result.stdout
    assert result.stderr == ""


def test_no_command_is_a_usage_error() -> None:
    result = run()
    assert result.returncode == 2
    assert "usage: neighborparty" in result.stderr


def test_an_unknown_command_is_a_usage_error() -> None:
    result = run("conquer")
    assert result.returncode == 2
    assert "invalid choice: 'conquer'" in result.stderr
