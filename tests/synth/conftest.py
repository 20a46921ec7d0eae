"""Cities the synth tests share: each is built once per test run."""

import pytest

from neighborparty import City, synth


@pytest.fixture(scope="session")
def xiamen() -> City:
    """The 2020 city at scale 1."""
    return synth.city(seed=1, scale=1)


@pytest.fixture(scope="session")
def small() -> City:
    """A 2020 city of seven communities."""
    return synth.city(seed=1, scale=0.02)
