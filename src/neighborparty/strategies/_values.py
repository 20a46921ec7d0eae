"""The values the strategies give fields: names, ids, days, counts and areas.

Names mix Chinese, Latin letters, spaces and quotes, so that documents and tables see awkward
text; days count from :data:`DAY0` over about eleven years, and a later day is drawn from an
earlier one so that every span runs forwards.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

__all__ = ["DAY0", "areas", "counts", "dates", "ids", "names", "optional_dates"]

DAY0 = date(2015, 1, 1)
"""The first day the strategies draw."""

names = st.text(
    alphabet=st.sampled_from("金安东西老城小区党支部社区网格楼abcxyz -·'\"\\é"), max_size=8
)
ids = st.from_regex(r"[a-z]{1,3}-[0-9]{1,4}", fullmatch=True)
dates = st.builds(lambda n: DAY0 + timedelta(days=n), st.integers(0, 4000))
optional_dates = st.none() | dates
counts = st.integers(0, 400)
areas = st.floats(0, 1e6, allow_nan=False, allow_infinity=False)


def _later(draw: st.DrawFn, start: date) -> date:
    """A day on or after ``start``, within about five years.

    Examples:
        >>> from hypothesis import find, strategies as st
        >>> @st.composite
        ... def spans(draw):
        ...     return DAY0, _later(draw, DAY0)
        >>> start, end = find(spans(), lambda span: span[1] > span[0])
        >>> (end - start).days
        1
    """
    return start + timedelta(days=draw(st.integers(0, 2000)))


def _optional_later(draw: st.DrawFn, start: date) -> date | None:
    """A day on or after ``start``, or none (an open span)."""
    return _later(draw, start) if draw(st.booleans()) else None
