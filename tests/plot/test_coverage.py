"""Coverage per place: horizontal bars, a bounded height, the two ends of a long list."""

import warnings

import matplotlib.pyplot as plt
import pytest

from neighborparty import City, graph, plot
from neighborparty.graph.coverage import Level
from neighborparty.plot import MissingCJKFontWarning


def bars(ax: plt.Axes) -> tuple[list[float], list[float]]:
    organisation, work = ax.containers
    return [b.get_width() for b in organisation], [b.get_width() for b in work]


def ticks(ax: plt.Axes) -> list[str]:
    return [t.get_text() for t in ax.get_yticklabels()]


def test_coverage_draws_two_bars_per_place_in_percent(city: City) -> None:
    ax = plot.coverage(city, by="community", labels="id")
    assert bars(ax) == ([100.0, 0.0], [100.0, 100.0])
    assert ticks(ax) == ["cm-jinan", "cm-old"]
    assert ax.get_xlim() == (0.0, 100.0)
    assert ax.get_title() == "Coverage by community"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "organisation coverage",
        "work coverage",
    ]


def test_the_first_place_is_the_top_bar(city: City) -> None:
    ax = plot.coverage(city, by="community", labels="id")
    organisation, _ = ax.containers
    assert organisation[0].get_y() < organisation[1].get_y()
    assert ax.yaxis_inverted()


@pytest.mark.parametrize("by", ["community", "subdistrict", "district"])
def test_coverage_bars_are_the_rates_of_the_graph_query(town: City, by: Level) -> None:
    rates = graph.coverage(town, by=by)
    ax = plot.coverage(town, by=by, labels="id")
    assert bars(ax) == (
        pytest.approx([100 * c.organization_rate for c in rates.values()]),
        pytest.approx([100 * c.work_rate for c in rates.values()]),
    )
    assert ticks(ax) == list(rates)


def test_coverage_of_the_city_is_labelled_with_its_id_or_name(city: City) -> None:
    ax = plot.coverage(city, by="city", labels="id")
    assert ticks(ax) == [city.id]
    assert bars(ax) == ([75.0], [100.0])


def test_coverage_labels_places_by_name_in_a_cjk_font(city: City, cjk_font: str) -> None:
    ax = plot.coverage(city, by="community")
    assert ticks(ax) == ["金安社区", "老城社区"]
    assert {t.get_fontfamily()[0] for t in ax.get_yticklabels()} == {cjk_font}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax.figure.canvas.draw()
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []


@pytest.mark.usefixtures("no_cjk_font")
def test_without_a_cjk_font_coverage_labels_places_by_id_with_one_warning(city: City) -> None:
    with pytest.warns(MissingCJKFontWarning, match="apt-get install fonts-noto-cjk") as caught:
        ax = plot.coverage(city, by="community")
    assert len(caught) == 1
    assert "2 labels show ids instead of names" in str(caught[0].message)
    assert ticks(ax) == ["cm-jinan", "cm-old"]
    with warnings.catch_warnings(record=True) as drawn:
        warnings.simplefilter("always")
        ax.figure.canvas.draw()
    assert [str(w.message) for w in drawn] == []


# ------------------------------------------------------------------------ many places


def test_of_many_places_coverage_shows_both_ends_and_says_so(many_communities: City) -> None:
    rates = graph.coverage(many_communities, by="community")
    assert len(rates) > 30
    ax = plot.coverage(many_communities, by="community", labels="id")
    organisation, work = bars(ax)
    assert len(organisation) == len(work) == 30
    assert ax.get_title() == (
        f"Coverage by community\n30 of {len(rates)} shown: "
        "the 15 highest and the 15 lowest by organisation coverage"
    )
    ranked = sorted(rates.values(), key=lambda c: (-c.organization_rate, -c.work_rate))
    assert organisation == pytest.approx(
        [100 * c.organization_rate for c in [*ranked[:15], *ranked[-15:]]]
    )
    assert organisation == sorted(organisation, reverse=True)
    assert ticks(ax)[15] == f"… {len(rates) - 30} more"


@pytest.mark.parametrize(("top", "bottom"), [(5, None), (None, 7), (3, 4), (0, 2)])
def test_top_and_bottom_choose_the_ends_shown(
    many_communities: City, top: int | None, bottom: int | None
) -> None:
    rates = graph.coverage(many_communities, by="community")
    ranked = sorted(rates, key=lambda p: (-rates[p].organization_rate, -rates[p].work_rate))
    ax = plot.coverage(many_communities, by="community", top=top, bottom=bottom, labels="id")
    first, last = ranked[: top or 0], ranked[len(ranked) - (bottom or 0) :]
    shown = [t for t in ticks(ax) if not t.startswith("…")]
    assert shown == [*first, *last]
    assert len(bars(ax)[0]) == len(shown)
    assert f"{len(shown)} of {len(rates)} shown" in ax.get_title()


def test_asking_for_every_place_shows_them_ranked_without_a_gap(city: City) -> None:
    ax = plot.coverage(city, by="community", bottom=5, labels="id")
    assert ticks(ax) == ["cm-jinan", "cm-old"]
    assert ax.get_title() == "Coverage by community"


@pytest.mark.parametrize(("top", "bottom"), [(None, None), (100, 100), (400, None)])
def test_coverage_stays_at_most_ten_inches_tall(
    many_communities: City, top: int | None, bottom: int | None
) -> None:
    ax = plot.coverage(many_communities, by="community", top=top, bottom=bottom, labels="id")
    width, height = ax.figure.get_size_inches()
    assert height <= 10
    assert width <= 12
    ax.figure.canvas.draw()
    tight = ax.figure.get_tightbbox(ax.figure.canvas.get_renderer())
    assert min(tight.x0, tight.y0) >= 0
    assert tight.x1 <= width
    assert tight.y1 <= height


def test_a_few_places_make_a_short_chart(city: City) -> None:
    _, height = plot.coverage(city, by="city", labels="id").figure.get_size_inches()
    assert height <= 3


@pytest.mark.parametrize("count", [-1, 1.5, True, "3"])
def test_top_and_bottom_must_be_counts(city: City, count: object) -> None:
    for name in ("top", "bottom"):
        with pytest.raises(ValueError, match=f"{name} must be a count of places"):
            plot.coverage(city, **{name: count})  # type: ignore[arg-type]


def test_coverage_by_an_unknown_level_raises(city: City) -> None:
    with pytest.raises(ValueError, match="by must be"):
        plot.coverage(city, by="street", labels="id")  # type: ignore[arg-type]
