from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from xxgk_lint.core.model import Finding, Report, Severity
from xxgk_lint.core.rules import Rule


class UnreadableParts(Rule):
    """检查内容
    报告文件中有部分内容无法机读，读取器据实说明：例如 PDF 中某几页只有图像没有文字层（扫描件），某些页面内容损坏，
    或个别字体缺少 Unicode 映射而无法识别为文字。能读取的部分照常检查，无法读取的部分由本规则提示人工核对。
    整个文件都无法读取时不是本规则的问题，而是文件错误（退出码 2）。

    为什么
    “表格以图片形式发布”是审核中常见的问题：图片中的数字无法核对、无法检索，也不便于公众使用。
    静默跳过这些页面，会让审核人员误以为相关内容已经检查过。

    不符合的示例
        一份 6 页的 PDF，第 3、4 页（统计表）是扫描图片。

    符合的示例
        所有页面都带文字层的 PDF（由 Word/WPS 直接导出）。
    """

    code = "T111"
    name = "unreadable-parts"
    summary = "报告中有部分内容无法机读（如扫描页）"
    problem = "报告中有部分内容无法机读，无法完整检查"
    category = "table-missing"
    severity = Severity.WARNING

    def check(self, report: Report, params: Mapping[str, Any]) -> Iterator[Finding]:
        for note in report.reader_notes:
            yield Finding(self.code, self.category, f"{note}，请人工核对", evidence={"text": note}, key=note)
