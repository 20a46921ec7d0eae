"""``neighborparty fixes``: the cheapest verified fixes of the failing findings of a document."""

from __future__ import annotations

import argparse

from neighborparty.cli._check import _selection
from neighborparty.cli._io import BadInput, dump, read_city
from neighborparty.cli._options import (
    Commands,
    add_catalogues,
    add_command,
    add_format,
    add_lang,
    add_on,
    policy_of,
)
from neighborparty.rules import Finding, check, select_rules


def add_to(commands: Commands) -> argparse.ArgumentParser:
    """Add the ``fixes`` command and its options to the commands of a parser.

    Examples:
        >>> commands = argparse.ArgumentParser(prog="neighborparty").add_subparsers()
        >>> args = add_to(commands).parse_args(["city.json", "br-1", "--select", "NP2"])
        >>> args.file, args.subjects, args.select, args.limit
        ('city.json', ['br-1'], ['NP2'], 3)
    """
    fixing = add_command(
        commands,
        "fixes",
        summary="the cheapest verified fixes of failing findings, or why there are none",
        description="Check a city document, then for each failing finding (or those about "
        "the subjects named) list the cheapest edits that make it pass without making another "
        "error-level finding fail, each verified by re-checking the edited city; or say why "
        "there is none.",
    )
    fixing.add_argument("file", metavar="FILE", help="the city document (JSON), or - for stdin")
    fixing.add_argument(
        "subjects",
        nargs="*",
        metavar="SUBJECT",
        help="ids of subjects whose failing findings to fix (default: every failing finding)",
    )
    fixing.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="comma-separated code prefixes of the findings to fix, as for check; repeatable "
        "(default: every rule)",
    )
    fixing.add_argument(
        "--ignore",
        action="append",
        metavar="CODES",
        help="comma-separated code prefixes of findings to leave unfixed; repeatable (default: none)",
    )
    fixing.add_argument(
        "--limit", type=int, default=3, metavar="N", help="the most fixes per finding (default: 3)"
    )
    add_on(fixing)
    add_catalogues(fixing)
    add_format(fixing)
    add_lang(fixing)
    fixing.set_defaults(run=_run)
    return fixing


def _run(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise BadInput(f"--limit must be at least 1, not {args.limit}")
    policy = policy_of(args)
    select, ignore = _selection(args, policy)
    wanted = {r.code for r in select_rules(policy.rules, select, ignore)}
    city = read_city(args.file)
    report = check(city, policy, on=args.on)
    chosen: list[Finding] = []
    if args.subjects:
        for subject in args.subjects:
            if subject not in city and subject != city.id:
                raise BadInput(f"{args.file} holds no entity {subject!r}")
            chosen += [f for f in report.findings_for(subject) if f.failed]
    else:
        chosen = list(report.failures())
    chosen = [f for f in chosen if f.code in wanted]
    answers = [report.fixes(f, limit=args.limit) for f in chosen]
    if args.format == "json":
        dump({"day": report.day.isoformat(), "findings": [a.to_dict() for a in answers]})
        return 0
    if not answers:
        print("no failing finding to fix" if args.lang == "en" else "没有需要整改的不符合项")
        return 0
    print("\n".join(a.explain(args.lang) for a in answers))
    return 0
