"""The HTML a notebook shows for a City, and the small escaped-HTML builders every layer's
views share (reports and comparisons are shown by :mod:`neighborparty.rules._html`).

The HTML is a summary, not a dump, and every text is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from neighborparty.model.city import City

__all__ = ["city_html", "escape", "fields", "more", "table"]


def escape(value: object) -> str:
    """A value as escaped HTML text.

    Examples:
        >>> escape("<b> & 'c'")
        '&lt;b&gt; &amp; &#x27;c&#x27;'
    """
    return html.escape(str(value))


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """An HTML table with a header row and one row per sequence of values.

    Examples:
        >>> table(("a", "b"), [(1, "<x>")])
        '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>&lt;x&gt;</td></tr></tbody></table>'
    """
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(v)}</td>" for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def fields(pairs: Iterable[tuple[str, object]]) -> str:
    """An HTML table of names and values, one row each.

    Examples:
        >>> fields([("code", "NP101")])
        '<table><tbody><tr><th>code</th><td>NP101</td></tr></tbody></table>'
    """
    rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in pairs)
    return f"<table><tbody>{rows}</tbody></table>"


def more(shown: int, total: int, noun: str, hint: str) -> str:
    """A line saying how many more there are than shown, with a hint where to find them.

    Examples:
        >>> more(10, 12, "findings", "report.findings")
        '<p>… and 2 more findings: report.findings</p>'
        >>> more(10, 10, "findings", "report.findings")
        ''
    """
    if total <= shown:
        return ""
    return f"<p>… and {total - shown} more {escape(noun)}: {escape(hint)}</p>"


def city_html(city: City) -> str:
    """The HTML of a city: its name and id, and how many entities each collection holds.

    Empty collections are left out.

    Examples:
        >>> from neighborparty import examples
        >>> "<td>4</td>" in city_html(examples.seed_city())  # 4 compounds
        True
    """
    head = f"<p><strong>{escape(city.name)}</strong> ({escape(city.id)})</p>"
    rows = [(name, n) for name, n in city.counts().items() if n]
    return f"<div>{head}{table(('collection', 'count'), rows)}</div>"
