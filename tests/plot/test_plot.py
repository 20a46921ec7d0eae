"""Plots: each draws the library's numbers, on the axes given or on a new figure."""

import importlib
import sys
from datetime import date

import matplotlib.pyplot as plt
import pytest
from matplotlib.collections import LineCollection, PathCollection

import neighborparty
from neighborparty import Appointment, City, Role, UnknownIdError, examples, graph, plot, synth
from neighborparty.graph.coverage import Level
from neighborparty.rules import DEFAULT_POLICY, Threshold, TippingPoint, sweep, tipping_points
from neighborparty.rules.parameters import UnknownParameterError

JINAN_NODES = {
    "cm-jinan",
    "c-jinan",
    "c-east",
    "c-west",
    "br-jinan",
    "br-joint",
    "grp-jinan-1",
    "b-jinan-1",
    "b-jinan-2",
    "p-lin",
    "p-chen",
    "p-wang",
    "p-liu",
    "p-ye",
}
JINAN_UNDER = {
    ("cm-jinan", "c-jinan"),
    ("cm-jinan", "c-east"),
    ("cm-jinan", "c-west"),
    ("c-jinan", "br-jinan"),
    ("c-east", "br-joint"),
    ("c-west", "br-joint"),
    ("br-jinan", "grp-jinan-1"),
    ("grp-jinan-1", "b-jinan-1"),
    ("grp-jinan-1", "b-jinan-2"),
}
JINAN_HOLDS = {
    ("br-jinan", "p-lin"),
    ("grp-jinan-1", "p-chen"),
    ("b-jinan-1", "p-chen"),
    ("b-jinan-2", "p-wang"),
    ("br-joint", "p-liu"),
    ("c-east", "p-ye"),
    ("c-west", "p-ye"),
}
PARAMETER = "branch.min_full_members"


def node_positions(ax: plt.Axes) -> dict[str, tuple[float, float]]:
    """Each drawn node's position, read back through its label just below it."""
    return {t.get_text(): (t.get_position()[0], t.get_position()[1] + 0.15) for t in ax.texts}


def node_kinds(ax: plt.Axes) -> dict[str, str]:
    """The kind of each drawn node, from the legend label of the collection holding it."""
    by_position = {tuple(round(c, 6) for c in xy): n for n, xy in node_positions(ax).items()}
    kinds = {}
    for collection in ax.collections:
        if isinstance(collection, PathCollection):
            for xy in collection.get_offsets():
                kinds[by_position[tuple(round(float(c), 6) for c in xy)]] = collection.get_label()
    return kinds


# ---------------------------------------------------------------------------------- tree


def test_the_tree_draws_one_labelled_node_per_entity_of_the_community() -> None:
    ax = plot.tree(examples.seed_city(), "cm-jinan")
    assert sorted(t.get_text() for t in ax.texts) == sorted(JINAN_NODES)
    offsets = [len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection)]
    assert sum(offsets) == len(JINAN_NODES)


def test_the_tree_colours_nodes_by_kind_with_a_legend() -> None:
    ax = plot.tree(examples.seed_city(), "cm-jinan")
    kinds = node_kinds(ax)
    assert kinds == {
        "cm-jinan": "community",
        "c-jinan": "compound",
        "c-east": "compound",
        "c-west": "compound",
        "br-jinan": "compound branch",
        "br-joint": "compound branch",
        "grp-jinan-1": "building group",
        "b-jinan-1": "building",
        "b-jinan-2": "building",
        "p-lin": "person",
        "p-chen": "person",
        "p-wang": "person",
        "p-liu": "person",
        "p-ye": "person",
    }
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == list(dict.fromkeys(kinds.values()))
    colours = {
        c.get_label(): tuple(c.get_facecolor()[0])
        for c in ax.collections
        if isinstance(c, PathCollection)
    }
    assert len(set(colours.values())) == len(colours)


def test_the_tree_draws_the_organisation_and_the_posts_as_edges() -> None:
    ax = plot.tree(examples.seed_city(), "cm-jinan")
    lines = [c for c in ax.collections if isinstance(c, LineCollection)]
    at = {tuple(round(c, 6) for c in xy): n for n, xy in node_positions(ax).items()}
    drawn = [
        {(at[tuple(u.round(6))], at[tuple(v.round(6))]) for u, v in c.get_segments()} for c in lines
    ]
    assert drawn == [JINAN_UNDER, JINAN_HOLDS]


def test_the_tree_runs_top_down_from_the_community() -> None:
    positions = node_positions(plot.tree(examples.seed_city(), "cm-jinan"))
    height = {node: y for node, (_, y) in positions.items()}
    assert all(height[upper] > height[lower] for upper, lower in JINAN_UNDER | JINAN_HOLDS)
    assert height["cm-jinan"] == max(height.values())


def test_the_tree_shows_people_by_id_never_by_name() -> None:
    city = examples.seed_city()
    ax = plot.tree(city, "cm-jinan")
    shown = " ".join(t.get_text() for t in [*ax.texts, *ax.get_legend().get_texts()])
    assert ax.get_title() == "cm-jinan: organisation tree"
    assert not [p.name for p in city.people if p.name in shown + ax.get_title()]


def test_the_tree_shows_the_posts_held_on_a_day() -> None:
    former = Appointment(
        person="p-sun",
        body="br-jinan",
        role=Role.DEPUTY_SECRETARY,
        start=date(2015, 1, 1),
        end=date(2018, 12, 31),
    )
    city = examples.seed_city().with_updates(appointments=[former])
    people = {"p-lin", "p-chen", "p-wang", "p-liu", "p-ye"}

    def shown(on: date | None) -> set[str]:
        return {t.get_text() for t in plot.tree(city, "cm-jinan", on=on).texts}

    assert shown(None) == JINAN_NODES
    assert shown(date(2017, 1, 1)) == (JINAN_NODES - people) | {"p-sun"}
    assert shown(date(2020, 10, 26)) == JINAN_NODES


def test_the_tree_of_a_synthetic_community_draws_each_entity_once() -> None:
    city = synth.city(seed=1, scale=0.01)
    community = city.communities[0].id
    ax = plot.tree(city, community)
    labels = [t.get_text() for t in ax.texts]
    offsets = sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))
    assert len(labels) == len(set(labels)) == offsets
    assert {c.id for c in city.compounds_in(community)} < set(labels)
    assert {b.id for c in city.compounds_in(community) for b in city.branches_covering(c.id)} < set(
        labels
    )


def test_the_tree_renders_without_warnings() -> None:
    ax = plot.tree(examples.seed_city(), "cm-old")
    ax.figure.canvas.draw()


def test_the_tree_of_an_unknown_community_raises() -> None:
    with pytest.raises(UnknownIdError, match="cm-nowhere"):
        plot.tree(examples.seed_city(), "cm-nowhere")


def test_the_tree_of_something_other_than_a_community_raises() -> None:
    with pytest.raises(ValueError, match="'c-jinan' is not a community"):
        plot.tree(examples.seed_city(), "c-jinan")


# ------------------------------------------------------------------------------ coverage


def bars(ax: plt.Axes) -> tuple[list[float], list[float]]:
    organisation, work = ax.containers
    return [b.get_height() for b in organisation], [b.get_height() for b in work]


def test_coverage_draws_two_bars_per_place_in_percent() -> None:
    ax = plot.coverage(examples.seed_city(), by="community")
    assert bars(ax) == ([100.0, 0.0], [100.0, 100.0])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["金安社区", "老城社区"]
    assert ax.get_ylim() == (0.0, 100.0)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "organisation coverage",
        "work coverage",
    ]


@pytest.mark.parametrize("by", ["community", "subdistrict", "district"])
def test_coverage_bars_are_the_rates_of_the_graph_query(by: Level) -> None:
    city = synth.city(seed=1, scale=0.01)
    rates = graph.coverage(city, by=by)
    ax = plot.coverage(city, by=by)
    assert bars(ax) == (
        pytest.approx([100 * c.organization_rate for c in rates.values()]),
        pytest.approx([100 * c.work_rate for c in rates.values()]),
    )
    assert [t.get_text() for t in ax.get_xticklabels()] == [city.get(p).name for p in rates]


def test_coverage_of_the_city_is_labelled_with_its_name() -> None:
    city = examples.seed_city()
    ax = plot.coverage(city, by="city")
    assert [t.get_text() for t in ax.get_xticklabels()] == [city.name]
    assert bars(ax) == ([75.0], [100.0])


def test_coverage_by_an_unknown_level_raises() -> None:
    with pytest.raises(ValueError, match="by must be"):
        plot.coverage(examples.seed_city(), by="street")  # type: ignore[arg-type]


# --------------------------------------------------------------------------------- sweep


def tipping_lines(ax: plt.Axes) -> list[float]:
    return [line.get_xdata()[0] for line in ax.lines if line.get_gid() == "tipping"]


def test_sweep_draws_the_failing_counts_in_value_order() -> None:
    result = {4: 3, 1: 0, 3: 1, 2: 1}
    ax = plot.sweep(result)
    curve = ax.lines[0]
    assert dict(zip(curve.get_xdata(), curve.get_ydata(), strict=True)) == result
    assert list(curve.get_xdata()) == [1, 2, 3, 4]
    assert tipping_lines(ax) == []
    assert ax.get_xlabel() == "parameter value"


def test_sweep_marks_each_distinct_tipping_value_within_the_range() -> None:
    city = synth.city(seed=1, scale=0.01)
    points = tipping_points(city, PARAMETER)
    result = sweep(city, PARAMETER, range(2, 6))
    ax = plot.sweep(result, tipping=points)
    expected = sorted(
        {
            p.threshold.at
            for p in points
            if p.threshold.op not in ("never", "always") and 2 <= p.threshold.at <= 5
        }
    )
    assert expected
    assert tipping_lines(ax) == expected


def test_sweep_leaves_out_thresholds_that_never_or_always_fail() -> None:
    points = [
        TippingPoint(code="NP103", subject="a", threshold=Threshold("never")),
        TippingPoint(code="NP103", subject="b", threshold=Threshold("always")),
        TippingPoint(code="NP103", subject="c", threshold=Threshold(">", 2)),
        TippingPoint(code="NP103", subject="d", threshold=Threshold("<=", 2)),
        TippingPoint(code="NP103", subject="e", threshold=Threshold(">", 9)),
    ]
    ax = plot.sweep({0: 1, 4: 2}, tipping=points)
    assert tipping_lines(ax) == [2.0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "failing subjects",
        "tipping point",
    ]


def test_sweep_marks_the_current_value_of_the_named_parameter() -> None:
    ax = plot.sweep({1: 0, 5: 3}, parameter=PARAMETER)
    [current] = [line for line in ax.lines if line.get_gid() == "current"]
    assert current.get_xdata()[0] == DEFAULT_POLICY.value(PARAMETER)
    assert ax.get_xlabel() == PARAMETER


def test_sweep_marks_the_value_of_the_policy_given() -> None:
    reform = DEFAULT_POLICY.with_parameters({PARAMETER: 5}, effective=date(2020, 1, 1))
    ax = plot.sweep({1: 0, 6: 3}, parameter=PARAMETER, policy=reform)
    assert [line.get_xdata()[0] for line in ax.lines if line.get_gid() == "current"] == [5]


def test_sweep_does_not_mark_a_current_value_outside_the_range() -> None:
    ax = plot.sweep({10: 3, 20: 4}, parameter=PARAMETER)
    assert [line for line in ax.lines if line.get_gid() == "current"] == []


def test_sweep_of_an_unknown_parameter_raises() -> None:
    with pytest.raises(UnknownParameterError):
        plot.sweep({1: 0}, parameter="branch.min_full_member")


def test_sweep_renders_without_warnings() -> None:
    city = examples.seed_city()
    ax = plot.sweep(
        sweep(city, PARAMETER, range(6)),
        tipping=tipping_points(city, PARAMETER),
        parameter=PARAMETER,
    )
    ax.figure.canvas.draw()


# ------------------------------------------------------------------------- all of them


def draw_all(city: City, ax: plt.Axes | None = None) -> list[plt.Axes]:
    return [
        plot.tree(city, "cm-jinan", ax=ax),
        plot.coverage(city, ax=ax),
        plot.sweep(sweep(city, PARAMETER, [1, 2]), ax=ax),
    ]


def test_each_plot_draws_on_the_axes_given() -> None:
    _, ax = plt.subplots()
    before = plt.get_fignums()
    assert draw_all(examples.seed_city(), ax) == [ax, ax, ax]
    assert plt.get_fignums() == before


def test_each_plot_makes_a_figure_of_its_own_without_axes() -> None:
    axes = draw_all(examples.seed_city())
    assert len({id(ax.figure) for ax in axes}) == 3
    assert len(plt.get_fignums()) == 3


@pytest.fixture
def without_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m == "matplotlib" or m.startswith("matplotlib.")]:
        monkeypatch.setitem(sys.modules, name, None)


@pytest.mark.usefixtures("without_matplotlib")
def test_without_matplotlib_each_plot_names_the_extra_to_install() -> None:
    city = examples.seed_city()
    for draw in (
        lambda: plot.tree(city, "cm-jinan"),
        lambda: plot.coverage(city),
        lambda: plot.sweep({1: 0}),
    ):
        with pytest.raises(ImportError, match=r'pip install "neighborparty\[plot\]"'):
            draw()


@pytest.mark.usefixtures("without_matplotlib")
def test_the_module_imports_without_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "neighborparty.plot")
    monkeypatch.delattr(neighborparty, "plot")
    module = importlib.import_module("neighborparty.plot")
    assert module.__all__ == ["coverage", "sweep", "tree"]
