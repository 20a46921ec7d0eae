"""What every plot does alike: draw on the axes given or a figure of their own, and ask for
matplotlib only when drawing."""

import importlib
import sys

import matplotlib.pyplot as plt
import pytest

import neighborparty
from neighborparty import City, examples, plot
from neighborparty.rules import sweep


def draw_all(city: City, ax: plt.Axes | None = None) -> list[plt.Axes]:
    return [
        plot.tree(city, "cm-jinan", ax=ax),
        plot.coverage(city, labels="id", ax=ax),
        plot.sweep(sweep(city, "branch.min_full_members", [1, 2]), ax=ax),
    ]


def test_each_plot_draws_on_the_axes_given(city: City) -> None:
    _, ax = plt.subplots()
    before = plt.get_fignums()
    assert draw_all(city, ax) == [ax, ax, ax]
    assert plt.get_fignums() == before


def test_each_plot_makes_a_figure_of_its_own_without_axes(city: City) -> None:
    axes = draw_all(city)
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
        lambda: plot.tree(city, "cm-jinan", labels="name"),
        lambda: plot.coverage(city),
        lambda: plot.sweep({1: 0}),
    ):
        with pytest.raises(ImportError, match=r'pip install "neighborparty\[plot\]"'):
            draw()


@pytest.mark.usefixtures("without_matplotlib")
def test_the_module_imports_without_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [m for m in sys.modules if m.startswith("neighborparty.plot")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.delattr(neighborparty, "plot")
    module = importlib.import_module("neighborparty.plot")
    assert module.__all__ == ["MissingCJKFontWarning", "coverage", "sweep", "tree"]
