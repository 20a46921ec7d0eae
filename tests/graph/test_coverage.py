"""Coverage: which compounds a branch organises and which some branch or staffer works, at every
level of the place tree."""

from datetime import date

import attrs
import pytest

import neighborparty as np_
from neighborparty import City, Role, graph


def test_a_joint_branch_covers_its_compounds(city: City) -> None:
    cov = graph.coverage(city)["cm-jinan"]
    assert (cov.compounds, cov.organized, cov.worked) == (3, 3, 3)
    assert graph.is_organized(city, "c-east")
    assert graph.is_organized(city, "c-west")


def test_an_old_town_lane_reached_only_by_a_grid_branch(city: City) -> None:
    assert graph.is_worked(city, "c-old")
    assert not graph.is_organized(city, "c-old")
    assert graph.coverage(city)["cm-old"] == graph.Coverage(
        place="cm-old", compounds=1, organized=0, worked=1
    )


def test_a_dispatched_staffer_alone_brings_work_coverage(city: City) -> None:
    lone = np_.Compound(
        id="c-lone", name="x", community="cm-jinan", households=40, kind=np_.CompoundKind.UNMANAGED
    )
    staff = np_.Appointment(
        person="p-ye", body="c-lone", role=Role.COMPOUND_SECRETARY, start=date(2020, 1, 1)
    )
    assert not graph.is_worked(city.with_updates(compounds=[lone]), "c-lone")
    assert not graph.is_worked(city.with_updates(compounds=[lone], appointments=[staff]), "c-lone")
    dispatched = attrs.evolve(staff, dispatched=True)
    assert graph.is_worked(city.with_updates(compounds=[lone], appointments=[dispatched]), "c-lone")


def test_coverage_at_every_level(city: City) -> None:
    for by, place in (("subdistrict", "s-1"), ("district", "d-1"), ("city", "xm-demo")):
        assert graph.coverage(city, by=by)[place] == graph.Coverage(
            place=place, compounds=4, organized=3, worked=4
        )
    with pytest.raises(ValueError, match="by must be"):
        graph.coverage(city, by="province")  # type: ignore[arg-type]
