"""A community's organisation tree, collapsed to what a notebook can show, expandable."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Literal

import attrs
import networkx as nx

from neighborparty.errors import InvalidArgumentError
from neighborparty.graph.appointments import held
from neighborparty.model import City, PartyOrganization
from neighborparty.plot._figure import (
    MAX_WIDTH,
    check_labels,
    new_axes,
    require_matplotlib,
    root_figure,
)
from neighborparty.plot._fonts import Namer, needs_cjk

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.text import Text

Expandable = Literal["groups", "places", "people"]

EXPANDABLE: tuple[Expandable, ...] = ("groups", "places", "people")
"""What :func:`tree` collapses by default and can expand: the party groups under each branch,
the buildings and lanes the groups cover, and the people holding posts."""

MAX_TREE_HEIGHT = 8.0
"""The tallest tree figure, in inches."""

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

_FONT_SIZES = (8.0, 7.0, 6.0)
"""The sizes labels are tried at, largest first, until the tree fits across its axes."""

_GAP = 2.0
"""Pixels (at 100 dpi) kept between two labels."""

_LINE = 8
"""The most Chinese characters on one line of a label."""

_ROOM = 0.15
"""Inches kept across between two labels when the tree is laid out."""

_LEGEND = 2.0
"""Inches across a new figure keeps for the legend and the margins."""

_OFFSET = 7.0
"""Points from a node's centre down to the top of its label."""


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _kind(org: PartyOrganization) -> str:
    return org.kind.value.replace("_", " ")


def _expansion(expand: bool | Expandable | Iterable[Expandable]) -> frozenset[str]:
    if expand is True:
        return frozenset(EXPANDABLE)
    if expand is False:
        return frozenset()
    asked = {expand} if isinstance(expand, str) else set(expand)
    unknown = sorted(asked - set(EXPANDABLE))
    if unknown:
        raise InvalidArgumentError(
            f"expand takes True, False or some of {', '.join(map(repr, EXPANDABLE))}, "
            f"not {', '.join(map(repr, unknown))}"
        )
    return frozenset(asked)


@attrs.define
class _Node:
    """One drawn node: an entity, or (collapsed) several groups or places of one kind."""

    kind: str
    layer: int
    parent: str | None
    heading: str
    groups: int = 0
    places: dict[str, set[str]] = attrs.Factory(lambda: defaultdict(set))
    members: set[str] = attrs.Factory(set)
    posts: int = 0
    compounds: int = 0


@attrs.define
class _Tree:
    """A community's tree as walked: the nodes in walking order, the edges with their relation
    (``under`` for the organisation, ``holds`` from a body to a person holding a post in it),
    and, for each entity drawn, the node standing for it."""

    nodes: dict[str, _Node] = attrs.Factory(dict)
    edges: dict[tuple[str, str], str] = attrs.Factory(dict)
    stands_for: dict[str, str] = attrs.Factory(dict)

    def add(self, key: str, node: _Node, *, relation: str = "under") -> _Node:
        """Adds the node if new, and the edge from its parent; the node under ``key``."""
        if node.parent is not None:
            self.edges[node.parent, key] = relation
        return self.nodes.setdefault(key, node)


def _walk(
    city: City, community: str, *, on: date | None, expand: frozenset[str], namer: Namer
) -> _Tree:
    tree = _Tree()

    def name(id: str) -> str:
        return namer(id, getattr(city.get(id), "name", None))

    def members(place: str) -> set[str]:
        return {p.id for p in city.residents(place, members_only=True)}

    def under(org: PartyOrganization, key: str, layer: int) -> None:
        for group in city.suborganizations(org.id):
            kind = _kind(group)
            if "groups" in expand:
                below = group.id
                node = tree.add(below, _Node(kind, layer + 1, key, name(group.id)))
            else:
                below = f"{key}/{kind}"
                node = tree.add(below, _Node(kind, layer + 1, key, ""))
            tree.stands_for.setdefault(group.id, below)
            node.groups += 1
            for place in group.covers:
                node.members |= members(place)
                kind_of_place = city.collection_of(place)[:-1]
                if "places" in expand:
                    tree.add(place, _Node(kind_of_place, layer + 2, below, name(place)))
                    tree.stands_for.setdefault(place, place)
                else:
                    node.places[kind_of_place].add(place)
                    tree.stands_for.setdefault(place, below)
            under(group, below, layer + 1)

    root = tree.add(community, _Node("community", 0, None, name(community)))
    tree.stands_for[community] = community
    for compound in city.compounds_in(community):
        root.compounds += 1
        node = tree.add(compound.id, _Node("compound", 1, community, name(compound.id)))
        node.members = members(compound.id)
        tree.stands_for[compound.id] = compound.id
        for branch in city.branches_covering(compound.id):
            if branch.id in tree.nodes:
                tree.edges[compound.id, branch.id] = "under"
                continue
            node = tree.add(branch.id, _Node(_kind(branch), 2, compound.id, name(branch.id)))
            node.members = {p.id for p in city.members_of(branch.id)}
            tree.stands_for[branch.id] = branch.id
            under(branch, branch.id, 2)
    bottom = max(node.layer for node in tree.nodes.values()) + 1
    for body, key in list(tree.stands_for.items()):
        for post in city.appointments_in(body):
            if not held(post, on):
                continue
            if "people" in expand:
                tree.add(post.person, _Node("person", bottom, key, post.person), relation="holds")
            else:
                tree.nodes[key].posts += 1
    return tree


def _wrap(heading: str) -> list[str]:
    """A heading in lines: a Chinese name of more than :data:`_LINE` characters broken after
    every so many (Chinese breaks between any two characters); other headings kept whole."""
    if not needs_cjk(heading) or len(heading) <= _LINE:
        return [heading]
    lines = -(-len(heading) // _LINE)
    per_line = -(-len(heading) // lines)
    return [heading[i : i + per_line] for i in range(0, len(heading), per_line)]


def _text(node: _Node, *, posts: bool) -> str:
    """A node's label: its heading, then what it stands for and counts, a line each."""
    lines = _wrap(node.heading or _plural(node.groups, node.kind))
    if node.kind == "community":
        lines.append(_plural(node.compounds, "compound"))
    lines.extend(_plural(len(places), kind) for kind, places in node.places.items())
    if node.kind == "compound" or node.kind.endswith("branch") or node.groups:
        lines.append(_plural(len(node.members), "member"))
    if posts and node.posts:
        lines.append(_plural(node.posts, "post"))
    return "\n".join(lines)


def _children(tree: _Tree) -> dict[str, list[str]]:
    children: dict[str, list[str]] = {key: [] for key in tree.nodes}
    for key, node in tree.nodes.items():
        if node.parent is not None:
            children[node.parent].append(key)
    return children


def _tidy_layout(tree: _Tree, widths: dict[str, float]) -> tuple[dict[str, float], float]:
    """Where each node stands across, in the units of ``widths``, and the width of the whole.

    Each subtree is as wide as its widest row: its node's label, or its children side by side;
    a node stands at the middle of its subtree, above its children.
    """
    children = _children(tree)
    span: dict[str, float] = {}

    def measure(key: str) -> float:
        span[key] = max(widths[key], sum(measure(child) for child in children[key]))
        return span[key]

    x: dict[str, float] = {}

    def place(key: str, left: float) -> None:
        x[key] = left + span[key] / 2
        start = left + (span[key] - sum(span[child] for child in children[key])) / 2
        for child in children[key]:
            place(child, start)
            start += span[child]

    whole = 0.0
    for root in (key for key, node in tree.nodes.items() if node.parent is None):
        measure(root)
        place(root, whole)
        whole += span[root]
    return x, whole


Box = tuple[float, float, float, float]
"""A label's extent in pixels: left, bottom, right, top."""


def _overlap(a: Box, b: Box, gap: float) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def _extent(artist: Artist) -> Box:
    x0, y0, x1, y1 = artist.get_window_extent().extents
    return (float(x0), float(y0), float(x1), float(y1))


@attrs.define
class _Labels:
    """The labels of a tree's nodes, each hanging below its node, and their room across.

    Each label is measured once, at the largest font size, unturned; the room it needs at a
    smaller size, or turned upright, follows from that.
    """

    ax: Axes
    texts: dict[str, Text]
    layers: dict[str, int]
    shapes: dict[str, tuple[float, float]] = attrs.Factory(dict)
    size: float = _FONT_SIZES[0]
    turned: set[str] = attrs.Factory(set)

    @property
    def gap(self) -> float:
        """Pixels kept between two labels."""
        return _GAP * self.ax.figure.dpi / 100

    def measure(self) -> None:
        """Measures each label, in inches, at the largest size and unturned."""
        dpi = self.ax.figure.dpi
        for key, text in self.texts.items():
            text.set_fontsize(_FONT_SIZES[0])
            extent = text.get_window_extent()
            self.shapes[key] = (extent.width / dpi, extent.height / dpi)

    def widths(self) -> dict[str, float]:
        """The room across each label needs, in inches, at the current size and turns."""
        scale = self.size / _FONT_SIZES[0]
        return {
            key: _ROOM + scale * (height if key in self.turned else width)
            for key, (width, height) in self.shapes.items()
        }

    def fit(self, tree: _Tree, room: float) -> tuple[dict[str, float], float]:
        """Chooses the largest size, if need be with the layers of one-line labels turned, at
        which the tree is at most ``room`` inches wide; its layout at that size."""
        one_line = {
            layer
            for layer in set(self.layers.values())
            if all(
                "\n" not in self.texts[key].get_text()
                for key, at in self.layers.items()
                if at == layer
            )
        }
        for turned in (set(), {key for key, at in self.layers.items() if at in one_line}):
            self.turned = turned
            for size in _FONT_SIZES:
                self.size = size
                x, whole = _tidy_layout(tree, self.widths())
                if whole <= room:
                    return x, whole
        return x, whole

    def fit_limits(self) -> None:
        """Widens the axes' limits until every label lies within the axes."""
        frame = self.ax.get_window_extent()
        for _ in range(6):
            boxes = [_extent(text) for text in self.texts.values()]
            left = frame.x0 - min(b[0] for b in boxes)
            right = max(b[2] for b in boxes) - frame.x1
            below = frame.y0 - min(b[1] for b in boxes)
            if max(left, right, below) <= 0:
                return
            (x0, x1), (y0, y1) = self.ax.get_xlim(), self.ax.get_ylim()
            per_x, per_y = (x1 - x0) / frame.width, (y1 - y0) / frame.height
            margin = 2 * self.gap
            self.ax.set_xlim(
                x0 - max(left + margin, 0) * per_x, x1 + max(right + margin, 0) * per_x
            )
            self.ax.set_ylim(y0 - max(below + margin, 0) * per_y, y1)

    def draw(self) -> None:
        """Gives every label the size and turn chosen."""
        for key, text in self.texts.items():
            text.set_fontsize(self.size)
            text.set_rotation(90 if key in self.turned else 0)
            text.set_visible(True)

    def hide_crowded(self) -> int:
        """Hides, greedily from the top layer down and left to right, each label that overlaps
        one kept or the title or legend; how many were hidden."""
        root_figure(self.ax).draw_without_rendering()  # lays it out: where the axes stand
        self.fit_limits()
        obstacles = [_extent(self.ax.title)]
        legend = self.ax.get_legend()
        if legend is not None:
            obstacles.append(_extent(legend))
        drawn = {key: _extent(text) for key, text in self.texts.items()}
        kept: list[Box] = []
        hidden = 0
        for key in sorted(self.texts, key=lambda k: (self.layers[k], drawn[k][0])):
            if any(_overlap(drawn[key], other, self.gap) for other in [*obstacles, *kept]):
                self.texts[key].set_visible(False)
                hidden += 1
            else:
                kept.append(drawn[key])
        return hidden


def tree(
    city: City,
    community: str,
    *,
    on: date | None = None,
    expand: bool | Expandable | Iterable[Expandable] = False,
    labels: Literal["id", "name"] = "id",
    ax: Axes | None = None,
) -> Axes:
    """A community's organisation tree, top down, each node labelled and coloured by kind.

    The layers: the community; its compounds; the branches covering them (a joint branch under
    each compound it covers, drawn once); their party groups; the buildings and lanes the groups
    cover; and the people holding a post in any of these. By default the groups of one kind
    under a branch are one node ("3 building groups"), the buildings and lanes are counted on
    their group's node, and the posts on the node of the body they are held in, so that a
    community of any size reads at notebook size. ``expand`` draws some or all of them one by
    one: people by id only, joined to their bodies by dotted lines.

    Each label counts, below its heading, what its node stands for: a community's compounds; a
    compound's party members living there; a branch's members (registered or managed there); a
    group's buildings or lanes and the members living in them; and the posts held. The figure is
    at most 12 × 8 inches; labels shrink, turn, and where still crowded are left out (the title
    says how many), so that no two overlap.

    Args:
        city: The city.
        community: The id of the community.
        on: The day whose posts are shown; when ``None``, the posts still open.
        expand: What to draw one by one: ``True`` for everything, or some of ``"groups"``,
            ``"places"`` and ``"people"``.
        labels: ``"id"`` (the default: short, and what the check reports name) or ``"name"``.
            Names need a font with Chinese glyphs, found among the installed fonts; without
            one, a :class:`MissingCJKFontWarning` says what to install, and ids are shown.
        ax: The axes to draw on; a new figure when ``None``.

    Returns:
        The axes drawn on.

    Raises:
        UnknownIdError: The city has no entity ``community`` (a ``KeyError``).
        InvalidArgumentError: ``community`` is not a community, or ``expand`` or ``labels``
            asks for something unknown.
        ImportError: matplotlib is not installed.

    Examples:
        >>> from neighborparty import examples
        >>> ax = tree(examples.seed_city(), "cm-jinan")
        >>> for label in ax.texts:
        ...     print(label.get_text().replace("\\n", " | "))
        cm-jinan | 3 compounds
        c-jinan | 5 members
        br-jinan | 4 members | 1 post
        1 building group | 2 buildings | 5 members | 3 posts
        c-east | 1 member | 1 post
        br-joint | 3 members | 1 post
        c-west | 2 members | 1 post
        >>> [t.get_text() for t in ax.get_legend().get_texts()]
        ['community', 'compound', 'compound branch', 'building group']
        >>> ax = tree(examples.seed_city(), "cm-jinan", expand=True)
        >>> len(ax.texts), ax.get_legend().get_texts()[-1].get_text()
        (14, 'person')
    """
    kind = city.collection_of(community)
    if kind != "communities":
        raise InvalidArgumentError(f"{community!r} is not a community but one of the city's {kind}")
    expansion = _expansion(expand)
    namer = Namer(check_labels(labels))
    require_matplotlib()
    walked = _walk(city, community, on=on, expand=expansion, namer=namer)
    title = f"{namer(community, getattr(city.get(community), 'name', None))}: organisation tree"
    depth = 1 + max(node.layer for node in walked.nodes.values())
    height = min(MAX_TREE_HEIGHT, max(4.0, 1.0 + 1.4 * depth))
    made = ax is None
    ax = new_axes(ax, width=MAX_WIDTH, height=height)
    from matplotlib.transforms import ScaledTranslation

    below = ax.transData + ScaledTranslation(0, -_OFFSET / 72, ax.figure.dpi_scale_trans)
    posts = "people" not in expansion
    texts = {
        key: ax.text(
            0,
            -node.layer,
            _text(node, posts=posts),
            transform=below,
            ha="center",
            va="top",
            linespacing=1.1,
            bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7},
            in_layout=False,
            gid=key,
        )
        for key, node in walked.nodes.items()
    }
    namer.style(texts.values())
    placed = _Labels(ax, texts, {key: node.layer for key, node in walked.nodes.items()})
    placed.measure()
    room = MAX_WIDTH - _LEGEND if made else ax.get_window_extent().width / ax.figure.dpi
    across, whole = placed.fit(walked, room)
    if made:
        root_figure(ax).set_size_inches(min(MAX_WIDTH, max(6.0, whole + _LEGEND)), height)
    positions = {key: (across[key], -float(node.layer)) for key, node in walked.nodes.items()}
    for key, text in texts.items():
        text.set_position(positions[key])
    drawn: nx.DiGraph[str] = nx.DiGraph(list(walked.edges))
    drawn.add_nodes_from(walked.nodes)
    for relation, style in (("under", "solid"), ("holds", "dotted")):
        nx.draw_networkx_edges(
            drawn,
            positions,
            edgelist=[edge for edge, r in walked.edges.items() if r == relation],
            style=style,
            edge_color="0.6",
            arrows=False,
            ax=ax,
        )
    for name in dict.fromkeys(node.kind for node in walked.nodes.values()):
        nx.draw_networkx_nodes(
            drawn,
            positions,
            nodelist=[key for key, node in walked.nodes.items() if node.kind == name],
            node_color=_COLOURS.get(name, "black"),
            node_size=100,
            label=name,
            ax=ax,
        )
    ax.set_title(title)
    namer.style([ax.title])
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, markerscale=0.7)
    ax.set_xlim(0, whole)
    ax.set_ylim(1 - depth - 0.3, 0.3)
    ax.set_axis_off()
    placed.draw()
    hidden = placed.hide_crowded()
    if hidden:  # a line more in the title: the axes shrink, and the labels are placed anew
        ax.set_title(f"{title}\n(labels of {hidden} of {len(texts)} nodes left out: crowded)")
        placed.draw()
        hidden = placed.hide_crowded()
        ax.set_title(f"{title}\n(labels of {hidden} of {len(texts)} nodes left out: crowded)")
    namer.warn()
    return ax
