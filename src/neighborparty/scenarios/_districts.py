"""A synthetic city checked district by district, never whole in one process.

A synthetic city names nothing across its districts, and each district is drawn from a random
stream of its own (:func:`neighborparty.synth.district_city`), so a recipe can be checked with
each district built and checked where its piece of work runs: no city crosses the wire, and no
process holds more than one district. What the districts' checks share is settled as a check
of the whole city settles it:

- the day a check measures to, when none is given, is the latest day the city records: the
  latest of the districts'. A district that records an earlier last day is checked again,
  told the city's day (rare: every district of a calibrated city records the reference day);
- the kinds of activity the city records (the one fact of the whole city a local rule reads,
  :func:`~neighborparty.rules.reads.kinds_recorded`): a district that records fewer kinds is
  checked again, told the city's;
- the coverage of the whole city (NP105, NP106, whose subjects are places): each district
  gives its compounds and those reached, and the city's row is judged from their sums.

The rows of the whole city are the districts' rows merged in the order the whole city's check
gives: by collection, then district, then place in the district (or by id, for the rules
ordered by id). The metrics of the city are the districts' added up
(:func:`~neighborparty.rules.metrics.add_up`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from datetime import date
from typing import Any

from neighborparty.errors import InvalidArgumentError
from neighborparty.model import COLLECTIONS, City
from neighborparty.model._cache import derived as city_cache
from neighborparty.model._gc import paused_gc
from neighborparty.rules import Context, Policy, Rule, Verdict, as_of
from neighborparty.rules.metrics import add_up, compute_metrics
from neighborparty.rules.np.organization import _coverage_outcome, np105, np106
from neighborparty.rules.reads import SUBJECT_KINDS, kinds_recorded
from neighborparty.scenarios._executors import Progress, gather, submit
from neighborparty.scenarios._results import Recipe, Results, Row

__all__ = ["check_district", "check_recipe"]

Key = tuple[int, int]
"""Where a subject stands in its district's outcomes of a rule: the group (a collection, or a
level of places) and the place in it."""

RuleRows = tuple[int, list[tuple[Key, str]], list[tuple[Key, str]], dict[str, Any] | None]
"""One rule's outcomes in one district: the subjects passing (a count), failing and
undetermined (each with its key), and the evidence of the whole city's row of a rule judging
places (the district's share of it), else ``None``."""

Checked = tuple[date | None, dict[Any, int], int, dict[str, RuleRows], dict[str, dict[str, float]]]
"""What one district's check gives: the last day it records, the kinds of activity it records
(with the place of each kind's first record), its activities, each rule's rows, and the metrics
of its places at the level asked."""

_RANK = {name: i for i, name in enumerate(COLLECTIONS)}


_ADDED_UP = frozenset({"compounds", "covered"})
"""The facts of a place that add up over the districts: its compounds and those reached."""


_COVERAGE = frozenset(v.function for r in (np105, np106) for v in r.versions)
"""The functions of the coverage rules, whose place rows add up over the districts."""


def _rolled_up(rule: Rule) -> bool:
    """Whether the whole city's row of a rule is judged from the districts' sums: a coverage
    rule (NP105, NP106, under any parameters), judging places by the share of their compounds
    reached."""
    return all(v.function in _COVERAGE for v in rule.versions)


def _splittable(rule: Rule) -> bool:
    """Whether a rule can be checked district by district: it judges each subject from what
    lies around it and declares what it reads, or it is a coverage rule."""
    return (rule.local and rule.reads is not None) or _rolled_up(rule)


def check_district(
    recipe: Recipe,
    district: str,
    policy: Policy,
    codes: Sequence[str],
    on: date | None,
    told: tuple[date, Mapping[Any, int]] | None,
    level: str,
) -> Checked:
    """Build one district of a recipe and check it with the rules of these codes: what runs
    on a worker. ``told`` is the whole city's day and kinds of activity, once known; ``None``
    checks the district with its own.

    Examples:
        >>> from neighborparty import DEFAULT_POLICY
        >>> last, kinds, _, rows, metrics = check_district(
        ...     Recipe(seed=1, scale=0.02), "d-2", DEFAULT_POLICY, ["NP101"], None, None, "city")
        >>> last, rows["NP101"][0] + len(rows["NP101"][1]), metrics["xm-synth-2020"]["compounds"]
        (datetime.date(2020, 10, 26), 8, 8)
    """
    city = recipe.build_district(district)
    last = as_of(city)
    own_kinds = dict(kinds_recorded(city))
    if told is None:
        day = on if on is not None else (last or date.today())
    else:
        day = told[0]
        city_cache(city)[kinds_recorded] = dict(told[1])
    context = Context(city, day, policy.values(on), open_posts=on is None, values_on=policy.values)
    rows: dict[str, RuleRows] = {}
    places: dict[str, dict[str, int]] = {}
    with paused_gc(settle=True):
        for code in codes:
            rule = policy.rule(code)
            rows[code] = _rows(city, rule, tuple(rule.evaluate(context)), places)
    red_share = policy.value("owners.red_committee_share", on)
    metrics = compute_metrics(city, on=on, red_share=red_share)
    kept = {city.id: metrics.at(city.id)} if level == "city" else metrics.by(level)
    return last, own_kinds, len(city.activities), rows, kept


def _rows(
    city: City, rule: Rule, outcomes: Sequence[Any], places: dict[str, dict[str, int]]
) -> RuleRows:
    """A rule's outcomes in one district, as :data:`RuleRows`; ``places`` holds, per
    collection, where each of its entities stands (made as a rule first needs it)."""
    whole: dict[str, Any] | None = None
    rolled = _rolled_up(rule)
    kinds = SUBJECT_KINDS[rule.subject].collections
    for collection in kinds:
        if collection not in places:
            found = getattr(city, collection)
            places[collection] = {e.id: i for i, e in enumerate(found)}
    where = [(_RANK[c], places[c]) for c in kinds]
    groups: dict[int, int] = {}

    def key(subject: str, n: int) -> Key:
        for rank, place in where:
            i = place.get(subject)
            if i is not None:
                # Places come level by level, in the order the rule gives the levels.
                return (groups.setdefault(rank, len(groups)), n) if rolled else (rank, i)
        return (-1, n)

    passed = 0
    failing: list[tuple[Key, str]] = []
    unknown: list[tuple[Key, str]] = []
    fail, undetermined = Verdict.FAIL, Verdict.UNDETERMINED
    for n, (subject, verdict, evidence) in enumerate(outcomes):
        if rolled:
            if subject == city.id:
                whole = {"verdict": verdict, "evidence": evidence}
                continue
            key(subject, n)  # every level is numbered, failing or not
        if verdict is fail:
            failing.append((key(subject, n), subject))
        elif verdict is undetermined:
            unknown.append((key(subject, n), subject))
        else:
            passed += 1
    return passed, failing, unknown, whole


def _whole_row(
    rule: Rule, city: str, shares: Sequence[dict[str, Any] | None], values: Any, day: date
) -> tuple[Verdict, dict[str, Any]] | None:
    """The whole city's row of a rule judging places, from the districts' shares of it."""
    found = [s for s in shares if s is not None]
    if not found:
        return None
    evidences = [s["evidence"] for s in found]
    if not all(isinstance(e, dict) and e.keys() >= _ADDED_UP for e in evidences):
        # Undetermined for want of a parameter's value that day: every district says so alike.
        first = found[0]
        return first["verdict"], dict(first["evidence"])
    compounds = sum(e["compounds"] for e in evidences)
    covered = sum(e["covered"] for e in evidences)
    _, added = _coverage_outcome("city", city, compounds, covered, evidences[0]["target"])
    evidence = {**evidences[0], **added}  # and what the check adds (the version judging)
    condition = rule.version_for(evidence).condition
    assert condition is not None  # a rule rolled up is judged by its condition
    verdict = condition.judge(values, day, {f: f for f in condition.facts})(evidence)
    return verdict, evidence


def check_recipe(
    recipe: Recipe,
    policy: Policy,
    rules: Sequence[Rule],
    *,
    executor: Executor,
    on: date | None,
    level: str,
    progress: Progress | None,
    label: str | None = None,
) -> Results:
    """Check a recipe district by district on an executor: one row per rule, as the whole
    city's check gives it (see the module's documentation), labelled ``label`` (the recipe's
    :attr:`~neighborparty.scenarios.Recipe.label` if ``None``).

    Examples:
        >>> from neighborparty import DEFAULT_POLICY
        >>> from neighborparty.scenarios import InProcessExecutor, run, Scenario
        >>> recipe = Recipe(seed=1, scale=0.02)
        >>> results = check_recipe(recipe, DEFAULT_POLICY, DEFAULT_POLICY.rules,
        ...                        executor=InProcessExecutor(), on=None, level="city",
        ...                        progress=None)
        >>> whole = run([Scenario(city=recipe, label=recipe.label)])
        >>> results.rows == whole.rows, results.metrics == whole.metrics
        (True, True)
    """
    unsplit = [r.code for r in rules if not _splittable(r)]
    if unsplit:
        raise InvalidArgumentError(
            "a recipe is checked district by district with the rules that judge each subject "
            "from what lies around it (local, with declared reads) or are the coverage rules "
            "(NP105, NP106); "
            f"{', '.join(unsplit)} {'is' if len(unsplit) == 1 else 'are'} neither: "
            "check the city whole (run), or leave "
            f"{'it' if len(unsplit) == 1 else 'them'} out (ignore=)"
        )
    districts = recipe.districts()
    codes = [r.code for r in rules]
    count = len(districts)

    def send(todo: Sequence[int], told: Any, shown: Progress | None) -> list[Checked]:
        futures = [
            submit(executor, check_district, recipe, districts[i], policy, codes, on, told, level)
            for i in todo
        ]
        found = gather(futures, progress=shown)
        for outcome in found:
            if isinstance(outcome, BaseException):
                raise outcome
        return found  # type: ignore[return-value]

    checked = send(range(count), None, progress)
    lasts = [c[0] for c in checked if c[0] is not None]
    day = on if on is not None else (max(lasts) if lasts else date.today())
    kinds: dict[Any, int] = {}
    offset = 0
    for _, own, activities, _, _ in checked:
        for kind, i in own.items():
            kinds.setdefault(kind, offset + i)
        offset += activities
    again = [
        i
        for i, (last, own, _, _, _) in enumerate(checked)
        if (on is None and (last or date.today()) != day) or own.keys() != kinds.keys()
    ]
    if again:
        # Checked again, told the city's day and kinds: the districts were counted done.
        for i, found in zip(again, send(again, (day, kinds), None), strict=True):
            checked[i] = found
    return _merged(recipe, policy, rules, checked, on, day, level, label or recipe.label)


def _merged(
    recipe: Recipe,
    policy: Policy,
    rules: Sequence[Rule],
    checked: Sequence[Checked],
    on: date | None,
    day: date,
    level: str,
    label: str,
) -> Results:
    """The districts' rows and metrics as the whole city's :class:`Results`."""
    city = f"xm-synth-{recipe.year}"
    values = policy.values(on)
    rows = []
    for r in rules:
        passed = 0
        failing: list[tuple[tuple[Any, ...], str]] = []
        unknown: list[tuple[tuple[Any, ...], str]] = []
        shares = []
        for d, found in enumerate(checked):
            here, fails, unknowns, share = found[3][r.code]
            passed += here
            failing.extend(((k[0], d, k[1]), s) for k, s in fails)
            unknown.extend(((k[0], d, k[1]), s) for k, s in unknowns)
            shares.append(share)
        whole = _whole_row(r, city, shares, values, day) if _rolled_up(r) else None
        if whole is not None:
            last = (len(COLLECTIONS), 0, 0)  # the city's row comes after every place's
            verdict = whole[0]
            if verdict is Verdict.FAIL:
                failing.append((last, city))
            elif verdict is Verdict.UNDETERMINED:
                unknown.append((last, city))
            else:
                passed += 1
        if r.order == "id":
            failing.sort(key=lambda o: o[1])
            unknown.sort(key=lambda o: o[1])
        else:
            failing.sort(key=lambda o: o[0])
            unknown.sort(key=lambda o: o[0])
        rows.append(
            Row(
                label=label,
                code=r.code,
                passed=passed,
                failed=len(failing),
                undetermined=len(unknown),
                failing=tuple(s for _, s in failing),
                unknown=tuple(s for _, s in unknown),
            )
        )
    if level == "city":
        metrics = {city: add_up(found[4][city] for found in checked)}
    else:
        metrics = {place: m for found in checked for place, m in found[4].items()}
    return Results(rows=tuple(rows), metrics={label: metrics}, days={label: day}, level=level)
