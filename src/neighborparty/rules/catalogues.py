"""Catalogues found by name: those installed packages publish (entry point group
``neighborparty.catalogues``) and those a ``module:NAME`` names."""

from __future__ import annotations

import importlib
import importlib.metadata

from neighborparty.errors import InvalidArgumentError
from neighborparty.rules.catalogue import Catalogue
from neighborparty.rules.np import NP_CATALOGUE
from neighborparty.rules.rule import Rule

__all__ = ["ENTRY_POINTS", "catalogues", "load_catalogue"]

ENTRY_POINTS = "neighborparty.catalogues"
"""The entry point group through which installed packages publish their catalogues."""


def catalogues() -> dict[str, Catalogue]:
    """The catalogues installed packages publish through the entry point group
    ``neighborparty.catalogues``, by entry point name (the built-in one as ``"np"``).

    Raises:
        InvalidArgumentError: An entry point does not load, or names no catalogue.

    Examples:
        >>> catalogues()["np"]
        Catalogue('NP', 36 rules)
    """
    found = {"np": NP_CATALOGUE}
    for entry in importlib.metadata.entry_points(group=ENTRY_POINTS):
        try:
            loaded = entry.load()
        except Exception as error:  # a broken third-party package: say which
            raise InvalidArgumentError(
                f"the catalogue {entry.name!r} ({entry.value}) does not load: {error}"
            ) from error
        if not isinstance(loaded, Catalogue):
            raise InvalidArgumentError(
                f"the entry point {entry.name!r} ({entry.value}) names no catalogue"
            )
        found[entry.name] = loaded
    return found


def load_catalogue(spec: str) -> Catalogue:
    """A catalogue named as ``module:NAME`` (a module on the path and a name in it), or by the
    name an installed package publishes it under.

    Raises:
        InvalidArgumentError: No such module, name or published catalogue, or it is no
            catalogue.

    Examples:
        >>> load_catalogue("neighborparty.rules:NP_CATALOGUE")
        Catalogue('NP', 36 rules)
        >>> load_catalogue("neighborparty.rules:NOPE")
        Traceback (most recent call last):
        ...
        neighborparty.errors.InvalidArgumentError: neighborparty.rules has no catalogue NOPE
    """
    module, colon, name = spec.partition(":")
    if not colon:
        published = catalogues()
        if spec not in published:
            known = ", ".join(sorted(published))
            raise InvalidArgumentError(
                f"no catalogue {spec!r}: give module:NAME, or one of the published ({known})"
            )
        return published[spec]
    try:
        found = getattr(importlib.import_module(module), name)
    except ImportError as error:
        raise InvalidArgumentError(f"no module {module!r} for the catalogue {spec!r}") from error
    except AttributeError:
        raise InvalidArgumentError(f"{module} has no catalogue {name}") from None
    if isinstance(found, Rule):
        return Catalogue(name, [found])
    if not isinstance(found, Catalogue):
        raise InvalidArgumentError(f"{spec} is no catalogue but {type(found).__name__}")
    return found
