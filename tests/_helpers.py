"""What tests of several layers share."""

from datetime import date

SEED_DAY = date(2020, 10, 26)
"""The seed article's day."""
