"""The hook Hypothesis calls through its ``hypothesis`` entry point, while it is being imported.

It registers the library's types, so that ``st.from_type(neighborparty.City)`` works, without
importing the model, the rules or the strategies themselves: Hypothesis runs the hook on every
``import hypothesis`` wherever this library is installed, and most of those processes never
draw a city. The hook knows the types by name. If :mod:`neighborparty.model` is already imported, the types are registered at
once; if not, a finder waits for its import, registers them as soon as the module has run, and
removes itself. The strategies behind the types are imported when Hypothesis first resolves one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from importlib.abc import Loader, MetaPathFinder  # loaded already: Hypothesis reads entry points
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__: list[str] = []

MODEL = "neighborparty.model"

_REGISTERED = {
    "City": "cities",
    "Compound": "compounds",
    "Person": "people",
    "PartyOrganization": "organizations",
    "Appointment": "appointments",
}
"""Each type of :mod:`neighborparty.model` registered, and its strategy in the public face."""


def _hypothesis_setup_hook() -> None:
    """Register the library's types with Hypothesis, now or when the model is imported.

    Examples:
        >>> from hypothesis import find, strategies as st
        >>> import neighborparty
        >>> _hypothesis_setup_hook()
        >>> find(st.from_type(neighborparty.Compound), lambda c: True).__class__.__name__
        'Compound'
    """
    model = sys.modules.get(MODEL)
    if model is not None:
        _register(model)
    elif not any(isinstance(finder, _AwaitModel) for finder in sys.meta_path):
        sys.meta_path.insert(0, _AwaitModel())


def _register(model: ModuleType) -> None:
    from hypothesis import strategies as st

    for type_name, strategy in _REGISTERED.items():
        st.register_type_strategy(getattr(model, type_name), _lazy(strategy))


def _lazy(name: str) -> Callable[[type[Any]], SearchStrategy[Any]]:
    def resolve(_: type[Any]) -> SearchStrategy[Any]:
        from neighborparty import strategies

        strategy: SearchStrategy[Any] = getattr(strategies, name)()
        return strategy

    return resolve


class _AwaitModel(MetaPathFinder):
    """A finder that finds nothing itself: when :mod:`neighborparty.model` is imported, it takes
    the module's spec from the other finders, has the types registered once the module has run,
    and leaves ``sys.meta_path``.
    """

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name != MODEL or self not in sys.meta_path:
            return None
        sys.meta_path.remove(self)
        for finder in sys.meta_path:
            find_spec = getattr(finder, "find_spec", None)
            spec: ModuleSpec | None = find_spec(name, path, target) if find_spec else None
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _RegisterAfter(spec.loader)
                return spec
        return None


class _RegisterAfter(Loader):
    """The model's own loader, registering the types once it has run the module."""

    def __init__(self, loader: Any) -> None:
        self._loader = loader

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        create = getattr(self._loader, "create_module", None)
        module: ModuleType | None = create(spec) if create is not None else None
        return module

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        _register(module)

    def __getattr__(self, name: str) -> Any:
        if name == "_loader":  # not set yet (a copy being made): no loader to ask
            raise AttributeError(name)
        return getattr(self._loader, name)
