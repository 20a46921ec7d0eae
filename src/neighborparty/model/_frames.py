"""What every layer's pandas tables share: pandas imported only when a table is asked for, and
an :class:`ImportError` naming the extra to install when it is missing.

pandas is an optional dependency (the ``pandas`` extra). Importing this module imports no pandas.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["PANDAS_EXTRA", "categorical", "require_pandas"]

PANDAS_EXTRA = 'pip install "neighborparty[pandas]"'
"""The command that installs the optional pandas dependency."""


def require_pandas() -> None:
    """Import pandas, or raise an :class:`ImportError` that names the extra to install.

    Raises:
        ImportError: pandas is not installed.

    Examples:
        >>> require_pandas()
        >>> import sys
        >>> "pandas" in sys.modules
        True
    """
    try:
        import pandas  # noqa: F401
    except ImportError as exc:
        raise ImportError(f"this table needs pandas: {PANDAS_EXTRA}") from exc


def categorical(values: list[Any], categories: Sequence[str], *, ordered: bool) -> Any:
    """A pandas categorical of these values over these categories.

    Examples:
        >>> list(categorical(["b", "a"], ["a", "b"], ordered=True).categories)
        ['a', 'b']
    """
    import pandas as pd

    return pd.Categorical(values, categories=list(categories), ordered=ordered)
