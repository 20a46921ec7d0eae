"""``neighborparty compare``: the subjects of a city document whose verdict changes under a reform
of the parameters."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from neighborparty.cli._io import BadInput, dump, read_city
from neighborparty.cli._options import (
    Commands,
    add_catalogues,
    add_command,
    add_format,
    add_lang,
    add_on,
    day,
    policy_of,
    setting,
)
from neighborparty.cli._text import SEED_DATE, change_line
from neighborparty.rules import UnknownParameterError, as_of, compare


def add_to(commands: Commands) -> argparse.ArgumentParser:
    """Add the ``compare`` command and its options to the commands of a parser.

    Examples:
        >>> commands = argparse.ArgumentParser(prog="neighborparty").add_subparsers()
        >>> args = add_to(commands).parse_args(["city.json", "--set", "branch.min_full_members=4"])
        >>> args.file, args.set, args.effective
        ('city.json', [('branch.min_full_members', 4)], None)
    """
    comparing = add_command(
        commands,
        "compare",
        summary="who changes status under a reform of the parameters",
        description="Check a city document under the default policy and under a reform that "
        "sets the parameters given, and list every subject whose verdict changes, with its new "
        "message. Only the rules that read a changed parameter run again.",
    )
    comparing.add_argument("file", metavar="FILE", help="the city document (JSON), or - for stdin")
    comparing.add_argument(
        "--set",
        type=setting,
        action="append",
        required=True,
        metavar="NAME=VALUE",
        help="a parameter's new value, e.g. formation.standalone_min_full_members=5; repeatable",
    )
    comparing.add_argument(
        "--effective",
        type=day,
        metavar="DATE",
        help="the day the reform takes effect (default: the --on day, or else the latest day the "
        "document records)",
    )
    add_on(comparing)
    add_catalogues(comparing)
    add_format(comparing)
    add_lang(comparing)
    comparing.set_defaults(run=_run)
    return comparing


def _settings(given: Sequence[tuple[str, float]]) -> dict[str, float]:
    """The parameters the ``--set`` options change, each to one value."""
    changes: dict[str, float] = {}
    for name, value in given:
        if changes.setdefault(name, value) != value:
            raise BadInput(
                f"--set {name}={changes[name]:g} and --set {name}={value:g} set one parameter twice"
            )
    return changes


def _run(args: argparse.Namespace) -> int:
    policy = policy_of(args)
    changes = _settings(args.set)
    city = read_city(args.file)
    effective = args.effective or args.on or as_of(city) or SEED_DATE
    try:
        for name, value in changes.items():
            policy.parameter(name).check_value(value)
        reform = policy.with_parameters(changes, effective=effective)
    except (UnknownParameterError, ValueError) as exc:
        raise BadInput(str(exc)) from None
    comparison = compare(city, policy, reform, on=args.on)
    if args.format == "json":
        dump(comparison.to_dict())
        return 0
    print(comparison.summary())
    for change in comparison.changes:
        print("  " + change_line(change, args.lang))
    return 0
