"""Calibration: a city beside the figures Xiamen published for a year."""

import math

import pytest

from neighborparty import City, examples, synth


def failures(figures: tuple[synth.Figure, ...], tolerance: float) -> list[str]:
    return [
        f"{f.name}: {f.value} vs {f.expected} ({f.source})"
        for f in figures
        if not f.within(tolerance)
    ]


def test_a_tenth_of_xiamen_scales_the_figures() -> None:
    city = synth.city(seed=1, scale=0.1)
    assert len(city.communities) == 37
    assert failures(synth.calibration(city, scale=0.1), 0.1) == []


FIGURES_2020 = [
    "communities",
    "compound_branches",
    "organisation_coverage",
    "work_coverage",
    "division_cadres",
    "compound_stations",
    "secretary_chairs",
    "member_chairs",
    "committee_members",
    "municipal_units_reported",
    "municipal_co_building",
    "in_service_reported",
    "whistles_answered",
]
FIGURES_2024 = [
    "compounds",
    "managed_compounds",
    "owners_committees",
    "compound_branches",
    "secretary_chairs",
    "committee_members",
    "red_committees",
    "companies_with_organisation",
]


def test_the_2020_city_matches_every_seed_figure_within_5_percent(xiamen: City) -> None:
    figures = synth.calibration(xiamen, year=2020)
    assert [f.name for f in figures] == FIGURES_2020
    assert failures(figures, 0.05) == []
    assert {f.source for f in figures} <= {
        "[intro]",
        "[建强-2]",
        "[建强-3]",
        "[打造-1]",
        "[健全-1]",
        "[健全-3]",
    }


@pytest.mark.scale1
@pytest.mark.parametrize(("seed", "year"), [(0, 2020), (2, 2020), (0, 2024), (1, 2024), (2, 2024)])
def test_cities_of_several_seeds_match_every_figure_of_their_year_within_5_percent(
    seed: int, year: int
) -> None:
    """With the session's city (seed 1, 2020), three seeds of each year."""
    city = synth.city(seed=seed, scale=1, year=year)
    figures = synth.calibration(city, year=year)
    assert [f.name for f in figures] == (FIGURES_2020 if year == 2020 else FIGURES_2024)
    assert {f.source for f in figures} == (
        {"[intro]", "[建强-2]", "[建强-3]", "[打造-1]", "[健全-1]", "[健全-3]"}
        if year == 2020
        else {"厦住建综函〔2024〕66号"}
    )
    assert failures(figures, 0.05) == []


def test_published_figures_marked_plus_are_aimed_a_little_above() -> None:
    """1 400+ branches, 1 100+ stations and 8 万+ answered whistles: the city aims above the
    published number, never below it."""
    targets = synth.YEAR_TARGETS[2020]
    assert 1400 < targets.compound_branches < 1400 * 1.05
    assert 1100 < targets.stations < 1100 * 1.05
    assert 80_000 < targets.answered_whistles < 80_000 * 1.05


def test_calibration_reads_any_city_by_its_entities() -> None:
    figures = {f.name: f.value for f in synth.calibration(examples.seed_city(), scale=0.01)}
    assert figures == {
        "communities": 2,
        "compound_branches": 2,
        "organisation_coverage": 0.75,  # c-old is reached by a grid branch only
        "work_coverage": 1.0,
        "division_cadres": 0,
        "compound_stations": 1,
        "secretary_chairs": 1,  # p-lin: secretary of br-jinan, chair of oc-jinan
        "member_chairs": 1,
        "committee_members": 4,  # p-zhou, on the committee, is not a member
        "municipal_units_reported": 1,
        "municipal_co_building": 1,  # u-tax with br-jinan
        "in_service_reported": 2,  # p-chen and p-zhao
        "whistles_answered": 1,  # w-lamp
    }


def test_figures_scale_counts_but_not_shares(small: City) -> None:
    figures = {f.name: f for f in synth.calibration(small, scale=0.02)}
    assert figures["secretary_chairs"].expected == pytest.approx(98 * 0.02)
    assert figures["organisation_coverage"].expected == 0.90
    assert figures["secretary_chairs"].published == 98


def test_a_figure_compares_its_value_with_what_was_expected() -> None:
    figure = synth.Figure(name="x", published=100, value=96, source="[健全-1]")
    assert figure.expected == 100
    assert figure.ratio == pytest.approx(0.96)
    assert figure.within(0.05)
    assert not figure.within(0.03)
    assert synth.Figure(name="x", published=0, value=0, source="s").ratio == 1.0
    assert synth.Figure(name="x", published=0, value=1, source="s").ratio == math.inf


@pytest.mark.parametrize("year", [2019, 2021, 2023, 2025])
def test_an_unsupported_year_raises_value_error_naming_the_supported_ones(year: int) -> None:
    with pytest.raises(ValueError, match="2020, 2024"):
        synth.calibration(examples.seed_city(), year=year)


@pytest.mark.parametrize("scale", [0, -1, -0.5, math.nan, math.inf])
def test_a_scale_that_is_not_positive_and_finite_raises_value_error(scale: float) -> None:
    with pytest.raises(ValueError, match="scale"):
        synth.calibration(examples.seed_city(), scale=scale)
