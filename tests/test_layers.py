"""The house rules of the package: imports point down the layers, and no module imports itself
back through others.

Every ``import`` and ``from ... import`` in ``src/neighborparty`` is read from the source, at the
top of a module and inside functions alike. Lazy imports count everywhere. Imports under
``if TYPE_CHECKING:`` count for the layers (a type an annotation names upward is a dependency
upward all the same) but not for cycles: they never run, so a view module may name the type it
shows while that type's method imports the view.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "neighborparty"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "_version"),
    ("model",),
    ("examples",),
    ("convert",),
    ("graph",),
    ("rules", "points"),
    ("synth", "strategies"),
    ("frames", "plot", "privacy"),
    ("scenarios",),
    ("testing",),
    ("cli",),
)
"""The layers of the package, lowest first: a module may import from its own part and from the
parts of lower layers only. Parts on one line are peers and do not import each other. The
package's own ``__init__`` (the public face) and ``__main__`` stand above every layer."""

TOP = (PACKAGE, f"{PACKAGE}.__main__")


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted((SRC / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _known(name: str) -> str:
    """The module of ours that an imported name lives in (a name may be a module or an
    attribute of one)."""
    while name not in MODULES and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def _type_checking_nodes(tree: ast.AST) -> set[int]:
    """The ids of the import nodes under ``if TYPE_CHECKING:``."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If):
            test = node.test
            name = test.attr if isinstance(test, ast.Attribute) else getattr(test, "id", None)
            if name == "TYPE_CHECKING":
                for child in node.body:
                    found.update(id(n) for n in ast.walk(child))
    return found


def _imports(module: str, path: Path, *, type_checking: bool = True) -> set[str]:
    """The modules of ours that a module imports (with ``type_checking=False``, leaving out
    the imports under ``if TYPE_CHECKING:``)."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = set() if type_checking else _type_checking_nodes(tree)
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                prefix = ".".join([*base, *([node.module] if node.module else [])])
            else:
                prefix = node.module or ""
            names = [f"{prefix}.{alias.name}" for alias in node.names]
        for name in names:
            if name == PACKAGE or name.startswith(PACKAGE + "."):
                target = _known(name)
                if target != module:
                    found.add(target)
    return found


GRAPH = nx.DiGraph()
GRAPH.add_nodes_from(MODULES)
GRAPH.add_edges_from(
    (module, target) for module, path in MODULES.items() for target in _imports(module, path)
)
RUNTIME = nx.DiGraph()
RUNTIME.add_nodes_from(MODULES)
RUNTIME.add_edges_from(
    (module, target)
    for module, path in MODULES.items()
    for target in _imports(module, path, type_checking=False)
)


def _layer(module: str) -> tuple[int, str] | None:
    """The layer (its index, and the part within it) a module belongs to; ``None`` above all."""
    if module in TOP:
        return None
    part = module.split(".")[1]
    for index, parts in enumerate(LAYERS):
        if part in parts:
            return index, part
    raise AssertionError(f"module {module} is in no layer: add its part to LAYERS")


def test_every_module_is_in_a_layer() -> None:
    for module in MODULES:
        _layer(module)


def test_the_layers_are_listed_once() -> None:
    parts = [part for layer in LAYERS for part in layer]
    assert len(parts) == len(set(parts))


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module: str) -> None:
    here = _layer(module)
    if here is None:
        return
    wrong = []
    for target in sorted(GRAPH.successors(module)):
        there = _layer(target)
        if there is None:
            wrong.append(f"{target} (the package's public face)")
        elif there[0] > here[0]:
            wrong.append(f"{target} (layer {', '.join(LAYERS[there[0]])}, above)")
        elif there[0] == here[0] and there[1] != here[1]:
            wrong.append(f"{target} (a peer on the same layer)")
    assert not wrong, f"{module} (layer {', '.join(LAYERS[here[0]])}) imports " + "; ".join(wrong)


def test_no_import_cycles() -> None:
    cycles = sorted(
        sorted(component)
        for component in nx.strongly_connected_components(RUNTIME)
        if len(component) > 1
    )
    assert not cycles, "modules importing each other: " + " | ".join(
        " <-> ".join(cycle) for cycle in cycles
    )


def test_the_reader_sees_what_it_should() -> None:
    """The reader of imports is itself tested: a relative import, a lazy one, and an import of a
    name from a module are all found."""
    assert f"{PACKAGE}.errors" in _imports(
        f"{PACKAGE}.model.city", MODULES[f"{PACKAGE}.model.city"]
    )
    assert _layer(f"{PACKAGE}.rules") == (5, "rules")
    run = MODULES[f"{PACKAGE}.rules._run"]
    assert f"{PACKAGE}.model._cache" in _imports(f"{PACKAGE}.rules._run", run, type_checking=False)
    integrity = MODULES[f"{PACKAGE}.model._integrity"]
    assert f"{PACKAGE}.model.city" in _imports(f"{PACKAGE}.model._integrity", integrity)
    assert f"{PACKAGE}.model.city" not in _imports(
        f"{PACKAGE}.model._integrity", integrity, type_checking=False
    )
    assert _layer(PACKAGE) is None
