"""The command line: ``python -m neighborparty`` (also installed as ``neighborparty``).

The only module of the library that reads files or writes to the terminal.
"""

from __future__ import annotations

import argparse
import sys
import time
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import date
from typing import cast

from neighborparty import examples, graph, synth
from neighborparty.model import City, Community, Compound, PartyOrganization, Role, Subdistrict

__all__ = ["format_calibration", "format_tree", "main"]

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
    print("\nThe seed's scenarios, as a small hand-written city:")
    print(format_tree(examples.seed_city(), on=SEED_DATE))
    return 0


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value < float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number, got {text}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="neighborparty",
        description="Xiamen's neighbourhood party-building system (近邻党建) as data.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = sub.add_parser(
        "demo",
        help="the synthetic city calibrated to the seed's figures, and the seed's scenarios",
    )
    demo.add_argument("--seed", type=int, default=0, help="random seed of the synthetic city")
    demo.add_argument(
        "--scale", type=_positive, default=1.0, help="its size relative to Xiamen (> 0)"
    )
    demo.add_argument(
        "--year", type=int, default=2020, choices=synth.SUPPORTED_YEARS, help="figures to match"
    )
    demo.set_defaults(run=_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with these arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit code: 0 on success, 2 for bad arguments.

    Examples:
        >>> main(["demo", "--scale", "0.01"])  # doctest: +ELLIPSIS
        厦门 (synthetic, 2020, seed 0, scale 0.01)
        ...
        0
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    code: int = args.run(args)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
