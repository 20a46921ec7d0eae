"""Findings placed in compounds, communities and up: the report's drill-down and roll-ups."""

import pytest
from hypothesis import given, settings

from neighborparty import check, examples, synth
from neighborparty.errors import UnknownIdError
from neighborparty.rules import Report
from neighborparty.rules.locate import ancestors, places_of
from neighborparty.strategies import cities


@pytest.fixture(scope="module")
def report() -> Report:
    return check(synth.city(seed=2, scale=0.03))


def test_the_city_holds_every_finding_whose_subject_lies_somewhere(report: Report) -> None:
    city = report.city
    placed = [f for f in report.findings if places_of(city, f.subject)]
    assert report.findings_in(city.id) == tuple(placed)
    unplaced = {f.subject for f in report.findings} - {f.subject for f in placed}
    assert all(city.collection_of(s) == "units" and city.get(s).community is None for s in unplaced)  # type: ignore[union-attr]


def test_a_community_holds_its_compounds_findings_and_its_own(report: Report) -> None:
    city = report.city
    for community in city.communities[:10]:
        inside = set(report.findings_in(community.id))
        below = {f for c in city.compounds_in(community.id) for f in report.findings_in(c.id)}
        assert below <= inside
        for f in inside - below:
            # What is found of the community but of none of its compounds lies in it directly.
            assert community.id in places_of(city, f.subject)


def test_failures_by_level_add_up_to_the_city(report: Report) -> None:
    city = report.city
    total = report.failures_by("city")[city.id]
    assert total["total"] == sum(1 for f in report.findings_in(city.id) if f.failed)
    for level in ("district", "subdistrict", "community"):
        table = report.failures_by(level)
        # No subject of this city spans two districts, sub-districts or communities.
        assert (
            sum(t["total"] for t in table.values())
            + sum(
                1
                for f in report.findings_in(city.id)
                if f.failed and _above(report, f.subject, level)
            )
            == total["total"]
        )


def _above(report: Report, subject: str, level: str) -> bool:
    order = ["compounds", "communities", "subdistricts", "districts"]
    city = report.city
    if subject == city.id:
        return True
    kind = city.collection_of(places_of(city, subject)[0])
    wanted = {"community": "communities", "subdistrict": "subdistricts", "district": "districts"}
    return order.index(kind) > order.index(wanted[level])


def test_worst_ranks_errors_first_then_ids(report: Report) -> None:
    table = report.failures_by("compound")
    ranked = report.worst(len(table))
    keys = [(-table[p]["error"], -table[p]["warning"], -table[p]["info"], p) for p, _ in ranked]
    assert keys == sorted(keys)
    assert [n for _, n in ranked] == [table[p]["total"] for p, _ in ranked]
    assert all(n > 0 for _, n in ranked)
    assert {p for p, t in table.items() if t["total"]} == {p for p, _ in ranked}


def test_a_joint_branch_counts_in_each_of_its_compounds() -> None:
    seed = check(examples.seed_city(), select=["NP103"], on=None)
    assert places_of(seed.city, "br-joint") == ("c-east", "c-west")
    assert ancestors(seed.city, "c-west")[-1] == "xm-demo"


def test_unknown_places_and_levels_are_refused() -> None:
    seed = check(examples.seed_city())
    with pytest.raises(UnknownIdError):
        seed.findings_in("c-nowhere")
    with pytest.raises(ValueError, match="level must be one of compound, community"):
        seed.failures_by("province")


@settings(max_examples=25, deadline=None)
@given(cities(max_size=3))
def test_every_compound_finding_is_also_its_communitys(city) -> None:  # type: ignore[no-untyped-def]
    report = check(city)
    for compound in city.compounds:
        assert set(report.findings_in(compound.id)) <= set(report.findings_in(compound.community))
