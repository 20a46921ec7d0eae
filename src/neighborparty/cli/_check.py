"""``neighborparty check``: a city document against the rules, like a linter: one line per
failing finding, a closing count, and an exit code a CI job can act on."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from neighborparty.cli._io import BadInput, dump, read_city
from neighborparty.cli._options import add_lang, add_on
from neighborparty.cli._text import finding_line, format_footer
from neighborparty.model import Severity
from neighborparty.rules import Verdict, all_rules, check

_FAIL_ON = {"info": Severity.INFO, "warning": Severity.WARNING, "error": Severity.ERROR}


def add_to(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add the ``check`` command and its options to the commands of a parser.

    Examples:
        >>> commands = argparse.ArgumentParser(prog="neighborparty").add_subparsers()
        >>> args = add_to(commands).parse_args(["city.json", "--select", "NP1,NP201"])
        >>> args.file, args.select, args.fail_on
        ('city.json', ['NP1,NP201'], 'info')
    """
    checking = commands.add_parser(
        "check",
        help="check a city document against the rules (exit 1 on failing findings)",
        description="Check a city document (JSON; - for stdin) against every rule. Exit codes: "
        "0 no failing finding at or above --fail-on, 1 some, 2 bad input.",
    )
    checking.add_argument("file", metavar="FILE", help="the city document (JSON), or - for stdin")
    checking.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="comma-separated code prefixes to check, as in ruff (NP1,NP201); repeatable",
    )
    checking.add_argument(
        "--ignore", action="append", metavar="CODES", help="code prefixes to leave out"
    )
    add_on(checking)
    checking.add_argument("--format", choices=("text", "json"), default="text")
    add_lang(checking)
    checking.add_argument(
        "--fail-on",
        choices=(*_FAIL_ON, "never"),
        default="info",
        help="lowest severity whose failing findings make the exit code 1 (default info: any)",
    )
    checking.add_argument(
        "--statistics", action="store_true", help="counts per rule instead of findings"
    )
    checking.add_argument(
        "--show-undetermined", action="store_true", help="list undetermined findings too"
    )
    checking.add_argument(
        "--all", action="store_true", help="JSON: every finding, passing ones included"
    )
    checking.set_defaults(run=_run)
    return checking


def _codes(values: Sequence[str] | None) -> list[str] | None:
    """Code prefixes from repeated, comma-separated options; each must name some rule."""
    if values is None:
        return None
    prefixes = [p.strip().upper() for v in values for p in v.split(",") if p.strip()]
    known = [r.code for r in all_rules()]
    for prefix in prefixes:
        if not any(code.startswith(prefix) for code in known):
            raise BadInput(f"no rule code starts with {prefix!r} (codes run NP101 to NP604)")
    return prefixes


def _run(args: argparse.Namespace) -> int:
    city = read_city(args.file)
    report = check(city, on=args.on, select=_codes(args.select), ignore=_codes(args.ignore))
    if args.format == "json":
        dump(report.to_dict(findings="all" if args.all else "failing"))
    elif args.statistics:
        print(report.summary())
    else:
        for f in report.findings:
            if f.failed or (args.show_undetermined and f.verdict is Verdict.UNDETERMINED):
                print(finding_line(f, args.lang))
        print(format_footer(report, lang=args.lang))
    if args.fail_on == "never":
        return 0
    return 1 if report.failures(severity=_FAIL_ON[args.fail_on]) else 0
