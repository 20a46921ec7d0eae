"""Plots for notebooks: a community's organisation tree, coverage by place, a sweep's curve.

Each function draws on the matplotlib ``ax`` it is given, or on a new figure when ``ax`` is
``None``, and returns the axes. matplotlib is an optional dependency, imported only when a
function is called: install it with ``pip install "neighborparty[plot]"``.

People appear by id only, never by name: party membership is sensitive. Places in the coverage
chart are labelled by their (Chinese) names; to render them, give matplotlib a font with CJK
glyphs, e.g. ``matplotlib.rcParams["font.sans-serif"].insert(0, "Noto Sans CJK SC")``.

Examples:
    >>> from neighborparty import examples, plot
    >>> ax = plot.tree(examples.seed_city(), "cm-old")
    >>> sorted(t.get_text() for t in ax.texts)
    ['br-grid-old', 'c-old', 'cm-old', 'grp-datong', 'ln-datong', 'p-xu']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

import attrs
import networkx as nx

from neighborparty import graph
from neighborparty.errors import InvalidArgumentError
from neighborparty.graph.coverage import Level
from neighborparty.model import City, PartyOrganization
from neighborparty.rules import DEFAULT_POLICY, Policy, TippingPoint

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["coverage", "sweep", "tree"]

_MISSING = (
    'neighborparty.plot needs matplotlib, which is not installed: pip install "neighborparty[plot]"'
)

_COLOURS: dict[str, str] = {
    "community": "tab:red",
    "compound": "tab:blue",
    "compound branch": "tab:orange",
    "courtyard branch": "tab:brown",
    "grid branch": "tab:olive",
    "building group": "tab:green",
    "lane group": "tab:cyan",
    "building": "tab:purple",
    "lane": "tab:pink",
    "person": "tab:gray",
}
"""Node colours of the tree by kind; other kinds are drawn black."""


def _axes(ax: Axes | None, *, figsize: tuple[float, float]) -> Axes:
    """The axes to draw on: ``ax``, or those of a new figure; matplotlib is imported here."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as err:
        raise ImportError(_MISSING) from err
    if ax is not None:
        return ax
    _, new = plt.subplots(figsize=figsize, layout="constrained")
    return new


def _kind(org: PartyOrganization) -> str:
    return org.kind.value.replace("_", " ")


@attrs.define
class _Tree:
    """A community's tree as walked: nodes in walking order with their kind and layer, the
    parent each was first reached from, and every edge with its relation (``under`` for the
    organisation, ``holds`` from a body to a person holding a post in it)."""

    kinds: dict[str, str] = attrs.Factory(dict)
    layers: dict[str, int] = attrs.Factory(dict)
    parents: dict[str, str] = attrs.Factory(dict)
    edges: dict[tuple[str, str], str] = attrs.Factory(dict)

    def add(self, node: str, kind: str, layer: int, *, parent: str, relation: str) -> bool:
        """Adds the edge from ``parent``, and the node if new; whether it was new."""
        self.edges[parent, node] = relation
        if node in self.kinds:
            return False
        self.kinds[node] = kind
        self.layers[node] = layer
        self.parents[node] = parent
        return True


def _organization_tree(city: City, community: str, on: date | None) -> _Tree:
    tree = _Tree(kinds={community: "community"}, layers={community: 0})

    def under(org: PartyOrganization, layer: int) -> None:
        for group in city.suborganizations(org.id):
            if tree.add(group.id, _kind(group), layer + 1, parent=org.id, relation="under"):
                for place in group.covers:
                    kind = city.collection_of(place)[:-1]
                    tree.add(place, kind, layer + 2, parent=group.id, relation="under")
                under(group, layer + 1)

    for compound in city.compounds_in(community):
        tree.add(compound.id, "compound", 1, parent=community, relation="under")
        for branch in city.branches_covering(compound.id):
            if tree.add(branch.id, _kind(branch), 2, parent=compound.id, relation="under"):
                under(branch, 2)
    bottom = max(tree.layers.values()) + 1
    for body in list(tree.kinds):
        for post in city.appointments_in(body, on=on):
            if on is not None or post.end is None:
                tree.add(post.person, "person", bottom, parent=body, relation="holds")
    return tree


def _tidy_layout(tree: _Tree) -> dict[str, tuple[float, float]]:
    """Top-down positions: leaves of the walk one unit apart, a parent above its children."""
    children: dict[str, list[str]] = {node: [] for node in tree.kinds}
    for node, parent in tree.parents.items():
        children[parent].append(node)
    x: dict[str, float] = {}
    next_leaf = 0.0

    def place(node: str) -> None:
        nonlocal next_leaf
        for child in children[node]:
            place(child)
        if children[node]:
            x[node] = sum(x[c] for c in children[node]) / len(children[node])
        else:
            x[node] = next_leaf
            next_leaf += 1

    for root in (n for n in tree.kinds if n not in tree.parents):
        place(root)
    return {node: (x[node], -float(layer)) for node, layer in tree.layers.items()}


def tree(city: City, community: str, *, on: date | None = None, ax: Axes | None = None) -> Axes:
    """A community's organisation tree, top down, nodes labelled by id and coloured by kind.

    The layers: the community; its compounds; the branches covering them (a joint branch under
    each compound it covers, drawn once); their groups; the buildings and lanes the groups
    cover; and, at the bottom, the people holding a post in any of these (by id only), joined
    to their bodies by dotted lines. A legend names the kinds.

    Args:
        city: The city.
        community: The id of the community.
        on: The day whose posts are shown; when ``None``, the posts still open.
        ax: The axes to draw on; a new figure when ``None``.

    Returns:
        The axes drawn on.

    Raises:
        UnknownIdError: The city has no entity ``community`` (a ``KeyError``).
        InvalidArgumentError: ``community`` is not a community.
        ImportError: matplotlib is not installed.

    Examples:
        >>> from neighborparty import examples
        >>> ax = tree(examples.seed_city(), "cm-jinan")
        >>> sorted(t.get_text() for t in ax.texts)  # doctest: +NORMALIZE_WHITESPACE
        ['b-jinan-1', 'b-jinan-2', 'br-jinan', 'br-joint', 'c-east', 'c-jinan', 'c-west',
         'cm-jinan', 'grp-jinan-1', 'p-chen', 'p-lin', 'p-liu', 'p-wang', 'p-ye']
        >>> [t.get_text() for t in ax.get_legend().get_texts()]
        ['community', 'compound', 'compound branch', 'building group', 'building', 'person']
    """
    kind = city.collection_of(community)
    if kind != "communities":
        raise InvalidArgumentError(f"{community!r} is not a community but one of the city's {kind}")
    organization = _organization_tree(city, community, on)
    positions = _tidy_layout(organization)
    width = 1 + max(x for x, _ in positions.values())
    depth = 1 - min(y for _, y in positions.values())
    ax = _axes(ax, figsize=(min(max(6.0, 0.5 * width), 40.0), 1.0 + 1.2 * depth))
    drawn: nx.DiGraph[str] = nx.DiGraph(list(organization.edges))
    drawn.add_nodes_from(organization.kinds)
    for relation, style in (("under", "solid"), ("holds", "dotted")):
        nx.draw_networkx_edges(
            drawn,
            positions,
            edgelist=[edge for edge, r in organization.edges.items() if r == relation],
            style=style,
            edge_color="0.5",
            arrows=False,
            ax=ax,
        )
    for name in dict.fromkeys(organization.kinds.values()):
        nx.draw_networkx_nodes(
            drawn,
            positions,
            nodelist=[n for n, k in organization.kinds.items() if k == name],
            node_color=_COLOURS.get(name, "black"),
            node_size=120,
            label=name,
            ax=ax,
        )
    inches_per_unit = ax.get_window_extent().width / ax.figure.dpi / width
    rotation = 90 if inches_per_unit < 0.6 else 0  # crowded: ids run down from their nodes
    for node, (x, y) in positions.items():
        ax.text(x, y - 0.15, node, fontsize=8, rotation=rotation, ha="center", va="top")
    ax.set_title(f"{community}: organisation tree")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, markerscale=0.7)
    ax.margins(0.08)
    ax.set_axis_off()
    return ax


def coverage(city: City, *, by: Level = "district", ax: Axes | None = None) -> Axes:
    """Organisation and work coverage per place, as a grouped bar chart in percent.

    Two bars per place, in the order of :func:`neighborparty.graph.coverage`: the share of its
    compounds that a compound branch covers (组织覆盖) and the share that party work reaches
    (工作覆盖). Places are labelled by name; a place without compounds is left out.

    Args:
        city: The city.
        by: The level of the places: ``"community"``, ``"subdistrict"``, ``"district"`` or
            ``"city"``.
        ax: The axes to draw on; a new figure when ``None``.

    Returns:
        The axes drawn on.

    Raises:
        InvalidArgumentError: ``by`` is not one of the four levels.
        ImportError: matplotlib is not installed.

    Examples:
        >>> from neighborparty import synth
        >>> ax = coverage(synth.city(seed=1, scale=0.01), by="district")
        >>> [round(float(bar.get_height()), 1) for bar in ax.containers[0]]  # organisation coverage
        [100.0, 83.3, 66.7, 100.0]
        >>> [label.get_text() for label in ax.get_xticklabels()]
        ['思明区', '湖里区', '集美区', '同安区']
    """
    rates = graph.coverage(city, by=by)
    names = [
        city.name if by == "city" else getattr(city.get(place), "name", place) for place in rates
    ]
    ax = _axes(ax, figsize=(max(6.0, 1.2 * len(rates)), 4.0))
    positions = range(len(rates))
    width = 0.4
    ax.bar(
        [i - width / 2 for i in positions],
        [100 * c.organization_rate for c in rates.values()],
        width,
        label="organisation coverage",
    )
    ax.bar(
        [i + width / 2 for i in positions],
        [100 * c.work_rate for c in rates.values()],
        width,
        label="work coverage",
    )
    ax.set_xticks(list(positions), names)
    ax.set_ylim(0, 100)
    ax.yaxis.set_major_formatter("{x:.0f} %")
    ax.set_ylabel("compounds covered")
    ax.set_title(f"Coverage by {'sub-district' if by == 'subdistrict' else by}")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncols=2, frameon=False)
    return ax


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
    ax = _axes(ax, figsize=(6.0, 4.0))
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
    ax.locator_params(axis="y", integer=True)
    ax.legend()
    return ax
