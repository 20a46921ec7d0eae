"""The example scheme: library defaults, labelled as such."""

import importlib

from neighborparty import ActivityKind
from neighborparty.points import EXAMPLE_SCHEME, ORGANIZATIONAL_LIFE


def test_the_example_scheme_says_it_is_an_example() -> None:
    assert EXAMPLE_SCHEME.name == "example"
    assert "not an official scheme" in EXAMPLE_SCHEME.title


def _rules_organizational_life() -> frozenset[ActivityKind]:
    """The rules' list (rule NP405), wherever the rules keep their members' module."""
    for name in ("neighborparty.rules.np.members", "neighborparty.rules.members"):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        return frozenset(module.ORGANIZATIONAL_LIFE)
    raise AssertionError("no ORGANIZATIONAL_LIFE in the rules")


def test_the_example_counts_as_organisational_life_what_the_rules_do() -> None:
    # The same fact in two peers until the model names it: held equal here.
    assert set(ORGANIZATIONAL_LIFE) == _rules_organizational_life()
    assert len(ORGANIZATIONAL_LIFE) == len(set(ORGANIZATIONAL_LIFE))
    assert EXAMPLE_SCHEME.rule("no_organizational_life").kinds == ORGANIZATIONAL_LIFE
