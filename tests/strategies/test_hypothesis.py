"""The types are registered with Hypothesis through its entry point, by a hook that imports
nothing heavy."""

import json
import os
import subprocess
import sys
import textwrap
import tomllib
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import neighborparty as np_

ROOT = Path(__file__).resolve().parents[2]


@given(st.from_type(np_.City))
def test_city_is_registered_with_hypothesis(city: np_.City) -> None:
    assert isinstance(city, np_.City)


@given(
    st.from_type(np_.Compound),
    st.from_type(np_.Person),
    st.from_type(np_.PartyOrganization),
    st.from_type(np_.Appointment),
)
def test_entities_are_registered_and_valid_alone(
    compound: np_.Compound,
    person: np_.Person,
    org: np_.PartyOrganization,
    post: np_.Appointment,
) -> None:
    assert compound.households >= 0
    assert person.id
    assert org.formation is None or org.kind.is_branch
    assert post.end is None or post.end >= post.start


def _run(code: str) -> Any:
    """Run ``code`` in a fresh interpreter with Hypothesis's plugins on; return what it prints
    (as JSON)."""
    env = {k: v for k, v in os.environ.items() if k != "HYPOTHESIS_NO_PLUGINS"}
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(done.stdout)


HOOK = "neighborparty.strategies._hypothesis"
STRATEGIES = [f"neighborparty.strategies.{m}" for m in ("_breakers", "_cities", "_entities")]
HEAVY = ["neighborparty.model", "neighborparty.rules", "neighborparty.synth", "networkx", "cattrs"]


def test_the_entry_point_names_the_hook_and_the_installed_package_agrees() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = pyproject["project"]["entry-points"]["hypothesis"]["neighborparty"]
    assert declared == f"{HOOK}:_hypothesis_setup_hook"
    installed = {e.name: e.value for e in entry_points(group="hypothesis")}
    assert installed.get("neighborparty") == declared, "reinstall the package: pip install -e ."


def test_importing_hypothesis_imports_only_the_hook_beyond_the_public_face() -> None:
    # The public face is imported first, and whatever it imports is left out of account: today
    # it imports the model, networkx and cattrs itself, so that ``import hypothesis`` alone
    # loads them; once the face is lazy it will not (the stubbed test below shows the hook
    # then imports none of them).
    new = _run(
        """
        import json, sys
        import neighborparty
        before = set(sys.modules)
        import hypothesis
        print(json.dumps(sorted(set(sys.modules) - before)))
        """
    )
    assert HOOK in new
    assert [m for m in new if m.startswith("neighborparty")] == ["neighborparty.strategies", HOOK]
    assert not set(new) & {*HEAVY, *STRATEGIES}


def test_importing_hypothesis_before_the_library_imports_no_strategy() -> None:
    loaded = _run(
        """
        import json, sys
        import hypothesis
        print(json.dumps(sorted(sys.modules)))
        """
    )
    assert HOOK in loaded
    assert not set(loaded) & set(STRATEGIES)
    # Depends on a lazy public face (neighborparty/__init__.py), which imports them today:
    # assert not set(loaded) & set(HEAVY)


def test_the_hook_imports_nothing_heavy_and_registers_the_types_when_the_model_comes() -> None:
    """With a bare package in place of the public face, ``import hypothesis`` runs the hook and
    loads nothing of the model, the rules, networkx or cattrs; importing the model later
    registers its types, and the finder that waited for it is gone."""
    found = _run(
        f"""
        import importlib.util, json, sys, types
        face = types.ModuleType("neighborparty")
        face.__path__ = list(importlib.util.find_spec("neighborparty").submodule_search_locations)
        sys.modules["neighborparty"] = face
        import hypothesis
        loaded = sorted(sys.modules)
        from neighborparty.model import City
        from hypothesis import find, strategies as st
        city = find(st.from_type(City), lambda c: len(c.compounds) >= 2)
        waiting = [type(f).__name__ for f in sys.meta_path if type(f).__module__ == {HOOK!r}]
        print(json.dumps({{
            "loaded": loaded, "compounds": [c.id for c in city.compounds], "waiting": waiting
        }}))
        """
    )
    assert HOOK in found["loaded"]
    assert not set(found["loaded"]) & {*HEAVY, *STRATEGIES}
    assert found["compounds"] == ["c0", "c1"]  # the ids cities() gives, not builds(City)'s
    assert found["waiting"] == []
