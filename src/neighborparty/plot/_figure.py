"""The figure a plot draws on, and what every plot's labels share: the choice of names or ids."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from neighborparty.errors import InvalidArgumentError

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

Labels = Literal["name", "id"]
"""How a plot labels places and organisations: by their (Chinese) names or by their ids."""

MAX_WIDTH = 12.0
"""The widest figure a plot makes, in inches: what a notebook shows without scrolling."""

MAX_HEIGHT = 10.0
"""The tallest figure a plot makes, in inches."""

_MISSING = (
    'neighborparty.plot needs matplotlib, which is not installed: pip install "neighborparty[plot]"'
)


def require_matplotlib() -> None:
    """Imports matplotlib, or raises an ``ImportError`` naming the extra to install."""
    try:
        import matplotlib.pyplot  # noqa: F401
    except ImportError as err:
        raise ImportError(_MISSING) from err


def new_axes(ax: Axes | None, *, width: float, height: float) -> Axes:
    """The axes to draw on: ``ax``, or those of a new figure of the size given, bounded by
    :data:`MAX_WIDTH` and :data:`MAX_HEIGHT`."""
    require_matplotlib()
    import matplotlib.pyplot as plt

    if ax is not None:
        return ax
    size = (min(width, MAX_WIDTH), min(height, MAX_HEIGHT))
    _, new = plt.subplots(figsize=size, layout="constrained")
    return new


def root_figure(ax: Axes) -> Figure:
    """The figure that ``ax`` is drawn in, the outermost where it stands in a subfigure."""
    return ax.figure.figure


def check_labels(labels: str) -> Labels:
    """``labels`` itself, once checked to be ``"name"`` or ``"id"``."""
    if labels == "name":
        return "name"
    if labels == "id":
        return "id"
    raise InvalidArgumentError(f"labels must be 'name' or 'id', not {labels!r}")
