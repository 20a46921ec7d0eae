"""The vocabulary of the command line: the types of option values, the options that several
commands share, and help that shows every default."""

from __future__ import annotations

import argparse
import contextlib
import math
import re
from datetime import date
from typing import TypeAlias

from neighborparty import synth
from neighborparty.cli._io import BadInput
from neighborparty.errors import NeighborPartyError
from neighborparty.rules import DEFAULT_POLICY, NP_CATALOGUE, Policy, load_catalogue

Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
"""The commands of a parser, to which each command module adds its own."""

_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def day(text: str) -> date:
    """A day given as YYYY-MM-DD, and in no other form ``date.fromisoformat`` reads.

    Raises:
        argparse.ArgumentTypeError: the text is not such a day.

    Examples:
        >>> day("2020-10-26")
        datetime.date(2020, 10, 26)
        >>> day("2020-13-01")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: not a date (YYYY-MM-DD): '2020-13-01'
        >>> day("20201026")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: not a date (YYYY-MM-DD): '20201026'
    """
    if _DAY.fullmatch(text):
        with contextlib.suppress(ValueError):  # a month 13, a February 30
            return date.fromisoformat(text)
    raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}")


def positive(text: str) -> float:
    """A finite number above zero.

    Raises:
        argparse.ArgumentTypeError: the text is not such a number.

    Examples:
        >>> positive("0.05")
        0.05
        >>> positive("0")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: must be a positive number, got 0
    """
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
    return value


def setting(text: str) -> tuple[str, float]:
    """A parameter's name and new value, given as NAME=VALUE; a whole number as an ``int``.

    Raises:
        argparse.ArgumentTypeError: the text is not of that form.

    Examples:
        >>> setting("branch.min_full_members=4")
        ('branch.min_full_members', 4)
        >>> setting("branch.min_full_members")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: expected NAME=VALUE, got 'branch.min_full_members'
    """
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{name}: not a number: {value!r}") from None
    if not math.isfinite(number):
        raise argparse.ArgumentTypeError(f"{name}: not a finite number: {value!r}")
    return name.strip(), int(number) if number.is_integer() else number


class HelpFormatter(argparse.ArgumentDefaultsHelpFormatter):
    """Help that ends an option's text with its default, where the default is a value: a flag
    (off by default) shows none, and an option whose default is ``None`` says in its own help what
    happens without it.

    Examples:
        >>> parser = argparse.ArgumentParser(prog="p", formatter_class=HelpFormatter)
        >>> _ = parser.add_argument("--lang", default="en", help="language of messages")
        >>> _ = parser.add_argument("--names", action="store_true", help="show names")
        >>> print(parser.format_help())  # doctest: +NORMALIZE_WHITESPACE
        usage: p [-h] [--lang LANG] [--names]
        <BLANKLINE>
        options:
          -h, --help   show this help message and exit
          --lang LANG  language of messages (default: en)
          --names      show names
    """

    def _get_help_string(self, action: argparse.Action) -> str | None:
        if action.default is None or action.default is False:
            return action.help
        return super()._get_help_string(action)


def add_command(
    commands: Commands,
    name: str,
    *,
    summary: str,
    description: str,
) -> argparse.ArgumentParser:
    """Add a command: its one-line summary for the list of commands, its description for its own
    help, which shows the defaults of its options.

    Examples:
        >>> commands = argparse.ArgumentParser(prog="neighborparty").add_subparsers()
        >>> add_command(commands, "tour", summary="a tour", description="A tour of it.").prog
        'neighborparty tour'
    """
    return commands.add_parser(
        name, help=summary, description=description, formatter_class=HelpFormatter
    )


def add_synthetic(parser: argparse.ArgumentParser) -> None:
    """The options that choose a synthetic city: ``--seed``, ``--scale`` and ``--year``.

    Examples:
        >>> parser = argparse.ArgumentParser()
        >>> add_synthetic(parser)
        >>> parser.parse_args(["--scale", "0.05"])
        Namespace(seed=0, scale=0.05, year=2020)
    """
    parser.add_argument("--seed", type=int, default=0, help="random seed of the synthetic city")
    parser.add_argument(
        "--scale", type=positive, default=1.0, help="its size relative to Xiamen (> 0)"
    )
    parser.add_argument(
        "--year",
        type=int,
        default=2020,
        choices=synth.SUPPORTED_YEARS,
        help="the year of the published figures it is calibrated to",
    )


def add_lang(parser: argparse.ArgumentParser) -> None:
    """The option ``--lang``: the language of messages.

    Examples:
        >>> parser = argparse.ArgumentParser()
        >>> add_lang(parser)
        >>> parser.parse_args(["--lang", "zh"])
        Namespace(lang='zh')
    """
    parser.add_argument(
        "--lang", choices=("en", "zh"), default="en", help="language of messages and statements"
    )


def add_format(parser: argparse.ArgumentParser) -> None:
    """The option ``--format``: text to read, or JSON for a program.

    Examples:
        >>> parser = argparse.ArgumentParser()
        >>> add_format(parser)
        >>> parser.parse_args(["--format", "json"])
        Namespace(format='json')
    """
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text to read, or json: the same as plain data, messages in both languages",
    )


def add_on(parser: argparse.ArgumentParser) -> None:
    """The option ``--on``: the day to check for.

    Examples:
        >>> parser = argparse.ArgumentParser()
        >>> add_on(parser)
        >>> parser.parse_args(["--on", "2020-10-26"])
        Namespace(on=datetime.date(2020, 10, 26))
    """
    parser.add_argument(
        "--on",
        type=day,
        metavar="DATE",
        help="check for this day (YYYY-MM-DD): the parameters and posts in force, deadlines "
        "measured to it (default: the latest parameters, the posts still open, deadlines "
        "measured to the latest day the document records)",
    )


def add_catalogues(parser: argparse.ArgumentParser) -> None:
    """The option ``--catalogue``: rules of one's own besides the NP catalogue.

    Examples:
        >>> parser = argparse.ArgumentParser()
        >>> add_catalogues(parser)
        >>> parser.parse_args(["--catalogue", "mine:RULES"]).catalogue
        ['mine:RULES']
    """
    parser.add_argument(
        "--catalogue",
        action="append",
        metavar="MODULE:NAME",
        help="also judge by this catalogue (a module on the Python path and a Catalogue or "
        "rule in it, or the name an installed package publishes one under); repeatable; a "
        "rule of the same code replaces the NP catalogue's (default: the NP catalogue only)",
    )


def policy_of(args: argparse.Namespace) -> Policy:
    """The policy the options ask for: the default one, with the ``--catalogue`` catalogues.

    Raises:
        BadInput: A catalogue does not load, or its rules read parameters it does not bring.

    Examples:
        >>> policy_of(argparse.Namespace(catalogue=None)) is DEFAULT_POLICY
        True
        >>> policy_of(argparse.Namespace(catalogue=["nowhere:X"]))
        Traceback (most recent call last):
        ...
        neighborparty.cli._io.BadInput: --catalogue nowhere:X: no module 'nowhere' for the catalogue 'nowhere:X'
    """
    specs = getattr(args, "catalogue", None) or []
    if not specs:
        return DEFAULT_POLICY
    loaded = []
    for spec in specs:
        try:
            loaded.append(load_catalogue(spec))
        except NeighborPartyError as exc:
            raise BadInput(f"--catalogue {spec}: {exc}") from None
    try:
        return Policy.from_catalogues(NP_CATALOGUE, *loaded)
    except NeighborPartyError as exc:
        raise BadInput(f"--catalogue {' '.join(specs)}: {exc}") from None
