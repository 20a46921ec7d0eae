"""The errors neighborparty raises.

Every error derives from :class:`NeighborPartyError`, and each leaf error also derives from the
builtin it resembles, so ``except ValueError`` keeps working for callers who do not know this
library. Errors about a document or a city carry every problem found, each with the path inside
the document where it stands, never only the first one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, Protocol

import attrs

__all__ = [
    "MAX_PROBLEMS",
    "DocumentError",
    "DuplicateActivityError",
    "IntegrityError",
    "InvalidArgumentError",
    "InvalidFieldError",
    "NeighborPartyError",
    "NoRuleError",
    "NotInForceError",
    "Problem",
    "Problems",
    "PseudonymError",
    "RuleDefinitionError",
    "ScenarioError",
    "UnknownIdError",
    "UnknownParameterError",
    "UnknownRuleError",
    "did_you_mean",
]


@attrs.frozen(kw_only=True)
class Problem:
    """One problem found in a document or a city: where it is, and what is wrong.

    Args:
        path: Where the problem stands, as a path inside the document, e.g.
            ``compounds[3].households``; empty for the document as a whole.
        message: What is wrong, in a short sentence without the path.
        ids: The entity ids the problem is about (the offending or the missing ids).

    Examples:
        >>> p = Problem(path="compounds[3].households", message="expected int, got str")
        >>> str(p)
        'compounds[3].households: expected int, got str'
    """

    path: str
    message: str
    ids: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class NeighborPartyError(Exception):
    """The root of every error this library raises on purpose.

    Examples:
        >>> issubclass(DocumentError, NeighborPartyError)
        True
    """


class InvalidFieldError(NeighborPartyError, ValueError):
    """A field of an entity was given a value it cannot hold (a negative count, an end before
    its start).

    Args:
        field: The field's name.
        reason: What is wrong with the value.

    Examples:
        >>> from neighborparty import Compound, CompoundKind
        >>> try:
        ...     Compound(id="c", name="c", community="cm", households=-1, kind=CompoundKind.MANAGED)
        ... except InvalidFieldError as err:
        ...     print(err.field, "|", err)
        households | households: must be >= 0, got -1
    """

    def __init__(self, field: str, reason: str) -> None:
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")

    def __reduce__(self) -> tuple[type[InvalidFieldError], tuple[str, str]]:
        return (type(self), (self.field, self.reason))


MAX_PROBLEMS = 100
"""How many problems a :class:`DocumentError` or :class:`IntegrityError` keeps and lists at most;
the others are counted (:attr:`~DocumentError.total`). Set it to see more, e.g.
``neighborparty.errors.MAX_PROBLEMS = 10_000``."""


class Problems:
    """A list of problems that keeps the first :data:`MAX_PROBLEMS` and counts the rest, so that
    reading a hostile document holds a bounded number of them however many it has.

    Examples:
        >>> found = Problems(limit=2)
        >>> found.extend(Problem(path=f"x[{i}]", message="bad") for i in range(5))
        >>> len(found.kept), found.total, bool(found)
        (2, 5, True)
    """

    def __init__(self, *, limit: int | None = None) -> None:
        self.limit = MAX_PROBLEMS if limit is None else limit
        self.kept: list[Problem] = []
        self.total = 0

    def append(self, problem: Problem) -> None:
        """Keep a problem, or only count it once the limit is reached."""
        self.total += 1
        if len(self.kept) < self.limit:
            self.kept.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Keep or count each of these problems."""
        for problem in problems:
            self.append(problem)

    def __bool__(self) -> bool:
        return self.total > 0


class InvalidArgumentError(NeighborPartyError, ValueError):
    """A function of the library was called with an argument it cannot take (a level that is
    no level, a negative count, a fraction of a whole unit); the message says what it takes.

    Examples:
        >>> from neighborparty import examples, graph
        >>> graph.coverage(examples.seed_city(), by="street")
        Traceback (most recent call last):
        ...
        neighborparty.errors.InvalidArgumentError: by must be 'community', 'subdistrict', 'district' or 'city', not 'street'
        >>> issubclass(InvalidArgumentError, ValueError)
        True
    """


class _ProblemsError(NeighborPartyError, ValueError):
    """An error that lists several problems, one per line: the first :data:`MAX_PROBLEMS` of
    them, and how many more there are."""

    headline = "invalid input"

    def __init__(self, problems: Iterable[Problem] | Problems, *, total: int | None = None) -> None:
        if isinstance(problems, Problems):
            listed = tuple(problems.kept)
            total = problems.total if total is None else total
        else:
            listed = tuple(problems)
        self.problems: tuple[Problem, ...] = listed[: max(MAX_PROBLEMS, 0)]
        self.total: int = max(len(listed) if total is None else total, len(self.problems))
        noun = "problem" if self.total == 1 else "problems"
        lines = "\n".join(f"  {p}" for p in self.problems)
        rest = self.total - len(self.problems)
        head = f"{self.headline} ({self.total:,} {noun}"
        head += f"; the first {len(self.problems):,} listed):" if rest else "):"
        more = f"\n  ... and {rest:,} more (see neighborparty.errors.MAX_PROBLEMS)" if rest else ""
        super().__init__(f"{head}\n{lines}{more}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.problems, self.total))


def _rebuild(
    cls: type[_ProblemsError], problems: tuple[Problem, ...], total: int
) -> _ProblemsError:
    return cls(problems, total=total)


class DocumentError(_ProblemsError):
    """A document could not be read: it is not of the shape the format describes.

    The message lists every problem with its path (the first :data:`MAX_PROBLEMS` of them, and
    how many more there are); :attr:`problems` holds those listed as :class:`Problem` objects for
    programs, :attr:`total` how many were found.

    Examples:
        >>> err = DocumentError([Problem(path="name", message="expected str, got int")])
        >>> print(err)
        invalid document (1 problem):
          name: expected str, got int
        >>> isinstance(err, ValueError)
        True
    """

    headline = "invalid document"


class IntegrityError(_ProblemsError):
    """A city whose parts do not fit together: duplicate ids, dangling references, loops.

    Only data that cannot mean anything raises it. A city that breaks *policy* still loads;
    its breaches are findings of the rule check.

    Examples:
        >>> err = IntegrityError(
        ...     [Problem(path="compounds[0].community", message="no community 'c9'", ids=("c9",))]
        ... )
        >>> err.problems[0].ids
        ('c9',)
        >>> isinstance(err, ValueError)
        True
    """

    headline = "inconsistent city"


class UnknownIdError(NeighborPartyError, KeyError):
    """An id was looked up in a city that holds no entity with that id.

    Examples:
        >>> err = UnknownIdError("c-9", "City 'xm'")
        >>> print(err)
        no entity 'c-9' in City 'xm'
        >>> isinstance(err, KeyError), err.id
        (True, 'c-9')
    """

    def __init__(self, id: str, where: str = "the city") -> None:
        self.id = id
        self.where = where
        super().__init__(id)

    def __str__(self) -> str:
        return f"no entity {self.id!r} in {self.where}"

    def __reduce__(self) -> tuple[type[UnknownIdError], tuple[str, str]]:
        return (type(self), (self.id, self.where))


# ----------------------------------------------------------------------------- points


class _Record(Protocol):
    """A record with an id: an :class:`~neighborparty.Activity` (the model stands above this
    module)."""

    @property
    def id(self) -> str: ...


class DuplicateActivityError(NeighborPartyError, ValueError):
    """Two different activity records carry the same id.

    The same record twice is one event and counts once; two records that differ under one id
    cannot both be true, so the points ledger refuses them rather than pick one.

    Args:
        first: The record seen first.
        second: The record seen later, with the same id and some other field different.

    Examples:
        >>> from datetime import date
        >>> from neighborparty import Activity, ActivityKind
        >>> a = Activity(id="ac-1", person="p-1", kind=ActivityKind.DUES_PAID, on=date(2020, 1, 5))
        >>> b = Activity(id="ac-1", person="p-1", kind=ActivityKind.DUES_PAID, on=date(2020, 1, 6))
        >>> err = DuplicateActivityError(a, b)
        >>> err.id, isinstance(err, ValueError)
        ('ac-1', True)
        >>> print(err)
        two different records under activity id 'ac-1': Activity(id='ac-1', person='p-1', kind=<ActivityKind.DUES_PAID: 'dues_paid'>, on=datetime.date(2020, 1, 5), ref=None, hours=None) and Activity(id='ac-1', person='p-1', kind=<ActivityKind.DUES_PAID: 'dues_paid'>, on=datetime.date(2020, 1, 6), ref=None, hours=None)
    """

    def __init__(self, first: _Record, second: _Record) -> None:
        self.id = first.id
        self.first = first
        self.second = second
        super().__init__(
            f"two different records under activity id {first.id!r}: {first!r} and {second!r}"
        )

    def __reduce__(self) -> tuple[type[DuplicateActivityError], tuple[_Record, _Record]]:
        return (type(self), (self.first, self.second))


class NotInForceError(NeighborPartyError, ValueError):
    """A points scheme has no value in force on a day where scoring needs one (its base score
    or its flag threshold, read on the first day of the period).

    Args:
        scheme: The scheme's name.
        what: What is missing, e.g. ``"base"``.
        day: The day it was looked up on.

    Examples:
        >>> from datetime import date
        >>> print(NotInForceError("example", "base", date(2019, 1, 1)))
        scheme 'example' has no base in force on 2019-01-01
    """

    def __init__(self, scheme: str, what: str, day: date) -> None:
        self.scheme = scheme
        self.what = what
        self.day = day
        super().__init__(f"scheme {scheme!r} has no {what} in force on {day.isoformat()}")

    def __reduce__(self) -> tuple[type[NotInForceError], tuple[str, str, date]]:
        return (type(self), (self.scheme, self.what, self.day))


# ----------------------------------------------------------------------------- the rules


class UnknownParameterError(NeighborPartyError, KeyError):
    """A parameter name that the policy does not hold.

    Examples:
        >>> print(UnknownParameterError("branch.min_ful_members", ["branch.min_full_members"]))
        no parameter 'branch.min_ful_members'; did you mean 'branch.min_full_members'?
    """

    def __init__(self, name: str, known: Iterable[str] = ()) -> None:
        import difflib

        self.name = name
        self.suggestions = tuple(difflib.get_close_matches(name, list(known), n=3))
        super().__init__(name)

    def __str__(self) -> str:
        hint = (
            "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
            if self.suggestions
            else ""
        )
        return f"no parameter {self.name!r}{hint}"

    def __reduce__(self) -> tuple[type[UnknownParameterError], tuple[str, tuple[str, ...]]]:
        return (type(self), (self.name, self.suggestions))


class UnknownRuleError(NeighborPartyError, KeyError):
    """A rule code that the catalogue does not hold.

    Examples:
        >>> err = UnknownRuleError("NP999", ["NP101", "NP102"])
        >>> print(err)
        no rule 'NP999' in the catalogue
        >>> isinstance(err, KeyError)
        True
        >>> print(UnknownRuleError("NP1O1", ["NP101", "NP102"]))
        no rule 'NP1O1' in the catalogue; did you mean 'NP101'?
    """

    def __init__(self, code: str, known: Iterable[str] = ()) -> None:
        import difflib

        self.code = code
        self.suggestions = tuple(difflib.get_close_matches(code, list(known), n=2, cutoff=0.8))
        super().__init__(code)

    def __str__(self) -> str:
        hint = (
            "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
            if self.suggestions
            else ""
        )
        return f"no rule {self.code!r} in the catalogue{hint}"

    def __reduce__(self) -> tuple[type[UnknownRuleError], tuple[str, tuple[str, ...]]]:
        return (type(self), (self.code, self.suggestions))


class RuleDefinitionError(NeighborPartyError, ValueError):
    """A rule or a catalogue that cannot be made as declared (two rules with one code, ...).

    Examples:
        >>> print(RuleDefinitionError("NP101", "two rules have this code"))
        rule NP101: two rules have this code
    """

    def __init__(self, code: str, reason: str) -> None:
        self.code = code
        self.reason = reason
        super().__init__(f"rule {code}: {reason}")

    def __reduce__(self) -> tuple[type[RuleDefinitionError], tuple[str, str]]:
        return (type(self), (self.code, self.reason))


class NoRuleError(NeighborPartyError, LookupError):
    """A finding made without its rule was asked for its words (message, explanation).

    Examples:
        >>> print(NoRuleError("NP101"))
        finding NP101 was made without its rule: pass rule= to word it
    """

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f"finding {code} was made without its rule: pass rule= to word it")

    def __reduce__(self) -> tuple[type[NoRuleError], tuple[str]]:
        return (type(self), (self.code,))


# ----------------------------------------------------------------------------- privacy


class PseudonymError(NeighborPartyError, ValueError):
    """A city could not be pseudonymised: the key is empty, or two ids got one pseudonym
    (about once in 10¹⁴ for a large city; pseudonymise again with another key).

    Examples:
        >>> from neighborparty import examples
        >>> from neighborparty.privacy import pseudonymize
        >>> pseudonymize(examples.seed_city(), b"")
        Traceback (most recent call last):
        ...
        neighborparty.errors.PseudonymError: the key must be non-empty bytes or text
    """


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """The tail of a message suggesting the nearest known name, or nothing.

    Examples:
        >>> did_you_mean("stations", ["station", "vote"]), did_you_mean("zzz", ["vote"])
        ("; did you mean 'station'?", '')
    """
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


# ----------------------------------------------------------------------------- scenarios


class ScenarioError(NeighborPartyError, ValueError):
    """Some scenarios of a run could not be checked (their city did not load, their policy
    did not apply): the message names each with its reason, and ``results`` holds the
    results of the others.

    Examples:
        >>> err = ScenarioError({"2021": "year must be one of 2020, 2024, got 2021"}, results=None)
        >>> print(err)
        1 scenario could not be checked: '2021': year must be one of 2020, 2024, got 2021
        >>> err.failures
        {'2021': 'year must be one of 2020, 2024, got 2021'}
    """

    def __init__(self, failures: dict[str, str], results: Any) -> None:
        self.failures = dict(failures)
        self.results = results
        """The :class:`~neighborparty.scenarios.Results` of the scenarios that were checked."""
        n = len(self.failures)
        listed = "; ".join(f"{label!r}: {reason}" for label, reason in self.failures.items())
        super().__init__(f"{n} scenario{'s' if n != 1 else ''} could not be checked: {listed}")

    def __reduce__(self) -> tuple[type[ScenarioError], tuple[dict[str, str], Any]]:
        return (type(self), (self.failures, self.results))
