"""The words of a synthetic city and the names made from them.

Every Chinese word of a synthetic city is here: the words places are named after, surnames and
given names, units, departments, service items and projects, whistles' matters and votes'
titles, and the few patterns that turn them into names. A list that runs out repeats with a
number (``金安社区``, ..., ``金安2社区``), so that names stay unique at any scale.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from neighborparty.model import CompoundKind, MatterKind, UnitKind

__all__ = [
    "COMPOUND_SUFFIXES",
    "CO_BUILDING_UNITS",
    "DEPARTMENTS",
    "GIVEN_NAMES",
    "MATTER_TITLES",
    "MUNICIPAL_UNITS",
    "PLACE_WORDS",
    "PROJECTS",
    "RESIDENT_UNITS",
    "SERVICE_ITEMS",
    "SURNAMES",
    "WHISTLE_MATTERS",
    "building_name",
    "community_name",
    "company_name",
    "compound_name",
    "copy_suffix",
    "grid_name",
    "group_name",
    "joint_branch_name",
    "lane_name",
    "open_area_branch_name",
    "person_name",
    "place_word",
    "repeated",
    "standalone_branch_name",
    "unit_name",
]


def _words(text: str) -> tuple[str, ...]:
    """The words of a space-separated list, as a tuple."""
    return tuple(text.split())


PLACE_WORDS = _words(
    "金安 湖滨 莲花 松柏 东渡 仙岳 槟榔 文灶 筼筜 后埔 枋湖 园山 前埔 "
    "瑞景 何厝 洪文 塔埔 殿前 高殿 兴隆 乌石浦 吕厝 金尚 浦南 龙山 建业 "
    "海天 嘉禾 禾祥 南湖 中山 思北 镇海 鸿山 大同 厦禾 美湖 溪岸 侨英 "
    "杏林 新阳 海沧 嵩屿 新店 香山 祥平 凤南 金海 滨海 曾厝垵 黄厝 官任 "
    "泥窟 钟宅 五缘 天湖 马銮 锦园"
)
"""Xiamen place words that communities, compounds, lanes and companies are named after."""
COMPOUND_SUFFIXES: Mapping[CompoundKind, tuple[str, ...]] = {
    CompoundKind.MANAGED: ("花园", "苑", "大厦", "公寓", "雅居", "华庭"),
    CompoundKind.UNMANAGED: ("小区", "宿舍", "里", "楼群"),
    CompoundKind.RESETTLEMENT: ("安置房", "新村", "安置小区"),
    CompoundKind.OLD_QUARTER: ("片区", "街区", "老街"),
}
SURNAMES = "陈林黄张李王吴刘蔡杨许郑谢洪郭邱曾廖赖徐周叶苏庄吕江何萧罗高潘简朱钟游彭詹胡施沈余卢梁赵颜柯翁魏孙戴"
GIVEN_NAMES = _words(
    "伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 华 慧 "
    "建国 志明 金水 阿珠 美玲 文彬 雅婷 家豪 俊杰 淑贞 国强 丽华 振华 "
    "春梅 海燕 晓东 宏伟 婷婷 建华 玉兰"
)
MUNICIPAL_UNITS = _words(
    "市税务局 市财政局 市住房局 市民政局 市卫健委 市教育局 市公安局 市交通局 "
    "市市政园林局 市生态环境局 市商务局 市文旅局 市人社局 市自然资源局 市水利局 "
    "市应急局 市市场监管局 市统计局 市审计局 市司法局"
)
RESIDENT_UNITS = _words(
    "小学 中学 医院 银行支行 派出所 供电所 卫生服务中心 幼儿园 邮政支局 燃气公司"
)
CO_BUILDING_UNITS = _words("国有企业 高校 部队 科研院所 律师事务所 国有银行")
SERVICE_ITEMS = _words(
    "义务理发 量血压 家电维修 法律咨询 代购代办 陪诊 垃圾分类督导 楼道清洁 "
    "四点半课堂 独居老人探访 心理疏导 文明劝导 消防巡查 绿化养护 防疫宣传 "
    "助餐送餐"
)
PROJECTS = _words("敬老助餐 义诊进小区 垃圾分类宣传 儿童托管 法律咨询日 环境整治 邻里节 旧物交换")
DEPARTMENTS = _words(
    "市政园林局 城管执法局 住房局 生态环境局 交通运输局 公安分局 供电公司 自来水公司 消防救援支队"
)
WHISTLE_MATTERS = _words(
    "路灯不亮 污水外溢 违章搭建 电梯故障 占道经营 噪音扰民 停车难 外墙脱落 "
    "垃圾清运不及时 消防通道堵塞"
)
MATTER_TITLES: Mapping[MatterKind, str] = {
    MatterKind.ORDINARY: "小区公共事务",
    MatterKind.USE_MAINTENANCE_FUND: "动用维修资金",
    MatterKind.PROPERTY_SERVICE: "续聘物业服务企业",
    MatterKind.MANAGEMENT_STATUTE: "修订管理规约",
    MatterKind.CHANGE_COMMON_PARTS: "改变共有部分用途",
    MatterKind.RAISE_MAINTENANCE_FUND: "续筹维修资金",
    MatterKind.COMMITTEE_ELECTION: "增补业委会委员",
    MatterKind.REBUILD: "加装电梯",
    MatterKind.OTHER_MAJOR: "共有部分重大事项",
}
"""The title of an owners' vote on each kind of matter."""


# --------------------------------------------------------------------------- patterns


def repeated(words: Sequence[str], k: int) -> str:
    """The ``k``-th word of a list that repeats with a number once it runs out.

    Examples:
        >>> repeated(["甲", "乙"], 1), repeated(["甲", "乙"], 2), repeated(["甲", "乙"], 5)
        ('乙', '甲2', '乙3')
    """
    again = k // len(words)
    return words[k % len(words)] + (f"{again + 1}" if again else "")


def copy_suffix(copy: int) -> str:
    """What tells the copies of Xiamen's districts apart in a province (the first has none).

    Examples:
        >>> copy_suffix(0), copy_suffix(1)
        ('', '·2')
    """
    return f"·{copy + 1}" if copy else ""


def community_name(k: int) -> str:
    """The name of the ``k``-th community of the city.

    Examples:
        >>> community_name(0), community_name(len(PLACE_WORDS))
        ('金安社区', '金安2社区')
    """
    return f"{repeated(PLACE_WORDS, k)}社区"


def place_word(community: str) -> str:
    """The place word a community is named after, for what it names after it.

    Examples:
        >>> place_word("金安社区")
        '金安'
    """
    return community.removesuffix("社区")


def compound_name(rng: random.Random, kind: CompoundKind, index: int) -> str:
    """The name of a compound: a random place word and a suffix of its kind.

    Examples:
        >>> compound_name(random.Random(0), CompoundKind.MANAGED, 0).endswith("花园")
        True
    """
    suffixes = COMPOUND_SUFFIXES[kind]
    word = PLACE_WORDS[rng.randrange(len(PLACE_WORDS))]
    return f"{word}{suffixes[index % len(suffixes)]}"


def building_name(number: int) -> str:
    """The name of a compound's ``number``-th building (from 0).

    Examples:
        >>> building_name(0)
        '1号楼'
    """
    return f"{number + 1}号楼"


def lane_name(rng: random.Random) -> str:
    """The name of a lane of an old-town quarter: a random place word.

    Examples:
        >>> lane_name(random.Random(0)).endswith("巷")
        True
    """
    return f"{PLACE_WORDS[rng.randrange(len(PLACE_WORDS))]}巷"


def person_name(person: int) -> str:
    """The name of the ``person``-th resident: a surname and a given name, spread evenly.

    Examples:
        >>> person_name(0), person_name(1)
        ('陈伟', '林磊')
    """
    return (
        SURNAMES[person % len(SURNAMES)]
        + GIVEN_NAMES[(person // len(SURNAMES) + 7 * person) % len(GIVEN_NAMES)]
    )


def unit_name(kind: UnitKind, k: int, community: str) -> str:
    """The name of the ``k``-th unit: a municipal bureau, or a resident or co-building unit named
    after its community.

    Examples:
        >>> unit_name(UnitKind.MUNICIPAL, 0, "金安社区"), unit_name(UnitKind.RESIDENT, 1, "金安社区")
        ('市税务局', '金安中学')
    """
    if kind is UnitKind.MUNICIPAL:
        again = k // len(MUNICIPAL_UNITS)
        return MUNICIPAL_UNITS[k % len(MUNICIPAL_UNITS)] + (f"第{again + 1}处" if again else "")
    words = RESIDENT_UNITS if kind is UnitKind.RESIDENT else CO_BUILDING_UNITS
    return place_word(community) + words[k % len(words)]


def company_name(k: int) -> str:
    """The name of the ``k``-th property company.

    Examples:
        >>> company_name(0)
        '金安物业服务有限公司'
    """
    return f"{repeated(PLACE_WORDS, k)}物业服务有限公司"


def standalone_branch_name(compound: str) -> str:
    """The name of a compound's own branch.

    Examples:
        >>> standalone_branch_name("金安花园")
        '金安花园党支部'
    """
    return f"{compound}党支部"


def joint_branch_name(first: str, compounds: int) -> str:
    """The name of a joint branch of several compounds, after the first of them.

    Examples:
        >>> joint_branch_name("金安花园", 3)
        '金安花园等3个小区联合党支部'
    """
    return f"{first}等{compounds}个小区联合党支部"


def open_area_branch_name(first: str, *, courtyard: bool) -> str:
    """The name of a courtyard or grid branch, after the first compound of its grid.

    Examples:
        >>> open_area_branch_name("金安片区", courtyard=True)
        '金安片区院落党支部'
    """
    return f"{first}{'院落党支部' if courtyard else '网格党支部'}"


def grid_name(community: str, number: int) -> str:
    """The name of a community's ``number``-th courtyard grid (from 1).

    Examples:
        >>> grid_name("金安社区", 2)
        '金安第2网格'
    """
    return f"{place_word(community)}第{number}网格"


def group_name(compound: str, number: int, *, first_lane: str | None = None) -> str:
    """The name of a building group of a compound (its ``number``-th, from 1), or of a lane
    group after its first lane.

    Examples:
        >>> group_name("金安花园", 1), group_name("金安片区", 1, first_lane="湖滨巷")
        ('金安花园第1楼栋党小组', '湖滨巷街巷党小组')
    """
    if first_lane is not None:
        return f"{first_lane}街巷党小组"
    return f"{compound}第{number}楼栋党小组"
