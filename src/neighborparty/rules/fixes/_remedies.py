"""The edits tried for a failing finding, rule by rule, and the reasons some rules have none.

Each remedy reads what fails, and by how much, from the rule's condition
(:meth:`Condition.failed <neighborparty.rules.Condition.failed>` and :meth:`Condition.gap
<neighborparty.rules.Condition.gap>`) where the rule states one, and the parameter values in
force on the report's day; it proposes edits of the city's own people and places, never of the
facts a branch cannot change (households, homes, people's standing, birth or assessments, the
numbers of a past vote). What it proposes is only a draft: :func:`._fix.fixes` keeps a draft
only once a re-check shows it works.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from neighborparty.graph.coverage import is_worked
from neighborparty.graph.places import nearest_compounds
from neighborparty.model import (
    Appointment,
    City,
    Compound,
    Formation,
    OrgKind,
    OwnersCommittee,
    PartyOrganization,
    Person,
    Role,
)
from neighborparty.rules.context import Context
from neighborparty.rules.findings import Finding
from neighborparty.rules.fixes._edits import (
    Edits,
    NewBranch,
    Step,
    appointed,
    before,
    community_organization,
    fresh_id,
    holds,
    moved,
    secretaries,
)

if TYPE_CHECKING:
    from neighborparty.rules.report import Report

__all__ = ["NO_FIX", "drafts"]

Draft = tuple[tuple[Step, ...], Edits]
Reason = tuple[str, str]

NO_FIX: Mapping[str, Reason] = {
    "NP503": (
        "no fix: who led a committee's election is a fact of the past; the compound branch can "
        "lead the next election",
        "无整改办法：业委会选举由谁主导已成事实；小区党支部可领导下一次换届",
    ),
    "NP504": (
        "no fix: a vote held without the branch deliberating first cannot be deliberated "
        "before it now; the branch can deliberate the next major matter first",
        "无整改办法：已举行的表决无法补做先议；党支部可对下一重大事项先议",
    ),
    "NP505": (
        "no fix: a vote that did not carry cannot be made to; the owners may vote again",
        "无整改办法：未通过的表决无法改为通过；业主可重新表决",
    ),
    "NP405": (
        "no fix: organisational life missed in the past cannot be recorded now; the member can "
        "take part from today",
        "无整改办法：过去缺失的组织生活无法补记；党员可自今日起参加",
    ),
    "NP603": (
        "no fix a branch can make: the answer is the department's",
        "无支部可做的整改：回应由责任部门作出",
    ),
}
"""The rules whose failures no edit a branch can make mends, with the reason (en, zh)."""


@attrs.define
class _Ask:
    """What a remedy reads: the report, the finding, the day and the values in force."""

    report: Report
    finding: Finding
    day: date = attrs.field(init=False)
    values: Mapping[str, float] = attrs.field(init=False)
    ctx: Context = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        report = self.report
        self.day = report.day
        self.values = report.policy.values(report.on)
        self.ctx = Context(report.city, self.day, self.values, open_posts=report.on is None)

    @property
    def city(self) -> City:
        return self.report.city

    @property
    def evidence(self) -> Mapping[str, Any]:
        return self.finding.evidence

    def failed(self) -> list[tuple[str, str, float]]:
        """The comparisons of the rule's condition that fail: (fact, op, gap)."""
        rule = self.finding.rule
        condition = None if rule is None else rule.version_for(self.evidence).condition
        if condition is None:
            return []
        return [
            (leaf.facts[0], getattr(leaf, "op", ""), leaf.gap(self.evidence, self.values, self.day))
            for leaf in condition.failed(self.evidence, self.values, self.day)
        ]

    def person(self, id: str) -> Person:
        found = self.city.get(id)
        assert isinstance(found, Person)
        return found

    def org(self, id: str) -> PartyOrganization:
        found = self.city.get(id)
        assert isinstance(found, PartyOrganization)
        return found

    def posts(self, body: str, roles: Iterable[Role]) -> list[Appointment]:
        wanted = set(roles)
        return [a for a in self.ctx.posts(body) if a.role in wanted]


Remedy = Callable[[_Ask], "Iterator[Draft] | Reason"]
_REMEDIES: dict[str, Remedy] = {}


def _remedy(*codes: str) -> Callable[[Remedy], Remedy]:
    def register(function: Remedy) -> Remedy:
        for code in codes:
            _REMEDIES[code] = function
        return function

    return register


def drafts(report: Report, finding: Finding) -> tuple[list[Draft], Reason | None]:
    """The drafts of fixes of a failing finding, or why there are none."""
    reason = NO_FIX.get(finding.code)
    if reason is not None:
        return [], reason
    remedy = _REMEDIES.get(finding.code)
    if remedy is None:
        return [], None
    found = remedy(_Ask(report, finding))
    if isinstance(found, tuple):
        return [], found
    made = list(found)
    return made, None if made else (
        "no fix found: the city has no one or nothing the edit needs",
        "未找到整改办法：城市中没有所需的人员或场所",
    )


def _step(kind: str, en: str, zh: str) -> Step:
    return Step(kind=kind, en=en, zh=zh)


def _appoint(person: str, body: str, role: Role, ask: _Ask, **extra: Any) -> Draft:
    words = _ROLE_WORDS[role]
    step = _step(
        "appoint", f"appoint {person} {words[0]} of {body}", f"任命 {person} 为 {body} {words[1]}"
    )
    post = appointed(person, body, role, ask.day, **extra)
    return (step,), Edits(updates={"appointments": (post,)})


_ROLE_WORDS = {
    Role.SECRETARY: ("secretary", "书记"),
    Role.BRANCH_COMMITTEE_MEMBER: ("committee member", "支委"),
    Role.BUILDING_HEAD: ("building head", "楼栋长"),
    Role.LIAISON: ("liaison", "挂钩联系人"),
    Role.COMPOUND_SECRETARY: ("compound secretary (dispatched)", "小区秘书（下派）"),
    Role.OWNERS_MEMBER: ("owners' committee member (by-election)", "业委会委员（补选）"),
}


def _end(post: Appointment, ask: _Ask) -> Draft | None:
    """End a post the day before the report's day (``None`` if it started on that day)."""
    if post.start >= ask.day:
        return None
    step = _step(
        "end_post",
        f"end the post of {post.person} as {post.role.value} of {post.body}",
        f"免去 {post.person} 在 {post.body} 的 {post.role.value} 职务",
    )
    return (step,), Edits(updates={"appointments": (attrs.evolve(post, end=before(ask.day)),)})


def _joined(*parts: Draft) -> Draft:
    steps: tuple[Step, ...] = ()
    edits = Edits()
    for s, e in parts:
        steps, edits = steps + s, edits + e
    return steps, edits


def _transfer(person: Person, organization: str) -> Draft:
    step = _step(
        "transfer",
        f"transfer the relation of {person.id} to {organization}",
        f"将 {person.id} 的组织关系转入 {organization}",
    )
    return (step,), Edits(updates={"people": (moved(person, organization),)})


# ------------------------------------------------------------------------------- NP1xx


def _sparing(ask: _Ask, people: Iterable[Person], into: str | None = None) -> list[Person]:
    """Those of ``people`` whose transfer leaves no branch they leave newly short of full
    members (NP103 still holds of it, or failed already)."""
    city, left = ask.city, dict(ask.ctx.registered_full_of_branch)
    found = []
    for p in people:
        party = p.party
        assert party is not None
        source = party.registered_in
        holder = city.get(source)
        if source != into and isinstance(holder, PartyOrganization) and holder.kind.is_branch:
            now = left.get(source, 0)
            if party.is_full and _enough(ask, now) and not _enough(ask, now - 1):
                continue
            if party.is_full:
                left[source] = now - 1
        found.append(p)
    return found


def _enough(ask: _Ask, full_members: int) -> bool:
    return holds("NP103", {"full_members": full_members}, ask.values, ask.day)


def _new_branch(
    ask: _Ask,
    compounds: tuple[str, ...],
    formation: Formation,
    members: list[Person],
    taken: set[str],
    *,
    others: Iterable[Person] = (),
) -> tuple[Draft, str] | None:
    """Form a branch over compounds with the fewest of these full members it needs (whose
    transfer leaves no branch short) and ``others`` besides; ``None`` without enough of them
    or a secretary. Also the new branch's id."""
    spare = _sparing(ask, members)
    chosen = secretaries(spare, ask.values, ask.day)
    if not chosen:
        return None
    picked = [chosen[0], *(p for p in spare if p.id != chosen[0].id)]
    n = 1
    while n < len(picked) and not _enough(ask, n):
        n += 1
    if not _enough(ask, n):
        return None
    base = f"br-{compounds[0]}" + ("-joint" if len(compounds) > 1 else "")
    branch = NewBranch(
        id=fresh_id(ask.city, base, taken),
        compounds=compounds,
        members=tuple(p.id for p in (*picked[:n], *others)),
        secretary=chosen[0].id,
        formation=formation,
    )
    return (branch.steps(), branch.edits(ask.city, ask.day)), branch.id


def _full_living_in(ask: _Ask, compound: str) -> list[Person]:
    return [
        p
        for p in ask.city.residents(compound, members_only=True)
        if p.party is not None and p.party.is_full
    ]


@_remedy("NP101")
def _np101(ask: _Ask) -> Iterator[Draft]:
    """Extend a compound branch of a neighbouring compound over it, or form a branch."""
    city, compound = ask.city, ask.finding.subject
    limit = int(ask.values["branch.joint_max_compounds"])
    seen: set[str] = set()
    for near in nearest_compounds(city, compound, len(city.compounds)):
        for branch in city.branches_covering(near.id):
            if branch.kind is not OrgKind.COMPOUND_BRANCH or branch.id in seen:
                continue
            seen.add(branch.id)
            if len(ask.ctx.compounds_of_branch.get(branch.id, ())) >= limit:
                continue
            wider = attrs.evolve(
                branch, covers=(*branch.covers, compound), formation=Formation.JOINT
            )
            step = _step(
                "cover",
                f"extend the compound branch {branch.id} over {compound} (joint)",
                f"将小区党支部 {branch.id} 扩展为联合党支部，覆盖 {compound}",
            )
            yield (step,), Edits(updates={"organizations": (wider,)})
    holders = [
        b
        for p in _full_living_in(ask, compound)
        if p.party is not None
        and isinstance(b := city.get(p.party.registered_in), PartyOrganization)
        and b.kind is OrgKind.COMPOUND_BRANCH
    ]
    for branch in dict.fromkeys(holders):
        if branch.id in seen:
            continue
        seen.add(branch.id)
        wider = attrs.evolve(
            branch,
            covers=(*branch.covers, compound),
            formation=Formation.JOINT if branch.covers else branch.formation,
        )
        step = _step(
            "cover",
            f"extend {branch.id}, which holds the relations of members living in {compound}, "
            f"over {compound}",
            f"将 {branch.id}（{compound} 居住党员的组织关系所在）扩展覆盖 {compound}",
        )
        yield (step,), Edits(updates={"organizations": (wider,)})
    made = _new_branch(
        ask, (compound,), Formation.STANDALONE, _full_living_in(ask, compound), set()
    )
    if made is not None:
        yield made[0]


def _groups_following(ask: _Ask, old: str, new: str, compounds: Iterable[str]) -> Edits:
    """Move the groups of branch ``old`` that serve parts of ``compounds`` under ``new``."""
    city = ask.city
    inside = set(compounds)
    moved_groups = [
        attrs.evolve(org, parent=new)
        for org in city.suborganizations(old)
        if org.kind.is_group
        and org.covers
        and all(city.compound_of(p) in inside for p in org.covers)
    ]
    return Edits(updates={"organizations": tuple(moved_groups)}) if moved_groups else Edits()


def _split(
    ask: _Ask,
    branch: PartyOrganization,
    compounds: tuple[str, ...],
    formation: Formation,
    taken: set[str],
) -> Draft | None:
    """Take compounds out of a branch into a new one, with the branch's members living there
    (its full members as many as it can spare)."""
    city = ask.city
    inside = set(compounds)
    living = [
        p
        for p in city.members_registered_in(branch.id)
        if city.compound_of(p.home) in inside and p.party is not None
    ]
    full = [p for p in living if p.party is not None and p.party.is_full]
    others = [p for p in living if p.party is not None and not p.party.is_full]
    made = _new_branch(ask, compounds, formation, full, taken, others=others)
    if made is None:
        return None
    (steps, edits), new_id = made
    narrower = attrs.evolve(branch, covers=tuple(c for c in branch.covers if c not in inside))
    edits = edits + Edits(updates={"organizations": (narrower,)})
    edits = edits + _groups_following(ask, branch.id, new_id, compounds)
    step = _step(
        "record",
        f"take {', '.join(compounds)} out of {branch.id}",
        f"将 {'、'.join(compounds)} 移出 {branch.id}",
    )
    return (*steps, step), edits


@_remedy("NP102")
def _np102(ask: _Ask) -> Iterator[Draft]:
    """Form a standalone branch over the compound, taking it out of a joint branch."""
    city, compound = ask.city, ask.finding.subject
    joint = [
        b
        for b in city.branches_covering(compound)
        if b.kind is OrgKind.COMPOUND_BRANCH and compound in b.covers
    ]
    taken: set[str] = set()
    for branch in joint:
        made = _split(ask, branch, (compound,), Formation.STANDALONE, taken)
        if made is not None:
            yield made
    members = [
        p
        for p in _full_living_in(ask, compound)
        if p.party is not None
        and getattr(city.get(p.party.registered_in), "kind", None) is not OrgKind.COMPOUND_BRANCH
    ]
    formed = _new_branch(ask, (compound,), Formation.STANDALONE, members, taken)
    if formed is not None:
        yield formed[0]


@_remedy("NP104")
def _np104(ask: _Ask) -> Iterator[Draft]:
    """Reorganise the standalone compound branch as a courtyard or grid branch."""
    branch = ask.org(str(ask.evidence["standalone_branch"]))
    for kind, en, zh in (
        (OrgKind.COURTYARD_BRANCH, "courtyard", "院落"),
        (OrgKind.GRID_BRANCH, "grid", "网格"),
    ):
        step = _step(
            "form",
            f"reorganise {branch.id} as a {en} branch",
            f"将 {branch.id} 改建为{zh}党支部",
        )
        changed = attrs.evolve(branch, kind=kind, formation=None)
        yield (step,), Edits(updates={"organizations": (changed,)})


def _outsiders(ask: _Ask, branch: str) -> list[Person]:
    """Full members living in a branch's compounds whose relation another organisation holds:
    those it manages first, then those no branch holds, then those of other branches."""
    found: list[tuple[int, int, Person]] = []
    for i, compound in enumerate(ask.ctx.compounds_of_branch.get(branch, ())):
        for p in _full_living_in(ask, compound):
            party = p.party
            assert party is not None
            if party.registered_in == branch:
                continue
            rank = 0 if party.managed_in == branch else 2 if _in_branch(ask, p) else 1
            found.append((rank, i, p))
    found.sort(key=lambda x: (x[0], x[1]))
    return [p for _, _, p in found]


@_remedy("NP103")
def _np103(ask: _Ask) -> Iterator[Draft] | Reason:
    """Transfer the full members it lacks, from those living in its compounds."""
    branch = ask.finding.subject
    short = int(sum(gap for _, _, gap in ask.failed()))
    people = _sparing(ask, _outsiders(ask, branch), into=branch)
    if len(people) < short:
        return (
            f"no fix: {branch} lacks {short} full member(s) and only {len(people)} full member(s) "
            "living in its compounds are registered elsewhere",
            f"无整改办法：{branch} 缺少 {short} 名正式党员，其覆盖小区内组织关系在别处的正式党员仅 "
            f"{len(people)} 名",
        )

    def drafts() -> Iterator[Draft]:
        yield _joined(*(_transfer(p, branch) for p in people[:short]))
        unbranched = [p for p in people if not _in_branch(ask, p)]
        if len(unbranched) >= short and unbranched[:short] != people[:short]:
            yield _joined(*(_transfer(p, branch) for p in unbranched[:short]))

    return drafts()


def _in_branch(ask: _Ask, person: Person) -> bool:
    party = person.party
    assert party is not None
    holder = ask.city.get(party.registered_in)
    return isinstance(holder, PartyOrganization) and holder.kind.is_branch


@_remedy("NP105")
def _np105(ask: _Ask) -> Iterator[Draft] | Reason:
    """Carry out the coverage plans of the place's communities, those gaining most per branch
    first, until the place reaches the target."""
    from neighborparty.rules.plan import needed, plan_coverage

    city, place = ask.city, ask.finding.subject
    if place == city.id:
        communities = [c.id for c in city.communities]
    else:
        communities = [
            c.id for c in city.communities if c.id == place or place in city.ancestors(c.id)
        ]
    target = ask.values["coverage.organization_target"]
    plans = []
    for community in communities:
        plan = plan_coverage(city, community, policy=ask.report.policy, on=ask.day)
        if plan.branches:
            plans.append(plan)
    plans.sort(key=lambda p: len(p.branches) / max(1, p.covered - p.covered_before))
    total = int(ask.evidence["compounds"])
    covered = int(ask.evidence["covered"])
    need = needed(total, target, ask.day)
    steps: tuple[Step, ...] = ()
    edits = Edits()
    for plan in plans:
        if covered >= need:
            break
        steps, edits = steps + plan.steps, edits + plan.edits
        covered += plan.covered - plan.covered_before
    if steps and covered >= need:
        return iter([(steps, edits)])
    return (
        f"no fix: the coverage plans of its communities reach {covered} of the {need} compounds "
        "the target needs",
        f"无整改办法：各社区的覆盖规划仅能覆盖 {covered} 个小区，目标需要 {need} 个",
    )


def _staffers(ask: _Ask, community: str) -> list[str]:
    """People who can be linked to a compound of the community: those holding a post in its
    party organisation, then those linked to or dispatched to its other compounds."""
    city = ask.city
    found: dict[str, None] = {}
    own = community_organization(city, community)
    if own is not None:
        for a in ask.ctx.posts(own):
            found.setdefault(a.person)
    for c in city.compounds_in(community):
        for a in ask.ctx.posts(c.id):
            if a.role in (Role.LIAISON, Role.COMPOUND_SECRETARY):
                found.setdefault(a.person)
    return list(found)


@_remedy("NP106")
def _np106(ask: _Ask) -> Iterator[Draft] | Reason:
    """Dispatch staff of the community as compound secretaries of unreached compounds."""
    city, place = ask.city, ask.finding.subject
    from neighborparty.rules.plan import needed

    compounds: list[Compound] = [
        c
        for c in city.compounds
        if place == city.id or c.id == place or place in city.ancestors(c.id)
    ]
    need = needed(len(compounds), ask.values["coverage.work_target"], ask.day) - int(
        ask.evidence["covered"]
    )
    parts: list[Draft] = []
    for c in compounds:
        if len(parts) >= need:
            break
        if is_worked(city, c.id, on=ask.day):
            continue
        staff = _staffers(ask, c.community)
        if staff:
            parts.append(_appoint(staff[0], c.id, Role.COMPOUND_SECRETARY, ask, dispatched=True))
    if parts and len(parts) >= need:
        return iter([_joined(*parts)])
    return (
        f"no fix: {place} needs {need} more compound(s) reached, and the city records staff "
        f"of the communities to dispatch to only {len(parts)} of its unreached compounds",
        f"无整改办法：{place} 还需覆盖 {need} 个小区，而城市记录的社区工作人员仅能下派到其中 "
        f"{len(parts)} 个未覆盖小区",
    )


@_remedy("NP107")
def _np107(ask: _Ask) -> Iterator[Draft] | Reason:
    """Transfer the members it has too many to other branches covering their homes, or split
    its compounds between it and a new branch."""
    city, branch = ask.city, ask.finding.subject
    over = int(sum(gap for _, _, gap in ask.failed()))
    officers = {a.person for a in ask.ctx.posts(branch)}
    parts: list[Draft] = []
    for p in city.members_registered_in(branch):
        if len(parts) >= over:
            break
        if p.id in officers:
            continue
        home = city.compound_of(p.home)
        other = [
            b
            for b in (city.branches_covering(home) if home else ())
            if b.id != branch and b.kind.is_branch
        ]
        if other:
            parts.append(_transfer(p, other[0].id))
    found: list[Draft] = []
    if len(parts) >= over:
        found.append(_joined(*parts))
    own = [c for c in ask.org(branch).covers if isinstance(city.get(c), Compound)]
    if len(own) > 1:
        half = tuple(own[len(own) // 2 :])
        formation = Formation.JOINT if len(half) > 1 else Formation.STANDALONE
        made = _split(ask, ask.org(branch), half, formation, set())
        if made is not None:
            found.append(made)
    if not found:
        return (
            f"no fix: no other branch covers the homes of {over} of the members of {branch}, "
            "and its compounds cannot be split between two branches; a branch over one "
            "compound splits by buildings, which the library does not model",
            f"无整改办法：{branch} 的党员住处没有其他支部覆盖，其小区也无法分设两个支部；"
            "单一小区的支部按楼栋分设，本库未建模",
        )
    return iter(found)


@_remedy("NP108")
def _np108(ask: _Ask) -> Iterator[Draft]:
    """Split the compounds it covers too many into a branch of their own, or hand them to a
    neighbouring compound branch with room."""
    city, branch_id = ask.city, ask.finding.subject
    branch = ask.org(branch_id)
    over = int(sum(gap for _, _, gap in ask.failed()))
    own = [c for c in branch.covers if isinstance(city.get(c), Compound)]
    if over < 1 or over >= len(own):
        return
    residents = {c: len(_full_living_in(ask, c)) for c in own}
    formation = Formation.JOINT if over > 1 else Formation.STANDALONE
    tried: set[tuple[str, ...]] = set()
    for chosen in (tuple(own[-over:]), tuple(sorted(own, key=lambda c: -residents[c])[:over])):
        ordered = tuple(c for c in own if c in chosen)
        if ordered in tried:
            continue
        tried.add(ordered)
        made = _split(ask, branch, ordered, formation, set())
        if made is not None:
            yield made
    # hand the compounds where fewest of its members live to the nearest branches with room
    limit = int(ask.values["branch.joint_max_compounds"])
    room = {
        b: limit - len(compounds)
        for b, compounds in ask.ctx.compounds_of_branch.items()
        if b != branch_id
    }
    handed: dict[str, list[str]] = {}
    for compound in sorted(own, key=lambda c: residents[c])[:over]:
        for near in nearest_compounds(city, compound, len(city.compounds)):
            target = next(
                (
                    b
                    for b in city.branches_covering(near.id)
                    if b.kind is OrgKind.COMPOUND_BRANCH
                    and b.id != branch_id
                    and room.get(b.id, 0) > len(handed.get(b.id, ()))
                ),
                None,
            )
            if target is not None:
                handed.setdefault(target.id, []).append(compound)
                break
    if sum(len(v) for v in handed.values()) < over:
        return
    gone = {c for v in handed.values() for c in v}
    edits = Edits(
        updates={
            "organizations": (
                attrs.evolve(branch, covers=tuple(c for c in branch.covers if c not in gone)),
                *(
                    attrs.evolve(
                        ask.org(b),
                        covers=(*ask.org(b).covers, *moved_here),
                        formation=Formation.JOINT,
                    )
                    for b, moved_here in handed.items()
                ),
            )
        }
    )
    steps = tuple(
        _step(
            "cover",
            f"hand {compound} from {branch_id} to {b} (joint)",
            f"将 {compound} 由 {branch_id} 划归 {b}（联合）",
        )
        for b, moved_here in handed.items()
        for compound in moved_here
    )
    yield steps, edits


# ------------------------------------------------------------------------------- NP2xx


def _secretary_candidates(ask: _Ask, branch: str, *, assessed: bool = False) -> list[Person]:
    current = {a.person for a in ask.posts(branch, (Role.SECRETARY,))}
    people = [p for p in ask.city.members_registered_in(branch) if p.id not in current]
    return secretaries(people, ask.values, ask.day, assessed=assessed)


def _limit(items: list[Person], n: int = 3) -> list[Person]:
    return items[:n]


@_remedy("NP201")
def _np201(ask: _Ask) -> Iterator[Draft] | Reason:
    """Appoint a secretary from the branch's full members."""
    branch = ask.finding.subject
    found = _secretary_candidates(ask, branch)
    if not found:
        return _no_secretary(branch)
    return (_appoint(p.id, branch, Role.SECRETARY, ask) for p in _limit(found))


def _no_secretary(branch: str) -> Reason:
    return (
        f"no fix: no full member of {branch} has the standing a secretary needs and, where "
        "assessed, the four haves; the community can dispatch a staffer",
        f"无整改办法：{branch} 没有党龄符合要求且（经评定的）符合“四有”的正式党员；社区可下派工作人员",
    )


def _replace_secretary(
    ask: _Ask, failing: list[Appointment], *, assessed: bool
) -> Iterator[Draft] | Reason:
    branch = ask.finding.subject
    ended = [_end(a, ask) for a in failing]
    if any(e is None for e in ended):
        return (
            f"no fix: the secretary of {branch} took office on {ask.day.isoformat()}",
            f"无整改办法：{branch} 书记于 {ask.day.isoformat()} 刚上任",
        )
    found = _secretary_candidates(ask, branch, assessed=assessed)
    if not found:
        return _no_secretary(branch)
    done = [e for e in ended if e is not None]
    return (_joined(*done, _appoint(p.id, branch, Role.SECRETARY, ask)) for p in _limit(found))


@_remedy("NP202")
def _np202(ask: _Ask) -> Iterator[Draft] | Reason:
    """Replace a secretary not assessed as meeting the four haves by one who is."""
    failing = [
        a
        for a in ask.posts(ask.finding.subject, (Role.SECRETARY,))
        if not a.dispatched
        and (fh := ask.person(a.person).four_haves) is not None
        and not fh.all_met
    ]
    return _replace_secretary(ask, failing, assessed=True)


@_remedy("NP205")
def _np205(ask: _Ask) -> Iterator[Draft] | Reason:
    """Replace a secretary without the standing by one with it."""
    from neighborparty.rules.fixes._edits import standing_ok

    failing = [
        a
        for a in ask.posts(ask.finding.subject, (Role.SECRETARY,))
        if not standing_ok(ask.person(a.person), ask.values, ask.day)
    ]
    return _replace_secretary(ask, failing, assessed=False)


def _committee(ask: _Ask, branch: str) -> set[str]:
    roles = (Role.SECRETARY, Role.DEPUTY_SECRETARY, Role.BRANCH_COMMITTEE_MEMBER)
    return {a.person for a in ask.posts(branch, roles)}


def _add_committee(ask: _Ask, branch: str, n: int, exclude: set[str]) -> list[Draft] | None:
    taken = _committee(ask, branch) | exclude
    people = [
        p
        for p in ask.city.members_registered_in(branch)
        if p.id not in taken and p.party is not None and p.party.is_full
    ]
    if len(people) < n:
        return None
    return [_appoint(p.id, branch, Role.BRANCH_COMMITTEE_MEMBER, ask) for p in people[:n]]


@_remedy("NP203", "NP204")
def _np203(ask: _Ask) -> Iterator[Draft] | Reason:
    """Appoint the secretary and committee members a committee lacks, or end the posts of the
    committee members it has too many."""
    branch = ask.finding.subject
    parts: list[Draft] = []
    chosen: set[str] = set()
    short = 0
    for fact, op, gap in ask.failed():
        if fact == "secretary":
            found = _secretary_candidates(ask, branch)
            if not found:
                return _no_secretary(branch)
            parts.append(_appoint(found[0].id, branch, Role.SECRETARY, ask))
            chosen.add(found[0].id)
        elif fact == "committee_size" and op == ">=":
            short += int(gap)
        elif fact == "committee_size" and op == "<=":
            members = [
                a for a in ask.posts(branch, (Role.BRANCH_COMMITTEE_MEMBER,)) if a.start < ask.day
            ]
            if len(members) < gap:
                return iter(())
            ended = [_end(a, ask) for a in members[-int(gap) :]]
            parts += [e for e in ended if e is not None]
    short -= len(chosen)
    if short > 0:
        added = _add_committee(ask, branch, short, chosen)
        if added is None:
            return (
                f"no fix: {branch} has too few full members for a committee of the set size",
                f"无整改办法：{branch} 正式党员不足以组成规定人数的支委会",
            )
        parts += added
    return iter([_joined(*parts)] if parts else [])


@_remedy("NP206")
def _np206(ask: _Ask) -> Iterator[Draft]:
    """Hold the election that is due."""
    org = ask.org(ask.finding.subject)
    step = _step(
        "record",
        f"hold the election of {org.id} (elected on {ask.day.isoformat()})",
        f"{org.id} 进行换届选举（{ask.day.isoformat()}）",
    )
    yield (step,), Edits(updates={"organizations": (attrs.evolve(org, elected_on=ask.day),)})


# ------------------------------------------------------------------------------- NP3xx, NP4xx


@_remedy("NP301")
def _np301(ask: _Ask) -> Iterator[Draft]:
    """Appoint a member living in the building as its building head."""
    part = ask.finding.subject
    living = [p for p in ask.city.residents(part, members_only=True) if p.home == part]
    living.sort(key=lambda p: not (p.party is not None and p.party.is_full))
    for p in living[:3]:
        yield _appoint(p.id, part, Role.BUILDING_HEAD, ask)


@_remedy("NP401")
def _np401(ask: _Ask) -> Iterator[Draft] | Reason:
    """Place the member in a branch covering their compound: managed there, or transferred."""
    person = ask.person(ask.finding.subject)
    compound = str(ask.evidence["compound"])
    branches = ask.city.branches_covering(compound)
    if not branches:
        return (
            f"no fix for the member alone: no branch covers {compound} (see the fixes of NP101)",
            f"无仅针对该党员的整改办法：{compound} 没有党支部覆盖（见 NP101 的整改）",
        )
    party = person.party
    assert party is not None

    def drafts() -> Iterator[Draft]:
        for b in branches:
            step = _step(
                "record",
                f"place {person.id} under the management of {b.id}",
                f"将 {person.id} 纳入 {b.id} 管理",
            )
            managed = attrs.evolve(person, party=attrs.evolve(party, managed_in=b.id))
            yield (step,), Edits(updates={"people": (managed,)})
        for b in branches:
            yield _transfer(person, b.id)

    return drafts()


@_remedy("NP402")
def _np402(ask: _Ask) -> Iterator[Draft]:
    """The in-service member reports to the community they live in."""
    person = ask.person(ask.finding.subject)
    community = str(ask.evidence["community"])
    party = person.party
    assert party is not None
    step = _step(
        "record",
        f"{person.id} reports to {community}",
        f"{person.id} 向 {community} 报到",
    )
    reported = attrs.evolve(person, party=attrs.evolve(party, reported_to=community))
    yield (step,), Edits(updates={"people": (reported,)})


# ------------------------------------------------------------------------------- NP5xx, NP6xx


@_remedy("NP501")
def _np501(ask: _Ask) -> Iterator[Draft]:
    """Seat residents of the compound, or end seats, by one or two, nearest size first."""
    city = ask.city
    committee = city.get(ask.finding.subject)
    assert isinstance(committee, OwnersCommittee)
    posts = [a for a in ask.ctx.posts(committee.id) if a.role.is_owners_post]
    seated = {a.person for a in posts}
    residents = [p for p in city.residents(committee.compound) if p.id not in seated]
    residents.sort(key=lambda p: p.party is None)
    ordinary = [a for a in posts if a.role is Role.OWNERS_MEMBER and a.start < ask.day]
    for change in (1, -1, 2, -2):
        if change > 0 and len(residents) >= change:
            yield _joined(
                *(_appoint(p.id, committee.id, Role.OWNERS_MEMBER, ask) for p in residents[:change])
            )
        elif change < 0 and len(ordinary) >= -change:
            ended = [_end(a, ask) for a in ordinary[change:]]
            yield _joined(*(e for e in ended if e is not None))


@_remedy("NP601")
def _np601(ask: _Ask) -> Iterator[Draft] | Reason:
    """Link a leader or staffer of the community to the compound."""
    city, compound = ask.city, ask.finding.subject
    entity = city.get(compound)
    assert isinstance(entity, Compound)
    staff = _staffers(ask, entity.community)
    if not staff:
        subdistrict = getattr(city.get(entity.community), "subdistrict", None)
        for org in city.organizations_covering(subdistrict) if subdistrict else ():
            staff += [a.person for a in ask.ctx.posts(org.id)]
    if not staff:
        return (
            f"no fix: the city records no leader or staffer of {entity.community} or its "
            "sub-district, nor anyone linked to its other compounds, to link to the compound",
            f"无整改办法：城市中没有 {entity.community} 或其街道的领导、工作人员，"
            "也没有挂钩其他小区的人员可以挂钩该小区",
        )
    return (
        _appoint(person, compound, Role.LIAISON, ask) for person in list(dict.fromkeys(staff))[:3]
    )


def covered_rules() -> tuple[str, ...]:
    """The codes of the rules the library tries fixes for, or says why there are none.

    Examples:
        >>> "NP101" in covered_rules(), "NP505" in covered_rules()
        (True, True)
    """
    return tuple(sorted({*_REMEDIES, *NO_FIX}))
