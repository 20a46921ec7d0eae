"""``neighborparty explain``: a rule in words with examples from the synthetic city, or its
findings in a city document, explained."""

from __future__ import annotations

import argparse

from neighborparty import synth
from neighborparty.cli._io import BadInput, read_city
from neighborparty.cli._options import (
    Commands,
    add_catalogues,
    add_command,
    add_lang,
    add_on,
    policy_of,
)
from neighborparty.cli._rules import rule_named
from neighborparty.cli._text import format_rule, indent
from neighborparty.rules import Finding, Verdict, check

_EXAMPLE_SCALE = 0.05
"""The size of the synthetic city ``explain`` takes its examples from when no file is given."""


def add_to(commands: Commands) -> argparse.ArgumentParser:
    """Add the ``explain`` command and its options to the commands of a parser.

    Examples:
        >>> commands = argparse.ArgumentParser(prog="neighborparty").add_subparsers()
        >>> args = add_to(commands).parse_args(["NP201", "city.json", "br-jinan", "--names"])
        >>> args.code, args.file, args.subjects, args.names
        ('NP201', 'city.json', ['br-jinan'], True)
    """
    explaining = add_command(
        commands,
        "explain",
        summary="a rule in words with examples, or its findings in a city document explained",
        description="Show a rule, then a failing and a passing finding explained, from a small "
        "synthetic city. Given a city document, explain the rule's failing and undetermined "
        "findings there, or its findings about the subjects named: the statement, the verdict, "
        "and the facts and parameter values it was reached on.",
    )
    explaining.add_argument("code", metavar="CODE", help="a rule code, e.g. NP102")
    explaining.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="a city document (JSON), or - for stdin (default: examples from a small synthetic "
        "city)",
    )
    explaining.add_argument(
        "subjects",
        nargs="*",
        metavar="SUBJECT",
        help="ids of subjects to explain (default: every failing or undetermined finding)",
    )
    add_on(explaining)
    add_catalogues(explaining)
    add_lang(explaining)
    explaining.add_argument(
        "--names",
        action="store_true",
        help="show people's names beside their ids (they appear only when asked for)",
    )
    explaining.set_defaults(run=_run)
    return explaining


def _run(args: argparse.Namespace) -> int:
    policy = policy_of(args)
    rule = rule_named(args.code, policy)
    if args.file is None:
        print(format_rule(rule, lang=args.lang, policy=policy))
        city = synth.city(seed=0, scale=_EXAMPLE_SCALE)
        report = check(city, policy, on=args.on, select=[rule.code])
        names = city if args.names else None
        for verdict in (Verdict.FAIL, Verdict.PASS, Verdict.UNDETERMINED):
            found = next((f for f in report.findings if f.verdict is verdict), None)
            if found is not None:
                print(f"\nExample ({verdict.value}, from the synthetic city):")
                print(indent(found.explain(args.lang, names=names), "  "))
        return 0
    city = read_city(args.file)
    report = check(city, policy, on=args.on, select=[rule.code])
    names = city if args.names else None
    if args.subjects:
        chosen: list[Finding] = []
        for subject in args.subjects:
            found_for = [f for f in report.findings_for(subject) if f.code == rule.code]
            if not found_for:
                raise BadInput(f"{rule.code} judges no subject {subject!r} in {args.file}")
            chosen += found_for
    else:
        chosen = list(report.iter_findings(Verdict.FAIL, Verdict.UNDETERMINED))
        if not chosen:
            print(f"{rule.code}: no failing or undetermined finding in {args.file}")
            return 0
    print("\n\n".join(f.explain(args.lang, names=names) for f in chosen))
    return 0
