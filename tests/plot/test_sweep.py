"""A sweep's curve: failing subjects by parameter value, tipping points, the current value."""

from datetime import date
from itertools import combinations

import matplotlib.pyplot as plt
import pytest

from neighborparty import City, plot
from neighborparty.rules import DEFAULT_POLICY, Threshold, TippingPoint, sweep, tipping_points
from neighborparty.rules.parameters import UnknownParameterError

PARAMETER = "branch.min_full_members"


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


def test_sweep_marks_each_distinct_tipping_value_within_the_range(town: City) -> None:
    points = tipping_points(town, PARAMETER)
    result = sweep(town, PARAMETER, range(2, 6))
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


def test_sweep_is_notebook_sized_and_its_ticks_apart_over_a_long_range(town: City) -> None:
    name = "formation.standalone_min_households"
    result = {float(v): n for v, n in sweep(town, name, range(0, 1001, 25)).items()}
    ax = plot.sweep(result, tipping=tipping_points(town, name), parameter=name)
    figure = ax.figure
    assert list(figure.get_size_inches()) == [6, 4]
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    for axis in (ax.get_xticklabels(), ax.get_yticklabels()):
        boxes = [t.get_window_extent(renderer) for t in axis if t.get_text()]
        assert boxes
        assert not [(a, b) for a, b in combinations(boxes, 2) if a.overlaps(b)]
    assert min(t.get_fontsize() for t in [*ax.get_xticklabels(), ax.xaxis.label]) >= 8


def test_sweep_renders_without_warnings(city: City) -> None:
    ax = plot.sweep(
        sweep(city, PARAMETER, range(6)),
        tipping=tipping_points(city, PARAMETER),
        parameter=PARAMETER,
    )
    ax.figure.canvas.draw()
