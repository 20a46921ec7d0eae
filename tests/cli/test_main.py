"""The command line as a whole: a command is required, and it must be one there is; the version;
help on every command and option."""

import argparse

import pytest

import neighborparty
from neighborparty.cli import _parser
from tests.cli import run


def test_no_command_is_a_usage_error() -> None:
    result = run()
    assert result.returncode == 2
    assert "usage: neighborparty" in result.stderr


def test_an_unknown_command_is_a_usage_error() -> None:
    result = run("conquer")
    assert result.returncode == 2
    assert "invalid choice: 'conquer'" in result.stderr


def test_version_prints_the_package_version() -> None:
    result = run("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"neighborparty {neighborparty.__version__}\n"


COMMANDS = ("demo", "check", "rules", "explain", "fixes", "compare", "deadlines", "synth")


def test_the_help_lists_every_command_with_what_it_does() -> None:
    result = run("--help")
    assert result.returncode == 0
    listed = {
        line.split()[0]: line.split()[1:]
        for line in result.stdout.splitlines()
        if line.startswith("    ") and line.split()[0] in COMMANDS
    }
    assert set(listed) == set(COMMANDS)
    assert all(len(words) >= 3 for words in listed.values())


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_describes_itself_in_its_help(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    usage, description, *sections = result.stdout.split("\n\n")
    assert usage.startswith(f"usage: neighborparty {command}")
    assert not description.startswith(("positional arguments:", "options:"))
    assert len(description.split()) >= 10, description
    assert sections[-1].startswith("options:")


def _parsers() -> list[argparse.ArgumentParser]:
    parser = _parser()
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found += action.choices.values()
    return found


@pytest.mark.parametrize("parser", _parsers(), ids=lambda parser: parser.prog)
def test_no_option_lacks_help_and_every_default_is_shown(parser: argparse.ArgumentParser) -> None:
    shown = " ".join(parser.format_help().split())
    for action in parser._actions:
        name = "/".join(action.option_strings) or action.metavar or action.dest
        assert action.help, f"{parser.prog} {name} has no help"
        assert action.help is not argparse.SUPPRESS, f"{parser.prog} {name} is hidden"
        help_text = " ".join(action.help.split())
        assert help_text in shown, f"{parser.prog} {name}: its help is not shown"
        if action.required or action.nargs == 0 or isinstance(action, argparse._SubParsersAction):
            continue  # nothing to default: a required argument, a flag, the command
        if action.default is None:
            assert "(default: " in help_text, f"{parser.prog} {name} says not what it defaults to"
        else:
            assert f"(default: {action.default})" in shown, f"{parser.prog} {name}"
