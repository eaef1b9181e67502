"""What kind of administrative body issued a report, from its name — deadlines, 规章 and self-references
depend on it.

Names are classified by their ending, the way reviewers read them: ``…乡人民政府`` is a township, ``…县人民政府``
a county-level government, ``…局`` a department.  A ``…市人民政府`` can be a 设区的市 or a county-level city,
which a name alone does not tell, so it stays ``CITY`` and rules that would need to know stay silent.
"""

from __future__ import annotations

import re
from enum import Enum


class BodyKind(str, Enum):
    PROVINCE = "province"  # 省/自治区/直辖市人民政府
    CITY = "city"  # 市人民政府 (设区的市 or 县级市)
    COUNTY = "county"  # 县/区/旗人民政府
    TOWNSHIP = "township"  # 乡/镇人民政府, 街道办事处
    DEPARTMENT = "department"  # 政府工作部门及其他机构 (局、委、办、厅、中心…)
    UNKNOWN = "unknown"


_RULES = (
    (BodyKind.TOWNSHIP, re.compile(r"(乡|镇|苏木)(人民政府)?$|街道(办事处)?$|办事处$|街道办$")),
    (BodyKind.PROVINCE, re.compile(r"^[^市县区]{2,8}(省|自治区)人民政府$|^(北京|天津|上海|重庆)市人民政府$")),
    (BodyKind.COUNTY, re.compile(r"(县|区|旗|自治县)人民政府$")),
    (BodyKind.CITY, re.compile(r"(市|自治州|地区|盟)人民政府$")),
    (BodyKind.DEPARTMENT, re.compile(
        r"(局|厅|委员会|委|办公室|办公厅|办|中心|署|院|处|所|站|队|管理委员会|管委会|人民政府[^\s]+)$")),
)


def classify_body(name: str | None) -> BodyKind:
    if not name:
        return BodyKind.UNKNOWN
    compact = re.sub(r"\s+", "", name)
    for kind, pattern in _RULES:
        if pattern.search(compact):
            return kind
    return BodyKind.UNKNOWN


def is_government(kind: BodyKind) -> bool:
    """Reports of 县级以上地方人民政府 themselves (条例第四十九条: published by 03-31)."""
    return kind in (BodyKind.PROVINCE, BodyKind.CITY, BodyKind.COUNTY)


#: Only provincial and 设区的市 governments make 规章; these kinds certainly cannot.
CANNOT_MAKE_RULES = frozenset({BodyKind.COUNTY, BodyKind.TOWNSHIP})



def self_type(name: str | None) -> str | None:
    """The type word a body uses for itself: 乡, 镇, 街道, 县, 区 or 市 (None when the name does not say)."""
    if not name:
        return None
    # a bare …办事处 is 街道-level, but its name does not say so: None, and rules decide how sure to be
    compact = re.sub(r"(人民政府|办事处)$", "", re.sub(r"\s+", "", name))
    for word in ("街道", "乡", "镇", "县", "区", "市"):
        if compact.endswith(word):
            return word
    return None
