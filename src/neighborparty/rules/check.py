"""Checking a city against a policy."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from neighborparty.model import City
from neighborparty.rules._run import as_of, run
from neighborparty.rules.policy import DEFAULT_POLICY, Policy
from neighborparty.rules.report import Report
from neighborparty.rules.rule import Rule

__all__ = ["as_of", "check", "select_rules"]


def select_rules(
    rules: Iterable[Rule], select: Sequence[str] | None = None, ignore: Sequence[str] | None = None
) -> tuple[Rule, ...]:
    """The rules whose code starts with a ``select`` prefix and with no ``ignore`` prefix.

    ``select=None`` selects every rule; prefixes work as in ruff (``"NP1"``, ``"NP50"``, a code).

    Examples:
        >>> from neighborparty.rules import all_rules
        >>> [r.code for r in select_rules(all_rules(), ["NP10"], ["NP105", "NP106"])]
        ['NP101', 'NP102', 'NP103', 'NP104', 'NP107', 'NP108']
    """
    if isinstance(select, str) or isinstance(ignore, str):
        raise TypeError("select and ignore take lists of code prefixes, not a string")
    return tuple(
        r
        for r in rules
        if (select is None or any(r.code.startswith(p) for p in select))
        and not any(r.code.startswith(p) for p in (ignore or ()))
    )


def check(
    city: City,
    policy: Policy = DEFAULT_POLICY,
    *,
    on: date | None = None,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
) -> Report:
    """Check a city against a policy: one finding per rule and subject.

    Args:
        city: The city.
        policy: The rules and parameters (default: every rule, default parameters).
        on: The day to check for: the parameters in force that day, the posts in force that
            day, and terms and deadlines measured to it. ``None`` takes the latest: each
            parameter's latest value, the posts still open, and deadlines measured to the
            latest day the city records (:func:`as_of`).
        select: Code prefixes to check (``["NP1", "NP201"]``); ``None`` checks every rule.
        ignore: Code prefixes to leave out.

    Returns:
        A :class:`Report`.

    Examples:
        >>> from neighborparty import examples
        >>> report = check(examples.seed_city())
        >>> report.counts()["NP101"]
        {'pass': 4, 'fail': 0, 'undetermined': 0}
        >>> [f.subject for f in report.failures() if f.code == "NP105"]   # 3 of 4 above cm-old
        ['cm-old', 's-1', 'd-1', 'xm-demo']
    """
    if select is not None and not isinstance(select, str):
        select = tuple(select)  # read once: a generator is not read twice
    if ignore is not None and not isinstance(ignore, str):
        ignore = tuple(ignore)
    rules = select_rules(policy.rules, select, ignore)
    day, results = run(city, policy, on, rules)
    return Report(
        city=city,
        policy=policy,
        on=on,
        day=day,
        results=results,
        select=tuple(select) if select is not None else None,
        ignore=tuple(ignore) if ignore is not None else None,
    )
