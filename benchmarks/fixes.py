"""Benchmark rows of the fixes and coverage plans, in the row format of ``run.py``.

``rows(city, report)`` times the fixes of every failing finding of a checked city, and the
coverage plan of every community, each once, beside one check of the same city timed in the
same process; ``ratios(rows)`` gives each as a ratio to that check.

Usage (one scale, printed)::

    python benchmarks/fixes.py --scale 0.1
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from typing import Any

CHECK = "check, all rules (beside the fixes)"
FIXES = "fixes of every failing finding"
PLANS = "plan_coverage of every community"


def _time(fn: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def rows(city: Any, report: Any, repeat: int = 3) -> list[dict[str, Any]]:
    """The rows: one check (median of ``repeat``), the fixes of every failing finding of
    ``report`` (its city's report), the coverage plan of every community."""
    from neighborparty import rules

    checks = [_time(lambda: rules.check(city))[0] for _ in range(repeat)]
    failing = report.failures()
    fixes_time, answers = _time(lambda: [report.fixes(f) for f in failing])
    plans_time, plans = _time(lambda: [rules.plan_coverage(city, c.id) for c in city.communities])
    found = sum(len(a) for a in answers)
    counts = Counter(f.code for f, a in zip(failing, answers, strict=True) if a)
    return [
        {"what": CHECK, "median": statistics.median(checks), "min": min(checks), "runs": repeat},
        {
            "what": FIXES,
            "median": fixes_time,
            "min": fixes_time,
            "runs": 1,
            "findings": len(failing),
            "fixes": found,
            "fixed_by_rule": dict(sorted(counts.items())),
        },
        {
            "what": PLANS,
            "median": plans_time,
            "min": plans_time,
            "runs": 1,
            "communities": len(plans),
            "branches": sum(len(p.branches) for p in plans),
        },
    ]


def ratios(timed: list[dict[str, Any]]) -> dict[str, float]:
    """Each row of :func:`rows` as a ratio to the check timed beside it."""
    median = {r["what"]: r["median"] for r in timed}
    return {
        f"{FIXES} / one check": median[FIXES] / median[CHECK],
        f"{PLANS} / one check": median[PLANS] / median[CHECK],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", action="store_true", help="profile the fixes row")
    args = parser.parse_args(argv)
    from neighborparty import rules, synth

    city = synth.city(seed=args.seed, scale=args.scale)
    report = rules.check(city)
    if args.profile:
        import cProfile
        import pstats

        with cProfile.Profile() as profile:
            for finding in report.failures():
                report.fixes(finding)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
        return 0
    timed = rows(city, report)
    for r in timed:
        extra = {k: v for k, v in r.items() if k not in ("what", "median", "min", "runs")}
        print(f"{r['what']:<40} {r['median']:9.3f} s  {extra}")
    for what, ratio in ratios(timed).items():
        print(f"{what:<56} {ratio:8.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
