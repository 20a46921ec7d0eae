"""What one rule said of each subject of a check, kept in columns.

A check of ``synth.city(scale=1)`` judges 721,624 subjects; kept as one ``(subject, verdict,
evidence)`` tuple each, its outcomes took 46 MB beside the city. :class:`Outcomes` keeps the
same values as three columns — the subjects, one byte per verdict, the evidence — and makes
each tuple only as it is read.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, final, overload

from neighborparty.errors import InvalidArgumentError, RuleDefinitionError
from neighborparty.rules.findings import Verdict

__all__ = ["Evidence", "Outcome", "Outcomes", "tally"]

Evidence = dict[str, Any] | tuple[Any, ...]
"""The evidence of one outcome: a dict, or the tuple of its values in the order of the rule's
``facts`` (a dict is then made only for the findings asked for)."""

Outcome = tuple[str, Verdict, Evidence]
"""What a rule's evaluation yields per subject: its id, the verdict and the evidence."""

VERDICTS: tuple[Verdict, ...] = tuple(Verdict)
"""The verdict of each code of the verdicts' column of :class:`Outcomes` (a byte a subject)."""
CODES: Mapping[Verdict, int] = {v: i for i, v in enumerate(VERDICTS)}
"""Each verdict's code in that column."""
_FIRST, _SECOND, _THIRD = operator.itemgetter(0), operator.itemgetter(1), operator.itemgetter(2)


@final
class Outcomes(Sequence[Outcome]):
    """What one rule said of each subject, in order: a sequence of ``(subject, verdict,
    evidence)`` tuples (结果), held as columns and equal to the tuple of the same outcomes.

    Examples:
        >>> from neighborparty import Verdict
        >>> outcomes = Outcomes([("c-1", Verdict.PASS, (3,)), ("c-2", Verdict.FAIL, (1,))])
        >>> len(outcomes), outcomes[1]
        (2, ('c-2', <Verdict.FAIL: 'fail'>, (1,)))
        >>> outcomes == (("c-1", Verdict.PASS, (3,)), ("c-2", Verdict.FAIL, (1,)))
        True
        >>> outcomes.subjects, outcomes.tally()[Verdict.FAIL]
        (('c-1', 'c-2'), 1)
        >>> Outcomes([("c-1", "fail", ())])
        Traceback (most recent call last):
        ...
        neighborparty.errors.InvalidArgumentError: outcomes[0] of 'c-1': the verdict 'fail' is not a Verdict
    """

    __slots__ = ("_evidence", "_subjects", "_verdicts")

    _subjects: tuple[str, ...]
    _verdicts: bytes
    _evidence: tuple[Evidence, ...]

    def __init__(self, outcomes: Iterable[Outcome] = ()) -> None:
        self._subjects, self._verdicts, self._evidence = _columns(outcomes, InvalidArgumentError)

    @classmethod
    def _judged_by(cls, code: str, outcomes: Iterable[Outcome]) -> Outcomes:
        """The outcomes a rule yielded, refused as the rule's fault where one is not an
        outcome."""

        def refused(reason: str) -> Exception:
            return RuleDefinitionError(code, f"its evaluation yielded {reason}")

        return cls._of(*_columns(outcomes, refused))

    @classmethod
    def _of(
        cls, subjects: tuple[str, ...], verdicts: bytes, evidence: tuple[Evidence, ...]
    ) -> Outcomes:
        made: Outcomes = object.__new__(cls)
        made._subjects, made._verdicts, made._evidence = subjects, verdicts, evidence
        return made

    def _changed(self, replaced: Iterable[tuple[int, Outcome]], dropped: Iterable[int]) -> Outcomes:
        """These outcomes with some replaced and some left out, by position: a re-check's
        merge. The subjects' column is shared where every subject stays in its place (a
        re-check judging some subjects again), the other columns copied."""
        moved: list[str] | None = None  # the subjects, where one changes
        verdicts, evidence = bytearray(self._verdicts), list(self._evidence)
        codes = CODES
        for i, (subject, verdict, facts) in replaced:
            if subject != self._subjects[i]:
                if moved is None:
                    moved = list(self._subjects)
                moved[i] = subject
            verdicts[i], evidence[i] = codes[verdict], facts
        gone = sorted(set(dropped), reverse=True)
        if gone:
            kept = list(self._subjects) if moved is None else moved
            for i in gone:
                del kept[i], verdicts[i], evidence[i]
            moved = kept
        subjects = self._subjects if moved is None else tuple(moved)
        return Outcomes._of(subjects, bytes(verdicts), tuple(evidence))

    @property
    def subjects(self) -> tuple[str, ...]:
        """The subjects judged, in order."""
        return self._subjects

    @property
    def verdicts(self) -> tuple[Verdict, ...]:
        """The verdicts, in the order of the subjects."""
        return tuple(map(VERDICTS.__getitem__, self._verdicts))

    def tally(self) -> dict[Verdict, int]:
        """How many subjects had each verdict (every verdict counted, zero or not)."""
        return {v: self._verdicts.count(i) for i, v in enumerate(VERDICTS)}

    def __len__(self) -> int:
        return len(self._subjects)

    def __iter__(self) -> Iterator[Outcome]:
        return zip(
            self._subjects, map(VERDICTS.__getitem__, self._verdicts), self._evidence, strict=True
        )

    @overload
    def __getitem__(self, index: int) -> Outcome: ...

    @overload
    def __getitem__(self, index: slice) -> Outcomes: ...

    def __getitem__(self, index: int | slice) -> Outcome | Outcomes:
        if isinstance(index, slice):
            return Outcomes._of(self._subjects[index], self._verdicts[index], self._evidence[index])
        return (self._subjects[index], VERDICTS[self._verdicts[index]], self._evidence[index])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Outcomes):
            return (
                self._subjects == other._subjects
                and self._verdicts == other._verdicts
                and self._evidence == other._evidence
            )
        if isinstance(other, tuple):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Outcomes({list(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Outcomes._of, (self._subjects, self._verdicts, self._evidence))


def _columns(
    outcomes: Iterable[Outcome], refused: Callable[[str], Exception]
) -> tuple[tuple[str, ...], bytes, tuple[Evidence, ...]]:
    """The subjects, the verdicts' codes and the evidence of some outcomes: transposed in one
    call where every outcome is a triple with a :class:`Verdict`, else read one by one to say
    which is not."""
    if isinstance(outcomes, Outcomes):
        return outcomes._subjects, outcomes._verdicts, outcomes._evidence
    rows = outcomes if isinstance(outcomes, list) else list(outcomes)
    try:
        if set(map(len, rows)) <= {3}:
            verdicts = tuple(map(_SECOND, rows))
            if set(map(type, verdicts)) <= {Verdict}:
                return (
                    tuple(map(_FIRST, rows)),
                    bytes(map(CODES.__getitem__, verdicts)),
                    tuple(map(_THIRD, rows)),
                )
    except (TypeError, LookupError):  # one has no length or no items: found below
        pass
    return _read_one_by_one(rows, refused)


def _read_one_by_one(
    outcomes: Iterable[Any], refused: Callable[[str], Exception]
) -> tuple[tuple[str, ...], bytes, tuple[Evidence, ...]]:
    subjects: list[str] = []
    verdicts = bytearray()
    evidence: list[Evidence] = []
    codes = CODES
    for i, outcome in enumerate(outcomes):
        try:
            subject, verdict, facts = outcome
        except (TypeError, ValueError):
            raise refused(
                f"outcomes[{i}]: {outcome!r} is not a (subject, verdict, evidence) triple"
            ) from None
        code = codes.get(verdict) if verdict.__class__ is Verdict else None
        if code is None:
            raise refused(f"outcomes[{i}] of {subject!r}: the verdict {verdict!r} is not a Verdict")
        subjects.append(subject)
        verdicts.append(code)
        evidence.append(facts)
    return tuple(subjects), bytes(verdicts), tuple(evidence)


def tally(outcomes: Sequence[Outcome]) -> dict[Verdict, int]:
    """How many of some outcomes had each verdict, every verdict counted, zero or not: read off
    the verdicts' column of :class:`Outcomes`, counted one by one of any other sequence.

    Examples:
        >>> from neighborparty import Verdict
        >>> made = [("c-1", Verdict.FAIL, ()), ("c-2", Verdict.FAIL, ())]
        >>> tally(made) == tally(Outcomes(made)) == {Verdict.PASS: 0, Verdict.FAIL: 2, Verdict.UNDETERMINED: 0}
        True
    """
    if isinstance(outcomes, Outcomes):
        return outcomes.tally()
    found = Counter(verdict for _, verdict, _ in outcomes)
    return {v: found[v] for v in VERDICTS}
