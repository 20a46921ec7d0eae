"""What a grid of scenarios gives: the recipe of a synthetic city, and the results — a row per
scenario and rule, the metrics of the places, the changes against a baseline.

Kept apart from :mod:`._run` (which checks the scenarios) so that a recipe checked district by
district (:mod:`._districts`) makes the same results without importing the grid's runner.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

import attrs

from neighborparty.errors import InvalidArgumentError
from neighborparty.model import City
from neighborparty.model._frames import require_pandas
from neighborparty.rules import Verdict
from neighborparty.rules.locate import LEVELS

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["LEVELS_KEPT", "Change", "Recipe", "Results", "Row"]

LEVELS_KEPT = (*LEVELS, "city")
"""The levels whose places' metrics :class:`Results` can keep."""


@attrs.frozen(kw_only=True)
class Recipe:
    """The recipe of a synthetic city (合成城市): what :func:`neighborparty.synth.city` takes.

    Examples:
        >>> from neighborparty.scenarios import Scenario, run
        >>> recipe = Recipe(seed=3, scale=0.01)
        >>> len(recipe.build().communities)
        4
    """

    seed: int = 0
    scale: float = 1.0
    year: int = 2020

    def build(self) -> City:
        """The city of the recipe (see :func:`neighborparty.synth.city`).

        Raises:
            InvalidArgumentError: The year is not supported or the scale not positive.

        Examples:
            >>> from neighborparty.scenarios import Scenario, run
            >>> Recipe(seed=3, scale=0.01).build() == Recipe(seed=3, scale=0.01).build()
            True
        """
        from neighborparty import synth

        return synth.city(seed=self.seed, scale=self.scale, year=self.year)

    @property
    def label(self) -> str:
        """The recipe in a few words, naming its results.

        Examples:
            >>> from neighborparty.scenarios import Scenario, run
            >>> Recipe(seed=3, scale=30).label
            'seed 3, scale 30, 2020'
        """
        return f"seed {self.seed}, scale {self.scale:g}, {self.year}"

    def districts(self) -> tuple[str, ...]:
        """The ids of the city's districts, without building it
        (:func:`neighborparty.synth.district_ids`).

        Raises:
            InvalidArgumentError: The year is not supported or the scale not positive.

        Examples:
            >>> from neighborparty.scenarios import Scenario, run
            >>> Recipe(scale=0.02).districts()
            ('d-1', 'd-2', 'd-3', 'd-4', 'd-5', 'd-6')
        """
        from neighborparty import synth

        return synth.district_ids(scale=self.scale, year=self.year)

    def build_district(self, district: str) -> City:
        """One district of the city, built alone (:func:`neighborparty.synth.district_city`).

        Raises:
            InvalidArgumentError: The year is not supported, the scale not positive, or the
                city has no such district.

        Examples:
            >>> from neighborparty.scenarios import Scenario, run
            >>> Recipe(seed=3, scale=0.02).build_district("d-2").districts[0].name
            '湖里区'
        """
        from neighborparty import synth

        return synth.district_city(
            seed=self.seed, scale=self.scale, year=self.year, district=district
        )


@attrs.frozen(kw_only=True)
class Row:
    """One rule's result in one scenario: counts per verdict and the subjects not passing.

    Examples:
        >>> from neighborparty.scenarios import Scenario, run
        >>> from neighborparty import examples
        >>> results = run([Scenario(city=examples.seed_city(), select=["NP103"], label="a")])
        >>> row = results.rows[0]
        >>> row.label, row.code, row.passed, row.failed, row.failing
        ('a', 'NP103', 2, 1, ('br-grid-old',))
    """

    label: str
    code: str
    passed: int
    failed: int
    undetermined: int
    failing: tuple[str, ...]
    """The subjects failing, in the report's order."""
    unknown: tuple[str, ...]
    """The subjects the rule could not judge (undetermined)."""

    def verdict_of(self, subject: str) -> Verdict:
        """The subject's verdict: failing, undetermined, or else passing.

        Examples:
            >>> from neighborparty.scenarios import Scenario, run
            >>> from neighborparty import examples
            >>> row = run([Scenario(city=examples.seed_city(), select=["NP103"])]).rows[0]
            >>> row.verdict_of("br-grid-old").value, row.verdict_of("br-jinan").value
            ('fail', 'pass')
        """
        if subject in self.failing:
            return Verdict.FAIL
        if subject in self.unknown:
            return Verdict.UNDETERMINED
        return Verdict.PASS


@attrs.frozen(kw_only=True)
class Change:
    """A subject whose verdict differs between the baseline scenario and another.

    Examples:
        >>> from neighborparty.scenarios import Scenario, run
        >>> Change(label="b", code="NP103", subject="br-1", baseline=Verdict.PASS,
        ...        verdict=Verdict.FAIL).verdict.value
        'fail'
    """

    label: str
    code: str
    subject: str
    baseline: Verdict
    verdict: Verdict


@attrs.frozen(kw_only=True)
class Results:
    """The results of a grid: one row per scenario and rule, the metrics of each scenario's
    places at the level asked, and the days checked.

    Examples:
        >>> from neighborparty.scenarios import Scenario, run
        >>> from neighborparty import DEFAULT_POLICY, examples
        >>> city = examples.seed_city()
        >>> results = run([Scenario(city=city, label="now"),
        ...                Scenario(city=city, reform={"branch.min_full_members": 5},
        ...                         label="five")], level="community")
        >>> results.labels, len(results.rows) == 2 * len(DEFAULT_POLICY.rules)
        (('now', 'five'), True)
        >>> results.metrics["now"]["cm-old"]["compounds"]
        1
    """

    rows: tuple[Row, ...]
    metrics: Mapping[str, Mapping[str, Mapping[str, float]]] = attrs.field(repr=False)
    """Per scenario label, per place of the level asked: the report's metrics."""
    days: Mapping[str, date] = attrs.field(repr=False)
    """Per scenario label: the day its check measured to."""
    level: str = "city"

    @property
    def labels(self) -> tuple[str, ...]:
        """The scenarios' labels, in the grid's order."""
        return tuple(self.days)

    def row(self, label: str, code: str) -> Row:
        """The row of one scenario and rule.

        Raises:
            InvalidArgumentError: No such scenario or rule in the results.

        Examples:
            >>> from neighborparty.scenarios import Scenario, run
            >>> from neighborparty import examples
            >>> run([Scenario(city=examples.seed_city(), label="a")]).row("a", "NP101").passed
            4
        """
        for r in self.rows:
            if r.label == label and r.code == code:
                return r
        raise InvalidArgumentError(f"the results hold no row for scenario {label!r}, rule {code!r}")

    def to_pandas(self) -> pd.DataFrame:
        """The rows as a pandas DataFrame: ``label``, ``code``, ``pass``, ``fail``,
        ``undetermined`` and ``failing`` (a tuple of subject ids). Needs the ``pandas`` extra.

        Raises:
            ImportError: pandas is not installed.

        Examples:
            >>> from neighborparty.scenarios import Scenario, run
            >>> from neighborparty import examples
            >>> frame = run([Scenario(city=examples.seed_city(), select=["NP10"],
            ...                       label="a")]).to_pandas()
            >>> frame[["code", "pass", "fail"]].head(3)
                code  pass  fail
            0  NP101     4     0
            1  NP102     3     0
            2  NP103     2     1
        """
        require_pandas()
        import pandas

        return pandas.DataFrame(
            {
                "label": [r.label for r in self.rows],
                "code": [r.code for r in self.rows],
                "pass": [r.passed for r in self.rows],
                "fail": [r.failed for r in self.rows],
                "undetermined": [r.undetermined for r in self.rows],
                "failing": [r.failing for r in self.rows],
            }
        )

    def compare(self, baseline_label: str) -> tuple[Change, ...]:
        """Per scenario other than the baseline, per rule both checked: the subjects whose
        verdict differs from the baseline's, in the grid's order, then by rule and subject.

        A subject neither failing nor undetermined counts as passing (meaningful between
        scenarios of one city, whose subjects are the same).

        Raises:
            InvalidArgumentError: No scenario has that label.

        Examples:
            >>> from neighborparty.scenarios import Scenario, run
            >>> from neighborparty import examples
            >>> city = examples.seed_city()
            >>> results = run([Scenario(city=city, label="now"),
            ...                Scenario(city=city, reform={"branch.max_members": 2}, label="2")])
            >>> [(c.label, c.code, c.subject, c.baseline.value, c.verdict.value)
            ...  for c in results.compare("now")]
            [('2', 'NP107', 'br-jinan', 'pass', 'fail'), ('2', 'NP107', 'br-joint', 'pass', 'fail')]
        """
        if baseline_label not in self.days:
            raise InvalidArgumentError(
                f"no scenario is labelled {baseline_label!r}; the labels are "
                + ", ".join(repr(label) for label in self.days)
            )
        base = {r.code: r for r in self.rows if r.label == baseline_label}
        changes = []
        for r in self.rows:
            if r.label == baseline_label or r.code not in base:
                continue
            before = base[r.code]
            for subject in sorted({*before.failing, *before.unknown, *r.failing, *r.unknown}):
                was, now = before.verdict_of(subject), r.verdict_of(subject)
                if was is not now:
                    changes.append(
                        Change(
                            label=r.label, code=r.code, subject=subject, baseline=was, verdict=now
                        )
                    )
        return tuple(changes)
