"""Lookups patched over their parent's table read as the patched copies they stand for."""

from collections.abc import Mapping

import pytest
from hypothesis import given
from hypothesis import strategies as st

from neighborparty.model import _patch
from neighborparty.model._patch import Draft, Patched

_KEYS = st.sampled_from([f"k{i}" for i in range(12)])
_OPS = st.lists(st.tuples(st.booleans(), _KEYS, st.integers(0, 5)), max_size=12)


@given(
    table=st.dictionaries(_KEYS, st.integers(0, 5), max_size=8),
    edits=st.lists(_OPS, max_size=6),
    flat_at=st.sampled_from([0, 3, 1024]),
)
def test_a_chain_of_drafts_reads_as_the_dict_copied_and_changed_at_each_step(
    table: dict[str, int], edits: list[list[tuple[bool, str, int]]], flat_at: int
) -> None:
    """Each edit of the chain drafts on the last one's result; whether the result stays a
    patch or is made a dict again, it holds what a copy of the dict changed the same way holds,
    and no table drafted on changes."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_patch, "_FLAT_AT", flat_at)
        current: Mapping[str, int] = table
        expected = dict(table)
        tables = [(table, dict(table))]
        for ops in edits:
            draft = Draft(current)
            copy = dict(expected)
            for put, key, value in ops:
                assert draft.get(key, -1) == copy.get(key, -1)
                if put:
                    draft[key] = value
                    copy[key] = value
                else:
                    assert draft.pop(key, -1) == copy.pop(key, -1)
            current = draft.done()
            expected = copy
            assert isinstance(current, Patched | dict)
            assert dict(current.items()) == expected
            assert len(current) == len(expected)
            assert sorted(current) == sorted(expected)
            assert current == expected
            for key in [f"k{i}" for i in range(12)]:
                assert (key in current) == (key in expected)
                assert current.get(key) == expected.get(key)
                if key in expected:
                    assert current[key] == expected[key]
                else:
                    with pytest.raises(KeyError):
                        current[key]
            if isinstance(current, dict):
                tables.append((current, dict(current)))
        for drafted, was in tables:
            assert drafted == was


def test_a_patch_keeps_the_order_of_a_patched_copy() -> None:
    """Kept keys stand where they stood, new ones after them, removed ones nowhere."""
    draft = Draft({"a": 1, "b": 2, "c": 3})
    draft["d"] = 4
    draft["a"] = 10
    draft.pop("b")
    patched = draft.done()
    assert isinstance(patched, Patched)
    assert list(patched.items()) == [("a", 10), ("c", 3), ("d", 4)]
    assert repr(patched) == "Patched({'a': 10, 'c': 3, 'd': 4})"


def test_a_draft_that_changed_nothing_gives_its_table_back() -> None:
    table = {"a": 1}
    patched = Draft(table)
    patched["b"] = 2
    once = patched.done()
    assert Draft(once).done() is once
    assert Draft(table).done() is table
