"""``neighborparty check``: a city document against the rules, like a linter: one line per
failing finding, a closing count, and an exit code a CI job can act on."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from neighborparty.cli._io import BadInput, dump, dump_parts, read_city, read_report
from neighborparty.cli._options import (
    Commands,
    add_catalogues,
    add_command,
    add_format,
    add_lang,
    add_on,
    policy_of,
)
from neighborparty.cli._text import finding_line, format_footer
from neighborparty.errors import InvalidArgumentError
from neighborparty.model import Severity
from neighborparty.rules import Policy, Verdict, check, select_rules
from neighborparty.rules.provenance import stored_selection

_FAIL_ON = {"info": Severity.INFO, "warning": Severity.WARNING, "error": Severity.ERROR}


def add_to(commands: Commands) -> argparse.ArgumentParser:
    """Add the ``check`` command and its options to the commands of a parser.

    Examples:
        >>> commands = argparse.ArgumentParser(prog="neighborparty").add_subparsers()
        >>> args = add_to(commands).parse_args(["city.json", "--select", "NP1,NP201"])
        >>> args.file, args.select, args.fail_on
        ('city.json', ['NP1,NP201'], 'info')
    """
    checking = add_command(
        commands,
        "check",
        summary="check a city document against the rules (exit 1 on failing findings)",
        description="Check a city document (JSON; - for stdin) against every rule. Exit codes: "
        "0 no failing finding at or above --fail-on, 1 some, 2 bad input.",
    )
    checking.add_argument("file", metavar="FILE", help="the city document (JSON), or - for stdin")
    checking.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="comma-separated code prefixes to check, as in ruff (NP1,NP201); repeatable "
        "(default: every rule)",
    )
    checking.add_argument(
        "--ignore",
        action="append",
        metavar="CODES",
        help="comma-separated code prefixes to leave out; repeatable (default: none)",
    )
    add_on(checking)
    add_catalogues(checking)
    add_format(checking)
    add_lang(checking)
    checking.add_argument(
        "--fail-on",
        choices=(*_FAIL_ON, "never"),
        default="info",
        help="the lowest severity whose failing findings make the exit code 1; info means any "
        "failing finding, never means exit 0 whatever fails",
    )
    checking.add_argument(
        "--statistics",
        action="store_true",
        help="a table of counts per rule instead of the findings (text, English)",
    )
    checking.add_argument(
        "--show-undetermined",
        action="store_true",
        help="list undetermined findings too (JSON always holds them)",
    )
    checking.add_argument(
        "--all",
        action="store_true",
        help="with --format json: every finding, passing ones included",
    )
    checking.add_argument(
        "--verify",
        metavar="REPORT",
        help="instead of listing findings, say whether a stored report (from --format json) "
        "still matches FILE checked again as the report was made: same document, policy, "
        "library version and verdicts; exit 0 if so, 1 if not (default: list the findings)",
    )
    checking.set_defaults(run=_run)
    return checking


def _prefixes(values: Sequence[str]) -> list[str]:
    """Code prefixes from repeated, comma-separated options, blanks dropped."""
    return [p.strip().upper() for v in values for p in v.split(",") if p.strip()]


def _selection(
    args: argparse.Namespace, policy: Policy
) -> tuple[list[str] | None, list[str] | None]:
    """The ``select`` and ``ignore`` prefixes of the options: each must start some rule's code,
    ``--select`` must name some code, and the two must leave a rule to check."""
    select = None if args.select is None else _prefixes(args.select)
    if select == []:
        raise BadInput(" ".join(f"--select {v!r}" for v in args.select) + " names no rule code")
    ignore = _prefixes(args.ignore or ())
    known = sorted(r.code for r in policy.rules)
    for prefix in [*(select or ()), *ignore]:
        if not any(code.startswith(prefix) for code in known):
            raise BadInput(
                f"no rule code starts with {prefix!r} (codes run {known[0]} to {known[-1]})"
            )
    if not select_rules(policy.rules, select, ignore):
        given = [
            " ".join(f"{option} {v}" for v in values or ())
            for option, values in (("--select", args.select), ("--ignore", args.ignore))
        ]
        raise BadInput(" with ".join(filter(None, given)) + " leaves no rule to check")
    return select, ignore or None


def _refuse_ignored_flags(args: argparse.Namespace) -> None:
    """Flags that the output asked for would leave without effect are usage errors."""
    if args.all and args.format != "json":
        raise BadInput("--all needs --format json: the text lists no passing finding")
    if not args.statistics:
        return
    if args.format == "json":
        raise BadInput(
            '--statistics is a text table; with --format json the counts per rule are in "counts"'
        )
    if args.show_undetermined:
        raise BadInput("--show-undetermined lists findings, and --statistics counts them instead")
    if args.lang == "zh":
        raise BadInput("--statistics prints its table in English only, not with --lang zh")


def _verify(args: argparse.Namespace) -> int:
    """Check the document again as the stored report says it was checked, and compare."""
    given = [
        flag
        for flag, used in (
            ("--select", args.select),
            ("--ignore", args.ignore),
            ("--on", args.on),
            ("--statistics", args.statistics),
            ("--all", args.all),
            ("--show-undetermined", args.show_undetermined),
        )
        if used
    ]
    if given:
        raise BadInput(f"--verify takes the selection and day from the report, not {given[0]}")
    stored = read_report(args.verify)
    try:
        on, select, ignore = stored_selection(stored)
    except InvalidArgumentError as exc:
        raise BadInput(f"{args.verify}: {exc}") from None
    report = check(read_city(args.file), policy_of(args), on=on, select=select, ignore=ignore)
    try:
        found = report.verify(stored)
    except InvalidArgumentError as exc:
        raise BadInput(f"{args.verify}: {exc}") from None
    if args.format == "json":
        dump({"matches": not found, "differences": list(found)})
    elif found:
        for difference in found:
            print(f"{args.verify}: {difference}")
        print(f"{args.verify} does not match {args.file}.")
    else:
        print(f"{args.verify} matches {args.file}: same document, policy, version and verdicts.")
    return 1 if found else 0


def _run(args: argparse.Namespace) -> int:
    if args.verify is not None:
        return _verify(args)
    _refuse_ignored_flags(args)
    policy = policy_of(args)
    select, ignore = _selection(args, policy)
    city = read_city(args.file)
    report = check(city, policy, on=args.on, select=select, ignore=ignore)
    if args.format == "json":
        dump_parts(report.iter_json(findings="all" if args.all else "failing", indent=2))
    elif args.statistics:
        print(report.summary())
    else:
        shown = (Verdict.FAIL, Verdict.UNDETERMINED) if args.show_undetermined else (Verdict.FAIL,)
        for f in report.iter_findings(*shown):
            print(finding_line(f, args.lang))
        print(format_footer(report, lang=args.lang))
    if args.fail_on == "never":
        return 0
    failing = report.iter_findings(Verdict.FAIL, severity=_FAIL_ON[args.fail_on])
    return 1 if next(failing, None) is not None else 0
