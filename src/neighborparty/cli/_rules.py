"""``neighborparty rules``: the rule catalogue, or one rule with its parameters and sources, as
text or as data."""

from __future__ import annotations

import argparse

from neighborparty.cli._io import BadInput, dump
from neighborparty.cli._options import (
    Commands,
    add_catalogues,
    add_command,
    add_format,
    add_lang,
    policy_of,
)
from neighborparty.cli._text import format_rule
from neighborparty.rules import DEFAULT_POLICY, Policy, Rule


def add_to(commands: Commands) -> argparse.ArgumentParser:
    """Add the ``rules`` command and its options to the commands of a parser.

    Examples:
        >>> commands = argparse.ArgumentParser(prog="neighborparty").add_subparsers()
        >>> args = add_to(commands).parse_args(["NP102", "--format", "json"])
        >>> args.code, args.format, args.lang
        ('NP102', 'json', 'en')
    """
    listing = add_command(
        commands,
        "rules",
        summary="the rule catalogue, or one rule with its parameters",
        description="List the rules: code, severity, the kind of subject each judges, and title. "
        "Given a CODE, show that rule: its titles, severity, source, statement, and its "
        "parameters with their values in force from each date and their sources.",
    )
    listing.add_argument(
        "code",
        nargs="?",
        metavar="CODE",
        help="a rule code, e.g. NP102, in either case (default: the whole catalogue)",
    )
    add_format(listing)
    add_lang(listing)
    add_catalogues(listing)
    listing.set_defaults(run=_run)
    return listing


def rule_named(code: str, policy: Policy = DEFAULT_POLICY) -> Rule:
    """The rule of a code as a user types it, in either case.

    Raises:
        BadInput: no rule has this code.

    Examples:
        >>> rule_named("np103").title_en
        'A branch of at least the set number of full members'
        >>> rule_named("NP999")
        Traceback (most recent call last):
        ...
        neighborparty.cli._io.BadInput: no rule 'NP999'; `neighborparty rules` lists them
    """
    try:
        return policy.rule(code.upper())
    except KeyError:
        raise BadInput(f"no rule {code!r}; `neighborparty rules` lists them") from None


def _rule_dict(rule: Rule, policy: Policy = DEFAULT_POLICY) -> dict[str, object]:
    return {
        "code": rule.code,
        "title_en": rule.title_en,
        "title_zh": rule.title_zh,
        "severity": rule.severity.value,
        "subject": rule.subject,
        "citation": rule.citation,
        "statement_en": rule.statement_en,
        "statement_zh": rule.statement_zh,
        "parameters": [
            {
                "name": p.name,
                "unit": p.unit,
                "citation": p.citation,
                "confidence": p.confidence.value,
                "description": p.description,
                "values": [{"since": v.since.isoformat(), "value": v.value} for v in p.values],
            }
            for p in (policy.parameter(name) for name in rule.parameters)
        ],
        "tipping": sorted(rule.tipping),
    }


def _run(args: argparse.Namespace) -> int:
    policy = policy_of(args)
    if args.code is not None:
        rule = rule_named(args.code, policy)
        if args.format == "json":
            dump(_rule_dict(rule, policy))
        else:
            print(format_rule(rule, lang=args.lang, policy=policy))
        return 0
    if args.format == "json":
        dump([_rule_dict(r, policy) for r in sorted(policy.rules, key=lambda r: r.code)])
        return 0
    print(f"{'code':<7}{'severity':<9}{'subject':<19}title")
    for r in sorted(policy.rules, key=lambda r: r.code):
        title = r.title_zh if args.lang == "zh" else f"{r.title_en} · {r.title_zh}"
        print(f"{r.code:<7}{r.severity.value:<9}{r.subject:<19}{title}")
    return 0
