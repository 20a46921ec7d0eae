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

__all__ = ["city_html", "escape", "fields", "more", "number", "table"]


def escape(value: object) -> str:
    """A value as escaped HTML text.

    Examples:
        >>> escape("<b> & 'c'")
        '&lt;b&gt; &amp; &#x27;c&#x27;'
    """
    return html.escape(str(value))


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def number(value: int | float) -> str:
    """A number as the command line writes it: a count with thousands separated; a measure
    with two decimals, or none from ten up when it is whole.

    Examples:
        >>> number(15009), number(4), number(0.5), number(3.0), number(14.0)
        ('15,009', '4', '0.50', '3.00', '14')
    """
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.0f}" if value == int(value) and abs(value) >= 10 else f"{value:,.2f}"


_LEFT = ' style="text-align:left"'
_RIGHT = ' style="text-align:right"'


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """An HTML table with a header row and one row per sequence of values: text left-aligned
    (notebooks align every cell right by default), numbers right-aligned and written as the
    command line writes them.

    Examples:
        >>> table(("a", "b"), [(1234, "<x>")])
        '<table><thead><tr><th style="text-align:right">a</th><th style="text-align:left">b</th></tr></thead><tbody><tr><td style="text-align:right">1,234</td><td style="text-align:left">&lt;x&gt;</td></tr></tbody></table>'
    """
    body_rows = [tuple(row) for row in rows]
    numeric = [
        bool(body_rows) and all(_is_number(row[i]) for row in body_rows if i < len(row))
        for i in range(len(header))
    ]
    head = "".join(
        f"<th{_RIGHT if numeric[i] else _LEFT}>{escape(h)}</th>" for i, h in enumerate(header)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{_RIGHT}>{number(v)}</td>"  # type: ignore[arg-type]
            if _is_number(v)
            else f"<td{_LEFT}>{escape(v)}</td>"
            for v in row
        )
        + "</tr>"
        for row in body_rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def fields(pairs: Iterable[tuple[str, object]]) -> str:
    """An HTML table of names and values, one row each.

    Examples:
        >>> fields([("code", "NP101")])
        '<table><tbody><tr><th style="text-align:left">code</th><td style="text-align:left">NP101</td></tr></tbody></table>'
    """
    rows = "".join(
        f"<tr><th{_LEFT}>{escape(k)}</th><td{_LEFT}>{escape(v)}</td></tr>" for k, v in pairs
    )
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
        >>> '<td style="text-align:left">compounds</td><td style="text-align:right">4</td>' in city_html(
        ...     examples.seed_city()
        ... )
        True
    """
    head = f"<p><strong>{escape(city.name)}</strong> ({escape(city.id)})</p>"
    rows = [(name, n) for name, n in city.counts().items() if n]
    return f"<div>{head}{table(('collection', 'count'), rows)}</div>"
