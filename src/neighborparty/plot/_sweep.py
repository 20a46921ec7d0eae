"""A sweep's curve: how many subjects fail for each value of a parameter."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from neighborparty.plot._figure import new_axes
from neighborparty.rules import DEFAULT_POLICY, Policy, TippingPoint

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def sweep(
    result: Mapping[float, int],
    *,
    tipping: Iterable[TippingPoint] | None = None,
    parameter: str | None = None,
    policy: Policy = DEFAULT_POLICY,
    ax: Axes | None = None,
) -> Axes:
    """A sweep's curve: how many subjects fail for each value of a parameter.

    ``result`` is what :func:`neighborparty.rules.sweep` returns. The tipping points, when
    given, are marked by a dashed vertical line at each distinct threshold value within the
    swept range (thresholds that never or always fail have none). With ``parameter``, the axis
    is named after it and the parameter's latest value in ``policy`` is marked by a solid line,
    if it lies within the range.

    Args:
        result: Failing subjects by parameter value.
        tipping: The tipping points, as :func:`neighborparty.rules.tipping_points` returns them.
        parameter: The parameter's name.
        policy: The policy whose value of ``parameter`` is marked.
        ax: The axes to draw on; a new figure when ``None``.

    Returns:
        The axes drawn on.

    Raises:
        UnknownParameterError: ``policy`` has no parameter ``parameter``.
        ImportError: matplotlib is not installed.

    Examples:
        >>> from neighborparty import examples, rules
        >>> city = examples.seed_city()
        >>> name = "branch.min_full_members"
        >>> result = rules.sweep(city, name, range(1, 7))
        >>> ax = sweep(result, tipping=rules.tipping_points(city, name), parameter=name)
        >>> ax.lines[0].get_xydata().tolist()
        [[1.0, 0.0], [2.0, 1.0], [3.0, 1.0], [4.0, 3.0], [5.0, 3.0], [6.0, 3.0]]
        >>> [line.get_xdata()[0] for line in ax.lines if line.get_gid() == "tipping"]
        [1.0, 3.0]
    """
    current = None if parameter is None else policy.value(parameter)
    ax = new_axes(ax, width=6.0, height=4.0)
    from matplotlib.ticker import MaxNLocator

    values = sorted(result)
    ax.plot(values, [result[v] for v in values], marker="o", label="failing subjects")
    low, high = (values[0], values[-1]) if values else (0.0, -1.0)
    thresholds = sorted(
        {
            float(p.threshold.at)
            for p in tipping or ()
            if p.threshold.op in (">=", ">", "<=", "<") and low <= p.threshold.at <= high
        }
    )
    for i, at in enumerate(thresholds):
        ax.axvline(
            at,
            linestyle="--",
            color="tab:red",
            alpha=0.6,
            gid="tipping",
            label="tipping point" if i == 0 else "_tipping point",
        )
    if current is not None and low <= current <= high:
        ax.axvline(
            float(current),
            color="tab:green",
            linewidth=3,
            alpha=0.4,
            gid="current",
            label="current value",
        )
    ax.set_xlabel(parameter or "parameter value")
    ax.set_ylabel("failing subjects")
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend()
    return ax
