"""``neighborparty deadlines``: what falls due in a city document — terms, whistles' answer
windows, members' months without organisational life, dues or assigned work, meetings owed —
as text, JSON or an iCalendar feed."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import timedelta

from neighborparty.cli._check import _prefixes
from neighborparty.cli._io import BadInput, dump, read_city
from neighborparty.cli._options import (
    Commands,
    add_catalogues,
    add_command,
    add_lang,
    add_on,
    policy_of,
)
from neighborparty.rules import Deadline, DeadlineStatus, deadlines
from neighborparty.rules.deadlines import DEADLINE_CODES, to_ics

_DEFAULT_WITHIN = 90


def _days(text: str) -> int:
    """A whole number of days, zero or more.

    Raises:
        argparse.ArgumentTypeError: the text is not such a number.

    Examples:
        >>> _days("90")
        90
        >>> _days("-1")
        Traceback (most recent call last):
        ...
        argparse.ArgumentTypeError: must be a whole number of days, 0 or more, got '-1'
    """
    try:
        days = int(text)
    except ValueError:
        days = -1
    if days < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number of days, 0 or more, got {text!r}")
    return days


def add_to(commands: Commands) -> argparse.ArgumentParser:
    """Add the ``deadlines`` command and its options to the commands of a parser.

    Examples:
        >>> commands = argparse.ArgumentParser(prog="neighborparty").add_subparsers()
        >>> args = add_to(commands).parse_args(["city.json", "--within", "30", "--format", "ics"])
        >>> args.file, args.within, args.format, args.all
        ('city.json', 30, 'ics', False)
    """
    parser = add_command(
        commands,
        "deadlines",
        summary="what falls due: terms, answers, inactive members, meetings",
        description="List the obligations of a city document falling due or past due: branch "
        "committees' and owners' committees' terms, whistles awaiting an answer, members nearing "
        "the months without organisational life, dues or assigned work, and the meetings each "
        "branch owes this period. Past due within a grace period is overdue; after it, beyond "
        "grace. The ics format is a calendar feed to subscribe to.",
    )
    parser.add_argument("file", metavar="FILE", help="the city document (JSON), or - for stdin")
    parser.add_argument(
        "--within",
        type=_days,
        default=_DEFAULT_WITHIN,
        metavar="DAYS",
        help="count what falls due within this many days as due soon",
    )
    parser.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="comma-separated code prefixes of the deadlines to list (NP206,NP5); repeatable "
        f"(default: all of {', '.join(DEADLINE_CODES)})",
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="also list what is not due yet (by default only what is due soon or past due)",
    )
    add_on(parser)
    add_catalogues(parser)
    parser.add_argument(
        "--format",
        choices=("text", "json", "ics"),
        default="text",
        help="text to read; json: the same as plain data, messages in both languages; ics: an "
        "iCalendar feed, one all-day event per deadline on its due day",
    )
    add_lang(parser)
    parser.set_defaults(run=_run)
    return parser


def _run(args: argparse.Namespace) -> int:
    policy = policy_of(args)
    select = _selection(args.select)
    city = read_city(args.file)
    try:
        found = deadlines(city, on=args.on, within=timedelta(days=args.within), policy=policy)
    except OverflowError:
        raise BadInput(f"--within {args.within}: too many days") from None
    found = tuple(d for d in found if select is None or d.code.startswith(tuple(select)))
    shown = [d for d in found if args.all or d.status is not DeadlineStatus.OK]
    if args.format == "json":
        dump(
            {
                "city": city.id,
                "on": found[0].on.isoformat() if found else None,
                "within_days": args.within,
                "deadlines": [d.to_dict() for d in shown],
            }
        )
        return 0
    if args.format == "ics":
        sys.stdout.write(to_ics(shown, lang=args.lang, name=f"{city.name} · neighborparty"))
        return 0
    print(_header(city.name, found, args.within, args.all, args.lang))
    for d in shown:
        print(f"  {d.code:<6} {d.message(args.lang)}")
    return 0


def _selection(given: list[str] | None) -> list[str] | None:
    """The code prefixes of ``--select``, each starting some deadline's code."""
    if given is None:
        return None
    select = _prefixes(given)
    if not select:
        raise BadInput(" ".join(f"--select {v!r}" for v in given) + " names no code")
    for prefix in select:
        if not any(code.startswith(prefix) for code in DEADLINE_CODES):
            raise BadInput(
                f"no deadline's code starts with {prefix!r} (they are {', '.join(DEADLINE_CODES)})"
            )
    return select


def _header(name: str, found: tuple[Deadline, ...], within: int, all_: bool, lang: str) -> str:
    """The first line: the city, the day, and how many deadlines stand where."""
    counts = Counter(d.status for d in found)
    day = found[0].on.isoformat() if found else "-"
    if lang == "zh":
        parts = "，".join(f"{s.label('zh')} {counts[s]}" for s in DeadlineStatus)
        return f"{name}，{day}（{within} 天内为即将到期）：{parts}"
    parts = ", ".join(f"{counts[s]} {s.label()}" for s in DeadlineStatus)
    hidden = "" if all_ or not counts[DeadlineStatus.OK] else " (--all lists those not due yet)"
    return f"{name} on {day}, due soon within {within} days: {parts}{hidden}"
