"""The public face of the strategies: every name where it was, imported when first asked for."""

import subprocess
import sys
import textwrap

import pytest

from neighborparty import strategies
from neighborparty.strategies import _breakers, _cities, _entities, _values

HOMES = {
    "Breaker": _breakers,
    "breaks": _breakers,
    "cities": _cities,
    "appointments": _entities,
    "compounds": _entities,
    "organizations": _entities,
    "people": _entities,
    **dict.fromkeys(
        ["DAY0", "areas", "counts", "dates", "ids", "names", "optional_dates"], _values
    ),
}


@pytest.mark.parametrize(("name", "home"), HOMES.items())
def test_every_public_name_is_its_home_modules_object(name: str, home: object) -> None:
    assert getattr(strategies, name) is getattr(home, name)
    assert name in dir(strategies)


def test_all_names_the_strategies_and_star_imports_them() -> None:
    assert strategies.__all__ == [
        "Breaker",
        "appointments",
        "breaks",
        "cities",
        "compounds",
        "organizations",
        "people",
    ]
    found: dict[str, object] = {}
    exec("from neighborparty.strategies import *", found)
    assert set(found) - {"__builtins__"} == set(strategies.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="has no attribute 'rivers'"):
        strategies.rivers


def test_without_hypothesis_the_import_names_the_extra() -> None:
    code = """
        import sys
        sys.modules["hypothesis"] = None  # as if it were not installed
        import neighborparty.strategies
    """
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert 'pip install "neighborparty[testing]"' in done.stderr
