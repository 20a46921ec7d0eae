"""Synthetic Xiamen-like cities (合成城市), calibrated to the published figures.

:func:`city` builds a deterministic city without I/O: the same ``(seed, scale, year)`` always
gives an equal :class:`~neighborparty.City`, and different seeds give different ones. It is the
default city of the demo, the docs and the benchmarks. :func:`calibration` sets a city beside the
figures Xiamen published for a year, each computed afresh from the city's entities.

The model of the city
---------------------

**Places.** Xiamen's six districts (思明, 湖里, 集美, 海沧, 同安, 翔安) with the names of their
sub-districts (街道; 集美 and 同安 also two towns each); 374 communities (社区) in 2020 and 401 in
2024 (the 2024 report names joint meetings in 401 communities). A community has 5–15 compounds
(小区), 8 on average in 2020 and 7 in 2024. Half of the compounds are mature managed compounds
(成熟物业小区, each managed by a :class:`~neighborparty.PropertyCompany`); the rest are compounds
without property management (无物业小区, two thirds of them), open resettlement areas (拆迁安置) and
old-town quarters (老城街巷). Households per compound are log-normal by kind: about 140 on average
in a managed compound, 50 in the others. Compounds have buildings (楼栋（道）, about ten households
each in a managed compound, three to five elsewhere); old quarters have two to eight lanes (街巷)
instead. From scale 1.5 on the six districts repeat (``思明区·2`` ...), as in a province.

**People.** The city records one adult per household (its householder): about 290 000 people at
scale 1, while :attr:`~neighborparty.Compound.residents` estimates everyone (households × 2.8).
About 9 % are party members: in service (45 %), retired (45 %) or mobile (10 %); 3 % are
probationary. Most retired members are registered (在册) in the branch where they live; most
in-service members and every mobile one are registered in a unit organisation elsewhere and
managed (纳入管理) in the branch where they live. Each community has staffers (Huli's "1+N": one
staffer serves three to six compounds as compound secretary, 小区秘书); each sub-district has three
leaders linked to compound contact points (挂钩联系).

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
seats (交叉任职). Municipal (市直), resident (驻区) and co-building (共建) units, each with its party
organisation, report to communities (双报到) and sign three-year co-building agreements (共建协议).

**Records of the year.** Compound service stations (党群服务站) in about 37 % of compounds; demand
lists of three to six service items per branch-covered compound and one or two claims per member
of a compound branch; three service projects per community; owners' votes (0–2 per committee, 70 %
of them on art. 278's major matters) with the branch's prior deliberation (党支部先议); 0–3 whistles
(小区吹哨) per compound; and member :class:`~neighborparty.Activity` records from 1 January to the
reference date: quarterly dues, two theme party days, a branch meeting for half the members,
volunteer service for 40 %, service items done, project sign-up and check-in. That makes about 7.8
activities per member, about 215 000 at scale 1.

**Calibration.** Each count the seed or the 2024 report publishes is met by drawing exactly that
many subjects (scaled with the number of communities) at random among those that can hold them;
the figures the seed marks "+" (1 400+ branches, 1 100+ stations) are aimed a little above.
Numbers no source gives are library choices, marked in :data:`YEAR_TARGETS`. Two seed figures are
not calibrated: 64 800 in-service members reported online and 80 000+ problems solved count people
and years that a one-adult-per-household city of one year does not hold.

Policy breaches planted
-----------------------

The city is deliberately not compliant. Each share is a module constant drawn per subject, so a
city holds about the share times the subjects; the last column says of what.

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

import math
import random
import types
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from typing import TypeVar

import attrs

from neighborparty import graph
from neighborparty.model import (
    Activity,
    ActivityKind,
    Appointment,
    Building,
    CadreLevel,
    City,
    CoBuildingAgreement,
    Community,
    Compound,
    CompoundKind,
    Deliberation,
    District,
    ElectionLead,
    Formation,
    FourHaves,
    Grid,
    Lane,
    MatterKind,
    MemberCategory,
    Membership,
    OrgKind,
    OwnersCommittee,
    OwnersVote,
    PartyOrganization,
    Person,
    PropertyCompany,
    Role,
    ServiceClaim,
    ServiceItem,
    ServiceProject,
    ServiceStation,
    Standing,
    StationKind,
    Subdistrict,
    Unit,
    UnitKind,
    Whistle,
)
from neighborparty.model._gc import paused_gc

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
    "reference_date",
]

_T = TypeVar("_T")

# --------------------------------------------------------------------------- breach shares

BRANCHLESS_COMPOUND_SHARE = 0.01
"""NP101: share of compounds no branch covers; a dispatched compound secretary still reaches them."""
JOINT_ELIGIBLE_SHARE = 0.06
"""NP102: share of managed compounds eligible for a standalone branch that sit in a joint one."""
THIN_BRANCH_SHARE = 0.04
"""NP103: share of branches with ≥ 3 registered full members made to have fewer."""
STANDALONE_OPEN_AREA_SHARE = 0.04
"""NP104: share of covered non-managed compounds given a standalone compound branch."""
VACANT_SECRETARY_SHARE = 0.03
"""NP201: share of branches whose secretary left this year and was not replaced."""
UNASSESSED_SECRETARY_SHARE = 0.08
"""NP202: share of resident (not dispatched) secretaries without a four-haves assessment."""
NO_BRANCH_COMMITTEE_SHARE = 0.05
"""NP203: share of branches with ≥ 7 registered full members that have no branch committee."""
EXPIRED_BRANCH_TERM_SHARE = 0.05
"""NP206: share of branches last elected more than three years before the reference date."""
CHAINLESS_COMPOUND_SHARE = 0.08
"""NP301: share of branch-covered compounds with no building or lane group and no head."""
POCKET_MEMBER_SHARE = 0.08
"""NP401: share of non-registered members that no branch where they live manages."""
UNREPORTED_IN_SERVICE_SHARE = 0.12
"""NP402: share of in-service members who have not reported to their community (双报到)."""
CLAIM_BREACH_SHARE = 0.08
"""NP404: share of compound-branch members who claim no service item (3/4) or three (1/4)."""
INACTIVE_MEMBER_SHARE = 0.04
"""NP405: share of members with no activity in the last 200 days before the reference date."""
EVEN_COMMITTEE_SHARE = 0.03
"""NP501: share of owners' committees with an even number of seats."""
OUT_OF_TERM_COMMITTEE_SHARE = 0.08
"""NP502: share of owners' committees whose five-year term ended before the reference date."""
ELECTION_NOT_LED_SHARE = 0.30
"""NP503: share of owners' committees whose election the compound branch did not lead."""
UNDELIBERATED_MAJOR_VOTE_SHARE = 0.15
"""NP504: share of major-matter votes of branch-covered compounds without a prior deliberation."""
FAILED_VOTE_SHARE = 0.10
"""NP505: share of owners' votes short of the participation or the majority they need."""
UNLINKED_COMPOUND_SHARE = 0.10
"""NP601: share of branch-covered compounds no staffer or leader is linked to."""
UNANSWERED_WHISTLE_SHARE = 0.06
"""NP603: share of whistles raised more than 30 days before the reference date and unanswered."""

RED_COMMITTEE_SHARE = 0.5
"""A "red" owners' committee (红色业委会) has at least this share of party members (2024 report)."""

# --------------------------------------------------------------------------- shape of the city

_MEMBER_SHARE: Mapping[CompoundKind, float] = {
    CompoundKind.MANAGED: 0.09,
    CompoundKind.UNMANAGED: 0.10,
    CompoundKind.RESETTLEMENT: 0.06,
    CompoundKind.OLD_QUARTER: 0.10,
}
_HOUSEHOLDS: Mapping[CompoundKind, tuple[float, float]] = {
    CompoundKind.MANAGED: (120.0, 0.55),
    CompoundKind.UNMANAGED: (40.0, 0.6),
    CompoundKind.RESETTLEMENT: (80.0, 0.5),
    CompoundKind.OLD_QUARTER: (40.0, 0.5),
}
"""Median households and the log-normal sigma, by compound kind."""
_HOUSEHOLDS_PER_BUILDING: Mapping[CompoundKind, float] = {
    CompoundKind.MANAGED: 10.0,
    CompoundKind.UNMANAGED: 3.0,
    CompoundKind.RESETTLEMENT: 5.0,
    CompoundKind.OLD_QUARTER: 12.0,
}
_OTHER_KINDS: tuple[tuple[CompoundKind, float], ...] = (
    (CompoundKind.UNMANAGED, 0.66),
    (CompoundKind.RESETTLEMENT, 0.14),
    (CompoundKind.OLD_QUARTER, 0.20),
)
"""How compounds without property management divide among the other kinds."""
_UNCOVERED_WEIGHT: Mapping[CompoundKind, float] = {
    CompoundKind.OLD_QUARTER: 6.0,
    CompoundKind.RESETTLEMENT: 4.0,
    CompoundKind.UNMANAGED: 1.0,
}
"""How much likelier a kind is to be organised by grids rather than a compound branch."""
_COMPOUNDS_PER_COMMUNITY = range(5, 16)
_COMPOUNDS_PER_COMMUNITY_WEIGHTS = (10, 14, 16, 15, 12, 9, 7, 5, 4, 3, 2)
_MIN_HOUSEHOLDS = 8
_RESIDENTS_PER_HOUSEHOLD = 2.8
_PROBATIONARY_SHARE = 0.03
_CATEGORIES = (MemberCategory.IN_SERVICE, MemberCategory.RETIRED, MemberCategory.MOBILE)
_CATEGORY_WEIGHTS = (0.45, 0.45, 0.10)
_PARTY_YEARS: Mapping[MemberCategory, tuple[int, int]] = {
    MemberCategory.RETIRED: (20, 55),
    MemberCategory.IN_SERVICE: (2, 30),
    MemberCategory.MOBILE: (2, 20),
}
"""The range of a full member's years in the party, by category."""
_LOCAL_REGISTRATION: Mapping[MemberCategory, float] = {
    MemberCategory.IN_SERVICE: 0.25,
    MemberCategory.RETIRED: 0.90,
    MemberCategory.MOBILE: 0.0,
}
"""Chance that a member's relation is held where they live, by category."""
_SMALL_STANDALONE_SHARE = 0.03
"""Share of covered managed compounds below the standalone thresholds that still stand alone."""
_DISPATCHED_SECRETARY_SHARE = 0.06
_CADRE_AS_SECRETARY_SHARE = 0.55
_STANDALONE_HOUSEHOLDS = 100
_STANDALONE_FULL_MEMBERS = 3
_BRANCH_COMMITTEE_FROM = 7
_BRANCH_TERM_YEARS = 3
_COMMITTEE_TERM_YEARS = 5
_PREVIOUS_TERM_SHARE = 0.35
_RESIDENT_UNITS_PER_COMMUNITY = 1.2
_CO_BUILDING_UNITS_PER_COMMUNITY = 0.3
_PROJECTS_PER_COMMUNITY = 3
_LEADERS_PER_SUBDISTRICT = 3

_DAY = timedelta(days=1)


@attrs.frozen(kw_only=True)
class _District:
    name: str
    communities: int
    """Its communities in 2020, out of 374."""
    subdistricts: tuple[str, ...]
    centre: tuple[float, float]


_DISTRICTS: tuple[_District, ...] = (
    _District(
        name="思明区",
        communities=98,
        subdistricts=(
            "中华街道",
            "滨海街道",
            "鹭江街道",
            "开元街道",
            "梧村街道",
            "筼筜街道",
            "莲前街道",
            "嘉莲街道",
            "鼓浪屿街道",
            "厦港街道",
        ),
        centre=(118.11, 24.46),
    ),
    _District(
        name="湖里区",
        communities=62,
        subdistricts=("湖里街道", "殿前街道", "禾山街道", "江头街道", "金山街道"),
        centre=(118.15, 24.51),
    ),
    _District(
        name="集美区",
        communities=60,
        subdistricts=("集美街道", "侨英街道", "杏林街道", "杏滨街道", "灌口镇", "后溪镇"),
        centre=(118.10, 24.58),
    ),
    _District(
        name="海沧区",
        communities=42,
        subdistricts=("海沧街道", "新阳街道", "嵩屿街道", "东孚街道"),
        centre=(118.03, 24.48),
    ),
    _District(
        name="同安区",
        communities=62,
        subdistricts=("大同街道", "祥平街道", "西柯街道", "新民街道", "五显镇", "洪塘镇"),
        centre=(118.15, 24.73),
    ),
    _District(
        name="翔安区",
        communities=50,
        subdistricts=("新店街道", "香山街道", "金海街道", "凤翔街道", "民安街道"),
        centre=(118.25, 24.62),
    ),
)


def _words(text: str) -> tuple[str, ...]:
    """The words of a space-separated list, as a tuple."""
    return tuple(text.split())


_PLACE_WORDS = _words(
    "金安 湖滨 莲花 松柏 东渡 仙岳 槟榔 文灶 筼筜 后埔 枋湖 园山 前埔 "
    "瑞景 何厝 洪文 塔埔 殿前 高殿 兴隆 乌石浦 吕厝 金尚 浦南 龙山 建业 "
    "海天 嘉禾 禾祥 南湖 中山 思北 镇海 鸿山 大同 厦禾 美湖 溪岸 侨英 "
    "杏林 新阳 海沧 嵩屿 新店 香山 祥平 凤南 金海 滨海 曾厝垵 黄厝 官任 "
    "泥窟 钟宅 五缘 天湖 马銮 锦园"
)
_COMPOUND_SUFFIX: Mapping[CompoundKind, tuple[str, ...]] = {
    CompoundKind.MANAGED: ("花园", "苑", "大厦", "公寓", "雅居", "华庭"),
    CompoundKind.UNMANAGED: ("小区", "宿舍", "里", "楼群"),
    CompoundKind.RESETTLEMENT: ("安置房", "新村", "安置小区"),
    CompoundKind.OLD_QUARTER: ("片区", "街区", "老街"),
}
_SURNAMES = "陈林黄张李王吴刘蔡杨许郑谢洪郭邱曾廖赖徐周叶苏庄吕江何萧罗高潘简朱钟游彭詹胡施沈余卢梁赵颜柯翁魏孙戴"
_GIVEN = _words(
    "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 华 慧 "
    "建国 志明 金水 阿珠 美玲 文彬 雅婷 家豪 俊杰 淑贞 国强 丽华 振华 "
    "春梅 海燕 晓东 宏伟 婷婷 建华 玉兰"
)
_MUNICIPAL_UNITS = _words(
    "市税务局 市财政局 市住房局 市民政局 市卫健委 市教育局 市公安局 市交通局 "
    "市市政园林局 市生态环境局 市商务局 市文旅局 市人社局 市自然资源局 市水利局 "
    "市应急局 市市场监管局 市统计局 市审计局 市司法局"
)
_RESIDENT_UNITS = _words(
    "小学 中学 医院 银行支行 派出所 供电所 卫生服务中心 幼儿园 邮政支局 燃气公司"
)
_CO_BUILDING_UNITS = _words("国有企业 高校 部队 科研院所 律师事务所 国有银行")
_SERVICE_ITEMS = _words(
    "义务理发 量血压 家电维修 法律咨询 代购代办 陪诊 垃圾分类督导 楼道清洁 "
    "四点半课堂 独居老人探访 心理疏导 文明劝导 消防巡查 绿化养护 防疫宣传 "
    "助餐送餐"
)
_PROJECTS = _words("敬老助餐 义诊进小区 垃圾分类宣传 儿童托管 法律咨询日 环境整治 邻里节 旧物交换")
_DEPARTMENTS = _words(
    "市政园林局 城管执法局 住房局 生态环境局 交通运输局 公安分局 供电公司 自来水公司 消防救援支队"
)
_WHISTLE_MATTERS = _words(
    "路灯不亮 污水外溢 违章搭建 电梯故障 占道经营 噪音扰民 停车难 外墙脱落 "
    "垃圾清运不及时 消防通道堵塞"
)
_MATTERS: tuple[tuple[MatterKind, float, str], ...] = (
    (MatterKind.ORDINARY, 0.30, "小区公共事务"),
    (MatterKind.USE_MAINTENANCE_FUND, 0.22, "动用维修资金"),
    (MatterKind.PROPERTY_SERVICE, 0.10, "续聘物业服务企业"),
    (MatterKind.MANAGEMENT_STATUTE, 0.08, "修订管理规约"),
    (MatterKind.CHANGE_COMMON_PARTS, 0.10, "改变共有部分用途"),
    (MatterKind.RAISE_MAINTENANCE_FUND, 0.07, "续筹维修资金"),
    (MatterKind.COMMITTEE_ELECTION, 0.06, "增补业委会委员"),
    (MatterKind.REBUILD, 0.03, "加装电梯"),
    (MatterKind.OTHER_MAJOR, 0.04, "共有部分重大事项"),
)
_THREE_QUARTERS = frozenset(
    {MatterKind.RAISE_MAINTENANCE_FUND, MatterKind.REBUILD, MatterKind.CHANGE_COMMON_PARTS}
)
_OTHER_LEADS = (
    ElectionLead.COMMUNITY,
    ElectionLead.SUBDISTRICT,
    ElectionLead.OWNERS,
    ElectionLead.DEVELOPER,
    None,
)
_OTHER_LEAD_WEIGHTS = (0.45, 0.15, 0.2, 0.15, 0.05)

# --------------------------------------------------------------------------- year targets

SUPPORTED_YEARS: tuple[int, ...] = (2020, 2024)
"""The years :func:`city` and :func:`calibration` are calibrated to."""


@attrs.frozen(kw_only=True)
class YearTargets:
    """What :func:`city` builds at scale 1 for one calibration year.

    Counts scale with the number of communities. Published figures are the seed's (2020) or
    厦住建综函〔2024〕66号's (2024); the others are library choices, noted below.

    Examples:
        >>> YEAR_TARGETS[2024].compound_branches
        1551
    """

    communities: int
    compounds: int
    managed: int
    """Compounds with property management."""
    compound_branches: int
    organisation_coverage: float
    division_cadres: int
    stations: int
    committees: int
    """Compounds with an owners' committee."""
    secretary_chairs: int
    member_chairs: int
    committee_members: int
    red_committees: int
    municipal_units: int
    agreement_units: int
    companies: int
    companies_with_organisation: int


YEAR_TARGETS: Mapping[int, YearTargets] = types.MappingProxyType(
    {
        2020: YearTargets(
            communities=374,  # [intro]
            compounds=2992,  # library choice: 8 per community
            managed=1496,  # library choice: half
            compound_branches=1420,  # [建强-2]: 1 400+
            organisation_coverage=0.90,  # [建强-2]
            division_cadres=83,  # [建强-3]
            stations=1120,  # [打造-1]: 1 100+
            committees=940,  # library choice: about 63 % of managed compounds
            secretary_chairs=98,  # [健全-1]
            member_chairs=211,  # [健全-1]
            committee_members=725,  # [健全-1]
            red_committees=25,  # library choice
            municipal_units=104,  # [健全-3]
            agreement_units=407,  # [健全-3]
            companies=150,  # library choice
            companies_with_organisation=100,  # library choice
        ),
        2024: YearTargets(
            communities=401,  # 2024 report: joint meetings in 401 communities
            compounds=2853,  # 2024 report
            managed=1439,  # 2024 report
            compound_branches=1551,  # 2024 report
            organisation_coverage=0.90,  # library choice: the seed's target
            division_cadres=79,  # library choice: the seed's rate per compound
            stations=1068,  # library choice: the seed's rate per compound
            committees=1116,  # 2024 report
            secretary_chairs=427,  # 2024 report
            member_chairs=560,  # library choice
            committee_members=2397,  # 2024 report
            red_committees=281,  # 2024 report
            municipal_units=104,  # library choice: the seed's
            agreement_units=407,  # library choice: the seed's
            companies=182,  # 2024 report
            companies_with_organisation=182,  # 2024 report: all of them
        ),
    }
)
"""The targets of each supported year, at scale 1."""


def reference_date(year: int = 2020) -> date:
    """The day on which a synthetic city's posts and terms are judged "in force".

    The seed page is dated 2020-10-26; every year uses the same day of the year.

    Args:
        year: The calibration year.

    Returns:
        ``date(year, 10, 26)``.

    Examples:
        >>> reference_date()
        datetime.date(2020, 10, 26)
        >>> reference_date(2024)
        datetime.date(2024, 10, 26)
    """
    return date(year, 10, 26)


def _check_arguments(year: int, scale: float) -> YearTargets:
    if year not in YEAR_TARGETS:
        supported = ", ".join(map(str, SUPPORTED_YEARS))
        raise ValueError(f"year must be one of {supported}, got {year!r}")
    if not (scale > 0) or math.isinf(scale):
        raise ValueError(f"scale must be a positive finite number, got {scale!r}")
    return YEAR_TARGETS[year]


# --------------------------------------------------------------------------- helpers


def _apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder)."""
    whole = sum(weights)
    quotas = [total * w / whole for w in weights]
    counts = [int(q) for q in quotas]
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - quotas[i], i))
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _weighted_sample(
    rng: random.Random, items: Sequence[_T], weights: Sequence[float], k: int
) -> list[_T]:
    """``k`` distinct items drawn without replacement with the given weights."""
    if k <= 0:
        return []
    keys = [rng.random() ** (1.0 / w) for w in weights]
    order = sorted(range(len(items)), key=keys.__getitem__, reverse=True)
    return [items[i] for i in order[:k]]


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _fraction(rng: random.Random, low: float, high: float) -> float:
    return low + (high - low) * rng.random()


class _Part:
    """A building or lane while the city is being built."""

    __slots__ = ("compound", "households", "id", "lane", "members", "name")

    def __init__(self, id: str, name: str, compound: int, households: int, lane: bool) -> None:
        self.id = id
        self.name = name
        self.compound = compound
        self.households = households
        self.lane = lane
        self.members: list[int] = []


class _Cpd:
    """A compound while the city is being built."""

    __slots__ = (
        "branch",
        "community",
        "coordinates",
        "households",
        "id",
        "index",
        "kind",
        "members",
        "name",
        "others",
        "parts",
        "reach",
    )

    def __init__(
        self,
        index: int,
        name: str,
        community: int,
        kind: CompoundKind,
        households: int,
        coordinates: tuple[float, float],
    ) -> None:
        self.index = index
        self.id = f"c-{index + 1}"
        self.name = name
        self.community = community
        self.kind = kind
        self.households = households
        self.coordinates = coordinates
        self.parts: list[int] = []
        self.members: list[int] = []
        self.others: list[int] = []
        self.branch: int | None = None
        """The branch (compound, courtyard or grid) that covers it."""
        self.reach = ""
        """``"compound"``, ``"grid"`` or ``"none"``: how party work reaches it."""


class _Mem:
    """A person's membership while the city is being built."""

    __slots__ = (
        "category",
        "compound",
        "full_since",
        "identity",
        "joined",
        "local",
        "managed_in",
        "registered_in",
        "reported_to",
        "standing",
    )

    def __init__(
        self,
        compound: int,
        standing: Standing,
        category: MemberCategory,
        local: bool,
        joined: date,
        full_since: date | None,
        identity: bool | None,
        reported_to: str | None,
    ) -> None:
        self.compound = compound
        self.standing = standing
        self.category = category
        self.local = local
        self.joined = joined
        self.full_since = full_since
        self.identity = identity
        self.reported_to = reported_to
        self.registered_in = ""
        self.managed_in: str | None = None


class _Br:
    """A branch (compound, courtyard or grid) while the city is being built."""

    __slots__ = (
        "community",
        "compounds",
        "covers",
        "dispatched",
        "elected_on",
        "formation",
        "id",
        "kind",
        "name",
        "secretary",
    )

    def __init__(
        self,
        id: str,
        name: str,
        kind: OrgKind,
        formation: Formation | None,
        community: int,
        compounds: list[int],
        covers: list[str],
    ) -> None:
        self.id = id
        self.name = name
        self.kind = kind
        self.formation = formation
        self.community = community
        self.compounds = compounds
        self.covers = covers
        self.elected_on = date.min
        self.secretary: int | None = None
        self.dispatched = False


class _Builder:
    """Builds one synthetic city: each ``step_*`` method adds a layer, in the order of :meth:`build`.

    Working records (:class:`_Cpd`, :class:`_Part`, :class:`_Mem`, :class:`_Br`) are mutable and
    refer to each other by list index; :meth:`assemble` turns them into entities and one City.
    """

    def __init__(self, seed: int, scale: float, year: int, targets: YearTargets) -> None:
        self.seed = seed
        self.scale = scale
        self.rng = random.Random(f"neighborparty.synth/{seed}/{float(scale)!r}/{year}")
        self.year = year
        self.targets = targets
        self.ref = reference_date(year)
        self.ref_ord = self.ref.toordinal()
        self.year_start = date(year, 1, 1).toordinal()
        self.n_communities = max(1, round(targets.communities * scale))
        self.factor = self.n_communities / targets.communities

        self.districts: list[District] = []
        self.subdistricts: list[Subdistrict] = []
        self.communities: list[Community] = []
        self.community_centre: list[tuple[float, float]] = []
        self.community_compounds: list[list[int]] = []
        self.sub_communities: list[list[int]] = []
        self.cpds: list[_Cpd] = []
        self.parts: list[_Part] = []
        self.grids: list[Grid] = []
        self.homes: list[int] = []
        self.person_ids: list[str] = []
        self.mem: dict[int, _Mem] = {}
        self.cadre: dict[int, CadreLevel] = {}
        self.four_haves: dict[int, FourHaves] = {}
        self.branch_posts: set[int] = set()
        """People on a branch committee (below the secretary)."""
        self.orgs: list[PartyOrganization] = []
        self.branches: list[_Br] = []
        self.working_committees: list[str] = []
        self.committee_ids: list[str] = []
        self.unit_orgs: list[str] = []
        self.units: list[Unit] = []
        self.staff: list[list[int]] = []
        self.appointments: list[Appointment] = []
        self.committees: list[OwnersCommittee] = []
        self.companies: list[PropertyCompany] = []
        self.agreements: list[CoBuildingAgreement] = []
        self.stations: list[ServiceStation] = []
        self.items: list[ServiceItem] = []
        self.items_of: dict[int, list[str]] = {}
        self.claims: list[ServiceClaim] = []
        self.claims_of: dict[int, list[tuple[str, date]]] = {}
        self.projects: list[ServiceProject] = []
        self.projects_of: list[list[tuple[str, date]]] = []
        self.votes: list[OwnersVote] = []
        self.deliberations: list[Deliberation] = []
        self.whistles: list[Whistle] = []
        self.activities: list[Activity] = []

    # ------------------------------------------------------------------ small tools

    def person_id(self, person: int) -> str:
        """The id of a person; one string object per person, shared by every reference."""
        ids = self.person_ids
        while len(ids) <= person:
            ids.append(f"p-{len(ids) + 1}")
        return ids[person]

    def quota(self, count: float) -> int:
        return round(count * self.factor)

    def day(self, days_before: int) -> date:
        return date.fromordinal(self.ref_ord - days_before)

    def day_this_year(self, *, until: int | None = None) -> date:
        return date.fromordinal(self.rng.randint(self.year_start, until or self.ref_ord))

    def new_org(
        self,
        prefix: str,
        name: str,
        kind: OrgKind,
        *,
        parent: str | None = None,
        covers: Sequence[str] = (),
        formation: Formation | None = None,
        elected_on: date | None = None,
    ) -> str:
        id = f"{prefix}-{len(self.orgs) + 1}"
        self.orgs.append(
            PartyOrganization(
                id=id,
                name=name,
                kind=kind,
                parent=parent,
                covers=tuple(covers),
                formation=formation,
                elected_on=elected_on,
            )
        )
        return id

    def appoint(
        self,
        person: int,
        body: str,
        role: Role,
        start: date,
        end: date | None = None,
        *,
        dispatched: bool = False,
    ) -> None:
        self.appointments.append(
            Appointment(
                person=self.person_id(person),
                body=body,
                role=role,
                start=start,
                end=end,
                dispatched=dispatched,
            )
        )

    def placed_in(self, branch: _Br) -> tuple[list[int], list[int]]:
        """Full members living in a branch's compounds: registered there, managed there."""
        registered: list[int] = []
        managed: list[int] = []
        for ci in branch.compounds:
            for p in self.cpds[ci].members:
                m = self.mem[p]
                if m.standing is not Standing.FULL:
                    continue
                if m.registered_in == branch.id:
                    registered.append(p)
                elif m.managed_in == branch.id:
                    managed.append(p)
        return registered, managed

    # ------------------------------------------------------------------ the steps

    def build(self) -> City:
        self.step_places()
        self.step_compounds()
        self.step_people()
        self.step_units()
        self.step_branches()
        self.step_placement()
        self.step_staff()
        self.step_leadership()
        self.step_chain()
        self.step_owners_committees()
        self.step_companies()
        self.step_agreements()
        self.step_stations()
        self.step_service()
        self.step_activities()
        self.step_votes()
        self.step_whistles()
        return self.assemble()

    def step_places(self) -> None:
        rng = self.rng
        copies = max(1, round(self.n_communities / self.targets.communities))
        slots = [(d, c) for c in range(copies) for d in range(len(_DISTRICTS))]
        counts = _apportion(self.n_communities, [_DISTRICTS[d].communities for d, _ in slots])
        for (d, c), n in zip(slots, counts, strict=True):
            if n == 0:
                continue
            spec = _DISTRICTS[d]
            suffix = f"·{c + 1}" if c else ""
            district = f"d-{len(self.districts) + 1}"
            self.districts.append(District(id=district, name=spec.name + suffix))
            n_subs = max(1, min(n, round(len(spec.subdistricts) * n / spec.communities)))
            sizes = [n // n_subs + (1 if j < n % n_subs else 0) for j in range(n_subs)]
            rng.shuffle(sizes)
            lon0 = spec.centre[0] + 0.6 * c
            for j, size in enumerate(sizes):
                base = spec.subdistricts[j % len(spec.subdistricts)]
                again = j // len(spec.subdistricts)
                sub = f"s-{len(self.subdistricts) + 1}"
                self.subdistricts.append(
                    Subdistrict(
                        id=sub,
                        name=base + (f"{again + 1}" if again else "") + suffix,
                        district=district,
                    )
                )
                self.sub_communities.append([])
                for _ in range(size):
                    k = len(self.communities)
                    word = _PLACE_WORDS[k % len(_PLACE_WORDS)]
                    again = k // len(_PLACE_WORDS)
                    self.communities.append(
                        Community(
                            id=f"cm-{k + 1}",
                            name=f"{word}{again + 1 if again else ''}社区",
                            subdistrict=sub,
                        )
                    )
                    self.sub_communities[-1].append(k)
                    self.community_centre.append(
                        (lon0 + rng.gauss(0, 0.02), spec.centre[1] + rng.gauss(0, 0.02))
                    )
                    self.community_compounds.append([])

    def step_compounds(self) -> None:
        rng = self.rng
        n = self.n_communities
        total = min(max(self.quota(self.targets.compounds), 5 * n), 15 * n)
        sizes = rng.choices(_COMPOUNDS_PER_COMMUNITY, _COMPOUNDS_PER_COMMUNITY_WEIGHTS, k=n)
        low, high = _COMPOUNDS_PER_COMMUNITY[0], _COMPOUNDS_PER_COMMUNITY[-1]
        diff = total - sum(sizes)
        while diff:
            i = rng.randrange(n)
            if diff > 0 and sizes[i] < high:
                sizes[i] += 1
                diff -= 1
            elif diff < 0 and sizes[i] > low:
                sizes[i] -= 1
                diff += 1
        managed = min(self.quota(self.targets.managed), total)
        others = _apportion(total - managed, [share for _, share in _OTHER_KINDS])
        kinds = [CompoundKind.MANAGED] * managed
        for (kind, _), count in zip(_OTHER_KINDS, others, strict=True):
            kinds += [kind] * count
        rng.shuffle(kinds)
        for community, size in enumerate(sizes):
            lon, lat = self.community_centre[community]
            for _ in range(size):
                index = len(self.cpds)
                kind = kinds[index]
                median, sigma = _HOUSEHOLDS[kind]
                households = max(
                    _MIN_HOUSEHOLDS, round(rng.lognormvariate(math.log(median), sigma))
                )
                suffixes = _COMPOUND_SUFFIX[kind]
                word = _PLACE_WORDS[rng.randrange(len(_PLACE_WORDS))]
                name = f"{word}{suffixes[index % len(suffixes)]}"
                coordinates = (
                    round(lon + rng.gauss(0, 0.004), 5),
                    round(lat + rng.gauss(0, 0.004), 5),
                )
                cpd = _Cpd(index, name, community, kind, households, coordinates)
                self.cpds.append(cpd)
                self.community_compounds[community].append(index)
                self.add_parts(cpd)

    def add_parts(self, cpd: _Cpd) -> None:
        rng = self.rng
        lane = cpd.kind is CompoundKind.OLD_QUARTER
        per = _HOUSEHOLDS_PER_BUILDING[cpd.kind]
        n = round(cpd.households / per * _fraction(rng, 0.8, 1.25))
        n = min(max(n, 2 if lane else 1), 8 if lane else cpd.households)
        base, extra = divmod(cpd.households, n)
        for j in range(n):
            households = base + (1 if j < extra else 0)
            if lane:
                id = f"ln-{len(self.parts) + 1}"
                name = f"{_PLACE_WORDS[rng.randrange(len(_PLACE_WORDS))]}巷"
            else:
                id = f"b-{len(self.parts) + 1}"
                name = f"{j + 1}号楼"
            cpd.parts.append(len(self.parts))
            self.parts.append(_Part(id, name, cpd.index, households, lane))

    def step_people(self) -> None:
        rng = self.rng
        random_ = rng.random
        homes = self.homes
        ref_ord = self.ref_ord
        for cpd in self.cpds:
            share = _MEMBER_SHARE[cpd.kind]
            community = self.communities[cpd.community].id
            for part_index in cpd.parts:
                part = self.parts[part_index]
                for _ in range(part.households):
                    person = len(homes)
                    homes.append(part_index)
                    if random_() >= share:
                        cpd.others.append(person)
                        continue
                    category = rng.choices(_CATEGORIES, _CATEGORY_WEIGHTS)[0]
                    if random_() < _PROBATIONARY_SHARE:
                        standing = Standing.PROBATIONARY
                        joined = date.fromordinal(ref_ord - rng.randint(30, 360))
                        full_since = None
                    else:
                        standing = Standing.FULL
                        low, high = _PARTY_YEARS[category]
                        joined = date.fromordinal(
                            ref_ord - rng.randint(low, high) * 365 - rng.randint(0, 364)
                        )
                        full_since = joined + 365 * _DAY
                    r = random_()
                    identity = True if r < 0.78 else False if r < 0.93 else None
                    reported = None
                    if (
                        category is MemberCategory.IN_SERVICE
                        and random_() >= UNREPORTED_IN_SERVICE_SHARE
                    ):
                        reported = community
                    local = random_() < _LOCAL_REGISTRATION[category]
                    self.mem[person] = _Mem(
                        cpd.index, standing, category, local, joined, full_since, identity, reported
                    )
                    cpd.members.append(person)
                    part.members.append(person)

    def step_units(self) -> None:
        rng = self.rng
        n = self.n_communities
        plan = (
            [UnitKind.MUNICIPAL] * self.quota(self.targets.municipal_units)
            + [UnitKind.RESIDENT] * max(1, round(_RESIDENT_UNITS_PER_COMMUNITY * n))
            + [UnitKind.CO_BUILDING] * round(_CO_BUILDING_UNITS_PER_COMMUNITY * n)
        )
        for k, kind in enumerate(plan):
            community = rng.randrange(n)
            word = self.communities[community].name.removesuffix("社区")
            if kind is UnitKind.MUNICIPAL:
                name = _MUNICIPAL_UNITS[k % len(_MUNICIPAL_UNITS)]
                again = k // len(_MUNICIPAL_UNITS)
                name += f"第{again + 1}处" if again else ""
                reported: date | None = self.day(rng.randint(0, 700))
            elif kind is UnitKind.RESIDENT:
                name = word + _RESIDENT_UNITS[k % len(_RESIDENT_UNITS)]
                reported = self.day(rng.randint(0, 700)) if rng.random() < 0.8 else None
            else:
                name = word + _CO_BUILDING_UNITS[k % len(_CO_BUILDING_UNITS)]
                reported = self.day(rng.randint(0, 700)) if rng.random() < 0.3 else None
            org = self.new_org("uo", f"{name}党组织", OrgKind.UNIT_ORGANIZATION)
            self.unit_orgs.append(org)
            self.units.append(
                Unit(
                    id=f"u-{k + 1}",
                    name=name,
                    kind=kind,
                    community=self.communities[community].id,
                    reported_on=reported,
                    party_organization=org,
                )
            )

    def step_branches(self) -> None:
        rng = self.rng
        t = self.targets
        swc_of = {
            sub.id: self.new_org(
                "swc", sub.name + "大党工委", OrgKind.SUBDISTRICT_WORKING_COMMITTEE, covers=[sub.id]
            )
            for sub in self.subdistricts
        }
        self.working_committees.extend(swc_of.values())
        for community in self.communities:
            self.committee_ids.append(
                self.new_org(
                    "cc",
                    community.name + "大党委",
                    OrgKind.COMMUNITY_COMMITTEE,
                    parent=swc_of[community.subdistrict],
                    covers=[community.id],
                )
            )
        n = len(self.cpds)
        covered_target = round(t.organisation_coverage * n)
        open_areas = [c for c in self.cpds if c.kind is not CompoundKind.MANAGED]
        uncovered = _weighted_sample(
            rng,
            open_areas,
            [_UNCOVERED_WEIGHT[c.kind] for c in open_areas],
            min(n - covered_target, len(open_areas)),
        )
        branchless = rng.sample(
            uncovered, min(round(BRANCHLESS_COMPOUND_SHARE * n), len(uncovered))
        )
        for c in uncovered:
            c.reach = "grid"
        for c in branchless:
            c.reach = "none"
        # Standalone first, joint as the supplement.
        standalone: list[_Cpd] = []
        joint: list[list[_Cpd]] = [[] for _ in self.communities]
        for c in self.cpds:
            if c.reach:
                continue
            c.reach = "compound"
            full_local = sum(
                1 for p in c.members if self.mem[p].local and self.mem[p].standing is Standing.FULL
            )
            if c.kind is CompoundKind.MANAGED:
                eligible = (
                    c.households >= _STANDALONE_HOUSEHOLDS
                    and full_local >= _STANDALONE_FULL_MEMBERS
                )
                alone = (
                    rng.random() >= JOINT_ELIGIBLE_SHARE
                    if eligible
                    else rng.random() < _SMALL_STANDALONE_SHARE
                )
            else:
                alone = rng.random() < STANDALONE_OPEN_AREA_SHARE
            if alone:
                standalone.append(c)
            else:
                joint[c.community].append(c)
        for group in joint:
            if len(group) == 1:
                standalone.append(group.pop())
        groups = self.joint_groups(joint, self.quota(t.compound_branches) - len(standalone))
        standalone.sort(key=lambda c: c.index)
        for c in standalone:
            self.add_branch(
                f"{c.name}党支部", OrgKind.COMPOUND_BRANCH, Formation.STANDALONE, [c], [c.id]
            )
        for members in groups:
            name = f"{members[0].name}等{len(members)}个小区联合党支部"
            self.add_branch(
                name, OrgKind.COMPOUND_BRANCH, Formation.JOINT, members, [c.id for c in members]
            )
        # Courtyard grids for the open areas the compound branches leave.
        for k, compound_ids in enumerate(self.community_compounds):
            open_ = [self.cpds[i] for i in compound_ids if self.cpds[i].reach == "grid"]
            open_.sort(key=lambda c: c.coordinates)
            word = self.communities[k].name.removesuffix("社区")
            number = 0
            while open_:
                size = min(len(open_), rng.choice((1, 2, 2, 3, 3, 4)))
                members, open_ = open_[:size], open_[size:]
                grid = f"g-{len(self.grids) + 1}"
                number += 1
                self.grids.append(
                    Grid(
                        id=grid,
                        name=f"{word}第{number}网格",
                        community=self.communities[k].id,
                        compounds=[c.id for c in members],
                    )
                )
                courtyard = rng.random() < 0.4
                kind = OrgKind.COURTYARD_BRANCH if courtyard else OrgKind.GRID_BRANCH
                label = "院落党支部" if courtyard else "网格党支部"
                self.add_branch(f"{members[0].name}{label}", kind, None, members, [grid])

    def joint_groups(self, joint: list[list[_Cpd]], wanted: int) -> list[list[_Cpd]]:
        """Split each community's joint candidates into ``wanted`` groups of 2–5 in all."""
        rng = self.rng
        sizes = [len(g) for g in joint]
        low = [math.ceil(k / 5) for k in sizes]
        high = [k // 2 for k in sizes]
        wanted = min(max(wanted, sum(low)), sum(high))
        total = sum(sizes)
        counts = [
            min(max(round(k * wanted / total), lo), hi) if total else 0
            for k, lo, hi in zip(sizes, low, high, strict=True)
        ]
        step = 1 if wanted > sum(counts) else -1
        bound = high if step > 0 else low
        room = [i for i in range(len(sizes)) if counts[i] != bound[i]]
        for _ in range(abs(wanted - sum(counts))):
            i = room[rng.randrange(len(room))]
            counts[i] += step
            if counts[i] == bound[i]:
                room.remove(i)
        groups: list[list[_Cpd]] = []
        for candidates, g in zip(joint, counts, strict=True):
            if not g:
                continue
            group_sizes = [2] * g
            for _ in range(len(candidates) - 2 * g):
                open_ = [j for j, s in enumerate(group_sizes) if s < 5]
                group_sizes[open_[rng.randrange(len(open_))]] += 1
            ordered = sorted(candidates, key=lambda c: c.coordinates)
            start = 0
            for size in group_sizes:
                groups.append(ordered[start : start + size])
                start += size
        return groups

    def add_branch(
        self,
        name: str,
        kind: OrgKind,
        formation: Formation | None,
        compounds: list[_Cpd],
        covers: list[str],
    ) -> None:
        rng = self.rng
        if rng.random() < EXPIRED_BRANCH_TERM_SHARE:
            elected = self.day(rng.randint(_BRANCH_TERM_YEARS * 365 + 30, 6 * 365))
        else:
            elected = self.day(rng.randint(60, _BRANCH_TERM_YEARS * 365 - 30))
        community = compounds[0].community
        branch = _Br(
            f"br-{len(self.orgs) + 1}",
            name,
            kind,
            formation,
            community,
            [c.index for c in compounds],
            covers,
        )
        branch.elected_on = elected
        self.orgs.append(
            PartyOrganization(
                id=branch.id,
                name=name,
                kind=kind,
                parent=self.committee_ids[community],
                covers=tuple(covers),
                formation=formation,
                elected_on=elected,
            )
        )
        for c in compounds:
            c.branch = len(self.branches)
        self.branches.append(branch)

    def step_placement(self) -> None:
        rng = self.rng
        unit_orgs = self.unit_orgs
        for m in self.mem.values():
            cpd = self.cpds[m.compound]
            branch = self.branches[cpd.branch].id if cpd.branch is not None else None
            if m.local:
                m.registered_in = branch or self.committee_ids[cpd.community]
            else:
                m.registered_in = unit_orgs[rng.randrange(len(unit_orgs))]
                if branch is not None and rng.random() >= POCKET_MEMBER_SHARE:
                    m.managed_in = branch
        # Thin branches (NP103): move registrations away until fewer than three full remain.
        full = [len(self.placed_in(b)[0]) for b in self.branches]
        candidates = [i for i, f in enumerate(full) if f >= _STANDALONE_FULL_MEMBERS]
        wanted = round(THIN_BRANCH_SHARE * len(candidates))
        chosen = _weighted_sample(rng, candidates, [1.0 / full[i] for i in candidates], wanted)
        for i in sorted(chosen):
            thin_branch = self.branches[i]
            registered = self.placed_in(thin_branch)[0]
            keep = rng.randint(0, _STANDALONE_FULL_MEMBERS - 1)
            for p in registered[keep:]:
                m = self.mem[p]
                m.local = False
                m.registered_in = unit_orgs[rng.randrange(len(unit_orgs))]
                m.managed_in = thin_branch.id

    def make_member(self, person: int, registered_in: str, managed_in: str | None) -> None:
        """Turn a resident into an in-service full member (a staffer or a leader)."""
        rng = self.rng
        part = self.parts[self.homes[person]]
        cpd = self.cpds[part.compound]
        joined = self.day(rng.randint(3, 25) * 365)
        self.mem[person] = m = _Mem(
            cpd.index,
            Standing.FULL,
            MemberCategory.IN_SERVICE,
            False,
            joined,
            joined + 365 * _DAY,
            True,
            self.communities[cpd.community].id,
        )
        m.registered_in = registered_in
        m.managed_in = managed_in
        cpd.others.remove(person)
        cpd.members.append(person)
        part.members.append(person)

    def pick_resident(self, compounds: Sequence[int]) -> int | None:
        """A random non-member resident of one of the compounds, if there is one."""
        rng = self.rng
        for _ in range(20):
            cpd = self.cpds[compounds[rng.randrange(len(compounds))]]
            if cpd.others:
                return cpd.others[rng.randrange(len(cpd.others))]
        return None

    def step_staff(self) -> None:
        rng = self.rng
        for community, compound_ids in enumerate(self.community_compounds):
            n_staff = math.ceil(len(compound_ids) / rng.randint(3, 6))
            staff: list[int] = []
            for _ in range(n_staff):
                person = self.pick_resident(compound_ids)
                if person is None:
                    continue
                home = self.cpds[self.parts[self.homes[person]].compound]
                managed = self.branches[home.branch].id if home.branch is not None else None
                self.make_member(person, self.committee_ids[community], managed)
                staff.append(person)
            self.staff.append(staff)
            if not staff:
                continue
            start = self.day(rng.randint(200, 2000))
            self.appoint(staff[0], self.committee_ids[community], Role.SECRETARY, start)
            served = sorted(compound_ids, key=lambda i: self.cpds[i].coordinates)
            for j, ci in enumerate(served):
                cpd = self.cpds[ci]
                if cpd.reach != "none" and rng.random() < UNLINKED_COMPOUND_SHARE:
                    continue
                who = staff[j * len(staff) // len(served)]
                self.appoint(
                    who,
                    cpd.id,
                    Role.COMPOUND_SECRETARY,
                    self.day(rng.randint(30, 1500)),
                    dispatched=True,
                )
        # Sub-district leaders linked to compound contact points.
        linked = {a.body for a in self.appointments if a.role is Role.COMPOUND_SECRETARY}
        swc = self.working_committees
        for s, communities in enumerate(self.sub_communities):
            compounds = [i for k in communities for i in self.community_compounds[k]]
            points = [i for i in compounds if self.cpds[i].id in linked]
            for j in range(_LEADERS_PER_SUBDISTRICT):
                person = self.pick_resident(compounds)
                if person is None:
                    continue
                home = self.cpds[self.parts[self.homes[person]].compound]
                managed = self.branches[home.branch].id if home.branch is not None else None
                self.make_member(person, swc[s], managed)
                start = self.day(rng.randint(200, 2000))
                if j == 0:
                    self.appoint(person, swc[s], Role.SECRETARY, start)
                for ci in rng.sample(points, min(len(points), rng.randint(2, 5))):
                    self.appoint(person, self.cpds[ci].id, Role.LIAISON, start)

    def step_leadership(self) -> None:
        rng = self.rng
        sec_start: dict[int, date] = {}
        for i, branch in enumerate(self.branches):
            registered, managed = self.placed_in(branch)
            candidates = registered or managed
            r = rng.random()
            if r < VACANT_SECRETARY_SHARE:
                if candidates:
                    left = self.day(rng.randint(20, 250))
                    former = candidates[rng.randrange(len(candidates))]
                    self.appoint(
                        former,
                        branch.id,
                        Role.SECRETARY,
                        left - rng.randint(365, 1500) * _DAY,
                        left,
                    )
                continue
            staff = self.staff[branch.community]
            if staff and (
                not candidates or r < VACANT_SECRETARY_SHARE + _DISPATCHED_SECRETARY_SHARE
            ):
                branch.secretary = staff[rng.randrange(len(staff))]
                branch.dispatched = True
            elif candidates:
                branch.secretary = candidates[rng.randrange(len(candidates))]
                if rng.random() >= UNASSESSED_SECRETARY_SHARE:
                    self.assess(branch.secretary, branch.elected_on, met=True)
                elif rng.random() < 1 / 3:
                    self.assess(branch.secretary, branch.elected_on, met=False)
            else:
                continue
            sec_start[i] = branch.elected_on
            # A branch committee for branches of seven full members or more.
            if (
                len(registered) >= _BRANCH_COMMITTEE_FROM
                and rng.random() >= NO_BRANCH_COMMITTEE_SHARE
            ):
                pool = [p for p in registered if p != branch.secretary]
                chosen = rng.sample(pool, min(len(pool), rng.randint(2, 4)))
                self.branch_posts.update(chosen)
                for k, p in enumerate(chosen):
                    role = (
                        Role.DEPUTY_SECRETARY
                        if k == 0 and rng.random() < 0.25
                        else Role.BRANCH_COMMITTEE_MEMBER
                    )
                    self.appoint(p, branch.id, role, branch.elected_on)
        self.place_cadres()
        for i, start in sec_start.items():
            branch = self.branches[i]
            assert branch.secretary is not None
            self.appoint(
                branch.secretary, branch.id, Role.SECRETARY, start, dispatched=branch.dispatched
            )
        # Some cadres hold no compound post; they do not count among the 83.
        posts = {b.secretary for b in self.branches}
        for p, m in self.mem.items():
            if m.category is MemberCategory.IN_SERVICE and p not in self.cadre and p not in posts:
                r = rng.random()
                if r < 0.02:
                    self.cadre[p] = CadreLevel.SECTION
                elif r < 0.023:
                    self.cadre[p] = CadreLevel.DIVISION

    def assess(self, person: int, before: date, *, met: bool) -> None:
        self.four_haves[person] = FourHaves(
            capability=True,
            prestige=met,
            public_spirit=True,
            enthusiasm=True,
            assessed_on=before - self.rng.randint(10, 60) * _DAY,
        )

    def place_cadres(self) -> None:
        """Division-level cadres as secretary or first secretary of compound branches [建强-3]."""
        rng = self.rng
        wanted = self.quota(self.targets.division_cadres)
        candidates = [
            b
            for b in self.branches
            if b.kind is OrgKind.COMPOUND_BRANCH and b.secretary is not None
        ]
        weights = [
            3.0 if b.formation is Formation.STANDALONE and not b.dispatched else 1.0
            for b in candidates
        ]
        placed = 0
        for branch in _weighted_sample(rng, candidates, weights, len(candidates)):
            if placed == wanted:
                break
            pool = [
                p
                for ci in branch.compounds
                for p in self.cpds[ci].members
                if self.mem[p].standing is Standing.FULL
                and self.mem[p].category is MemberCategory.IN_SERVICE
                and p != branch.secretary
                and p not in self.cadre
                and p not in self.branch_posts
                and branch.id in (self.mem[p].registered_in, self.mem[p].managed_in)
            ]
            if not pool:
                continue
            cadre = pool[rng.randrange(len(pool))]
            self.cadre[cadre] = CadreLevel.DIVISION if rng.random() < 0.85 else CadreLevel.BUREAU
            if rng.random() < _CADRE_AS_SECRETARY_SHARE:
                branch.secretary = cadre
                branch.dispatched = False
                self.assess(cadre, branch.elected_on, met=True)
            else:
                self.appoint(cadre, branch.id, Role.FIRST_SECRETARY, branch.elected_on)
            placed += 1

    def step_chain(self) -> None:
        """Building and lane groups, group leaders, building heads and central households."""
        rng = self.rng
        for branch in self.branches:
            placed = {branch.id}
            for ci in branch.compounds:
                cpd = self.cpds[ci]
                if rng.random() < CHAINLESS_COMPOUND_SHARE:
                    continue
                parts = cpd.parts
                lanes = self.parts[parts[0]].lane
                start = 0
                number = 0
                while start < len(parts):
                    size = rng.randint(1, 3) if lanes else rng.randint(3, 8)
                    chunk = parts[start : start + size]
                    start += size
                    number += 1
                    kind = OrgKind.LANE_GROUP if lanes else OrgKind.BUILDING_GROUP
                    label = (
                        f"{self.parts[chunk[0]].name}街巷党小组"
                        if lanes
                        else f"{cpd.name}第{number}楼栋党小组"
                    )
                    group = self.new_org(
                        "grp",
                        label,
                        kind,
                        parent=branch.id,
                        covers=[self.parts[k].id for k in chunk],
                    )
                    residents = [p for k in chunk for p in self.parts[k].members]
                    leaders = [
                        p
                        for p in residents
                        if placed & {self.mem[p].registered_in, self.mem[p].managed_in}
                    ] or residents
                    if leaders:
                        self.appoint(
                            leaders[rng.randrange(len(leaders))],
                            group,
                            Role.GROUP_LEADER,
                            branch.elected_on,
                        )
                    for k in chunk:
                        part = self.parts[k]
                        if not part.members:
                            continue
                        start_on = self.day(rng.randint(30, 1500))
                        if rng.random() < 0.75:
                            head = part.members[rng.randrange(len(part.members))]
                            self.appoint(head, part.id, Role.BUILDING_HEAD, start_on)
                        if rng.random() < 0.3:
                            household = part.members[rng.randrange(len(part.members))]
                            self.appoint(household, part.id, Role.CENTRAL_HOUSEHOLD, start_on)

    def step_owners_committees(self) -> None:
        rng = self.rng
        t = self.targets
        managed = [c for c in self.cpds if c.kind is CompoundKind.MANAGED]
        chosen = _weighted_sample(
            rng,
            managed,
            [3.0 if c.households >= _STANDALONE_HOUSEHOLDS else 1.0 for c in managed],
            min(self.quota(t.committees), len(managed)),
        )
        chosen.sort(key=lambda c: c.index)
        # The secretaries in office of the branch covering each compound.
        secretary_of: dict[int, int] = {}
        for b in self.branches:
            if b.secretary is not None:
                for ci in b.compounds:
                    secretary_of[ci] = b.secretary
        sizes: list[int] = []
        for c in chosen:
            if c.households <= _STANDALONE_HOUSEHOLDS:
                size = rng.choice((3, 5))
            else:
                size = rng.choices((5, 7, 9, 11), (0.35, 0.4, 0.18, 0.07))[0]
            if rng.random() < EVEN_COMMITTEE_SHARE:
                size += 1
            sizes.append(min(size, c.households))
        n = len(chosen)
        lives_there = [
            c.index in secretary_of and self.mem[secretary_of[c.index]].compound == c.index
            for c in chosen
        ]
        usable = [[p for p in c.members if p != secretary_of.get(c.index)] for c in chosen]
        sc_candidates = [k for k in range(n) if lives_there[k]]
        sc = set(rng.sample(sc_candidates, min(len(sc_candidates), self.quota(t.secretary_chairs))))
        mc_candidates = [k for k in range(n) if k not in sc and usable[k]]
        mc = set(
            rng.sample(
                mc_candidates,
                min(len(mc_candidates), max(0, self.quota(t.member_chairs) - len(sc))),
            )
        )
        available = [len(usable[k]) + (1 if k in sc else 0) for k in range(n)]
        red_candidates = [k for k in range(n) if available[k] >= (sizes[k] + 1) // 2]
        red = set(
            _weighted_sample(
                rng,
                red_candidates,
                [3.0 if k in sc or k in mc else 1.0 for k in red_candidates],
                self.quota(t.red_committees),
            )
        )
        low = [
            (sizes[k] + 1) // 2 if k in red else (1 if k in sc or k in mc else 0) for k in range(n)
        ]
        # A red committee may be all members only when its chair is one.
        high = [
            min(
                (sizes[k] if k in sc or k in mc else sizes[k] - 1)
                if k in red
                else (sizes[k] - 1) // 2,
                available[k],
            )
            for k in range(n)
        ]
        high = [max(h, lo) for h, lo in zip(high, low, strict=True)]
        seats = list(low)
        slots = [k for k in range(n) for _ in range(high[k] - low[k])]
        for k in rng.sample(
            slots, min(len(slots), max(0, self.quota(t.committee_members) - sum(low)))
        ):
            seats[k] += 1
        for k, c in enumerate(chosen):
            self.add_committee(
                c,
                sizes[k],
                seats[k],
                secretary_of.get(c.index) if k in sc else None,
                k in mc,
                usable[k],
            )

    def add_committee(
        self,
        cpd: _Cpd,
        size: int,
        member_seats: int,
        secretary: int | None,
        member_chair: bool,
        usable: list[int],
    ) -> None:
        rng = self.rng
        expired = rng.random() < OUT_OF_TERM_COMMITTEE_SHARE
        if expired:
            start = self.day(rng.randint(_COMMITTEE_TERM_YEARS * 365 + 30, 8 * 365))
        else:
            start = self.day(rng.randint(30, _COMMITTEE_TERM_YEARS * 365 - 30))
        covered = (
            cpd.branch is not None and self.branches[cpd.branch].kind is OrgKind.COMPOUND_BRANCH
        )

        def lead() -> ElectionLead | None:
            if covered and rng.random() >= ELECTION_NOT_LED_SHARE:
                return ElectionLead.COMPOUND_BRANCH
            return rng.choices(_OTHER_LEADS, _OTHER_LEAD_WEIGHTS)[0]

        if not expired and rng.random() < _PREVIOUS_TERM_SHARE:
            self.committees.append(
                OwnersCommittee(
                    id=f"oc-{len(self.committees) + 1}",
                    compound=cpd.id,
                    term_start=_add_years(start, -_COMMITTEE_TERM_YEARS),
                    term_end=start - _DAY,
                    election_led_by=lead(),
                )
            )
        committee = f"oc-{len(self.committees) + 1}"
        self.committees.append(
            OwnersCommittee(
                id=committee,
                compound=cpd.id,
                term_start=start,
                term_end=_add_years(start, _COMMITTEE_TERM_YEARS) - _DAY,
                election_led_by=lead(),
            )
        )
        pool = list(usable)
        rng.shuffle(pool)
        others = rng.sample(cpd.others, min(len(cpd.others), size - member_seats))
        if secretary is not None:
            chair, members = secretary, pool[: member_seats - 1]
        elif member_chair:
            chair, members = pool[0], pool[1:member_seats]
        else:
            chair, others = others[0], others[1:]
            members = pool[:member_seats]
        seated = members + others
        rng.shuffle(seated)
        vice = 2 if size >= 7 else 1
        self.appoint(chair, committee, Role.OWNERS_CHAIR, start)
        for j, p in enumerate(seated):
            self.appoint(
                p, committee, Role.OWNERS_VICE_CHAIR if j < vice else Role.OWNERS_MEMBER, start
            )

    def step_companies(self) -> None:
        rng = self.rng
        t = self.targets
        managed = [c for c in self.cpds if c.kind is CompoundKind.MANAGED]
        n = min(len(managed), max(1, self.quota(t.companies)))
        if not managed:
            return
        order = list(managed)
        rng.shuffle(order)
        owner = list(range(n)) + rng.choices(
            range(n), [rng.paretovariate(1.5) for _ in range(n)], k=len(order) - n
        )
        served: list[list[str]] = [[] for _ in range(n)]
        for c, k in sorted(zip(order, owner, strict=True), key=lambda pair: pair[0].index):
            served[k].append(c.id)
        with_org = set(rng.sample(range(n), min(n, self.quota(t.companies_with_organisation))))
        for k in range(n):
            again = k // len(_PLACE_WORDS)
            word = _PLACE_WORDS[k % len(_PLACE_WORDS)] + (f"{again + 1}" if again else "")
            name = f"{word}物业服务有限公司"
            org = (
                self.new_org("po", f"{name}党支部", OrgKind.COMPANY_ORGANIZATION)
                if k in with_org
                else None
            )
            self.companies.append(
                PropertyCompany(
                    id=f"pm-{k + 1}", name=name, compounds=served[k], party_organization=org
                )
            )

    def step_agreements(self) -> None:
        rng = self.rng
        weight = {UnitKind.MUNICIPAL: 4.0, UnitKind.CO_BUILDING: 8.0, UnitKind.RESIDENT: 1.0}
        chosen = _weighted_sample(
            rng,
            self.units,
            [weight[u.kind] for u in self.units],
            self.quota(self.targets.agreement_units),
        )
        community_index = {c.id: k for k, c in enumerate(self.communities)}
        for unit in sorted(chosen, key=lambda u: int(u.id[2:])):
            k = community_index[unit.community or ""]
            branches = [
                self.branches[b].id
                for b in {self.cpds[ci].branch for ci in self.community_compounds[k]}
                if b is not None and self.branches[b].kind is OrgKind.COMPOUND_BRANCH
            ]
            branches.sort()
            org = (
                branches[rng.randrange(len(branches))]
                if branches and rng.random() < 0.4
                else self.committee_ids[k]
            )
            signed = self.day(rng.randint(10, 3 * 365 - 10))
            self.agreements.append(
                CoBuildingAgreement(
                    id=f"ag-{len(self.agreements) + 1}",
                    unit=unit.id,
                    organization=org,
                    signed_on=signed,
                    ends_on=_add_years(signed, 3) - _DAY,
                )
            )

    def step_stations(self) -> None:
        rng = self.rng
        weight = {"compound": 2.0, "grid": 1.0, "none": 0.5}
        chosen = _weighted_sample(
            rng,
            self.cpds,
            [weight[c.reach] * (1.5 if c.kind is CompoundKind.MANAGED else 1.0) for c in self.cpds],
            min(self.quota(self.targets.stations), len(self.cpds)),
        )
        for c in sorted(chosen, key=lambda c: c.index):
            self.add_station(f"{c.name}党群服务站", c.id, StationKind.COMPOUND_STATION)
        for community in self.communities:
            self.add_station(
                f"{community.name}党群服务中心", community.id, StationKind.COMMUNITY_CENTRE
            )
        for sub in self.subdistricts:
            self.add_station(f"{sub.name}党群服务中心", sub.id, StationKind.SUBDISTRICT_CENTRE)

    def add_station(self, name: str, place: str, kind: StationKind) -> None:
        self.stations.append(
            ServiceStation(
                id=f"st-{len(self.stations) + 1}",
                name=name,
                place=place,
                kind=kind,
                opened_on=self.day(self.rng.randint(30, 5 * 365)),
            )
        )

    def step_service(self) -> None:
        """Demand lists, members' claims, and the communities' service projects."""
        rng = self.rng
        compound_branches = {b.id for b in self.branches if b.kind is OrgKind.COMPOUND_BRANCH}
        for c in self.cpds:
            if c.branch is None:
                continue
            names = rng.sample(_SERVICE_ITEMS, rng.randint(3, 6))
            ids = []
            for name in names:
                id = f"si-{len(self.items) + 1}"
                self.items.append(ServiceItem(id=id, compound=c.id, name=name))
                ids.append(id)
            self.items_of[c.index] = ids
        claim_until = self.ref_ord - 30
        for p, m in self.mem.items():
            items = self.items_of.get(m.compound)
            if not items or not (
                m.registered_in in compound_branches or m.managed_in in compound_branches
            ):
                continue
            r = rng.random()
            if r < CLAIM_BREACH_SHARE * 0.75:
                k = 0
            elif r < CLAIM_BREACH_SHARE:
                k = 3
            else:
                k = 1 if rng.random() < 0.55 else 2
            claimed = []
            for item in rng.sample(items, min(k, len(items))):
                on = self.day_this_year(until=claim_until)
                self.claims.append(
                    ServiceClaim(
                        id=f"cl-{len(self.claims) + 1}",
                        person=self.person_id(p),
                        item=item,
                        claimed_on=on,
                    )
                )
                claimed.append((item, on))
            self.claims_of[p] = claimed
        for community in self.communities:
            projects = []
            for name in rng.sample(_PROJECTS, _PROJECTS_PER_COMMUNITY):
                held = self.day_this_year()
                id = f"sp-{len(self.projects) + 1}"
                self.projects.append(
                    ServiceProject(id=id, name=name, place=community.id, held_on=held)
                )
                projects.append((id, held))
            self.projects_of.append(projects)

    def step_activities(self) -> None:
        """Member activities from 1 January to the reference date, about eight per member."""
        rng = self.rng
        random_ = rng.random
        first, last = self.year_start, self.ref_ord
        span = last - first + 1
        dues = [date(self.year, month, 1).toordinal() for month in (1, 4, 7, 10)]
        months = [date(self.year, month, 1).toordinal() for month in range(1, self.ref.month + 1)]
        inactive_until = last - 200
        acts = self.activities
        kinds = ActivityKind
        fromordinal = date.fromordinal
        for p, m in self.mem.items():
            person = self.person_id(p)
            branch = m.managed_in or m.registered_in
            until = inactive_until if random_() < INACTIVE_MEMBER_SHARE else last
            events: list[tuple[int, ActivityKind, str | None, float | None]] = [
                (month + 2 + int(random_() * 23), kinds.DUES_PAID, None, None) for month in dues
            ]
            one = int(random_() * len(months))
            other = (one + 1 + int(random_() * (len(months) - 1))) % len(months)
            for month in (months[one], months[other]):
                events.append((month + int(random_() * 28), kinds.THEME_PARTY_DAY, branch, None))
            if random_() < 0.5:
                events.append((first + int(random_() * span), kinds.BRANCH_MEETING, branch, None))
            if random_() < 0.4:
                hours = (1.0, 1.5, 2.0, 3.0, 4.0)[int(random_() * 5)]
                events.append((first + int(random_() * span), kinds.VOLUNTEER_SERVICE, None, hours))
            for item, claimed in self.claims_of.get(p, ()):
                if random_() < 0.6:
                    on = claimed.toordinal()
                    done = on + int(random_() * (last - on + 1))
                    events.append((done, kinds.SERVICE_ITEM_DONE, item, None))
            if random_() < 0.2:
                projects = self.projects_of[self.cpds[m.compound].community]
                project, held = projects[int(random_() * len(projects))]
                signed = max(first, held.toordinal() - 1 - int(random_() * 14))
                events.append((signed, kinds.PROJECT_SIGN_UP, project, None))
                if random_() < 0.85:
                    events.append((held.toordinal(), kinds.PROJECT_CHECK_IN, project, None))
            events.sort(key=lambda e: e[0])
            for on, kind, ref_id, spent in events:
                if on > until:
                    continue
                acts.append(
                    Activity(
                        id=f"ac-{len(acts) + 1}",
                        person=person,
                        kind=kind,
                        on=fromordinal(on),
                        ref=ref_id,
                        hours=spent,
                    )
                )

    def step_votes(self) -> None:
        rng = self.rng
        matters = [m for m, _, _ in _MATTERS]
        weights = [w for _, w, _ in _MATTERS]
        titles = {m: title for m, _, title in _MATTERS}
        current = {oc.compound for oc in self.committees}
        for c in self.cpds:
            if c.id not in current:
                continue
            for _ in range(rng.choices((0, 1, 2), (0.35, 0.45, 0.2))[0]):
                matter = rng.choices(matters, weights)[0]
                held = self.day_this_year()
                needed = 0.75 if matter in _THREE_QUARTERS else 0.5
                failed = rng.random() < FAILED_VOTE_SHARE
                short_of_owners = failed and rng.random() < 0.5
                turnout = (
                    _fraction(rng, 0.45, 0.64) if short_of_owners else _fraction(rng, 0.68, 0.95)
                )
                support = (
                    _fraction(rng, max(0.2, needed - 0.2), needed - 0.01)
                    if failed and not short_of_owners
                    else _fraction(rng, needed + 0.02, 0.97)
                )
                area = round(c.households * _fraction(rng, 75.0, 110.0), 1)
                voters = round(c.households * turnout)
                voted_area = min(area, round(area * (turnout + rng.uniform(-0.02, 0.02)), 1))
                vote = f"v-{len(self.votes) + 1}"
                self.votes.append(
                    OwnersVote(
                        id=vote,
                        compound=c.id,
                        matter=matter,
                        held_on=held,
                        total_area=area,
                        total_owners=c.households,
                        participating_area=voted_area,
                        participating_owners=voters,
                        area_for=min(voted_area, round(voted_area * support, 1)),
                        owners_for=min(voters, round(voters * support)),
                        title=titles[matter],
                    )
                )
                if c.branch is None:
                    continue
                deliberate = (
                    rng.random() >= UNDELIBERATED_MAJOR_VOTE_SHARE
                    if matter.is_major
                    else rng.random() < 0.3
                )
                if deliberate:
                    self.deliberations.append(
                        Deliberation(
                            id=f"dl-{len(self.deliberations) + 1}",
                            organization=self.branches[c.branch].id,
                            vote=vote,
                            held_on=held - rng.randint(3, 20) * _DAY,
                        )
                    )

    def step_whistles(self) -> None:
        rng = self.rng
        for c in self.cpds:
            for _ in range(rng.choices((0, 1, 2, 3), (0.3, 0.4, 0.2, 0.1))[0]):
                r = rng.random()
                if r < UNANSWERED_WHISTLE_SHARE:
                    raised = self.day_this_year(until=self.ref_ord - 31)
                    answered = None
                else:
                    raised = self.day_this_year()
                    answered = raised + rng.randint(1, 20) * _DAY
                    if answered > self.ref:
                        answered = None
                self.whistles.append(
                    Whistle(
                        id=f"w-{len(self.whistles) + 1}",
                        compound=c.id,
                        raised_on=raised,
                        matter=_WHISTLE_MATTERS[rng.randrange(len(_WHISTLE_MATTERS))],
                        department=_DEPARTMENTS[rng.randrange(len(_DEPARTMENTS))],
                        answered_on=answered,
                    )
                )

    def assemble(self) -> City:
        buildings: list[Building] = []
        lanes: list[Lane] = []
        for part in self.parts:
            if part.lane:
                lanes.append(
                    Lane(
                        id=part.id,
                        name=part.name,
                        compound=self.cpds[part.compound].id,
                        households=part.households,
                    )
                )
            else:
                buildings.append(
                    Building(
                        id=part.id,
                        compound=self.cpds[part.compound].id,
                        households=part.households,
                        name=part.name,
                    )
                )
        compounds = [
            Compound(
                id=c.id,
                name=c.name,
                community=self.communities[c.community].id,
                households=c.households,
                kind=c.kind,
                residents=round(c.households * _RESIDENTS_PER_HOUSEHOLD),
                coordinates=c.coordinates,
            )
            for c in self.cpds
        ]
        part_ids = [part.id for part in self.parts]
        n_surnames, n_given = len(_SURNAMES), len(_GIVEN)
        mem = self.mem
        cadre = self.cadre
        four_haves = self.four_haves
        people = []
        for p, home in enumerate(self.homes):
            m = mem.get(p)
            party = (
                None
                if m is None
                else Membership(
                    standing=m.standing,
                    category=m.category,
                    registered_in=m.registered_in,
                    managed_in=m.managed_in,
                    joined=m.joined,
                    full_since=m.full_since,
                    identity_shown=m.identity,
                    reported_to=m.reported_to,
                )
            )
            people.append(
                Person(
                    id=self.person_id(p),
                    name=_SURNAMES[p % n_surnames] + _GIVEN[(p // n_surnames + 7 * p) % n_given],
                    home=part_ids[home],
                    party=party,
                    cadre_level=cadre.get(p),
                    four_haves=four_haves.get(p),
                )
            )
        return City(
            id=f"xm-synth-{self.year}",
            name=f"厦门 (synthetic, {self.year}, seed {self.seed}, scale {self.scale:g})",
            districts=self.districts,
            subdistricts=self.subdistricts,
            communities=self.communities,
            compounds=compounds,
            buildings=buildings,
            lanes=lanes,
            grids=self.grids,
            people=people,
            organizations=self.orgs,
            appointments=self.appointments,
            committees=self.committees,
            companies=self.companies,
            units=self.units,
            agreements=self.agreements,
            stations=self.stations,
            service_items=self.items,
            claims=self.claims,
            projects=self.projects,
            votes=self.votes,
            deliberations=self.deliberations,
            whistles=self.whistles,
            activities=self.activities,
        )


def city(*, seed: int = 0, scale: float = 1.0, year: int = 2020) -> City:
    """A deterministic synthetic Xiamen-like city (合成城市) calibrated to a year's figures.

    See the module documentation for the model of the city and the breaches it contains. At
    ``scale=1`` a 2020 city has 374 communities, 2 992 compounds, about 42 000 buildings,
    290 000 people (27 000 of them party members) and 215 000 activity records; it builds in
    about two seconds. The number of communities, and every count with it, grows linearly with
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
        ValueError: ``year`` is not supported, or ``scale`` is not a positive finite number.

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
        ValueError: year must be one of 2020, 2024, got 2021
    """
    targets = _check_arguments(year, scale)
    with paused_gc():
        return _Builder(seed, scale, year, targets).build()


# --------------------------------------------------------------------------- calibration


@attrs.frozen(kw_only=True)
class Figure:
    """A published figure set beside the value a city gives for it.

    Args:
        name: The figure's key, e.g. ``"secretary_chairs"``.
        published: The number as published, for the whole of Xiamen.
        value: The city's value, computed from its entities.
        source: Where the number is published: a seed paragraph tag (``"[健全-1]"``) or a
            document number.
        expected: What the city should show: ``published`` scaled like the city for a count,
            ``published`` itself for a share (the default).

    Examples:
        >>> f = Figure(name="secretary_chairs", published=98, value=95, source="[健全-1]")
        >>> round(f.ratio, 3), f.within(0.05), f.within(0.01)
        (0.969, True, False)
    """

    name: str
    published: float
    value: float
    source: str
    expected: float = attrs.field(
        default=attrs.Factory(lambda self: self.published, takes_self=True)
    )

    @property
    def ratio(self) -> float:
        """``value / expected``: 1.0 when the city matches the figure exactly.

        Examples:
            >>> Figure(name="x", published=10, value=12, source="s").ratio
            1.2
        """
        if self.expected == 0:
            return 1.0 if self.value == 0 else math.inf
        return self.value / self.expected

    def within(self, tolerance: float) -> bool:
        """Whether the value lies within ``tolerance`` (a fraction, 0.05 for 5 %) of expected.

        Examples:
            >>> Figure(name="x", published=100, value=104, source="s").within(0.05)
            True
        """
        return abs(self.ratio - 1.0) <= tolerance


_REPORT_2024 = "厦住建综函〔2024〕66号"


def _count_communities(city: City, on: date) -> float:
    return len(city.communities)


def _count_compounds(city: City, on: date) -> float:
    return len(city.compounds)


def _count_compound_branches(city: City, on: date) -> float:
    return sum(1 for o in city.organizations if o.kind is OrgKind.COMPOUND_BRANCH)


def _organisation_coverage(city: City, on: date) -> float:
    return (
        graph.coverage(city, by="city", on=on)[city.id].organization_rate if city.compounds else 0.0
    )


def _work_coverage(city: City, on: date) -> float:
    return graph.coverage(city, by="city", on=on)[city.id].work_rate if city.compounds else 0.0


def _in_force(city: City, on: date, roles: frozenset[Role]) -> list[Appointment]:
    return [a for a in city.appointments if a.role in roles and a.in_force(on)]


def _person(city: City, id: str) -> Person:
    person = city.get(id)
    assert isinstance(person, Person)
    return person


def _org(city: City, id: str) -> PartyOrganization:
    org = city.get(id)
    assert isinstance(org, PartyOrganization)
    return org


_SECRETARIES = frozenset({Role.SECRETARY, Role.FIRST_SECRETARY})


def _count_division_cadres(city: City, on: date) -> float:
    found = set()
    for a in _in_force(city, on, _SECRETARIES):
        if _org(city, a.body).kind is OrgKind.COMPOUND_BRANCH:
            level = _person(city, a.person).cadre_level
            if level is not None and level.is_division_or_above:
                found.add(a.person)
    return len(found)


def _count_stations(city: City, on: date) -> float:
    return len(
        {
            s.place
            for s in city.stations
            if s.kind is StationKind.COMPOUND_STATION and (s.opened_on is None or s.opened_on <= on)
        }
    )


def _count_secretary_chairs(city: City, on: date) -> float:
    return graph.number_of_dual_role_secretaries(city, on=on)


def _count_member_chairs(city: City, on: date) -> float:
    return len(graph.chairs_who_are_members(city, on=on))


def _count_committee_members(city: City, on: date) -> float:
    return len(graph.members_on_committees(city, on=on))


def _count_committees(city: City, on: date) -> float:
    return len({oc.compound for oc in city.committees if oc.term_start <= on})


def _count_red_committees(city: City, on: date) -> float:
    return len({oc.compound for oc in graph.red_committees(city, RED_COMMITTEE_SHARE, on=on)})


def _count_managed(city: City, on: date) -> float:
    return len({c for company in city.companies for c in company.compounds})


def _count_companies_with_organisation(city: City, on: date) -> float:
    return sum(1 for company in city.companies if company.party_organization is not None)


def _count_municipal_units(city: City, on: date) -> float:
    return sum(
        1
        for u in city.units
        if u.kind is UnitKind.MUNICIPAL
        and u.community is not None
        and u.reported_on is not None
        and u.reported_on <= on
    )


def _count_agreement_units(city: City, on: date) -> float:
    return len(
        {
            ag.unit
            for ag in city.agreements
            if ag.signed_on <= on and (ag.ends_on is None or on <= ag.ends_on)
        }
    )


@attrs.frozen
class _Published:
    name: str
    published: float
    share: bool
    source: str
    compute: Callable[[City, date], float]


_PUBLISHED: Mapping[int, tuple[_Published, ...]] = {
    2020: (
        _Published("communities", 374, False, "[intro]", _count_communities),
        _Published("compound_branches", 1400, False, "[建强-2]", _count_compound_branches),
        _Published("organisation_coverage", 0.90, True, "[建强-2]", _organisation_coverage),
        _Published("work_coverage", 1.00, True, "[建强-2]", _work_coverage),
        _Published("division_cadres", 83, False, "[建强-3]", _count_division_cadres),
        _Published("compound_stations", 1100, False, "[打造-1]", _count_stations),
        _Published("secretary_chairs", 98, False, "[健全-1]", _count_secretary_chairs),
        _Published("member_chairs", 211, False, "[健全-1]", _count_member_chairs),
        _Published("committee_members", 725, False, "[健全-1]", _count_committee_members),
        _Published("municipal_units_reported", 104, False, "[健全-3]", _count_municipal_units),
        _Published("co_building_units", 407, False, "[健全-3]", _count_agreement_units),
    ),
    2024: (
        _Published("compounds", 2853, False, _REPORT_2024, _count_compounds),
        _Published("managed_compounds", 1439, False, _REPORT_2024, _count_managed),
        _Published("owners_committees", 1116, False, _REPORT_2024, _count_committees),
        _Published("compound_branches", 1551, False, _REPORT_2024, _count_compound_branches),
        _Published("secretary_chairs", 427, False, _REPORT_2024, _count_secretary_chairs),
        _Published("committee_members", 2397, False, _REPORT_2024, _count_committee_members),
        _Published("red_committees", 281, False, _REPORT_2024, _count_red_committees),
        _Published(
            "companies_with_organisation",
            182,
            False,
            _REPORT_2024,
            _count_companies_with_organisation,
        ),
    ),
}


def calibration(city: City, *, year: int = 2020, scale: float = 1.0) -> tuple[Figure, ...]:
    """Each figure published for ``year``, beside the value ``city`` gives for it.

    Values are computed from the city's entities and indexes, never taken from the generator,
    so any city (synthetic or real) can be set beside the published figures. Posts and terms
    count when in force on :func:`reference_date` of ``year``. Counts are compared with the
    published number times ``scale``; shares are compared as they are.

    The figures of 2020 (the seed, paragraph tags of ``DOMAIN.md``):

    - ``communities`` [intro]: communities of the city (374).
    - ``compound_branches`` [建强-2]: organisations of kind compound branch, standalone or
      joint (1 400+).
    - ``organisation_coverage`` [建强-2]: the share of compounds covered by a compound branch,
      their own or a joint one (90 %).
    - ``work_coverage`` [建强-2]: the share of compounds covered by any branch (compound,
      courtyard or grid; through a grid too) or served by a dispatched compound secretary in
      office (100 %).
    - ``division_cadres`` [建强-3]: persons of division level or above (处级以上) holding, in
      force, the post of secretary or first secretary of a compound branch (83).
    - ``compound_stations`` [打造-1]: compounds with a compound service station opened by then
      (1 100+).
    - ``secretary_chairs`` [健全-1]: persons holding, in force, the post of secretary of a
      branch covering compound X and the chair of an owners' committee of X, each counted once
      (一肩挑, 98).
    - ``member_chairs`` [健全-1]: party members holding an owners' committee chair in force
      (211).
    - ``committee_members`` [健全-1]: party members holding any owners' committee post (chair,
      vice-chair, member) in force, each counted once (725).
    - ``municipal_units_reported`` [健全-3]: municipal units (市直单位) linked to a community
      that reported (双报到) by then (104).
    - ``co_building_units`` [健全-3]: units with a co-building agreement in force (407).

    The figures of 2024 (厦住建综函〔2024〕66号):

    - ``compounds``: compounds of the city (2 853).
    - ``managed_compounds``: compounds a property company manages (1 439).
    - ``owners_committees``: compounds with an owners' committee formed by then (1 116).
    - ``compound_branches``, ``secretary_chairs``, ``committee_members``: as for 2020 (1 551,
      427, 2 397).
    - ``red_committees``: compounds whose current owners' committee (the latest term begun by
      then) has party members in at least :data:`RED_COMMITTEE_SHARE` of the posts in force
      (281).
    - ``companies_with_organisation``: property companies with a party organisation (182).

    Args:
        city: Any city.
        year: The year whose figures to use, one of :data:`SUPPORTED_YEARS`.
        scale: The city's size relative to Xiamen, as given to :func:`city`.

    Returns:
        One :class:`Figure` per published figure, in the order above.

    Raises:
        ValueError: ``year`` is not supported, or ``scale`` is not a positive finite number.

    Examples:
        >>> small = city(seed=1, scale=0.01)
        >>> figures = {f.name: f for f in calibration(small, scale=0.01)}
        >>> figures["communities"].value, figures["communities"].expected
        (4, 3.74)
        >>> figures["work_coverage"].value
        1.0
        >>> figures["secretary_chairs"].source
        '[健全-1]'
    """
    _check_arguments(year, scale)
    on = reference_date(year)
    return tuple(
        Figure(
            name=p.name,
            published=p.published,
            value=p.compute(city, on),
            source=p.source,
            expected=p.published if p.share else p.published * scale,
        )
        for p in _PUBLISHED[year]
    )
