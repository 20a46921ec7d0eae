"""The public face of neighborparty.scenarios: every name documented with an example, and no
optional dependency imported with it."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

import neighborparty.scenarios as scenarios


def _public() -> list[tuple[str, object]]:
    found = []
    for name in scenarios.__all__:
        obj = getattr(scenarios, name)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            found.append((name, obj))
            if inspect.isclass(obj):
                for attr, member in vars(obj).items():
                    if not attr.startswith("_") and inspect.isfunction(member):
                        found.append((f"{name}.{attr}", member))
    return found


@pytest.mark.parametrize(("name", "obj"), _public())
def test_every_public_name_has_a_runnable_example(name: str, obj: object) -> None:
    assert ">>> " in (inspect.getdoc(obj) or ""), f"{name} has no example"


def test_importing_it_imports_neither_dask_nor_pandas() -> None:
    code = (
        "import sys, neighborparty.scenarios\n"
        "assert not {'dask', 'distributed', 'pandas'} & set(sys.modules), sorted(sys.modules)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
