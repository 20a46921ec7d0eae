"""Cities the synth tests share: each is built once per test run."""

import pytest

from neighborparty import City, synth


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "scale1: builds whole cities at scale 1, several seconds each (deselect while iterating "
        "with -m 'not scale1'; make test runs them)",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test of the scale-1 city is a scale-1 test."""
    for item in items:
        if "xiamen" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.scale1)


@pytest.fixture(scope="session")
def xiamen() -> City:
    """The 2020 city at scale 1."""
    return synth.city(seed=1, scale=1)


@pytest.fixture(scope="session")
def small() -> City:
    """A 2020 city of seven communities."""
    return synth.city(seed=1, scale=0.02)
