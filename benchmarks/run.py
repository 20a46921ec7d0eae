"""Benchmarks of neighborparty on the synthetic city: ``make bench``.

Each scale runs in a fresh process, so that its peak memory is its own. Every row is timed
several times and reports the median; the *floor* is one bare Python loop touching every entity
of the city once, and each row also gives its ratio to that floor, measured in the same process,
because machines are noisy and ratios travel better than seconds.

Usage::

    python benchmarks/run.py                 # scales 1 and 10, 3 runs each
    python benchmarks/run.py --scales 0.1 1 --repeat 5
    python benchmarks/run.py --dask          # and the scenario rows on 2 Dask workers (make bench)
    python benchmarks/run.py --dask --province-scale 3   # a smaller recipe checked by district
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any


def _floor(city: Any) -> int:
    """One bare loop over every entity of the city: the cheapest thing anything can do."""
    from neighborparty.model import COLLECTIONS

    touched = 0
    for name in COLLECTIONS:
        for entity in getattr(city, name):
            touched += entity is not None
    return touched


def _points_year(city: Any) -> Any:
    """Score every party member of the city over 2020 with the example scheme."""
    from neighborparty.points import EXAMPLE_SCHEME, Period, scores

    return scores(city, Period.year(2020), EXAMPLE_SCHEME)


def _edit_one_compound(city: Any, step: int = 0, day: Any = None) -> Any:
    """The city with one compound edited (the middle one, or one ``step`` compounds further
    on): its households, its branch's election, a resident member's membership and a new post
    in it."""
    import attrs

    from neighborparty import Appointment, Role

    compound = city.compounds[(len(city.compounds) // 2 + 7 * step) % len(city.compounds)]
    if not city.branches_covering(compound.id):
        compound = city.compounds[len(city.compounds) // 2]
    branch = city.branches_covering(compound.id)[0]
    members = [p for p in city.residents(compound.id) if p.party is not None]
    member = members[0] if members else next(p for p in city.people if p.party is not None)
    return city.with_updates(
        compounds=[attrs.evolve(compound, households=compound.households + 50)],
        organizations=[attrs.evolve(branch, elected_on=None)],
        people=[attrs.evolve(member, party=attrs.evolve(member.party, identity_shown=False))],
        appointments=[
            Appointment(
                person=member.id,
                body=compound.id,
                role=Role.LIAISON,
                start=(day or _recorded_day(city)) + timedelta(days=step),
            )
        ],
    )


def _recorded_day(city: Any) -> Any:
    """A day the city already records, so that the check's day stays where it is."""
    return min(a.start for a in city.appointments)


def _fields(city: Any) -> dict[str, Any]:
    """The City's fields, to build an equal City whose indexes are not built yet."""
    import attrs

    return {f.name: getattr(city, f.name) for f in attrs.fields(type(city)) if f.init}


def _timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    times = []
    result = None
    for _ in range(repeat):
        result = None  # the last run's result is let go before the next is made
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), result


def measure(scale: float, repeat: int, seed: int) -> dict[str, Any]:
    """Time every row at one scale, in this process."""
    import neighborparty as npty
    from neighborparty import synth
    from neighborparty.graph import projection

    rows: list[dict[str, Any]] = []

    def row(what: str, fn: Callable[[], Any], runs: int = repeat) -> Any:
        median, best, result = _timed(fn, runs)
        rows.append({"what": what, "median": median, "min": best, "runs": runs})
        return result

    city = row("generate synth.city", lambda: synth.city(seed=seed, scale=scale))
    entities = sum(city.counts().values())
    row("floor: loop over every entity", lambda: _floor(city))
    doc = row("to_dict", lambda: npty.to_dict(city))
    row("from_dict (with integrity check)", lambda: npty.from_dict(doc))
    doc = None  # at scale 10 a document's plain data takes gigabytes: one at a time
    text = row("to_json", lambda: npty.to_json(city))
    row("from_json", lambda: npty.from_json(text))
    row("JSON round trip", lambda: npty.from_json(npty.to_json(city)))
    assert npty.from_json(text) == city

    def fresh_graph() -> Any:
        projection._CACHE.clear()  # time the build, not the cache
        return npty.to_graph(city)

    row("to_graph (structure and people)", fresh_graph)
    table = row("points: every member, a year", lambda: _points_year(city))
    assert len(table) == sum(p.party is not None for p in city.people)

    from datetime import date

    from neighborparty import rules

    fresh = type(city)(**_fields(city))  # equal, with no index built yet
    row("check, all rules (indexes cold)", lambda: rules.check(fresh), 1)
    rules.check(city)  # the rows below time checks of a City whose indexes are built
    report = row("check, all rules", lambda: rules.check(city))
    failing = sum(1 for r, _, v, _ in report.outcomes if v is rules.Verdict.FAIL)
    reform = rules.DEFAULT_POLICY.with_parameters(
        {"formation.standalone_min_full_members": 5}, effective=date(2025, 1, 1)
    )
    row("compare, one-parameter reform", lambda: rules.compare(city, rules.DEFAULT_POLICY, reform))
    grid = [float(i) for i in range(100)]
    row(
        "sweep, 100 values of one threshold",
        lambda: rules.sweep(city, "formation.standalone_min_households", [v * 5 for v in grid]),
    )
    edited = _edit_one_compound(city)
    row("re-check (lookups cold)", lambda: report.recheck(edited), 1)
    again = row("re-check after editing one compound", lambda: report.recheck(edited))
    assert again.counts() == rules.check(edited).counts()
    ratios = _ratios(city, text, row, rows)
    import fixes as fix_bench  # benchmarks/fixes.py: fixes and coverage plans

    if scale <= 1:  # every failing finding of the scale-1 city takes about 1 400 checks
        fix_rows = fix_bench.rows(city, report, repeat)
        rows.extend(fix_rows)
        ratios.update(fix_bench.ratios(fix_rows))

    from deadlines import rows as deadline_rows  # benchmarks/deadlines.py

    timed, more = deadline_rows(city, repeat)
    rows += timed
    ratios.update(more)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "scale": scale,
        "findings": len(report.outcomes),
        "failing": failing,
        "entities": entities,
        "people": len(city.people),
        "json_mb": len(text.encode()) / 1e6,
        "peak_mb": peak_kib / 1024,
        "rows": rows,
        "ratios": ratios,
        "cli_peak_mb": _cli_peak_mb(text),
    }


def _ratios(
    city: Any, text: str, row: Callable[..., Any], rows: list[dict[str, Any]]
) -> dict[str, float]:
    """The targets of the design's table, each a ratio of two rows timed in this process."""
    import pickle

    import neighborparty as npty
    from neighborparty import rules

    def median(what: str) -> float:
        return next(r["median"] for r in reversed(rows) if r["what"] == what)

    row("json.loads of the text", lambda: json.loads(text))
    doc = npty.to_dict(city)
    row(
        "json.dumps of the plain data",
        lambda: json.dumps(doc, ensure_ascii=False, separators=(",", ":")),
    )
    doc = None
    row("text -> report (from_json + check)", lambda: rules.check(npty.from_json(text)))
    row(
        "pickle round trip",
        lambda: pickle.loads(pickle.dumps(city, protocol=pickle.HIGHEST_PROTOCOL)),
    )
    fresh = rules.check(city)
    times = []
    current, report, day = city, fresh, _recorded_day(city)
    for step in range(100):
        start = time.perf_counter()
        current = _edit_one_compound(current, step, day)
        report = report.recheck(current)
        times.append(time.perf_counter() - start)
    assert report.counts() == rules.check(current).counts()
    rows.append(
        {
            "what": "edit + re-check, 100 chained",
            "median": statistics.median(times),
            "min": min(times),
            "runs": 100,
        }
    )
    times = []
    current = city
    for step in range(20):
        person = city.people[(len(city.people) // 2 + 7919 * step) % len(city.people)]
        start = time.perf_counter()
        current = current.without([person.id])
        times.append(time.perf_counter() - start)
    rows.append(
        {
            "what": "without one person, 20 chained",
            "median": statistics.median(times),
            "min": min(times),
            "runs": 20,
        }
    )
    loads = median("json.loads of the text")
    return {
        "from_json / json.loads": median("from_json") / loads,
        "to_json / json.dumps": median("to_json") / median("json.dumps of the plain data"),
        "text -> report / json.loads": median("text -> report (from_json + check)") / loads,
        "edit + re-check (median of 100 chained) / fresh check": median(
            "edit + re-check, 100 chained"
        )
        / median("check, all rules (indexes cold)"),
        "removal (median of 20 chained) / fresh check": median("without one person, 20 chained")
        / median("check, all rules (indexes cold)"),
        "pickle round trip / JSON round trip": median("pickle round trip")
        / median("JSON round trip"),
    }


CLI_FORMS = {
    "the failing findings listed": (),
    "a JSON report (--format json)": ("--format", "json"),
    "statistics (--statistics)": ("--statistics",),
}
"""The forms of ``neighborparty check`` whose peak memory is measured, with their options."""


def _cli_peak_mb(text: str) -> dict[str, float]:
    """Peak memory of ``neighborparty check`` of the document, each form in a process of its
    own writing to ``/dev/null``."""
    import tempfile
    from pathlib import Path

    # The high-water mark of the process's own memory (VmHWM starts anew at exec, where
    # ru_maxrss would keep the peak of the benchmark process it was forked from).
    script = (
        "import sys\n"
        "from neighborparty.cli import main\n"
        "try:\n"
        "    main(['check', sys.argv[1], '--fail-on', 'never', *sys.argv[2:]])\n"
        "finally:\n"
        "    hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM')]\n"
        "    print(hwm[0].split()[1], file=sys.stderr)\n"
    )
    peaks = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "city.json"
        path.write_text(text, encoding="utf-8")
        for form, options in CLI_FORMS.items():
            done = subprocess.run(
                [sys.executable, "-c", script, str(path), *options],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                check=True,
            )
            peaks[form] = int(done.stderr.strip().splitlines()[-1]) / 1024
    return peaks


def _print(result: dict[str, Any]) -> None:
    floor = next(r["median"] for r in result["rows"] if r["what"].startswith("floor"))
    print(
        f"\nscale {result['scale']:g}: {result['entities']:,} entities, "
        f"{result['people']:,} people, JSON {result['json_mb']:.1f} MB, "
        f"peak memory {result['peak_mb']:.0f} MB; {result['findings']:,} findings, "
        f"{result['failing']:,} failing"
    )
    print(f"| {'what':<36} | {'median s':>9} | {'min s':>9} | {'runs':>4} | {'x floor':>8} |")
    print(f"|{'-' * 38}|{'-' * 11}|{'-' * 11}|{'-' * 6}|{'-' * 10}|")
    for r in result["rows"]:
        ratio = r["median"] / floor if floor else float("nan")
        print(
            f"| {r['what']:<36} | {r['median']:>9.4f} | {r['min']:>9.4f} | {r['runs']:>4} "
            f"| {ratio:>8.1f} |"
        )
    for what, ratio in result["ratios"].items():
        print(f"{what:<56} {ratio:6.2f}x")
    for form, peak in result["cli_peak_mb"].items():
        print(f"{'CLI check, peak MB: ' + form:<56} {peak:6.0f}")
    median = {r["what"]: r["median"] for r in result["rows"]}
    full = median["check, all rules"]
    print(
        f"compare {median['compare, one-parameter reform'] / full:.2f}x and sweep "
        f"{median['sweep, 100 values of one threshold'] / full:.2f}x one check; re-check after "
        f"editing one compound {full / median['re-check after editing one compound']:.0f}x "
        "faster than one check"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=float, nargs="+", default=[1.0, 10.0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per row (median reported)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--one", type=float, help=argparse.SUPPRESS)
    parser.add_argument(
        "--dask",
        action="store_true",
        help="also a grid of scenarios, a partitioned check and a recipe checked by district "
        "(--province-scale) on a 2-worker Dask LocalCluster",
    )
    parser.add_argument(
        "--province-scale",
        type=float,
        default=30.0,
        help="the scale of the recipe --dask checks district by district (default 30)",
    )
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(measure(args.one, args.repeat, args.seed)))
        return 0
    results = []
    for scale in args.scales:
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--one",
                str(scale),
                "--repeat",
                str(args.repeat),
                "--seed",
                str(args.seed),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(out.stdout)
        results.append(result)
        _print(result)
    if len(results) > 1:
        base, top = results[0], results[-1]
        print(f"\ngrowth from scale {base['scale']:g} to {top['scale']:g}:")
        for b, t in zip(base["rows"], top["rows"], strict=True):
            print(f"  {b['what']:<36} x{t['median'] / b['median']:.1f}")
        print(f"  {'peak memory':<36} x{top['peak_mb'] / base['peak_mb']:.1f}")
        print(f"ratios at scale {top['scale']:g} (at scale {base['scale']:g}):")
        for what, ratio in top["ratios"].items():
            print(f"  {what:<56} {ratio:6.2f}x ({base['ratios'][what]:.2f}x)")
    if args.dask:
        import scenarios

        print("\nscenarios on a 2-worker Dask LocalCluster:")
        rows, notes = scenarios.grid_rows(seed=args.seed)
        more, more_notes = scenarios.partition_rows(seed=args.seed)
        scenarios.print_rows(rows + more, {**notes, **more_notes})
        print(f"\na recipe of scale {args.province_scale:g} checked by district (its own process):")
        sys.stdout.flush()
        scenarios.province_in_a_process(args.province_scale, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
