"""The organisation tree: collapsed by default, expandable, bounded, its labels apart."""

import re
import warnings
from collections.abc import Iterable
from datetime import date
from itertools import combinations

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest
from matplotlib.collections import LineCollection, PathCollection

from neighborparty import Appointment, City, Role, UnknownIdError, plot
from neighborparty.errors import InvalidArgumentError
from neighborparty.plot import MissingCJKFontWarning

JINAN_COLLAPSED = {
    "cm-jinan",
    "c-jinan",
    "c-east",
    "c-west",
    "br-jinan",
    "br-joint",
    "br-jinan/building group",
}
JINAN_PEOPLE = {"p-lin", "p-chen", "p-wang", "p-liu", "p-ye"}
JINAN_NODES = (JINAN_COLLAPSED - {"br-jinan/building group"}) | {
    "grp-jinan-1",
    "b-jinan-1",
    "b-jinan-2",
    *JINAN_PEOPLE,
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


def labels(ax: plt.Axes) -> dict[str, str]:
    """Each node's label, by the key of the node."""
    return {t.get_gid(): t.get_text() for t in ax.texts}


def positions(ax: plt.Axes) -> dict[str, tuple[float, float]]:
    """Each node's position, which its label hangs below."""
    return {t.get_gid(): tuple(round(float(c), 6) for c in t.get_position()) for t in ax.texts}


def node_kinds(ax: plt.Axes) -> dict[str, str]:
    """The kind of each drawn node, from the legend label of the collection holding it."""
    at = {xy: key for key, xy in positions(ax).items()}
    kinds = {}
    for collection in ax.collections:
        if isinstance(collection, PathCollection):
            for xy in collection.get_offsets():
                kinds[at[tuple(round(float(c), 6) for c in xy)]] = collection.get_label()
    return kinds


def edges(ax: plt.Axes) -> list[set[tuple[str, str]]]:
    """The edges of each line collection drawn, as pairs of node keys."""
    at = {xy: key for key, xy in positions(ax).items()}

    def key(point: Iterable[float]) -> str:
        return at[tuple(round(float(c), 6) for c in point)]

    return [
        {(key(u), key(v)) for u, v in c.get_segments()}
        for c in ax.collections
        if isinstance(c, LineCollection)
    ]


def count(label: str, noun: str) -> int:
    """The count of ``noun`` on a label, 0 when it has none."""
    found = re.search(rf"^(\d+) {noun}s?$", label, re.MULTILINE)
    return int(found.group(1)) if found else 0


def overlapping_labels(ax: plt.Axes) -> list[tuple[str, str]]:
    """The pairs of shown labels whose boxes overlap once drawn by the Agg renderer, and those
    lying outside the figure (paired with "figure")."""
    figure = ax.figure
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    boxes = {t.get_gid(): t.get_window_extent(renderer) for t in ax.texts if t.get_visible()}
    found = [(a, b) for (a, p), (b, q) in combinations(boxes.items(), 2) if p.overlaps(q)]
    whole = figure.bbox
    found += [
        (key, "figure")
        for key, box in boxes.items()
        if box.x0 < whole.x0 or box.x1 > whole.x1 or box.y0 < whole.y0 or box.y1 > whole.y1
    ]
    return found


# --------------------------------------------------------------------------- collapsed


def test_the_tree_collapses_groups_places_and_people_by_default(city: City) -> None:
    ax = plot.tree(city, "cm-jinan")
    assert set(labels(ax)) == JINAN_COLLAPSED
    assert labels(ax)["br-jinan/building group"].split("\n") == [
        "1 building group",
        "2 buildings",
        "5 members",
        "3 posts",
    ]
    offsets = [len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection)]
    assert sum(offsets) == len(JINAN_COLLAPSED)
    assert edges(ax) == [
        {("cm-jinan", c) for c in ("c-jinan", "c-east", "c-west")}
        | {("c-jinan", "br-jinan"), ("c-east", "br-joint"), ("c-west", "br-joint")}
        | {("br-jinan", "br-jinan/building group")}
    ]


def test_the_collapsed_tree_has_a_node_per_compound_branch_and_kind_of_group(town: City) -> None:
    for community in [c.id for c in town.communities[:6]]:
        compounds = town.compounds_in(community)
        branches = {b.id for c in compounds for b in town.branches_covering(c.id)}
        groups = [g for b in branches for g in town.suborganizations(b)]
        assert not [g for g in groups if town.suborganizations(g.id)]  # no groups below groups
        kinds = {(g.parent, g.kind) for g in groups}
        ax = plot.tree(town, community)
        assert len(ax.texts) == 1 + len(compounds) + len(branches) + len(kinds)
        assert not [t for t in ax.texts if not t.get_visible()]  # nothing left out
        shown = labels(ax)
        for branch in branches:
            covered = [g for g in groups if g.parent == branch]
            for kind in {g.kind for g in covered}:
                label = shown[f"{branch}/{kind.value.replace('_', ' ')}"]
                same = [g for g in covered if g.kind is kind]
                assert label.startswith(f"{len(same)} {kind.value.replace('_', ' ')}")
                buildings = {p for g in same for p in g.covers if p.startswith("b-")}
                assert count(label, "building") == len(buildings)


def test_collapsing_keeps_every_post_counted(town: City) -> None:
    """The posts counted on the nodes add up the same however much is collapsed, and to the
    posts held in the bodies drawn."""
    community = "cm-1.1"
    compounds = town.compounds_in(community)
    branches = {b.id: b for c in compounds for b in town.branches_covering(c.id)}
    groups = [g for b in branches for g in town.suborganizations(b)]
    bodies = {community, *(c.id for c in compounds), *branches, *(g.id for g in groups)}
    bodies |= {place for g in groups for place in g.covers}
    held = sum(1 for body in bodies for post in town.appointments_in(body) if post.end is None)
    for expand in (False, "groups", "places", {"groups", "places"}):
        ax = plot.tree(town, community, expand=expand)
        assert sum(count(label, "post") for label in labels(ax).values()) == held, expand


# ---------------------------------------------------------------------------- expanded


def test_the_expanded_tree_draws_one_labelled_node_per_entity(city: City) -> None:
    ax = plot.tree(city, "cm-jinan", expand=True)
    assert set(labels(ax)) == JINAN_NODES
    assert {label.split("\n")[0] for label in labels(ax).values()} == JINAN_NODES
    assert node_kinds(ax) == {
        "cm-jinan": "community",
        "c-jinan": "compound",
        "c-east": "compound",
        "c-west": "compound",
        "br-jinan": "compound branch",
        "br-joint": "compound branch",
        "grp-jinan-1": "building group",
        "b-jinan-1": "building",
        "b-jinan-2": "building",
        **dict.fromkeys(JINAN_PEOPLE, "person"),
    }
    assert edges(ax) == [JINAN_UNDER, JINAN_HOLDS]


def test_the_expanded_tree_colours_nodes_by_kind_with_a_legend(city: City) -> None:
    ax = plot.tree(city, "cm-jinan", expand=True)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == list(dict.fromkeys(node_kinds(ax).values()))
    colours = {
        c.get_label(): tuple(c.get_facecolor()[0])
        for c in ax.collections
        if isinstance(c, PathCollection)
    }
    assert len(set(colours.values())) == len(colours)


@pytest.mark.parametrize(
    ("expand", "added", "removed"),
    [
        ("groups", {"grp-jinan-1"}, {"br-jinan/building group"}),
        ("places", {"b-jinan-1", "b-jinan-2"}, set()),
        ("people", JINAN_PEOPLE, set()),
        (
            ["groups", "places"],
            {"grp-jinan-1", "b-jinan-1", "b-jinan-2"},
            {"br-jinan/building group"},
        ),
    ],
)
def test_the_tree_expands_what_it_is_asked_to(
    city: City, expand: str | list[str], added: set[str], removed: set[str]
) -> None:
    ax = plot.tree(city, "cm-jinan", expand=expand)  # type: ignore[arg-type]
    assert set(labels(ax)) == (JINAN_COLLAPSED | added) - removed


def test_places_expanded_hang_below_their_collapsed_groups(city: City) -> None:
    ax = plot.tree(city, "cm-jinan", expand="places")
    [under] = edges(ax)
    assert {(u, v) for u, v in under if v.startswith("b-")} == {
        ("br-jinan/building group", "b-jinan-1"),
        ("br-jinan/building group", "b-jinan-2"),
    }
    assert count(labels(ax)["br-jinan/building group"], "building") == 0  # drawn, not counted


def test_the_expanded_tree_of_a_synthetic_community_draws_each_entity_once(town: City) -> None:
    community = "cm-1.2"
    compounds = town.compounds_in(community)
    branches = {b.id for c in compounds for b in town.branches_covering(c.id)}
    groups = {g.id: g for b in branches for g in town.suborganizations(b)}
    places = {p for g in groups.values() for p in g.covers}
    bodies = {community, *(c.id for c in compounds), *branches, *groups, *places}
    people = {p.person for b in bodies for p in town.appointments_in(b) if p.end is None}
    ax = plot.tree(town, community, expand=True)
    keys = [t.get_gid() for t in ax.texts]
    assert len(keys) == len(set(keys))
    assert set(keys) == {community, *(c.id for c in compounds)} | branches | set(groups) | (
        places | people
    )


def test_the_tree_runs_top_down_from_the_community(city: City) -> None:
    height = {key: y for key, (_, y) in positions(plot.tree(city, "cm-jinan", expand=True)).items()}
    assert all(height[upper] > height[lower] for upper, lower in JINAN_UNDER | JINAN_HOLDS)
    assert height["cm-jinan"] == max(height.values())


def test_the_tree_shows_the_posts_held_on_a_day(city: City) -> None:
    former = Appointment(
        person="p-sun",
        body="br-jinan",
        role=Role.DEPUTY_SECRETARY,
        start=date(2015, 1, 1),
        end=date(2018, 12, 31),
    )
    city = city.with_updates(appointments=[former])

    def shown(on: date | None) -> set[str]:
        return set(labels(plot.tree(city, "cm-jinan", on=on, expand="people")))

    assert shown(None) == JINAN_COLLAPSED | JINAN_PEOPLE
    assert shown(date(2017, 1, 1)) == JINAN_COLLAPSED | {"p-sun"}
    assert shown(date(2020, 10, 26)) == JINAN_COLLAPSED | JINAN_PEOPLE


@pytest.mark.parametrize("by", ["id", "name"])
def test_the_tree_shows_people_by_id_never_by_name(city: City, by: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MissingCJKFontWarning)  # names or not, never people's
        ax = plot.tree(city, "cm-jinan", expand=True, labels=by)  # type: ignore[arg-type]
    shown = " ".join(t.get_text() for t in [*ax.texts, *ax.get_legend().get_texts(), ax.title])
    assert not [p.name for p in city.people if p.name in shown]
    assert set(shown.split()) >= JINAN_PEOPLE


# ----------------------------------------------------------------- size and legibility


@pytest.mark.parametrize("expand", [False, "groups", True])
def test_the_tree_fits_a_notebook(town: City, expand: bool | str) -> None:
    ax = plot.tree(town, "cm-1.1", expand=expand)  # type: ignore[arg-type]
    figure = ax.figure
    width, height = figure.get_size_inches()
    assert width <= 12
    assert height <= 8
    figure.canvas.draw()
    tight = figure.get_tightbbox(figure.canvas.get_renderer())
    assert min(tight.x0, tight.y0) >= 0
    assert tight.x1 <= width
    assert tight.y1 <= height


@pytest.mark.parametrize("expand", [False, "groups", "places", True])
def test_no_two_labels_of_the_tree_overlap(town: City, expand: bool | str) -> None:
    ax = plot.tree(town, "cm-1.1", expand=expand)  # type: ignore[arg-type]
    assert overlapping_labels(ax) == []


def test_no_two_labels_overlap_in_any_community(town: City) -> None:
    for community in town.communities:
        assert overlapping_labels(plot.tree(town, community.id)) == [], community.id
        plt.close("all")


def test_a_crowded_tree_says_how_many_labels_it_leaves_out(town: City) -> None:
    ax = plot.tree(town, "cm-1.1", expand=True)
    hidden = [t for t in ax.texts if not t.get_visible()]
    assert hidden
    assert ax.get_title().endswith(
        f"(labels of {len(hidden)} of {len(ax.texts)} nodes left out: crowded)"
    )
    assert min(t.get_fontsize() for t in ax.texts) >= 6


def test_a_tree_with_room_leaves_no_label_out(city: City) -> None:
    for expand in (False, True):
        ax = plot.tree(city, "cm-jinan", expand=expand)
        assert all(t.get_visible() for t in ax.texts)
        assert ax.get_title() == "cm-jinan: organisation tree"
        assert {t.get_fontsize() for t in ax.texts} == {8}


def test_the_tree_fits_the_axes_it_is_given(town: City) -> None:
    _, ax = plt.subplots(figsize=(5, 4))
    assert plot.tree(town, "cm-1.1", ax=ax) is ax
    assert list(ax.figure.get_size_inches()) == [5, 4]
    assert overlapping_labels(ax) == []


def test_the_tree_renders_without_warnings(city: City) -> None:
    plot.tree(city, "cm-old", expand=True).figure.canvas.draw()


# ------------------------------------------------------------------------------- names


def test_the_tree_labels_by_name_in_a_cjk_font(city: City, cjk_font: str) -> None:
    settings = dict(mpl.rcParams)
    ax = plot.tree(city, "cm-jinan", labels="name")
    headings = {key: label.split("\n")[0] for key, label in labels(ax).items()}
    assert headings["cm-jinan"] == "金安社区"
    assert headings["c-jinan"] == "金安小区"
    assert headings["br-jinan/building group"] == "1 building group"
    assert ax.get_title() == "金安社区: organisation tree"
    named = [t for t in [*ax.texts, ax.title] if t.get_gid() != "br-jinan/building group"]
    assert {t.get_fontfamily()[0] for t in named} == {cjk_font}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ax.figure.canvas.draw()
    assert [str(w.message) for w in caught if "missing from font" in str(w.message)] == []
    assert dict(mpl.rcParams) == settings


@pytest.mark.usefixtures("no_cjk_font")
def test_without_a_cjk_font_names_fall_back_to_ids_with_one_warning(city: City) -> None:
    with pytest.warns(MissingCJKFontWarning) as caught:
        ax = plot.tree(city, "cm-jinan", labels="name", expand=True)
    assert len(caught) == 1
    message = str(caught[0].message)
    assert "apt-get install fonts-noto-cjk" in message
    assert "matplotlib.font_manager.fontManager.addfont" in message
    assert "10 labels show ids" in message  # 9 places and organisations, and the title
    assert {label.split("\n")[0] for label in labels(ax).values()} == JINAN_NODES
    assert ax.get_title() == "cm-jinan: organisation tree"
    with warnings.catch_warnings(record=True) as drawn:
        warnings.simplefilter("always")
        ax.figure.canvas.draw()
    assert [str(w.message) for w in drawn] == []


@pytest.mark.usefixtures("no_cjk_font")
def test_labels_by_id_need_no_font_and_warn_of_none(city: City) -> None:
    ax = plot.tree(city, "cm-jinan", labels="id")
    assert set(labels(ax)) == JINAN_COLLAPSED


# ------------------------------------------------------------------------------ errors


def test_the_tree_of_an_unknown_community_raises(city: City) -> None:
    with pytest.raises(UnknownIdError, match="cm-nowhere"):
        plot.tree(city, "cm-nowhere")


def test_the_tree_of_something_other_than_a_community_raises(city: City) -> None:
    with pytest.raises(ValueError, match="'c-jinan' is not a community"):
        plot.tree(city, "c-jinan")


def test_the_tree_refuses_to_expand_what_it_does_not_draw(city: City) -> None:
    with pytest.raises(InvalidArgumentError, match=r"expand takes .* not 'buildings'"):
        plot.tree(city, "cm-jinan", expand={"groups", "buildings"})  # type: ignore[arg-type]


def test_the_tree_refuses_unknown_labels(city: City) -> None:
    with pytest.raises(InvalidArgumentError, match="labels must be 'name' or 'id', not 'names'"):
        plot.tree(city, "cm-jinan", labels="names")  # type: ignore[arg-type]
