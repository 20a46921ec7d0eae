"""Coverage plans (组织覆盖规划): the fewest new branches that bring a community's organisation
coverage to its target.

Organisation coverage counts the compounds a compound branch covers, standalone or joint (see
:func:`~neighborparty.graph.coverage.is_organized`; NP105 judges it against the parameter
``coverage.organization_target``). A plan forms branches over compounds no compound branch
covers yet:

- a **standalone** branch over a compound that qualifies for one (NP102: a managed compound with
  the set numbers of registered full members and of households) — such a compound is never put
  in a joint branch, for NP102 would then fail it; or over another compound with enough full
  members of its own (NP103), though for an open resettlement area, an unmanaged compound or
  an old quarter NP104 advises courtyard or grid branches instead, so a plan uses such a branch
  only where no plan of as many branches does without it;
- a **joint** branch over an uncovered compound and the uncovered compounds nearest it in the
  same community (:func:`~neighborparty.graph.places.nearest_compounds`, by coordinates where
  known, else by their order in the community), at most ``branch.joint_max_compounds`` of them,
  pooling at least ``branch.min_full_members`` full members.

Every new branch takes in, of the full members living in its compounds whose relation no compound
branch holds (a member of another compound branch stays there), as few as it needs: one as
secretary, who has the standing NP205 asks for and, where assessed, all four haves (a group
without such a member forms no branch), and the others first from those whose relation the
community's or sub-district's organisation holds. Members whose relation stays with their
work unit stay there; NP401 then asks that the branch manage them (纳入管理).

Among the plans reaching the target, the one with the fewest branches is found exactly (a
dynamic programme over the compounds and the candidate branches); ties go to the plan with
fewer branches NP104 advises against, then to the one covering more compounds, then moving
fewer members.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date
from typing import Any

import attrs

from neighborparty.errors import InvalidArgumentError, UnknownIdError
from neighborparty.graph.coverage import is_organized
from neighborparty.graph.places import nearest_compounds
from neighborparty.model import City, Community, CompoundKind, Formation, OrgKind, Person
from neighborparty.rules._run import as_of
from neighborparty.rules.context import Context
from neighborparty.rules.fixes._edits import (
    Edits,
    NewBranch,
    Step,
    fresh_id,
    holds,
    secretaries,
)
from neighborparty.rules.policy import DEFAULT_POLICY, Policy

__all__ = ["CoveragePlan", "plan_coverage"]

_TARGET = "coverage.organization_target"


@attrs.frozen(kw_only=True)
class CoveragePlan:
    """The branches to form in a community to reach an organisation-coverage target, and the
    edits that form them.

    Examples:
        >>> from neighborparty import examples
        >>> plan = plan_coverage(examples.seed_city(), "cm-jinan")
        >>> plan.reached, plan.branches, plan.covered, plan.compounds
        (True, (), 3, 3)
    """

    community: str
    target: float
    compounds: int
    """The compounds of the community."""
    covered_before: int
    """The compounds a compound branch covered before the plan."""
    branches: tuple[NewBranch, ...]
    edits: Edits
    day: date

    @property
    def covered(self) -> int:
        """The compounds a compound branch covers once the plan is carried out."""
        return self.covered_before + sum(len(b.compounds) for b in self.branches)

    @property
    def rate(self) -> float:
        """The organisation coverage once the plan is carried out (1.0 without compounds)."""
        return self.covered / self.compounds if self.compounds else 1.0

    @property
    def reached(self) -> bool:
        """Whether the plan reaches the target (judged exactly, as NP105 judges it)."""
        return _reaches(self.covered, self.compounds, self.target, self.day)

    @property
    def steps(self) -> tuple[Step, ...]:
        """The steps of the plan, branch by branch."""
        return tuple(s for b in self.branches for s in b.steps())

    def apply(self, city: City) -> City:
        """The city with the plan carried out.

        Examples:
            >>> from neighborparty import examples
            >>> from neighborparty.graph import coverage
            >>> city = examples.seed_city()
            >>> plan = plan_coverage(city, "cm-jinan")
            >>> coverage(plan.apply(city))["cm-jinan"].organization_rate
            1.0
        """
        return self.edits.apply(city)

    def explain(self, lang: str = "en") -> str:
        """The plan in words (``"en"`` or ``"zh"``).

        Examples:
            >>> from neighborparty import examples
            >>> print(plan_coverage(examples.seed_city(), "cm-jinan").explain())
            community cm-jinan: 3 of 3 compounds have a compound branch (100.0%, target 90%); no new branch is needed
        """
        before = self.covered_before
        if lang == "zh":
            head = (
                f"社区 {self.community}：{self.compounds} 个小区中 {before} 个有小区党支部"
                f"（{_rate(before, self.compounds)}，目标 {self.target:.0%}）"
            )
            if not self.branches:
                return head + ("；无需新建支部" if self.reached else "；没有可组建的支部")
            lines = [
                head + f"；新建 {len(self.branches)} 个支部后覆盖 {self.covered} 个"
                f"（{self.rate:.1%}）" + ("" if self.reached else "，仍未达到目标")
            ]
        else:
            head = (
                f"community {self.community}: {before} of {self.compounds} compounds have a "
                f"compound branch ({_rate(before, self.compounds)}, target {self.target:.0%})"
            )
            if not self.branches:
                return head + (
                    "; no new branch is needed"
                    if self.reached
                    else "; no branch can be formed over its uncovered compounds"
                )
            lines = [
                head + f"; {len(self.branches)} new branch"
                f"{'es bring' if len(self.branches) != 1 else ' brings'} it to {self.covered} "
                f"({self.rate:.1%})" + ("" if self.reached else ", still short of the target")
            ]
        lines += [f"- {step.text(lang)}" for step in self.steps]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The plan as plain data for JSON.

        Examples:
            >>> from neighborparty import examples
            >>> plan_coverage(examples.seed_city(), "cm-jinan").to_dict()["reached"]
            True
        """
        return {
            "community": self.community,
            "target": self.target,
            "compounds": self.compounds,
            "covered_before": self.covered_before,
            "covered": self.covered,
            "reached": self.reached,
            "branches": [
                {
                    "id": b.id,
                    "formation": b.formation.value,
                    "compounds": list(b.compounds),
                    "members": list(b.members),
                    "secretary": b.secretary,
                }
                for b in self.branches
            ],
            "edits": self.edits.to_dict(),
        }


def _rate(part: int, whole: int) -> str:
    return f"{(part / whole if whole else 1.0):.1%}"


@functools.lru_cache(maxsize=4096)
def _reaches(covered: int, compounds: int, target: float, day: date) -> bool:
    """Whether ``covered`` of ``compounds`` meets the target: NP105's condition."""
    return holds("NP105", {"covered": covered, "compounds": compounds}, {_TARGET: target}, day)


def needed(compounds: int, target: float, day: date) -> int:
    """The fewest compounds of ``compounds`` that reach the target, as NP105 judges it.

    Examples:
        >>> needed(10, 0.9, date(2020, 1, 1)), needed(4, 0.9, date(2020, 1, 1))
        (9, 4)
    """
    for covered in range(compounds + 1):
        if _reaches(covered, compounds, target, day):
            return covered
    return compounds


@attrs.frozen
class _Candidate:
    compounds: frozenset[str]
    ordered: tuple[str, ...]
    members: tuple[str, ...]
    secretary: str
    formation: Formation
    advised_against: bool = False
    """A standalone branch over a compound NP104 would rather see organised by courtyard."""


def plan_coverage(
    city: City,
    community: str,
    *,
    target: float | None = None,
    policy: Policy = DEFAULT_POLICY,
    on: date | None = None,
) -> CoveragePlan:
    """The fewest new branches that bring a community's organisation coverage to the target
    (see the module's description for the branches a plan may form).

    Args:
        city: The city.
        community: The id of the community.
        target: The share to reach, from 0 to 1; by default ``coverage.organization_target``
            of ``policy`` on the day.
        policy: The policy whose parameters (target, branch sizes, NP102's thresholds) apply.
        on: The day (default: the latest day the city records, as a check takes it).

    Raises:
        UnknownIdError: The city has no such community.
        InvalidArgumentError: ``target`` is not a number from 0 to 1.

    Returns:
        The plan; when no set of branches reaches the target, the plan covering the most
        compounds with the fewest branches (``reached`` is then false).

    Notes:
        The candidate joint branches are, for each uncovered compound, it and its 1 to
        ``branch.joint_max_compounds - 1`` nearest uncovered neighbours. The search takes the
        uncovered compounds in turn, each left uncovered or covered by a candidate it starts
        (dynamic programming over the compounds taken): exponential in the worst case in the
        number of uncovered compounds a candidate can span, small in practice, where joint
        branches join neighbours and a community holds 5–15 compounds.

    Examples:
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> plan = plan_coverage(city, "cm-old")
        >>> plan.reached, plan.covered_before
        (False, 0)
        >>> print(plan.explain())
        community cm-old: 0 of 1 compounds have a compound branch (0.0%, target 90%); no branch can be formed over its uncovered compounds
        >>> plan_coverage(city, "c-old")
        Traceback (most recent call last):
        ...
        neighborparty.errors.UnknownIdError: no entity 'c-old' in the communities of City 'xm-demo'
    """
    if not isinstance(city.get(community) if community in city else None, Community):
        raise UnknownIdError(community, f"the communities of City {city.id!r}")
    if target is not None and (
        isinstance(target, bool) or not isinstance(target, int | float) or not 0 <= target <= 1
    ):
        raise InvalidArgumentError(f"target must be a number from 0 to 1, not {target!r}")
    day = on if on is not None else (as_of(city) or date.today())
    values = policy.values(day)
    goal = float(values[_TARGET] if target is None else target)
    compounds = city.compounds_in(community)
    organized = [c.id for c in compounds if is_organized(city, c.id)]
    need = needed(len(compounds), goal, day)
    if len(organized) >= need:
        return CoveragePlan(
            community=community,
            target=goal,
            compounds=len(compounds),
            covered_before=len(organized),
            branches=(),
            edits=Edits(),
            day=day,
        )
    candidates = _candidates(city, community, values, day, set(organized))
    chosen = _search(candidates, need - len(organized))
    taken: set[str] = set()
    branches: list[NewBranch] = []
    edits = Edits()
    for candidate in chosen:
        base = f"br-{candidate.ordered[0]}" + ("-joint" if len(candidate.ordered) > 1 else "")
        branch = NewBranch(
            id=fresh_id(city, base, taken),
            compounds=candidate.ordered,
            members=candidate.members,
            secretary=candidate.secretary,
            formation=candidate.formation,
        )
        branches.append(branch)
        edits = edits + branch.edits(city, day)
    return CoveragePlan(
        community=community,
        target=goal,
        compounds=len(compounds),
        covered_before=len(organized),
        branches=tuple(branches),
        edits=edits,
        day=day,
    )


def _available(city: City, compound: str) -> list[Person]:
    """The full members living in a compound whose relation no compound branch holds."""
    found = []
    for person in city.residents(compound, members_only=True):
        party = person.party
        assert party is not None
        if not party.is_full:
            continue
        holder = city.get(party.registered_in) if party.registered_in in city else None
        if getattr(holder, "kind", None) is OrgKind.COMPOUND_BRANCH:
            continue
        found.append(person)
    return found


def _candidates(
    city: City, community: str, values: Mapping[str, float], day: date, organized: set[str]
) -> list[_Candidate]:
    """Every branch a plan may form in the community: standalone over each qualifying
    compound, joint over each uncovered compound and its nearest uncovered neighbours."""
    ctx = Context(city, day, values)
    registered = ctx.full_registered_living_in
    limit = int(values["branch.joint_max_compounds"])
    uncovered = [c for c in city.compounds_in(community) if c.id not in organized]
    available = {c.id: _available(city, c.id) for c in uncovered}
    standalone: list[str] = []
    pooled: list[str] = []
    for c in uncovered:
        facts = {
            "standalone_branches": [],
            "full_members": registered.get(c.id, 0),
            "households": c.households,
        }
        qualifies = c.kind is CompoundKind.MANAGED and not holds("NP102", facts, values, day)
        (standalone if qualifies else pooled).append(c.id)
    found: list[_Candidate] = []

    def candidate(
        ordered: tuple[str, ...], formation: Formation, *, advised_against: bool = False
    ) -> _Candidate | None:
        people = [p for c in ordered for p in available[c]]
        if not holds("NP103", {"full_members": len(people)}, values, day):
            return None
        chosen = secretaries(people, values, day)
        if not chosen:
            return None
        people.sort(key=lambda p: p.party is None or p.party.registered_in not in residential)
        picked = [chosen[0], *(p for p in people if p.id != chosen[0].id)]
        n = 1
        while not holds("NP103", {"full_members": n}, values, day):
            n += 1
        return _Candidate(
            compounds=frozenset(ordered),
            ordered=ordered,
            members=tuple(p.id for p in picked[:n]),
            secretary=chosen[0].id,
            formation=formation,
            advised_against=advised_against,
        )

    residential = {
        o.id
        for place in (community, getattr(city.get(community), "subdistrict", community))
        for o in city.organizations_covering(place)
    }
    kinds = {c.id: c.kind for c in uncovered}
    for one in (*standalone, *pooled):
        advised = kinds[one] is not CompoundKind.MANAGED
        made = candidate((one,), Formation.STANDALONE, advised_against=advised)
        if made is not None:
            found.append(made)
    pool = set(pooled)
    seen: set[frozenset[str]] = set()
    for anchor in pooled:
        around = nearest_compounds(city, anchor, len(city.compounds_in(community)))
        near = [n.id for n in around if n.id in pool]
        for size in range(2, limit + 1):
            if size - 1 > len(near):
                break
            ordered = (anchor, *near[: size - 1])
            key = frozenset(ordered)
            if key in seen:
                continue
            seen.add(key)
            made = candidate(ordered, Formation.JOINT)
            if made is not None:
                found.append(made)
    return found


def _search(candidates: list[_Candidate], need: int) -> tuple[_Candidate, ...]:
    """The fewest disjoint candidates covering at least ``need`` compounds; if none do, the
    fewest covering the most. Ties: fewer branches NP104 advises against, more compounds
    covered, fewer members moved, then the candidates' order.

    Exact, by dynamic programming over the compounds in turn: each is left uncovered or
    covered by a candidate whose first compound it is; a state is the next compound and the
    later compounds already taken, and holds, per number of branches and of compounds covered,
    the best family of candidates."""
    if not candidates:
        return ()
    order = sorted({c for candidate in candidates for c in candidate.compounds})
    index = {c: i for i, c in enumerate(order)}
    masks = [sum(1 << index[c] for c in candidate.compounds) for candidate in candidates]
    starting: dict[int, list[int]] = {}
    for k, mask in enumerate(masks):
        starting.setdefault((mask & -mask).bit_length() - 1, []).append(k)
    size = len(order)
    Families = dict[tuple[int, int], tuple[int, int, tuple[int, ...]]]
    memo: dict[tuple[int, int], Families] = {}

    def best(i: int, used: int) -> Families:
        while i < size and used >> i & 1:
            i += 1
        used &= ~((1 << i) - 1)
        key = (i, used)
        found = memo.get(key)
        if found is not None:
            return found
        if i >= size:
            found = {(0, 0): (0, 0, ())}
        else:
            found = dict(best(i + 1, used))  # compound i left uncovered
            for k in starting.get(i, ()):
                if masks[k] & used:
                    continue
                candidate = candidates[k]
                for (count, covered), (advised, members, picks) in best(
                    i + 1, used | masks[k]
                ).items():
                    at = (count + 1, covered + len(candidate.compounds))
                    value = (
                        advised + candidate.advised_against,
                        members + len(candidate.members),
                        (k, *picks),
                    )
                    if at not in found or value < found[at]:
                        found[at] = value
        memo[key] = found
        return found

    families = best(0, 0)
    enough = [(c, -v, a, m, p) for (c, v), (a, m, p) in families.items() if v >= need]
    if enough:
        picked = min(enough, key=lambda f: (f[0], f[2], f[1], f[3], f[4]))[4]
    else:
        picked = min(
            ((-v, c, a, m, p) for (c, v), (a, m, p) in families.items()),
        )[4]
    return tuple(candidates[k] for k in sorted(picked))
