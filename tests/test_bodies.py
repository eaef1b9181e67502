from __future__ import annotations

import pytest

from xxgk_lint.core.bodies import BodyKind, classify_body, self_type


@pytest.mark.parametrize(
    ("name", "kind", "word"),
    [
        ("武陟县小董乡人民政府", BodyKind.TOWNSHIP, "乡"),
        ("兴县圪塔上乡人民政府", BodyKind.TOWNSHIP, "乡"),
        ("鲁山县土门办事处", BodyKind.TOWNSHIP, None),
        ("某区东城街道办事处", BodyKind.TOWNSHIP, "街道"),
        ("示例镇人民政府", BodyKind.TOWNSHIP, "镇"),
        ("示例县人民政府", BodyKind.COUNTY, "县"),
        ("鼓楼区人民政府", BodyKind.COUNTY, "区"),
        ("淮安市人民政府", BodyKind.CITY, "市"),
        ("江苏省人民政府", BodyKind.PROVINCE, None),
        ("上海市人民政府", BodyKind.PROVINCE, "市"),
        ("沭阳县发展和改革局", BodyKind.DEPARTMENT, None),
        ("淮安市人民政府办公室", BodyKind.DEPARTMENT, None),
        ("平潭综合实验区", BodyKind.UNKNOWN, "区"),  # it writes 我区
        (None, BodyKind.UNKNOWN, None),
    ],
)
def test_classify(name, kind, word):
    assert classify_body(name) is kind
    assert self_type(name) == word
