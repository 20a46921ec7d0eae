"""Rules written outside the package: declared reads, re-check, versions by date, definition
errors, catalogues and rule coverage."""

from __future__ import annotations

import sys
import textwrap
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from neighborparty import (
    City,
    IntegrityError,
    OwnersVote,
    Policy,
    Severity,
    check,
    examples,
)
from neighborparty.errors import RuleDefinitionError
from neighborparty.model import COLLECTIONS
from neighborparty.rules import (
    NP_CATALOGUE,
    SUBJECT_KINDS,
    Catalogue,
    Confidence,
    Context,
    Parameter,
    ParameterValue,
    Verdict,
    at_least,
    at_most,
    catalogues,
    compare,
    coverage,
    load_catalogue,
    rule,
    sweep,
)
from neighborparty.strategies import cities
from tests.rules.test_recheck import _edited

_WORDS: dict[str, Any] = {
    "title_en": "a user's rule",
    "title_zh": "用户规则",
    "citation": "a user's own",
    "severity": Severity.INFO,
    "statement_zh": "用户规则。",
    "pass_en": "{subject} passes",
    "fail_en": "{subject} fails",
    "pass_zh": "{subject} 通过",
    "fail_zh": "{subject} 不通过",
}


def _digest(entities: Any) -> int:
    return zlib.crc32(repr(list(entities)).encode())


def _kind_rule(kind: str, *, declared: bool) -> Any:
    """A rule judging every subject of a kind by the entity itself and the city's people."""
    collections = SUBJECT_KINDS[kind].collections

    def judge(ctx: Context) -> Iterator[Any]:
        """Each subject by a digest of itself and of the city's people."""
        people = _digest(ctx.city.people)
        for name in collections:
            for entity in getattr(ctx.city, name):
                n = zlib.crc32(repr(entity).encode()) + people
                yield entity.id, Verdict.PASS if n % 3 else Verdict.FAIL, {"n": n % 7}

    code = f"U{sorted(SUBJECT_KINDS).index(kind):02d}{'R' if declared else 'N'}"
    reads = (*collections, "people") if declared else None
    return rule(code=code, subject=kind, reads=reads, **_WORDS)(judge)


def _collection_rule(collection: str, *, declared: bool) -> Any:
    """A rule judging the city by one collection as a whole."""

    def judge(ctx: Context) -> Iterator[Any]:
        """The city by a digest of one collection."""
        n = _digest(getattr(ctx.city, collection))
        yield ctx.city.id, Verdict.PASS if n % 2 else Verdict.FAIL, {"n": n % 5}

    code = f"C{list(COLLECTIONS).index(collection):02d}{'R' if declared else 'N'}"
    reads = (collection,) if declared else None
    return rule(code=code, subject="place", reads=reads, **_WORDS)(judge)


USER_RULES = [
    *(_kind_rule(k, declared=d) for k in SUBJECT_KINDS for d in (True, False)),
    *(_collection_rule(c, declared=d) for c in COLLECTIONS for d in (True, False)),
]
USER_POLICY = Policy.from_catalogues(NP_CATALOGUE, Catalogue("user", USER_RULES))


@st.composite
def _any_removal(draw: st.DrawFn, city: City) -> City:
    """The removal of any entity with an id, of any collection (with what refers to it)."""
    ids = [e.id for name in COLLECTIONS if name != "appointments" for e in getattr(city, name)]
    if not ids:
        return city
    try:
        return city.without([draw(st.sampled_from(ids))])
    except IntegrityError:
        return city


@given(st.data(), cities(max_size=3))
def test_a_recheck_equals_a_check_for_rules_of_every_kind_and_collection(
    data: st.DataObject, city: City
) -> None:
    report = check(city, USER_POLICY)
    edited = data.draw(_edited(city)) if data.draw(st.booleans()) else data.draw(_any_removal(city))
    again, full = report.recheck(edited), check(edited, USER_POLICY)
    assert again.findings == full.findings
    assert again.day == full.day


@given(st.data(), cities(max_size=3))
def test_an_edit_outside_what_a_rule_reads_leaves_its_findings(
    data: st.DataObject, city: City
) -> None:
    """The built-in rules declare what they read truly: an edit that touches nothing a rule
    declares leaves every one of its outcomes as it was."""
    from neighborparty.rules.reads import changed_fields

    edited = data.draw(_edited(city)) if data.draw(st.booleans()) else data.draw(_any_removal(city))
    edits = edited.edits_since(city)
    assume(edits is not None)  # an edit the strategies make by building a new city
    assert edits is not None
    changes = changed_fields(city, edited, edits)
    before, after = check(city, on=date(2021, 6, 30)), check(edited, on=date(2021, 6, 30))
    for (r, old), (_, new) in zip(before.results, after.results, strict=True):
        assert r.reads is not None
        if not r.reads.touched_by(changes):
            assert old == new, (r.code, changes)


def test_a_user_rule_judging_stations_follows_an_edit_of_them() -> None:
    city = examples.seed_city()
    report = check(city, USER_POLICY)
    station = city.stations[0]
    closed = city.with_updates(stations=[attrs.evolve(station, opened_on=date(2020, 1, 1))])
    assert report.recheck(closed).findings == check(closed, USER_POLICY).findings


# --------------------------------------------------------------------------- definitions


def _define(**changes: Any) -> Any:
    words = {**_WORDS, "code": "X1", "subject": "vote", **changes}
    return rule(**words)(lambda ctx: iter(()))


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"subject": "stall"}, "no subject kind 'stall'"),
        ({"reads": ["projets"]}, "no collection 'projets'"),
        ({"reads": ["votes.held"]}, "an owners vote has no field 'held'"),
        ({"reads": "votes"}, "not a string"),
        ({"condition": at_least("n", "x.min")}, "reads 'x.min', which is not in its parameters"),
        (
            {"condition": at_least("n", "x.min"), "parameters": ["x.min"], "facts": ["m"]},
            "the fact 'n', which is not in its facts",
        ),
        (
            {
                "condition": at_least("n", "x.min"),
                "parameters": ["x.min"],
                "tipping": {"x.min": lambda e, v, d: None},
            },
            "stated besides its condition",
        ),
        ({"subject_day": "matter"}, "'matter' is not a day every vote has"),
        ({"local": True, "subject": "station", "reads": ["stations"]}, "cannot judge a station"),
        ({"local": True}, "a local rule declares what it reads"),
        ({"order": "random"}, "order is 'document' or 'id'"),
    ],
)
def test_an_inconsistent_declaration_fails_when_the_rule_is_defined(
    changes: dict[str, Any], says: str
) -> None:
    with pytest.raises(RuleDefinitionError, match="rule X1: ") as raised:
        _define(**changes)
    assert says in str(raised.value)


def test_two_versions_from_one_day_fail_when_defined() -> None:
    first = _define(subject_day="held_on", reads=["votes"])
    later = first.version(since=date(2021, 1, 1), citation="new", statement_zh="新")(
        lambda ctx: iter(())
    )
    with pytest.raises(RuleDefinitionError, match="two versions are in force from the same day"):
        later.version(since=date(2021, 1, 1), citation="again", statement_zh="再")(
            lambda ctx: iter(())
        )


# --------------------------------------------------------------------------- versions


def _quorum_rule() -> Any:
    """A rule of two versions: before 2021 a vote needs the old quorum, after it the new one;
    each version reads its own parameter, judged on the vote's day."""
    parameters = ("u.old_quorum", "u.new_quorum")

    @rule(
        code="X505",
        subject="vote",
        parameters=parameters,
        subject_day="held_on",
        reads=["votes"],
        condition=at_least("owners", "u.old_quorum"),
        **{**_WORDS, "citation": "物权法 art. 76"},
    )
    def x505(ctx: Context) -> Iterator[Any]:
        """A vote has the quorum of the old law."""
        for vote in ctx.city.votes:
            yield vote.id, {"owners": vote.participating_owners}

    @x505.version(
        since=date(2021, 1, 1),
        citation="民法典 art. 278",
        statement_zh="新法。",
        condition=at_least("owners", "u.new_quorum"),
    )
    def x505(ctx: Context) -> Iterator[Any]:
        """A vote has the quorum of the Civil Code."""
        for vote in ctx.city.votes:
            yield vote.id, {"owners": vote.participating_owners}

    return x505


def _quorum(name: str, value: float, *, since: date = date(2000, 1, 1)) -> Parameter:
    return Parameter(
        name=name,
        values=[ParameterValue(since, value)],
        unit="members",
        citation="a user's own",
        confidence=Confidence.LIBRARY_DEFAULT,
        description="Owners taking part.",
    )


def _votes_city(*days: date) -> City:
    city = examples.seed_city()
    template = city.votes[0]
    assert isinstance(template, OwnersVote)
    votes = [attrs.evolve(template, id=f"v-{d.isoformat()}", held_on=d) for d in days]
    return city.with_updates(votes=votes)


def test_a_vote_is_judged_by_the_version_and_values_in_force_on_its_day() -> None:
    city = _votes_city(date(2020, 12, 31), date(2021, 1, 1))
    owners = city.votes[-1].participating_owners
    policy = Policy(
        rules=[_quorum_rule()],
        parameters=[_quorum("u.old_quorum", owners), _quorum("u.new_quorum", owners + 1)],
    )
    report = check(city, policy, on=date(2021, 6, 30))
    found = {f.subject: f for f in report.findings if f.subject.startswith("v-20")}
    old, new = found["v-2020-12-31"], found["v-2021-01-01"]
    assert (old.verdict, new.verdict) == (Verdict.PASS, Verdict.FAIL)
    assert (old.citation, new.citation) == ("物权法 art. 76", "民法典 art. 278")
    assert old.evidence["version"] is None
    assert new.evidence["version"] == "2021-01-01"
    assert (old.evidence["judged_on"], new.evidence["judged_on"]) == ("2020-12-31", "2021-01-01")
    assert "old law" in old.explain()
    assert "Civil Code" in new.explain()


def test_a_reform_from_a_day_leaves_the_subjects_judged_before_it() -> None:
    city = _votes_city(date(2021, 2, 28), date(2021, 3, 1))
    owners = city.votes[-1].participating_owners
    policy = Policy(
        rules=[_quorum_rule()],
        parameters=[_quorum("u.old_quorum", owners), _quorum("u.new_quorum", owners)],
    )
    reform = policy.with_parameters(
        {"u.new_quorum": owners + 1}, effective=date(2021, 3, 1), citation="a decree"
    )
    changes = compare(city, policy, reform, on=date(2021, 6, 30)).changes
    assert [c.subject for c in changes] == ["v-2021-03-01"]
    assert reform.parameter("u.new_quorum").citation_on(date(2021, 3, 1)) == "a decree"


def test_a_subject_before_the_first_version_is_undetermined() -> None:
    first = rule(
        code="X2",
        subject="vote",
        subject_day="held_on",
        since=date(2021, 1, 1),
        reads=["votes"],
        **_WORDS,
    )(lambda ctx: ((v.id, Verdict.PASS, {}) for v in ctx.city.votes))
    city = _votes_city(date(2020, 12, 31))
    [finding] = [
        f
        for f in check(city, Policy(rules=[first], parameters=[])).findings
        if f.subject == "v-2020-12-31"
    ]
    assert finding.verdict is Verdict.UNDETERMINED
    assert "a version of X2 in force on 2020-12-31" in finding.message


# --------------------------------------------------------------------------- catalogues


def test_defining_a_rule_again_replaces_it_in_its_catalogue() -> None:
    def define(title: str) -> Any:
        def x7(ctx: Context) -> Iterator[Any]:
            """A user's rule."""
            return iter(())

        return rule(code="X7", subject="vote", **{**_WORDS, "title_en": title})(x7)

    catalogue = Catalogue("mine", [define("first"), define("again")])
    assert catalogue["X7"].title_en == "again"
    other = rule(code="X7", subject="vote", **_WORDS)(lambda ctx: iter(()))
    with pytest.raises(RuleDefinitionError, match="two different rules"):
        Catalogue("mine", [catalogue["X7"], other])


_PACKAGE = '''
from datetime import date
from neighborparty import Severity
from neighborparty.rules import (
    Catalogue, Confidence, Parameter, ParameterValue, Verdict, at_most, rule,
)

MAX_VOTES = Parameter(
    name="mine.max_votes", values=[ParameterValue(date(2000, 1, 1), 0)], unit="items",
    citation="a house rule", confidence=Confidence.LIBRARY_DEFAULT,
    description="Most owners' votes a compound holds.",
)


@rule(code="MY01", title_en="Few votes", title_zh="表决不多", citation="a house rule",
      severity=Severity.INFO, subject="compound", parameters=["mine.max_votes"],
      statement_zh="小区表决不多。", pass_en="{subject}: {votes} votes",
      fail_en="{subject}: {votes} votes, more than {most}", pass_zh="{subject}：{votes}",
      fail_zh="{subject}：{votes}", condition=at_most("votes", "mine.max_votes"),
      reads=["compounds", "votes.compound"], local=False)
def my01(ctx):
    """A compound holds at most the set number of owners' votes."""
    counts = {}
    for vote in ctx.city.votes:
        counts[vote.compound] = counts.get(vote.compound, 0) + 1
    for compound in ctx.city.compounds:
        yield compound.id, {"votes": counts.get(compound.id, 0), "most": ctx.values["mine.max_votes"]}


RULES = Catalogue("mine", [my01], [MAX_VOTES])
'''


@pytest.fixture
def installed_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A tiny package publishing a catalogue through the entry point group, installed on the
    path for the test (its metadata directory makes it an installed distribution)."""
    (tmp_path / "np_house_rules.py").write_text(textwrap.dedent(_PACKAGE), encoding="utf-8")
    info = tmp_path / "np_house_rules-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: np-house-rules\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[neighborparty.catalogues]\nhouse = np_house_rules:RULES\n", encoding="utf-8"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    yield tmp_path
    sys.modules.pop("np_house_rules", None)


def test_an_installed_package_publishes_its_catalogue(installed_package: Path) -> None:
    found = catalogues()
    assert set(found) >= {"np", "house"}
    assert load_catalogue("house") is found["house"]
    assert load_catalogue("np_house_rules:RULES") is found["house"]


def test_a_user_rule_with_its_parameter_works_in_check_compare_sweep_and_recheck(
    installed_package: Path,
) -> None:
    policy = Policy.from_catalogues(NP_CATALOGUE, load_catalogue("house"))
    city = examples.seed_city()
    report = check(city, policy, select=["MY"])
    assert report.counts()["MY01"]["fail"] >= 1
    reform = policy.with_parameters({"mine.max_votes": 5}, effective=date(2020, 1, 1))
    assert {c.code for c in compare(city, policy, reform).changes} == {"MY01"}
    assert sweep(city, "mine.max_votes", [0, 5], policy=policy)[5] == 0
    vote = city.votes[0]
    edited = city.with_updates(votes=[attrs.evolve(vote, id="v-more")])
    assert report.recheck(edited).findings == check(edited, policy, select=["MY"]).findings


def test_the_cli_takes_a_catalogue(installed_package: Path, tmp_path: Path) -> None:
    from neighborparty import to_json
    from neighborparty.cli import main

    document = tmp_path / "city.json"
    document.write_text(to_json(examples.seed_city()), encoding="utf-8")
    assert main(["check", str(document), "--catalogue", "house", "--select", "MY"]) == 1
    assert main(["rules", "MY01", "--catalogue", "np_house_rules:RULES"]) == 0
    assert main(["check", str(document), "--catalogue", "nowhere:X"]) == 2


# --------------------------------------------------------------------------- rule coverage


def test_rule_coverage_records_verdicts_and_conditions() -> None:
    with coverage() as seen:
        check(examples.seed_city(), select=["NP103", "NP505"])
    assert seen["NP103"].verdicts == {"pass": 2, "fail": 1, "undetermined": 0}
    assert seen["NP103"].seen == (4, 4)
    assert "NP505" in seen
    assert 0 < seen.percent() <= 100
    assert "rule   verdicts" in seen.table()
    with coverage() as nothing:
        pass
    assert nothing.rules == {}


pytest_plugins = ["pytester"]


def test_the_pytest_plugin_prints_the_table_and_fails_under_a_threshold(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
        from neighborparty import check, examples

        def test_one():
            check(examples.seed_city(), select=["NP103"])
        """
    )
    shown = pytester.runpytest("-p", "neighborparty.testing", "--np-coverage")
    shown.assert_outcomes(passed=1)
    shown.stdout.fnmatch_lines(["*neighborparty rule coverage*", "NP103*pass 2*fail 1*"])
    failed = pytester.runpytest("-p", "neighborparty.testing", "--np-coverage-fail-under", "101")
    assert failed.ret == 1
    failed.stdout.fnmatch_lines(["*FAIL: rule coverage 100.0% is under 101%*"])


@pytest.mark.parametrize(
    ("yielded", "says"),
    [
        (("v-1", "pass", {}), "outcomes[0] of 'v-1': the verdict 'pass' is not a Verdict"),
        (("v-1", Verdict.PASS), "outcomes[0]: ('v-1', <Verdict.PASS: 'pass'>) is not a (subject,"),
        (None, "outcomes[0]: None is not a (subject, verdict, evidence) triple"),
    ],
)
def test_a_rule_yielding_what_is_not_an_outcome_fails_when_checked(yielded: Any, says: str) -> None:
    wrong = rule(**{**_WORDS, "code": "X3", "subject": "vote"})(lambda ctx: iter([yielded]))
    with pytest.raises(RuleDefinitionError, match="rule X3: its evaluation yielded ") as raised:
        check(examples.seed_city(), Policy(rules=[wrong], parameters=[]))
    assert says in str(raised.value)


def test_a_condition_passes_a_wrong_outcome_on_to_be_refused_naming_its_place() -> None:
    """A rule stated as a condition may yield an outcome of its own beside the facts it
    judges; one whose verdict is not a Verdict is refused where it stands."""
    most = Parameter(
        name="x.most",
        values=[ParameterValue(date(2000, 1, 1), 1)],
        unit="items",
        citation="a test",
        confidence=Confidence.LIBRARY_DEFAULT,
        description="Most of something.",
    )
    words: dict[str, Any] = {**_WORDS, "code": "X4", "subject": "vote"}
    yielded = [("v-0", {"n": 0}), ("v-1", Verdict.UNDETERMINED, {}), ("v-2", "fail", {})]
    stated = rule(condition=at_most("n", "x.most"), parameters=["x.most"], **words)
    wrong = stated(lambda ctx: iter(yielded))
    with pytest.raises(RuleDefinitionError, match="rule X4: its evaluation yielded ") as raised:
        check(examples.seed_city(), Policy(rules=[wrong], parameters=[most]))
    assert "outcomes[2] of 'v-2': the verdict 'fail' is not a Verdict" in str(raised.value)
    fine = stated(lambda ctx: iter(yielded[:2]))
    report = check(examples.seed_city(), Policy(rules=[fine], parameters=[most]))
    assert [(f.subject, f.verdict) for f in report.findings] == [
        ("v-0", Verdict.PASS),
        ("v-1", Verdict.UNDETERMINED),
    ]
