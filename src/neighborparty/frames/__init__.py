"""Tables: every pandas DataFrame the library gives, in one place (the ``pandas`` extra).

The tables of a report, a comparison and a points table are built beside the types they show
(``Report.to_pandas``, ``Report.metrics_frame``, ``Comparison.to_pandas`` and
:func:`neighborparty.points.scores_frame` call the same functions); this module is where a
reader finds them all. pandas is imported only when a table is asked for; without it, an
:class:`ImportError` names the extra to install.

Examples:
    >>> from neighborparty import check, examples, frames
    >>> frames.findings_frame(check(examples.seed_city(), select=["NP101"])).shape
    (4, 7)
"""

from __future__ import annotations

from neighborparty.model._frames import PANDAS_EXTRA, require_pandas
from neighborparty.points._frames import scores_frame
from neighborparty.rules._frames import LEVELS, changes_frame, findings_frame, metrics_frame

__all__ = [
    "LEVELS",
    "PANDAS_EXTRA",
    "changes_frame",
    "findings_frame",
    "metrics_frame",
    "require_pandas",
    "scores_frame",
]
