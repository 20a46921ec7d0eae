"""Test configuration: Hypothesis profiles, and the cities and reports tests of several layers
read.

``CI`` in the environment selects the ``ci`` profile: more examples, derandomized so that a run
can be repeated exactly.
"""

import os
from datetime import date

import pytest
from hypothesis import HealthCheck, settings

from neighborparty import DEFAULT_POLICY, City, Report, check, compare, examples, synth
from neighborparty.rules import Comparison

settings.register_profile(
    "dev", deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci",
    deadline=None,
    max_examples=150,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="module")
def city() -> City:
    """The seed article's city (cities are immutable: a module's tests share one)."""
    return examples.seed_city()


@pytest.fixture(scope="module")
def report(city: City) -> Report:
    """The seed city checked for the latest day it records."""
    return check(city)


@pytest.fixture(scope="session")
def big_report() -> Report:
    """A synthetic city of a few thousand people, checked: more failures than a view lists."""
    return check(synth.city(seed=1, scale=0.02))


REFORM = DEFAULT_POLICY.with_parameters({"branch.min_full_members": 4}, effective=date(2020, 1, 1))
"""A reform that fails the seed's two branches of three full members."""


@pytest.fixture(scope="module")
def comparison(city: City) -> Comparison:
    """The seed city under the default policy and under :data:`REFORM`."""
    return compare(city, DEFAULT_POLICY, REFORM)
