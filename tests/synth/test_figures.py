"""One definition per published figure: synth's calibration and the report's metrics agree.

Both call the functions of :mod:`neighborparty.rules.figures`; these tests hold them to it on
synthetic cities of every supported year, and pin the definitions where the two used to differ.
"""

from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

import attrs
import pytest

from neighborparty import (
    DEFAULT_POLICY,
    CadreLevel,
    City,
    CoBuildingAgreement,
    MemberCategory,
    Person,
    ServiceStation,
    Unit,
    UnitKind,
    Whistle,
    check,
    examples,
    graph,
    synth,
)
from neighborparty.rules import figures

METRIC_OF_FIGURE = {
    "compounds": "compounds",
    "compound_branches": "branches.compound_branch",
    "organisation_coverage": "organization_coverage",
    "work_coverage": "work_coverage",
    "division_cadres": "cadre_secretaries",
    "compound_stations": "compounds_with_station",
    "secretary_chairs": "secretary_chairs",
    "member_chairs": "member_chairs",
    "committee_members": "members_on_committees",
    "red_committees": "red_committees",
    "municipal_co_building": "municipal_branch_agreements",
    "in_service_reported": "in_service_reported",
    "whistles_answered": "whistles_answered",
}
"""Each calibration figure that a report's metric also carries, and the metric's name."""

WITHOUT_METRIC = frozenset(
    {
        "communities",
        "managed_compounds",
        "owners_committees",
        "municipal_units_reported",
        "companies_with_organisation",
    }
)
"""The calibration figures no metric carries (``managed_compounds`` counts what a property
company manages; the metric ``compounds.managed`` counts compounds of the managed kind)."""

CITIES = [
    (0, 0.05, 2020),
    (1, 0.05, 2020),
    (0, 0.05, 2024),
    (1, 0.05, 2024),
    (2, 0.3, 2020),
    (2, 0.3, 2024),
]

DAY = synth.reference_date(2020)


@pytest.mark.parametrize("year", synth.SUPPORTED_YEARS)
def test_every_figure_either_has_a_metric_or_is_named_as_having_none(year: int) -> None:
    names = {f.name for f in synth.calibration(examples.seed_city(), year=year)}
    assert names <= METRIC_OF_FIGURE.keys() | WITHOUT_METRIC
    assert not METRIC_OF_FIGURE.keys() & WITHOUT_METRIC


@pytest.mark.parametrize(("seed", "scale", "year"), CITIES)
def test_each_figure_equals_its_metric_for_the_whole_city(
    seed: int, scale: float, year: int
) -> None:
    city = synth.city(seed=seed, scale=scale, year=year)
    day = synth.reference_date(year)
    metrics = check(city, on=day).metrics.at(city.id)
    calibrated = {f.name: f.value for f in synth.calibration(city, year=year, scale=scale)}
    shared = calibrated.keys() & METRIC_OF_FIGURE.keys()
    assert shared, "no figure of the year has a metric"
    assert {name: calibrated[name] for name in shared} == {
        name: metrics[METRIC_OF_FIGURE[name]] for name in shared
    }


# --------------------------------------------------------------------------- the definitions


def edited_seed(**collections: Iterable[Any]) -> City:
    return examples.seed_city().with_updates(**collections)


def at_city(city: City, on: date | None) -> dict[str, float]:
    return check(city, on=on).metrics.at(city.id)


def test_cadre_secretaries_are_those_of_compound_branches_only() -> None:
    """(a) "处级以上干部担任小区党支部书记或第一书记": a cadre leading a grid branch is not one."""
    city = examples.seed_city()
    cadres = [
        attrs.evolve(p, cadre_level=CadreLevel.DIVISION)
        for p in city.people
        if p.id in ("p-lin", "p-xu")  # secretaries of br-jinan (compound) and br-grid-old (grid)
    ]
    edited = edited_seed(people=cadres)
    assert figures.cadre_secretaries(edited, DAY) == {"cm-jinan": frozenset({"p-lin"})}
    assert at_city(edited, DAY)["cadre_secretaries"] == 1
    assert at_city(edited, None)["cadre_secretaries"] == 1
    assert {f.name: f.value for f in synth.calibration(edited)}["division_cadres"] == 1


def test_a_station_counts_from_the_day_it_opened() -> None:
    """(b) A station opened after the day does not count on the day; ``on=None`` counts all."""
    station = examples.seed_city().get("st-jinan")
    assert isinstance(station, ServiceStation)
    edited = edited_seed(stations=[attrs.evolve(station, opened_on=date(2020, 11, 1))])
    assert at_city(edited, DAY)["compounds_with_station"] == 0
    assert at_city(edited, date(2020, 11, 1))["compounds_with_station"] == 1
    assert at_city(edited, None)["compounds_with_station"] == 1
    assert {f.name: f.value for f in synth.calibration(edited)}["compound_stations"] == 0


def test_a_unit_counts_while_its_agreement_is_in_force() -> None:
    """(c) An agreement that ended before the day does not count on the day; ``on=None`` counts
    every agreement recorded."""
    agreement = examples.seed_city().get("ag-tax")
    assert isinstance(agreement, CoBuildingAgreement)
    edited = edited_seed(agreements=[attrs.evolve(agreement, ends_on=date(2020, 6, 30))])
    for metric in ("units_with_agreements", "municipal_branch_agreements"):
        assert at_city(edited, date(2020, 6, 30))[metric] == 1
        assert at_city(edited, date(2020, 7, 1))[metric] == 0
        assert at_city(edited, date(2020, 3, 31))[metric] == 0
        assert at_city(edited, None)[metric] == 1
    assert figure(edited, "municipal_co_building") == 0


# --------------------------------------------------------------------------- 407 [健全-3]


def figure(city: City, name: str, year: int = 2020) -> float:
    return {f.name: f.value for f in synth.calibration(city, year=year, scale=0.01)}[name]


def municipal(kind: UnitKind = UnitKind.MUNICIPAL, *, id: str = "u-2") -> Unit:
    return Unit(id=id, name="市直单位", kind=kind, community="cm-jinan")


def agreement(unit: str, organization: str, id: str) -> CoBuildingAgreement:
    return CoBuildingAgreement(
        id=id, unit=unit, organization=organization, signed_on=date(2020, 4, 1)
    )


def test_407_counts_municipal_units_that_signed_with_a_compound_branch() -> None:
    """ "407 个市直单位党组织与小区党支部签定共建协议": the seed city's municipal unit u-tax signed
    with the compound branch br-jinan."""
    city = examples.seed_city()
    assert figures.municipal_branch_agreements(city, DAY) == {"cm-jinan": 1}
    assert figure(city, "municipal_co_building") == 1


def test_407_leaves_out_agreements_with_a_community_committee_or_a_grid_branch() -> None:
    city = edited_seed(
        units=[municipal(id="u-2"), municipal(id="u-3")],
        agreements=[agreement("u-2", "cc-jinan", "ag-2"), agreement("u-3", "br-grid-old", "ag-3")],
    )
    assert figure(city, "municipal_co_building") == 1  # u-tax alone
    assert at_city(city, DAY)["units_with_agreements"] == 3  # any unit, any organisation


def test_407_leaves_out_units_that_are_not_municipal() -> None:
    city = edited_seed(
        units=[municipal(UnitKind.RESIDENT, id="u-2"), municipal(UnitKind.CO_BUILDING, id="u-3")],
        agreements=[agreement("u-2", "br-jinan", "ag-2"), agreement("u-3", "br-joint", "ag-3")],
    )
    assert figure(city, "municipal_co_building") == 1
    assert at_city(city, DAY)["units_with_agreements"] == 3


def test_407_counts_a_unit_once_however_many_branches_it_signed_with() -> None:
    city = edited_seed(agreements=[agreement("u-tax", "br-joint", "ag-2")])
    assert figure(city, "municipal_co_building") == 1
    assert at_city(city, DAY)["municipal_branch_agreements"] == 1


# --------------------------------------------------------------------------- 64 800 [健全-3]


def member(city: City, id: str) -> Person:
    found = city.get(id)
    assert isinstance(found, Person)
    assert found.party is not None
    return found


def test_64800_counts_in_service_members_who_reported_where_they_live() -> None:
    """p-chen and p-zhao are in service and reported to cm-jinan, where they live."""
    city = examples.seed_city()
    assert figure(city, "in_service_reported") == 2
    chen = member(city, "p-chen")
    unreported = attrs.evolve(chen, party=attrs.evolve(chen.party, reported_to=None))
    assert figure(edited_seed(people=[unreported]), "in_service_reported") == 1


def test_64800_leaves_out_members_who_are_not_in_service() -> None:
    city = examples.seed_city()
    chen = member(city, "p-chen")
    retired = attrs.evolve(chen, party=attrs.evolve(chen.party, category=MemberCategory.RETIRED))
    edited = edited_seed(people=[retired])
    assert figure(edited, "in_service_reported") == 1
    assert at_city(edited, DAY)["in_service_reported"] == 1


# --------------------------------------------------------------------------- 80 000+ [健全-3]


def whistle(answered_on: date | None, id: str = "w-2") -> Whistle:
    return Whistle(id=id, compound="c-jinan", raised_on=date(2020, 10, 1), answered_on=answered_on)


def test_80000_counts_whistles_answered_by_the_day() -> None:
    """A whistle answered on the reference day counts; one answered the day after, or never,
    does not (with ``on=None`` every answered one counts)."""
    city = edited_seed(
        whistles=[
            whistle(DAY, "w-on-the-day"),
            whistle(DAY + timedelta(days=1), "w-the-day-after"),
            whistle(None, "w-waiting"),
        ]
    )
    assert figure(city, "whistles_answered") == 2  # w-lamp and w-on-the-day
    assert at_city(city, DAY)["whistles_answered"] == 2
    assert at_city(city, None)["whistles_answered"] == 3
    assert figures.whistles_answered(city, DAY) == {"cm-jinan": 1, "cm-old": 1}


def test_red_committees_have_one_definition_and_the_policys_share() -> None:
    """(d) The metric, the figure and the graph query count the same committees, with the
    share the policy sets."""
    city = examples.seed_city()
    share = DEFAULT_POLICY.value("owners.red_committee_share", DAY)
    assert DEFAULT_POLICY.value("owners.red_committee_share") == synth.RED_COMMITTEE_SHARE
    assert figures.city_total(figures.red_committees(city, DAY, share=share)) == len(
        graph.red_committees(city, share, on=DAY)
    )
    assert at_city(city, DAY)["red_committees"] == 1
    stricter = DEFAULT_POLICY.with_parameters(
        {"owners.red_committee_share": 0.9}, effective=date(2020, 1, 1)
    )
    assert check(city, stricter, on=DAY).metrics.at(city.id)["red_committees"] == 0
    calibrated = {f.name: f.value for f in synth.calibration(city, year=2024, scale=0.01)}
    day = synth.reference_date(2024)
    assert calibrated["red_committees"] == at_city(city, day)["red_committees"]


def test_people_count_once_in_a_place_and_in_the_city() -> None:
    members = figures.members_on_committees(examples.seed_city(), DAY)
    assert figures.city_total(members) == len(frozenset().union(*members.values())) == 4


def test_a_city_without_compounds_is_fully_covered_as_in_the_report() -> None:
    empty = City(id="x", name="x")
    assert {f.name: f.value for f in synth.calibration(empty)}["organisation_coverage"] == 1.0
    assert check(empty, on=DAY).metrics.at("x")["organization_coverage"] == 1.0
