"""Test configuration: Hypothesis profiles, and the seed city and its report as fixtures.

``CI`` in the environment selects the ``ci`` profile: more examples, derandomized so that a run
can be repeated exactly.
"""

import os

import pytest
from hypothesis import HealthCheck, settings

from neighborparty import City, Report, check, examples

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
