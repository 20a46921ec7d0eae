"""A reform's effect split by provision (:meth:`Comparison.by_provision`): what each changed
parameter explains alone, what needs several together, and Shapley shares of the counts."""

from __future__ import annotations

import itertools
import math
from datetime import date
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from neighborparty import DEFAULT_POLICY, City, check, examples
from neighborparty.errors import InvalidArgumentError
from neighborparty.rules import Comparison, Policy, compare
from neighborparty.rules.whatif import MAX_PROVISIONS, _minimal, _shapley
from neighborparty.strategies import cities

DAY = date(2020, 10, 26)
EFFECTIVE = date(2000, 1, 1)

CHOICES: dict[str, list[float]] = {
    "formation.standalone_min_full_members": [1, 2, 4],
    "formation.standalone_min_households": [1, 50, 150],
    "branch.min_full_members": [1, 2, 4],
    "branch.max_members": [1, 3],
    "committee.required_from_full_members": [1, 3],
    "term.branch_years": [0, 1, 5],
    "membership.inactive_months": [1, 12],
    "whistle.answer_days": [0, 5, 3000],
    "owners.max_term_years": [1, 3],
}
"""Values for reforms of several parameters at once."""

SEED_REFORM = DEFAULT_POLICY.with_parameters(
    {
        "formation.standalone_min_full_members": 2,
        "formation.standalone_min_households": 60,
        "branch.min_full_members": 4,
    },
    effective=EFFECTIVE,
)


def only(names: set[str], reform: Policy) -> Policy:
    """The baseline with just these parameters as the reform sets them."""
    new = {p.name: p for p in reform.parameters}
    merged = {p.name: (new[p.name] if p.name in names else p) for p in DEFAULT_POLICY.parameters}
    return attrs.evolve(DEFAULT_POLICY, parameters=merged.values())


def verdicts(city: City, policy: Policy, on: date | None) -> dict[tuple[str, str], object]:
    return {(f.code, f.subject): f.verdict for f in check(city, policy, on=on).findings}


# --------------------------------------------------------------------------- the seed city


def test_the_seed_reform_splits_into_one_parameter_alone_and_two_together() -> None:
    split = compare(examples.seed_city(), DEFAULT_POLICY, SEED_REFORM).by_provision()
    assert [c.subject for c in split.alone["branch.min_full_members"]] == ["br-jinan", "br-joint"]
    assert split.alone["formation.standalone_min_households"] == ()
    assert [(c.code, c.subject) for c in split.together] == [("NP102", "c-west")]
    assert split.minimal_sets["NP102", "c-west"] == (
        ("formation.standalone_min_full_members", "formation.standalone_min_households"),
    )
    assert split.shares == {
        "branch.min_full_members": 2,
        "formation.standalone_min_full_members": Fraction(1, 2),
        "formation.standalone_min_households": Fraction(1, 2),
    }
    assert split.shares_by_rule["NP103"]["branch.min_full_members"] == 2
    assert split.shares_by_rule["NP102"]["branch.min_full_members"] == 0


def test_the_split_as_plain_data() -> None:
    doc = compare(examples.seed_city(), DEFAULT_POLICY, SEED_REFORM).by_provision().to_dict()
    assert doc["shares_exact"]["formation.standalone_min_households"] == "1/2"
    assert doc["shares"]["branch.min_full_members"] == 2.0
    assert doc["together"] == [
        {
            "code": "NP102",
            "subject": "c-west",
            "minimal_sets": [
                ["formation.standalone_min_full_members", "formation.standalone_min_households"]
            ],
        }
    ]


def test_a_parameter_no_rule_reads_gets_nothing() -> None:
    reform = SEED_REFORM.with_parameters({"term.postponement_years": 3}, effective=EFFECTIVE)
    split = compare(examples.seed_city(), DEFAULT_POLICY, reform).by_provision()
    assert "term.postponement_years" in split.parameters
    assert split.shares["term.postponement_years"] == 0
    assert split.alone["term.postponement_years"] == ()
    assert sum(split.shares.values()) == len(split.changes) == 3


# --------------------------------------------------------------------------- Shapley values


def brute_shapley(worth: list[bool], n: int) -> list[Fraction]:
    """The Shapley value by its definition: the average marginal contribution over every
    order in which the players join."""
    totals = [Fraction(0)] * n
    for order in itertools.permutations(range(n)):
        mask = 0
        for i in order:
            totals[i] += worth[mask | 1 << i] - worth[mask]
            mask |= 1 << i
    return [t / math.factorial(n) for t in totals]


@st.composite
def games(draw: st.DrawFn, max_players: int = 5) -> tuple[list[bool], int]:
    """A change's game: any worth for the sets between the empty one (0) and the full one (1)."""
    n = draw(st.integers(1, max_players))
    worth = [draw(st.booleans()) for _ in range(1 << n)]
    worth[0], worth[-1] = False, True
    return worth, n


@given(games())
def test_shapley_values_are_exact_and_sum_to_the_one_change(game: tuple[list[bool], int]) -> None:
    worth, n = game
    values = _shapley(worth, n)
    assert list(values) == brute_shapley(worth, n)
    assert sum(values) == 1


@given(games())
def test_a_parameter_that_never_makes_a_difference_gets_zero(game: tuple[list[bool], int]) -> None:
    worth, n = game
    # add a dummy player n: every set is worth what it is worth without it
    dummy = worth + [worth[m] for m in range(1 << n)]
    dummy[-1] = True
    dummy[(1 << n) - 1] = True
    values = _shapley(dummy, n + 1)
    assert values[n] == 0
    assert values[:n] == _shapley(worth, n)


@given(games(max_players=4))
def test_two_parameters_that_play_alike_get_alike(game: tuple[list[bool], int]) -> None:
    worth, n = game
    if n < 2:
        return
    i, j = 0, 1

    def swapped(mask: int) -> int:
        a, b = mask >> i & 1, mask >> j & 1
        return mask & ~(1 << i | 1 << j) | b << i | a << j

    symmetric = [worth[m] or worth[swapped(m)] for m in range(1 << n)]
    symmetric[0] = False
    values = _shapley(symmetric, n)
    assert values[i] == values[j]


def test_interactions_are_shared_equally_by_the_parameters_in_them() -> None:
    # players A = bit 0, B = bit 1; worth of {}, {A}, {B}, {A, B}
    needed_together = [False, False, False, True]
    either_alone = [False, True, True, True]
    a_alone = [False, True, False, True]
    assert _shapley(needed_together, 2) == (Fraction(1, 2), Fraction(1, 2))
    assert _shapley(either_alone, 2) == (Fraction(1, 2), Fraction(1, 2))
    assert _shapley(a_alone, 2) == (1, 0)
    assert _minimal(needed_together, 2) == [3]
    assert _minimal(either_alone, 2) == [1, 2]


# --------------------------------------------------------------------------- generated cities


@st.composite
def reforms(draw: st.DrawFn) -> Policy:
    names = draw(st.lists(st.sampled_from(sorted(CHOICES)), min_size=1, max_size=3, unique=True))
    values = {name: draw(st.sampled_from(CHOICES[name])) for name in names}
    return DEFAULT_POLICY.with_parameters(values, effective=EFFECTIVE)


@settings(max_examples=30, deadline=None)
@given(cities(max_size=3), reforms())
def test_the_split_agrees_with_checking_each_set_of_parameters(city: City, reform: Policy) -> None:
    comparison = compare(city, DEFAULT_POLICY, reform, on=DAY)
    split = comparison.by_provision()
    assert sum(split.shares.values()) == len(comparison.changes)
    for code, row in split.shares_by_rule.items():
        assert sum(row.values()) == sum(1 for c in comparison.changes if c.code == code)
    after = {(c.code, c.subject): c.after.verdict if c.after else None for c in comparison.changes}
    for name in split.parameters:
        alone = verdicts(city, only({name}, reform), DAY)
        carried = {k for k, v in after.items() if alone.get(k) == v}
        assert {(c.code, c.subject) for c in split.alone[name]} == carried
        assert not any(
            alone.get(k) == v
            for k, v in after.items()
            if k in {(c.code, c.subject) for c in split.together}
        )
    for (code, subject), sets in split.minimal_sets.items():
        assert sets
        for names in sets:
            assert (
                verdicts(city, only(set(names), reform), DAY).get((code, subject))
                == after[code, subject]
            )
    for c in split.together:
        assert all(len(s) > 1 for s in split.minimal_sets[c.code, c.subject])


# --------------------------------------------------------------------------- errors


def test_more_parameters_than_an_exact_split_allows_are_refused() -> None:
    names = sorted(p.name for p in DEFAULT_POLICY.parameters if p.unit == "share")
    names += ["branch.max_members", "term.branch_years", "membership.inactive_months"]
    names += ["whistle.answer_days", "owners.max_term_years", "service.max_claims"]
    assert len(names) > MAX_PROVISIONS
    reform = DEFAULT_POLICY.with_parameters(dict.fromkeys(names, 1), effective=EFFECTIVE)
    with pytest.raises(InvalidArgumentError, match=f"at most {MAX_PROVISIONS} parameters"):
        compare(examples.seed_city(), DEFAULT_POLICY, reform).by_provision()


def test_a_reform_that_changes_the_rules_is_refused() -> None:
    fewer = attrs.evolve(SEED_REFORM, rules=[r for r in SEED_REFORM.rules if r.code != "NP101"])
    with pytest.raises(InvalidArgumentError, match="differ in their rules"):
        compare(examples.seed_city(), DEFAULT_POLICY, fewer).by_provision()


def test_a_comparison_made_by_hand_has_nothing_to_split() -> None:
    bare = Comparison(changed_parameters=(), rules=(), changes=())
    with pytest.raises(InvalidArgumentError, match="made by compare"):
        bare.by_provision()
