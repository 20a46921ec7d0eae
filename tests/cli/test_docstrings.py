"""Every function and class of the command line's modules not named with an underscore has a
runnable example in its docstring (the doctests of ``src`` run them)."""

import importlib
import inspect
import pkgutil

import pytest

import neighborparty.cli


def _named() -> list[tuple[str, object]]:
    modules = [neighborparty.cli] + [
        importlib.import_module(f"neighborparty.cli.{info.name}")
        for info in pkgutil.iter_modules(neighborparty.cli.__path__)
        if info.name != "__main__"
    ]
    return [
        (f"{module.__name__}.{name}", obj)
        for module in modules
        for name, obj in vars(module).items()
        if not name.startswith("_")
        and (inspect.isfunction(obj) or inspect.isclass(obj))
        and obj.__module__ == module.__name__
    ]


def test_the_modules_are_found() -> None:
    names = {name for name, _ in _named()}
    assert {"neighborparty.cli.main", "neighborparty.cli._text.format_tree"} <= names
    assert "neighborparty.cli._check.add_to" in names


@pytest.mark.parametrize(("name", "obj"), _named(), ids=[name for name, _ in _named()])
def test_every_named_function_and_class_has_an_example(name: str, obj: object) -> None:
    assert ">>> " in (inspect.getdoc(obj) or ""), f"{name} has no example in its docstring"
