"""The library's values as terminal text: the tree, the calibration table, a rule, a check's
closing line, and the one-line forms of a finding and of a change.

Every function here returns a string and prints nothing; the commands print.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from datetime import date
from typing import cast

from neighborparty import synth
from neighborparty.model import (
    City,
    Community,
    Compound,
    PartyOrganization,
    Role,
    Severity,
    Subdistrict,
)
from neighborparty.model._html import number as html_number
from neighborparty.rules import DEFAULT_POLICY, Change, Finding, Policy, Report, Rule

SEED_DATE = date(2020, 10, 26)
"""The date of the seed article: the demo's day, and the day of a city that records none."""

_POSTS_SHOWN = (
    Role.SECRETARY,
    Role.FIRST_SECRETARY,
    Role.GROUP_LEADER,
    Role.BUILDING_HEAD,
    Role.CENTRAL_HOUSEHOLD,
    Role.COMPOUND_SECRETARY,
    Role.OWNERS_CHAIR,
)


def count(n: int, noun: str, plural: str | None = None) -> str:
    """A number with its noun, plural unless the number is one.

    Examples:
        >>> count(1, "rule"), count(3, "rule"), count(2, "community", "communities")
        ('1 rule', '3 rules', '2 communities')
    """
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int, *, right: bool = False) -> str:
    """Text padded to a width in terminal columns, a Chinese character taking two.

    Examples:
        >>> pad("思明区", 8) + "|", pad("42", 4, right=True)
        ('思明区  |', '  42')
    """
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def indent(text: str, prefix: str) -> str:
    """Every line of a text behind a prefix.

    Examples:
        >>> print(indent("one\\ntwo", "  "))
          one
          two
    """
    return "\n".join(prefix + line for line in text.splitlines())


def place_name(city: City, place: str) -> str:
    """A place (or the city) by its name, with its id.

    Examples:
        >>> from neighborparty import examples
        >>> place_name(examples.seed_city(), "c-jinan")
        '金安小区 (c-jinan)'
    """
    name = city.name if place == city.id else getattr(city.get(place), "name", place)
    return f"{name} ({place})"


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


def _committee_lines(city: City, compound: Compound, on: date) -> Iterator[str]:
    for committee in city.committees_of(compound.id):
        seats = city.appointments_in(committee.id, on=on)
        if not seats:
            continue
        end = committee.term_end.isoformat() if committee.term_end else "?"
        yield (
            f"owners' committee {committee.id} {committee.term_start.isoformat()}..{end} · "
            f"{count(len(seats), 'member')}{_posts(city, committee.id, on)}"
        )


def _compound_line(city: City, compound: Compound, on: date) -> str:
    people = city.residents(compound.id)
    members = sum(1 for p in people if p.party is not None)
    return (
        f"{compound.name} ({compound.id}) · {compound.kind.value.replace('_', ' ')} · "
        f"{count(compound.households, 'household')} · {count(len(people), 'resident')}, "
        f"{count(members, 'member')}" + _posts(city, compound.id, on)
    )


def format_tree(city: City, *, on: date = SEED_DATE) -> str:
    """The organisational tree of a city as indented text, with counts.

    Sub-district → community → compound → the branches covering it → their groups → the
    buildings or lanes with their heads. People appear by id; posts are those held on ``on``.
    A branch covering several compounds (a joint branch) is shown under the first of them.

    Examples:
        >>> from neighborparty import examples
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
        f"{city.name}: {count(counts['districts'], 'district')}, "
        f"{count(counts['subdistricts'], 'sub-district')}, "
        f"{count(counts['communities'], 'community', 'communities')}, "
        f"{count(counts['compounds'], 'compound')}, "
        f"{count(counts['people'], 'person', 'people')} ({count(members, 'member')})"
    ]
    shown: set[str] = set()
    for district in city.districts:
        lines.append(f"{district.name} ({district.id})")
        for sub_id in city.children(district.id):
            sub = cast(Subdistrict, city.get(sub_id))
            communities = city.children(sub_id)
            lines.append(
                f"  {sub.name} ({sub_id}) · {count(len(communities), 'community', 'communities')}"
            )
            for community_id in communities:
                community = cast(Community, city.get(community_id))
                compounds = city.compounds_in(community_id)
                lines.append(
                    f"    {community.name} ({community_id}) · {count(len(compounds), 'compound')}"
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


def format_calibration(figures: Sequence[synth.Figure]) -> str:
    """A table of published figures beside a city's values; shares as percentages.

    Examples:
        >>> small = synth.city(seed=1, scale=0.01)
        >>> print(format_calibration(synth.calibration(small, scale=0.01)[:3]))
        figure                     source      expected      city   ratio
        communities                [intro]         3.74         4    1.07
        compound_branches          [建强-2]          14        15    1.07
        organisation_coverage      [建强-2]       90.0%     93.8%    1.04
    """

    def number(value: float, share: bool) -> str:
        return f"{value:.1%}" if share else html_number(float(value))

    lines = [
        pad("figure", 27)
        + pad("source", 12)
        + pad("expected", 8, right=True)
        + pad("city", 10, right=True)
        + pad("ratio", 8, right=True)
    ]
    for f in figures:
        share = f.published <= 1.0
        value = number(f.value, share) if share or f.value != int(f.value) else f"{f.value:,.0f}"
        lines.append(
            pad(f.name, 27)
            + pad(f.source, 12)
            + pad(number(f.expected, share), 8, right=True)
            + pad(value, 10, right=True)
            + pad(f"{f.ratio:.2f}", 8, right=True)
        )
    return "\n".join(lines)


def finding_line(finding: Finding, lang: str) -> str:
    """A failing or undetermined finding as a linter's line: subject, code, severity, message.

    Examples:
        >>> from neighborparty import check, examples
        >>> failing = check(examples.seed_city(), select=["NP103"]).failures()
        >>> print(finding_line(failing[0], "en"))
        br-grid-old: NP103 [error] branch br-grid-old holds 1 full members, fewer than 3
    """
    message = finding.message_zh if lang == "zh" else finding.message
    tag = finding.severity.value if finding.failed else "undetermined"
    return f"{finding.subject}: {finding.code} [{tag}] {message}"


def change_line(change: Change, lang: str) -> str:
    """A subject whose verdict a reform changes: both verdicts and the message now shown.

    Examples:
        >>> from datetime import date
        >>> from neighborparty import DEFAULT_POLICY, compare, examples
        >>> reform = DEFAULT_POLICY.with_parameters(
        ...     {"branch.min_full_members": 4}, effective=date(2020, 10, 26)
        ... )
        >>> comparison = compare(examples.seed_city(), DEFAULT_POLICY, reform)
        >>> print(change_line(comparison.changes[0], "en"))
        br-jinan: NP103 pass → fail · branch br-jinan holds 3 full members, fewer than 4
    """
    before = change.before.verdict.value if change.before else "not judged"
    after = change.after.verdict.value if change.after else "not judged"
    shown = change.after or change.before
    message = "" if shown is None else (shown.message_zh if lang == "zh" else shown.message)
    return f"{change.subject}: {change.code} {before} → {after} · {message}"


def _severity_counts(report: Report, counts: dict[str, dict[str, int]]) -> dict[Severity, int]:
    """The failing findings of a report per severity, counted from its counts without making
    them."""
    tally = dict.fromkeys(sorted(Severity, key=lambda s: -s.rank), 0)
    for r, _ in report.results:
        tally[r.severity] += counts[r.code]["fail"]
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
    counts = report.counts()
    tally = _severity_counts(report, counts)
    failing = sum(tally.values())
    undetermined = sum(c["undetermined"] for c in counts.values())
    if lang == "zh":
        return (
            f"共 {failing} 条不符合（错误 {tally[Severity.ERROR]}、警告 "
            f"{tally[Severity.WARNING]}、提示 {tally[Severity.INFO]}），"
            f"无法判断 {undetermined} 条，检查规则 {len(report.rules)} 条。"
        )
    return (
        f"Found {count(failing, 'failing finding')} "
        f"({count(tally[Severity.ERROR], 'error')}, {count(tally[Severity.WARNING], 'warning')}, "
        f"{tally[Severity.INFO]} info) and {undetermined} undetermined "
        f"in {count(len(report.rules), 'rule')}."
    )


def format_rule(rule: Rule, *, lang: str = "en", policy: Policy = DEFAULT_POLICY) -> str:
    """One rule as text: titles, severity, subject, source, statement and parameters.

    Examples:
        >>> from neighborparty.rules import rule_by_code
        >>> print(format_rule(rule_by_code("NP103")))
        NP103 A branch of at least the set number of full members · 支部正式党员不少于规定人数
        severity error · judges each branch · source 党章 art. 30; 支部工作条例 art. 4
        <BLANKLINE>
        A branch (compound, courtyard or grid) holds the relations of at least the set number of full members.
        <BLANKLINE>
        Parameters (default value, values in force by day, source, confidence):
          branch.min_full_members = 3 members · 3 from 2017-10-24; none before 2017-10-24 · 党章 art. 30; 支部工作条例 art. 4 · verified
            Full members a branch needs (党章: a unit with three full members forms an organisation).
        <BLANKLINE>
        Requires: full_members ≥ branch.min_full_members
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
        lines += ["", "Parameters (default value, values in force by day, source, confidence):"]
        for name in rule.parameters:
            p = policy.parameter(name)
            lines.append(
                f"  {name} = {p.default:g} {p.unit} · {p.history()} · "
                f"{p.citation} · {p.confidence.value.replace('_', ' ')}"
            )
            lines.append(f"    {p.description}")
    if rule.condition is not None:
        lines += ["", "Requires: " + rule.condition.describe(lang)]
    if len(rule.versions) > 1:
        lines += ["", "Versions:"]
        for v in rule.versions:
            since = "always" if v.since is None else v.since.isoformat()
            lines.append(f"  from {since}: {v.citation}")
    if rule.subject_day is not None:
        lines.append(f"Each {rule.subject} is judged by the law of its {rule.subject_day}.")
    if rule.tipping:
        lines += ["", "Tipping points: " + ", ".join(sorted(rule.tipping))]
    return "\n".join(lines)
