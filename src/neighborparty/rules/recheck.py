"""Re-checking an edited city: only the subjects an edit can have changed are judged again.

A City made by :meth:`~neighborparty.City.with_updates` or :meth:`~neighborparty.City.without`
remembers what it was made from and which entities the edit touched. From those entities, in
their versions before and after, :func:`recheck` finds the subjects whose verdict or evidence
can have changed — for every kind of subject, from what the rules of that kind read — and
judges them again with the same rules, on a *slice* of the edited city: those subjects, what
they read (a compound's residents, a branch's members, posts and meetings, a member's claims,
activities and posts ...), and what that names in turn (homes, places, covered areas), in
document order; the slice is told the kinds of activity the whole city records. The other
outcomes are kept. The coverage of the places above the edited compounds is updated from the
change in their counts.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, cast

from neighborparty.graph.coverage import is_worked
from neighborparty.model import COLLECTIONS, City, Compound, Person
from neighborparty.model._cache import derived as city_cache
from neighborparty.model._edits import Edit, appointment_key
from neighborparty.model._references import SPAN, place_of, references
from neighborparty.rules._run import DATE_FIELDS, Results, as_of, run
from neighborparty.rules.conditions import verdict_of
from neighborparty.rules.context import Context
from neighborparty.rules.coverage import record as record_coverage
from neighborparty.rules.np.organization import _coverage_outcome, _coverage_rows, np105, np106
from neighborparty.rules.outcomes import Outcomes
from neighborparty.rules.reads import (
    SUBJECT_KINDS,
    changed_fields,
    kinds_recorded,
    kinds_recorded_after,
)
from neighborparty.rules.rule import Outcome, Rule

if TYPE_CHECKING:
    from neighborparty.rules.report import Report

__all__ = ["recheck_results"]

_STRUCTURAL = frozenset({"districts", "subdistricts", "communities", "grids", "service_items"})
"""Collections whose edits change what lies where: a re-check cannot slice a city edited there,
and judges anew the rules that read what such an edit touched."""

_COVERAGE = {np105: False, np106: True}
"""The built-in rules judging places: whether they count work coverage (else organisation). A
re-check updates their places from the change in the edited compounds' counts."""

_HIT = {"buildings": "parts", "lanes": "parts"}
"""Buildings and lanes are judged together, as the parts of compounds."""

_RANK = {name: i for i, name in enumerate(COLLECTIONS)}


class _Fallback(Exception):
    """The edit is not one a re-check follows: check the city in full."""


class _Unsliced(Exception):
    """The edit is not one a slice of the city can follow: judge the rules it touches anew."""


def recheck_results(
    report: Report, city: City, placed: dict[str, dict[str, int]] | None = None
) -> tuple[date, Results]:
    """The day and the outcomes of the same check as ``report`` of an edited city (see
    :meth:`Report.recheck <neighborparty.rules.Report.recheck>`).

    Examples:
        >>> import attrs
        >>> from neighborparty import check, examples
        >>> city = examples.seed_city()
        >>> edited = city.with_updates(compounds=[attrs.evolve(city.get("c-old"), households=10)])
        >>> recheck_results(check(city), edited) == (check(edited).day, check(edited).results)
        True

    ``placed``, if given, receives per rule code the report's lookup of where each subject's
    outcome stands, for the rules whose subjects stand where they stood (see
    :meth:`Report._position`): the new report's, made without looking.
    """
    rules = tuple(r for r, _ in report.results)
    edits = city.edits_since(report.city)
    if edits is None:
        return run(city, report.policy, report.on, rules)
    try:
        recheck = _Recheck(report, city, edits)
        day, results = recheck.results()
    except _Fallback:
        return run(city, report.policy, report.on, rules)
    if placed is not None:
        known = report._positions
        for (rule, was), (_, now) in zip(report.results, results, strict=True):
            if rule.code in known and (now is was or rule.code in recheck.in_place):
                placed[rule.code] = known[rule.code]
    city._take_referring()  # the lookups the next re-check from this city reads
    record_coverage(results, report.policy, report.on, day)
    return day, results


class _Recheck:
    """One re-check: the edit, the subjects it touches, the slice, and the merged results."""

    def __init__(self, report: Report, city: City, edits: Iterable[Edit]) -> None:
        self.old_report = report
        self.old = report.city
        self.new = city
        self.touched: dict[str, set[str]] = defaultdict(set)
        self.before: dict[str, list[Any]] = defaultdict(list)
        self.after: dict[str, list[Any]] = defaultdict(list)
        self.gone: set[int] = set()
        """The identities of the old city's appointments that the edit replaced or removed."""
        self.appointment_slot: dict[int, tuple[int, int]] = {}
        self._changed: dict[tuple[str, frozenset[str] | None], set[str]] = {}
        self.in_place: set[str] = set()
        """The codes of the rules whose outcomes were merged with no subject added or dropped."""
        self.sliceable = True
        """Whether the rules that judge subjects from what lies around them (local) can be
        judged on a slice of the edited city."""
        self.edits = tuple(edits)
        self._read(self.edits)
        self._check_day()
        # A rule may read which kinds of activity the city records at all (NP405: a kind the
        # city keeps for nobody leaves its lapse unknown). A slice is told the kinds the whole
        # city records; an edit that changes them is judged on the whole city.
        kinds = kinds_recorded(self.old)
        if any(e.collection == "activities" for e in self.edits):
            after = kinds_recorded_after(city, kinds, self.edits)
            if after is not None:
                city_cache(city).setdefault(kinds_recorded, after)
            self.kinds = kinds_recorded(city)
        else:  # the same activities, where they were
            self.kinds = city_cache(city).setdefault(kinds_recorded, kinds)
        if kinds.keys() != self.kinds.keys():
            self.sliceable = False

    # ------------------------------------------------------------------ the edit

    def _read(self, edits: Iterable[Edit]) -> None:
        removed: set[Any] = set()
        named: dict[str, set[str]] = defaultdict(set)
        appointments: dict[Any, list[Any]] = {}  # key -> [in the old city, latest, slot]
        for edit in edits:
            collection, before, after = edit.collection, edit.before, edit.after
            if collection in _STRUCTURAL:
                self.sliceable = False
            key = before if before is not None else after
            if collection == "appointments":
                key = appointment_key(key)
                if key not in appointments:
                    appointments[key] = [before, after, (1, len(appointments))]
                appointments[key][1] = after
            else:
                named[collection].add(key)
            if after is None:
                removed.add((collection, key))
            elif before is None and (collection, key) in removed:
                self.sliceable = False  # back at the end of its collection, not where it stood
        old, new = self.old, self.new
        for collection, ids in named.items():
            for ident in ids:
                was = old.get(ident) if ident in old else None
                now = new.get(ident) if ident in new else None
                if was is not None and old.collection_of(ident) != collection:
                    self.sliceable = False
                    continue
                if now is not None and new.collection_of(ident) != collection:
                    self.sliceable = False
                    continue
                if was is now:
                    continue  # put back as it was
                self.touched[collection].add(ident)
                if was is not None:
                    self.before[collection].append(was)
                if now is not None:
                    self.after[collection].append(now)
                self._check_structure(collection, was, now)
        positions = self._appointment_positions()
        for was, now, slot in appointments.values():
            if was is now:
                continue
            if was is not None:
                self.gone.add(id(was))
                self.before["appointments"].append(was)
                slot = (0, positions(was))
            if now is not None:
                self.after["appointments"].append(now)
                self.appointment_slot[id(now)] = slot

    def _appointment_positions(self) -> Callable[[Any], int]:
        """Where a post of the old city stands: by what identifies it, from the table the
        city carries through its edits, or (two posts alike) by the post itself."""
        old = self.old
        by_key = old._appointment_positions
        if len(by_key) == len(old.appointments):
            return lambda a: by_key[appointment_key(a)]
        derived = city_cache(old)
        key = "appointment positions"
        if key not in derived:
            derived[key] = {id(a): i for i, a in enumerate(old.appointments)}
        by_id = cast(dict[int, int], derived[key])
        return lambda a: by_id[id(a)]

    def _check_structure(self, collection: str, was: Any, now: Any) -> None:
        if collection == "compounds" and (
            was is None or now is None or was.community != now.community
        ):
            self.sliceable = False  # the places above it count other compounds
        if collection in ("buildings", "lanes") and was is not None and now is not None:  # noqa: SIM102 - a compound has no compound
            if was.compound != now.compound:
                self.sliceable = False  # its residents move to another compound

    def _check_day(self) -> None:
        """A check for the latest day the city records stays on the same day, or falls back."""
        if self.old_report.on is not None:
            return
        day = as_of(self.old)
        if day is None:
            raise _Fallback
        for collection, fields in DATE_FIELDS.items():
            for field in fields:
                for entity in self.after.get(collection, ()):
                    value = getattr(entity, field)
                    if value is not None and value > day:
                        raise _Fallback
                for entity in self.before.get(collection, ()):
                    if getattr(entity, field) == day:
                        raise _Fallback
        city_cache(self.new)[as_of] = day

    # ------------------------------------------------------------------ the edited city, read

    def _untouched(self, collection: str, entity: Any) -> bool:
        if collection == "appointments":
            return id(entity) not in self.gone
        return entity.id not in self.touched.get(collection, ())

    def referring(self, collection: str, field: str, target: str) -> list[Any]:
        """The entities of the edited city whose reference field names ``target``."""
        were = self.old._referring(collection, field).get(target, ())
        if not (self.gone if collection == "appointments" else self.touched.get(collection)):
            found = list(were)  # the edit left the collection alone
        else:
            found = [e for e in were if self._untouched(collection, e)]
        for e in self.after.get(collection, ()):
            if target in references(collection, field, e):
                found.append(e)
        return found

    def reach(self, city: City, org: Any) -> set[str]:
        """The places an organisation covers in a city, with the compounds it reaches."""
        places = set()
        for place in org.covers:
            places.add(place)
            kind = city.collection_of(place)
            if kind == "grids":
                places.update(city.get(place).compounds)  # type: ignore[union-attr]
            elif kind in ("buildings", "lanes"):
                places.add(city.get(place).compound)  # type: ignore[union-attr]
        return places

    def covering(self, place: str) -> list[Any]:
        """The organisations covering a place in the edited city (see
        :meth:`City.organizations_covering`)."""
        found = []
        if place in self.old:
            found = [
                o
                for o in self.old.organizations_covering(place)
                if o.id not in self.touched.get("organizations", ())
            ]
        for org in self.after.get("organizations", ()):
            if place in self.reach(self.new, org):
                found.append(org)
        return found

    def parts_of(self, compound: str) -> list[Any]:
        return self.referring("buildings", "compound", compound) + self.referring(
            "lanes", "compound", compound
        )

    def residents(self, compound: str) -> list[Any]:
        """The people living in a compound or its parts in the edited city."""
        found = self.referring("people", "home", compound)
        for part in self.parts_of(compound):
            found.extend(self.referring("people", "home", part.id))
        return found

    def compound_of(self, city: City, place: str) -> str | None:
        return city.compound_of(place) if place in city else None

    # ------------------------------------------------------------------ what can have changed

    def affected(self) -> dict[str, set[str]]:
        """Per kind of subject: the subjects whose outcomes can have changed."""
        old, new = self.old, self.new
        hit: dict[str, set[str]] = defaultdict(set)
        recovered: list[tuple[City, Any]] = []
        versions = [(old, self.before), (new, self.after)]
        # A person whose fields read by a local rule changed changes what the rules read of
        # their home, their organisations and the bodies of their posts.
        people = holders = self._changes("people", self._read_fields("people"))
        orgs = self._changes("organizations", _COVERING)
        formed = self._changes("organizations", frozenset({"formation"}))
        for city, entities in versions:
            for compound in entities.get("compounds", ()):
                hit["compounds"].add(compound.id)  # an owners' committee reads its households
                hit["committees"].update(
                    c.id for c in self.referring("committees", "compound", compound.id)
                )
            for name in ("buildings", "lanes"):
                for part in entities.get(name, ()):
                    hit["parts"].add(part.id)
            for person in entities.get("people", ()):
                hit["people"].add(person.id)
                if person.id in people:  # where they count as a member, and as what
                    home = self.compound_of(city, person.home)
                    if home is not None:
                        hit["compounds"].add(home)
                    if city.collection_of(person.home) in ("buildings", "lanes"):
                        hit["parts"].add(person.home)
                    if person.party is not None:
                        hit["organizations"].add(person.party.registered_in)
                        if person.party.managed_in is not None:
                            hit["organizations"].add(person.party.managed_in)
                if person.id in holders:  # what the rules read of a post's holder
                    for post in old._referring("appointments", "person").get(person.id, ()):
                        hit["organizations"].add(post.body)
                    for post in self.referring("appointments", "person", person.id):
                        hit["organizations"].add(post.body)
            for org in entities.get("organizations", ()):
                hit["organizations"].add(org.id)
                if org.id in orgs:
                    recovered.append((city, org))
                elif org.id in formed:  # a standalone branch of its own, or not
                    hit["compounds"].update(
                        p for p in self.reach(city, org) if city.collection_of(p) == "compounds"
                    )
            for post in entities.get("appointments", ()):
                kind = city.collection_of(post.body) if post.body in city else None
                target = {"buildings": "parts", "lanes": "parts"}.get(kind or "", kind)
                if target is not None:
                    hit[target].add(post.body)
                hit["people"].add(post.person)  # the posts a person holds
            for committee in entities.get("committees", ()):
                hit["committees"].add(committee.id)
            for vote in entities.get("votes", ()):
                hit["votes"].add(vote.id)
            for deliberation in entities.get("deliberations", ()):
                hit["votes"].add(deliberation.vote)
            for whistle in entities.get("whistles", ()):
                hit["whistles"].add(whistle.id)
            for station in entities.get("stations", ()):
                if city.collection_of(station.place) == "compounds":
                    hit["compounds"].add(station.place)
            for name in ("claims", "activities"):
                for record in entities.get(name, ()):
                    hit["people"].add(record.person)
            for activity in entities.get("activities", ()):
                held_by = _held_by(city, activity)  # the organisation whose meeting it was
                if held_by is not None:
                    hit["organizations"].add(held_by)
            for unit in entities.get("units", ()):
                hit["units"].add(unit.id)
            for agreement in entities.get("agreements", ()):
                hit["units"].add(agreement.unit)
        # An organisation whose covers changed changes who covers the places it reaches: the
        # compounds' branches (their residents' placement, their votes' deliberations), the
        # organisations serving their communities, and its own members' demand lists.
        communities: set[str] = set()
        reached: set[str] = set()
        for city, org in recovered:
            for place in self.reach(city, org):
                kind = city.collection_of(place)
                if kind == "compounds":
                    reached.add(place)
                elif kind in ("buildings", "lanes"):
                    hit["parts"].add(place)
                elif kind == "communities":
                    communities.add(place)
                    hit["compounds"].update(
                        c.id for c in self.referring("compounds", "community", place)
                    )
            for field in ("party.registered_in", "party.managed_in"):
                members = [
                    *self.referring("people", field, org.id),
                    *self.old._referring("people", field).get(org.id, ()),
                ]
                hit["people"].update(p.id for p in members)
                for person in members:  # which of their organisations is their branch
                    hit["organizations"].add(person.party.registered_in)
                    if person.party.managed_in is not None:
                        hit["organizations"].add(person.party.managed_in)
        reached = {c for c in reached if c in new}
        hit["compounds"] |= reached
        for compound in reached:
            communities.add(cast(Compound, new.get(compound)).community)
            hit["people"].update(p.id for p in self.residents(compound) if p.party is not None)
            hit["votes"].update(v.id for v in self.referring("votes", "compound", compound))
        for community in communities:
            hit["units"].update(u.id for u in self.referring("units", "community", community))
        return hit

    def _read_fields(self, collection: str) -> frozenset[str] | None:
        """The fields of a collection the report's local rules read (``None``: any)."""
        return _plan(self.old_report).local_fields.get(collection, frozenset())

    def _changes(self, collection: str, fields: frozenset[str] | None) -> set[str]:
        """The ids of the collection's entities added, removed, or edited in one of these
        (dotted) fields, or in any field for ``None``."""
        key = (collection, fields)
        found = self._changed.get(key)
        if found is None:
            was = {e.id: e for e in self.before.get(collection, ())}
            now = {e.id: e for e in self.after.get(collection, ())}
            found = self._changed[key] = {
                ident
                for ident in was.keys() | now.keys()
                if ident not in was
                or ident not in now
                or (
                    was[ident] != now[ident]
                    if fields is None
                    else any(_field(was[ident], f) != _field(now[ident], f) for f in fields)
                )
            }
        return found

    # ------------------------------------------------------------------ the slice

    def slice(self, hit: dict[str, set[str]]) -> City:
        new = self.new
        chosen: dict[str, dict[int, Any]] = defaultdict(dict)
        pending: list[tuple[str, Any]] = []

        def add(collection: str, entity: Any) -> None:
            if id(entity) not in chosen[collection]:
                chosen[collection][id(entity)] = entity
                pending.append((collection, entity))

        where = new._where

        def add_id(ident: str | None) -> None:
            found = where.get(ident) if ident is not None else None
            if found is not None:
                collection, at = place_of(found)
                add(collection, getattr(new, collection)[at])

        def add_all(collection: str, entities: Iterable[Any]) -> None:
            for entity in entities:
                add(collection, entity)

        twice: dict[int, int] = {}
        """The posts a city holds more than once (the same post put in twice), by identity:
        how many times."""

        def add_posts(posts: list[Any]) -> None:
            for post in posts:
                add("appointments", post)
            if len(posts) > 1 and len({id(p) for p in posts}) != len(posts):
                for post in posts:
                    times = sum(1 for p in posts if p is post)
                    twice[id(post)] = max(twice.get(id(post), 1), times)

        for compound in hit["compounds"]:
            if compound not in new:
                continue
            add_id(compound)
            for part in self.parts_of(compound):
                add_id(part.id)
            add_all("people", (p for p in self.residents(compound) if p.party is not None))
            add_all("organizations", self.covering(compound))
            add_all("organizations", self.covering(cast(Compound, new.get(compound)).community))
            add_posts(self.referring("appointments", "body", compound))
            add_all("stations", self.referring("stations", "place", compound))
        for org in hit["organizations"]:
            if org not in new:
                continue
            add_id(org)
            for field in ("party.registered_in", "party.managed_in"):
                for member in self.referring("people", field, org):
                    add("people", member)  # with their branch, and the meetings they attended
                    add_id(member.party.registered_in)
                    add_id(member.party.managed_in)
                    add_all("activities", self.referring("activities", "person", member.id))
            add_posts(self.referring("appointments", "body", org))
            add_all("activities", self.referring("activities", "ref", org))
        for person_id in hit["people"]:
            if person_id not in new:
                continue
            person = cast(Person, new.get(person_id))
            add("people", person)
            if person.party is not None:
                add_id(person.party.registered_in)
                add_id(person.party.managed_in)
            home = new.compound_of(person.home)
            if home is not None:
                add_all("organizations", self.covering(home))
            add_all("claims", self.referring("claims", "person", person_id))
            add_all("activities", self.referring("activities", "person", person_id))
            add_posts(self.referring("appointments", "person", person_id))
        for part in hit["parts"]:
            if part not in new:
                continue
            add_id(part)
            add_all("people", (p for p in self.referring("people", "home", part) if p.party))
            add_all("organizations", self.covering(part))
            add_posts(self.referring("appointments", "body", part))
        for committee in hit["committees"]:
            if committee in new:
                add_id(committee)
                add_posts(self.referring("appointments", "body", committee))
        for vote_id in hit["votes"]:
            if vote_id in new:
                vote = new.get(vote_id)
                add("votes", vote)
                add_all("deliberations", self.referring("deliberations", "vote", vote_id))
                add_all("organizations", self.covering(vote.compound))  # type: ignore[union-attr]
        for unit_id in hit["units"]:
            if unit_id in new:
                unit = new.get(unit_id)
                add("units", unit)
                add_all("agreements", self.referring("agreements", "unit", unit_id))
                community = unit.community  # type: ignore[union-attr]
                if community is not None:
                    add_all("organizations", self.covering(community))
                    for compound in self.referring("compounds", "community", community):
                        add("compounds", compound)
                        add_all("organizations", self.covering(compound.id))
        for whistle in hit["whistles"]:
            add_id(whistle)
        while pending:  # what the chosen entities name, that the rules look up
            collection, entity = pending.pop()
            names = _NAMED.get(collection)
            if names is not None:
                for named in names(entity):
                    add_id(named)
        collections = {name: self._in_order(name, chosen[name].values()) for name in COLLECTIONS}
        if twice:
            collections["appointments"] = [
                a for a in collections["appointments"] for _ in range(twice.get(id(a), 1))
            ]
        sliced = City._unchecked(id=new.id, name=new.name, **collections)
        city_cache(sliced)[kinds_recorded] = self.kinds  # the one fact of the whole city
        return sliced

    def _in_order(self, collection: str, entities: Iterable[Any]) -> list[Any]:
        if collection == "appointments":
            positions = self._appointment_positions()
            return sorted(
                entities,
                key=lambda a: self.appointment_slot.get(id(a)) or (0, positions(a)),
            )
        where = self.new._where
        return sorted(entities, key=lambda e: where[e.id] // SPAN)

    # ------------------------------------------------------------------ the new report

    def results(self) -> tuple[date, Results]:
        old_report = self.old_report
        changes = changed_fields(self.old, self.new, self.edits)
        plan = _plan(old_report)
        values = plan.values
        open_posts = old_report.on is None
        values_on = old_report.policy.values
        hit: dict[str, set[str]] | None = None
        ctx: Context | None = None
        whole: Context | None = None
        results = []
        touched = plan.touched(changes)
        for position, (rule, outcomes) in enumerate(old_report.results):
            if position not in touched:
                pass  # the edit touched nothing the rule reads
            elif self.sliceable and (rule.local or rule in _COVERAGE):
                if ctx is None:
                    hit = self.affected()
                    ctx = Context(
                        self.slice(hit),
                        old_report.day,
                        values,
                        open_posts=open_posts,
                        values_on=values_on,
                    )
                assert hit is not None
                if rule in _COVERAGE:
                    outcomes = self._coverage(rule, outcomes, ctx, hit["compounds"])
                else:
                    subjects: set[str] = set()
                    for collection in SUBJECT_KINDS[rule.subject].collections:
                        subjects |= hit[_HIT.get(collection, collection)]
                    if subjects:
                        fresh = [o for o in rule.evaluate(ctx) if o[0] in subjects]
                        outcomes = self._merge(rule, outcomes, subjects, fresh)
            else:
                # What the rule reads around a subject is not known, or the edit is not one a
                # slice can follow: judge the rule anew on the whole edited city.
                if whole is None:
                    whole = Context(
                        self.new, old_report.day, values, open_posts=open_posts, values_on=values_on
                    )
                outcomes = tuple(rule.evaluate(whole))
            results.append((rule, outcomes))
        return old_report.day, tuple(results)

    def _key(self, rule: Rule) -> Callable[[str], Any]:
        if rule.order == "id":
            return lambda subject: subject
        old, new = self.old._where, self.new._where

        def key(subject: str) -> tuple[int, int, int]:
            found = old.get(subject)
            if found is not None:
                collection, index = place_of(found)
                return (_RANK[collection], 0, index)
            collection, index = place_of(new[subject])
            return (_RANK[collection], 1, index)

        return key

    def _merge(
        self,
        rule: Rule,
        outcomes: Sequence[Outcome],
        subjects: set[str],
        fresh: list[Outcome],
    ) -> Sequence[Outcome]:
        """The rule's outcomes with those of the subjects judged again in their place."""
        position = self.old_report._position(rule)
        by_subject = {o[0]: o for o in fresh}
        dropped = []
        replaced = []
        for subject in subjects:
            i = position.get(subject)
            if i is None:
                continue
            again = by_subject.pop(subject, None)
            if again is None:
                dropped.append(i)
            elif again != outcomes[i]:
                replaced.append((i, again))
        if not (dropped or by_subject):
            self.in_place.add(rule.code)
        if not (dropped or replaced or by_subject):
            return outcomes
        if not by_subject and isinstance(outcomes, Outcomes):
            return outcomes._changed(replaced, dropped)
        merged = list(outcomes)
        for i, again in replaced:
            merged[i] = again
        if dropped:
            gone = set(dropped)
            merged = [o for i, o in enumerate(merged) if i not in gone]
        if by_subject:
            key = self._key(rule)
            for outcome in sorted(by_subject.values(), key=lambda o: key(o[0])):
                at = bisect.bisect_left(merged, key(outcome[0]), key=lambda o: key(o[0]))
                merged.insert(at, outcome)
        return tuple(merged)

    def _carry_rows(self, old_rows: Any, new_rows: dict[str, Any], compounds: set[str]) -> None:
        """Give the edited city the coverage rows of the old one with the edited compounds'
        rows replaced, so that a chain of edits does not derive them anew each time (the
        compounds stand where they stood: an edit adding or removing one is not sliced)."""
        derived = city_cache(self.new)
        if _coverage_rows in derived or len(old_rows) != len(self.new.compounds):
            return
        rows = list(old_rows)
        where = self.new._where
        for compound in compounds:
            if compound in self.new:
                rows[where[compound] // SPAN] = new_rows[compound]
        derived[_coverage_rows] = tuple(rows)

    def _coverage(
        self, rule: Rule, outcomes: Sequence[Outcome], ctx: Context, compounds: set[str]
    ) -> Sequence[Outcome]:
        """Coverage of the places above the edited compounds, from the change in their counts."""
        work = _COVERAGE[rule]
        on = None if ctx.open_posts else ctx.on
        old_rows = Context(self.old, ctx.on, {}).city_fact(_coverage_rows)
        new_rows = {row[0]: row for row in ctx.city_fact(_coverage_rows)}
        change: dict[str, int] = defaultdict(int)
        for compound in compounds:
            if compound not in self.new:
                continue
            _, places, organized, branch = old_rows[self.old._where[compound] // SPAN]
            before = (branch or is_worked(self.old, compound, on=on)) if work else organized
            _, _, organized, branch = new_rows[compound]
            after = (branch or is_worked(ctx.city, compound, on=on)) if work else organized
            if before != after:
                for place in places:
                    change[place] += int(after) - int(before)
        self._carry_rows(old_rows, new_rows, compounds)
        self.in_place.add(rule.code)  # the places stand where they stood
        if not any(change.values()):
            return outcomes
        target = ctx.values["coverage.work_target" if work else "coverage.organization_target"]
        condition = rule.condition
        assert condition is not None
        position = self.old_report._position(rule)
        merged = list(outcomes)
        for place, delta in change.items():
            if delta:
                i = position[place]
                evidence = rule.evidence(merged[i][2])
                _, fresh = _coverage_outcome(
                    evidence["level"],
                    place,
                    evidence["compounds"],
                    evidence["covered"] + delta,
                    target,
                )
                held = condition.holds(fresh, ctx.values, ctx.on)
                merged[i] = (place, verdict_of(held), fresh)
        return tuple(merged)


class _Plan:
    """What a report's rules read, gathered once per report for its re-checks."""

    def __init__(self, report: Report) -> None:
        self.rules = tuple(rule for rule, _ in report.results)
        self.values = report.policy.values(report.on)
        """The parameter values of the report's day (of the latest values when it has none)."""
        self.unread = frozenset(i for i, rule in enumerate(self.rules) if rule.reads is None)
        """The positions of the rules that declare no reads: touched by every edit."""
        readers: dict[str, list[int]] = defaultdict(list)
        local: dict[str, set[str] | None] = {}
        for i, rule in enumerate(self.rules):
            if rule.reads is None:
                continue
            for collection, fields in rule.reads.fields.items():
                readers[collection].append(i)
                if rule.local:
                    known = local.get(collection, set())
                    local[collection] = None if known is None or fields is None else known | fields
        self.readers = {k: tuple(v) for k, v in readers.items()}
        """Per collection: the positions of the rules that read it."""
        self.local_fields = {k: None if v is None else frozenset(v) for k, v in local.items()}
        """Per collection: the fields the local rules read of it (``None``: any)."""

    def touched(self, changes: Mapping[str, frozenset[str] | None]) -> set[int]:
        """The positions of the rules that read what changed (see
        :func:`~neighborparty.rules.reads.changed_fields`)."""
        found = set(self.unread)
        for collection, changed in changes.items():
            for i in self.readers.get(collection, ()):
                if i not in found and self.rules[i].reads.touched_by({collection: changed}):  # type: ignore[union-attr]
                    found.add(i)
        return found


def _plan(report: Report) -> _Plan:
    """The plan of a report's re-checks, made on the first of them and kept by the report."""
    return cast(_Plan, report._recheck_plan)


_COVERING = frozenset({"kind", "covers"})
"""The fields of an organisation that decide what it covers, and as what."""


def _field(entity: Any, dotted: str) -> Any:
    """A field of an entity, or of the value of one (``party.standing``); ``None`` when
    unset."""
    outer, _, inner = dotted.partition(".")
    value = getattr(entity, outer)
    return getattr(value, inner) if inner and value is not None else value


_NAMED: dict[str, Callable[[Any], Iterable[str | None]]] = {
    "compounds": lambda e: (e.community,),
    "communities": lambda e: (e.subdistrict,),
    "subdistricts": lambda e: (e.district,),
    **dict.fromkeys(
        ("buildings", "lanes", "committees", "votes", "whistles"), lambda e: (e.compound,)
    ),
    "people": lambda e: (e.home,),
    "organizations": lambda e: e.covers,
    "appointments": lambda e: (e.person,),
    "claims": lambda e: (e.item,),
    "activities": lambda e: (e.person, e.ref),
    "units": lambda e: (e.community,),
    "grids": lambda e: e.compounds,
}
"""What the rules look up of an entity of the slice, per collection: the places above it, a
person's home, the places an organisation covers, the holder of a post, the
compound of a record, the item claimed, the member and the organisation of an activity; and the
compounds of a grid."""


def _held_by(city: City, activity: Any) -> str | None:
    """The organisation an activity counts for in a city, as the rules of organisational life
    read it (:func:`~neighborparty.rules.np.life.held_days`): the one it names, else the
    attending member's branch."""
    ref = activity.ref
    if ref is not None and ref in city and city.collection_of(ref) == "organizations":
        return cast(str, ref)
    person = activity.person
    if person not in city or city.collection_of(person) != "people":
        return None
    branch = city.branch_of(person)
    return None if branch is None else branch.id
