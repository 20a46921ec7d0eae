"""The entity classes and enums: structural validation, immutability, the vocabularies."""

from datetime import date

import attrs
import pytest

import neighborparty as np_
from neighborparty import CompoundKind, InvalidFieldError, OrgKind, Role


def compound(**changes: object) -> np_.Compound:
    fields: dict[str, object] = {
        "id": "c-1",
        "name": "金安小区",
        "community": "cm-1",
        "households": 120,
        "kind": CompoundKind.MANAGED,
    }
    fields.update(changes)
    return np_.Compound(**fields)  # type: ignore[arg-type]


def test_entities_are_frozen_and_hashable() -> None:
    c = compound()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        c.households = 3  # type: ignore[misc]
    assert {c, compound()} == {c}


def test_entities_take_keyword_arguments_only() -> None:
    with pytest.raises(TypeError):
        np_.District("d-1", "思明区")  # type: ignore[misc]


@pytest.mark.parametrize("value", [float("inf"), float("nan")])
def test_the_model_refuses_non_finite_measures(value: float) -> None:
    """Infinite and not-a-number hours and coordinates passed the ``>= 0`` checks: a measure
    must be a finite number."""
    with pytest.raises(InvalidFieldError, match="must be finite"):
        np_.Activity(
            id="a",
            person="p",
            kind=np_.ActivityKind.VOLUNTEER_SERVICE,
            on=date(2020, 10, 26),
            hours=value,
        )
    with pytest.raises(InvalidFieldError, match="two finite numbers"):
        compound(coordinates=(value, 1.0))


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: compound(households=-1), "households"),
        (lambda: compound(residents=-5), "residents"),
        (lambda: np_.Building(id="b", compound="c", households=-1), "households"),
        (
            lambda: np_.Appointment(
                person="p",
                body="b",
                role=Role.SECRETARY,
                start=date(2020, 1, 2),
                end=date(2020, 1, 1),
            ),
            "end",
        ),
        (
            lambda: np_.OwnersCommittee(
                id="oc", compound="c", term_start=date(2020, 1, 2), term_end=date(2019, 1, 1)
            ),
            "term_end",
        ),
        (
            lambda: np_.Membership(
                standing=np_.Standing.FULL,
                category=np_.MemberCategory.RETIRED,
                registered_in="br",
                joined=date(2020, 1, 1),
                full_since=date(2019, 1, 1),
            ),
            "full_since",
        ),
        (lambda: np_.Grid(id="g", name="g", community="cm", compounds=["c", "c"]), "compounds"),
        (
            lambda: np_.Whistle(
                id="w", compound="c", raised_on=date(2020, 5, 2), answered_on=date(2020, 5, 1)
            ),
            "answered_on",
        ),
    ],
)
def test_structural_validation_names_the_field(make: object, field: str) -> None:
    with pytest.raises(InvalidFieldError) as info:
        make()  # type: ignore[operator]
    assert info.value.field == field
    assert isinstance(info.value, ValueError)


def vote(**changes: object) -> np_.OwnersVote:
    fields: dict[str, object] = {
        "id": "v",
        "compound": "c",
        "matter": np_.MatterKind.ORDINARY,
        "held_on": date(2020, 1, 1),
        "total_area": 100.0,
        "total_owners": 10,
        "participating_area": 80.0,
        "participating_owners": 8,
        "area_for": 50.0,
        "owners_for": 5,
    }
    fields.update(changes)
    return np_.OwnersVote(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"participating_owners": 11}, "participating_owners"),
        ({"participating_area": 100.5}, "participating_area"),
        ({"owners_for": 9}, "owners_for"),
        ({"area_for": 81.0}, "area_for"),
    ],
)
def test_a_vote_cannot_count_more_than_took_part(changes: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidFieldError) as info:
        vote(**changes)
    assert info.value.field == field


def test_a_vote_at_its_limits_is_valid() -> None:
    v = vote(participating_owners=10, participating_area=100.0, owners_for=10, area_for=100.0)
    # One owner or a little area more than took part is refused: the limits are the limits.
    with pytest.raises(InvalidFieldError, match="owners_for"):
        attrs.evolve(v, owners_for=11)
    with pytest.raises(InvalidFieldError, match="area_for"):
        attrs.evolve(v, area_for=100.01)


def test_lists_of_ids_become_tuples_and_a_lone_string_is_refused() -> None:
    org = np_.PartyOrganization(
        id="br", name="b", kind=OrgKind.COMPOUND_BRANCH, covers=["c1", "c2"]
    )
    assert org.covers == ("c1", "c2")
    with pytest.raises(TypeError, match="collection of ids"):
        np_.PartyOrganization(id="br", name="b", kind=OrgKind.COMPOUND_BRANCH, covers="c1")


def test_appointment_in_force_includes_both_ends() -> None:
    a = np_.Appointment(
        person="p", body="b", role=Role.SECRETARY, start=date(2020, 1, 1), end=date(2020, 12, 31)
    )
    assert [
        a.in_force(d)
        for d in (date(2019, 12, 31), date(2020, 1, 1), date(2020, 12, 31), date(2021, 1, 1))
    ] == [
        False,
        True,
        True,
        False,
    ]


def test_enum_values_are_the_document_strings() -> None:
    assert [k.value for k in CompoundKind] == [
        "managed",
        "resettlement",
        "unmanaged",
        "old_quarter",
    ]
    assert {r.body_kind for r in Role} == {"organization", "committee", "place"}
    assert [k for k in OrgKind if k.is_branch] == [
        OrgKind.COMPOUND_BRANCH,
        OrgKind.COURTYARD_BRANCH,
        OrgKind.GRID_BRANCH,
    ]
    assert not OrgKind.BUILDING_GROUP.holds_membership
    assert [m for m in np_.MatterKind if not m.is_major] == [np_.MatterKind.ORDINARY]


def test_four_haves_all_met_needs_all_four() -> None:
    base = {"capability": True, "prestige": True, "public_spirit": True, "enthusiasm": True}
    assert np_.FourHaves(**base).all_met
    for key in base:
        assert not np_.FourHaves(**{**base, key: False}).all_met
