from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.model import Finding, Report, Severity, Span
from xxgk_lint.core.rules import Rule

from ._prose_units import CJK_CHARS, HEADING_MARKER, context, prose_units

#: Two-character words of these reports.  A space is reported only where it splits one of them ("政 府信息",
#: "年 度报告"): without a dictionary a space between two words (a flattened heading before its text,
#: "方面 平潭") cannot be told from a typo, and a false alarm costs more than a miss.
_WORD_LIST = """
政府 信息 公开 年度 报告 工作 情况 申请 行政 复议 诉讼 管理 建设 平台 监督 保障 主动 处理 政务 网站 人民 政策
解读 制度 机制 规范 文件 办理 结果 问题 改进 措施 其他 需要 事项 收费 总体 条例 规定 要求 落实 推进 加强 提升
提高 完善 健全 部门 单位 机关 领导 组织 培训 学习 群众 社会 公众 服务 发布 更新 审核 审查 保密 依法 法律 法规
规章 许可 处罚 强制 决定 数量 总计 自然 法人 企业 机构 结转 予以 部分 不予 无法 提供 重复 检查 考核 评议 责任
追究 统计 期限 栏目 专栏 新闻 媒体 渠道 载体 重点 领域 民生 财政 预算 决算 项目 资金 人员 队伍 业务 能力 水平
意识 质量 内容 形式 方式 及时 准确 全面 有效 安全 联系 地址 电话 邮编 办公 指南 目录 依据 程序 标准 规划 计划
实施 开展 推动 深化 优化 创新 互动 回应 关切 舆情 热点 政协 提案 代表 建议 经济 发展 改革 疫情 防控 主要 存在
不足 进行 通过 全年 本年 上年 下年 继续 共计 合计 其中 以及 按照 根据 对于 关于 相关 有关 各类 各项
"""
WORDS = frozenset(_WORD_LIST.split())
_GAP = re.compile(f"(?<=[{CJK_CHARS}]) (?=[{CJK_CHARS}])")
#: Several such gaps close together are spaced-out or justified text (a layout artefact), not typos.
_NEARBY = 20
_CLAUSE_START = re.compile(r"[。；;！!？?\n]")


def _in_heading(folded: str, unit_start: int, gap: int) -> bool:
    """The clause holding the gap starts with a heading marker: an inline heading of flattened text."""
    ends = [m.end() for m in _CLAUSE_START.finditer(folded, unit_start, gap)]
    clause_start = ends[-1] if ends else unit_start
    return HEADING_MARKER.match(folded, clause_start) is not None


class SpaceInWord(Rule):
    """检查内容
    正文中一个词被空格隔开：“政 府信息公开”“年 度报告”。只报告汉字之间单个空格恰好把常用词（政府、信息、公开、
    年度、报告、工作……）拆开的情况。数字与汉字之间的空格（“2023 年”）、表格和标题中的对齐空格（“总 计”
    “结 果 维 持”）、附近有多处空格的整行分散排版、网页导出时标题与正文之间留下的空格都不报告。

    为什么
    词中间的空格是排版或编辑时误输入的，发布后显得不规范，也会妨碍检索。由于无法完全排除从 PDF 等格式提取文字时
    产生的空格，本规则只作提示。

    不符合的示例
        本机关认真做好政 府信息公开工作。

    符合的示例
        2023 年，本机关认真做好政府信息公开工作。
    """

    code = "G104"
    name = "space-in-word"
    summary = "正文中词语被空格隔开（如“政 府”）"
    problem = "正文中词语被空格隔开"
    category = "typography"
    severity = Severity.INFO

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        folded = report.folded
        for unit in prose_units(report, headings=False):
            gaps = [m.start() for m in _GAP.finditer(folded, unit.span.start, unit.span.end)]
            for gap in gaps:
                if folded[gap - 1] + folded[gap + 1] not in WORDS:
                    continue
                if sum(1 for g in gaps if g != gap and abs(g - gap) <= _NEARBY) >= 1:
                    continue  # spaced-out text
                if _in_heading(folded, unit.span.start, gap):
                    continue
                quoted = context(report.text, gap, gap + 1, width=5)
                word = folded[gap - 1] + folded[gap + 1]
                yield Finding(
                    self.code, self.category,
                    f"“{word}”一词中间有空格：“{quoted}”",
                    span=Span(gap - 1, gap + 2), section=unit.section,
                    evidence={"text": quoted, "word": word}, key=f"{word}:{quoted}",
                )
