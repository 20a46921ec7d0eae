"""Synthetic Xiamen-like cities (合成城市), calibrated to the published figures.

:func:`city` builds a deterministic city without I/O: the same ``(seed, scale, year)`` always
gives an equal :class:`~neighborparty.City`, and different seeds give different ones. It is the
default city of the demo, the docs and the benchmarks. :func:`calibration` sets a city beside the
figures Xiamen published for a year, each computed afresh from the city's entities by the
functions of :mod:`neighborparty.rules.figures`, the same the report's metrics add up.

The package holds one idea per module: :mod:`~neighborparty.synth.targets` (what each year aims
at), :mod:`~neighborparty.synth.names` (the words and names), :mod:`~neighborparty.synth.breaches`
(the shares of planted breaches), :mod:`~neighborparty.synth.calibration`, and a private builder
with one module per group of steps (places, people, units, organisations, staff, leadership,
the chain below branches, owners' bodies, service, the records of the year).

The model of the city
---------------------

**Places.** Xiamen's six districts (思明, 湖里, 集美, 海沧, 同安, 翔安) with the names of their
sub-districts (街道; 集美 and 同安 also two towns each); 374 communities (社区) in 2020 and 401 in
2024 (the 2024 report names joint meetings in 401 communities). A community has 5–15 compounds
(小区), 8 on average in 2020 and 7 in 2024. Half of the compounds are mature managed compounds
(成熟物业小区, each managed by a :class:`~neighborparty.PropertyCompany`); the rest are compounds
without property management (无物业小区, two thirds of them), open resettlement areas (拆迁安置) and
old-town quarters (老城街巷). Households per compound are log-normal by kind: about 750 on average
in a managed compound, 300 in the others, so that a community holds about 10 000 residents as the
seed has it ("人口上万人" [intro]) at 2.33 residents a household (七普 2020: Xiamen's 4 591 047
family-household residents in 1 969 770 households), 3.7 million in all (of the 4.6 million
urban residents of 七普, the rest living outside residential compounds, in collective households
for one). Compounds have buildings (楼栋（道）, about fifty households each in a managed compound,
fifteen to thirty elsewhere); old quarters have two to eight lanes (街巷) instead. From scale 1.5
on the six districts repeat (``思明区·2`` ...), as in a province.

**People.** The city records every party member who lives in it and, of the other residents,
only those who hold a post (owners' committee seats): a register of the people the rules read,
not a census; :attr:`~neighborparty.Compound.residents` counts everyone. About 3 % of residents
are party members (the party counts 6.9 % of China's population, 党内统计公报 end of 2021, and 4.1 %
of Fuzhou's residents in 2021; over half of Xiamen's residents came from elsewhere, 七普): about
110 000 at scale 1, in service (65 %: 党内统计公报, farmers and students aside, counts 60 % in work
and 29 % retired, and Xiamen is younger than China), retired (25 %) or mobile (10 %); 3 % are
probationary. Few are registered (在册) where they live — 2 % of in-service members, 20 % of
retired ones, who mostly stay in their unit's branch for retirees — so that the seed's threshold of
three registered full members for a standalone branch bites; the others are registered in a unit
organisation elsewhere and managed (纳入管理) in the branch where they live. 88 % of in-service
members reported to the community they live in (双报到), which gives the seed's 64 800. Each
community has staffers (Huli's "1+N": one staffer serves three to six compounds as compound
secretary, 小区秘书); each sub-district has three leaders linked to compound contact points
(挂钩联系).

**Organisations.** Each sub-district has a working committee (街道大党工委), each community a
committee (社区大党委). 90 % of compounds are covered by a compound branch (小区党支部): standalone
(单独组建) for a managed compound with ≥ 100 households and ≥ 3 registered full members, joint
(联合组建: 2–5 small neighbouring compounds of one community) as the supplement. Most of the other
10 % (old quarters first, then resettlement areas, then unmanaged compounds) lie in courtyard grids
(院落网格) of one to four compounds, each reached by a courtyard or grid branch; the rest are reached
only by a dispatched compound secretary. Below each branch are building or lane groups
(楼栋党小组, 街巷党小组) with their leaders, party-member building heads (党员楼栋长) and central
households (党员中心户). Division-level cadres (处级以上) serve as secretary or first secretary.

**Governance.** Owners' committees (业委会: 5–11 seats, 3 or 5 for compounds of ≤ 100 households,
five-year terms; about a third with the record of an earlier term) sit in about 63 % of managed
compounds in 2020 and 78 % in 2024; the branch secretary chairs some (一肩挑), members hold other
seats (交叉任职). Municipal units (市直, 440 at scale 1 — more than the 407 the seed counts signing),
resident (驻区) and co-building (共建) units, each with its party organisation, are linked to
communities; the published number of municipal units reported there (双报到), most of the others
did, and three-year co-building agreements (共建协议) are in force: the published number of
municipal units with a compound branch of their community, some other units with the community's
committee or a compound branch.

**Records.** Compound service stations (党群服务站) in about 37 % of compounds; demand lists of
three to six service items per branch-covered compound and one claim per member of a compound
branch (two for 15 %); three service projects per community; owners' votes (0–2 per committee,
70 % of them on art. 278's major matters) with the branch's prior deliberation (党支部先议); and
members' :class:`~neighborparty.Activity` records. A member's year, from 1 January to the
reference date, holds quarterly dues, the monthly theme party day (90 % attend each), a piece of
assigned work each quarter, a branch meeting for half the members, volunteer service for 40 %,
service items done, project sign-up and check-in (about twenty records); the city records those
of the reference day's month (October: the quarter's dues, and the rest of that month) and, for
each of organisational life, dues and assigned work (which NP405 judges each on its own) that a
member has none of in it, the last before: about 3.2 records a member, 360 000 at scale 1. A
whole year would make the records most of the city's entities for no rule to read; score
:mod:`neighborparty.points` on that month (``Period.month(2020, 10)``).
Whistles (小区吹哨) span more than the year: from 1 January of the year before (2019 for the 2020
city), each in a compound drawn at random, the published 80 000+ answered within 20 days (81 000
at scale 1; for 2024 the same rate, 77 000), those of the last 20 days still waiting and a few
(NP603) raised long ago and never answered.

**Calibration.** Each count the seed or the 2024 report publishes is met by drawing exactly that
many subjects (scaled with the number of communities) at random among those that can hold them;
the figures the seed marks "+" (1 400+ branches, 1 100+ stations, 8 万+ whistles) are aimed a
little above. The 64 800 in-service members who reported follow from the shares of residents,
members and reporting above rather than from a quota. Numbers no source gives are library
choices, marked in :data:`YEAR_TARGETS` and beside each constant.

Policy breaches planted
-----------------------

The city is deliberately not compliant. Each share is a module constant drawn per subject, so a
city holds about the share times the subjects; the last column says of what. The thresholds the
breaches fall short of (100 households, three full members, a three-year term ...) are the
parameters of :data:`~neighborparty.rules.DEFAULT_POLICY` in force on :func:`reference_date`,
shown here with their values of 2020 and 2024.

=======  ==================================  =====  ===========================================
rule     constant                            share  of what: the breach
=======  ==================================  =====  ===========================================
NP101    ``BRANCHLESS_COMPOUND_SHARE``       0.01   compounds: no branch covers them (a
                                                    dispatched compound secretary still does)
NP102    ``JOINT_ELIGIBLE_SHARE``            0.06   managed compounds of ≥ 100 households and
                                                    ≥ 3 registered full members: in a joint
                                                    branch, not a standalone one
NP103    ``THIN_BRANCH_SHARE``               0.04   branches of ≥ 3 registered full members:
                                                    made to have fewer; with the small branches
                                                    thin by nature, about 14 % of all branches
NP104    ``STANDALONE_OPEN_AREA_SHARE``      0.04   covered unmanaged, resettlement and
                                                    old-quarter compounds: a standalone branch
NP201    ``VACANT_SECRETARY_SHARE``          0.03   branches: the secretary left this year and
                                                    nobody took over
NP202    ``UNASSESSED_SECRETARY_SHARE``      0.08   resident secretaries: no four-haves
                                                    assessment (2/3) or one not met in full
NP203    ``NO_BRANCH_COMMITTEE_SHARE``       0.05   branches of ≥ 7 registered full members:
                                                    no branch committee
NP206    ``EXPIRED_BRANCH_TERM_SHARE``       0.05   branches: elected more than three years ago
NP301    ``CHAINLESS_COMPOUND_SHARE``        0.08   branch-covered compounds: no building or
                                                    lane group, no head, no central household
NP401    ``POCKET_MEMBER_SHARE``             0.08   non-registered members: no branch manages
                                                    them ("pocket" members)
NP402    ``UNREPORTED_IN_SERVICE_SHARE``     0.12   in-service members: not reported to their
                                                    community (双报到)
NP404    ``CLAIM_BREACH_SHARE``              0.08   members of a compound branch: no claim
                                                    (3/4) or three claims (1/4)
NP405    ``INACTIVE_MEMBER_SHARE``           0.04   members: no activity in the last 200 days
NP501    ``EVEN_COMMITTEE_SHARE``            0.03   owners' committees: an even number of seats
NP502    ``OUT_OF_TERM_COMMITTEE_SHARE``     0.08   owners' committees: the term ended before
                                                    the reference date, yet they still sit
NP503    ``ELECTION_NOT_LED_SHARE``          0.30   owners' committees: the compound branch did
                                                    not lead the election (or it is not known)
NP504    ``UNDELIBERATED_MAJOR_VOTE_SHARE``  0.15   major-matter votes in branch-covered
                                                    compounds: no prior deliberation
NP505    ``FAILED_VOTE_SHARE``               0.10   owners' votes: short of the participation
                                                    or the majority they need
NP601    ``UNLINKED_COMPOUND_SHARE``         0.10   branch-covered compounds: no staffer or
                                                    leader linked to them
NP603    ``UNANSWERED_WHISTLE_SHARE``        0.06   whistles: raised more than 30 days before
                                                    the reference date, still unanswered
NP604    (the published 1 100+ stations)     0.63   compounds: no service station
=======  ==================================  =====  ===========================================

Other breaches arise on their own, as in a real city: branches of large compounds with more than
50 members (NP107), members of branchless compounds placed in no compound branch (NP401), units
that reported without a co-building agreement (NP602), members who have not shown identity
(NP403, 15 %).

Examples:
    >>> from neighborparty import synth
    >>> small = synth.city(seed=1, scale=0.01)
    >>> len(small.communities), len(small.compounds)
    (4, 32)
    >>> synth.city(seed=1, scale=0.01) == small
    True
"""

from __future__ import annotations

from neighborparty.errors import InvalidArgumentError
from neighborparty.model import City
from neighborparty.model._gc import paused_gc
from neighborparty.synth._builder import build, build_district
from neighborparty.synth._builder.plan import CityPlan
from neighborparty.synth.breaches import (
    BRANCHLESS_COMPOUND_SHARE,
    CHAINLESS_COMPOUND_SHARE,
    CLAIM_BREACH_SHARE,
    ELECTION_NOT_LED_SHARE,
    EVEN_COMMITTEE_SHARE,
    EXPIRED_BRANCH_TERM_SHARE,
    FAILED_VOTE_SHARE,
    INACTIVE_MEMBER_SHARE,
    JOINT_ELIGIBLE_SHARE,
    NO_BRANCH_COMMITTEE_SHARE,
    OUT_OF_TERM_COMMITTEE_SHARE,
    POCKET_MEMBER_SHARE,
    STANDALONE_OPEN_AREA_SHARE,
    THIN_BRANCH_SHARE,
    UNANSWERED_WHISTLE_SHARE,
    UNASSESSED_SECRETARY_SHARE,
    UNDELIBERATED_MAJOR_VOTE_SHARE,
    UNLINKED_COMPOUND_SHARE,
    UNREPORTED_IN_SERVICE_SHARE,
    VACANT_SECRETARY_SHARE,
)
from neighborparty.synth.calibration import RED_COMMITTEE_SHARE, Figure, calibration
from neighborparty.synth.targets import (
    SUPPORTED_YEARS,
    YEAR_TARGETS,
    YearTargets,
    check_arguments,
    reference_date,
)

__all__ = [
    "BRANCHLESS_COMPOUND_SHARE",
    "CHAINLESS_COMPOUND_SHARE",
    "CLAIM_BREACH_SHARE",
    "ELECTION_NOT_LED_SHARE",
    "EVEN_COMMITTEE_SHARE",
    "EXPIRED_BRANCH_TERM_SHARE",
    "FAILED_VOTE_SHARE",
    "INACTIVE_MEMBER_SHARE",
    "JOINT_ELIGIBLE_SHARE",
    "NO_BRANCH_COMMITTEE_SHARE",
    "OUT_OF_TERM_COMMITTEE_SHARE",
    "POCKET_MEMBER_SHARE",
    "RED_COMMITTEE_SHARE",
    "STANDALONE_OPEN_AREA_SHARE",
    "SUPPORTED_YEARS",
    "THIN_BRANCH_SHARE",
    "UNANSWERED_WHISTLE_SHARE",
    "UNASSESSED_SECRETARY_SHARE",
    "UNDELIBERATED_MAJOR_VOTE_SHARE",
    "UNLINKED_COMPOUND_SHARE",
    "UNREPORTED_IN_SERVICE_SHARE",
    "VACANT_SECRETARY_SHARE",
    "YEAR_TARGETS",
    "Figure",
    "YearTargets",
    "calibration",
    "city",
    "district_city",
    "district_ids",
    "reference_date",
]


def city(*, seed: int = 0, scale: float = 1.0, year: int = 2020) -> City:
    """A deterministic synthetic Xiamen-like city (合成城市) calibrated to a year's figures.

    See the module documentation for the model of the city and the breaches it contains. At
    ``scale=1`` a 2020 city has 374 communities, 2 992 compounds, about 42 000 buildings,
    3.7 million residents, 116 000 people recorded (110 000 of them party members), 110 000
    claims, 160 000 activity records and 89 000 whistles: 610 000 entities, built in about
    seven seconds. The number of communities, and every count with it, grows linearly with
    ``scale``. Only a private :class:`random.Random` seeded from the arguments is used, so the
    same arguments give an equal city in any process (on one Python version).

    Args:
        seed: Selects one city among many alike.
        scale: The number of communities relative to Xiamen's: 0.01 gives 4, 10 a province
            of 3 740. ``1`` and ``1.0`` give the same city.
        year: The calibration year, one of :data:`SUPPORTED_YEARS`.

    Returns:
        The city, checked for integrity like any other.

    Raises:
        InvalidArgumentError: ``year`` is not supported, or ``scale`` is not a positive finite number.

    Examples:
        >>> c = city(seed=3, scale=0.01)
        >>> len(c.communities), {d.name for d in c.districts} <= {
        ...     "思明区", "湖里区", "集美区", "海沧区", "同安区", "翔安区"}
        (4, True)
        >>> c == city(seed=3, scale=0.01), c == city(seed=4, scale=0.01)
        (True, False)
        >>> city(year=2021)
        Traceback (most recent call last):
        ...
        neighborparty.errors.InvalidArgumentError: year must be one of 2020, 2024, got 2021
    """
    targets = check_arguments(year, scale)
    with paused_gc():
        return build(seed, scale, year, targets)


def district_ids(*, scale: float = 1.0, year: int = 2020) -> tuple[str, ...]:
    """The ids of the districts of the synthetic city of ``scale`` and ``year``, in the city's
    order, without building it: the districts and their communities follow from the scale alone
    (any seed).

    Raises:
        InvalidArgumentError: ``year`` is not supported, or ``scale`` is not a positive finite number.

    Examples:
        >>> district_ids(scale=1)
        ('d-1', 'd-2', 'd-3', 'd-4', 'd-5', 'd-6')
        >>> len(district_ids(scale=30)), len(district_ids(scale=0.01))
        (180, 4)
    """
    targets = check_arguments(year, scale)
    return tuple(f"d-{d.number}" for d in CityPlan(scale, targets).districts)


def district_city(*, seed: int = 0, scale: float = 1.0, year: int = 2020, district: str) -> City:
    """One district of the synthetic city of ``(seed, scale, year)``, built alone.

    Each district of :func:`city` is drawn from a random stream of its own, and a synthetic
    city names nothing across its districts (members are registered in units of their own
    district, companies and whistles stay in it). So a district built alone is exactly the
    district's part of the whole city — :func:`neighborparty.scenarios.partition` of
    :func:`city` by district gives this City, with the whole city's id and name — and a city
    too large for one machine can be built and checked district by district
    (:func:`neighborparty.scenarios.check_partitioned` takes a :class:`~neighborparty.
    scenarios.Recipe`). A district of a scale-1 city takes a sixth of its time and memory.

    Args:
        seed: As :func:`city` takes it.
        scale: As :func:`city` takes it.
        year: As :func:`city` takes it.
        district: The district's id, one of :func:`district_ids`.

    Returns:
        The district's City, checked for integrity like any other.

    Raises:
        InvalidArgumentError: ``year`` is not supported, ``scale`` is not a positive finite
            number, or the city has no district of that id.

    Examples:
        >>> from neighborparty.scenarios import partition
        >>> whole = city(seed=3, scale=0.02)
        >>> second = district_city(seed=3, scale=0.02, district="d-2")
        >>> second == partition(whole, by="district")[1].city
        True
        >>> [d.name for d in second.districts], len(second.communities)
        (['湖里区'], 1)
        >>> district_city(scale=0.02, district="d-9")
        Traceback (most recent call last):
        ...
        neighborparty.errors.InvalidArgumentError: district must be the id of one of the city's 6 districts, 'd-1' to 'd-6', not 'd-9'
    """
    targets = check_arguments(year, scale)
    plan = CityPlan(scale, targets)
    ids = [f"d-{d.number}" for d in plan.districts]
    if district not in ids:
        raise InvalidArgumentError(
            f"district must be the id of one of the city's {len(ids)} districts, "
            f"{ids[0]!r} to {ids[-1]!r}, not {district!r}"
        )
    with paused_gc():
        return build_district(seed, scale, year, targets, ids.index(district) + 1)
