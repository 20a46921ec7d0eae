"""The closed vocabularies of the domain: kinds, standings, categories, roles.

Every enum is a :class:`enum.StrEnum` whose values are the lower-case strings written in
documents, so ``CompoundKind("managed") is CompoundKind.MANAGED``.
"""

from __future__ import annotations

import enum

__all__ = [
    "ActivityKind",
    "CadreLevel",
    "CompoundKind",
    "ElectionLead",
    "Formation",
    "MatterKind",
    "MemberCategory",
    "OrgKind",
    "Role",
    "Severity",
    "Standing",
    "StationKind",
    "UnitKind",
]


class CompoundKind(enum.StrEnum):
    """Kind of a residential compound (小区), as the formation rule distinguishes them.

    Examples:
        >>> CompoundKind("old_quarter")
        <CompoundKind.OLD_QUARTER: 'old_quarter'>
    """

    MANAGED = "managed"
    """A mature compound with professional property management (成熟物业小区)."""
    RESETTLEMENT = "resettlement"
    """An open, loosely managed resettlement area (开放松散的拆迁安置)."""
    UNMANAGED = "unmanaged"
    """A compound without property management (无物业小区)."""
    OLD_QUARTER = "old_quarter"
    """Old-town streets and lanes (老城街巷)."""


class Standing(enum.StrEnum):
    """A party member's standing: full (正式党员) or probationary (预备党员).

    Examples:
        >>> Standing.FULL.value
        'full'
    """

    FULL = "full"
    PROBATIONARY = "probationary"


class MemberCategory(enum.StrEnum):
    """Where a member's working life stands: in service (在职), retired (离退休) or mobile (流动).

    Examples:
        >>> MemberCategory("retired") is MemberCategory.RETIRED
        True
    """

    IN_SERVICE = "in_service"
    RETIRED = "retired"
    MOBILE = "mobile"


class CadreLevel(enum.StrEnum):
    """The rank of a leading cadre (领导干部).

    Examples:
        >>> CadreLevel.DIVISION.is_division_or_above
        True
        >>> CadreLevel.SECTION.is_division_or_above
        False
    """

    SECTION = "section"
    """Section level (科级)."""
    DIVISION = "division"
    """Division level (处级)."""
    BUREAU = "bureau"
    """Bureau level (厅局级)."""
    MINISTRY = "ministry"
    """Provincial or ministerial level (省部级 and above)."""

    @property
    def is_division_or_above(self) -> bool:
        """Whether the rank is division level or above (处级以上), as the seed counts cadres."""
        return self is not CadreLevel.SECTION


class OrgKind(enum.StrEnum):
    """Kind of a party organisation (党组织).

    Examples:
        >>> OrgKind.COMPOUND_BRANCH.is_branch
        True
        >>> OrgKind.BUILDING_GROUP.is_group
        True
    """

    SUBDISTRICT_WORKING_COMMITTEE = "subdistrict_working_committee"
    """The sub-district's "big" working committee (街道大党工委)."""
    COMMUNITY_COMMITTEE = "community_committee"
    """A community's "big" party committee (社区大党委)."""
    COMMUNITY_BRANCH = "community_branch"
    """A community's branch, where the community has no committee (社区党支部)."""
    COMPOUND_BRANCH = "compound_branch"
    """The branch of one or several residential compounds (小区党支部)."""
    COURTYARD_BRANCH = "courtyard_branch"
    """A branch of courtyards in an open or unmanaged area (院落党支部)."""
    GRID_BRANCH = "grid_branch"
    """A branch of grid cells in an open or unmanaged area (网格党支部)."""
    BUILDING_GROUP = "building_group"
    """A party group of one or more buildings, below a branch (楼栋（道）党小组)."""
    LANE_GROUP = "lane_group"
    """A party group of old-town lanes, below a branch (街巷党小组)."""
    COMPANY_ORGANIZATION = "company_organization"
    """The party organisation of a property company (物业公司党组织)."""
    UNIT_ORGANIZATION = "unit_organization"
    """The party organisation of a unit (a municipal, resident or co-building unit) (单位党组织)."""

    @property
    def is_branch(self) -> bool:
        """Whether this kind is a branch that can cover a compound (compound, courtyard or grid)."""
        return self in _BRANCHES

    @property
    def is_group(self) -> bool:
        """Whether this kind is a party group below a branch (building or lane group)."""
        return self in _GROUPS

    @property
    def holds_membership(self) -> bool:
        """Whether a member's relation (组织关系) can be registered here; groups hold none."""
        return not self.is_group


_BRANCHES = frozenset({OrgKind.COMPOUND_BRANCH, OrgKind.COURTYARD_BRANCH, OrgKind.GRID_BRANCH})
_GROUPS = frozenset({OrgKind.BUILDING_GROUP, OrgKind.LANE_GROUP})


class Formation(enum.StrEnum):
    """How a compound branch was formed: standalone (单独组建) or joint (联合组建).

    Examples:
        >>> Formation("joint")
        <Formation.JOINT: 'joint'>
    """

    STANDALONE = "standalone"
    JOINT = "joint"


class Role(enum.StrEnum):
    """A post a person holds in a body: a party organisation, an owners' committee or a place.

    Examples:
        >>> Role.OWNERS_CHAIR.body_kind
        'committee'
        >>> Role.BUILDING_HEAD.body_kind
        'place'
        >>> Role.OWNERS_VICE_CHAIR.is_owners_post
        True
    """

    SECRETARY = "secretary"
    """Secretary of a party organisation (书记)."""
    DEPUTY_SECRETARY = "deputy_secretary"
    """Deputy secretary (副书记)."""
    FIRST_SECRETARY = "first_secretary"
    """A senior cadre placed above or beside the secretary (第一书记)."""
    BRANCH_COMMITTEE_MEMBER = "branch_committee_member"
    """Member of a branch committee (organisation, publicity, discipline ...) (支委委员)."""
    GROUP_LEADER = "group_leader"
    """Leader of a building or lane party group (党小组长)."""
    BUILDING_HEAD = "building_head"
    """Party-member head of a building (or lane) (党员楼栋（道）长)."""
    CENTRAL_HOUSEHOLD = "central_household"
    """A party-member household designated as the centre of its building (党员中心户)."""
    COMPOUND_SECRETARY = "compound_secretary"
    """A community staffer serving a compound (小区秘书, Huli's "1+N")."""
    LIAISON = "liaison"
    """A sub-district or community leader linked to a compound contact point (挂钩联系)."""
    OWNERS_CHAIR = "owners_chair"
    """Chair of an owners' committee (业委会主任)."""
    OWNERS_VICE_CHAIR = "owners_vice_chair"
    """Vice-chair of an owners' committee (业委会副主任)."""
    OWNERS_MEMBER = "owners_member"
    """Member of an owners' committee (业委会委员)."""

    @property
    def is_owners_post(self) -> bool:
        """Whether the post is a seat on an owners' committee (chair, vice-chair, member)."""
        return self in _COMMITTEE_ROLES

    @property
    def body_kind(self) -> str:
        """The kind of body the post sits in, one of ``"organization"``, ``"committee"`` and ``"place"``."""
        if self in _COMMITTEE_ROLES:
            return "committee"
        if self in _PLACE_ROLES:
            return "place"
        return "organization"


_COMMITTEE_ROLES = frozenset({Role.OWNERS_CHAIR, Role.OWNERS_VICE_CHAIR, Role.OWNERS_MEMBER})
_PLACE_ROLES = frozenset(
    {Role.BUILDING_HEAD, Role.CENTRAL_HOUSEHOLD, Role.COMPOUND_SECRETARY, Role.LIAISON}
)


class ElectionLead(enum.StrEnum):
    """Who led the preparation (筹备) of an owners' committee's election.

    Examples:
        >>> ElectionLead("compound_branch") is ElectionLead.COMPOUND_BRANCH
        True
    """

    COMPOUND_BRANCH = "compound_branch"
    """The compound's party branch led it, as the seed asks [健全-1]."""
    COMMUNITY = "community"
    """The community party organisation or residents' committee."""
    SUBDISTRICT = "subdistrict"
    """The sub-district office."""
    OWNERS = "owners"
    """The owners alone."""
    DEVELOPER = "developer"
    """The developer or the property company."""


class UnitKind(enum.StrEnum):
    """Kind of a unit outside the residential system that takes part in co-building.

    Examples:
        >>> UnitKind.MUNICIPAL.value
        'municipal'
    """

    MUNICIPAL = "municipal"
    """A municipal-level unit reporting to a linked community (市直单位)."""
    RESIDENT = "resident"
    """A unit located in the community (驻区单位)."""
    CO_BUILDING = "co_building"
    """Another unit that co-builds with the community (共建单位)."""


class StationKind(enum.StrEnum):
    """Kind of a service position (服务阵地) in the "neighbour service circle".

    Examples:
        >>> StationKind("compound_station")
        <StationKind.COMPOUND_STATION: 'compound_station'>
    """

    COMPOUND_STATION = "compound_station"
    """A party-and-masses service station in a compound (小区党群服务站)."""
    COMMUNITY_CENTRE = "community_centre"
    """The community's service centre (社区党群服务中心)."""
    SUBDISTRICT_CENTRE = "subdistrict_centre"
    """The sub-district's service centre (街道党群服务中心)."""


class MatterKind(enum.StrEnum):
    """The matter an owners' vote decides: ordinary, or one of 民法典 art. 278's items.

    Examples:
        >>> MatterKind.RAISE_MAINTENANCE_FUND.is_major
        True
        >>> MatterKind.ORDINARY.is_major
        False
    """

    ORDINARY = "ordinary"
    """A matter outside the list of art. 278."""
    RULES_OF_PROCEDURE = "rules_of_procedure"
    """Art. 278 item 1, making or amending the owners' assembly's rules of procedure."""
    MANAGEMENT_STATUTE = "management_statute"
    """Art. 278 item 2, making or amending the management statute (管理规约)."""
    COMMITTEE_ELECTION = "committee_election"
    """Art. 278 item 3, electing the owners' committee or replacing its members."""
    PROPERTY_SERVICE = "property_service"
    """Art. 278 item 4, hiring or dismissing the property service company."""
    USE_MAINTENANCE_FUND = "use_maintenance_fund"
    """Art. 278 item 5, using the maintenance fund of the buildings."""
    RAISE_MAINTENANCE_FUND = "raise_maintenance_fund"
    """Art. 278 item 6, raising the maintenance fund."""
    REBUILD = "rebuild"
    """Art. 278 item 7, rebuilding or reconstructing buildings."""
    CHANGE_COMMON_PARTS = "change_common_parts"
    """Art. 278 item 8, changing the use of common parts, or running a business with them."""
    OTHER_MAJOR = "other_major"
    """Art. 278 item 9, another major matter of the common parts."""

    @property
    def is_major(self) -> bool:
        """Whether the matter is one of art. 278's items (a major matter the branch discusses first)."""
        return self is not MatterKind.ORDINARY


class ActivityKind(enum.StrEnum):
    """Kind of a recorded member activity, read by the points system and the membership rules.

    Examples:
        >>> ActivityKind("dues_paid")
        <ActivityKind.DUES_PAID: 'dues_paid'>
    """

    THEME_PARTY_DAY = "theme_party_day"
    """The monthly theme party day (主题党日)."""
    BRANCH_MEETING = "branch_meeting"
    """A general meeting of the branch's members (支部党员大会)."""
    GROUP_MEETING = "group_meeting"
    """A meeting of the member's party group (党小组会)."""
    PARTY_LECTURE = "party_lecture"
    """A party lecture (党课)."""
    ORGANIZATIONAL_LIFE_MEETING = "organizational_life_meeting"
    """The yearly organisational-life meeting (组织生活会)."""
    BRANCH_COMMITTEE_MEETING = "branch_committee_meeting"
    """A meeting of the branch committee (党支部委员会会议), attended by its members."""
    DEMOCRATIC_APPRAISAL = "democratic_appraisal"
    """The yearly democratic appraisal of members (民主评议党员)."""
    VOLUNTEER_SERVICE = "volunteer_service"
    """Volunteer service in the compound (志愿服务)."""
    SERVICE_ITEM_DONE = "service_item_done"
    """A claimed service item of the compound's demand list, done."""
    DUES_PAID = "dues_paid"
    """Party dues paid (交纳党费)."""
    ASSIGNED_WORK = "assigned_work"
    """Work assigned by the party organisation, done."""
    PROJECT_SIGN_UP = "project_sign_up"
    """Sign-up to an online service project (报名)."""
    PROJECT_CHECK_IN = "project_check_in"
    """On-site scan check-in at an online service project (扫码签到)."""


ORGANIZATIONAL_LIFE: tuple[ActivityKind, ...] = (
    ActivityKind.THEME_PARTY_DAY,
    ActivityKind.BRANCH_MEETING,
    ActivityKind.BRANCH_COMMITTEE_MEETING,
    ActivityKind.GROUP_MEETING,
    ActivityKind.PARTY_LECTURE,
    ActivityKind.ORGANIZATIONAL_LIFE_MEETING,
    ActivityKind.DEMOCRATIC_APPRAISAL,
    ActivityKind.DUES_PAID,
    ActivityKind.ASSIGNED_WORK,
)
"""The activity kinds that count as organisational life, paying dues or doing assigned work: the
three things 党章 art. 9 names. The membership rule NP405 and the example points scheme read
this one list."""


class Severity(enum.StrEnum):
    """How much a failing rule matters, as a linter grades it.

    Examples:
        >>> sorted([Severity.INFO, Severity.ERROR, Severity.WARNING])
        [<Severity.ERROR: 'error'>, <Severity.INFO: 'info'>, <Severity.WARNING: 'warning'>]
        >>> Severity.WARNING.rank > Severity.INFO.rank
        True
    """

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """An integer that orders severities, info < warning < error."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
