"""Tables: every pandas DataFrame the library gives, in one place (the ``pandas`` extra).

A whole city goes to tables and back: :func:`to_frames` gives one DataFrame per sheet a
community keeps (the 党员台账 of members is ``people``), and :func:`from_frames` reads such
tables, as written or as pandas reads them back from CSV files or an Excel workbook, with the
strictness and the errors of the document reader. The sheets (:data:`SHEETS`) are:

- ``city``: one row, the document's ``format_version``, ``id`` and ``name``;
- one sheet per collection of the City, named after it, one row per entity and one column per
  field, in the document's order. A nested value has prefixed columns: ``party.standing``,
  ``party.registered_in``, ... for a person's membership (all empty for a non-member),
  ``four_haves.capability``, ... and ``coordinates.longitude``, ``coordinates.latitude``;
- a *link sheet* per list of ids, after its owners' sheet: ``grids.compounds`` (columns
  ``grid``, ``compound``), ``organizations.covers`` (``organization``, ``place``) and
  ``companies.compounds`` (``company``, ``compound``), one row per id listed, in the list's
  order. A spreadsheet cell holds no list, and no separator is safe inside ids, so a list is
  rows, as a relational table keeps it.

Days are :class:`datetime.date` objects (a spreadsheet shows them as dates), enumerations their
string values, an absent value an empty cell. A problem's path names the sheet, the row as a
spreadsheet numbers it (the header is row 1) and the column:
``people[row 12].party.standing``, ``organizations.covers[row 3].place``. The library reads and
writes no files: pandas does, as the tutorial *From your spreadsheets to a report* shows.

The tables of a report, a comparison and a points table are built beside the types they show
(``Report.to_pandas``, ``Report.metrics_frame``, ``Comparison.to_pandas`` and
:func:`neighborparty.points.scores_frame` call the same functions); this module is where a
reader finds them all. pandas is imported only when a table is asked for; without it, an
:class:`ImportError` names the extra to install.

Examples:
    >>> from neighborparty import check, examples, frames
    >>> city = examples.seed_city()
    >>> tables = frames.to_frames(city)
    >>> list(tables)[:4], tables["people"].shape
    (['city', 'districts', 'subdistricts', 'communities'], (11, 17))
    >>> frames.from_frames(tables) == city
    True
    >>> frames.findings_frame(check(city, select=["NP101"])).shape
    (4, 7)
"""

from __future__ import annotations

from neighborparty.frames._city import from_frames, to_frames
from neighborparty.frames._layout import SHEETS
from neighborparty.model._frames import PANDAS_EXTRA, require_pandas
from neighborparty.points._frames import scores_frame
from neighborparty.rules._frames import LEVELS, changes_frame, findings_frame, metrics_frame

__all__ = [
    "LEVELS",
    "PANDAS_EXTRA",
    "SHEETS",
    "changes_frame",
    "findings_frame",
    "from_frames",
    "metrics_frame",
    "require_pandas",
    "scores_frame",
    "to_frames",
]
