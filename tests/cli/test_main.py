"""The command line as a whole: a command is required, and it must be one there is."""

from tests.cli import run


def test_no_command_is_a_usage_error() -> None:
    result = run()
    assert result.returncode == 2
    assert "usage: neighborparty" in result.stderr


def test_an_unknown_command_is_a_usage_error() -> None:
    result = run("conquer")
    assert result.returncode == 2
    assert "invalid choice: 'conquer'" in result.stderr
