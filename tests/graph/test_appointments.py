"""Cross-appointments and owners' committees: who sits on both sides, on a day."""

from datetime import date
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import neighborparty as np_
from neighborparty import City, Role, graph
from neighborparty.strategies import cities
from tests._helpers import SEED_DAY


def test_a_secretary_chair_is_counted_once_even_with_two_appointments(city: City) -> None:
    again = np_.Appointment(
        person="p-lin", body="br-jinan", role=Role.SECRETARY, start=date(2020, 6, 1)
    )
    edited = city.with_updates(appointments=[again])
    assert len(graph.cross_appointments(edited)) == 2
    assert graph.dual_role_secretaries(edited) == ("p-lin",)
    assert graph.number_of_dual_role_secretaries(edited) == 1


def test_a_person_on_two_committees(city: City) -> None:
    second = np_.OwnersCommittee(id="oc-east", compound="c-east", term_start=date(2020, 1, 1))
    seat = np_.Appointment(
        person="p-chen", body="oc-east", role=Role.OWNERS_MEMBER, start=date(2020, 1, 1)
    )
    edited = city.with_updates(committees=[second], appointments=[seat])
    assert graph.members_on_committees(edited).count("p-chen") == 1
    # p-chen holds no branch post, so sits on both committees without a cross-appointment.
    assert [x.person for x in graph.cross_appointments(edited)] == ["p-lin"]
    assert [oc.id for oc in graph.red_committees(edited)] == ["oc-jinan", "oc-east"]


def test_posts_are_read_on_a_day(city: City) -> None:
    assert graph.cross_appointments(city, on=date(2019, 5, 31)) == ()
    assert len(graph.cross_appointments(city, on=SEED_DAY)) == 1


def brute_force_cross_appointments(city: City, on: date | None) -> set[tuple[str, str, Any, Any]]:
    def counts(a: np_.Appointment) -> bool:
        return a.end is None if on is None else a.start <= on and (a.end is None or on <= a.end)

    found = set()
    committees = {oc.id: oc for oc in city.committees}
    for a in city.appointments:
        for b in city.appointments:
            if a.person != b.person or not (counts(a) and counts(b)) or b.body not in committees:
                continue
            if b.role not in (Role.OWNERS_CHAIR, Role.OWNERS_VICE_CHAIR, Role.OWNERS_MEMBER):
                continue
            compound = committees[b.body].compound
            org = city.get(a.body)
            if isinstance(org, np_.PartyOrganization) and org.kind.is_branch:
                reached = set()
                for place in org.covers:
                    if city.collection_of(place) == "grids":
                        reached.update(city.get(place).compounds)  # type: ignore[union-attr]
                    else:
                        reached.add(city.compound_of(place))
                if compound in reached:
                    found.add((a.person, compound, a, b))
    return found


@given(cities(), st.none() | st.dates(date(2015, 1, 1), date(2027, 1, 1)))
def test_cross_appointments_equal_a_brute_force_count(city: City, on: date | None) -> None:
    result = graph.cross_appointments(city, on=on)
    as_set = {(x.person, x.compound, x.branch_post, x.committee_post) for x in result}
    assert len(as_set) == len(result)
    assert as_set == brute_force_cross_appointments(city, on)
