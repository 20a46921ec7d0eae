"""Thresholds: the values of a parameter at which a subject fails (its tipping point)."""

from __future__ import annotations

import attrs

__all__ = ["Threshold"]


@attrs.frozen
class Threshold:
    """The values of a parameter at which a subject fails: ``value OP at``.

    ``op`` is one of ``">="``, ``">"``, ``"<="``, ``"<"``, ``"never"`` and ``"always"``.

    Examples:
        >>> Threshold(">", 3).fails(4), Threshold(">", 3).fails(3)
        (True, False)
        >>> Threshold("never").fails(10)
        False
    """

    op: str
    at: float = 0

    def fails(self, value: float) -> bool:
        """Whether the subject fails when the parameter takes this value.

        Examples:
            >>> from neighborparty.rules import rule_by_code
            >>> Threshold("<=", 60).fails(60), Threshold("<=", 60).fails(61)
            (True, False)
        """
        op, at = self.op, self.at
        if op == ">=":
            return value >= at
        if op == ">":
            return value > at
        if op == "<=":
            return value <= at
        if op == "<":
            return value < at
        return op == "always"
