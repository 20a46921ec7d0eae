"""The rules of members (NP4xx, :mod:`neighborparty.rules.np.members`): placed in a compound
branch, reported where they live, showing identity, claiming service items, living an
organisational life."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import attrs
import pytest

from neighborparty import Activity, ActivityKind, City, ServiceClaim, ServiceItem, check
from tests.rules._helpers import (
    FAIL,
    PASS,
    START,
    UNDETERMINED,
    Case,
    NotJudged,
    assert_judged,
    assert_not_judged,
    assert_seen_every_way,
    case,
    codes_of,
    edit_party,
    not_judged,
    seed,
    verdict,
)

# --------------------------------------------------------------------------- city builders


def with_claims(person: str, *days: date) -> City:
    """A person claiming one new item of c-jinan's demand list on each day."""
    items = [
        ServiceItem(id=f"si-{i}", compound="c-jinan", name=f"item {i}") for i in range(len(days))
    ]
    claims = [
        ServiceClaim(id=f"cl-{person}-{i}", person=person, item=item.id, claimed_on=day)
        for i, (item, day) in enumerate(zip(items, days, strict=True))
    ]
    return seed().with_updates(service_items=items, claims=claims)


def with_activity(person: str, kind: ActivityKind, on: date) -> City:
    return seed().with_updates(
        activities=[Activity(id=f"ac-{person}", person=person, kind=kind, on=on)]
    )


_UNSET = date.min


def lapses(
    person: str,
    day: date,
    *,
    life: date | None = _UNSET,
    dues: date | None = _UNSET,
    work: date | None = _UNSET,
    others: bool = True,
) -> City:
    """The seed city with the person's organisational life, dues and assigned work on ``day``
    (each on its own day if given, or left out for ``None``), and, with ``others``, every kind
    recorded for someone else long ago (so that a kind left out is known to be missing). The
    seed's other records stay, but for the person's own of these kinds."""
    days = {
        ActivityKind.THEME_PARTY_DAY: day if life is _UNSET else life,
        ActivityKind.DUES_PAID: day if dues is _UNSET else dues,
        ActivityKind.ASSIGNED_WORK: day if work is _UNSET else work,
    }
    records = [
        Activity(id=f"ac-{person}-{kind.value}", person=person, kind=kind, on=on)
        for kind, on in days.items()
        if on is not None
    ]
    if others:
        records += [
            Activity(id=f"ac-p-xu-{kind.value}", person="p-xu", kind=kind, on=date(2001, 1, 1))
            for kind in days
        ]
    city = seed()
    kept = tuple(a for a in city.activities if a.person != person or a.kind not in days)
    return attrs.evolve(city, activities=(*kept, *records))


# --------------------------------------------------------------------------- the cases

CASES = [
    # NP401 every member placed in a compound branch
    case("NP401", PASS, "p-lin", seed, "registered there", evidence={"branch": "br-jinan"}),
    case("NP401", PASS, "p-zhao", seed, "managed there", evidence={"branch": "br-jinan"}),
    case(
        "NP401",
        FAIL,
        "p-huang",
        seed,
        "registered with the community committee",
        evidence={"compound": "c-jinan", "branch": None},
    ),
    case(
        "NP401",
        FAIL,
        "p-zhao",
        lambda: edit_party(seed(), "p-zhao", managed_in="br-joint"),
        "managed by a branch of other compounds",
    ),
    # NP402 in-service members report where they live
    case("NP402", PASS, "p-chen", seed, "reported", evidence={"community": "cm-jinan"}),
    case(
        "NP402",
        FAIL,
        "p-chen",
        lambda: edit_party(seed(), "p-chen", reported_to=None),
        "not reported",
        evidence={"community": "cm-jinan", "reported_to": None},
    ),
    case(
        "NP402",
        FAIL,
        "p-chen",
        lambda: edit_party(seed(), "p-chen", reported_to="cm-old"),
        "reported to another community",
    ),
    # NP403 members show identity
    case("NP403", PASS, "p-lin", seed, "shown"),
    case(
        "NP403",
        FAIL,
        "p-lin",
        lambda: edit_party(seed(), "p-lin", identity_shown=False),
        "not shown",
    ),
    case(
        "NP403",
        UNDETERMINED,
        "p-wang",
        seed,
        "not recorded",
        evidence={"missing": ["identity_shown of p-wang"]},
    ),
    # NP404 one or two service items claimed
    case("NP404", PASS, "p-chen", seed, "1 item", evidence={"claims": 1}),
    case(
        "NP404",
        FAIL,
        "p-lin",
        seed,
        "no item",
        evidence={"claims": 0, "min_claims": 1, "max_claims": 2},
    ),
    case("NP404", PASS, "p-lin", lambda: with_claims("p-lin", START, START), "2 items"),
    case(
        "NP404",
        FAIL,
        "p-lin",
        lambda: with_claims("p-lin", START, START, START),
        "3 items",
        evidence={"claims": 3},
    ),
    case(
        "NP404",
        FAIL,
        "p-lin",
        lambda: with_claims("p-lin", date(2020, 10, 27)),
        "an item claimed after the check",
        evidence={"claims": 0},
    ),
    case("NP404", FAIL, "p-zhao", seed, "a managed member is judged too", evidence={"claims": 0}),
    # NP405 organisational life, dues and assigned work, each within six months
    case(
        "NP405",
        PASS,
        "p-lin",
        lambda: lapses("p-lin", date(2020, 10, 8)),
        "all three in October",
        evidence={"last_life": "2020-10-08", "last_dues": "2020-10-08", "last_work": "2020-10-08"},
    ),
    case(
        "NP405",
        FAIL,
        "p-lin",
        lambda: lapses("p-lin", date(2020, 10, 8), life=None),
        "paying dues does not replace organisational life",
        evidence={"last_life": "1995-07-01", "last_dues": "2020-10-08"},
    ),
    case(
        "NP405",
        FAIL,
        "p-lin",
        lambda: lapses("p-lin", date(2020, 10, 8), dues=None),
        "organisational life does not replace paying dues",
        evidence={"last_dues": "1995-07-01"},
    ),
    case(
        "NP405",
        FAIL,
        "p-lin",
        lambda: lapses("p-lin", date(2020, 10, 8), work=None),
        "dues and organisational life do not replace assigned work",
        evidence={"last_work": "1995-07-01"},
    ),
    case(
        "NP405",
        PASS,
        "p-wang",
        lambda: lapses("p-wang", date(2020, 4, 26)),
        "the day before the six months' last day",
        on=date(2020, 10, 25),
    ),
    case(
        "NP405",
        PASS,
        "p-wang",
        lambda: lapses("p-wang", date(2020, 4, 26)),
        "on the six months' last day, as on a term's",
        on=date(2020, 10, 26),
    ),
    case(
        "NP405",
        FAIL,
        "p-wang",
        lambda: lapses("p-wang", date(2020, 4, 26)),
        "the day after the six months' last day",
        on=date(2020, 10, 27),
        evidence={"last": "2020-04-26", "last_life": "2020-04-26", "months": 6},
    ),
    case(
        "NP405",
        PASS,
        "p-wang",
        lambda: lapses("p-wang", date(2020, 8, 31)),
        "from 31 August the months end on the last day of February",
        on=date(2021, 2, 28),
    ),
    case(
        "NP405",
        FAIL,
        "p-wang",
        lambda: lapses("p-wang", date(2020, 8, 31)),
        "and have run out on 1 March",
        on=date(2021, 3, 1),
    ),
    case(
        "NP405",
        FAIL,
        "p-wang",
        lambda: lapses("p-wang", date(2020, 4, 26), work=date(2020, 4, 25)),
        "one lapse a day older fails alone",
        on=date(2020, 10, 26),
        evidence={"last": "2020-04-25", "last_work": "2020-04-25"},
    ),
    case(
        "NP405",
        PASS,
        "p-chen",
        lambda: lapses("p-chen", date(2020, 10, 1), life=date(2020, 9, 5)),
        "a project check-in is not organisational life: the theme party day before it counts",
        evidence={"last_life": "2020-09-05"},
    ),
    case(
        "NP405",
        PASS,
        "p-huang",
        lambda: lapses("p-lin", date(2020, 8, 1)),
        "joined six months before, nothing since: the last day",
        on=date(2020, 9, 1),
        evidence={"last_life": "2020-03-01", "last_work": "2020-03-01"},
    ),
    case(
        "NP405",
        FAIL,
        "p-huang",
        lambda: lapses("p-lin", date(2020, 8, 1)),
        "joined six months and a day before, nothing since",
        on=date(2020, 9, 2),
    ),
    case(
        "NP405",
        FAIL,
        "p-lin",
        lambda: lapses("p-lin", date(2020, 10, 8)),
        "records after the check do not count",
        on=date(2020, 10, 1),
        evidence={"last_life": "1995-07-01"},
    ),
    case(
        "NP405",
        UNDETERMINED,
        "p-lin",
        lambda: attrs.evolve(seed(), activities=()),
        "a city that records no activities",
        evidence={"missing": ["activity records"]},
    ),
    case(
        "NP405",
        UNDETERMINED,
        "p-lin",
        lambda: lapses("p-lin", date(2020, 10, 8), work=None, others=False),
        "a city that records nobody's assigned work",
        evidence={"last_work": None, "missing": ["assigned work records"]},
    ),
    case(
        "NP405",
        FAIL,
        "p-lin",
        lambda: lapses("p-lin", date(2020, 10, 8), life=date(2019, 1, 1), work=None, others=False),
        "with nobody's assigned work recorded, a lapse run out still fails",
        evidence={"last": "2019-01-01", "last_work": None},
    ),
    case(
        "NP405",
        UNDETERMINED,
        "p-wang",
        lambda: edit_party(
            lapses("p-lin", date(2020, 10, 8)), "p-wang", joined=None, full_since=None
        ),
        "no records and no join date",
        evidence={"last_life": None, "last_dues": None, "last_work": None},
    ),
]


@pytest.mark.parametrize("c", CASES, ids=lambda c: c.id)
def test_an_np4_rule_judges_a_subject(c: Case) -> None:
    assert_judged(c)


@pytest.mark.parametrize("code", codes_of("NP4"))
def test_every_np4_rule_is_seen_passing_failing_and_where_it_can_undetermined(code: str) -> None:
    assert_seen_every_way(code, CASES)


NOT_JUDGED: list[NotJudged] = [
    ("NP401", "p-zhou", seed, "a resident who is no member"),
    ("NP402", "p-lin", seed, "a retired member"),
    ("NP403", "p-ye", seed, "a resident who is no member"),
    ("NP404", "p-xu", seed, "a member of a grid branch"),
    ("NP404", "p-huang", seed, "a member registered with the community committee"),
    ("NP405", "p-zhou", seed, "a resident who is no member"),
]


@pytest.mark.parametrize(("code", "subject", "build"), not_judged(NOT_JUDGED))
def test_an_np4_rule_leaves_subjects_outside_its_scope_unjudged(
    code: str, subject: str, build: Callable[[], City]
) -> None:
    assert_not_judged(code, subject, build)


def test_np404_counts_only_items_of_the_compounds_own_demand_list() -> None:
    city = seed().with_updates(
        service_items=[ServiceItem(id="si-east", compound="c-east", name="义务维修")],
        claims=[ServiceClaim(id="cl-wang", person="p-wang", item="si-east", claimed_on=START)],
    )
    # p-wang belongs to br-jinan and lives in c-jinan; si-east is on c-east's list.
    assert verdict(city, "NP404", "p-wang") is FAIL


def test_a_recheck_knows_which_lapses_the_whole_city_records() -> None:
    """Whether a kind of record is kept for anyone is a fact of the whole city: p-huang's
    assigned work counts from joining because p-xu's is recorded, far from the edit."""
    city = attrs.evolve(
        seed(),
        activities=(
            Activity(id="ac-1", person="p-chen", kind=ActivityKind.THEME_PARTY_DAY, on=START),
            Activity(id="ac-2", person="p-huang", kind=ActivityKind.DUES_PAID, on=date(2020, 7, 1)),
            Activity(
                id="ac-3", person="p-xu", kind=ActivityKind.ASSIGNED_WORK, on=date(2001, 1, 1)
            ),
        ),
    )
    on = date(2020, 8, 1)
    assert verdict(city, "NP405", "p-huang", on=on) is PASS
    report = check(city, on=on, select=["NP405"])
    edited = edit_party(city, "p-huang", identity_shown=True)
    assert report.recheck(edited).counts() == check(edited, on=on, select=["NP405"]).counts()
