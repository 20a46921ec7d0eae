"""The edits a fix or a coverage plan makes, what they cost, and the people and places they use.

Edits are data: the entities :meth:`City.with_updates <neighborparty.City.with_updates>` takes,
collection by collection, and the ids :meth:`City.without <neighborparty.City.without>` takes.
The helpers here choose from the city's own people and places: a candidate secretary is a full
member of the branch with the standing NP205 asks for and, where assessed, all four haves; a
member moved into a branch lives in a compound it covers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

import attrs

from neighborparty.errors import InvalidArgumentError
from neighborparty.model import (
    COLLECTIONS,
    Appointment,
    City,
    Formation,
    OrgKind,
    PartyOrganization,
    Person,
    Role,
)
from neighborparty.model._edits import appointment_key
from neighborparty.rules.conditions import Condition
from neighborparty.rules.np import rule_by_code

__all__ = ["COST_KINDS", "Costs", "Edits", "Step"]

COST_KINDS = ("appoint", "end_post", "record", "transfer", "cover", "form")
"""The kinds of step a fix is made of, cheapest first by default (see :class:`Costs`)."""


def _cost(instance: object, attribute: attrs.Attribute[float], value: float) -> None:
    _check_cost(attribute.name, value)


def _check_cost(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidArgumentError(f"Costs.{name} must be a finite number, not {value!r}")
    if value < 0:
        raise InvalidArgumentError(f"Costs.{name} must not be negative, got {value!r}")


@attrs.frozen(kw_only=True)
class Costs:
    """The cost model of fixes (整改成本): what each kind of step costs; a fix costs the sum of
    its steps.

    The defaults order the steps as a branch experiences them: appointing someone to a post
    is cheaper than transferring a membership, which is cheaper than extending a branch over
    another compound, which is cheaper than forming a branch. They are the library's choice,
    not a regulation's; pass your own to rank fixes otherwise.

    Args:
        appoint: A post appointed: a secretary, a committee member, a building head, a
            liaison, a seat on an owners' committee.
        end_post: A post ended (a secretary replaced, a seat given up).
        record: A record the branch makes: an election held, a member placed under its
            management (纳入管理), an in-service member's report to the community (报到).
        transfer: A member's relation transferred to another organisation (转接组织关系).
        cover: An existing branch extended over one more compound (联合组建).
        form: A new branch formed.

    Raises:
        InvalidArgumentError: A cost is negative or not a finite number.

    Examples:
        >>> Costs().appoint < Costs().transfer < Costs().form
        True
        >>> Costs(form=20).of(["form", "appoint"])
        21.0
        >>> Costs(appoint=-1)
        Traceback (most recent call last):
        ...
        neighborparty.errors.InvalidArgumentError: Costs.appoint must not be negative, got -1
    """

    appoint: float = attrs.field(default=1.0, validator=_cost)
    end_post: float = attrs.field(default=0.5, validator=_cost)
    record: float = attrs.field(default=1.0, validator=_cost)
    transfer: float = attrs.field(default=2.0, validator=_cost)
    cover: float = attrs.field(default=3.0, validator=_cost)
    form: float = attrs.field(default=5.0, validator=_cost)

    def of(self, kinds: Iterable[str]) -> float:
        """The cost of steps of these kinds.

        Raises:
            InvalidArgumentError: A kind is not one of :data:`COST_KINDS`.

        Examples:
            >>> Costs().of(["transfer", "transfer", "appoint"])
            5.0
        """
        total = 0.0
        for kind in kinds:
            if kind not in COST_KINDS:
                raise InvalidArgumentError(
                    f"a step's kind is one of {', '.join(COST_KINDS)}, not {kind!r}"
                )
            total += getattr(self, kind)
        return total


@attrs.frozen(kw_only=True)
class Step:
    """One step of a fix or a plan, of one kind of :class:`Costs`, in English and Chinese.

    Examples:
        >>> Step(kind="appoint", en="appoint p-1 secretary of br-1", zh="任命 p-1 为 br-1 书记").kind
        'appoint'
    """

    kind: str
    en: str
    zh: str

    def text(self, lang: str = "en") -> str:
        """The step in words (``"en"`` or ``"zh"``).

        Examples:
            >>> Step(kind="record", en="hold an election", zh="换届选举").text("zh")
            '换届选举'
        """
        return self.zh if lang == "zh" else self.en


def _updates(updates: Mapping[str, Iterable[Any]]) -> dict[str, tuple[Any, ...]]:
    return {name: tuple(entities) for name, entities in updates.items()}


def _ids(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(ids)


def _key(collection: str, entity: Any) -> Any:
    return appointment_key(entity) if collection == "appointments" else entity.id


@attrs.frozen(kw_only=True)
class Edits:
    """Edits of a city as data: the entities added or replaced per collection (what
    :meth:`City.with_updates <neighborparty.City.with_updates>` takes) and the ids removed
    (what :meth:`City.without <neighborparty.City.without>` takes), applied in that order.

    Raises:
        InvalidArgumentError: A collection is not one of the City's.

    Examples:
        >>> import attrs
        >>> from neighborparty import examples
        >>> city = examples.seed_city()
        >>> bigger = attrs.evolve(city.get("c-east"), households=130)
        >>> edits = Edits(updates={"compounds": (bigger,)})
        >>> edits.apply(city).get("c-east").households
        130
        >>> edits.to_dict()["updates"]["compounds"][0]["households"]
        130
    """

    updates: Mapping[str, tuple[Any, ...]] = attrs.field(
        factory=dict, converter=_updates, hash=False
    )
    without: tuple[str, ...] = attrs.field(default=(), converter=_ids)

    def __attrs_post_init__(self) -> None:
        for name in self.updates:
            if name not in COLLECTIONS:
                raise InvalidArgumentError(f"Edits: the City has no collection {name!r}")

    def __bool__(self) -> bool:
        return any(self.updates.values()) or bool(self.without)

    def __add__(self, other: Edits) -> Edits:
        """Both edits, the later replacing an entity the earlier also edits.

        Examples:
            >>> (Edits() + Edits(without=("x",))).without
            ('x',)
        """
        merged: dict[str, dict[Any, Any]] = {}
        for edits in (self, other):
            for name, entities in edits.updates.items():
                found = merged.setdefault(name, {})
                for entity in entities:
                    found[_key(name, entity)] = entity
        return Edits(
            updates={name: tuple(found.values()) for name, found in merged.items()},
            without=tuple(dict.fromkeys((*self.without, *other.without))),
        )

    def apply(self, city: City) -> City:
        """The city with these edits made.

        Raises:
            IntegrityError: The edited city's parts do not fit together.

        Examples:
            >>> from neighborparty import examples
            >>> "c-west" in Edits(without=("c-west",)).apply(examples.seed_city())
            False
        """
        edited = city.with_updates(**self.updates) if self.updates else city
        return edited.without(self.without) if self.without else edited

    def to_dict(self) -> dict[str, Any]:
        """The edits as plain data for JSON: entities as the city's document writes them.

        Examples:
            >>> Edits(without=("c-1",)).to_dict()
            {'updates': {}, 'without': ['c-1']}
        """
        converter = _converter()
        return {
            "updates": {
                name: [converter.unstructure(e) for e in entities]
                for name, entities in self.updates.items()
                if entities
            },
            "without": list(self.without),
        }


_CONVERTER: list[Any] = []


def _converter() -> Any:
    if not _CONVERTER:
        from neighborparty.convert._converter import make_converter

        _CONVERTER.append(make_converter())
    return _CONVERTER[0]


# ------------------------------------------------------------------------------- people


def before(day: date) -> date:
    """The day before ``day``: the last day of a post ended so that it is not held on ``day``.

    Examples:
        >>> before(date(2020, 1, 1))
        datetime.date(2019, 12, 31)
    """
    return day - timedelta(days=1)


def standing_ok(person: Person, values: Mapping[str, float], day: date) -> bool:
    """Whether a person has the standing a secretary needs on ``day``: NP205's condition holds
    of them alone (a full member, full since a recorded day, for the set years).

    Examples:
        >>> from neighborparty import examples
        >>> from neighborparty.rules import DEFAULT_POLICY
        >>> city = examples.seed_city()
        >>> standing_ok(city.get("p-lin"), DEFAULT_POLICY.values(), date(2020, 10, 8))
        True
    """
    party = person.party
    if party is None or not party.is_full:
        return False
    since = party.full_since
    facts = {
        "all_full": True,
        "standing_from": None if since is None else since.isoformat(),
    }
    condition = _condition("NP205")
    try:
        return condition.holds(facts, values, day) is True
    except InvalidArgumentError:  # a policy without NP205's parameter: the standing it needs
        return since is not None and since <= day


def four_haves_ok(person: Person, *, assessed: bool = False) -> bool:
    """Whether a person's four-haves assessment (四有), where recorded, meets all four; with
    ``assessed``, an assessment must be recorded.

    Examples:
        >>> from neighborparty import examples
        >>> four_haves_ok(examples.seed_city().get("p-lin"))
        True
    """
    if person.four_haves is None:
        return not assessed
    return person.four_haves.all_met


def secretaries(
    people: Iterable[Person], values: Mapping[str, float], day: date, *, assessed: bool = False
) -> list[Person]:
    """The candidate secretaries among ``people``: full members of the standing a secretary
    needs and, where assessed (or with ``assessed``, assessed and) meeting all four haves;
    those assessed as meeting them first, then in the order given.

    Examples:
        >>> from neighborparty import examples
        >>> from neighborparty.rules import DEFAULT_POLICY
        >>> city = examples.seed_city()
        >>> people = city.members_registered_in("br-jinan")
        >>> [p.id for p in secretaries(people, DEFAULT_POLICY.values(), date(2020, 10, 8))][:1]
        ['p-lin']
    """
    found = [
        p for p in people if standing_ok(p, values, day) and four_haves_ok(p, assessed=assessed)
    ]
    found.sort(key=lambda p: p.four_haves is None)
    return found


def _condition(code: str) -> Condition:
    condition = rule_by_code(code).condition
    assert condition is not None
    return condition


def holds(code: str, facts: Mapping[str, Any], values: Mapping[str, float], day: date) -> bool:
    """Whether the NP rule's condition holds of these facts (how a fix or a plan asks a rule
    what passes, without restating its thresholds).

    Examples:
        >>> from neighborparty.rules import DEFAULT_POLICY
        >>> holds("NP103", {"full_members": 3}, DEFAULT_POLICY.values(), date(2020, 1, 1))
        True
    """
    return _condition(code).holds(facts, values, day) is True


def fresh_id(city: City, base: str, taken: set[str]) -> str:
    """An id the city does not hold and ``taken`` does not list (then added to it): ``base``,
    else ``base-2``, ``base-3`` ...

    Examples:
        >>> from neighborparty import examples
        >>> fresh_id(examples.seed_city(), "br-jinan", set())
        'br-jinan-2'
    """
    found, n = base, 1
    while found in city or found in taken:
        n += 1
        found = f"{base}-{n}"
    taken.add(found)
    return found


def moved(person: Person, organization: str) -> Person:
    """The member with their relation held by ``organization`` (and no longer managed there).

    Examples:
        >>> from neighborparty import examples
        >>> moved(examples.seed_city().get("p-huang"), "br-jinan").party.registered_in
        'br-jinan'
    """
    party = person.party
    assert party is not None
    managed = None if party.managed_in == organization else party.managed_in
    return attrs.evolve(
        person, party=attrs.evolve(party, registered_in=organization, managed_in=managed)
    )


def appointed(person: str, body: str, role: Role, day: date, **extra: Any) -> Appointment:
    """A post from ``day`` on.

    Examples:
        >>> appointed("p-1", "br-1", Role.SECRETARY, date(2020, 1, 1)).start
        datetime.date(2020, 1, 1)
    """
    return Appointment(person=person, body=body, role=role, start=day, **extra)


def community_organization(city: City, community: str) -> str | None:
    """The community's own party organisation (its committee or branch), if it has one: the
    parent of a compound branch formed there.

    Examples:
        >>> from neighborparty import examples
        >>> community_organization(examples.seed_city(), "cm-jinan")
        'cc-jinan'
    """
    for org in city.organizations_covering(community):
        if org.kind in (OrgKind.COMMUNITY_COMMITTEE, OrgKind.COMMUNITY_BRANCH):
            return org.id
    return None


@attrs.frozen(kw_only=True)
class NewBranch:
    """A compound branch to form: the compounds it covers, the full members whose relations
    move into it, and its secretary (one of them).

    Examples:
        >>> b = NewBranch(id="br-x", compounds=("c-1",), members=("p-1", "p-2", "p-3"),
        ...               secretary="p-1", formation=Formation.STANDALONE)
        >>> b.formation.value
        'standalone'
    """

    id: str
    compounds: tuple[str, ...]
    members: tuple[str, ...]
    secretary: str
    formation: Formation

    def steps(self) -> tuple[Step, ...]:
        """The steps of forming it.

        Examples:
            >>> b = NewBranch(id="br-x", compounds=("c-1",), members=("p-1",), secretary="p-1",
            ...               formation=Formation.STANDALONE)
            >>> [s.kind for s in b.steps()]
            ['form', 'transfer', 'appoint']
        """
        places = ", ".join(self.compounds)
        word = "joint" if self.formation is Formation.JOINT else "standalone"
        zh_word = "联合" if self.formation is Formation.JOINT else "单独"
        found = [
            Step(
                kind="form",
                en=f"form the {word} compound branch {self.id} over {places}",
                zh=f"为 {places} {zh_word}组建小区党支部 {self.id}",
            )
        ]
        found += [
            Step(
                kind="transfer",
                en=f"transfer the relation of {p} to {self.id}",
                zh=f"将 {p} 的组织关系转入 {self.id}",
            )
            for p in self.members
        ]
        found.append(
            Step(
                kind="appoint",
                en=f"appoint {self.secretary} secretary of {self.id}",
                zh=f"任命 {self.secretary} 为 {self.id} 书记",
            )
        )
        return tuple(found)

    def edits(self, city: City, day: date, *, parent: str | None = None) -> Edits:
        """The edits that form it in ``city`` on ``day``.

        Examples:
            >>> from neighborparty import examples
            >>> city = examples.seed_city()
            >>> b = NewBranch(id="br-x", compounds=("c-old",), members=("p-xu",),
            ...               secretary="p-xu", formation=Formation.STANDALONE)
            >>> b.edits(city, date(2020, 10, 8)).apply(city).get("br-x").covers
            ('c-old',)
        """
        names = [getattr(city.get(c), "name", c) for c in self.compounds]
        if parent is None:
            community = getattr(city.get(self.compounds[0]), "community", None)
            parent = None if community is None else community_organization(city, community)
        org = PartyOrganization(
            id=self.id,
            name="、".join(names)
            + ("联合党支部" if self.formation is Formation.JOINT else "党支部"),
            kind=OrgKind.COMPOUND_BRANCH,
            parent=parent,
            covers=self.compounds,
            formation=self.formation,
            elected_on=day,
        )
        people = []
        for p in self.members:
            person = city.get(p)
            assert isinstance(person, Person)
            people.append(moved(person, self.id))
        post = appointed(self.secretary, self.id, Role.SECRETARY, day)
        return Edits(
            updates={"organizations": (org,), "people": tuple(people), "appointments": (post,)}
        )
