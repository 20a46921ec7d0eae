"""A small hand-written city made of the seed's scenarios, for examples, docs and tests.

:func:`seed_city` builds one sub-district with two communities:

- 金安小区 ``c-jinan``: a managed compound of 120 households with a standalone branch, a
  building group, a building head and a central household; its secretary also chairs the
  owners' committee (一肩挑) [建强-2, 健全-1];
- ``c-east`` and ``c-west``: two small compounds under one joint branch, served by a compound
  secretary the community dispatched [建强-2, 凝聚-1];
- ``c-old``: an old-town quarter whose lane is reached by a grid branch and a lane group
  [建强-2].

The names are made up; the shapes are the seed's.
"""

from __future__ import annotations

from datetime import date

from neighborparty.model import (
    Activity,
    ActivityKind,
    Appointment,
    Building,
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

__all__ = ["seed_city"]

_FULL = Standing.FULL
_RETIRED = MemberCategory.RETIRED
_IN_SERVICE = MemberCategory.IN_SERVICE


def _member(
    registered_in: str,
    *,
    standing: Standing = _FULL,
    category: MemberCategory = _RETIRED,
    joined: date = date(2000, 7, 1),
    **extra: object,
) -> Membership:
    full_since = date(joined.year + 1, joined.month, joined.day) if standing is _FULL else None
    return Membership(
        standing=standing,
        category=category,
        registered_in=registered_in,
        joined=joined,
        full_since=full_since,
        **extra,  # type: ignore[arg-type]
    )


def seed_city() -> City:
    """The seed's scenarios as one small, valid city (``id="xm-demo"``).

    Returns:
        A City of one district, one sub-district, two communities and four compounds.

    Examples:
        >>> city = seed_city()
        >>> [c.id for c in city.compounds]
        ['c-jinan', 'c-east', 'c-west', 'c-old']
        >>> city.get("br-joint").formation.value
        'joint'
    """
    start = date(2019, 6, 1)
    four_haves = FourHaves(
        capability=True,
        prestige=True,
        public_spirit=True,
        enthusiasm=True,
        assessed_on=date(2019, 5, 20),
    )
    return City(
        id="xm-demo",
        name="厦门 (seed examples)",
        districts=[District(id="d-1", name="示例区")],
        subdistricts=[Subdistrict(id="s-1", name="示例街道", district="d-1")],
        communities=[
            Community(id="cm-jinan", name="金安社区", subdistrict="s-1"),
            Community(id="cm-old", name="老城社区", subdistrict="s-1"),
        ],
        compounds=[
            Compound(
                id="c-jinan",
                name="金安小区",
                community="cm-jinan",
                households=120,
                kind=CompoundKind.MANAGED,
                residents=350,
            ),
            Compound(
                id="c-east",
                name="东苑",
                community="cm-jinan",
                households=70,
                kind=CompoundKind.MANAGED,
            ),
            Compound(
                id="c-west",
                name="西苑",
                community="cm-jinan",
                households=60,
                kind=CompoundKind.MANAGED,
            ),
            Compound(
                id="c-old",
                name="大同路片区",
                community="cm-old",
                households=200,
                kind=CompoundKind.OLD_QUARTER,
            ),
        ],
        buildings=[
            Building(id="b-jinan-1", compound="c-jinan", households=60, name="1号楼"),
            Building(id="b-jinan-2", compound="c-jinan", households=60, name="2号楼"),
            Building(id="b-east-1", compound="c-east", households=70),
            Building(id="b-west-1", compound="c-west", households=60),
        ],
        lanes=[Lane(id="ln-datong", name="大同路", compound="c-old", households=80)],
        grids=[Grid(id="g-old", name="大同网格", community="cm-old", compounds=["c-old"])],
        people=[
            Person(
                id="p-lin",
                name="林书记",
                home="b-jinan-1",
                party=_member("br-jinan", joined=date(1995, 7, 1), identity_shown=True),
                cadre_level=None,
                four_haves=four_haves,
            ),
            Person(
                id="p-chen",
                name="陈",
                home="b-jinan-1",
                party=_member(
                    "br-jinan", category=_IN_SERVICE, reported_to="cm-jinan", identity_shown=True
                ),
            ),
            Person(id="p-wang", name="王", home="b-jinan-2", party=_member("br-jinan")),
            Person(
                id="p-zhao",
                name="赵",
                home="b-jinan-2",
                party=_member(
                    "org-tax", category=_IN_SERVICE, managed_in="br-jinan", reported_to="cm-jinan"
                ),
            ),
            Person(
                id="p-huang",
                name="黄",
                home="b-jinan-2",
                party=_member("cc-jinan", standing=Standing.PROBATIONARY, joined=date(2020, 3, 1)),
            ),
            Person(id="p-zhou", name="周", home="b-jinan-1"),
            Person(
                id="p-liu",
                name="刘",
                home="b-east-1",
                party=_member("br-joint"),
                four_haves=four_haves,
            ),
            Person(id="p-sun", name="孙", home="b-west-1", party=_member("br-joint")),
            Person(id="p-ma", name="马", home="b-west-1", party=_member("br-joint")),
            Person(id="p-xu", name="许", home="ln-datong", party=_member("br-grid-old")),
            Person(id="p-ye", name="叶", home="ln-datong"),
        ],
        organizations=[
            PartyOrganization(
                id="swc-1",
                name="示例街道大党工委",
                kind=OrgKind.SUBDISTRICT_WORKING_COMMITTEE,
                covers=["s-1"],
            ),
            PartyOrganization(
                id="cc-jinan",
                name="金安社区大党委",
                kind=OrgKind.COMMUNITY_COMMITTEE,
                parent="swc-1",
                covers=["cm-jinan"],
            ),
            PartyOrganization(
                id="cc-old",
                name="老城社区党委",
                kind=OrgKind.COMMUNITY_COMMITTEE,
                parent="swc-1",
                covers=["cm-old"],
            ),
            PartyOrganization(
                id="br-jinan",
                name="金安小区党支部",
                kind=OrgKind.COMPOUND_BRANCH,
                parent="cc-jinan",
                covers=["c-jinan"],
                formation=Formation.STANDALONE,
                elected_on=start,
            ),
            PartyOrganization(
                id="grp-jinan-1",
                name="金安楼栋党小组",
                kind=OrgKind.BUILDING_GROUP,
                parent="br-jinan",
                covers=["b-jinan-1", "b-jinan-2"],
            ),
            PartyOrganization(
                id="br-joint",
                name="东西苑联合党支部",
                kind=OrgKind.COMPOUND_BRANCH,
                parent="cc-jinan",
                covers=["c-east", "c-west"],
                formation=Formation.JOINT,
                elected_on=start,
            ),
            PartyOrganization(
                id="br-grid-old",
                name="大同网格党支部",
                kind=OrgKind.GRID_BRANCH,
                parent="cc-old",
                covers=["g-old"],
                elected_on=start,
            ),
            PartyOrganization(
                id="grp-datong",
                name="大同路街巷党小组",
                kind=OrgKind.LANE_GROUP,
                parent="br-grid-old",
                covers=["ln-datong"],
            ),
            PartyOrganization(id="org-tax", name="市税务局党委", kind=OrgKind.UNIT_ORGANIZATION),
        ],
        appointments=[
            Appointment(person="p-lin", body="br-jinan", role=Role.SECRETARY, start=start),
            Appointment(person="p-lin", body="oc-jinan", role=Role.OWNERS_CHAIR, start=start),
            Appointment(person="p-chen", body="oc-jinan", role=Role.OWNERS_VICE_CHAIR, start=start),
            Appointment(person="p-zhou", body="oc-jinan", role=Role.OWNERS_MEMBER, start=start),
            Appointment(person="p-zhao", body="oc-jinan", role=Role.OWNERS_MEMBER, start=start),
            Appointment(person="p-wang", body="oc-jinan", role=Role.OWNERS_MEMBER, start=start),
            Appointment(person="p-chen", body="grp-jinan-1", role=Role.GROUP_LEADER, start=start),
            Appointment(person="p-chen", body="b-jinan-1", role=Role.BUILDING_HEAD, start=start),
            Appointment(
                person="p-wang", body="b-jinan-2", role=Role.CENTRAL_HOUSEHOLD, start=start
            ),
            Appointment(person="p-liu", body="br-joint", role=Role.SECRETARY, start=start),
            Appointment(
                person="p-ye",
                body="c-east",
                role=Role.COMPOUND_SECRETARY,
                start=start,
                dispatched=True,
            ),
            Appointment(
                person="p-ye",
                body="c-west",
                role=Role.COMPOUND_SECRETARY,
                start=start,
                dispatched=True,
            ),
            Appointment(person="p-xu", body="br-grid-old", role=Role.SECRETARY, start=start),
            Appointment(person="p-xu", body="ln-datong", role=Role.BUILDING_HEAD, start=start),
        ],
        committees=[
            OwnersCommittee(
                id="oc-jinan",
                compound="c-jinan",
                term_start=start,
                term_end=date(2024, 5, 31),
                election_led_by=ElectionLead.COMPOUND_BRANCH,
            )
        ],
        companies=[PropertyCompany(id="pm-anju", name="安居物业", compounds=["c-jinan"])],
        units=[
            Unit(
                id="u-tax",
                name="市税务局",
                kind=UnitKind.MUNICIPAL,
                community="cm-jinan",
                reported_on=date(2020, 3, 1),
                party_organization="org-tax",
            )
        ],
        agreements=[
            CoBuildingAgreement(
                id="ag-tax", unit="u-tax", organization="br-jinan", signed_on=date(2020, 4, 1)
            )
        ],
        stations=[
            ServiceStation(
                id="st-jinan",
                name="金安小区党群服务站",
                place="c-jinan",
                kind=StationKind.COMPOUND_STATION,
            ),
            ServiceStation(
                id="st-cm-jinan",
                name="金安社区党群服务中心",
                place="cm-jinan",
                kind=StationKind.COMMUNITY_CENTRE,
            ),
        ],
        service_items=[ServiceItem(id="si-haircut", compound="c-jinan", name="义务理发")],
        claims=[
            ServiceClaim(id="cl-1", person="p-chen", item="si-haircut", claimed_on=date(2020, 4, 1))
        ],
        projects=[
            ServiceProject(
                id="sp-meals", name="敬老助餐", place="cm-jinan", held_on=date(2020, 10, 1)
            )
        ],
        votes=[
            OwnersVote(
                id="v-fund",
                compound="c-jinan",
                matter=MatterKind.USE_MAINTENANCE_FUND,
                held_on=date(2020, 9, 1),
                total_area=12000.0,
                total_owners=120,
                participating_area=9000.0,
                participating_owners=90,
                area_for=8100.0,
                owners_for=81,
                title="电梯维修",
            )
        ],
        deliberations=[
            Deliberation(
                id="dl-fund", organization="br-jinan", vote="v-fund", held_on=date(2020, 8, 20)
            )
        ],
        whistles=[
            Whistle(
                id="w-lamp",
                compound="c-old",
                raised_on=date(2020, 5, 1),
                matter="路灯不亮",
                department="市政园林局",
                answered_on=date(2020, 5, 6),
            )
        ],
        activities=[
            Activity(
                id="ac-1",
                person="p-chen",
                kind=ActivityKind.THEME_PARTY_DAY,
                on=date(2020, 9, 5),
                ref="br-jinan",
            ),
            Activity(
                id="ac-2",
                person="p-chen",
                kind=ActivityKind.SERVICE_ITEM_DONE,
                on=date(2020, 9, 12),
                ref="si-haircut",
            ),
            Activity(
                id="ac-3",
                person="p-chen",
                kind=ActivityKind.PROJECT_SIGN_UP,
                on=date(2020, 9, 20),
                ref="sp-meals",
            ),
            Activity(
                id="ac-4",
                person="p-chen",
                kind=ActivityKind.PROJECT_CHECK_IN,
                on=date(2020, 10, 1),
                ref="sp-meals",
            ),
            Activity(id="ac-5", person="p-lin", kind=ActivityKind.DUES_PAID, on=date(2020, 10, 8)),
        ],
    )
