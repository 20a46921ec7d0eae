"""The command line: ``python -m neighborparty`` (also installed as ``neighborparty``).

The only module of the library that reads files or writes to the terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import cast

from neighborparty import examples, graph, synth
from neighborparty.convert import from_json, to_json
from neighborparty.errors import DocumentError, IntegrityError
from neighborparty.model import (
    City,
    Community,
    Compound,
    PartyOrganization,
    Role,
    Severity,
    Subdistrict,
)
from neighborparty.rules import (
    DEFAULT_POLICY,
    Change,
    Finding,
    Report,
    Rule,
    UnknownParameterError,
    Verdict,
    all_rules,
    as_of,
    check,
    compare,
    rule_by_code,
    sweep,
)

__all__ = ["format_calibration", "format_footer", "format_rule", "format_tree", "main"]

SEED_DATE = date(2020, 10, 26)
"""The date of the seed article, used as the demo's day."""

_POSTS_SHOWN = (
    Role.SECRETARY,
    Role.FIRST_SECRETARY,
    Role.GROUP_LEADER,
    Role.BUILDING_HEAD,
    Role.CENTRAL_HOUSEHOLD,
    Role.COMPOUND_SECRETARY,
    Role.OWNERS_CHAIR,
)


def _posts(city: City, body: str, on: date) -> str:
    held = [
        f"{a.role.value.replace('_', ' ')} {a.person}"
        for a in city.appointments_in(body, on=on)
        if a.role in _POSTS_SHOWN
    ]
    return " · " + ", ".join(held) if held else ""


def _branch_lines(city: City, org: PartyOrganization, on: date) -> Iterator[tuple[str, int]]:
    """The lines of a branch and what stands below it, as (text, depth below the branch)."""
    formation = f", {org.formation.value}" if org.formation else ""
    registered = len(city.members_registered_in(org.id))
    managed = len(city.members_managed_in(org.id))
    yield (
        f"{org.kind.value.replace('_', ' ')} {org.id} {org.name}{formation} · "
        f"{registered} registered, {managed} managed{_posts(city, org.id, on)}",
        0,
    )
    for group in city.suborganizations(org.id):
        yield (
            f"{group.kind.value.replace('_', ' ')} {group.id} {group.name}"
            + _posts(city, group.id, on),
            1,
        )
        for place in group.covers:
            kind = city.collection_of(place)[:-1]
            yield f"{kind} {place}{_posts(city, place, on)}", 2


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _committee_lines(city: City, compound: Compound, on: date) -> Iterator[str]:
    for committee in city.committees_of(compound.id):
        seats = city.appointments_in(committee.id, on=on)
        if not seats:
            continue
        end = committee.term_end.isoformat() if committee.term_end else "?"
        yield (
            f"owners' committee {committee.id} {committee.term_start.isoformat()}..{end} · "
            f"{_count(len(seats), 'member')}{_posts(city, committee.id, on)}"
        )


def _compound_line(city: City, compound: Compound, on: date) -> str:
    people = city.residents(compound.id)
    members = sum(1 for p in people if p.party is not None)
    return (
        f"{compound.name} ({compound.id}) · {compound.kind.value.replace('_', ' ')} · "
        f"{_count(compound.households, 'household')} · {_count(len(people), 'resident')}, "
        f"{_count(members, 'member')}" + _posts(city, compound.id, on)
    )


def format_tree(city: City, *, on: date = SEED_DATE) -> str:
    """The organisational tree of a city as indented text, with counts.

    Sub-district → community → compound → the branches covering it → their groups → the
    buildings or lanes with their heads. People appear by id; posts are those held on ``on``.
    A branch covering several compounds (a joint branch) is shown under the first of them.

    Examples:
        >>> print(format_tree(examples.seed_city()))
        厦门 (seed examples): 1 district, 1 sub-district, 2 communities, 4 compounds, 11 people (9 members)
        示例区 (d-1)
          示例街道 (s-1) · 2 communities
            金安社区 (cm-jinan) · 3 compounds
              金安小区 (c-jinan) · managed · 120 households · 6 residents, 5 members
                owners' committee oc-jinan 2019-06-01..2024-05-31 · 5 members · owners chair p-lin
                compound branch br-jinan 金安小区党支部, standalone · 3 registered, 1 managed · secretary p-lin
                  building group grp-jinan-1 金安楼栋党小组 · group leader p-chen
                    building b-jinan-1 · building head p-chen
                    building b-jinan-2 · central household p-wang
              东苑 (c-east) · managed · 70 households · 1 resident, 1 member · compound secretary p-ye
                compound branch br-joint 东西苑联合党支部, joint · 3 registered, 0 managed · secretary p-liu
              西苑 (c-west) · managed · 60 households · 2 residents, 2 members · compound secretary p-ye
                (covered by br-joint)
            老城社区 (cm-old) · 1 compound
              大同路片区 (c-old) · old quarter · 200 households · 2 residents, 1 member
                grid branch br-grid-old 大同网格党支部 · 1 registered, 0 managed · secretary p-xu
                  lane group grp-datong 大同路街巷党小组
                    lane ln-datong · building head p-xu
    """
    members = sum(1 for p in city.people if p.party is not None)
    counts = city.counts()
    lines = [
        f"{city.name}: {_count(counts['districts'], 'district')}, "
        f"{_count(counts['subdistricts'], 'sub-district')}, "
        f"{_count(counts['communities'], 'community', 'communities')}, "
        f"{_count(counts['compounds'], 'compound')}, "
        f"{_count(counts['people'], 'person', 'people')} ({_count(members, 'member')})"
    ]
    shown: set[str] = set()
    for district in city.districts:
        lines.append(f"{district.name} ({district.id})")
        for sub_id in city.children(district.id):
            sub = cast(Subdistrict, city.get(sub_id))
            communities = city.children(sub_id)
            lines.append(
                f"  {sub.name} ({sub_id}) · {_count(len(communities), 'community', 'communities')}"
            )
            for community_id in communities:
                community = cast(Community, city.get(community_id))
                compounds = city.compounds_in(community_id)
                lines.append(
                    f"    {community.name} ({community_id}) · {_count(len(compounds), 'compound')}"
                )
                for compound in compounds:
                    lines.append("      " + _compound_line(city, compound, on))
                    lines.extend("        " + text for text in _committee_lines(city, compound, on))
                    for branch in city.branches_covering(compound.id):
                        if branch.id in shown:
                            lines.append(f"        (covered by {branch.id})")
                            continue
                        shown.add(branch.id)
                        for text, depth in _branch_lines(city, branch, on):
                            lines.append("        " + "  " * depth + text)
    return "\n".join(lines)


class _Step:
    """Says on stderr what is being done, and how long it took, for steps that take a while."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.start = 0.0

    def __enter__(self) -> _Step:
        print(f"{self.what} ...", end="", file=sys.stderr, flush=True)
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        print(f" {time.perf_counter() - self.start:.1f} s", file=sys.stderr, flush=True)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, *, right: bool = False) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def format_calibration(figures: Sequence[synth.Figure]) -> str:
    """A table of published figures beside a city's values; shares as percentages.

    Examples:
        >>> small = synth.city(seed=1, scale=0.01)
        >>> print(format_calibration(synth.calibration(small, scale=0.01)[:3]))
        figure                     source      expected      city   ratio
        communities                [intro]         3.74         4    1.07
        compound_branches          [建强-2]          14        15    1.07
        organisation_coverage      [建强-2]       90.0%     90.6%    1.01
    """

    def number(value: float, share: bool) -> str:
        if share:
            return f"{value:.1%}"
        return f"{value:,.0f}" if value == int(value) and value >= 10 else f"{value:,.2f}"

    lines = [
        _pad("figure", 27)
        + _pad("source", 12)
        + _pad("expected", 8, right=True)
        + _pad("city", 10, right=True)
        + _pad("ratio", 8, right=True)
    ]
    for f in figures:
        share = f.published <= 1.0
        value = number(f.value, share) if share or f.value != int(f.value) else f"{f.value:,.0f}"
        lines.append(
            _pad(f.name, 27)
            + _pad(f.source, 12)
            + _pad(number(f.expected, share), 8, right=True)
            + _pad(value, 10, right=True)
            + _pad(f"{f.ratio:.2f}", 8, right=True)
        )
    return "\n".join(lines)


def _failing_line(finding: Finding, lang: str) -> str:
    message = finding.message_zh if lang == "zh" else finding.message
    tag = finding.severity.value if finding.failed else "undetermined"
    return f"{finding.subject}: {finding.code} [{tag}] {message}"


def _severity_counts(findings: Sequence[Finding]) -> dict[Severity, int]:
    tally = dict.fromkeys(sorted(Severity, key=lambda s: -s.rank), 0)
    for f in findings:
        tally[f.severity] += 1
    return tally


def format_footer(report: Report, *, lang: str = "en") -> str:
    """The closing line of a check: failing findings by severity, undetermined ones, rules.

    Examples:
        >>> from neighborparty import check, examples
        >>> print(format_footer(check(examples.seed_city(), select=["NP1"])))
        Found 5 failing findings (1 error, 4 warnings, 0 info) and 0 undetermined in 8 rules.
        >>> print(format_footer(check(examples.seed_city(), select=["NP1"]), lang="zh"))
        共 5 条不符合（错误 1、警告 4、提示 0），无法判断 0 条，检查规则 8 条。
    """
    failing = report.failures()
    tally = _severity_counts(failing)
    undetermined = sum(c["undetermined"] for c in report.counts().values())
    if lang == "zh":
        return (
            f"共 {len(failing)} 条不符合（错误 {tally[Severity.ERROR]}、警告 "
            f"{tally[Severity.WARNING]}、提示 {tally[Severity.INFO]}），"
            f"无法判断 {undetermined} 条，检查规则 {len(report.rules)} 条。"
        )
    return (
        f"Found {_count(len(failing), 'failing finding')} "
        f"({_count(tally[Severity.ERROR], 'error')}, {_count(tally[Severity.WARNING], 'warning')}, "
        f"{tally[Severity.INFO]} info) and {undetermined} undetermined "
        f"in {_count(len(report.rules), 'rule')}."
    )


def _place_name(city: City, place: str) -> str:
    name = city.name if place == city.id else getattr(city.get(place), "name", place)
    return f"{name} ({place})"


_LISTED = 6
"""How many failing findings the demo lists per compound."""


def _demo(args: argparse.Namespace) -> int:
    with _Step(
        f"building the synthetic city (seed {args.seed}, scale {args.scale:g}, {args.year})"
    ):
        city = synth.city(seed=args.seed, scale=args.scale, year=args.year)
    counts = city.counts()
    print(f"{city.name}")
    print("  " + ", ".join(f"{n:,} {name.replace('_', ' ')}" for name, n in counts.items() if n))
    print(f"\nCalibration against the figures published for {args.year}:")
    with _Step("computing the calibration"):
        figures = synth.calibration(city, year=args.year, scale=args.scale)
    print(format_calibration(figures))
    print("\nCoverage by district (organisation / work):")
    for place, cov in graph.coverage(city, by="district").items():
        name = getattr(city.get(place), "name", place)
        print(
            f"  {_pad(name, 12)}{cov.compounds:>6,} compounds  "
            f"{cov.organization_rate:>6.1%} / {cov.work_rate:>6.1%}"
        )
    with _Step("checking the city against every rule"):
        report = check(city)
        report.findings  # noqa: B018  (made here, so that the step's time counts them)
    print("\nRule check, per rule:")
    print(report.summary())
    print("\nFailing findings per district (error / warning / info):")
    with _Step("placing the findings"):
        per_district = report.failures_by("district")
    for place, tally in per_district.items():
        print(
            f"  {_pad(_place_name(city, place), 20)}{tally['total']:>8,}   "
            f"{tally['error']:>6,} / {tally['warning']:>6,} / {tally['info']:>6,}"
        )
    print("\nThe five compounds with the most failing findings (errors first):")
    for place, n in report.worst(5):
        failing = [f for f in report.findings_in(place) if f.failed]
        failing.sort(key=lambda f: -f.severity.rank)
        print(f"  {_place_name(city, place)} · {_count(n, 'failing finding')}")
        for f in failing[:_LISTED]:
            print(f"    {_failing_line(f, 'en')}")
        if len(failing) > _LISTED:
            print(f"    ... and {len(failing) - _LISTED} more")
        print("    Why the first one fails:")
        print(_indent(failing[0].explain(), "      "))
    _demo_reform(city)
    print("\nThe seed's scenarios, as a small hand-written city:")
    print(format_tree(examples.seed_city(), on=SEED_DATE))
    return 0


_REFORM = "formation.standalone_min_full_members"


def _demo_reform(city: City) -> None:
    day = as_of(city) or SEED_DATE
    now = DEFAULT_POLICY.value(_REFORM)
    reform = DEFAULT_POLICY.with_parameters({_REFORM: 5}, effective=day)
    print(f"\nA reform: a standalone branch needs 5 full members ({_REFORM}: {now:g} → 5)")
    with _Step("comparing the reform with the baseline"):
        comparison = compare(city, DEFAULT_POLICY, reform)
    print(comparison.summary())
    for change in comparison.changes[:5]:
        print("  " + _change_line(change, "en"))
    if len(comparison.changes) > 5:
        print(f"  ... and {len(comparison.changes) - 5} more")
    with _Step("sweeping the threshold through its tipping points"):
        counts = sweep(city, _REFORM, range(1, 9))
    print("Failing compounds as the threshold varies (one check, read from the tipping points):")
    print("  " + "  ".join(f"{v:g}: {n:,}" for v, n in counts.items()))


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line for line in text.splitlines())


def _change_line(change: Change, lang: str) -> str:
    before = change.before.verdict.value if change.before else "not judged"
    after = change.after.verdict.value if change.after else "not judged"
    shown = change.after or change.before
    message = "" if shown is None else (shown.message_zh if lang == "zh" else shown.message)
    return f"{change.subject}: {change.code} {before} → {after} · {message}"


# -- Reading input --------------------------------------------------------------------------------


class _BadInput(Exception):
    """Input the command cannot use: its message goes to stderr and the exit code is 2."""


def _read_city(path: str) -> City:
    try:
        text = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    except OSError as exc:
        raise _BadInput(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return from_json(text)
    except (DocumentError, IntegrityError) as exc:
        raise _BadInput(f"{path}: {exc}") from None


def _codes(values: Sequence[str] | None) -> list[str] | None:
    """Code prefixes from repeated, comma-separated options; each must name some rule."""
    if values is None:
        return None
    prefixes = [p.strip().upper() for v in values for p in v.split(",") if p.strip()]
    known = [r.code for r in all_rules()]
    for prefix in prefixes:
        if not any(code.startswith(prefix) for code in known):
            raise _BadInput(f"no rule code starts with {prefix!r} (codes run NP101 to NP604)")
    return prefixes


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _dump(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


# -- check ----------------------------------------------------------------------------------------

_FAIL_ON = {"info": Severity.INFO, "warning": Severity.WARNING, "error": Severity.ERROR}


def _check(args: argparse.Namespace) -> int:
    city = _read_city(args.file)
    report = check(city, on=args.on, select=_codes(args.select), ignore=_codes(args.ignore))
    if args.format == "json":
        _dump(report.to_dict(findings="all" if args.all else "failing"))
    elif args.statistics:
        print(report.summary())
    else:
        for f in report.findings:
            if f.failed or (args.show_undetermined and f.verdict is Verdict.UNDETERMINED):
                print(_failing_line(f, args.lang))
        print(format_footer(report, lang=args.lang))
    if args.fail_on == "never":
        return 0
    return 1 if report.failures(severity=_FAIL_ON[args.fail_on]) else 0


# -- rules and explain ----------------------------------------------------------------------------


def _rule(code: str) -> Rule:
    try:
        return rule_by_code(code.upper())
    except KeyError:
        raise _BadInput(f"no rule {code!r}; `neighborparty rules` lists them") from None


def format_rule(rule: Rule, *, lang: str = "en") -> str:
    """One rule as text: titles, severity, subject, source, statement and parameters.

    Examples:
        >>> from neighborparty.rules import rule_by_code
        >>> print(format_rule(rule_by_code("NP103")))
        NP103 A branch has three full members · 支部正式党员不少于三人
        severity error · judges each branch · source 党章 art. 30; 支部工作条例 art. 4
        <BLANKLINE>
        A branch (compound, courtyard or grid) holds the relations of at least the set number of full members.
        <BLANKLINE>
        Parameters (default value, in force from, source, confidence):
          branch.min_full_members = 3 members · from 2017-10-24 · 党章 art. 30; 支部工作条例 art. 4 · verified
            Full members a branch needs (党章: a unit with three full members forms an organisation).
        <BLANKLINE>
        Tipping points: branch.min_full_members
    """
    statement = rule.statement_zh if lang == "zh" else rule.statement_en
    lines = [
        f"{rule.code} {rule.title_en} · {rule.title_zh}",
        f"severity {rule.severity.value} · judges each {rule.subject} · source {rule.citation}",
        "",
        statement,
    ]
    if rule.parameters:
        lines += ["", "Parameters (default value, in force from, source, confidence):"]
        for name in rule.parameters:
            p = DEFAULT_POLICY.parameter(name)
            history = ", ".join(f"{v.value:g} from {v.since.isoformat()}" for v in p.values[:-1])
            lines.append(
                f"  {name} = {p.default:g} {p.unit} · from {p.values[-1].since.isoformat()} · "
                f"{p.citation} · {p.confidence.value.replace('_', ' ')}"
            )
            lines.append(f"    {p.description}" + (f" (earlier: {history})" if history else ""))
    if rule.tipping:
        lines += ["", "Tipping points: " + ", ".join(sorted(rule.tipping))]
    return "\n".join(lines)


def _rule_dict(rule: Rule) -> dict[str, object]:
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
            for p in (DEFAULT_POLICY.parameter(name) for name in rule.parameters)
        ],
        "tipping": sorted(rule.tipping),
    }


def _rules(args: argparse.Namespace) -> int:
    if args.code is not None:
        rule = _rule(args.code)
        if args.format == "json":
            _dump(_rule_dict(rule))
        else:
            print(format_rule(rule, lang=args.lang))
        return 0
    if args.format == "json":
        _dump([_rule_dict(r) for r in all_rules()])
        return 0
    print(f"{'code':<7}{'severity':<9}{'subject':<19}title")
    for r in all_rules():
        title = r.title_zh if args.lang == "zh" else f"{r.title_en} · {r.title_zh}"
        print(f"{r.code:<7}{r.severity.value:<9}{r.subject:<19}{title}")
    return 0


_EXAMPLE_SCALE = 0.05
"""The size of the synthetic city ``explain`` takes its examples from when no file is given."""


def _explain(args: argparse.Namespace) -> int:
    rule = _rule(args.code)
    if args.file is None:
        if args.subjects:
            raise _BadInput("subjects need a FILE to find them in")
        print(format_rule(rule, lang=args.lang))
        city = synth.city(seed=0, scale=_EXAMPLE_SCALE)
        report = check(city, select=[rule.code])
        for verdict in (Verdict.FAIL, Verdict.PASS, Verdict.UNDETERMINED):
            found = next((f for f in report.findings if f.verdict is verdict), None)
            if found is not None:
                print(f"\nExample ({verdict.value}, from the synthetic city):")
                print(_indent(found.explain(args.lang), "  "))
        return 0
    city = _read_city(args.file)
    report = check(city, on=args.on, select=[rule.code])
    names = city if args.names else None
    if args.subjects:
        chosen: list[Finding] = []
        for subject in args.subjects:
            found_for = [f for f in report.findings_for(subject) if f.code == rule.code]
            if not found_for:
                raise _BadInput(f"{rule.code} judges no subject {subject!r} in {args.file}")
            chosen += found_for
    else:
        chosen = [f for f in report.findings if f.verdict is not Verdict.PASS]
        if not chosen:
            print(f"{rule.code}: no failing or undetermined finding in {args.file}")
            return 0
    print("\n\n".join(f.explain(args.lang, names=names) for f in chosen))
    return 0


# -- compare and synth ----------------------------------------------------------------------------


def _setting(text: str) -> tuple[str, float]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{name}: not a number: {value!r}") from None
    return name.strip(), int(number) if number.is_integer() else number


def _compare(args: argparse.Namespace) -> int:
    city = _read_city(args.file)
    effective = args.effective or args.on or as_of(city) or SEED_DATE
    changes = dict(args.set)
    try:
        for name, value in changes.items():
            DEFAULT_POLICY.parameter(name).check_value(value)
        reform = DEFAULT_POLICY.with_parameters(changes, effective=effective)
    except (UnknownParameterError, ValueError) as exc:
        raise _BadInput(str(exc)) from None
    comparison = compare(city, DEFAULT_POLICY, reform, on=args.on)
    if args.format == "json":
        _dump(comparison.to_dict())
        return 0
    print(comparison.summary())
    for change in comparison.changes:
        print("  " + _change_line(change, args.lang))
    return 0


def _synth(args: argparse.Namespace) -> int:
    city = synth.city(seed=args.seed, scale=args.scale, year=args.year)
    sys.stdout.write(to_json(city, indent=args.indent))
    sys.stdout.write("\n")
    return 0


# -- The parser -----------------------------------------------------------------------------------


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
    return value


def _synthetic_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--seed", type=int, default=0, help="random seed of the synthetic city")
    parser.add_argument(
        "--scale", type=_positive, default=1.0, help="its size relative to Xiamen (> 0)"
    )
    parser.add_argument(
        "--year", type=int, default=2020, choices=synth.SUPPORTED_YEARS, help="figures to match"
    )


def _lang(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang", choices=("en", "zh"), default="en", help="language of messages (default en)"
    )


def _on(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--on",
        type=_day,
        metavar="DATE",
        help="check for this day (YYYY-MM-DD): its parameters and posts; default the latest",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="neighborparty",
        description="Xiamen's neighbourhood party-building system (近邻党建) as data.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = sub.add_parser(
        "demo",
        help="the main job on the synthetic city: calibration, rule check, worst compounds, a reform",
    )
    _synthetic_options(demo)
    demo.set_defaults(run=_demo)

    checking = sub.add_parser(
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
    _on(checking)
    checking.add_argument("--format", choices=("text", "json"), default="text")
    _lang(checking)
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
    checking.set_defaults(run=_check)

    listing = sub.add_parser("rules", help="the rule catalogue, or one rule with its parameters")
    listing.add_argument("code", nargs="?", metavar="CODE", help="a rule code, e.g. NP102")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    _lang(listing)
    listing.set_defaults(run=_rules)

    explaining = sub.add_parser(
        "explain",
        help="a rule in words with examples, or its findings in a city document explained",
    )
    explaining.add_argument("code", metavar="CODE", help="a rule code, e.g. NP102")
    explaining.add_argument("file", nargs="?", metavar="FILE", help="a city document (JSON)")
    explaining.add_argument(
        "subjects", nargs="*", metavar="SUBJECT", help="ids to explain (default: every failure)"
    )
    _on(explaining)
    _lang(explaining)
    explaining.add_argument(
        "--names", action="store_true", help="show people's names beside their ids"
    )
    explaining.set_defaults(run=_explain)

    comparing = sub.add_parser(
        "compare", help="who changes status under a reform of the parameters"
    )
    comparing.add_argument("file", metavar="FILE", help="the city document (JSON), or - for stdin")
    comparing.add_argument(
        "--set",
        type=_setting,
        action="append",
        required=True,
        metavar="NAME=VALUE",
        help="a parameter's new value, e.g. formation.standalone_min_full_members=5; repeatable",
    )
    comparing.add_argument(
        "--effective",
        type=_day,
        metavar="DATE",
        help="the day the reform takes effect (default: the day checked)",
    )
    _on(comparing)
    comparing.add_argument("--format", choices=("text", "json"), default="text")
    _lang(comparing)
    comparing.set_defaults(run=_compare)

    synthetic = sub.add_parser("synth", help="write a synthetic city document (JSON) to stdout")
    _synthetic_options(synthetic)
    synthetic.add_argument(
        "--indent", type=int, default=None, help="indent the JSON (default: compact)"
    )
    synthetic.set_defaults(run=_synth)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with these arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit code: 0 on success; for ``check``, 1 when a finding fails at or above
        ``--fail-on``; 2 for bad arguments or a bad document (the reason on stderr).

    Examples:
        >>> main(["demo", "--scale", "0.01"])  # doctest: +ELLIPSIS
        厦门 (synthetic, 2020, seed 0, scale 0.01)
        ...
        0
        >>> main(["rules", "NP101"])  # doctest: +ELLIPSIS
        NP101 One compound, one branch · 一小区一支部
        ...
        0
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    try:
        code: int = args.run(args)
    except _BadInput as exc:
        print(f"neighborparty {args.command}: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # pragma: no cover - the reader went away (| head)
        sys.stderr.close()
        return 0
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
