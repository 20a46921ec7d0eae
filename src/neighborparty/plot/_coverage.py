"""Organisation and work coverage per place, as horizontal bars: every place, or both ends."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from neighborparty import graph
from neighborparty.errors import InvalidArgumentError
from neighborparty.graph.coverage import Coverage, Level
from neighborparty.model import City
from neighborparty.plot._figure import MAX_HEIGHT, check_labels, new_axes, require_matplotlib
from neighborparty.plot._fonts import Namer

if TYPE_CHECKING:
    from matplotlib.axes import Axes

MAX_ROWS = 30
"""The most places :func:`coverage` shows unless asked for more: beyond, the highest and the
lowest half of this each."""

_ROW = 0.3
"""Inches per place."""


def _count(value: int | None, name: str) -> int | None:
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
        raise InvalidArgumentError(f"{name} must be a count of places (0 or more), not {value!r}")
    return value


def _shown(
    rates: dict[str, Coverage], top: int | None, bottom: int | None
) -> tuple[list[str], list[str], str]:
    """The places shown first and last (ranked when not all are shown), and what is shown."""
    if top is None and bottom is None:
        if len(rates) <= MAX_ROWS:
            return list(rates), [], ""
        top = bottom = MAX_ROWS // 2
    top, bottom = top or 0, bottom or 0
    ranked = sorted(rates, key=lambda p: (-rates[p].organization_rate, -rates[p].work_rate))
    if top + bottom >= len(ranked):
        return ranked, [], ""
    first, last = ranked[:top], ranked[len(ranked) - bottom :]
    ends = []
    if top:
        ends.append(f"the {top} highest")
    if bottom:
        ends.append(f"the {bottom} lowest")
    return (
        first,
        last,
        f"{top + bottom} of {len(ranked)} shown: {' and '.join(ends)} by organisation coverage",
    )


def coverage(
    city: City,
    *,
    by: Level = "district",
    top: int | None = None,
    bottom: int | None = None,
    labels: Literal["name", "id"] = "name",
    ax: Axes | None = None,
) -> Axes:
    """Organisation and work coverage per place, as horizontal bars in percent.

    Two bars per place: the share of its compounds that a compound branch covers (组织覆盖)
    and the share that party work reaches (工作覆盖), as :func:`neighborparty.graph.coverage`
    counts them; a place without compounds is left out. Up to 30 places are shown in the
    order of that function, first at the top. Of more, the 15 with the highest organisation
    coverage and the 15 with the lowest are shown, ranked, the title saying how many of how
    many; ``top`` and ``bottom`` choose how many of each end (``bottom=30`` for the 30 least
    covered). The figure is at most 10 inches tall, however many places there are.

    Args:
        city: The city.
        by: The level of the places: ``"community"``, ``"subdistrict"``, ``"district"`` or
            ``"city"``.
        top: How many of the places with the highest organisation coverage to show.
        bottom: How many of the places with the lowest organisation coverage to show.
        labels: ``"name"`` (the default) or ``"id"``. Names need a font with Chinese glyphs,
            found among the installed fonts; without one, a :class:`MissingCJKFontWarning` says
            what to install, and ids are shown.
        ax: The axes to draw on; a new figure when ``None``.

    Returns:
        The axes drawn on.

    Raises:
        InvalidArgumentError: ``by`` is not one of the four levels, ``top`` or ``bottom`` is not
            a count, or ``labels`` neither ``"name"`` nor ``"id"``.
        ImportError: matplotlib is not installed.

    Examples:
        >>> from neighborparty import synth
        >>> city = synth.city(seed=1, scale=0.01)
        >>> ax = coverage(city, by="district", labels="id")
        >>> [label.get_text() for label in ax.get_yticklabels()]
        ['d-1', 'd-2', 'd-3', 'd-4']
        >>> organisation, work = ax.containers
        >>> [round(float(bar.get_width()), 1) for bar in organisation]
        [100.0, 87.5, 100.0, 87.5]
        >>> ax = coverage(city, by="community", bottom=2, labels="id")
        >>> print(ax.get_title())
        Coverage by community
        2 of 4 shown: the 2 lowest by organisation coverage
        >>> [label.get_text() for label in ax.get_yticklabels()]
        ['… 2 more', 'cm-2.1', 'cm-4.1']
    """
    namer = Namer(check_labels(labels))
    rates = graph.coverage(city, by=by)
    require_matplotlib()
    first, last, shown = _shown(rates, _count(top, "top"), _count(bottom, "bottom"))
    places = [*first, *last]
    rows = [float(i) for i in range(len(first))] + [len(first) + 1.0 + i for i in range(len(last))]
    height = len(rows) + (1 if last else 0)
    ax = new_axes(ax, width=8.0, height=min(MAX_HEIGHT, max(3.0, 1.6 + _ROW * height)))
    thickness = 0.4
    ax.barh(
        [row - thickness / 2 for row in rows],
        [100 * rates[p].organization_rate for p in places],
        thickness,
        label="organisation coverage",
    )
    ax.barh(
        [row + thickness / 2 for row in rows],
        [100 * rates[p].work_rate for p in places],
        thickness,
        label="work coverage",
    )
    names = [
        namer(place, city.name if by == "city" else getattr(city.get(place), "name", None))
        for place in places
    ]
    ticks, tick_labels = list(rows), names
    if last:
        gap = float(len(first))
        at = len(first)
        ticks = [*rows[:at], gap, *rows[at:]]
        tick_labels = [*names[:at], f"… {len(rates) - len(places)} more", *names[at:]]
        ax.axhline(gap, color="0.7", linewidth=0.8, linestyle=(0, (4, 4)))
    ax.set_yticks(ticks, tick_labels)
    row_points = 72 * ax.get_window_extent().height / ax.figure.dpi / max(height, 1)
    fontsize = min(9.0, max(4.0, 0.7 * row_points))
    ax.tick_params(axis="y", labelsize=fontsize, length=0)
    namer.style(ax.get_yticklabels())
    ax.set_ylim(height - 0.4, -0.6)
    ax.set_xlim(0, 100)
    ax.xaxis.set_major_formatter("{x:.0f} %")
    ax.grid(axis="x", color="0.9")
    ax.set_axisbelow(True)
    ax.set_xlabel("compounds covered")
    level = "sub-district" if by == "subdistrict" else by
    ax.set_title(f"Coverage by {level}\n{shown}" if shown else f"Coverage by {level}")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    namer.warn()
    return ax
