"""A city split by place and checked part by part: the report equals the whole city's.

Each part is the district, sub-district or community it is named after with everything that
lies in it — its compounds, their buildings and lanes, the people living there, the
organisations covering its places, their posts, the owners' bodies, units and records — and a
*halo*: the entities outside it that its subjects read. Which entities a subject reads follows
from the rules' declared reads (``reads=`` of :func:`~neighborparty.rules.rule`) and the city's
references (:data:`~neighborparty.model.COLLECTIONS`): what a rule reads around a subject is
either named by it (a member's registration, a post's holder, a covered compound, the place
above) or names it (a member registered in its branch though living elsewhere, a joint branch
covering it from another community, a seat on its committee, a unit linked to its community).
So a part holds each entity that lies in it or names something that does, and then everything
those name in turn, up the place tree: a city of its own, valid as any City.

A rule that judges each subject from what lies around it (``local``, which needs declared
reads) is checked on the parts, each part keeping the outcomes of the subjects that lie in it;
any other rule — one that counts over places, as the coverage rules do, or one that declares no
reads — is checked on the whole city. The outcomes are merged in the order the whole city's
check gives them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor
from datetime import date
from typing import Any, overload

import attrs

from neighborparty.errors import InvalidArgumentError
from neighborparty.model import COLLECTIONS, City
from neighborparty.model._cache import derived as city_cache
from neighborparty.model._references import REFS
from neighborparty.rules import Context, Policy, Report, Rule, as_of, select_rules
from neighborparty.rules.coverage import record
from neighborparty.rules.policy import DEFAULT_POLICY
from neighborparty.rules.reads import SUBJECT_KINDS, kinds_recorded
from neighborparty.rules.rule import Outcome
from neighborparty.scenarios._districts import check_recipe
from neighborparty.scenarios._executors import (
    Pickled,
    Progress,
    as_executor,
    gather,
    landed,
    ship,
    submit,
)
from neighborparty.scenarios._results import LEVELS_KEPT, Recipe, Results

__all__ = ["BY", "Part", "check_partitioned", "partition"]

BY: Mapping[str, str] = {
    "district": "districts",
    "subdistrict": "subdistricts",
    "community": "communities",
}
"""The levels a city can be split at, with their collections."""

_PLACE_PARENT = {
    "subdistricts": "district",
    "communities": "subdistrict",
    "compounds": "community",
    "buildings": "compound",
    "lanes": "compound",
    "grids": "community",
}
"""The field naming the place one level up, for the places below a district."""

_ANCHOR = {
    "people": "home",
    "organizations": "covers",
    "committees": "compound",
    "companies": "compounds",
    "units": "community",
    "agreements": "unit",
    "stations": "place",
    "service_items": "compound",
    "claims": "person",
    "projects": "place",
    "votes": "compound",
    "deliberations": "vote",
    "whistles": "compound",
    "activities": "person",
    "appointments": "body",
}
"""The field that places an entity that is not a place: it lies where this names (a person
where they live, an organisation in the first place it covers, a post in its body)."""

_SERVED_BY = ("units", "companies")
"""The collections whose entities name the organisation serving them (``party_organization``):
an organisation covering no place lies where what it serves lies."""

_ORDER = (*(c for c in COLLECTIONS if c != "appointments"), "appointments")
"""The collections in an order where every anchor is placed before what it anchors (a post's
body may be an owners' committee, which comes after posts in the document)."""


@attrs.frozen(kw_only=True, eq=False)
class Part:
    """One part of a split city: the place it is named after, the city of what lies in it and
    its halo, and the ids of the entities that lie in it (the subjects it judges).

    Examples:
        >>> from neighborparty import examples
        >>> part = partition(examples.seed_city(), by="community")[1]
        >>> part.place, sorted(part.owned & {c.id for c in part.city.compounds})
        ('cm-old', ['c-old'])
        >>> [c.id for c in part.city.compounds]   # with the halo: the joint branch's compounds
        ['c-east', 'c-west', 'c-old']
    """

    place: str
    city: City = attrs.field(repr=False)
    owned: frozenset[str] = attrs.field(repr=False)


def _check_by(by: object) -> str:
    if not isinstance(by, str) or by not in BY:
        raise InvalidArgumentError(f"by must be {', '.join(repr(b) for b in BY)}, not {by!r}")
    return BY[by]


def _reader(collection: str) -> Callable[[Any], list[str]]:
    """A function giving the ids an entity of a collection names, in the order of its
    reference fields."""
    getters: list[tuple[str, str, bool]] = []
    for ref in REFS.get(collection, ()):
        outer, _, inner = ref.field.partition(".")
        getters.append((outer, inner, ref.many))

    def read(entity: Any) -> list[str]:
        found: list[str] = []
        for outer, inner, many in getters:
            value = getattr(entity, outer)
            if inner and value is not None:
                value = getattr(value, inner)
            if value is None:
                continue
            if many:
                found.extend(value)
            else:
                found.append(value)
        return found

    return read


class _Split:
    """The entities of a city numbered in document order, the part each lies in, what each
    names, and each part's members with their halo."""

    def __init__(self, city: City, level: str) -> None:
        self.city = city
        self.tops = getattr(city, level)
        self.start: dict[str, int] = {}
        self.entities: list[Any] = []
        number: dict[str, int] = {}
        for collection in COLLECTIONS:
            self.start[collection] = len(self.entities)
            found = getattr(city, collection)
            if collection != "appointments":
                base = len(self.entities)
                number.update((e.id, base + i) for i, e in enumerate(found))
            self.entities.extend(found)
        self.number = number
        self.owner = [-1] * len(self.entities)
        self.named: list[list[int]] = [[] for _ in self.entities]
        self._name()
        self._place(level)
        self._anchor()

    def _name(self) -> None:
        number = self.number
        for collection in COLLECTIONS:
            read = _reader(collection)
            base = self.start[collection]
            named = self.named
            for i, entity in enumerate(getattr(self.city, collection)):
                named[base + i] = [number[t] for t in read(entity) if t in number]

    def _place(self, level: str) -> None:
        owner, number, city = self.owner, self.number, self.city
        for i, top in enumerate(self.tops):
            owner[number[top.id]] = i
        order = list(COLLECTIONS)
        for collection in order[order.index(level) + 1 :]:
            field = _PLACE_PARENT.get(collection)
            if field is None:
                break
            base = self.start[collection]
            for i, entity in enumerate(getattr(city, collection)):
                owner[base + i] = owner[number[getattr(entity, field)]]
        # A place above the level lies in the first part below it.
        above = (
            ("subdistricts", "communities", "subdistrict"),
            ("districts", "subdistricts", "district"),
        )
        for collection, child, field in above:
            if order.index(collection) >= order.index(level):
                continue
            for entity in getattr(city, child):
                here = owner[number[entity.id]]
                parent = number[getattr(entity, field)]
                if owner[parent] < 0:
                    owner[parent] = here
        for collection in ("districts", "subdistricts", "communities"):
            base = self.start[collection]
            for i in range(len(getattr(city, collection))):
                if owner[base + i] < 0:
                    owner[base + i] = 0  # a place with nothing below it

    def _anchor(self) -> None:
        owner, number = self.owner, self.number
        for collection in _ORDER:
            if collection == "appointments":
                self._unplaced_organizations()
            field = _ANCHOR.get(collection)
            if field is None:
                continue
            ref = next(r for r in REFS[collection] if r.field == field)
            base = self.start[collection]
            for i, entity in enumerate(getattr(self.city, collection)):
                found = -1
                for target in ref.values(entity):
                    there = number.get(target)
                    if there is not None and owner[there] >= 0:
                        found = owner[there]
                        break
                owner[base + i] = found if found >= 0 or collection == "organizations" else 0

    def _unplaced_organizations(self) -> None:
        """An organisation covering no place (a unit's or a company's) lies with the unit or
        company it serves, else with its parent, else in the first part."""
        owner, number, city = self.owner, self.number, self.city
        for collection in _SERVED_BY:
            base = self.start[collection]
            for i, entity in enumerate(getattr(city, collection)):
                served = entity.party_organization
                if served is not None and owner[number[served]] < 0:
                    owner[number[served]] = owner[base + i]
        base = self.start["organizations"]
        for i, org in enumerate(city.organizations):
            if owner[base + i] < 0:
                parent = org.parent
                chain: list[int] = [base + i]
                while parent is not None and owner[number[parent]] < 0:
                    chain.append(number[parent])
                    parent = city.organizations[number[parent] - base].parent
                found = owner[number[parent]] if parent is not None else 0
                for n in chain:
                    owner[n] = found

    def _attended(self) -> dict[int, list[int]]:
        """Per person (by number): the numbers of their activities."""
        found: dict[int, list[int]] = defaultdict(list)
        base, number = self.start["activities"], self.number
        for i, activity in enumerate(self.city.activities):
            person = number.get(activity.person)
            if person is not None:
                found[person].append(base + i)
        return found

    def members(self) -> list[set[int]]:
        """Per part: the numbers of its entities, halo included."""
        owner, named = self.owner, self.named
        parts: list[set[int]] = [set() for _ in self.tops]
        halo: list[list[int]] = [[] for _ in self.tops]
        for n, mine in enumerate(owner):
            parts[mine].add(n)
        # What names something that lies in another part belongs to that part's halo.
        for n, targets in enumerate(named):
            mine = owner[n]
            for target in targets:
                there = owner[target]
                if there != mine and n not in parts[there]:
                    parts[there].add(n)
                    halo[there].append(n)
        # Then what the part's entities name, in turn, up to the top of the place tree.
        attended = self._attended()
        for index, members in enumerate(parts):
            pending = list(halo[index])
            # A member of one of the part's organisations living elsewhere brings the meetings
            # they attended: an organisation's meetings are its members' activities (NP207).
            for n in halo[index]:
                for activity in attended.get(n, ()):
                    if activity not in members:
                        members.add(activity)
                        pending.append(activity)
            pending.extend(
                n for n in members if owner[n] == index and any(owner[t] != index for t in named[n])
            )
            while pending:
                n = pending.pop()
                for target in named[n]:
                    if target not in members:
                        members.add(target)
                        pending.append(target)
        return parts


def partition(
    city: City, *, by: str = "district", subjects: Iterable[str] | None = None
) -> tuple[Part, ...]:
    """Split a city into one part per district, sub-district or community, each with its halo.

    Args:
        city: The city.
        by: ``"district"``, ``"subdistrict"`` or ``"community"``.
        subjects: The collections whose entities a part judges (``Part.owned``); ``None``
            for every collection.

    Returns:
        The parts, in the document order of their places: each entity lies in exactly one.

    Raises:
        InvalidArgumentError: ``by`` names no level.

    Examples:
        >>> from neighborparty import examples
        >>> parts = partition(examples.seed_city(), by="community")
        >>> [p.place for p in parts]
        ['cm-jinan', 'cm-old']
        >>> sorted(parts[0].owned & {"c-jinan", "c-old", "p-lin"})
        ['c-jinan', 'p-lin']
        >>> partition(examples.seed_city(), by="street")
        Traceback (most recent call last):
        ...
        neighborparty.errors.InvalidArgumentError: by must be 'district', 'subdistrict', 'community', not 'street'
    """
    level = _check_by(by)
    if not isinstance(city, City):
        raise InvalidArgumentError(f"partition takes a City, not {type(city).__name__}")
    return tuple(_parts(city, level, subjects))


def _parts(city: City, level: str, subjects: Iterable[str] | None) -> Iterator[Part]:
    """The parts of :func:`partition`, each made when it is asked for."""
    split = _Split(city, level)
    wanted = set(COLLECTIONS) if subjects is None else set(subjects)
    wanted.discard("appointments")
    owned: list[set[str]] = [set() for _ in split.tops]
    for collection in wanted:
        base = split.start[collection]
        for i, entity in enumerate(getattr(city, collection)):
            owned[split.owner[base + i]].add(entity.id)
    names = list(COLLECTIONS)
    ends = [*(split.start[c] for c in names[1:]), len(split.entities)]
    for top, members, mine in zip(split.tops, split.members(), owned, strict=True):
        collections: dict[str, list[Any]] = {name: [] for name in names}
        at = 0
        for n in sorted(members):
            while n >= ends[at]:
                at += 1
            collections[names[at]].append(split.entities[n])
        part = City(id=city.id, name=city.name, **collections)
        yield Part(place=top.id, city=part, owned=frozenset(mine))


def check_part(
    part: Part | Pickled,
    policy: Policy,
    codes: Sequence[str],
    on: date | None,
    day: date,
    kinds: Mapping[Any, int] | None = None,
) -> dict[str, tuple[Outcome, ...]]:
    """Check one part with the rules of these codes for the day of the whole city's check:
    per rule, the outcomes of the subjects the part owns (what runs on a worker).

    ``kinds`` are the kinds of activity the whole city records (the one fact of the whole city
    a local rule may read, :func:`~neighborparty.rules.reads.kinds_recorded`); the part is told
    them, as a re-check's slice is. ``None`` leaves the part to find its own.

    Examples:
        >>> from neighborparty import DEFAULT_POLICY, examples
        >>> part = partition(examples.seed_city(), by="community")[1]
        >>> found = check_part(part, DEFAULT_POLICY, ["NP101"], None, date(2020, 10, 8))
        >>> [(s, v.value) for s, v, _ in found["NP101"]]
        [('c-old', 'pass')]
    """
    arrived = landed(part, Part)
    owned = arrived.owned
    if kinds is not None:
        city_cache(arrived.city)[kinds_recorded] = dict(kinds)
    context = Context(
        arrived.city, day, policy.values(on), open_posts=on is None, values_on=policy.values
    )
    return {
        code: tuple(o for o in policy.rule(code).evaluate(context) if o[0] in owned)
        for code in codes
    }


def _partable(rule: Rule) -> bool:
    """Whether a rule can be checked part by part: it judges each subject from what lies
    around it and declares what it reads."""
    return rule.local and rule.reads is not None


@overload
def check_partitioned(
    city: City,
    policy: Policy = ...,
    *,
    by: str = ...,
    executor: Executor | None = ...,
    on: date | None = ...,
    select: Sequence[str] | None = ...,
    ignore: Sequence[str] | None = ...,
    progress: Progress | None = ...,
    level: str = ...,
) -> Report: ...


@overload
def check_partitioned(
    city: Recipe,
    policy: Policy = ...,
    *,
    by: str = ...,
    executor: Executor | None = ...,
    on: date | None = ...,
    select: Sequence[str] | None = ...,
    ignore: Sequence[str] | None = ...,
    progress: Progress | None = ...,
    level: str = ...,
) -> Results: ...


def check_partitioned(
    city: City | Recipe,
    policy: Policy = DEFAULT_POLICY,
    *,
    by: str = "district",
    executor: Executor | None = None,
    on: date | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    progress: Progress | None = None,
    level: str = "city",
) -> Report | Results:
    """Check a city part by part on an executor: the report equals ``check(city, policy)``.

    A :class:`~neighborparty.scenarios.Recipe` is checked district by district without ever
    being built whole: each district is built and checked where its piece of work runs
    (:func:`neighborparty.synth.district_city`), and the districts' outcomes are merged into
    :class:`~neighborparty.scenarios.Results` equal to :func:`~neighborparty.scenarios.run`'s
    of the recipe checked whole — one row per rule, and the metrics at ``level`` — labelled
    with the recipe's :attr:`~neighborparty.scenarios.Recipe.label`. This is how a city too
    large for one process (scale 10–30, a province) is checked.

    The city is split at a level (:func:`partition`); each part, with the halo of entities its
    subjects read from outside it, is checked on the executor with the rules that judge a
    subject from what lies around it, while the rules counting over places (the coverage of
    communities, sub-districts, districts and the city) and any rule that declares no reads
    run on the whole city here. The outcomes are merged in the whole check's order; the
    report's metrics are those of the whole city.

    Args:
        city: The city.
        policy: The rules and parameters.
        by: ``"district"``, ``"subdistrict"`` or ``"community"``: the level to split at.
        executor: Any :class:`concurrent.futures.Executor`; ``None`` checks the parts one
            after another in this process.
        on: The day to check for, as :func:`~neighborparty.check` takes it.
        select: Code prefixes to check, as :func:`~neighborparty.check` takes them.
        ignore: Code prefixes to leave out.
        progress: Called with the parts done and the parts in all as they finish.
        level: For a recipe, the places whose metrics the results keep (as
            :func:`~neighborparty.scenarios.run` takes it); a City's report keeps every level.

    Returns:
        For a City, a :class:`~neighborparty.rules.Report` equal to the whole city's (same
        findings, same metrics at every level); for a recipe, the :class:`~neighborparty.
        scenarios.Results` of the whole city.

    Raises:
        InvalidArgumentError: ``by`` names no level (a recipe splits by district only),
            ``executor`` is not an executor, ``city`` is neither a City nor a recipe, the
            recipe's year or scale is not usable, or (for a recipe) a rule selected neither
            judges each subject from what lies around it nor is a coverage rule.

    Notes:
        Each part crosses to a worker once, and is checked there as any City is. A part is
        about its place's share of the city plus a halo of members registered elsewhere,
        joint branches, posts held by outsiders and the places above.

    Examples:
        >>> from neighborparty import check, examples
        >>> city = examples.seed_city()
        >>> report = check_partitioned(city, by="community")
        >>> report.findings == check(city).findings
        True
        >>> check_partitioned(city, executor="pool")
        Traceback (most recent call last):
        ...
        neighborparty.errors.InvalidArgumentError: executor must be a concurrent.futures.Executor (a process pool, Client.get_executor() of dask.distributed) or None, not 'pool'

        A recipe, district by district:

        >>> from neighborparty.scenarios import Recipe, Scenario, run
        >>> recipe = Recipe(seed=1, scale=0.02)
        >>> by_district = check_partitioned(recipe)
        >>> by_district.labels, by_district.row(recipe.label, "NP103").failed
        (('seed 1, scale 0.02, 2020',), 17)
        >>> by_district.rows == run([Scenario(city=recipe, label=recipe.label)]).rows
        True
    """
    _check_by(by)
    chosen = as_executor(executor)
    if not isinstance(city, City | Recipe):
        raise InvalidArgumentError(
            f"check_partitioned takes a City or a Recipe, not {type(city).__name__}"
        )
    if not isinstance(policy, Policy):
        raise InvalidArgumentError(f"policy must be a Policy, not {type(policy).__name__}")
    if select is not None and not isinstance(select, str):
        select = tuple(select)
    if ignore is not None and not isinstance(ignore, str):
        ignore = tuple(ignore)
    try:
        rules = select_rules(policy.rules, select, ignore)
    except TypeError as exc:
        raise InvalidArgumentError(str(exc)) from None
    if isinstance(city, Recipe):
        if by != "district":
            raise InvalidArgumentError(
                f"a Recipe is split by district (each district is built where it is checked), "
                f"not by {by!r}: build the city to split it finer"
            )
        if level not in LEVELS_KEPT:
            raise InvalidArgumentError(
                f"level must be one of {', '.join(map(repr, LEVELS_KEPT))}, not {level!r}"
            )
        return check_recipe(
            city, policy, rules, executor=chosen, on=on, level=level, progress=progress
        )
    day = on if on is not None else (as_of(city) or date.today())
    local = [r for r in rules if _partable(r)]
    subjects = {c for r in local for c in SUBJECT_KINDS[r.subject].collections}
    codes = [r.code for r in local]
    kinds = dict(kinds_recorded(city))
    # Each part goes to the executor as soon as it is made: the workers check the first
    # parts while the next are split off.
    futures = [
        submit(chosen, check_part, ship(part, chosen), policy, codes, on, day, kinds)
        for part in (_parts(city, BY[by], subjects) if local else ())
    ]
    whole = Context(city, day, policy.values(on), open_posts=on is None, values_on=policy.values)
    results: dict[str, tuple[Outcome, ...]] = {
        r.code: tuple(r.evaluate(whole)) for r in rules if not _partable(r)
    }
    found = gather(futures, progress=progress)
    for outcome in found:
        if isinstance(outcome, BaseException):
            raise outcome
    merged = _merge(city, local, found)  # type: ignore[arg-type]
    results.update(merged)
    ordered = tuple((r, results[r.code]) for r in rules)
    record(ordered, policy, on, day)
    return Report(
        city=city,
        policy=policy,
        on=on,
        day=day,
        results=ordered,
        select=tuple(select) if select is not None else None,
        ignore=tuple(ignore) if ignore is not None else None,
    )


def _merge(
    city: City, rules: Sequence[Rule], found: Sequence[Mapping[str, tuple[Outcome, ...]]]
) -> dict[str, tuple[Outcome, ...]]:
    """Each rule's outcomes from every part, in the order the whole city's check gives them."""
    rank = {name: i for i, name in enumerate(COLLECTIONS)}
    position: dict[str, tuple[int, int]] = {}
    for collection in {c for r in rules for c in SUBJECT_KINDS[r.subject].collections}:
        for i, entity in enumerate(getattr(city, collection)):
            position[entity.id] = (rank[collection], i)
    merged: dict[str, tuple[Outcome, ...]] = {}
    for r in rules:
        outcomes = [o for part in found for o in part[r.code]]
        if r.order == "id":
            outcomes.sort(key=lambda o: o[0])
        else:
            outcomes.sort(key=lambda o: position[o[0]])
        merged[r.code] = tuple(outcomes)
    return merged
