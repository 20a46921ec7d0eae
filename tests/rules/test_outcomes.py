"""A rule's outcomes kept in columns: the same sequence as the tuples they were made of."""

from __future__ import annotations

import pickle
from collections import Counter
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborparty import Verdict, check, examples, synth
from neighborparty.errors import InvalidArgumentError
from neighborparty.rules.outcomes import Outcomes

_EVIDENCE = st.one_of(
    st.tuples(st.integers(), st.text(max_size=3)),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just(()),
)
_OUTCOMES = st.lists(
    st.tuples(st.text(max_size=4), st.sampled_from(Verdict), _EVIDENCE), max_size=30
)


@given(_OUTCOMES, st.slices(35))
def test_columns_read_as_the_tuples_they_were_made_of(outcomes: list[Any], part: slice) -> None:
    made = Outcomes(outcomes)
    assert list(made) == outcomes
    assert len(made) == len(outcomes)
    assert made == tuple(outcomes)
    assert tuple(outcomes) == made
    assert [made[i] for i in range(-len(outcomes), len(outcomes))] == outcomes * 2
    assert list(made[part]) == outcomes[part]
    assert made[part] == tuple(outcomes[part])
    assert made.subjects == tuple(o[0] for o in outcomes)
    assert made.verdicts == tuple(o[1] for o in outcomes)
    counted = Counter(o[1] for o in outcomes)
    assert made.tally() == {v: counted[v] for v in Verdict}
    assert pickle.loads(pickle.dumps(made)) == made
    assert repr(made) == f"Outcomes({outcomes!r})"


@given(_OUTCOMES, _OUTCOMES)
def test_outcomes_are_equal_exactly_when_their_tuples_are(one: list[Any], other: list[Any]) -> None:
    assert (Outcomes(one) == Outcomes(other)) is (one == other)
    assert (Outcomes(one) == tuple(other)) is (one == other)
    assert Outcomes(one) != list(one)  # a tuple's equal, as a tuple is not a list's


@given(_OUTCOMES, st.data())
def test_replacing_and_dropping_by_position_is_the_list_edit(
    outcomes: list[Any], data: st.DataObject
) -> None:
    positions = st.integers(0, max(len(outcomes) - 1, 0))
    if not outcomes:
        assert Outcomes(outcomes)._changed([], []) == ()
        return
    dropped = set(data.draw(st.lists(positions, max_size=5)))
    in_place = data.draw(st.booleans())  # judged again where they stand, as a re-check does
    replaced = {
        i: data.draw(
            st.tuples(
                st.just(outcomes[i][0]) if in_place else st.text(max_size=4),
                st.sampled_from(Verdict),
                _EVIDENCE,
            )
        )
        for i in data.draw(st.lists(positions, max_size=5))
        if i not in dropped
    }
    merged = [replaced.get(i, o) for i, o in enumerate(outcomes) if i not in dropped]
    made = Outcomes(outcomes)
    changed = made._changed(sorted(replaced.items()), dropped)
    assert changed == tuple(merged)
    if in_place and not dropped:
        assert changed.subjects is made.subjects


def test_what_is_not_an_outcome_is_refused_naming_its_place() -> None:
    with pytest.raises(InvalidArgumentError, match=r"outcomes\[1\] of 'b': the verdict 'fail'"):
        Outcomes([("a", Verdict.PASS, ()), ("b", "fail", ())])  # type: ignore[list-item]
    with pytest.raises(InvalidArgumentError, match=r"outcomes\[0\]: 3 is not a \(subject"):
        Outcomes([3])  # type: ignore[list-item]


def test_a_check_keeps_every_rule_s_outcomes_in_columns() -> None:
    report = check(synth.city(seed=1, scale=0.05))
    assert all(isinstance(outcomes, Outcomes) for _, outcomes in report.results)
    assert report.counts() == {
        r.code: {v.value: sum(1 for _, seen, _ in outcomes if seen is v) for v in Verdict}
        for r, outcomes in report.results
    }
    seed = check(examples.seed_city(), select=["NP103"])
    [(_, outcomes)] = seed.results
    assert [f.subject for f in seed.findings] == list(outcomes.subjects)  # type: ignore[attr-defined]
