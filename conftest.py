"""Test configuration for the whole repository: tests, doctests in src/, docs and README.

Plots are drawn off screen (the Agg backend, unless ``MPLBACKEND`` says otherwise), and the
figures a test or doctest made are closed after it, before matplotlib warns of too many.
"""

import os
import sys
from collections.abc import Iterator

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close("all")
