"""The pandas table of a points table (the ``pandas`` extra, imported when asked for)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from neighborparty.model._frames import require_pandas

if TYPE_CHECKING:
    import pandas as pd

    from neighborparty.points.scoring import Score

__all__ = ["scores_frame"]


def scores_frame(table: Mapping[str, Score]) -> pd.DataFrame:
    """A table of scores as a DataFrame (see :func:`neighborparty.points.scores_frame`).

    Examples:
        >>> from neighborparty import examples
        >>> from neighborparty.points import EXAMPLE_SCHEME, Period, scores
        >>> table = scores(examples.seed_city(), Period.quarter(2020, 3), EXAMPLE_SCHEME)
        >>> float(scores_frame(table).loc["p-chen", "total"])
        74.0
    """
    require_pandas()
    import pandas as pd

    entries = list(table.values())
    return pd.DataFrame(
        {
            "branch": [s.branch for s in entries],
            "period": [str(s.period) for s in entries],
            "base": [s.base for s in entries],
            "earned": [s.earned for s in entries],
            "cut": [s.cut for s in entries],
            "deducted": [s.deducted for s in entries],
            "total": [s.total for s in entries],
            "flag_below": [s.flag_below for s in entries],
            "flagged": [s.flagged for s in entries],
        },
        index=pd.Index([s.person for s in entries], name="person", dtype=object),
    )
