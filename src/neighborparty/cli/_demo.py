"""``neighborparty demo``: the main job on the synthetic city, from its calibration to a reform
swept through its tipping points, then the seed's scenarios as a small hand-written city."""

from __future__ import annotations

import argparse
import sys
import time

from neighborparty import examples, graph, synth
from neighborparty.cli._options import Commands, add_command, add_synthetic
from neighborparty.cli._text import (
    SEED_DATE,
    change_line,
    count,
    finding_line,
    format_calibration,
    format_tree,
    indent,
    pad,
    place_name,
)
from neighborparty.model import City
from neighborparty.rules import DEFAULT_POLICY, as_of, check, compare, sweep

_LISTED = 6
"""How many failing findings the demo lists per compound."""

_REFORM = "formation.standalone_min_full_members"


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


def add_to(commands: Commands) -> argparse.ArgumentParser:
    """Add the ``demo`` command and its options to the commands of a parser.

    Examples:
        >>> commands = argparse.ArgumentParser(prog="neighborparty").add_subparsers()
        >>> args = add_to(commands).parse_args(["--scale", "0.05"])
        >>> args.seed, args.scale, args.year
        (0, 0.05, 2020)
    """
    demo = add_command(
        commands,
        "demo",
        summary="the main job on the synthetic city: calibration, rule check, worst compounds, "
        "a reform",
        description="Build the synthetic Xiamen-like city and run the main job on it: the "
        "calibration against the published figures, coverage by district, the rule check per "
        "rule and per district, the five compounds with the most failing findings explained, a "
        "reform compared with the baseline and swept through its tipping points, and the seed's "
        "scenarios as a small hand-written city. Steps that take a while report their time on "
        "stderr.",
    )
    add_synthetic(demo)
    demo.set_defaults(run=_run)
    return demo


def _run(args: argparse.Namespace) -> int:
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
            f"  {pad(name, 12)}{cov.compounds:>6,} compounds  "
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
            f"  {pad(place_name(city, place), 20)}{tally['total']:>8,}   "
            f"{tally['error']:>6,} / {tally['warning']:>6,} / {tally['info']:>6,}"
        )
    print("\nThe five compounds with the most failing findings (errors first):")
    for place, n in report.worst(5):
        failing = [f for f in report.findings_in(place) if f.failed]
        failing.sort(key=lambda f: -f.severity.rank)
        print(f"  {place_name(city, place)} · {count(n, 'failing finding')}")
        for f in failing[:_LISTED]:
            print(f"    {finding_line(f, 'en')}")
        if len(failing) > _LISTED:
            print(f"    ... and {len(failing) - _LISTED} more")
        print("    Why the first one fails:")
        print(indent(failing[0].explain(), "      "))
    _reform(city)
    print("\nThe seed's scenarios, as a small hand-written city:")
    print(format_tree(examples.seed_city(), on=SEED_DATE))
    return 0


def _reform(city: City) -> None:
    day = as_of(city) or SEED_DATE
    now = DEFAULT_POLICY.value(_REFORM)
    reform = DEFAULT_POLICY.with_parameters({_REFORM: 5}, effective=day)
    print(f"\nA reform: a standalone branch needs 5 full members ({_REFORM}: {now:g} → 5)")
    with _Step("comparing the reform with the baseline"):
        comparison = compare(city, DEFAULT_POLICY, reform)
    print(comparison.summary())
    for change in comparison.changes[:5]:
        print("  " + change_line(change, "en"))
    if len(comparison.changes) > 5:
        print(f"  ... and {len(comparison.changes) - 5} more")
    with _Step("sweeping the threshold through its tipping points"):
        counts = sweep(city, _REFORM, range(1, 9))
    print("Failing compounds as the threshold varies (one check, read from the tipping points):")
    print("  " + "  ".join(f"{v:g}: {n:,}" for v, n in counts.items()))
