"""Metrics: the counts and rates a report gathers per place."""

from datetime import date

import attrs

import neighborparty as np_
from neighborparty import City, Role, check, graph


def test_red_committees_are_counted_per_committee(city: City) -> None:
    """Red committees were counted per compound: a compound's second committee, with no party
    member on it, pooled its seats with the first and hid that red committee."""
    second = np_.OwnersCommittee(id="oc-jinan-2", compound="c-jinan", term_start=date(2020, 6, 1))
    owners = [np_.Person(id=f"o-{k}", name="o", home="b-jinan-1") for k in range(5)]
    seats = [
        np_.Appointment(
            person=p.id, body="oc-jinan-2", role=Role.OWNERS_MEMBER, start=date(2020, 6, 1)
        )
        for p in owners
    ]
    edited = city.with_updates(committees=[second], people=owners, appointments=seats)
    metrics = check(edited).metrics.at("xm-demo")
    assert metrics["red_committees"] == len(graph.red_committees(edited)) == 1


def test_a_branch_is_placed_by_the_first_compound_it_reaches(city: City) -> None:
    """A branch was placed by the first place it covers: one covering an empty grid first was
    counted in no community."""
    empty = np_.Grid(id="g-empty", name="empty", community="cm-old")
    branch = attrs.evolve(city.get("br-grid-old"), covers=["g-empty", "g-old"])
    edited = city.with_updates(grids=[empty], organizations=[branch])
    assert check(edited).metrics.at("cm-old")["branches.grid_branch"] == 1
