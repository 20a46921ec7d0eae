"""The report of a check: its findings, counts, roll-ups by place, metrics, text and JSON.

Tables (pandas) of a report are made by :mod:`._frames`, its notebook HTML by :mod:`._html`,
and its re-check after an edit by :mod:`.recheck`; the report delegates to them.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from neighborparty.errors import InvalidArgumentError
from neighborparty.model import City, Severity
from neighborparty.model._gc import paused_gc
from neighborparty.rules.findings import Finding, Verdict
from neighborparty.rules.locate import LEVELS, index_by_place
from neighborparty.rules.metrics import Metrics, compute_metrics
from neighborparty.rules.outcomes import tally
from neighborparty.rules.policy import Policy
from neighborparty.rules.rule import Evidence, Outcome, Rule

if TYPE_CHECKING:
    import pandas as pd

    from neighborparty.rules.fixes import Costs, Fixes

__all__ = ["REPORT_FORMAT_VERSION", "Report"]

REPORT_FORMAT_VERSION = 1
"""The version of the JSON shape of reports and comparisons (``format_version`` in them)."""


def _json_parts(
    head: Mapping[str, Any],
    findings: Iterable[Finding],
    tail: Mapping[str, Any],
    indent: int | None,
) -> Iterator[str]:
    """The text :func:`json.dumps` makes of ``{**head, "findings": [...], **tail}`` (Chinese as
    it is), in parts: each value of ``head`` and ``tail`` encoded alone and indented to its
    level (a JSON text holds no line break but between its tokens), a finding at a time."""

    def line(level: int) -> str:
        return "" if indent is None else "\n" + " " * (indent * level)

    def encoded(value: Any, level: int) -> str:
        text = json.dumps(value, ensure_ascii=False, indent=indent)
        return text if indent is None else text.replace("\n", line(level))

    comma = ", " if indent is None else ","

    def entries(part: Mapping[str, Any]) -> str:
        return "".join(
            f"{comma}{line(1)}{json.dumps(key, ensure_ascii=False)}: {encoded(value, 1)}"
            for key, value in part.items()
        )

    yield "{" + entries(head)[len(comma) :] + f'{comma}{line(1)}"findings": ['
    between = line(2)
    for finding in findings:
        yield between + encoded(finding.to_dict(), 2)
        between = comma + line(2)
    yield ("]" if between == line(2) else line(1) + "]") + entries(tail) + line(0) + "}"


def _descending(severity: Severity) -> int:
    return -severity.rank


@attrs.frozen(kw_only=True, eq=False)
class Report:
    """The findings of a check, their counts, and the metrics of every place.

    Examples:
        >>> from neighborparty import check, examples
        >>> report = check(examples.seed_city(), select=["NP1"])
        >>> report
        Report(city='xm-demo', day=2020-10-08, rules=8, findings=25, failing=5)
        >>> report.rules[:2]
        ('NP101', 'NP102')
    """

    city: City = attrs.field(repr=False)
    policy: Policy = attrs.field(repr=False)
    on: date | None
    day: date
    results: tuple[tuple[Rule, Sequence[Outcome]], ...] = attrs.field(repr=False)
    """Per rule, in the order the rules ran: what it said of each subject, as ``(subject,
    verdict, evidence)`` (the evidence as the rule gave it; :meth:`Rule.evidence` makes it a
    dict), an :class:`~neighborparty.rules.outcomes.Outcomes` where the check made it."""
    select: tuple[str, ...] | None = attrs.field(default=None, repr=False)
    """The code prefixes the check selected (``None``: every rule)."""
    ignore: tuple[str, ...] | None = attrs.field(default=None, repr=False)
    """The code prefixes the check left out."""

    @functools.cached_property
    def provenance(self) -> dict[str, Any]:
        """What reproduces this report later (see :mod:`neighborparty.rules.provenance`): the
        library's version, fingerprints of the policy and of the document, the day and the
        selection of rules. ``to_dict`` carries it.

        Examples:
            >>> from neighborparty import check, examples
            >>> check(examples.seed_city()).provenance["library"].startswith("neighborparty ")
            True
        """
        from neighborparty.rules.provenance import provenance

        return provenance(self)

    def verify(self, stored: Mapping[str, Any]) -> tuple[str, ...]:
        """How a stored report (its ``to_dict``) differs from this one, made again of the same
        document: ``()`` when it still matches (see :func:`~neighborparty.rules.provenance.verify`).

        Examples:
            >>> from neighborparty import check, examples
            >>> stored = check(examples.seed_city()).to_dict()
            >>> check(examples.seed_city()).verify(stored)
            ()
        """
        from neighborparty.rules.provenance import verify

        return verify(stored, self)

    @property
    def rules(self) -> tuple[str, ...]:
        """The codes of the rules checked, in the order they ran."""
        return tuple(r.code for r, _ in self.results)

    @functools.cached_property
    def outcomes(self) -> tuple[tuple[Rule, str, Verdict, Evidence], ...]:
        """What each rule said of each subject, in the order the rules ran: the findings, unmade
        (the evidence as the rule gave it; :meth:`Rule.evidence` makes it a dict)."""
        return tuple(
            (r, subject, verdict, evidence)
            for r, outcomes in self.results
            for subject, verdict, evidence in outcomes
        )

    def recheck(self, city: City) -> Report:
        """The report of the same check of an edited city: equal to ``check(city)`` with this
        report's policy, day and rules.

        When ``city`` was made from this report's city by :meth:`City.with_updates` and
        :meth:`City.without` (one edit or several in a row), only the subjects the edits can
        have changed are judged again, on a slice of the city around them: after editing one
        compound, its branches, posts or residents, that costs a small fraction of a check.
        Otherwise — another city, an edit of the districts, sub-districts, communities, grids
        or service items, a compound added, removed or moved to another community, a building
        moved to another compound, the first activity recorded or the last one removed, or an
        edit that moves the latest day the city records when the check is for that day — the
        city is checked in full. The first re-check from a report builds lookups of its city
        that later ones reuse.

        Examples:
            >>> import attrs
            >>> from neighborparty import CompoundKind, check, examples
            >>> city = examples.seed_city()
            >>> report = check(city)
            >>> old_town = attrs.evolve(city.get("c-jinan"), kind=CompoundKind.OLD_QUARTER)
            >>> edited = city.with_updates(compounds=[old_town])
            >>> again = report.recheck(edited)
            >>> again.findings == check(edited).findings
            True
            >>> [(f.code, f.verdict.value) for f in again.findings_for("c-jinan")
            ...  if f.code in ("NP102", "NP104")]
            [('NP104', 'fail')]
        """
        from neighborparty.rules.recheck import recheck_results

        placed: dict[str, dict[str, int]] = {}
        day, results = recheck_results(self, city, placed)
        again = Report(
            city=city,
            policy=self.policy,
            on=self.on,
            day=day,
            results=results,
            select=self.select,
            ignore=self.ignore,
        )
        again._positions.update(placed)  # the subjects stand where they stood
        return again

    def fixes(self, finding: Finding, *, costs: Costs | None = None, limit: int = 3) -> Fixes:
        """The cheapest fixes of a failing finding of this report, at most ``limit``, cheapest
        first: each a :class:`~neighborparty.rules.fixes.Fix` whose edits, made in this
        report's city and re-checked, make the finding pass and no other error-level finding
        of the rules this report checked newly fail (see :mod:`neighborparty.rules.fixes`).
        When there is none, the answer is empty and says why (``reason``).

        Args:
            finding: A failing finding of this report.
            costs: The cost model (default :class:`~neighborparty.rules.fixes.Costs`).
            limit: The most fixes to return.

        Raises:
            InvalidArgumentError: The finding is not a failing finding of this report.

        Examples:
            >>> from neighborparty import check, examples
            >>> report = check(examples.seed_city())
            >>> found = report.fixes(report.findings_for("p-huang")[0])
            >>> [(f.code, f.cost) for f in found]
            [('NP401', 1.0), ('NP401', 2.0)]
        """
        from neighborparty.rules.fixes import fixes

        return fixes(self, finding, costs=costs, limit=limit)

    def _position(self, rule: Rule) -> dict[str, int]:
        """Where each subject's outcome stands in a rule's results (built on first use)."""
        found = self._positions.get(rule.code)
        if found is None:
            outcomes = next(o for r, o in self.results if r is rule)
            found = self._positions[rule.code] = {s: i for i, (s, _, _) in enumerate(outcomes)}
        return found

    @functools.cached_property
    def _positions(self) -> dict[str, dict[str, int]]:
        return {}

    @functools.cached_property
    def _recheck_plan(self) -> object:
        """What this report's rules read, for its re-checks (see
        :mod:`neighborparty.rules.recheck`)."""
        from neighborparty.rules.recheck import _Plan

        return _Plan(self)

    @functools.cached_property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding: one per rule and subject judged, rules in code order."""
        with paused_gc(settle=True):
            return self._make_findings()

    def _make_findings(self) -> tuple[Finding, ...]:
        return tuple(
            r.finding(subject, verdict, evidence) for r, subject, verdict, evidence in self.outcomes
        )

    def iter_findings(
        self, *verdicts: Verdict, severity: Severity | None = None
    ) -> Iterator[Finding]:
        """The findings of some verdicts, at or above a severity if given, in the order of
        :attr:`findings`, made one at a time and only those: a check makes a finding for
        each subject judged (721,624 of them for ``synth.city(scale=1)``), and a list of what
        fails needs a few thousand, which a caller printing them need not hold at once.

        Args:
            verdicts: The verdicts wanted (none: every verdict).
            severity: The lowest severity wanted (``None``: every severity).

        Examples:
            >>> from neighborparty import Severity, Verdict, check, examples
            >>> report = check(examples.seed_city(), select=["NP1"])
            >>> [f.code for f in report.iter_findings(Verdict.FAIL, severity=Severity.ERROR)]
            ['NP103']
            >>> tuple(report.iter_findings(Verdict.FAIL)) == report.failures()
            True
            >>> tuple(report.iter_findings()) == report.findings
            True
        """
        wanted = frozenset(verdicts or Verdict)
        floor = -1 if severity is None else severity.rank
        try:  # made already: the same objects
            made: tuple[Finding, ...] = object.__getattribute__(self, "findings")
        except AttributeError:
            for r, outcomes in self.results:
                if r.severity.rank >= floor:
                    for subject, verdict, evidence in outcomes:
                        if verdict in wanted:
                            yield r.finding(subject, verdict, evidence)
        else:
            for f in made:
                if f.verdict in wanted and f.severity.rank >= floor:
                    yield f

    def __repr__(self) -> str:
        judged = sum(len(outcomes) for _, outcomes in self.results)
        failing = sum(tally(outcomes)[Verdict.FAIL] for _, outcomes in self.results)
        return (
            f"Report(city={self.city.id!r}, day={self.day.isoformat()}, "
            f"rules={len(self.rules)}, findings={judged}, failing={failing})"
        )

    def counts(self) -> dict[str, dict[str, int]]:
        """Per rule checked: how many subjects passed, failed, or could not be judged.

        Examples:
            >>> from neighborparty import check, examples
            >>> check(examples.seed_city(), select=["NP103"]).counts()
            {'NP103': {'pass': 2, 'fail': 1, 'undetermined': 0}}
        """
        return {
            r.code: {v.value: n for v, n in tally(outcomes).items()} for r, outcomes in self.results
        }

    def failures(self, *, severity: Severity | None = None) -> tuple[Finding, ...]:
        """The failing findings, all of them or those at or above a severity.

        Examples:
            >>> from neighborparty import Severity, check, examples
            >>> report = check(examples.seed_city(), select=["NP10"])
            >>> len(report.failures()) > len(report.failures(severity=Severity.ERROR))
            True
        """
        return tuple(self.iter_findings(Verdict.FAIL, severity=severity))

    def findings_for(self, subject: str) -> tuple[Finding, ...]:
        """The findings about one subject (a compound, a branch, a person ...).

        Examples:
            >>> from neighborparty import check, examples
            >>> [f.code for f in check(examples.seed_city(), select=["NP1"]).findings_for("c-old")]
            ['NP101', 'NP104']
        """
        return self._by_subject.get(subject, ())

    @functools.cached_property
    def _by_subject(self) -> dict[str, tuple[Finding, ...]]:
        found: dict[str, list[Finding]] = defaultdict(list)
        for f in self.findings:
            found[f.subject].append(f)
        return {k: tuple(v) for k, v in found.items()}

    @functools.cached_property
    def _subjects_in(self) -> dict[str, list[str]]:
        return index_by_place(self.city, self._by_subject)

    def findings_in(self, place: str) -> tuple[Finding, ...]:
        """The findings about a place and everything in it: drill down from the city to a compound.

        A compound's findings are its own and those of its buildings, lanes, residents,
        owners' committees, votes and whistles, and of the branches covering it (see
        :mod:`neighborparty.rules.locate`). Rules in code order, subjects in document order.

        Raises:
            UnknownIdError: The city has no such place.

        Examples:
            >>> from neighborparty import check, examples
            >>> report = check(examples.seed_city())
            >>> sorted({(f.code, f.subject) for f in report.findings_in("c-old") if f.failed})
            [('NP103', 'br-grid-old'), ('NP210', 'br-grid-old'), ('NP405', 'p-xu'), ('NP601', 'c-old'), ('NP604', 'c-old')]
        """
        if place != self.city.id:
            self.city.get(place)
        subjects = set(self._subjects_in.get(place, ()))
        return tuple(f for f in self.findings if f.subject in subjects)

    def failures_by(self, level: str = "district") -> dict[str, dict[str, int]]:
        """Failing findings per place of a level, by severity, with their total.

        Args:
            level: ``"compound"``, ``"community"``, ``"subdistrict"``, ``"district"`` or
                ``"city"``. A finding counts in every place its subject lies in (a joint branch
                in each of its compounds), and not at all at levels below its subject (a
                community's coverage finding counts for no compound).

        Examples:
            >>> from neighborparty import check, examples
            >>> check(examples.seed_city()).failures_by("community")["cm-old"]
            {'error': 1, 'warning': 4, 'info': 1, 'total': 6}
        """
        if level == "city":
            places: Iterable[str] = (self.city.id,)
        elif level in LEVELS:
            places = (e.id for e in getattr(self.city, LEVELS[level]))
        else:
            raise InvalidArgumentError(
                f"level must be one of {', '.join([*LEVELS, 'city'])}, not {level!r}"
            )
        table: dict[str, dict[str, int]] = {}
        for place in places:
            subjects = self._subjects_in.get(place, ())
            tally = dict.fromkeys([s.value for s in sorted(Severity, key=_descending)], 0)
            for subject in subjects:
                for f in self._by_subject[subject]:
                    if f.failed:
                        tally[f.severity.value] += 1
            tally["total"] = sum(tally.values())
            table[place] = tally
        return table

    def worst(self, n: int = 5, *, level: str = "compound") -> tuple[tuple[str, int], ...]:
        """The ``n`` places of a level with the most failing findings, worst first.

        Places are ranked by failing errors, then warnings, then infos, then by id; places
        with no failing finding are left out.

        Examples:
            >>> from neighborparty import check, examples
            >>> check(examples.seed_city()).worst(2)   # one error outranks any number of warnings
            (('c-old', 5), ('c-jinan', 11))
        """
        table = self.failures_by(level)
        ranked = sorted(
            (place for place, tally in table.items() if tally["total"]),
            key=lambda p: (
                *(-table[p][s.value] for s in sorted(Severity, key=_descending)),
                p,
            ),
        )
        return tuple((place, table[place]["total"]) for place in ranked[:n])

    @functools.cached_property
    def metrics(self) -> Metrics:
        """The metrics of every community, sub-district, district and the city."""
        return compute_metrics(
            self.city,
            on=self.on,
            red_share=self.policy.value("owners.red_committee_share", self.on),
        )

    def summary(self) -> str:
        """A plain-text summary: per rule, subjects passing, failing and undetermined.

        Examples:
            >>> from neighborparty import check, examples
            >>> print(check(examples.seed_city(), select=["NP101", "NP105"]).summary())
            Check of 厦门 (seed examples) (xm-demo) on 2020-10-08: 2 rules, 4 failing findings
            code   severity  pass  fail  undetermined  title
            NP101  error        4     0             0  One compound, one branch
            NP105  warning      1     4             0  Organisation coverage
        """
        counts = self.counts()
        failing = sum(c["fail"] for c in counts.values())
        lines = [
            f"Check of {self.city.name} ({self.city.id}) on {self.day.isoformat()}: "
            f"{len(self.rules)} rules, {failing} failing finding{'s' if failing != 1 else ''}",
            f"{'code':<7}{'severity':<9}{'pass':>5}{'fail':>6}{'undetermined':>14}  title",
        ]
        for r, _ in self.results:
            code = r.code
            c = counts[code]
            lines.append(
                f"{code:<7}{r.severity.value:<9}{c['pass']:>5}{c['fail']:>6}"
                f"{c['undetermined']:>14}  {r.title_en}"
            )
        return "\n".join(lines)

    def to_dict(self, *, findings: str = "all") -> dict[str, Any]:
        """The report as plain data for JSON.

        Args:
            findings: ``"all"``, or ``"failing"`` for failing and undetermined findings only.

        Examples:
            >>> from neighborparty import check, examples
            >>> doc = check(examples.seed_city(), select=["NP101"]).to_dict()
            >>> doc["counts"], len(doc["findings"])
            ({'NP101': {'pass': 4, 'fail': 0, 'undetermined': 0}}, 4)
        """
        head, chosen, tail = self._plain(findings)
        return {**head, "findings": [f.to_dict() for f in chosen], **tail}

    def iter_json(self, *, findings: str = "all", indent: int | None = None) -> Iterator[str]:
        """The JSON text of :meth:`to_dict` in parts that join to it, a finding at a time: what
        ``json.dumps(report.to_dict(findings=findings), ensure_ascii=False, indent=indent)``
        gives, without the plain data of every finding at once (those of the failing findings
        of ``synth.city(scale=1)`` take about 60 MB).

        Args:
            findings: ``"all"``, or ``"failing"`` for failing and undetermined findings only.
            indent: Spaces per level of nesting, as :func:`json.dumps` takes them (``None``:
                the text on one line).

        Raises:
            InvalidArgumentError: ``findings`` is neither, or ``indent`` not a count of spaces.

        Examples:
            >>> import json
            >>> from neighborparty import check, examples
            >>> report = check(examples.seed_city(), select=["NP103"])
            >>> text = "".join(report.iter_json(findings="failing", indent=2))
            >>> text == json.dumps(report.to_dict(findings="failing"), ensure_ascii=False, indent=2)
            True
            >>> print(text[:46])
            {
              "format_version": 1,
              "city": "xm-demo",
        """
        if indent is not None and (indent.__class__ is not int or indent < 0):
            raise InvalidArgumentError(f"indent must be a count of spaces or None, not {indent!r}")
        head, chosen, tail = self._plain(findings)
        return _json_parts(head, chosen, tail, indent)

    def _plain(self, findings: str) -> tuple[dict[str, Any], Iterable[Finding], dict[str, Any]]:
        """The plain data of :meth:`to_dict` before its findings, the findings, and after."""
        if findings not in ("all", "failing"):
            raise InvalidArgumentError(f"findings must be 'all' or 'failing', not {findings!r}")
        chosen = (
            self.findings
            if findings == "all"
            else self.iter_findings(Verdict.FAIL, Verdict.UNDETERMINED)
        )
        head = {
            "format_version": REPORT_FORMAT_VERSION,
            "city": self.city.id,
            "on": self.on.isoformat() if self.on else None,
            "day": self.day.isoformat(),
            "rules": list(self.rules),
            "counts": self.counts(),
            "metrics": self.metrics.values,
        }
        return head, chosen, {"provenance": self.provenance}

    def to_pandas(self, *, findings: str = "all", evidence: bool = False) -> pd.DataFrame:
        """The findings as a pandas DataFrame, one row per finding, in the report's order.

        Columns: ``code``, ``subject``, ``collection`` (the subject's collection in the city,
        e.g. ``"compounds"``, or ``"city"`` for the city itself), ``verdict`` (categorical:
        pass, fail, undetermined), ``severity`` (ordered categorical: info < warning < error,
        so ``frame[frame.severity >= "warning"]`` works), ``message`` (English) and
        ``citation``; the index is a RangeIndex. Needs the ``pandas`` extra.

        Args:
            findings: ``"all"``, or ``"failing"`` for failing and undetermined findings only.
            evidence: Add an ``evidence`` column holding each finding's evidence as a dict.

        Raises:
            ImportError: pandas is not installed.

        Examples:
            >>> from neighborparty import check, examples
            >>> frame = check(examples.seed_city(), select=["NP105"]).to_pandas()
            >>> frame[["subject", "collection", "verdict"]].head(2)
              subject   collection verdict
            0  cm-jinan  communities    pass
            1    cm-old  communities    fail
        """
        from neighborparty.rules._frames import findings_frame

        return findings_frame(self, findings=findings, evidence=evidence)

    def metrics_frame(self, *, level: str | None = None) -> pd.DataFrame:
        """The metrics of every place as a pandas DataFrame indexed by place id.

        Columns: ``level`` (ordered categorical: city < district < subdistrict < community),
        ``name``, ``parent`` (the id of the place one level up; missing for the city), then one
        column per metric of :data:`~neighborparty.rules.METRICS`, in its order. Rows go top
        down: the city, its districts, sub-districts, communities. Needs the ``pandas`` extra.

        Args:
            level: Only the places of this level (``"community"``, ...); ``None`` for all.

        Raises:
            ImportError: pandas is not installed.
            InvalidArgumentError: ``level`` is not a level.

        Examples:
            >>> from neighborparty import check, examples
            >>> frame = check(examples.seed_city()).metrics_frame(level="community")
            >>> frame[["parent", "compounds", "organized"]]
                     parent  compounds  organized
            place
            cm-jinan    s-1          3          3
            cm-old      s-1          1          0
        """
        from neighborparty.rules._frames import metrics_frame

        return metrics_frame(self, level=level)

    def _repr_html_(self) -> str:
        """A compact HTML summary for notebooks: counts per rule and the worst failures.

        Examples:
            >>> from neighborparty import check, examples
            >>> "NP101" in check(examples.seed_city(), select=["NP101"])._repr_html_()
            True
        """
        from neighborparty.rules._html import report_html

        return report_html(self)
