"""Benchmark rows of what falls due and of a reform split by provision, in the row format of
``benchmarks/run.py`` (each row timed several times, its median reported).

- ``deadlines, the whole city``: :func:`neighborparty.rules.deadlines` of the city, as a ratio
  to one check of all rules (the design asks for well under one: it checks four rules and
  reads the activity records once);
- ``by_provision, 3-parameter reform``: :meth:`Comparison.by_provision` of a reform of three
  parameters, as a ratio to one ``compare`` of the same reform (it checks the rules of 6 sets
  of parameters, where ``compare`` checks those of 2).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import date
from typing import Any

THREE = {
    "formation.standalone_min_full_members": 2,
    "formation.standalone_min_households": 60,
    "branch.min_full_members": 4,
}
"""The reform split: two thresholds that interact (NP102) and one that acts alone (NP103)."""


def _row(what: str, fn: Callable[[], Any], runs: int) -> tuple[dict[str, Any], Any]:
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return {
        "what": what,
        "median": statistics.median(times),
        "min": min(times),
        "runs": runs,
    }, result


def rows(city: Any, repeat: int) -> tuple[list[dict[str, Any]], dict[str, float]]:
    """The rows timed on ``city`` (its indexes already built by a check), and their ratios."""
    from neighborparty import rules

    found: list[dict[str, Any]] = []
    check, _ = _row("check, all rules (for deadlines)", lambda: rules.check(city), repeat)
    due, result = _row("deadlines, the whole city", lambda: rules.deadlines(city), repeat)
    assert result, "the city has deadlines"
    reform = rules.DEFAULT_POLICY.with_parameters(THREE, effective=date(2000, 1, 1))
    compared, comparison = _row(
        "compare, 3-parameter reform",
        lambda: rules.compare(city, rules.DEFAULT_POLICY, reform),
        repeat,
    )
    split, provisions = _row("by_provision, 3-parameter reform", comparison.by_provision, repeat)
    assert sum(provisions.shares.values()) == len(comparison.changes)
    found += [check, due, compared, split]
    ratios = {
        "deadlines of the whole city / one check": due["median"] / check["median"],
        "by_provision (3 parameters) / one compare": split["median"] / compared["median"],
    }
    return found, ratios


if __name__ == "__main__":
    import argparse

    from neighborparty import rules, synth

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    xiamen = synth.city(scale=args.scale)
    rules.check(xiamen)
    timed, ratios = rows(xiamen, args.repeat)
    for r in timed:
        print(f"{r['what']:<36} {r['median']:9.4f} s (min {r['min']:.4f}, {r['runs']} runs)")
    for what, ratio in ratios.items():
        print(f"{what:<56} {ratio:6.2f}x")
